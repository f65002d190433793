"""The SphinxQL backend: searches answered by a cluster of searchd nodes (Sphinx 2.2 or Manticore).

Each search is one batch of SphinxQL statements on the distributed index of the serving
generation: the page of results grouped by story (GROUP BY cluster), the number of stories
(COUNT(DISTINCT cluster)), and one grouped count per facet and for the timeline. Copies of a story share a
shard, so the per-shard story counts that searchd adds up are exact. Snippets and marking are
made by the service from the stored text, as for the embedded index.
"""
from __future__ import annotations

import json
import math
import time
from collections import Counter
from datetime import datetime

import pymysql
from whoosh import query as wq

from searchapp.errors import ArticleNotFound, QueryError
from searchapp.text import fold
from searchapp.models import MAX_RESULTS, Hit, SearchRequest
from searchapp.search.backend import HIGHLIGHT_FIELDS, MAX_ALSO, SORTS, Found, hit_of
from searchapp.search.facets import FACETS
from searchapp.search.query import parse_query
from searchapp.search.report import SourceReport, UNKNOWN_SOURCE, short_reason
from searchapp.search.schema import TEXT_ANALYZER, UNKNOWN_YEAR
from searchapp.backends.sphinxql.client import Cluster, NodeDown
from searchapp.backends.sphinxql.layout import LABELS, holders, key, label_id, shard_name
from searchapp.backends.sphinxql.query import encode, literal, translate
from searchapp.backends.sphinxql.writer import DATES

# URL parameter -> attribute; facet values are hashes of their folded spelling (year: the year).
ATTRIBUTE = {"person": "people", "place": "places", "country": "countries", "source": "source", "tag": "tags",
             "year": "year"}
# searchd's BM25 with plain idf, not divided by the number of query words (measured with
# bench/relevance.py, nDCG@10 on Cranfield / CISI / Medline: 0.332 / 0.253 / 0.661; its default
# proximity_bm25 0.262 / 0.197 / 0.613, bm25a(1.2, 0.75) 0.304 / 0.219 / 0.651).
RANKING = "ranker = bm25, idf = 'plain,tfidf_unnormalized'"
RETRY = ("retry_count = 2", "retry_delay = 0")
FACET_DEPTH = 200  # values each shard ranks for a facet (max_matches): counts of the top are exact
# unless a value is beyond this depth on some shard
ALL_VALUES = 100_000  # values fetched for "more…" and lists of every value
MONTHS = 2400  # two centuries of timeline
CACHE_SECONDS = 60
SIMILAR_TERMS = 25


