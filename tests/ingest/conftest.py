import pytest

from searchapp.ingest.known_names import forget


@pytest.fixture(autouse=True)
def knowing_no_name():
    """Each test's model starts knowing no name from an earlier test's articles."""
    forget()
    yield
    forget()
