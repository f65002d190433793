"""Near-duplicate detection: the same story republished by several sites, or saved twice.

MinHash signatures of word 5-gram shingles with locality-sensitive hashing: articles sharing
all the values of one band of their signature are candidates, so each new article is compared
with the archive in constant time. The bands are as datasketch's MinHashLSH chooses them for
the threshold; they are kept in a SQLite file rather than in memory, so a rebuild's memory does
not grow with the archive (in memory they took about 2.7 KB an article).
"""
from __future__ import annotations

import hashlib
import re
import sqlite3

from datasketch import MinHash, MinHashLSH

SIMILARITY = 0.7  # estimated Jaccard similarity of shingle sets that makes two articles one story
PERMUTATIONS = 64
SHINGLE = 5


class NearDuplicates:
    """Assign each article the cluster of the first earlier article it nearly duplicates."""

    def __init__(self, db: sqlite3.Connection, threshold: float = SIMILARITY) -> None:
        lsh = MinHashLSH(threshold=threshold, num_perm=PERMUTATIONS)  # only for its choice of bands
        self.ranges = [(i * lsh.r, (i + 1) * lsh.r) for i in range(lsh.b)]
        self.db = db
        db.execute("CREATE TABLE IF NOT EXISTS bands (band INTEGER, key BLOB, cluster TEXT)")
        db.execute("CREATE INDEX IF NOT EXISTS bands_key ON bands (band, key)")

    def cluster(self, article_id: str, text: str) -> str:
        """The cluster id for an article: an earlier near-duplicate's cluster, else its own id."""
        values = minhash(text).hashvalues
        keys = [(n, hashlib.blake2b(values[start:end].tobytes(), digest_size=16).digest())
                for n, (start, end) in enumerate(self.ranges)]
        found = [row[0] for n, key in keys
                 for row in self.db.execute("SELECT cluster FROM bands WHERE band = ? AND key = ?", (n, key))]
        cluster = min(found, default=article_id)
        self.db.executemany("INSERT INTO bands VALUES (?, ?, ?)", [(n, key, cluster) for n, key in keys])
        return cluster


def minhash(text: str) -> MinHash:
    tokens = re.findall(r"\w+", text.casefold())
    signature = MinHash(num_perm=PERMUTATIONS)
    grams = {" ".join(tokens[i:i + SHINGLE]) for i in range(max(1, len(tokens) - SHINGLE + 1))}
    signature.update_batch([g.encode("utf-8") for g in grams])
    return signature
