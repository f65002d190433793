"""Array work behind every results page: one document per story, counts, date order."""
import numpy as np

from searchapp.backends.whoosh.columns import NO_MOMENT, Column, Columns
from searchapp.backends.whoosh.selection import by_date, first_of_stories


def columns(story, moment=None, people=None):
    story = np.array(story, dtype=np.int32)
    size = len(story)
    people = people or [[] for _ in range(size)]
    vocab = sorted({p for ps in people for p in ps})
    ids = {v: n for n, v in enumerate(vocab)}
    values = np.array([ids[p] for ps in people for p in ps], dtype=np.int32)
    starts = np.concatenate(([0], np.cumsum([len(ps) for ps in people]))).astype(np.int64)
    owners = np.repeat(np.arange(size), [len(ps) for ps in people])
    group = np.arange(len(vocab), dtype=np.int32)
    column = Column(vocab, starts, values, group, list(vocab), {v.lower(): n for n, v in enumerate(vocab)},
                    owners=owners, groups=group[values])
    return Columns(size=size, fields={"people": column}, story=story,
                   shared=np.bincount(story)[story] > 1, day=np.zeros(size, dtype=np.int32),
                   moment=np.array(moment if moment is not None else [0] * size, dtype=np.int64),
                   clusters=np.unique(story), members=np.argsort(story, kind="stable"),
                   firsts=np.concatenate(([0], np.cumsum(np.bincount(story)))))


def test_first_of_each_story_keeps_order_and_singles():
    c = columns([0, 1, 1, 2, 3, 3, 3])
    assert first_of_stories(c, np.arange(7)).tolist() == [0, 1, 3, 4]
    assert first_of_stories(c, np.array([6, 2, 5, 0])).tolist() == [6, 2, 0]  # first in the given order


def test_counts_agree_for_few_and_many_documents():
    people = [["Ann"], ["Ann", "Bob"], [], ["Bob"], ["Cy"], ["Ann"], [], [], [], [], [], [], [], [], [], ["Ann"]]
    c = columns(list(range(16)), people=people).fields["people"]
    few, many = np.array([1, 3]), np.arange(16)
    assert c.count(few, 16).tolist() == [1, 2, 0]  # gathers each document's values
    assert c.count(many, 16).tolist() == [4, 2, 1]  # one pass over every value
    assert c.count(np.array([0, 1, 2, 3, 4, 5, 15]), 16).tolist() == [4, 2, 1]


def test_a_field_with_one_value_a_document_counts_the_same():
    """source, year, language: counted by indexing one array, as the gathering path counts them."""
    rng = np.random.default_rng(5)
    people = [[str(v)] if v < 4 else [] for v in rng.integers(0, 6, 300)]
    single = columns(list(range(300)), people=people).fields["people"]
    assert single.only is not None
    two = columns(list(range(300)), people=[*people[:-1], ["0", "1"]]).fields["people"]
    assert two.only is None
    for docs in (np.arange(300), np.flatnonzero(rng.random(300) < 0.05), np.array([], dtype=np.int64)):
        expected = np.bincount([int(ps[0]) for ps in np.array(people, dtype=object)[docs] if ps], minlength=4)
        assert single.count(docs, 300).tolist() == expected.tolist()
        assert two.count(docs[docs < 299], 300).tolist() == single.count(docs[docs < 299], 300).tolist()


def test_date_order_filters_the_archive_order_or_sorts_the_few():
    moment = [5, NO_MOMENT, 9, 9, 1, 7, 3, 2]
    c = columns([0, 1, 2, 3, 4, 5, 5, 6], moment=moment)

    class Picked:
        columns = c
        docs = np.arange(8)

    assert by_date(Picked, newest=True).tolist() == [2, 3, 5, 0, 7, 4, 1]  # story 5 once, undated last
    assert by_date(Picked, newest=False).tolist() == [4, 7, 6, 0, 2, 3, 1]
    Picked.docs = np.array([1, 3])
    assert by_date(Picked, newest=True).tolist() == [3, 1]


def test_date_order_is_the_same_by_either_path():
    rng = np.random.default_rng(3)
    moment = rng.integers(0, 20, 200)
    moment[rng.random(200) < 0.1] = NO_MOMENT
    c = columns(rng.integers(0, 150, 200).tolist(), moment=moment.tolist())
    for size in (5, 20, 60, 200):  # few: sorted apart; many: the archive's order filtered
        docs = np.sort(rng.choice(200, size, replace=False))

        class Picked:
            columns = c

        Picked.docs = docs
        for newest in (True, False):
            key = [(m == NO_MOMENT, -m if newest else m, d) for d, m in zip(docs, c.moment[docs], strict=True)]
            ordered, seen = [], set()
            for _, _, d in sorted(key):
                if c.story[d] not in seen:
                    seen.add(c.story[d])
                    ordered.append(d)
            assert by_date(Picked, newest).tolist() == ordered
