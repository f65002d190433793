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

from searchapp.backends.sphinxql.client import Cluster, NodeDown
from searchapp.backends.sphinxql.layout import (
    GENERATIONS,
    LABELLED,
    LABELS,
    MULTI,
    NUMERIC,
    SINGLE,
    TEXT_FIELDS,
    distributed_name,
    holders,
    key,
    label_id,
    shard_name,
    shard_of,
    vocabulary_name,
)
from searchapp.backends.sphinxql.query import encode, epoch, literal, value_key
from searchapp.backends.sphinxql.vocabulary import Tally
from searchapp.errors import BackendUnavailable, SearchappError
from searchapp.models import Article
from searchapp.search.analysis import words
from searchapp.search.schema import FIELDS, SCHEMA_FIELDS, from_fields, to_document
from searchapp.text import fold

IN_FLIGHT_SECONDS = 1.0  # a search takes tens of milliseconds
BATCH_BYTES = 2_000_000  # one INSERT (searchd's max_packet_size is set to 64 MB)
STORED = tuple(field.name for field in FIELDS if field.stored or field.kind == "stored")
DATE_TAG = "$datetime"  # a moment in the stored JSON: {"$datetime": "2018-09-17T10:00:00"}
COLUMNS = ("id", *TEXT_FIELDS, "aid", "stored", "cluster", "moment", "language", *SINGLE, "ymd", "month", "dated",
           *NUMERIC, "part", "parts", *MULTI)


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
        self.pending_ids: dict[int, list[int]] = defaultdict(list)
        self.sizes: dict[int, int] = defaultdict(int)
        self.deleted: list[int] = []
        self.labels: dict[int, tuple[int, str]] = {}
        self.vocabulary = Tally(part)

    def _clear(self) -> None:
        """Empty this loader's share of the target generation (all of it for a single loader)."""
        number, parts = self.part
        everywhere = range(len(self.cluster))
        for shard in range(len(self.cluster)):
            for position in holders(shard, len(self.cluster)):
                self._clear_part(position, shard_name(shard, self.target))
        for position in everywhere:
            self._clear_part(position, vocabulary_name(self.target))
        self.cluster.each(everywhere, "DELETE FROM searchapp_meta WHERE id = %s",
                          (key(done_key(self.target, number, parts)),))

    def _clear_part(self, position: int, name: str) -> None:
        number, parts = self.part
        if parts == 1:
            self.cluster.run(position, f"TRUNCATE RTINDEX {name}")
            return
        while True:
            rows = self.cluster.run(position, f"SELECT id, IF(part = {number} OR parts <> {parts}, 1, 0) "
                                    f"AS stale FROM {name} WHERE stale = 1 LIMIT 5000 OPTION max_matches = 5000")
            if not rows:
                break
            self.cluster.run(position, f"DELETE FROM {name} WHERE id IN ({','.join(str(r[0]) for r in rows)})")

    def delete(self, article_id: str) -> None:
        self.deleted.append(key(article_id))

    def add(self, article: Article) -> None:
        self._flush_deletions()
        shard = shard_of(article.cluster or article.id, len(self.cluster))
        row = self._row(article)
        self.pending[shard].append(row)
        self.pending_ids[shard].append(key(article.id))
        self.sizes[shard] += len(row)
        if self.sizes[shard] > BATCH_BYTES:
            self._flush(shard)

    def _row(self, article: Article) -> str:
        document = to_document(article)
        indexed = indexed_words(document)
        self.vocabulary.count(indexed)
        stored = {name: document[name] for name in STORED if name in document}
        date = article.date
        values = {
            "id": key(article.id), **{f: literal(" ".join(map(encode, indexed[f]))) for f in TEXT_FIELDS},
            "aid": literal(article.id), "stored": literal(dump_stored(stored)), "cluster": key(document["cluster"]),
            "moment": epoch(date) if date else 0, "language": value_key("language", article.language or ""),
            "ymd": int(date.strftime("%Y%m%d")) if date else 0, "month": int(date.strftime("%Y%m")) if date else 0,
            "dated": 1 if date else 0, "part": self.part[0], "parts": self.part[1],
        }
        for name in NUMERIC:
            values[name] = value_key(name, document.get(name) or "")
        for name in SINGLE:
            values[name] = self._value(name, document.get(name) or "")
        for name in MULTI:
            items = [v.strip() for v in (document.get(name) or "").split(",") if v.strip()]
            hashes = [key(flag) for flag in items] if name == "flags" else [self._value(name, v) for v in items]
            values[name] = "(" + ",".join(str(h) for h in sorted(set(hashes))) + ")"
        return "(" + ",".join(str(values[column]) for column in COLUMNS) + ")"

    def _value(self, facet: str, value: str) -> int:
        hashed = key(fold(value))
        self.labels[label_id(facet, hashed)] = (LABELLED.index(facet), value)
        return hashed

    def _flush(self, shard: int) -> None:
        rows = self.pending.pop(shard, [])
        ids = self.pending_ids.pop(shard, [])
        self.sizes.pop(shard, None)
        if not rows:
            return
        self._forget(ids)
        # REPLACE, not INSERT: a loader that runs again, or two parts that meet the same page
        # (same id), overwrite rather than fail.
        sql = f"REPLACE INTO {shard_name(shard, self.target)} ({','.join(COLUMNS)}) VALUES {','.join(rows)}"
        self._on_holders(shard, sql)

    def _flush_deletions(self) -> None:
        if not self.deleted:
            return
        self._forget(self.deleted)
        ids = ",".join(str(i) for i in self.deleted)
        self.deleted = []
        for shard in range(len(self.cluster)):
            self._on_holders(shard, f"DELETE FROM {shard_name(shard, self.target)} WHERE id IN ({ids})")

    def _forget(self, ids: list[int]) -> None:
        """Take the words of the articles about to be overwritten or deleted out of the
        vocabulary (only an incremental rebuild writes where articles are)."""
        if not self.incremental or not ids:
            return
        for start in range(0, len(ids), 1000):
            part = ids[start:start + 1000]
            sql = (f"SELECT stored FROM {distributed_name(self.target)} WHERE id IN ({','.join(map(str, part))}) "
                   f"LIMIT {len(part)} OPTION max_matches = {len(part)}")
            for (stored,) in self.cluster.select_many([sql])[0][0]:
                self.vocabulary.count(indexed_words(to_document(from_fields(load_stored(stored)))), -1)

    def _on_holders(self, shard: int, sql: str) -> None:
        try:
            self.cluster.each(holders(shard, len(self.cluster)), sql)
        except NodeDown as error:
            raise unavailable(error, self.incremental) from error

    def most_added(self) -> None:
        """Nothing: searchd takes the rows as they are sent."""

    def finish(self) -> None:
        """Send every pending write, and the labels of the facet values written."""
        try:
            self._flush_deletions()
            for shard in list(self.pending):
                self._flush(shard)
            for ids in chunks(list(self.labels.items()), 500):
                rows = ",".join(f"({i},{literal(label)},{facet},{literal(label)})" for i, (facet, label) in ids)
                self.cluster.each(range(len(self.cluster)), f"REPLACE INTO {LABELS} (id,text,kind,label) VALUES {rows}")
            self.vocabulary.write(self.cluster, self.target, self.incremental)
        except NodeDown as error:
            raise unavailable(error, self.incremental) from error

    def publish(self, report: dict) -> None:
        """Keep the report with the generation; the last loader of a full rebuild to finish
        moves the pointer to it."""
        number, parts = self.part
        try:
            self.cluster.put(f"report:{self.target}:{number}/{parts}",
                             json.dumps(report, ensure_ascii=False, default=str))
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
        self.cluster.each(range(len(self.cluster)), f"TRUNCATE RTINDEX {vocabulary_name(generation)}")

    def cancel(self) -> None:
        self.pending.clear()
        self.pending_ids.clear()


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


def indexed_words(document: dict) -> dict[str, list[str]]:
    """The words of each full-text field of a document, and of its vocabulary (`words`), each
    field's in its language (search/schema.py Field.language_of)."""
    language = document.get("language") or ""
    return {name: words(SCHEMA_FIELDS[name].kind, document.get(name) or "", SCHEMA_FIELDS[name].language_of(language))
            for name in ("words", *TEXT_FIELDS)}


def dump_stored(stored: dict) -> str:
    return json.dumps(stored, ensure_ascii=False,
                      default=lambda v: {DATE_TAG: v.isoformat()} if isinstance(v, datetime) else str(v))


def load_stored(text: str) -> dict:
    """The stored fields as to_document made them (moments as datetimes again)."""
    return json.loads(text, object_hook=lambda o: datetime.fromisoformat(o[DATE_TAG]) if set(o) == {DATE_TAG} else o)
