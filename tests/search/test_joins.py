"""Which facet values join another across the archive (search/joins.py), as engines compute it from
the labels of their groups of spellings and the articles naming each."""
from collections import Counter

import pytest

from searchapp.search.facets import FACETS, REGISTRY
from searchapp.search.joins import join_surnames, joined_groups


def test_a_surname_joins_the_full_name_the_archive_mostly_uses():
    counts = Counter({"Reagan": 92, "Ronald Reagan": 9, "Nancy Reagan": 1, "Baker": 5, "Howard Baker": 3,
                      "James Baker": 3, "Subroto": 4})
    assert join_surnames(counts) == {"Reagan": "Ronald Reagan"}


@pytest.mark.parametrize("counts, joined", [
    # Ronald holds 8 of the 10 articles naming a Reagan by full name: exactly DOMINANT.
    ({"Reagan": 5, "Ronald Reagan": 8, "Nancy Reagan": 2}, {"Reagan": "Ronald Reagan"}),
    # Seven of ten is not enough: the surname alone stays a value of its own.
    ({"Reagan": 5, "Ronald Reagan": 7, "Nancy Reagan": 3}, {}),
    # Two full names sharing a surname equally: ambiguous, no join.
    ({"Baker": 5, "Howard Baker": 3, "James Baker": 3}, {}),
    # A one-word name that is nobody's surname, and a first name, are left alone.
    ({"Subroto": 4, "Lula": 2, "Luiz Inácio Lula da Silva": 3}, {}),
    # The surname is matched ignoring case and accents; the full name is kept as spelt.
    ({"erdogan": 3, "Recep Tayyip Erdoğan": 10}, {"erdogan": "Recep Tayyip Erdoğan"}),
    # A full name is never joined to another, even when it ends with a one-word name.
    ({"Ronald Reagan": 9, "Reagan": 1, "Nancy Reagan": 1}, {"Reagan": "Ronald Reagan"}),
    # No full name at all: nothing joins.
    ({"Reagan": 9}, {}),
])
def test_joins_follow_the_archive_counts(counts, joined):
    assert join_surnames(counts) == joined


def test_groups_join_by_their_labels_and_counts():
    labels = ["Ronald Reagan", "Reagan", "Baker", "Howard Baker", "James Baker", "Subroto", "Nancy Reagan"]
    articles = [9, 92, 5, 3, 3, 4, 1]
    assert joined_groups(join_surnames, labels, articles) == {1: 0}


def test_a_value_without_articles_is_not_counted():
    """A spelling left in the vocabulary by deleted articles names nobody: it neither joins nor tips
    the balance between full names."""
    labels = ["Reagan", "Ronald Reagan", "Nancy Reagan"]
    assert joined_groups(join_surnames, labels, [4, 8, 0]) == {0: 1}
    assert joined_groups(join_surnames, labels, [0, 8, 1]) == {}


def test_only_the_people_facet_joins():
    assert [spec.param for spec in REGISTRY if spec.joins] == ["person"]
    assert joined_groups(FACETS["place"].joins, ["Clinton", "Bill Clinton"], [3, 9]) == {}
