"""Error pages: user mistakes are explained, never a 500 or a traceback."""
from __future__ import annotations

from flask import Flask, jsonify, render_template, request

from searchapp.errors import ArticleNotFound, BackendUnavailable, IndexMissing, QueryError


def init_app(app: Flask) -> None:
    """Register the handlers that turn our errors into pages (or JSON under /api/)."""

    def respond(status: int, title: str, message: str):
        if request.path.startswith("/api/"):
            return jsonify({"error": title, "message": message}), status
        return render_template("error.html", status=status, title=title, message=message,
                               q=request.args.get("q", "")), status

    @app.errorhandler(QueryError)
    def query_error(error):
        app.logger.info("refused %s: %s", request.full_path, error)
        return respond(400, "This search cannot be run", str(error))

    @app.errorhandler(ArticleNotFound)
    def article_not_found(error):
        return respond(404, "Article not found", "No article in this archive has that id. It may have "
                       "been removed by a rebuild.")

    @app.errorhandler(404)
    def not_found(error):
        description = getattr(error, "description", "")
        if not description or description.startswith("The requested URL"):
            description = "There is no page at this address."
        return respond(404, "Not found", description)

    @app.errorhandler(IndexMissing)
    def index_missing(error):
        app.logger.warning("%s %s: %s", request.method, request.full_path, error)
        return respond(503, "The archive has no index yet", str(error))

    @app.errorhandler(BackendUnavailable)
    def backend_unavailable(error):
        app.logger.error("%s %s: %s", request.method, request.full_path, error)
        return respond(503, "The search cluster is not answering", str(error))

    @app.errorhandler(405)
    def method_not_allowed(error):
        return respond(405, "Method not allowed", "This page only answers GET requests.")

    @app.errorhandler(500)
    def server_error(error):
        return respond(500, "Something went wrong", "The error was logged. Please try again.")
