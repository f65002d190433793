"""The SphinxQL engine: searches answered by a cluster of searchd nodes (Sphinx 2.2 or Manticore).

Each search is one batch of SphinxQL statements on the distributed index of the serving
generation: the page of matches grouped by story (GROUP BY cluster), the number of stories
(COUNT(DISTINCT cluster)), and one grouped count per facet and for the timeline. Copies of a
story share a shard, so the per-shard story counts that searchd adds up are exact. The words
of the archive (for "did you mean", completion and wildcards) are in vocabulary.py.
"""
from __future__ import annotations

import json
import math
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import pymysql

from searchapp.backends.base import FacetCounts, Found, Match
from searchapp.backends.sphinxql.client import Cluster, NodeDown
from searchapp.backends.sphinxql.joins import Joined, joined_of, merged
from searchapp.backends.sphinxql.layout import LABELS, NUMERIC, holders, key, label_id, shard_name
from searchapp.backends.sphinxql.query import encode, translate, value_key
from searchapp.backends.sphinxql.statements import (
    FACET_DEPTH,
    conditions,
    grouped_sql,
    groups,
    options,
    order_of,
    request_filters,
)
from searchapp.backends.sphinxql.vocabulary import Vocabulary
from searchapp.backends.sphinxql.writer import ClusterWriter, holds, load_stored
from searchapp.errors import ArticleNotFound, BackendUnavailable, QueryError
from searchapp.models import MAX_RESULTS, SearchRequest
from searchapp.search.analysis import words
from searchapp.search.facets import FACETS, REGISTRY, UNKNOWN_YEAR
from searchapp.search.query import MAX_EXPANSIONS, Leaf, Query

# searchd's BM25 with plain idf, not divided by the number of query words (measured with
# bench/relevance.py, nDCG@10 on Cranfield / CISI / Medline: 0.332 / 0.253 / 0.661; its default
# proximity_bm25 0.262 / 0.197 / 0.613, bm25a(1.2, 0.75) 0.304 / 0.219 / 0.651).
RANKING = "ranker = bm25, idf = 'plain,tfidf_unnormalized'"
ALL_VALUES = 100_000  # values fetched for "more…" and lists of every value
MONTHS = 2400  # two centuries of timeline
CACHE_SECONDS = 60
SIMILAR_TERMS = 25
FLAGS = ("no-date", "no-entities", "republished")


