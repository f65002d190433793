"""SQLite FTS5 as a reference engine for bench/search_scale.py: what a plain, well-known full-text
index does with the same articles and the same requests, to judge our engines' figures against.

What one search computes, the fair equivalent of `/api/search` (SearchService.search):
  - the matches: every word of the query (porter-stemmed, accents folded; a quoted phrase as an
    FTS5 phrase) in the title or the body, ANDed, then each selected facet value (people, places,
    countries, tags, source, year: an exact value of the side table `facets`);
  - the total, every facet's counts and the timeline (stories per month) over ALL the matches, in
    one GROUP BY of the side table joined to the matching rowids; the top 10 values of each facet
    are kept, every year (as the service lists years by value);
  - the best 10 by bm25 (title weighted 1.3, body 1.0: our content field holds the title and the
    title field adds 0.3 more), each with its stored fields and snippet() of 40 tokens around the
    query's words, marked with <mark>.
The MATCH runs twice (once for the counts, once for the ranked page), as FTS5 is usually used.
Not done, unlike the service: one hit per story (no copies here), the phrase-proximity boost,
"did you mean" below three results, "also published by", Snowball stemming and stop words.
"""
from __future__ import annotations

import heapq
import re
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from searchapp.models import Article, SearchRequest

FACET_LIMIT = 10
SNIPPET_TOKENS = 40
BATCH = 2000
WORD = re.compile(r"\w+")
QUOTED = re.compile(r'"([^"]*)"|([^"\s]+)')

SCHEMA = """
CREATE TABLE articles (rowid INTEGER PRIMARY KEY, id TEXT, title TEXT, url TEXT, source TEXT, date TEXT,
                       people TEXT, places TEXT);
CREATE VIRTUAL TABLE text USING fts5(title, body, tokenize = 'porter unicode61 remove_diacritics 2');
CREATE TABLE facets (doc INTEGER, facet TEXT, value TEXT, PRIMARY KEY (doc, facet, value)) WITHOUT ROWID;
"""
SEPARATOR = "\x1f"


def facet_rows(doc: int, article: Article) -> Iterable[tuple[int, str, str]]:
    """The side table's rows of one article: a value per facet, and its month for the timeline."""
    for person in dict.fromkeys(article.people):
        yield doc, "person", person
    for place in dict.fromkeys(article.places):
        yield doc, "place", place
    for country in dict.fromkeys(article.countries):
        yield doc, "country", country
    for tag in dict.fromkeys(article.tags):
        yield doc, "tag", tag
    yield doc, "source", article.source or "unknown"
    yield doc, "year", str(article.date.year) if article.date else "unknown"
    yield doc, "month", f"{article.date:%Y-%m}" if article.date else "unknown"


def build(articles: Iterable[Article], path: Path) -> int:
    """Write the articles into a new FTS5 database at path; return how many."""
    path.unlink(missing_ok=True)
    db = sqlite3.connect(path)
    db.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;" + SCHEMA)
    count, rows, texts, facets = 0, [], [], []
    for count, article in enumerate(articles, 1):
        rows.append((count, article.id, article.title, article.url, article.source,
                     article.date.isoformat() if article.date else "", SEPARATOR.join(article.people),
                     SEPARATOR.join(article.places)))
        texts.append((count, article.title, "\n\n".join([article.body, *article.captions])))
        facets.extend(facet_rows(count, article))
        if len(rows) >= BATCH:
            write(db, rows, texts, facets)
    write(db, rows, texts, facets)
    db.execute("CREATE INDEX facet_values ON facets (facet, value, doc)")
    db.execute("INSERT INTO text (text) VALUES ('optimize')")
    db.commit()
    db.execute("ANALYZE")
    db.close()
    return count


def write(db: sqlite3.Connection, rows: list, texts: list, facets: list) -> None:
    db.executemany("INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
    db.executemany("INSERT INTO text (rowid, title, body) VALUES (?, ?, ?)", texts)
    db.executemany("INSERT OR IGNORE INTO facets VALUES (?, ?, ?)", facets)
    rows.clear()
    texts.clear()
    facets.clear()


def match_expression(q: str) -> str:
    """The query as an FTS5 MATCH: each word and each quoted phrase as a quoted FTS5 string, ANDed."""
    parts = []
    for phrase, word in QUOTED.findall(q):
        tokens = WORD.findall(phrase or word)
        if tokens:
            parts.append('"' + " ".join(tokens) + '"')
    return " AND ".join(parts)


class Fts5Search:
    """Searches of one FTS5 database, shaped like the service's results page (as plain data)."""

    def __init__(self, path: Path) -> None:
        self.db = sqlite3.connect(path, check_same_thread=False)
        self.db.executescript("PRAGMA query_only = ON; PRAGMA mmap_size = 8589934592; PRAGMA cache_size = -1000000;")

    def close(self) -> None:
        self.db.close()

    def search(self, request: SearchRequest) -> dict:
        """Total, facets, timeline and the best 10 with snippets for a request with words."""
        expression = match_expression(request.q)
        if not expression:
            return {"total": 0, "hits": [], "facets": {}, "timeline": {}}
        where, arguments = "text MATCH ?", [expression]
        for facet, value in request.filters:
            where += " AND rowid IN (SELECT doc FROM facets WHERE facet = ? AND value = ?)"
            arguments += [facet, value]
        counted: dict[str, dict[str, int]] = {}
        for facet, value, count in self.db.execute(
                f"WITH matches AS (SELECT rowid FROM text WHERE {where}) "
                "SELECT facet, value, count(*) FROM matches JOIN facets ON facets.doc = matches.rowid "
                "GROUP BY facet, value", arguments):
            counted.setdefault(facet, {})[value] = count
        timeline = counted.pop("month", {})
        total = sum(timeline.values())
        facets = {facet: dict(heapq.nsmallest(FACET_LIMIT, values.items(), key=lambda vc: (-vc[1], vc[0])))
                  if facet != "year" else values for facet, values in counted.items()}
        ranked = self.db.execute(
            "SELECT a.id, a.title, a.url, a.source, a.date, a.people, a.places, "
            f"snippet(text, 1, '<mark>', '</mark>', ' … ', {SNIPPET_TOKENS}), bm25(text, 1.3, 1.0) AS score "
            f"FROM text JOIN articles a ON a.rowid = text.rowid WHERE {where} ORDER BY score LIMIT ?",
            [*arguments, request.per_page]).fetchall()
        hits = [{"id": row[0], "title": row[1], "url": row[2], "source": row[3], "date": row[4],
                 "people": row[5].split(SEPARATOR) if row[5] else [],
                 "places": row[6].split(SEPARATOR) if row[6] else [], "snippet": row[7], "score": -row[8]}
                for row in ranked]
        return {"total": total, "hits": hits, "facets": facets, "timeline": timeline}
