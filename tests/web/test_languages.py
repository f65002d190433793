"""Text from the archive in its language and direction: Arabic and Hebrew titles, snippets and
articles carry lang and dir="rtl" on every page and in the feed, French ones lang="fr", English
ones nothing (the page is English), and names from pages are isolated (<bdi>) in mixed lists."""
from __future__ import annotations

import shutil
from urllib.parse import quote

import lxml.etree
import lxml.html
import pytest

from searchapp.rebuild.options import RebuildOptions
from searchapp.rebuild.run import rebuild_index
from searchapp.web import create_app
from tests.conftest import SEEDS, story, write_dump

ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
HEBREW = ["תושבי Aleppo דיווחו על הפצצות כבדות במהלך הלילה, והממשלה הודיעה כי כוחותיה התקדמו לעבר הכפרים "
          "שממערב לעיר. לדברי גורמים רשמיים, השיחות על הפסקת האש יימשכו בשבוע הבא בז'נבה.",
          "ארגוני סיוע אמרו כי אלפי משפחות נמלטו מהאזור בימים האחרונים, וכי המחסור במזון ובתרופות הולך "
          "ומחמיר. האו\"ם קרא לשני הצדדים לאפשר מעבר בטוח לאזרחים."]
ARABIC = ["قال سكان في مدينة Aleppo إن القصف استمر طوال الليل، فيما أعلنت الحكومة السورية أن قواتها تقدمت "
          "نحو الريف الغربي للمدينة. وقال مسؤولون إن المحادثات حول وقف إطلاق النار ستستمر الأسبوع المقبل في جنيف.",
          "وقالت منظمات الإغاثة إن آلاف العائلات فرت من المنطقة خلال الأيام الأخيرة، وإن النقص في الغذاء "
          "والدواء يزداد سوءا. ودعت الأمم المتحدة الطرفين إلى السماح بممر آمن للمدنيين."]


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    """The sample archive's French and Arabic pages, with a Hebrew, an Arabic and an English story
    about Aleppo (so that a place page lists articles in three languages)."""
    pages = tmp_path_factory.mktemp("languages-pages")
    for folder in ("echo-oronte", "al-raed", "levant-ledger"):
        shutil.copytree(SEEDS / folder, pages / folder)
    write_dump(pages, "dumps/2018-11-26-aleppo-he.txt", "הפצצות כבדות ב-Aleppo", HEBREW, site="Kol HaTzafon")
    write_dump(pages, "dumps/2018-11-26-aleppo-ar.txt", "القصف يستمر في Aleppo", ARABIC, site="وكالة الشمال")
    write_dump(pages, "dumps/2018-11-26-aleppo-en.txt", "Shelling goes on in Aleppo",
               story("Residents of Aleppo said the shelling went on through the night."))
    index = tmp_path_factory.mktemp("languages-index")
    rebuild_index(RebuildOptions([pages], index))
    return create_app({"TESTING": True, "INDEX_DIR": index}).test_client()


