"""Configuration: defaults here, then SEARCHAPP_* environment variables, then a test's mapping."""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

DEFAULTS = {
    "INDEX_DIR": ROOT / "index",
    "PER_PAGE": 10,
    "FACET_LIMIT": 10,
    "BACKEND": "",  # "" is the embedded index in INDEX_DIR; sphinxql://host:port,... a cluster
}

# Environment variable -> config key; values are converted by the default's type.
ENVIRONMENT = {
    "SEARCHAPP_INDEX": "INDEX_DIR",
    "SEARCHAPP_PER_PAGE": "PER_PAGE",
    "SEARCHAPP_FACET_LIMIT": "FACET_LIMIT",
    "SEARCHAPP_BACKEND": "BACKEND",
}


def load_config(overrides: dict | None = None) -> dict:
    """Return the effective configuration."""
    config = dict(DEFAULTS)
    for variable, key in ENVIRONMENT.items():
        if os.environ.get(variable):
            kind = type(DEFAULTS[key])
            config[key] = Path(os.environ[variable]) if isinstance(DEFAULTS[key], Path) else kind(os.environ[variable])
    config.update(overrides or {})
    config["INDEX_DIR"] = Path(config["INDEX_DIR"])
    return config


def index_dir(cli_value: str | os.PathLike | None = None) -> Path:
    """Return the index directory for a command: --index, else SEARCHAPP_INDEX, else index/."""
    if cli_value:
        return Path(cli_value)
    return load_config()["INDEX_DIR"]
