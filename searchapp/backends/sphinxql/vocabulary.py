"""The vocabulary of a generation on the cluster: every indexed word of each full-text field and
of `words`, with the articles that hold it, for "did you mean", word completion and the words a
wildcard, fuzzy word or range stands for (searchd 2.2 can list none of these itself).

One RT index per generation, `searchapp_words_a` / `_b`, on every node (a few rows per word, read
from any one node). A row is one word of one field as one loader counted it:

    id = key("content:ceasefir:1/2"), field = 3, word = "ceasefir", word_key = key("content:ceasefir"),
    docs = 12, sort_key = its first 7 UTF-8 bytes as a number, length = 8, grams = "5e5e63 5e6365 ..."

Reads add the loaders' rows up (GROUP BY word_key). `grams` holds the trigrams (hex) of the words of
`words`, so that
near() finds candidates with a quorum MATCH; `sort_key` makes prefixes and ranges attribute
ranges. An incremental rebuild adds what it writes and takes away what it overwrites or deletes.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping

from searchapp.backends.sphinxql.client import Cluster
from searchapp.backends.sphinxql.layout import TEXT_FIELDS, key, vocabulary_name
from searchapp.backends.sphinxql.query import literal
from searchapp.errors import QueryError
from searchapp.search import query as q
from searchapp.text import within_edits

FIELDS = ("words", *TEXT_FIELDS)  # row `field` is the position here
COLUMNS = ("id", "grams", "word", "field", "word_key", "docs", "sort_key", "length", "part", "parts")
KEY_BYTES = 7  # sort_key stays a positive bigint
PAGE = 5000  # rows read at a time when words are listed in order
CANDIDATES = 20_000  # words near() compares at most (those sharing the most trigrams are asked)
ROWS_PER_WRITE = 1000


def sort_key(word: str, pad: bytes = b"\0") -> int:
    """A number in the words' alphabetical (UTF-8 byte) order, exact for their first 7 bytes."""
    return int.from_bytes(word.encode("utf-8")[:KEY_BYTES].ljust(KEY_BYTES, pad), "big")


def trigrams(word: str) -> list[str]:
    """The word's trigrams, the first two marking its start, spelled in hex for searchd."""
    padded = f"^^{word}$"
    return list(dict.fromkeys(padded[i:i + 3].encode("utf-8").hex() for i in range(len(padded) - 2)))


def field_number(field: str) -> int:
    if field not in FIELDS:
        raise QueryError(f'The search cluster keeps no list of the words of the field "{field}".')
    return FIELDS.index(field)


class Tally:
    """What one loader adds to (and, incrementally, takes from) the vocabulary: (field, word) -> articles."""

    def __init__(self, part: tuple[int, int]) -> None:
        self.part = part
        self.counts: Counter[tuple[int, str]] = Counter()

    def count(self, words_by_field: Mapping[str, Iterable[str]], sign: int = 1) -> None:
        for field, words in words_by_field.items():
            number = FIELDS.index(field)
            for word in set(words):
                self.counts[(number, word)] += sign

    def row_id(self, number: int, word: str) -> int:
        return key(f"{FIELDS[number]}:{word}:{self.part[0]}/{self.part[1]}")

    def write(self, cluster: Cluster, generation: str, incremental: bool) -> None:
        """Write this loader's rows; incrementally, add to what its earlier rows hold."""
        name = vocabulary_name(generation)
        changes = [(number, word, docs) for (number, word), docs in self.counts.items() if docs or not incremental]
        everywhere = range(len(cluster))
        for start in range(0, len(changes), ROWS_PER_WRITE):
            chunk = changes[start:start + ROWS_PER_WRITE]
            ids = [self.row_id(n, w) for n, w, _ in chunk]
            before = self.held(cluster, name, ids) if incremental else {}
            rows, gone = [], []
            for row_id, (number, word, docs) in zip(ids, chunk, strict=True):
                docs += before.get(row_id, 0)
                if docs:
                    rows.append(self.row(row_id, number, word, docs))
                else:
                    gone.append(str(row_id))
            if rows:
                cluster.each(everywhere, f"REPLACE INTO {name} ({','.join(COLUMNS)}) VALUES {','.join(rows)}")
            if gone:
                cluster.each(everywhere, f"DELETE FROM {name} WHERE id IN ({','.join(gone)})")
        self.counts.clear()

    def row(self, row_id: int, number: int, word: str, docs: int) -> str:
        grams = " ".join(trigrams(word)) if number == 0 else ""  # only `words` is searched by spelling
        return (f"({row_id},{literal(grams)},{literal(word)},{number},"
                f"{key(f'{FIELDS[number]}:{word}')},{docs},{sort_key(word)},{len(word)},{self.part[0]},{self.part[1]})")

    @staticmethod
    def held(cluster: Cluster, name: str, ids: list[int]) -> dict[int, int]:
        rows = cluster.run(0, f"SELECT id, docs FROM {name} WHERE id IN ({','.join(map(str, ids))}) "
                              f"LIMIT {len(ids)} OPTION max_matches = {len(ids)}")
        return {int(row_id): int(docs) for row_id, docs in rows}


