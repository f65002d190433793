"""What is in the index, per source: for `searchapp report` and the /report page."""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

UNKNOWN_SOURCE = "(unknown source)"


@dataclass(slots=True)
class SourceReport:
    source: str
    indexed: int = 0
    without_date: int = 0
    without_entities: int = 0  # neither people nor places
    republished: int = 0  # near-duplicates of an article from another page (kept, shown once)
    duplicates: int = 0  # exact copies, not indexed
    skipped: Counter = field(default_factory=Counter)  # reason -> pages

    def as_json(self) -> dict:
        """The row as the CLI's --json and /api/report give it."""
        return {"source": self.source, "indexed": self.indexed, "without_date": self.without_date,
                "without_people_or_places": self.without_entities, "republished_copies": self.republished,
                "duplicates": self.duplicates, "skipped": dict(self.skipped)}


def source_reports(engine, rebuild: dict) -> list[SourceReport]:
    """Per-source counts from the engine and the saved rebuild report."""
    rows: dict[str, SourceReport] = defaultdict(lambda: SourceReport(""))

    def row(source: str) -> SourceReport:
        name = source or UNKNOWN_SOURCE
        rows[name].source = name
        return rows[name]

    for attribute, flag in (("indexed", None), ("without_date", "no-date"), ("without_entities", "no-entities"),
                            ("republished", "republished")):
        for source, documents in engine.per_source(flag).items():
            setattr(row(source), attribute, documents)
    for duplicate in rebuild.get("duplicates", []):
        row(duplicate.get("source", "")).duplicates += 1
    for skipped in rebuild.get("skipped", []):
        row(skipped.get("source", "")).skipped[short_reason(skipped.get("reason", ""))] += 1
    return sorted(rows.values(), key=lambda r: (r.source == UNKNOWN_SOURCE, -r.indexed, r.source.casefold()))


def short_reason(reason: str) -> str:
    """A skip reason without the record or file it names, so that equal reasons group."""
    return reason.split(": ", 1)[1] if reason.count(":") and "#" in reason.split(": ", 1)[0] else reason
