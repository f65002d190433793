import pickle

from hypothesis import given, settings
from hypothesis import strategies as st

from searchapp.backends.whoosh.analysis import Analysis
from searchapp.backends.whoosh.schema import ANALYSES, SCHEMA, analysis_in, whoosh_document
from searchapp.models import Article
from searchapp.search.analysis import ANALYSES as LANGUAGES
from searchapp.search.analysis import DEFAULT_LANGUAGE, words
from searchapp.search.schema import to_document

TEXT_ANALYZER, NAME_ANALYZER = ANALYSES["text"], ANALYSES["name"]
# The analyses of every other language than English, text and vocabulary.
OTHERS = [analysis_in(kind, language) for language in LANGUAGES if language != DEFAULT_LANGUAGE
          for kind in ("text", "name")]

SAMPLES = [
    "", "the", "a b the cat sat on the mat", "Talks in Çavuşoğlu's Ankara: İstanbul, KELVIN K 3.5 U.S.A. e-mail",
    "The talks, the talks and the running runners ran 20,000 km* wild*cards",
    "Ελλάδα Αθήνα — Москва; 東京 ﬁnance straße ǅemal Ⅻ", "  leading and trailing  \n\n paragraphs\n",
    "Le régime syrien et l'armée, les négociations d'Idleb", "Die Verhandlungen über Flüchtlinge",
    "مُفاوَضاتٌ والـمفاوضات في إدلب، الأمم المتحدة", "переговоры в Идлибе", "ne\u0301gociations de\u0301cide\u0301es",
]


def chain_tokens(analyzer, text):
    return [(t.text, t.pos) for t in analyzer.chain(text, positions=True, boosts=True, mode="index")]


def fast_tokens(analyzer, text):
    return [(t.text, t.pos) for t in analyzer(text, positions=True, boosts=True, mode="index")]


def test_the_fast_path_is_taken_for_every_analyzer():
    assert all(analyzer.steps is not None for analyzer in (TEXT_ANALYZER, NAME_ANALYZER, *OTHERS))
    assert len(OTHERS) == 32


def test_indexing_makes_the_tokens_whooshs_chain_makes():
    for analyzer in (TEXT_ANALYZER, NAME_ANALYZER, *OTHERS):
        for text in SAMPLES:
            assert fast_tokens(analyzer, text) == chain_tokens(analyzer, text), text
            assert analyzer.words(text) == [word for word, _ in chain_tokens(analyzer, text)]
    assert fast_tokens(TEXT_ANALYZER, "the cats sat")[0] == ("cat", 1)  # the first kept word keeps its place


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200)
       | st.lists(st.sampled_from(["the", "Talks", "running", "İ", "K", "çay", "a", "of", "x.y", "20", "*"]),
                  max_size=30).map(" ".join))
def test_indexing_agrees_with_the_chain_on_any_text(text):
    for analyzer in (TEXT_ANALYZER, NAME_ANALYZER, *OTHERS):
        assert fast_tokens(analyzer, text) == chain_tokens(analyzer, text)


def test_an_article_in_another_language_reaches_whoosh_as_the_words_of_its_language():
    article = Article(id="a", path="p", title="Les négociations", body=SAMPLES[7], language="fr", author="Anne Dupont",
                      captions=("Le régime",))
    document = whoosh_document(to_document(article))
    assert document["title"] == ["!fr:negoci"] and document["_stored_title"] == "Les négociations"
    assert document["body"] == words("text", SAMPLES[7], "fr") and document["_stored_body"] == SAMPLES[7]
    assert document["content"] == words("text", "\n".join([article.title, article.body, "Le régime"]), "fr")
    assert document["words"] == words("name", f"{article.title}\n{article.body}", "fr")
    assert document["author"] == "Anne Dupont" and document["analysis"] == "fr"  # names: as in English
    english = to_document(Article(id="b", path="p", title="Talks", body="The talks", language="en"))
    assert whoosh_document(english) == english


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
