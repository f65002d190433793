"""The Whoosh engine reaches into Whoosh's internals (arrays, zerocopy, analysis, columns and
the writer's field lengths): each is tested against Whoosh's own path, and all of them were
written against one version. A new version must be checked before it is let in."""
from importlib.metadata import version

PINNED = "2.7.5"


def test_whoosh_reloaded_is_the_version_the_speed_work_was_checked_against():
    installed = version("whoosh-reloaded")
    assert installed == PINNED, (
        f"whoosh-reloaded {installed} is installed, but searchapp/backends/whoosh was checked against {PINNED}: "
        "run tests/backends/whoosh (each speed path against Whoosh's own) and bench/, then update PINNED "
        "and the pin in setup.cfg together")
