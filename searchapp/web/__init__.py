"""The web site: the app factory and its blueprints; it talks only to the search service."""
from __future__ import annotations

from flask import Flask

from searchapp.config import ROOT, load_config


def create_app(test_config: dict | None = None) -> Flask:
    """Create the web app; test_config overrides the defaults and SEARCHAPP_* variables."""
    app = Flask(__name__, template_folder=str(ROOT / "templates"), static_folder=str(ROOT / "static"))
    app.config.update(load_config(test_config))

    from searchapp.service import SearchService
    from searchapp.web import api, articles, cite, compare, direction, entities, errors, feeds, pages

    app.extensions["search"] = SearchService(app.config["INDEX_DIR"], facet_limit=app.config["FACET_LIMIT"],
                                             backend=app.config["BACKEND"])
    app.register_blueprint(pages.bp)
    app.register_blueprint(articles.bp)
    app.register_blueprint(entities.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(feeds.bp)
    app.register_blueprint(compare.bp)
    app.register_blueprint(cite.bp)
    errors.init_app(app)
    direction.init_app(app)

    @app.after_request
    def protect(response):
        """The site runs only its own script file (no inline script, no eval) and loads nothing
        from elsewhere: say so to the browser."""
        response.headers.setdefault("Content-Security-Policy",
                                    "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; "
                                    "img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        return response

    return app
