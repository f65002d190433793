"""The Whoosh index: its schema, atomic rebuilds, and the search service the web layer calls."""
