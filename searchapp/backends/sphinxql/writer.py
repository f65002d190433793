"""Writing articles into the cluster: each to the shard of its story, on every copy of it.

A full rebuild fills the generation that is not serving and then moves the pointer, so searches
see the old archive or the new one, never a mix. With `--part K/N`, N loaders fill it together:
each replaces only its own share, and the last one to finish moves the pointer. An incremental
rebuild changes the serving generation in place (deletions, then new and changed articles).
"""
from __future__ import annotations

import json
import time
from collections import defaultdict
from datetime import datetime

from searchapp.errors import BackendUnavailable, SearchappError
from searchapp.text import fold
from searchapp.models import Article
from searchapp.search.schema import to_document
from searchapp.backends.sphinxql.client import Cluster, NodeDown
from searchapp.backends.sphinxql.layout import (FIELDS, GENERATIONS, LABELLED, LABELS, MULTI, holders, key, label_id,
                                       shard_name, shard_of)
from searchapp.backends.sphinxql.query import analyzed, epoch, literal

IN_FLIGHT_SECONDS = 1.0  # a search takes tens of milliseconds
BATCH_BYTES = 2_000_000  # one INSERT (searchd's max_packet_size is set to 64 MB)
STORED = ("id", "url", "path", "title", "body", "captions", "author", "language", "source", "date", "year",
          "people", "places", "countries", "month", "date_source", "updated", "fetched", "section", "tags",
          "cluster")
DATES = ("date", "updated", "fetched")
COLUMNS = ("id", *FIELDS, "aid", "stored", "cluster", "moment", "source", "language", "ymd", "month", "year",
           "dated", "part", "parts", *MULTI)


