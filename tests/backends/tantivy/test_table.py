"""A build's table of facet values (tantivy's engine counts and filters with it)."""
from searchapp.backends.tantivy.table import build_column
from searchapp.search.joins import join_surnames

NAMED = [("Ronald Reagan", "Reagan"), ("Reagan",), ("REAGAN",), ("Ronald Reagan",), ("Howard Baker",),
         ("James Baker",), ("Baker",)]


def rows(column) -> list[list[int]]:
    return [column.groups[column.starts[r]:column.starts[r + 1]].tolist() for r in range(len(column.starts) - 1)]


def test_a_joined_surname_is_the_full_names_group_once_per_row():
    column = build_column(NAMED, join_surnames)
    reagan = column.keys["reagan"]
    assert column.keys["ronald reagan"] == reagan and column.labels[reagan] == "Ronald Reagan"
    assert rows(column)[:4] == [[reagan]] * 4
    assert len({column.keys["baker"], column.keys["howard baker"], column.keys["james baker"]}) == 3
    assert column.joined == {"Ronald Reagan": ("Ronald Reagan", "Reagan", "REAGAN")}
    assert column.rows_with(["reagan"], len(NAMED)).tolist() == [True] * 4 + [False] * 3


def test_without_a_rule_every_folded_value_is_its_own():
    column = build_column(NAMED)
    assert column.keys["reagan"] != column.keys["ronald reagan"] and column.joined == {}
    assert rows(column)[0] == [column.keys["ronald reagan"], column.keys["reagan"]]
