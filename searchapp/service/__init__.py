"""The search service: the only door from the web layer and the CLI into an engine, and the one
place for every rule that is not an engine's business."""
from searchapp.service.search import ArticleView, SearchService

__all__ = ["ArticleView", "SearchService"]
