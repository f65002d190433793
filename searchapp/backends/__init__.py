"""The engines searchapp runs on, each a package of its own, and the one place one is chosen.

SEARCHAPP_BACKEND (or the BACKEND setting) names it: empty or "whoosh" for the embedded Whoosh
index (the default), "sphinxql://host:port,..." for a SphinxQL cluster, "tantivy" for an
embedded tantivy index (`pip install searchapp[tantivy]`).
"""
from __future__ import annotations

from importlib import import_module
from pathlib import Path

from searchapp.backends.base import Engine
from searchapp.errors import SearchappError

# Engine name (the address's scheme) -> "module:class".
ENGINES = {
    "whoosh": "searchapp.backends.whoosh.engine:WhooshEngine",
    "sphinxql": "searchapp.backends.sphinxql.engine:SphinxEngine",
    "tantivy": "searchapp.backends.tantivy.engine:TantivyEngine",
}


def engine_name(address: str) -> str:
    """The engine an address names: "" and "whoosh" the default, "sphinxql://h:p" sphinxql."""
    address = address.strip()
    return address.split(":", 1)[0] if address else "whoosh"


def open_engine(index_dir: Path, address: str = "") -> Engine:
    """The engine the address names, reading the index in index_dir (embedded engines) or at
    the address (servers)."""
    name = engine_name(address)
    if name not in ENGINES:
        raise SearchappError(f"unknown search backend {address!r}: use one of {', '.join(sorted(ENGINES))}")
    module, _, cls = ENGINES[name].partition(":")
    try:
        engine = getattr(import_module(module), cls)
    except ImportError as error:
        raise SearchappError(f"the {name} backend is not installed ({error}): "
                             f"pip install 'searchapp[{name}]'") from error
    return engine(Path(index_dir), address.strip())