def html_of(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, url
    return lxml.html.fromstring(response.get_data(as_text=True))


def expected_attributes(language: str) -> dict:
    """What a title or snippet in a language carries."""
    if language in ("ar", "he"):
        return {"lang": language, "dir": "rtl"}
    return {} if language == "en" else {"lang": language}


def attributes(element) -> dict:
    return {k: v for k, v in element.attrib.items() if k in ("lang", "dir")}


def languages_of(client, query: str) -> list[str]:
    return [hit["language"] for hit in client.get(f"/api/search?{query}").get_json()["hits"]]


@pytest.mark.parametrize("query", ["per_page=50", "place=Aleppo", "q=Aleppo", "language=Arabic&per_page=50",
                                   "q=" + quote("إدلب")])
def test_every_title_and_snippet_carries_its_language_and_direction(client, query):
    languages = languages_of(client, query)
    hits = html_of(client, f"/search?{query}").cssselect("li.hit")
    assert len(hits) == len(languages) > 0
    for hit, language in zip(hits, languages, strict=True):
        assert attributes(hit.cssselect("h2")[0]) == expected_attributes(language)
        assert attributes(hit.cssselect("p.snippet")[0]) == expected_attributes(language)
        assert attributes(hit) == {}  # the site's words around them stay English, left to right


def test_a_mixed_list_holds_every_direction(client):
    assert {"en", "fr", "ar", "he"} <= set(languages_of(client, "per_page=50"))
    assert set(languages_of(client, "q=Aleppo")) == {"en", "ar", "he"}


def test_an_arabic_word_is_marked_in_a_right_to_left_snippet(client):
    hit = html_of(client, "/search?q=" + quote("سوتشي")).cssselect("li.hit")[0]
    snippet = hit.cssselect("p.snippet")[0]
    assert attributes(snippet) == {"lang": "ar", "dir": "rtl"} and snippet.cssselect("mark")


def test_names_from_pages_are_isolated_beside_dates_and_counts(client):
    page = html_of(client, "/search?language=Arabic&per_page=50")
    sources = {b.text for hit in page.cssselect("li.hit") for b in hit.cssselect("p.meta > bdi")}
    assert "الرائد" in sources
    labels = {label.cssselect("bdi")[0].text: label.cssselect(".count")[0].text_content().split()[0]
              for label in page.cssselect("#filters label.value")}
    assert labels["الرائد"] == "3" and labels["Arabic"] == "4"


def test_the_language_facet_lists_names(client):
    facets = {f["name"]: {v["value"]: v["count"] for v in f["values"]}
              for f in client.get("/api/search").get_json()["facets"]}
    assert facets["language"] == {"English": 17, "French": 4, "Arabic": 4, "Hebrew": 1}


def article_id(client, query: str) -> str:
    return client.get(f"/api/search?{query}").get_json()["hits"][0]["id"]


def test_an_arabic_article_reads_right_to_left_and_the_site_around_it_does_not(client):
    page = html_of(client, "/article/" + article_id(client, "q=" + quote("ميستورا")))
    article = page.cssselect("article.article")[0]
    assert attributes(article) == {}
    for own in (article.cssselect("h1")[0], article.cssselect("div.body")[0], article.cssselect(".captions ul")[0],
                article.cssselect(".citation bdi")[0]):
        assert attributes(own) == {"lang": "ar", "dir": "rtl"}
    assert attributes(article.cssselect(".details")[0]) == {}
    language = page.xpath("//dt[text()='Language']/following-sibling::dd[1]/a")[0]
    assert (language.text, language.get("href")) == ("Arabic", "/search?language=Arabic")


def test_a_french_article_says_its_language_only(client):
    page = html_of(client, "/article/" + article_id(client, "q=Sotchi"))
    assert attributes(page.cssselect("article.article h1")[0]) == {"lang": "fr"}
    assert attributes(page.cssselect("article.article div.body")[0]) == {"lang": "fr"}


def test_the_neighbours_and_the_removed_view_keep_the_direction(client):
    search = "language=Arabic&sort=newest"
    first = article_id(client, search)
    page = html_of(client, f"/article/{first}?{search}&pos=1")
    assert attributes(page.cssselect('.result-nav a[rel="next"] bdi')[0]) == {"lang": "ar", "dir": "rtl"}
    removed = html_of(client, f"/article/{first}/removed")
    assert attributes(removed.cssselect("h1 bdi")[0]) == {"lang": "ar", "dir": "rtl"}
    assert {attributes(td).get("dir") for td in removed.cssselect("tr.kept td:first-child")} == {"rtl"}


def test_a_place_page_lists_articles_in_every_direction(client):
    hits = html_of(client, "/place/Aleppo").cssselect("li.hit")
    found = [attributes(hit.cssselect("h2")[0]) for hit in hits]
    assert {"lang": "ar", "dir": "rtl"} in found and {"lang": "he", "dir": "rtl"} in found and {} in found


def test_the_cite_page_keeps_the_direction_of_its_results(client):
    hits = html_of(client, "/cite?q=" + quote("إدلب")).cssselect("li.hit")
    assert hits and all(attributes(h.cssselect("h2")[0]) == {"lang": "ar", "dir": "rtl"} for h in hits)


def test_the_compare_page_isolates_each_search(client):
    page = html_of(client, "/compare?q=" + quote("إدلب") + "&q=Idleb")
    assert [b.text for b in page.cssselect("#compare-heading bdi")] == ["إدلب", "Idleb"]
    assert [b.text for b in page.cssselect(".compare-legend bdi")] == ["إدلب", "Idleb"]


def test_the_atom_feed_gives_each_entry_its_language(client):
    feed = lxml.etree.fromstring(client.get("/search.atom?q=Aleppo").data)
    assert feed.get(XML_LANG) == "en"
    entries = {e.findtext(f"{ATOM}title"): e.get(XML_LANG) for e in feed.iter(f"{ATOM}entry")}
    assert set(entries.values()) == {"ar", "en", "he"}
    assert (entries["הפצצות כבדות ב-Aleppo"], entries["القصف يستمر في Aleppo"]) == ("he", "ar")
    assert entries["Shelling goes on in Aleppo"] == "en"


def test_the_search_boxes_read_the_direction_of_what_is_typed(client):
    page = html_of(client, "/search?q=Aleppo")
    assert page.cssselect("input#q")[0].get("dir") == "auto"
    assert page.cssselect("input#compare-with")[0].get("dir") == "auto"