class ClusterWriter:
    """The write side of one rebuild: finish() sends what is pending, publish() makes a full
    rebuild visible; cancel() leaves the serving generation as it was (a full rebuild's
    half-filled generation is cleared by the next one)."""

    def __init__(self, cluster: Cluster, *, incremental: bool = False, part: tuple[int, int] = (1, 1)) -> None:
        self.cluster, self.part, self.incremental = cluster, part, incremental
        try:
            cluster.check_all_up("rebuild the index")
            serving = cluster.generation()
            if incremental:  # the caller checked that the serving generation holds its build (holds())
                self.target = serving
            else:
                self.target = GENERATIONS[1] if serving == GENERATIONS[0] else GENERATIONS[0]
                self._clear()
        except NodeDown as error:
            raise unavailable(error) from error
        self.pending: dict[int, list[str]] = defaultdict(list)
        self.sizes: dict[int, int] = defaultdict(int)
        self.deleted: list[int] = []
        self.labels: dict[int, tuple[int, str]] = {}

    def _clear(self) -> None:
        """Empty this loader's share of the target generation (all of it for a single loader)."""
        number, parts = self.part
        for shard in range(len(self.cluster)):
            name = shard_name(shard, self.target)
            for position in holders(shard, len(self.cluster)):
                if parts == 1:
                    self.cluster.run(position, f"TRUNCATE RTINDEX {name}")
                    continue
                while True:
                    rows = self.cluster.run(position, f"SELECT id, IF(part = {number} OR parts <> {parts}, 1, 0) "
                                            f"AS stale FROM {name} WHERE stale = 1 LIMIT 5000 "
                                            "OPTION max_matches = 5000")
                    if not rows:
                        break
                    self.cluster.run(position, f"DELETE FROM {name} WHERE id IN ({','.join(str(r[0]) for r in rows)})")
        self.cluster.each(range(len(self.cluster)), "DELETE FROM searchapp_meta WHERE id = %s",
                          (key(done_key(self.target, number, parts)),))

    def delete(self, article_id: str) -> None:
        self.deleted.append(key(article_id))

    def add(self, article: Article) -> None:
        self._flush_deletions()
        shard = shard_of(article.cluster or article.id, len(self.cluster))
        row = self._row(article)
        self.pending[shard].append(row)
        self.sizes[shard] += len(row)
        if self.sizes[shard] > BATCH_BYTES:
            self._flush(shard)

    def _row(self, article: Article) -> str:
        document = to_document(article)
        stored = {name: document.get(name) for name in STORED}
        for name in DATES:
            if isinstance(stored.get(name), datetime):
                stored[name] = stored[name].isoformat()
        date = article.date
        values = [key(article.id), *(literal(analyzed(field, document.get(field) or "")) for field in FIELDS),
                  literal(article.id), literal(json.dumps(stored, ensure_ascii=False, default=str)),
                  key(document["cluster"]), epoch(date) if date else 0, self._value("source", document["source"]),
                  key(article.language or ""), int(date.strftime("%Y%m%d")) if date else 0,
                  int(date.strftime("%Y%m")) if date else 0, date.year if date else 0, 1 if date else 0,
                  self.part[0], self.part[1]]
        for name in MULTI:
            items = [v for v in document.get(name, "").split(",") if v.strip()]
            if name == "flags":
                hashes = [key(flag) for flag in items]
            else:
                hashes = [self._value(name, v.strip()) for v in items]
            values.append("(" + ",".join(str(h) for h in sorted(set(hashes))) + ")")
        return "(" + ",".join(str(v) for v in values) + ")"

    def _value(self, facet: str, value: str) -> int:
        value_key = key(fold(value))
        self.labels[label_id(facet, value_key)] = (LABELLED.index(facet), value)
        return value_key

    def _flush(self, shard: int) -> None:
        rows = self.pending.pop(shard, [])
        self.sizes.pop(shard, None)
        if not rows:
            return
        # REPLACE, not INSERT: a loader that runs again, or two parts that meet the same page
        # (same id), overwrite rather than fail.
        sql = f"REPLACE INTO {shard_name(shard, self.target)} ({','.join(COLUMNS)}) VALUES {','.join(rows)}"
        self._on_holders(shard, sql)

    def _flush_deletions(self) -> None:
        if not self.deleted:
            return
        ids = ",".join(str(i) for i in self.deleted)
        self.deleted = []
        for shard in range(len(self.cluster)):
            self._on_holders(shard, f"DELETE FROM {shard_name(shard, self.target)} WHERE id IN ({ids})")

    def _on_holders(self, shard: int, sql: str) -> None:
        try:
            self.cluster.each(holders(shard, len(self.cluster)), sql)
        except NodeDown as error:
            raise unavailable(error, self.incremental) from error

    def finish(self) -> None:
        """Send every pending write, and the labels of the facet values written."""
        try:
            self._flush_deletions()
            for shard in list(self.pending):
                self._flush(shard)
            for ids in chunks(list(self.labels.items()), 500):
                rows = ",".join(f"({i},{literal(label)},{facet},{literal(label)})" for i, (facet, label) in ids)
                self.cluster.each(range(len(self.cluster)), f"REPLACE INTO {LABELS} (id,text,kind,label) VALUES {rows}")
        except NodeDown as error:
            raise unavailable(error, self.incremental) from error

    def publish(self, report: dict) -> None:
        """Keep the report with the generation; the last loader of a full rebuild to finish
        moves the pointer to it."""
        number, parts = self.part
        try:
            self.cluster.put(f"report:{self.target}:{number}/{parts}", json.dumps(report, ensure_ascii=False, default=str))
            if self.incremental:
                return
            self.cluster.put(done_key(self.target, number, parts), "1")
            if all(self.cluster.setting(done_key(self.target, k, parts), 0) for k in range(1, parts + 1)):
                self.cluster.put(f"parts:{self.target}", str(parts))
                previous = self.cluster.generation()
                self.cluster.put("current", self.target)
                if previous in GENERATIONS and previous != self.target:
                    time.sleep(IN_FLIGHT_SECONDS)  # searches that read the old pointer finish
                    self._empty(previous)
        except NodeDown as error:
            raise unavailable(error, self.incremental) from error

    def _empty(self, generation: str) -> None:
        """Drop the articles of a generation no longer served: they would hold memory until the
        next rebuild."""
        for shard in range(len(self.cluster)):
            self._on_holders(shard, f"TRUNCATE RTINDEX {shard_name(shard, generation)}")

    def cancel(self) -> None:
        self.pending.clear()


def holds(cluster: Cluster, build: str, part: tuple[int, int]) -> bool:
    """Whether the serving generation holds this loader's share as its build `build` wrote it:
    only then can an incremental rebuild apply just the changes since (another folder's rebuild,
    or a cluster emptied since, would leave articles missing or stale)."""
    serving = cluster.generation()
    if serving not in GENERATIONS:
        return False
    saved = cluster.setting(f"report:{serving}:{part[0]}/{part[1]}")
    return bool(saved) and json.loads(saved).get("build") == build


def done_key(generation: str, number: int, parts: int) -> str:
    return f"done:{generation}:{number}/{parts}"


def unavailable(error: NodeDown, in_place: bool = False) -> SearchappError:
    if in_place:
        return BackendUnavailable(f"the update stopped half-way: {error}. The articles written so far are "
                                  "searchable; run the same rebuild again once the node is back to finish it.")
    return BackendUnavailable(f"the rebuild stopped: {error}. Nothing changed for searches, which keep "
                              "the previous index; run it again once the node is back.")


def chunks(items: list, size: int):
    for start in range(0, len(items), size):
        yield items[start:start + size]
