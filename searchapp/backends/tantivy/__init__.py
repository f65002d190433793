"""The embedded tantivy engine (`pip install searchapp[tantivy]`, SEARCHAPP_BACKEND=tantivy): the
archive in a tantivy index on this machine, for archives that outgrow Whoosh on one machine."""
