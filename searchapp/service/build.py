"""Which build of the index is served, named the same way for every engine, so that a search
can be cited with the build it ran on and checked against the archive later."""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Build:
    """The served build: an id that changes with every rebuild, when it finished, its articles."""

    id: str  # "20260101-120000-3f2a9c": when it finished, then a digest of its rebuild report
    built: str  # "2026-01-01T12:00:00" ("" when the index has no report)
    articles: int

    def as_json(self) -> dict:
        """The build as the JSON API gives it."""
        return {"id": self.id, "built": self.built or None, "articles": self.articles}


def build_of(report: dict, articles: int) -> Build:
    """Name a build by its rebuild report: the time it finished, to read, and a digest of the whole
    report, so that two rebuilds finished in the same second still differ (every engine keeps the
    report; Whoosh builds do not record their folder's name in it)."""
    if not report:
        return Build(id="", built="", articles=articles)
    digest = hashlib.sha256(json.dumps(report, sort_keys=True, default=str).encode()).hexdigest()[:6]
    finished = str(report.get("finished", ""))
    stamp = re.sub(r"\D", "", finished)[:14]
    return Build(id=f"{stamp[:8]}-{stamp[8:]}-{digest}" if len(stamp) == 14 else digest, built=finished,
                 articles=articles)
