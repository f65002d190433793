"""Turn saved pages into clean articles: load -> clean -> meta -> entities (see pipeline)."""
