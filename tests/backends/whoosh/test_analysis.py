import pickle

from hypothesis import given, settings
from hypothesis import strategies as st

from searchapp.backends.whoosh.analysis import Analysis
from searchapp.backends.whoosh.schema import ANALYSES, SCHEMA

TEXT_ANALYZER, NAME_ANALYZER = ANALYSES["text"], ANALYSES["name"]

SAMPLES = [
    "", "the", "a b the cat sat on the mat", "Talks in Çavuşoğlu's Ankara: İstanbul, KELVIN K 3.5 U.S.A. e-mail",
    "The talks, the talks and the running runners ran 20,000 km* wild*cards",
    "Ελλάδα Αθήνα — Москва; 東京 ﬁnance straße ǅemal Ⅻ", "  leading and trailing  \n\n paragraphs\n",
]


def chain_tokens(analyzer, text):
    return [(t.text, t.pos) for t in analyzer.chain(text, positions=True, boosts=True, mode="index")]


def fast_tokens(analyzer, text):
    return [(t.text, t.pos) for t in analyzer(text, positions=True, boosts=True, mode="index")]


def test_the_fast_path_is_taken_for_both_analyzers():
    assert TEXT_ANALYZER.steps is not None and NAME_ANALYZER.steps is not None


def test_indexing_makes_the_tokens_whooshs_chain_makes():
    for analyzer in (TEXT_ANALYZER, NAME_ANALYZER):
        for text in SAMPLES:
            assert fast_tokens(analyzer, text) == chain_tokens(analyzer, text), text
    assert fast_tokens(TEXT_ANALYZER, "the cats sat")[0] == ("cat", 1)  # the first kept word keeps its place


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200)
       | st.lists(st.sampled_from(["the", "Talks", "running", "İ", "K", "çay", "a", "of", "x.y", "20", "*"]),
                  max_size=30).map(" ".join))
def test_indexing_agrees_with_the_chain_on_any_text(text):
    for analyzer in (TEXT_ANALYZER, NAME_ANALYZER):
        assert fast_tokens(analyzer, text) == chain_tokens(analyzer, text)


def test_queries_and_highlights_go_through_the_chain():
    marked = [(t.text, t.startchar) for t in TEXT_ANALYZER("The Talks", chars=True, removestops=False, mode="query")]
    assert marked == [("the", 0), ("talk", 4)]


def test_fields_index_the_same_postings_as_with_whooshs_chain():
    plain = {name: SCHEMA[name].analyzer.chain for name in ("body", "words")}
    text = SAMPLES[3] + " " + SAMPLES[4]
    for name, chain in plain.items():
        field = SCHEMA[name]
        fast = list(field.index(text))
        field.analyzer = chain
        try:
            assert fast == list(field.index(text))
        finally:
            field.analyzer = TEXT_ANALYZER if name == "body" else NAME_ANALYZER


def test_survives_the_schema_pickled_in_the_index():
    copy = pickle.loads(pickle.dumps(TEXT_ANALYZER))
    assert isinstance(copy, Analysis) and copy.steps is not None
    assert fast_tokens(copy, "Running talks") == fast_tokens(TEXT_ANALYZER, "Running talks")
