"""The embedded engine, the default: the archive in a Whoosh index on this machine.

Whoosh's own paths are sped up in this package only, each piece tested against the path it
replaces: analysis (indexing in one loop), arrays (scoring word queries over numpy), columns and
selection (facets as array work), zerocopy (segments shared between searchers), writer (field
lengths read once at commit). They reach into Whoosh's internals, so the version is pinned and
tests/backends/whoosh/test_version.py fails loudly when it changes.
"""
from searchapp.backends.whoosh import zerocopy  # noqa: F401 - searchers share mapped segments, see there
