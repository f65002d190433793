"""A facet's joined values on the cluster (search/joins.py: "Reagan" alone joins "Ronald Reagan"):
which value keys are one value, and grouped counts with each such group counted as one.

Attributes hold each value's own key (a hash of its folded spelling), written when the article
was loaded; a join depends on the whole archive, so it is applied when reading: a filter on any
value of a group lists every key of the group, and a group's count is the stories having any of
its keys, asked of the cluster (COUNT(DISTINCT cluster) under the same filters), never a sum, so
that an article naming both values counts once.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from searchapp.search.joins import Rule, joined_groups


@dataclass(frozen=True, slots=True)
class Joined:
    """One facet's joins in a generation."""

    into: dict[int, int]  # the key of every value of a group -> the key of the value it is shown as
    members: dict[int, tuple[int, ...]]  # the shown value's key -> every key of its group, its own first
    stands_for: dict[str, tuple[str, ...]]  # the shown value -> every value of its group, itself first

    def keys_of(self, key: int) -> tuple[int, ...]:
        """The keys a filter on the value with this key must list."""
        return self.members.get(self.into.get(key, key), (key,))


def joined_of(rule: Rule | None, articles: list[tuple[int, int]], labels: dict[int, str]) -> Joined:
    """A facet's joins from (value key, articles naming it) over the whole generation."""
    named = [(value, count) for value, count in articles if value in labels]
    joined = joined_groups(rule, [labels[value] for value, _ in named], [count for _, count in named])
    members: dict[int, list[int]] = {}
    for group, other in joined.items():
        members.setdefault(named[other][0], [named[other][0]]).append(named[group][0])
    return Joined(into={value: shown for shown, keys in members.items() for value in keys},
                  members={shown: tuple(keys) for shown, keys in members.items()},
                  stands_for={labels[shown]: tuple(labels[k] for k in keys) for shown, keys in members.items()})


def merged(grouped: list[tuple[int, int]], distinct: int, joined: Joined | None,
           union: Callable[[list[tuple[int, ...]]], list[int]]) -> tuple[list[tuple[int, int]], int]:
    """Grouped (value key, stories) with each group of joined values as one value, under the key it
    is shown as; `union` gives the stories having any of several keys, for each set of keys, in
    one round trip. A group is asked for unless its only value read is the whole of it (the rows
    read hold every value with stories, and no other value of the group is among them)."""
    if not joined or not joined.into:
        return grouped, distinct
    complete = distinct <= len(grouped)
    kept: list[tuple[int, int]] = []
    found: dict[int, list[int]] = {}
    for value, stories in grouped:
        shown = joined.into.get(value)
        if shown is None:
            kept.append((value, stories))
        else:
            found.setdefault(shown, []).append(stories)
    asked = [shown for shown, counts in found.items() if len(counts) > 1 or not complete]
    counted = dict(zip(asked, union([joined.members[shown] for shown in asked]), strict=True)) if asked else {}
    kept += [(shown, counted.get(shown, counts[0])) for shown, counts in found.items()]
    return [(value, stories) for value, stories in kept if stories], \
        distinct - sum(len(counts) - 1 for counts in found.values())