class SphinxBackend:
    def __init__(self, url: str) -> None:
        self.cluster = Cluster(url)
        self._labels: dict[int, str] = {}
        self._present: dict[tuple[str, str], tuple[float, list[str]]] = {}

    def __str__(self) -> str:
        return f"the search cluster {self.cluster.url}"

    def warm(self, searchers: int = 1) -> None:
        """Nothing to preload: searchd keeps its indexes in memory."""

    # Searching

    def find(self, request: SearchRequest, parsed, start: int, stop: int, *,
             facet_limit: int | None = None, snippets: bool = False) -> Found:
        """The whole search in one batch: stories, the page of hits, every facet, the timeline."""
        index = self.cluster.serving()
        match, filters = translate(parsed.query)
        where = conditions(match, filters + request_filters(request))
        stop = min(stop, MAX_RESULTS)
        statements = [f"SELECT COUNT(DISTINCT cluster) AS n FROM {index} {where}" + options(),
                      f"SELECT id, stored, cluster, WEIGHT() FROM {index} {where} GROUP BY cluster "
                      f"WITHIN GROUP ORDER BY {order_of(request, match)} ORDER BY {order_of(request, match)} "
                      f"LIMIT {start}, {max(stop - start, 1)}" + options(f"max_matches = {max(stop, 20)}", RANKING)]
        if facet_limit is not None:
            shown = {param: FACET_DEPTH if param == "year" else max(2 * facet_limit, 2) for param in FACETS}
            statements += [grouped_sql(index, ATTRIBUTE[param], conditions(match, filters + request_filters(
                request, skip=param)), shown[param]) for param in FACETS]
            statements.append(grouped_sql(index, "month", where, MONTHS))
        answers = self._batch(statements)
        total = int(answers[0][0][0][-1]) if answers[0][0] else 0
        rows = answers[1][0] if stop > start else []
        terms = highlight_terms(parsed.understood_as or request.q) if snippets else None
        also = self._republished(index, [(r[0], r[2]) for r in rows])
        hits = tuple(hit_of(stored_fields(r[1]), float(r[3]), terms, also.get(r[0], ())) for r in rows)
        counts, months = {}, {}
        if facet_limit is not None:
            for param, answer in zip(FACETS, answers[2:]):
                found = groups(answer)
                values = found[0]
                if len(values) == shown[param] and values[-1][1] == values[max(facet_limit, 1) - 1][1]:
                    found = None  # values tied with the last shown go on beyond the rows read: read all
                counts[param] = self._counts(index, request, match, filters, param, FACET_DEPTH, found)
            months = {f"{m // 100:04d}-{m % 100:02d}" if m else UNKNOWN_YEAR: n for m, n in groups(answers[-1])[0]}
        return Found(total=total, hits=hits, counts=counts, months=months)

    def ranked_ids(self, request: SearchRequest, parsed, count: int) -> list[str]:
        index = self.cluster.serving()
        match, filters = translate(parsed.query)
        where = conditions(match, filters + request_filters(request))
        rows = self._select(f"SELECT id, aid, cluster FROM {index} {where} GROUP BY cluster "
                            f"WITHIN GROUP ORDER BY {order_of(request, match)} ORDER BY {order_of(request, match)} "
                            f"LIMIT 0, {count}", settings=(f"max_matches = {max(count, 20)}", RANKING))
        return [r[1] for r in rows]

    def facet_counts(self, request: SearchRequest, parsed, param: str) -> tuple[dict[str, int], int]:
        index = self.cluster.serving()
        match, filters = translate(parsed.query)
        return self._counts(index, request, match, filters, param, ALL_VALUES)

    def _counts(self, index: str, request: SearchRequest, match: str, filters: list[str], param: str,
                rows: int, found: tuple[list, int] | None = None) -> tuple[dict[str, int], int]:
        """Stories per value of one facet; its own choices left out, so that values add (OR)."""
        attribute = ATTRIBUTE[param]
        where = conditions(match, filters + request_filters(request, skip=param))
        grouped, distinct = found or self._grouped(index, attribute, where, rows)
        chosen = [value_key(param, v) for v in request.selected(param) + request.excluded(param)]
        missing = [k for k in chosen if k not in dict(grouped)]
        if missing:  # a chosen value beyond the top rows: count it on its own
            extra = conditions(match, filters + request_filters(request, skip=param)
                               + [f"{attribute} IN ({','.join(map(str, missing))})"])
            grouped += [(g, n) for g, n in self._grouped(index, attribute, extra, rows)[0] if g in missing]
        labels = self._label(param, [g for g, _ in grouped])
        counts: dict[str, int] = {}
        for group, stories in grouped:
            label = labels.get(group)
            if label is not None:
                counts[label] = counts.get(label, 0) + stories
        return counts, max(distinct, len(counts))

    def _grouped(self, index: str, attribute: str, where: str, rows: int) -> tuple[list[tuple[int, int]], int]:
        return groups(self._batch([grouped_sql(index, attribute, where, rows)])[0])

    def _label(self, param: str, groups: list[int]) -> dict[int, str]:
        """Values to show for facet value keys (years are their own label)."""
        if param == "year":
            return {g: str(g) if g else UNKNOWN_YEAR for g in groups}
        facet = ATTRIBUTE[param]
        ids = {label_id(facet, g): g for g in groups}
        wanted = [i for i in ids if i not in self._labels]
        for start in range(0, len(wanted), 1000):
            part = wanted[start:start + 1000]
            for found_id, label in self._select(f"SELECT id, label FROM {LABELS} WHERE id IN "
                                                f"({','.join(map(str, part))}) LIMIT 1000"):
                self._labels[int(found_id)] = label
        return {g: self._labels[i] for i, g in ids.items() if i in self._labels}

    def _republished(self, index: str, hits: list[tuple[int, int]]) -> dict[int, tuple]:
        """(id, source) of the other copies of each hit's story."""
        if not hits:
            return {}
        clusters = ",".join(str(c) for _, c in hits)
        rows = self._select(f"SELECT id, aid, cluster, source FROM {index} WHERE cluster IN ({clusters}) "
                            f"ORDER BY id ASC LIMIT 0, 1000")
        sources = self._label("source", [int(r[3]) for r in rows])
        found = {}
        for doc, cluster in hits:
            found[doc] = tuple((r[1], sources.get(int(r[3]), "")) for r in rows
                               if r[2] == cluster and r[0] != doc)[:MAX_ALSO]
        return found

    def _batch(self, statements: list[str], args=None) -> list[tuple[list, dict]]:
        try:
            return self.cluster.select_many(statements, args)
        except pymysql.err.ProgrammingError as error:
            raise QueryError(f"The search cluster could not run this search ({error.args[-1]}).") from error

    def _select(self, sql: str, args=None, *, settings: tuple[str, ...] = (), meta: bool = False):
        """One read; of the distributed index, with its options (see options())."""
        if " FROM articles_" in sql:
            sql += options(*settings)
        rows, status = self._batch([sql], args)[0]
        return (rows, status) if meta else rows

    # Articles

    def document(self, article_id: str, q: str = "") -> tuple[dict, tuple, set[str]]:
        index = self.cluster.serving()
        rows = self._select(f"SELECT id, stored, cluster FROM {index} WHERE id = {key(article_id)}")
        fields = stored_fields(rows[0][1]) if rows else None
        if not fields or fields.get("id") != article_id:
            raise ArticleNotFound(article_id)
        also = self._republished(index, [(rows[0][0], rows[0][2])]).get(rows[0][0], ())
        return fields, also, highlight_terms(q)

    def similar(self, article_id: str, count: int = 5) -> list[Hit]:
        """Articles sharing the body's key words (most frequent, weighted by rarity), one per story."""
        index = self.cluster.serving()
        fields, _, _ = self.document(article_id)
        frequency = Counter(t.text for t in TEXT_ANALYZER(fields.get("body", "")))
        if not frequency:
            return []
        shard = shard_name(0, self.cluster.generation())
        words = [encode(w) for w, _ in frequency.most_common(200)]
        rarity = {}
        for position in holders(0, len(self.cluster)):
            try:
                stats = self.cluster.run(position, f"CALL KEYWORDS(%s, '{shard}', 1)", (" ".join(words),))
                total = self.cluster.run(position, f"SELECT COUNT(*) FROM {shard}")[0][0] or 1
            except NodeDown:  # its mirror has the same numbers
                continue
            rarity = {row[1]: math.log(1 + int(total) / (1 + int(row[3]))) for row in stats}
            break
        plain = {encode(w): n for w, n in frequency.items()}
        chosen = sorted(plain, key=lambda w: -plain[w] * rarity.get(w, 1.0))[:SIMILAR_TERMS]
        own = key(fields.get("cluster") or article_id)
        match = "@body (" + " | ".join(chosen) + ")"
        rows = self._select(f"SELECT id, stored, cluster, WEIGHT() FROM {index} WHERE MATCH(%s) AND cluster <> {own} "
                            f"GROUP BY cluster ORDER BY WEIGHT() DESC, id ASC LIMIT 0, {count}", (match,),
                            settings=(f"max_matches = {max(count, 20)}", "ranker = bm25"))
        also = self._republished(index, [(r[0], r[2]) for r in rows])
        return [hit_of(stored_fields(r[1]), float(r[3]), None, also.get(r[0], ())) for r in rows]

    def complete(self, prefix: str, count: int) -> list[str]:
        """People and places of the archive starting with prefix."""
        wanted = fold(prefix)
        return [v for facet in ("person", "place") for v in self._values(facet) if fold(v).startswith(wanted)]

    def correct(self, q: str, total: int) -> str:
        """No "did you mean" on a cluster: searchd 2.2 has no suggestion statement."""
        return ""

    # The archive as a whole

    def _values(self, param: str) -> list[str]:
        """Every value of a facet present in the serving generation, cached for a minute."""
        generation = self.cluster.generation()
        cached = self._present.get((param, generation))
        if cached and time.monotonic() - cached[0] < CACHE_SECONDS:
            return cached[1]
        index = self.cluster.serving()
        grouped, _ = self._grouped(index, ATTRIBUTE[param], "", ALL_VALUES)
        values = sorted(self._label(param, [g for g, _ in grouped]).values(), key=str.casefold)
        self._present[(param, generation)] = (time.monotonic(), values)
        return values

    def sources(self) -> list[str]:
        return self._values("source")

    def count(self) -> int:
        rows = self._select(f"SELECT COUNT(*) FROM {self.cluster.serving()}")
        return int(rows[0][0]) if rows else 0

    def report(self) -> tuple[list[SourceReport], dict]:
        index = self.cluster.serving()
        rebuild = self.rebuild_report()
        rows: dict[str, SourceReport] = {}

        def row(source: str) -> SourceReport:
            name = source or UNKNOWN_SOURCE
            return rows.setdefault(name, SourceReport(name))

        for attribute, flag in (("indexed", None), ("without_date", "no-date"), ("without_entities", "no-entities"),
                                ("republished", "republished")):
            where = f"WHERE flags = {key(flag)}" if flag else ""
            found, meta = self._select(f"SELECT GROUPBY() AS g, COUNT(*) AS n FROM {index} {where} GROUP BY source "
                                       f"LIMIT 0, {ALL_VALUES}", settings=(f"max_matches = {ALL_VALUES}",), meta=True)
            labels = self._label("source", [int(g) for g, _ in found])
            for group, documents in found:
                setattr(row(labels.get(int(group), "")), attribute, int(documents))
        for duplicate in rebuild.get("duplicates", []):
            row(duplicate.get("source", "")).duplicates += 1
        for skipped in rebuild.get("skipped", []):
            row(skipped.get("source", "")).skipped[short_reason(skipped.get("reason", ""))] += 1
        ordered = sorted(rows.values(), key=lambda r: (r.source == UNKNOWN_SOURCE, -r.indexed, r.source.casefold()))
        return ordered, rebuild

    def rebuild_report(self) -> dict:
        """The reports of the loaders that filled the serving generation, added up."""
        generation = self.cluster.generation()
        parts = int(self.cluster.setting(f"parts:{generation}") or 1)
        merged: dict = {}
        for number in range(1, parts + 1):
            text = self.cluster.setting(f"report:{generation}:{number}/{parts}")
            if not text:
                continue
            report = json.loads(text)
            for name, value in report.items():
                if isinstance(value, list):
                    merged[name] = merged.get(name, []) + value
                elif isinstance(value, (int, float)) and not isinstance(value, bool) and name != "elapsed":
                    merged[name] = merged.get(name, 0) + value
                else:
                    merged[name] = max(merged.get(name, value), value) if name in ("elapsed", "finished") else value
        return merged


