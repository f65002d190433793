"""Near-duplicate detection: the same story republished by several sites, or saved twice.

MinHash signatures of word 5-gram shingles, indexed with locality-sensitive hashing
(datasketch), so each new article is compared with the archive in constant time.
"""
from __future__ import annotations

import re

from datasketch import MinHash, MinHashLSH

SIMILARITY = 0.7  # estimated Jaccard similarity of shingle sets that makes two articles one story
PERMUTATIONS = 64
SHINGLE = 5


class NearDuplicates:
    """Assign each article the cluster of the first earlier article it nearly duplicates."""

    def __init__(self, threshold: float = SIMILARITY) -> None:
        self.lsh = MinHashLSH(threshold=threshold, num_perm=PERMUTATIONS)
        self.cluster_of: dict[str, str] = {}

    def cluster(self, article_id: str, text: str) -> str:
        """The cluster id for an article: an earlier near-duplicate's cluster, else its own id."""
        signature = minhash(text)
        matches = self.lsh.query(signature)
        cluster = min((self.cluster_of[m] for m in matches), default=article_id)
        self.lsh.insert(article_id, signature)
        self.cluster_of[article_id] = cluster
        return cluster


def minhash(text: str) -> MinHash:
    tokens = re.findall(r"\w+", text.casefold())
    signature = MinHash(num_perm=PERMUTATIONS)
    grams = {" ".join(tokens[i:i + SHINGLE]) for i in range(max(1, len(tokens) - SHINGLE + 1))}
    signature.update_batch([g.encode("utf-8") for g in grams])
    return signature
