"""The tree compiled for Whoosh is exactly what Whoosh's own parser makes of the same text, so
the embedded engine matches and ranks as it did before the tree existed."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from searchapp.backends.whoosh.compile import to_whoosh
from searchapp.search.parse import PARSER, tree_of

TEXTS = [
    "idlib ceasefire", '"idlib ceasefire"~3', "putin -russia", "+putin turkey", "idl*", "id?ib", "idlibb~",
    "idlibb~2", "putin~2/3", "title:putin", "date:2018", "date:20180917", "date:[2018 TO 2019]",
    "date:[201809 TO]", "date:{2018 TO 2019}", "{alpha TO beta]", "year:2018", "language:en",
    'person:"vladimir putin"', "place:idlib", "russia OR turkey AND NOT syria", "putin ANDMAYBE turkey",
    "putin ANDNOT turkey", "NOT russia putin", "title:(putin turkey)", "putin^2", "'putin turkey'",
    "site:reuters tag:war", "author:smith body:talks captions:x*",
]


@pytest.mark.parametrize("text", TEXTS)
def test_the_tree_compiles_to_whooshs_own_parse(text):
    parsed = PARSER.parse(text)
    assert to_whoosh(tree_of(parsed)) == parsed


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["idlib", "talks", "AND", "OR", "NOT", "-", "+", '"', "(", ")", "*", "~", "title:",
                                 "date:2018", "^2", "syria", "per?on", "[a TO b]"]), min_size=1, max_size=8))
def test_any_text_round_trips(words):
    try:
        parsed = PARSER.parse(" ".join(words))
    except Exception:  # noqa: BLE001 - text Whoosh itself cannot parse is refused before the tree
        return
    assert to_whoosh(tree_of(parsed)) == parsed