def options(*settings: str) -> str:
    """The OPTION clause of a read of the distributed index: an agent that fails is asked again."""
    return " OPTION " + ", ".join((*settings, *RETRY))


def grouped_sql(index: str, attribute: str, where: str, rows: int) -> str:
    """(value, stories) of an attribute's most frequent values: the first `rows` of them, each
    shard ranking at least FACET_DEPTH (only the rows shown cross the network)."""
    return (f"SELECT GROUPBY() AS g, COUNT(DISTINCT cluster) AS n FROM {index} {where} GROUP BY {attribute} "
            f"ORDER BY n DESC LIMIT 0, {rows}" + options(f"max_matches = {max(rows, FACET_DEPTH)}"))


def groups(answer: tuple[list, dict]) -> tuple[list[tuple[int, int]], int]:
    """(value, stories) pairs of a grouped read, and how many values there are in all."""
    rows, meta = answer
    return [(int(g), int(n)) for g, n in rows], int(meta.get("total_found", len(rows)))


def conditions(match: str, filters: list[str]) -> str:
    """A WHERE clause; the match text is quoted as a SphinxQL string."""
    parts = [f"MATCH({literal(match)})"] if match else []
    parts += filters
    return ("WHERE " + " AND ".join(parts)) if parts else ""


def value_key(param: str, value: str) -> int:
    if param == "year":
        return int(value) if value.isdigit() else 0
    return key(fold(value))


