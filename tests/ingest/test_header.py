"""The article's header: standfirst, byline and date line between the headline and the body."""
from searchapp.ingest.clean import AROUND_TEXT, BOILERPLATE_WORDS, HIDDEN, clean_html
from searchapp.ingest.header import read_after_headline
from searchapp.ingest.html import parse_html
from searchapp.models import Article
from searchapp.search.schema import from_fields, to_document

TITLE = "Harbour council approves the new ferry timetable"
PARAGRAPHS = [
    "The harbour council voted on Tuesday to approve a new ferry timetable that adds three crossings a day.",
    "Councillors said the extra crossings would ease the queues that built up every morning last summer.",
    "The operator has promised to hire twelve more crew members before the timetable starts in April.",
]
STANDFIRST = "Three more crossings a day from April, after a summer of long queues at the pier."
STORY = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)


def page(header: str, story: str = STORY) -> str:
    """A page that sets its headline and header in a box above the story's <article>."""
    return (f"<html><head><title>{TITLE} | The Harbour Gazette</title></head><body>"
            f"<div class='top'><h1>{TITLE}</h1>{header}</div><article><div class='text'>{story}</div></article>"
            "</body></html>")


def header_of(html: str) -> tuple[str, ...]:
    return clean_html(parse_html(html), html, TITLE).header


def test_the_standfirst_byline_and_date_line_are_the_header_not_the_body():
    html = page(f"<p class='standfirst'>{STANDFIRST}</p>"
                "<div class='byline'>By <a href='/people/nadia-okafor'>Nadia Okafor</a></div>"
                "<p class='published'>Published: March 3, 2021</p>")
    cleaned = clean_html(parse_html(html), html, TITLE)
    assert cleaned.header == (STANDFIRST, "By Nadia Okafor", "Published: March 3, 2021")
    assert cleaned.body.split("\n\n") == PARAGRAPHS


def test_an_authors_name_is_kept_from_the_byline_box_but_not_the_links_and_biography_beside_it():
    html = page("<div class='author-box'><a href='/people/nadia-okafor'>Nadia Okafor</a>"
                "<p><a href='/feeds/okafor'>Get author RSS feed</a></p>"
                "<p>Nadia has covered the harbour and its ferries for the Gazette since 2009, and before that "
                "reported on shipping for a trade weekly in Rotterdam.</p></div>")
    assert header_of(html) == ("Nadia Okafor",)


def test_share_buttons_tags_and_other_stories_are_not_the_header():
    html = page(f"<p>{STANDFIRST}</p>"
                "<ul class='share'><li>Share on Facebook</li><li>Tweet this story to your followers now</li></ul>"
                "<ul class='tags'><li><a href='/t/ferries'>Ferries</a></li>"
                "<li><a href='/t/council'>Council</a></li></ul>"
                "<p><a href='/story/2'>Pier repairs will close the north landing stage for a fortnight</a></p>"
                "<nav><p>Sections of the Gazette you may also like to read this week</p></nav>")
    assert header_of(html) == (STANDFIRST,)


def test_the_header_ends_where_the_body_begins_and_repeats_nothing_the_body_holds():
    # The standfirst is the body's too (trafilatura took it): the header is what comes before it.
    html = (f"<html><head><title>{TITLE}</title></head><body><div class='story'><h1>{TITLE}</h1>"
            f"<p>Published: March 3, 2021</p><p>{STANDFIRST}</p>{STORY}</div></body></html>")
    cleaned = clean_html(parse_html(html), html, TITLE)
    assert cleaned.body.split("\n\n") == [STANDFIRST, *PARAGRAPHS]
    assert cleaned.header == ("Published: March 3, 2021",)


def test_text_far_from_the_headline_is_not_read_as_its_header():
    menu = "".join(f"<p>Section number {n} of the site holds the stories of the week for readers.</p>"
                   for n in range(25))
    root = parse_html(page(f"<div class='index'>{menu}</div><p>{STANDFIRST}</p>"))
    read = read_after_headline(root, TITLE, HIDDEN, frozenset(AROUND_TEXT), BOILERPLATE_WORDS)
    assert len(read) == 1 and read[0][0].text.startswith("Section number 0")
    assert STANDFIRST not in {line.text for line in read[0]}


def test_a_page_whose_headline_is_not_shown_as_a_heading_has_no_header():
    html = (f"<html><head><title>{TITLE}</title></head><body><p>{STANDFIRST}</p>"
            f"<div class='text'>{STORY}</div></body></html>")
    assert header_of(html) == ()


def test_the_header_is_searched_with_the_article_between_headline_and_body():
    article = Article(id="a1", path="p.html", title=TITLE, body="\n\n".join(PARAGRAPHS),
                      header=(STANDFIRST, "By Nadia Okafor"), captions=("The ferry at the pier.",))
    document = to_document(article)
    expected = [TITLE, STANDFIRST, "By Nadia Okafor", article.body, "The ferry at the pier."]
    assert document["content"] == "\n".join(expected)
    assert from_fields(document).header == article.header
    assert to_document(Article(id="a2", path="q.html", title=TITLE, body="Text."))["content"] == f"{TITLE}\nText."