class Vocabulary:
    """Reads of the serving generation's vocabulary."""

    def __init__(self, cluster: Cluster) -> None:
        self.cluster = cluster

    def _grouped(self, where: str, order: str, start: int, count: int) -> list[tuple[str, int]]:
        """(word, articles) of the words passing `where`, loaders' rows added up."""
        name = vocabulary_name(self.cluster.serving().rsplit("_", 1)[1])
        sql = (f"SELECT word, SUM(docs) AS n, sort_key FROM {name} WHERE {where} GROUP BY word_key "
               f"ORDER BY {order} LIMIT {start}, {count} OPTION max_matches = {start + count}")
        rows, _ = self.cluster.select_many([sql])[0]
        return [(word, int(n)) for word, n, _ in rows]

    def frequency(self, word: str) -> int:
        found = self._grouped(f"word_key = {key(f'words:{word}')}", "n DESC", 0, 1)
        return max(found[0][1], 0) if found else 0

    def words(self, prefix: str, count: int) -> list[str]:
        """Words of `words` starting with prefix, most used first."""
        wanted = count if len(prefix.encode("utf-8")) <= KEY_BYTES else CANDIDATES
        found = self._grouped(f"field = 0 AND {prefix_range(prefix)}", "n DESC, sort_key ASC", 0, wanted)
        return [w for w, n in found if n > 0 and w.startswith(prefix)][:count]

    def near(self, word: str, distance: int) -> list[str]:
        """Words of `words` within distance edits of word sharing its first letter, most used first."""
        return [w for w, _ in self.within("words", word, distance, 1)]

    def within(self, field: str, word: str, distance: int, prefix: int) -> list[tuple[str, int]]:
        """(word, articles) of the field's words within distance edits whose first `prefix` letters
        are word's: candidates share enough trigrams (an edit changes at most three), or for fields
        other than `words` (whose trigrams are not kept) start the same, then are compared."""
        if field != "words":
            where = f"field = {field_number(field)} AND {prefix_range(word[:prefix])} AND " \
                    f"length >= {max(len(word) - distance, 0)} AND length <= {len(word) + distance}"
            found = self._grouped(where, "n DESC, sort_key ASC", 0, CANDIDATES)
            return [(w, n) for w, n in found if n > 0 and w[:prefix] == word[:prefix]
                    and within_edits(word, w, distance)]
        grams = trigrams(word)
        required = grams[:min(prefix, len(word))]
        rest = grams[len(required):]
        quorum = len(grams) - 3 * distance - len(required)
        match = " ".join(f'"{g}"' for g in required)
        if quorum > 0:
            match += f' "{" ".join(rest)}"/{quorum}'
        conditions = [f"field = {field_number(field)}",
                      f"length >= {max(len(word) - distance, 0)}", f"length <= {len(word) + distance}"]
        if match.strip():
            conditions.insert(0, f"MATCH('@grams {match.strip()}')")
        found = self._grouped(" AND ".join(conditions), "n DESC, sort_key ASC", 0, CANDIDATES)
        return [(w, n) for w, n in found
                if n > 0 and w[:prefix] == word[:prefix] and within_edits(word, w, distance)]

    def expand(self, leaf: q.Leaf, limit: int) -> list[str]:
        """The field's words a Prefix, Wildcard, Fuzzy or TermRange stands for, in alphabetical
        order: at most limit + 1."""
        if isinstance(leaf, q.Fuzzy):
            return sorted(w for w, _ in self.within(leaf.field, leaf.text, leaf.distance, leaf.prefix))[:limit + 1]
        number = field_number(leaf.field)
        if isinstance(leaf, q.Prefix):
            return self.listed(number, prefix_range(leaf.text), lambda w: w.startswith(leaf.text), limit)
        if isinstance(leaf, q.Wildcard):
            literal = re.split(r"[*?]", leaf.pattern, maxsplit=1)[0]
            pattern = re.compile(".*?".join(".".join(map(re.escape, part.split("?")))
                                            for part in leaf.pattern.split("*")))
            return self.listed(number, prefix_range(literal), lambda w: bool(pattern.fullmatch(w)), limit)
        if isinstance(leaf, q.TermRange):
            low = f"sort_key >= {sort_key(leaf.start)}" if leaf.start else "sort_key >= 0"
            high = f" AND sort_key <= {sort_key(leaf.end)}" if leaf.end else ""
            return self.listed(number, low + high, lambda w: in_range(w, leaf), limit)
        raise QueryError(f"A {type(leaf).__name__} stands for one word, not several.")

    def listed(self, number: int, where: str, keep, limit: int) -> list[str]:
        """The words passing `where` and keep(), alphabetically, read a page at a time."""
        found: list[str] = []
        start = 0
        while len(found) <= limit:
            page = self._grouped(f"field = {number} AND {where}", "sort_key ASC, word_key ASC", start, PAGE)
            found += [w for w, n in page if n > 0 and keep(w)]
            if len(page) < PAGE:
                break
            start += PAGE
        return sorted(found)[:limit + 1]


def prefix_range(prefix: str) -> str:
    """The sort_key range of the words starting with prefix."""
    low, high = sort_key(prefix), sort_key(prefix, b"\xff")
    return f"sort_key >= {low} AND sort_key <= {high}"


def in_range(word: str, leaf: q.TermRange) -> bool:
    if leaf.start and (word < leaf.start or (leaf.start_excluded and word == leaf.start)):
        return False
    return not (leaf.end and (word > leaf.end or (leaf.end_excluded and word == leaf.end)))
