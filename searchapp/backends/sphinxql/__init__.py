"""The SphinxQL backend: the same search on a cluster of Sphinx or Manticore `searchd` nodes."""
