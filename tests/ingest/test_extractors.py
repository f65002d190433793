import pytest

from searchapp.ingest.extractors import (
    DatelineExtractor,
    GazetteerExtractor,
    Mention,
    RuleExtractor,
    default_extractors,
    extend_name,
    in_compound,
    is_facility,
    prepare_text,
    with_given_name,
    without_ordinary_words,
)


def texts(mentions):
    return [(m.label, m.text) for m in mentions]


@pytest.mark.parametrize("text, expected", [
    ("the UN envoy for Syria, Staffan de Mistura, said", ("PER", "Staffan de Mistura")),
    ("Foreign Minister Mevlut Cavusoglu told", ("PER", "Mevlut Cavusoglu")),
    ("strongholds Idlib and Ghouta provinces", ("LOC", "Ghouta")),
])
def test_rules_find_what_models_miss(text, expected):
    assert expected in texts(RuleExtractor().mentions(text))


@pytest.mark.parametrize("text, places", [
    ("Talks stalled on Thursday. The region approved the plan.", []),
    ("Idlib province was quiet, and fighting in Zorvak province went on.", ["Idlib", "Zorvak"]),
])
def test_a_sentence_s_first_word_before_region_is_a_place_only_when_the_gazetteer_knows_it(text, places):
    assert [m.text for m in RuleExtractor().mentions(text) if m.label == "LOC"] == places


@pytest.mark.parametrize("text, expected", [
    ("Headline\nBRUSSELS 1996-08-22\nThe Commission said", [("LOC", "BRUSSELS")]),
    ("Headline\nTAVILDARA, Tajikistan 1996-08-30\nTroops", [("LOC", "TAVILDARA"), ("LOC", "Tajikistan")]),
    ("MOSCOW, Oct. 2 (Meridian Post) - Russia said", [("LOC", "MOSCOW")]),
    ("NOTHING here, said the report", []),
])
def test_datelines(text, expected):
    assert texts(DatelineExtractor().mentions(text)) == expected


def test_gazetteer_finds_the_longest_known_name():
    found = texts(GazetteerExtractor().mentions("Talks in New York and Sao Paulo, then Europe and Smallville."))
    assert found == [("LOC", "New York"), ("LOC", "Sao Paulo"), ("LOC", "Europe")]


@pytest.mark.parametrize("title, body, prepared", [
    ("RUSSIA SAYS TALKS WITH CHECHENS GO WELL", "Body line.\nBRUSSELS 1996-08-22",
     "Russia says talks with chechens go well\nBody line.\nBrussels 1996-08-22"),
    ("Reagan Urges Fulfillment Of Exchange", "President Reagan urged the exchange to pay.",
     "Reagan urges fulfillment of exchange\nPresident Reagan urged the exchange to pay."),
    ("AEP> UNIT TO BUY BACK BONDS", "Shares of AEP rose. The unit will buy bonds.",
     "AEP> unit to buy back bonds\nShares of AEP rose. The unit will buy bonds."),
    ("Talks in Geneva", "Geneva said", "Talks in Geneva\nGeneva said"),  # too short to be in doubt
])
def test_headlines_are_read_with_their_casing_in_doubt(title, body, prepared):
    assert prepare_text(title, body) == prepared


@pytest.mark.parametrize("row, prepared", [
    ("    Shr 62 cts vs 55 cts", "    shr 62 cts vs 55 cts"),
    ("Avg shrs 6,612,000 vs 6,598,000", "avg shrs 6,612,000 vs 6,598,000"),
    ("Revs 31.7 mln vs 29.4 mln", "revs 31.7 mln vs 29.4 mln"),
    ("1. Lars Riedel (Germany) 67.10", "1. Lars Riedel (Germany) 67.10"),
    ("Agassi 6-3 6-2", "Agassi 6-3 6-2"),
    ("Reagan said 12 people came.", "Reagan said 12 people came."),
    ("Reagan 12, others 3", "Reagan 12, others 3"),
])
def test_table_rows_lose_the_capital_of_their_label(row, prepared):
    assert prepare_text("", row) == prepared


@pytest.mark.parametrize("text, name", [
    ("Prime Minister Kengo wa Dondo said", "Kengo wa Dondo"),
    ("Queen Elizabeth I born.", "Elizabeth I"),
    ("met Putin on Monday", "Putin"),
    ("talks with Putin in Moscow", "Putin"),
])
def test_names_cut_short_are_extended(text, name):
    first = text.split()[[w.rstrip(".") for w in text.split()].index(name.split()[0])]
    start = text.index(first)
    mention = Mention("PER", name.split()[0], start, start + len(name.split()[0]))
    assert extend_name(mention, text).text == name