class SphinxEngine:
    ranks_with_boosts = False  # searchd 2.2 ignores query boosts and AndMaybe's optional side

    def __init__(self, index_dir: Path, address: str) -> None:
        self.cluster = Cluster(address)
        self.vocabulary = Vocabulary(self.cluster)
        self._labels: dict[int, str] = {}
        self._present: dict[tuple[str, str], tuple[float, list[str]]] = {}
        self._joins: dict[str, tuple[float, dict[str, Joined]]] = {}

    def __str__(self) -> str:
        return f"the search cluster {self.cluster.url}"

    def warm(self, searchers: int = 1) -> None:
        """Nothing to preload: searchd keeps its indexes in memory."""

    # Searching

    def find(self, request: SearchRequest, query: Query, start: int, stop: int, *,
             facets: dict[str, int | None] | None = None) -> Found:
        """The whole search in one batch: stories, the page of matches, the facets, the timeline."""
        index = self.cluster.serving()
        match, filters = self._translate(query)
        joined = self._joined(index)
        where = conditions(match, filters + request_filters(request, joined=joined))
        stop = min(stop, MAX_RESULTS)
        order = order_of(request, match)
        statements = [f"SELECT COUNT(DISTINCT cluster) AS n FROM {index} {where}" + options(),
                      f"SELECT id, stored, cluster, WEIGHT() FROM {index} {where} GROUP BY cluster "
                      f"WITHIN GROUP ORDER BY {order} ORDER BY {order} LIMIT {start}, {max(stop - start, 1)}"
                      + options(f"max_matches = {max(stop, 20)}", RANKING)]
        rows_read = {param: rows_for(param, limit) for param, limit in (facets or {}).items()}
        for param in rows_read:
            statements.append(grouped_sql(index, FACETS[param].field, conditions(
                match, filters + request_filters(request, skip=param, joined=joined)), rows_read[param]))
        if facets is not None:
            statements.append(grouped_sql(index, "month", where, MONTHS))
        answers = self._batch(statements)
        total = int(answers[0][0][0][-1]) if answers[0][0] else 0
        rows = answers[1][0] if stop > start else []
        matches = tuple(Match(load_stored(r[1]), float(r[3])) for r in rows)
        counts: dict[str, FacetCounts] = {}
        # strict=False: after the facets' answers comes the timeline's, read below.
        for (param, limit), answer in zip((facets or {}).items(), answers[2:], strict=False):
            found: tuple[list[tuple[int, int]], int] | None = groups(answer)
            values = found[0] if found else []
            if limit and len(values) == rows_read[param] >= limit and values[-1][1] == values[limit - 1][1]:
                found = None  # values tied with the last shown go on beyond the rows read: read more
            counts[param] = self._counts(index, request, match, filters, param, FACET_DEPTH, found)
        months = {}
        if facets is not None:
            months = {f"{m // 100:04d}-{m % 100:02d}" if m else UNKNOWN_YEAR: n for m, n in groups(answers[-1])[0]}
        return Found(total=total, matches=matches, counts=counts, months=months)

    def _translate(self, query: Query) -> tuple[str, list[str]]:
        def expand(leaf: Leaf) -> list[str]:
            found = self.vocabulary.expand(leaf, MAX_EXPANSIONS)
            if len(found) > MAX_EXPANSIONS:
                raise QueryError(f"This search stands for more than {MAX_EXPANSIONS:,} different words; "
                                 "make the pattern longer.")
            return found
        return translate(query, expand)

    def ranked_ids(self, request: SearchRequest, query: Query, count: int) -> list[str]:
        index = self.cluster.serving()
        match, filters = self._translate(query)
        where = conditions(match, filters + request_filters(request, joined=self._joined(index)))
        order = order_of(request, match)
        rows = self._select(f"SELECT id, aid, cluster FROM {index} {where} GROUP BY cluster "
                            f"WITHIN GROUP ORDER BY {order} ORDER BY {order} LIMIT 0, {count}",
                            settings=(f"max_matches = {max(count, 20)}", RANKING))
        return [r[1] for r in rows]

    def facet_counts(self, request: SearchRequest, query: Query, param: str) -> FacetCounts:
        match, filters = self._translate(query)
        return self._counts(self.cluster.serving(), request, match, filters, param, ALL_VALUES)

    def count_values(self, request: SearchRequest, query: Query, param: str, values: Sequence[str]) -> dict[str, int]:
        if not values:
            return {}
        index, spec = self.cluster.serving(), FACETS[param]
        match, filters = self._translate(query)
        joined = self._joined(index)
        group = joined.get(spec.field)
        keys = {value: value_key(spec.field, value) for value in values}
        shown = {value: group.into[k] for value, k in keys.items() if group and k in group.into}
        plain = {value: k for value, k in keys.items() if value not in shown}
        found: dict[int, int] = {}
        if plain:
            chosen = f"{spec.field} IN ({','.join(str(k) for k in set(plain.values()))})"
            where = conditions(match, filters + request_filters(request, skip=param, joined=joined) + [chosen])
            found = dict(self._grouped(index, spec.field, where, ALL_VALUES)[0])
        if shown and group:
            groups = list(dict.fromkeys(shown.values()))
            found.update(zip(groups, self._unions(index, request, match, filters, param,
                                                  [group.members[k] for k in groups]), strict=True))
        return {value: found[shown.get(value, k)] for value, k in keys.items() if found.get(shown.get(value, k))}

    def _counts(self, index: str, request: SearchRequest, match: str, filters: list[str], param: str,
                rows: int, found: tuple[list, int] | None = None) -> FacetCounts:
        """Stories per value of one facet; its own choices left out, so that values add (OR); a
        group of joined values counted as one (joins.py)."""
        joined = self._joined(index)
        where = conditions(match, filters + request_filters(request, skip=param, joined=joined))
        grouped, distinct = found or self._grouped(index, FACETS[param].field, where, rows)
        grouped, distinct = merged(grouped, distinct, joined.get(FACETS[param].field),
                                   lambda groups: self._unions(index, request, match, filters, param, groups))
        labels = self._label(param, [g for g, _ in grouped])
        counts: dict[str, int] = {}
        for group, stories in grouped:
            label = labels.get(group)
            if label is not None:
                counts[label] = counts.get(label, 0) + stories
        return counts, max(distinct, len(counts))

    def _unions(self, index: str, request: SearchRequest, match: str, filters: list[str], param: str,
                groups: list[tuple[int, ...]]) -> list[int]:
        """Stories having any of each set of value keys of a facet, as its counts count them (its
        own choices left out), in one round trip."""
        field = FACETS[param].field
        common = filters + request_filters(request, skip=param, joined=self._joined(index))
        answers = self._batch([f"SELECT COUNT(DISTINCT cluster) AS n FROM {index} "
                               f"{conditions(match, [*common, f'{field} IN ({listed(keys)})'])}" + options()
                               for keys in groups])
        return [int(answer[0][0][-1]) if answer[0] else 0 for answer in answers]

    def _joined(self, index: str) -> dict[str, Joined]:
        """The joins of each facet that has them (by field), from the values of the whole
        generation and the articles naming each; computed again a minute later, as the values
        are, since an incremental rebuild changes the serving generation in place."""
        cached = self._joins.get(index)
        if cached and time.monotonic() - cached[0] < CACHE_SECONDS:
            return cached[1]
        joined = {}
        for spec in REGISTRY:
            if spec.joins is not None:
                articles = [(int(g), int(n)) for g, n in self._select(
                    f"SELECT GROUPBY() AS g, COUNT(*) AS n FROM {index} GROUP BY {spec.field} LIMIT 0, {ALL_VALUES}",
                    settings=(f"max_matches = {ALL_VALUES}",))]
                joined[spec.field] = joined_of(spec.joins, articles, self._label(spec.param, [g for g, _ in articles]))
        self._joins[index] = (time.monotonic(), joined)
        return joined

    def _grouped(self, index: str, attribute: str, where: str, rows: int) -> tuple[list[tuple[int, int]], int]:
        return groups(self._batch([grouped_sql(index, attribute, where, rows)])[0])

    def _label(self, param: str, groups: list[int]) -> dict[int, str]:
        """Values to show for facet value keys (numbers are their own label)."""
        facet = FACETS[param].field
        if facet in NUMERIC:
            return {g: str(g) if g else UNKNOWN_YEAR for g in groups}
        ids = {label_id(facet, g): g for g in groups}
        wanted = [i for i in ids if i not in self._labels]
        for start in range(0, len(wanted), 1000):
            part = wanted[start:start + 1000]
            for found_id, label in self._select(f"SELECT id, label FROM {LABELS} WHERE id IN "
                                                f"({','.join(map(str, part))}) LIMIT 1000"):
                self._labels[int(found_id)] = label
        return {g: self._labels[i] for i, g in ids.items() if i in self._labels}

    def _batch(self, statements: list[str], args=None) -> list[tuple[list, dict]]:
        try:
            return self.cluster.select_many(statements, args)
        except pymysql.err.ProgrammingError as error:
            raise QueryError(f"The search cluster could not run this search ({error.args[-1]}).") from error

    def _select(self, sql: str, args=None, *, settings: tuple[str, ...] = ()):
        """One read; of the distributed index, with its options (see options())."""
        if " FROM articles_" in sql:
            sql += options(*settings)
        return self._batch([sql], args)[0][0]

    # Articles

    def document(self, article_id: str) -> dict | None:
        rows = self._select(f"SELECT stored FROM {self.cluster.serving()} WHERE id = {key(article_id)}")
        fields = load_stored(rows[0][0]) if rows else None
        return fields if fields and fields.get("id") == article_id else None

    def copies(self, clusters: Sequence[str]) -> dict[str, list[tuple[str, str]]]:
        if not clusters:
            return {}
        source = FACETS["source"].field
        wanted = {key(c): c for c in clusters}
        rows = self._select(f"SELECT aid, cluster, {source} FROM {self.cluster.serving()} WHERE cluster IN "
                            f"({','.join(map(str, wanted))}) LIMIT 0, {ALL_VALUES}",
                            settings=(f"max_matches = {ALL_VALUES}",))
        sources = self._label("source", [int(r[2]) for r in rows])
        found: dict[str, list[tuple[str, str]]] = {c: [] for c in clusters}
        for aid, cluster, value in sorted(rows):
            found[wanted[int(cluster)]].append((aid, sources.get(int(value), "")))
        return found

    def similar(self, article_id: str, count: int) -> list[Match]:
        """Articles sharing the body's key words (most frequent, weighted by rarity), one per story."""
        fields = self.document(article_id)
        if fields is None:
            raise ArticleNotFound(article_id)
        frequency = Counter(words("text", fields.get("body", ""), fields.get("language", "")))
        if not frequency:
            return []
        rarity = self._rarity([encode(w) for w, _ in frequency.most_common(200)])
        plain = {encode(w): n for w, n in frequency.items()}
        chosen = sorted(plain, key=lambda w: -plain[w] * rarity.get(w, 1.0))[:SIMILAR_TERMS]
        own = key(fields.get("cluster") or article_id)
        rows = self._select(f"SELECT stored, WEIGHT() FROM {self.cluster.serving()} WHERE MATCH(%s) AND cluster <> "
                            f"{own} GROUP BY cluster ORDER BY WEIGHT() DESC, id ASC LIMIT 0, {count}",
                            ("@body (" + " | ".join(chosen) + ")",),
                            settings=(f"max_matches = {max(count, 20)}", "ranker = bm25"))
        return [Match(load_stored(r[0]), float(r[1])) for r in rows]

    def _rarity(self, tokens: list[str]) -> dict[str, float]:
        """log(1 + documents / holders) of each token, from the first shard (a sample of the archive)."""
        shard = shard_name(0, self.cluster.generation())
        for position in holders(0, len(self.cluster)):
            try:
                stats = self.cluster.run(position, f"CALL KEYWORDS(%s, '{shard}', 1)", (" ".join(tokens),))
                total = self.cluster.run(position, f"SELECT COUNT(*) FROM {shard}")[0][0] or 1
            except NodeDown:  # its mirror has the same numbers
                continue
            return {row[1]: math.log(1 + int(total) / (1 + int(row[3]))) for row in stats}
        return {}

    def content_frequencies(self, words: Sequence[str]) -> dict[str, int]:
        """Articles holding each word, added up over the shards (searchd counts a word in any
        text field: its headline, text and captions are the content field's, its names and
        vocabulary spelled otherwise)."""
        spelled = {encode(w): w for w in words}
        if not spelled:
            return {}
        generation, found = self.cluster.generation(), Counter[str]()
        for shard in range(len(self.cluster)):
            for position in holders(shard, len(self.cluster)):
                try:
                    stats = self.cluster.run(position, f"CALL KEYWORDS(%s, '{shard_name(shard, generation)}', 1)",
                                             (" ".join(spelled),))
                except NodeDown:  # its mirror has the same numbers
                    continue
                found.update({spelled[row[1]]: int(row[3]) for row in stats if row[1] in spelled})
                break
            else:
                raise BackendUnavailable(f"no node holding shard {shard} of the search cluster answered")
        return dict(found)

    # The words of the archive

    def words(self, prefix: str, count: int) -> list[str]:
        return self.vocabulary.words(prefix, count)

    def frequency(self, word: str) -> int:
        return self.vocabulary.frequency(word)

    def near(self, word: str, distance: int) -> list[str]:
        return self.vocabulary.near(word, distance)

    def expand(self, leaf: Leaf, limit: int) -> list[str]:
        return self.vocabulary.expand(leaf, limit)

    # The archive as a whole

    def values(self, param: str) -> list[str]:
        """Every value of a facet present in the serving generation, cached for a minute."""
        generation = self.cluster.generation()
        cached = self._present.get((param, generation))
        if cached and time.monotonic() - cached[0] < CACHE_SECONDS:
            return cached[1]
        grouped, _ = self._grouped(self.cluster.serving(), FACETS[param].field, "", ALL_VALUES)
        values = sorted(self._label(param, [g for g, _ in grouped]).values(), key=str.casefold)
        self._present[(param, generation)] = (time.monotonic(), values)
        return values

    def joined(self, param: str) -> dict[str, tuple[str, ...]]:
        found = self._joined(self.cluster.serving()).get(FACETS[param].field)
        return found.stands_for if found else {}

    def per_source(self, flag: str | None = None) -> dict[str, int]:
        if flag is not None and flag not in FLAGS:
            raise ValueError(f"unknown flag {flag!r}: one of {', '.join(FLAGS)}")
        source = FACETS["source"].field
        where = f"WHERE flags = {key(flag)}" if flag else ""
        found = self._select(f"SELECT GROUPBY() AS g, COUNT(*) AS n FROM {self.cluster.serving()} {where} "
                             f"GROUP BY {source} LIMIT 0, {ALL_VALUES}", settings=(f"max_matches = {ALL_VALUES}",))
        labels = self._label("source", [int(g) for g, _ in found])
        counts: dict[str, int] = {}
        for group, articles in found:
            label = labels.get(int(group), "")
            counts[label] = counts.get(label, 0) + int(articles)
        return counts

    def count(self) -> int:
        rows = self._select(f"SELECT COUNT(*) FROM {self.cluster.serving()}")
        return int(rows[0][0]) if rows else 0

    def rebuild_report(self) -> dict:
        """The reports of the loaders that filled the serving generation, added up."""
        generation = self.cluster.generation()
        parts = int(self.cluster.setting(f"parts:{generation}") or 1)
        merged: dict = {}
        for number in range(1, parts + 1):
            text = self.cluster.setting(f"report:{generation}:{number}/{parts}")
            if not text:
                continue
            for name, value in json.loads(text).items():
                if isinstance(value, list):
                    merged[name] = merged.get(name, []) + value
                elif isinstance(value, (int, float)) and not isinstance(value, bool) and name != "elapsed":
                    merged[name] = merged.get(name, 0) + value
                else:
                    merged[name] = max(merged.get(name, value), value) if name in ("elapsed", "finished") else value
        return merged

    # Writing

    def writer(self, build: Path, previous: Path | None, part: tuple[int, int]) -> ClusterWriter:
        return ClusterWriter(self.cluster, incremental=previous is not None, part=part)

    def holds(self, previous: Path, part: tuple[int, int]) -> bool:
        return holds(self.cluster, previous.name, part)


def listed(keys) -> str:
    return ",".join(map(str, keys))


def rows_for(param: str, limit: int | None) -> int:
    """Values read for a facet showing `limit` of them: twice as many, to see ties past the last one."""
    if limit is None:
        return ALL_VALUES
    return FACET_DEPTH if FACETS[param].by_value else max(2 * limit, 2)
