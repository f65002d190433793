"""The Whoosh index: its schema, atomic rebuilds, and the search service the web layer calls."""
from searchapp.search import zerocopy  # noqa: F401 - searchers share mapped segments, see there