def test_model_is_loaded_with_only_the_ner_component():
    model = default_extractors()[1]
    assert model.nlp.pipe_names == ["ner"]


@pytest.mark.parametrize("text, name", [
    ("the Hayat Tahrir al-Sham (HTS) jihadist group", "Hayat Tahrir al-Sham"),
    ("the Kurdistan Democratic Party (KDP) said", "Kurdistan Democratic Party"),
])
def test_a_name_with_its_initials_is_an_organisation(text, name):
    assert ("ORG", name) in texts(RuleExtractor().mentions(text))


def test_initials_that_do_not_match_are_not_taken():
    assert texts(RuleExtractor().mentions("Vladimir Putin (AFP) said")) == []


def test_without_the_model_rules_and_gazetteer_run_with_a_warning(monkeypatch, caplog):
    import spacy

    def missing(*args, **kwargs):
        raise OSError("[E050] Can't find model")

    monkeypatch.setattr(spacy, "load", missing)
    assert extractor_kinds() == ["DatelineExtractor", "RuleExtractor", "GazetteerExtractor"]
    assert "people and places come from rules and the gazetteer only" in caplog.text


def test_rules_only_when_asked(monkeypatch):
    monkeypatch.setenv("SEARCHAPP_ENTITY_MODEL", "none")
    assert extractor_kinds() == ["DatelineExtractor", "RuleExtractor", "GazetteerExtractor"]


def extractor_kinds() -> list[str]:
    """The extractors loaded afresh (the process-wide cache cleared before and after)."""
    default_extractors.cache_clear()
    try:
        return [type(e).__name__ for e in default_extractors()]
    finally:
        default_extractors.cache_clear()


@pytest.mark.parametrize("text, expected", [
    ("Hayat Tahrir al-Sham, the jihadist alliance that holds the town, said", ("ORG", "Hayat Tahrir al-Sham")),
    ("J.P. Morgan and Co Inc said", ("ORG", "J.P. Morgan")),
    ("through L.F. Rothschild, Unterberg, Towbin Inc", ("ORG", "L.F. Rothschild")),
    ("air strikes near the town of Khan Sheikhoun on Friday", ("LOC", "Khan Sheikhoun")),
])
def test_rules_say_what_a_name_is_from_what_the_text_says_of_it(text, expected):
    assert expected in texts(RuleExtractor().mentions(text))


@pytest.mark.parametrize("text", ["Alan Woods, a bank clerk, said", "Ali Khan, the party's leader, said"])
def test_a_person_described_by_a_group_is_no_organisation(text):
    assert [label for label, _ in texts(RuleExtractor().mentions(text))] == []


def test_a_firm_is_a_firm_wherever_the_article_names_it():
    found = texts(RuleExtractor().mentions("J.P. Morgan and Co Inc said so. Later J.P. Morgan said more."))
    assert found == [("ORG", "J.P. Morgan"), ("ORG", "J.P. Morgan")]


@pytest.mark.parametrize("text, name, joined", [
    ("a New York-based group", "New York", True),
    ("the Amman-bound jet", "Amman", True),
    ("pro-Beijing lawmakers", "Beijing", True),
    ("pro-Beijing lawmakers", "pro-Beijing", True),  # a model's mention that took the prefix in
    ("in Nagorno-Karabakh", "Nagorno-Karabakh", False),
    ("Pro-Moscow forces left. Other pro-Moscow units stayed.", "Moscow", True),  # the article writes "pro-"
    ("Jean-Claude Trichet", "Claude", False),
    ("pilgrims at al-Aqsa", "Aqsa", False),  # a name's particle
    ("Rostov-on-Don", "Rostov", False),  # a name of hyphened words
    ("Moscow-Washington talks", "Moscow", False),
    ("in New York.", "New York", False),
])
def test_a_name_joined_to_a_lower_case_word_by_a_hyphen_is_an_adjective(text, name, joined):
    start = text.index(name)
    assert in_compound(text, start, start + len(name)) is joined


@pytest.mark.parametrize("text, name, expected", [
    ("Ji-hoon González met officials.", "González", "Ji-hoon González"),
    ("Officials met Min-jun Bautista in Seoul.", "Bautista", "Min-jun Bautista"),
    ("Pan-democrat Lee Cheuk-yan spoke.", "Lee Cheuk-yan", "Lee Cheuk-yan"),  # a longer word: an adjective
    ("Co-founder Anna Kessler spoke.", "Anna Kessler", "Anna Kessler"),
    ("Well-known Anna Kessler spoke, as is known.", "Anna Kessler", "Anna Kessler"),  # "known" is a word here
    ("The al-hoon Anna Kessler.", "Anna Kessler", "Anna Kessler"),  # no capital: no given name
])
def test_a_hyphenated_given_name_left_out_by_the_model_is_taken_in(text, name, expected):
    start = text.index(name)
    assert with_given_name(Mention("PER", name, start, start + len(name)), text).text == expected


