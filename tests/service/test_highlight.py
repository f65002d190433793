"""Snippets made from the tokens near the terms are the snippets Whoosh's highlight() makes from
every token (the implementation before it, kept here as the reference)."""
from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st
from whoosh.highlight import highlight
from whoosh.support.charset import accent_map

from searchapp.search.analysis import TEXT_ANALYZER, text_analyzer
from searchapp.service.highlight import FRAGMENTER, MARK, folded, lead, mark_terms, snippet_of, term_starts


def reference_snippet(text: str, terms: set[str]) -> str:
    """The snippet as made before: Whoosh's highlight() over every candidate paragraph."""
    candidates = paragraphs_with(text, terms) if terms else ""
    marked = highlight(candidates, frozenset(terms), TEXT_ANALYZER, FRAGMENTER, MARK, top=2) if candidates else ""
    return marked or lead(text)


def paragraphs_with(text: str, terms: set[str]) -> str:
    """The paragraphs with a word starting like one of the terms (the reference's pre-filter)."""
    return "\n\n".join(p for p in text.split("\n\n") if term_starts(p, frozenset(terms)))


def stems(text: str) -> set[str]:
    return {t.text for t in TEXT_ANALYZER(text, removestops=False)}


# Words whose stems share prefixes, stop words, accents, punctuation runs, numbers, abbreviations.
WORDS = ["oil", "oils", "oily", "price", "prices", "priced", "pricing", "the", "a", "of", "and", "said",
         "market", "markets", "marketing", "U.S.", "café", "cafés", "naïve", "Élysée", "2012", "—", "...",
         "running", "*oil", "oil*", "runner", "ran", "it's", "president", "presidents'", "new", "York", "co-operation",
         "energy", "energies", "talks", "talk", "Reuters", "(", ")", "\"quoted\"", "x", "I"]
SEPARATORS = [" ", " ", " ", " ", ", ", ". ", "\n", "\n\n", "  ", " — ", " -- ----- ", ":"]

texts = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), min_size=0, max_size=400).map(
    lambda pairs: "".join(w + s for w, s in pairs))
query_words = st.lists(st.sampled_from([w for w in WORDS if w.strip("().-—\"'")]), min_size=1, max_size=3)


@settings(max_examples=600, deadline=None)
@given(texts, query_words)
@example("*oil ", ["oil", "*oil"])  # a token may start with "*"
def test_snippet_is_the_one_highlight_makes(text: str, words: list[str]) -> None:
    terms = stems(" ".join(words))
    assert snippet_of(text, terms) == reference_snippet(text, terms)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=600), query_words)
def test_snippet_of_any_text_is_the_one_highlight_makes(text: str, words: list[str]) -> None:
    terms = stems(" ".join(words))
    assert snippet_of(text, terms) == reference_snippet(text, terms)


def test_folding_keeps_offsets() -> None:
    assert all(len(folded) == 1 for folded in accent_map.values())


def test_long_article_marks_the_terms_in_two_passages() -> None:
    filler = "The committee met again on Tuesday and heard from several witnesses. " * 40
    text = (filler + "Oil prices rose sharply in early trading. " + filler
            + "Analysts expect oil to stay high. " + filler)
    terms = stems("oil prices")
    snippet = snippet_of(text, terms)
    assert snippet == reference_snippet(text, terms)
    assert snippet.count("<mark>") == 3 and " … " in snippet


def test_terms_absent_give_the_lead() -> None:
    text = "Nothing here mentions the subject. " * 20
    assert snippet_of(text, stems("petroleum")) == lead(text)


@given(st.text(max_size=200))
def test_folding_finds_what_accent_map_finds(text: str) -> None:
    assert folded(text).lower() == text.translate(accent_map).lower()


# Articles in other languages: marked in their language, the same snippets as highlight() makes.
OTHER_WORDS = {
    "fr": ["Le", "régime", "syrien", "et", "l'armée", "négociations", "négociation", "d'Idleb", "la", "syriennes",
           "des", "chevaux", "cheval", "élections", "à", "Genève", "—", "..."],
    "ar": ["المفاوضات", "مفاوضات", "مُفاوَضةٌ", "والمفاوضات", "في", "إدلب", "ادلب", "النظام", "السوري", "الـسورية", "،"],
}


def reference_in(text: str, terms: set[str], language: str) -> str:
    analyzer = text_analyzer(language)
    candidates = "\n\n".join(p for p in text.split("\n\n") if any(t.text in terms for t in analyzer(p)))
    marked = highlight(candidates, frozenset(terms), analyzer, FRAGMENTER, MARK, top=2) if candidates else ""
    return marked or lead(text)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(sorted(OTHER_WORDS)).flatmap(lambda language: st.tuples(
    st.just(language),
    st.lists(st.tuples(st.sampled_from(OTHER_WORDS[language]), st.sampled_from(SEPARATORS)), max_size=300).map(
        lambda pairs: "".join(w + s for w, s in pairs)),
    st.lists(st.sampled_from(OTHER_WORDS[language]), min_size=1, max_size=3))))
def test_snippets_in_other_languages_are_the_ones_highlight_makes(case) -> None:
    language, text, words = case
    terms = {t.text for t in text_analyzer(language)(" ".join(words))}
    assert snippet_of(text, terms | {"regim", "syrien"}, language) == reference_in(text, terms, language)


def test_an_article_is_marked_in_its_own_language() -> None:
    terms = {t.text for t in text_analyzer("fr")("négociations syrienne")} | {"negoti"}
    assert mark_terms("Les négociations du régime syrien", terms, "fr") == \
        "Les <mark>négociations</mark> du régime <mark>syrien</mark>"
    assert mark_terms("The negotiations with the Syrian regime", terms, "en") == \
        "The <mark>negotiations</mark> with the Syrian regime"
    arabic = {t.text for t in text_analyzer("ar")("مفاوضات")}
    assert mark_terms("استؤنفت المفاوضات و مُفاوَضةٌ أخرى", arabic, "ar") == \
        "استؤنفت <mark>المفاوضات</mark> و <mark>مُفاوَضةٌ</mark> أخرى"
    assert snippet_of("Les négociations reprennent.", {"negoci"}, "fr") == lead("Les négociations reprennent.")


# Every word is found by the pattern of its own stem: the pattern may find more, never fewer.
ENGLISH_FORMS = ["dying", "lying", "tying", "skies", "happy", "happiness", "relational", "gently", "only", "early",
                 "agreed", "cried", "ties", "organizer", "differently", "hopping", "Çavuşoğlu's", "news", "oils"]


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.sampled_from(ENGLISH_FORMS),
                 st.text(alphabet="abcdefghijklmnopqrstuvwxyzéè'", min_size=1, max_size=14)))
@example("dying")
def test_every_word_is_a_candidate_of_its_own_stem(word: str) -> None:
    for token in TEXT_ANALYZER(word, chars=True, removestops=False):
        surface = word[token.startchar:token.endchar]
        assert term_starts(surface, frozenset([token.text]))[:1] == [0], (surface, token.text)


def test_short_words_are_not_candidates_of_longer_stems() -> None:
    assert term_starts("of Oil on oily oilfields or soil *oil", frozenset(["oil"])) == [3, 10, 15]


def test_a_capital_that_lowers_to_two_characters_moves_no_place() -> None:
    text = "İstanbul oil, Oil"
    assert term_starts(text, frozenset(["oil"])) == [9, 14]
