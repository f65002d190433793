"""searchapp: full-text search over an archive of saved news pages."""

__version__ = "0.1.0"