def test_the_model_s_surname_after_a_hyphenated_given_name_is_the_whole_name():
    text = "Ji-hoon González met officials in Lagos on Monday. González said talks went well."
    people = [m.text for extractor in default_extractors() for m in extractor.mentions(text) if m.label == "PER"]
    assert "Ji-hoon González" in people


def test_places_in_adjectives_are_not_found():
    text = "A New York-based group said pro-Beijing candidates won in Hong Kong."
    found = [m.text for extractor in default_extractors() for m in extractor.mentions(text) if m.label == "LOC"]
    assert "Hong Kong" in found
    assert "New York" not in found and "Beijing" not in found


def test_a_model_s_name_run_on_into_the_next_line_ends_at_the_line_break():
    import spacy

    from searchapp.ingest.extractors import SpacyExtractor

    nlp = spacy.blank("en")  # a model that reads a byline and the dateline under it as one name
    nlp.add_pipe("entity_ruler").add_patterns(
        [{"label": "PERSON", "pattern": [{"TEXT": "Anna"}, {"TEXT": "Petrova"}, {"TEXT": "\n"}, {"TEXT": "KHOROG"}]}])
    text = "Troops retake town.\nAnna Petrova\nKHOROG 1996-08-30\nTroops took it."
    for every in (True, False):
        found = SpacyExtractor(nlp, every=every).mentions(text)
        assert [(m.label, m.text, text[m.start:m.end]) for m in found] == [("PER", "Anna Petrova", "Anna Petrova")]


@pytest.mark.parametrize("text, name, expected", [
    ("Nonpartisan Paul Tse won. Two nonpartisan candidates lost.", "Nonpartisan Paul Tse", "Paul Tse"),
    ("Bill Clinton signed the bill. Bill Clinton said so.", "Bill Clinton", "Bill Clinton"),  # a name more often
    ("Jeffrey Hodgson reported. -- e-mail: jeffrey.hodgson@example.com", "Jeffrey Hodgson", "Jeffrey Hodgson"),
    ("Former Senator Bob Dole, a former candidate", "Former Senator Bob Dole", "Senator Bob Dole"),
])
def test_a_person_s_leading_words_that_the_article_writes_in_lower_case_are_no_part_of_the_name(text, name, expected):
    start = text.index(name)
    trimmed = without_ordinary_words([Mention("PER", name, start, start + len(name))], text)
    assert [(m.text, text[m.start:m.end]) for m in trimmed] == [(expected, expected)]


@pytest.mark.parametrize("text, places", [
    ("Fans dressed as Captain America met Hitwise UK staff in Syria.", ["Syria"]),
    ("In Syria, talks resumed. Troops left Kenya Monday.", ["Syria", "Kenya"]),
    ("Talks in New Territories East ended.", []),
])
def test_the_gazetteer_takes_a_place_only_when_it_is_the_whole_name(text, places):
    assert [m.text for m in GazetteerExtractor().mentions(text)] == places


@pytest.mark.parametrize("name, facility", [
    ("Museum of Flight", True), ("Changi Prison", True), ("Wright-Patterson Air Force Base", True),
    ("Kansai International Airport", True), ("Prison", False), ("Oxford University", False),
    ("Bank of England", False), ("Pew Research Center", False),
])
def test_buildings_and_sites_are_known_by_their_head_word(name, facility):
    assert is_facility(name) is facility


def test_a_building_the_model_reads_as_an_organisation_or_a_person_is_a_place():
    import spacy

    from searchapp.ingest.extractors import SpacyExtractor

    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler").add_patterns([
        {"label": "ORG", "pattern": "Museum of Flight"}, {"label": "PERSON", "pattern": "Changi Prison"},
        {"label": "ORG", "pattern": "Boeing"}])
    text = "Boeing gave a plane to the Museum of Flight. He was held in Changi Prison."
    found = SpacyExtractor(nlp, every=True).mentions(text)
    assert [(m.label, m.text) for m in found] == [("ORG", "Boeing"), ("LOC", "Museum of Flight"),
                                                  ("LOC", "Changi Prison")]


def test_a_name_the_text_places_in_a_country_is_a_place():
    found = texts(RuleExtractor().mentions("Officials met in Ashaiman, Ghana on Monday. Talks in Smith, Jones failed."))
    assert ("LOC", "Ashaiman") in found and not any(name == "Smith" for _, name in found)
