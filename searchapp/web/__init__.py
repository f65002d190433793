"""Flask blueprints; they talk to the search service only, never to Whoosh."""
