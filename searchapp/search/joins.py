"""Facet values that are one value across the archive although spelt apart: a surname alone joins
the one full name the archive knows for it ("Reagan" -> "Ronald Reagan").

Spellings that differ only in case or accents are one value already (text.fold). A join goes
further and needs the whole archive: whether "Reagan" is Ronald Reagan depends on which Reagans
the archive names. So engines apply it where they group spellings, once per build they open,
from the articles naming each value in that build (facets.py says which facets join and how).
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence

import numpy as np

from searchapp.text import fold

DOMINANT = 0.8  # of an archive's full names for a surname, for the surname alone to join one
Rule = Callable[[Mapping[str, int]], dict[str, str]]  # {value: articles} -> {value: the value it joins}


def join_surnames(counts: Mapping[str, int]) -> dict[str, str]:
    """Across an archive ({name: articles naming it}), the full name each one-word name stands for:
    the full name ending with it ("Reagan" -> "Ronald Reagan") that holds at least DOMINANT of the
    articles of all full names ending with it. One-word names without one (nobody's surname, or
    two full names sharing it, "Howard Baker" and "James Baker") are left out."""
    by_surname: dict[str, Counter] = {}
    for name, count in counts.items():
        if " " in name:
            by_surname.setdefault(fold(name.split()[-1]), Counter())[name] += count
    joined = {}
    for name in counts:
        full = by_surname.get(fold(name)) if " " not in name else None
        if full:
            best, count = full.most_common(1)[0]
            if count >= DOMINANT * sum(full.values()):
                joined[name] = best
    return joined


def joined_groups(rule: Rule | None, labels: Sequence[str], articles: Sequence[int]) -> dict[int, int]:
    """{group: the group it joins} for a facet's groups of spellings (one per folded value, with
    the label it shows and the articles naming it), by the facet's rule; {} for a facet without one."""
    if rule is None:
        return {}
    at = {label: group for group, label in enumerate(labels)}
    joined = rule({label: count for label, count in zip(labels, articles, strict=True) if count})
    return {at[value]: at[other] for value, other in joined.items() if at[value] != at[other]}


def merged(rows: np.ndarray, groups: np.ndarray, joined: Mapping[int, int],
           width: int) -> tuple[np.ndarray, np.ndarray]:
    """For a facet column's (row, group) pairs, row after row, and joined groups ({group: the
    group it joins}, of `width` groups): each group's group after the join, and the positions of
    the pairs to keep, in order, so that a row naming both a joined value and the value it joins
    holds that value once."""
    into = np.arange(width, dtype=np.int64)
    for group, other in joined.items():
        into[group] = other
    _, first = np.unique(rows.astype(np.int64) * width + into[groups], return_index=True)
    first.sort()
    return into, first
