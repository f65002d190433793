"""Joined values on the cluster without a cluster: which keys are one value, and when a group's
count must be asked for (the contract suite checks the counts themselves on a running cluster)."""
from searchapp.backends.sphinxql.joins import joined_of, merged
from searchapp.search.joins import join_surnames

LABELS = {1: "Ronald Reagan", 2: "Reagan", 3: "Howard Baker", 4: "James Baker", 5: "Baker", 6: "Subroto"}
ARTICLES = [(1, 9), (2, 92), (3, 3), (4, 3), (5, 5), (6, 4)]
JOINED = joined_of(join_surnames, ARTICLES, LABELS)


def test_keys_of_a_joined_group_are_one_value():
    assert JOINED.into == {1: 1, 2: 1}
    assert JOINED.members == {1: (1, 2)}
    assert JOINED.stands_for == {"Ronald Reagan": ("Ronald Reagan", "Reagan")}
    assert JOINED.keys_of(2) == JOINED.keys_of(1) == (1, 2)
    assert JOINED.keys_of(5) == (5,)


def test_a_value_without_a_label_is_left_out():
    assert joined_of(join_surnames, ARTICLES, {k: v for k, v in LABELS.items() if k != 1}).into == {}


class Asked:
    def __init__(self, answers: dict[tuple[int, ...], int]) -> None:
        self.answers, self.asked = answers, []

    def __call__(self, groups: list[tuple[int, ...]]) -> list[int]:
        self.asked += groups
        return [self.answers[g] for g in groups]


def test_a_group_with_both_values_read_is_counted_by_the_cluster():
    union = Asked({(1, 2): 95})
    grouped, distinct = merged([(2, 92), (1, 9), (5, 5), (6, 4)], 4, JOINED, union)
    assert sorted(grouped) == [(1, 95), (5, 5), (6, 4)] and distinct == 3
    assert union.asked == [(1, 2)]


def test_a_group_read_whole_with_one_value_needs_no_question():
    union = Asked({})
    assert sorted(merged([(2, 7), (5, 5)], 2, JOINED, union)[0]) == [(1, 7), (5, 5)]
    assert union.asked == []


def test_a_group_may_have_values_beyond_the_rows_read():
    union = Asked({(1, 2): 8})
    assert sorted(merged([(2, 7), (5, 5)], 40, JOINED, union)[0]) == [(1, 8), (5, 5)]
    assert union.asked == [(1, 2)]


def test_no_joins_leave_counts_as_they_are():
    union = Asked({})
    assert merged([(2, 7)], 1, None, union) == ([(2, 7)], 1)
    assert union.asked == []