def request_filters(request: SearchRequest, skip: str | None = None) -> list[str]:
    """The facet choices, exclusions and date range of a request as attribute filters."""
    filters = []
    for param, attribute in ATTRIBUTE.items():
        chosen = [value_key(param, v) for v in request.selected(param)]
        if chosen and param != skip:
            filters.append(f"{attribute} IN ({','.join(map(str, chosen))})")
        dropped = [value_key(param, v) for v in request.excluded(param)]
        if dropped:
            filters.append(f"{attribute} NOT IN ({','.join(map(str, dropped))})")
    if request.date_from or request.date_to:
        filters.append("dated = 1")
        if request.date_from:
            filters.append(f"ymd >= {int(request.date_from.strftime('%Y%m%d'))}")
        if request.date_to:
            filters.append(f"ymd <= {int(request.date_to.strftime('%Y%m%d'))}")
    return filters


def order_of(request: SearchRequest, match: str) -> str:
    """Best first (ties newest first), or by date, undated last; then by id, so the order never varies."""
    sort = request.sort if request.sort in SORTS else ("newest" if not request.q.strip() else "relevance")
    if sort == "relevance" and match:
        return "WEIGHT() DESC, moment DESC, id ASC"
    if sort == "oldest":
        return "dated DESC, moment ASC, id ASC"
    return "dated DESC, moment DESC, id ASC"


def highlight_terms(q: str) -> set[str]:
    """The query's words as indexed, for marking (wildcards are not expanded here)."""
    if not q.strip():
        return set()
    found = set()
    for leaf in parse_query(q).query.leaves():
        if leaf.field() not in HIGHLIGHT_FIELDS:
            continue
        if isinstance(leaf, wq.Phrase):
            found.update(leaf.words)
        elif isinstance(leaf, wq.Term) and not isinstance(leaf, wq.FuzzyTerm):
            found.add(leaf.text)
    return found


def stored_fields(text: str) -> dict:
    fields = json.loads(text)
    for name in DATES:
        if fields.get(name):
            fields[name] = datetime.fromisoformat(fields[name])
    return fields
