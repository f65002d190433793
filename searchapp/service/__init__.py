"""The search service: the only door from the web layer and the CLI into an engine, and the one
place for every rule that is not an engine's business."""
from searchapp.service.build import Build
from searchapp.service.compare import MAX_QUERIES, MIN_QUERIES, Comparison, Series
from searchapp.service.search import ArticleView, SearchService

__all__ = ["MAX_QUERIES", "MIN_QUERIES", "ArticleView", "Build", "Comparison", "SearchService", "Series"]
