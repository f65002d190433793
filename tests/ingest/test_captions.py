from searchapp.ingest.captions import article_element, distinct, of_the_article, take_captions
from searchapp.ingest.clean import clean_html
from searchapp.ingest.html import parse_html

STORY = "".join(f"<p>Paragraph {n} of the report says the river rose two metres overnight and the town's "
                "bridges were closed to traffic.</p>" for n in range(5))


def page(before: str = "", inside: str = "", after: str = "") -> str:
    return (f"<html><body><nav><a href='/'>Home</a></nav>{before}<div class='story'><h1>Floods</h1>"
            f"{inside}{STORY}</div>{after}</body></html>")


def captions_of(html: str) -> tuple[str, ...]:
    return clean_html(parse_html(html), html).captions


def test_a_caption_inside_the_article_or_before_it_is_kept():
    lead = "<figure><img src='lead.jpg'><figcaption>The bridge at dawn.</figcaption></figure>"
    inner = "<figure><img src='2.jpg'><figcaption>Sandbags on the quay.</figcaption></figure>"
    assert captions_of(page(before=lead, inside=inner)) == ("The bridge at dawn.", "Sandbags on the quay.")


def test_a_caption_after_the_article_is_another_stories_and_is_dropped():
    sidebar = ("<div class='rail'><div class='slide'><img src='s.jpg'><div class='caption'>Trending now: "
               "a cat on a skateboard</div></div><figure><img src='t.jpg'><figcaption>Last week's storm"
               "</figcaption></figure></div>")
    inner = "<figure><img src='2.jpg'><figcaption>Sandbags on the quay.</figcaption></figure>"
    assert captions_of(page(inside=inner, after=sidebar)) == ("Sandbags on the quay.",)


def test_a_figure_ending_the_article_is_still_the_articles():
    html = page().replace("</div></body>", "<figure><figcaption>The flood line on a wall.</figcaption></figure>"
                                           "</div></body>")
    assert captions_of(html) == ("The flood line on a wall.",)


def test_when_most_of_the_body_is_not_the_pages_paragraphs_every_caption_is_kept():
    html = page(after="<figure><figcaption>Last week's storm</figcaption></figure>")
    root = parse_html(html)
    taken = take_captions(root)
    found = ("Paragraph 0 of the report says the river rose two metres overnight and the town's bridges were "
             "closed to traffic.")
    elsewhere = " ".join(["Text the page holds in no paragraph of its own, read from a slideshow."] * 3)
    assert of_the_article(taken, root, [found, elsewhere]) == ["Last week's storm"]
    again = parse_html(html)
    assert of_the_article(take_captions(again), again, [found]) == []


def test_the_article_element_holds_every_long_paragraph_of_the_body():
    root = parse_html(page(after="<div class='next'><p>Paragraph 9 of another story, of which the page shows "
                                 "the first lines only.</p></div>"))
    body = [f"Paragraph {n} of the report says the river rose two metres overnight and the town's bridges were "
            "closed to traffic." for n in range(5)]
    other = "Paragraph 9 of another story, of which the page shows the first lines only."
    assert article_element(root, [*body, "Short line."]).get("class") == "story"
    assert article_element(root, [*body, other]).tag == "body"
    assert article_element(root, ["Nothing the page holds, but long enough to be a sentence of its own."]) is None


def test_a_caption_whose_words_another_holds_is_kept_once():
    assert distinct([
        "Photo: Ana Ruiz, AP",
        "Rescuers search the river bank on Sunday. Photo: Ana Ruiz, AP",
        "Ana Ruiz, AP Photo: Rescuers search the river bank on Sunday.",  # the same words, credit first
        "The bridge at dawn.",
        "The bridge at dawn.",
        "—",
    ]) == ["Rescuers search the river bank on Sunday. Photo: Ana Ruiz, AP", "The bridge at dawn."]


def test_captions_of_a_page_are_not_repeated_by_their_credits():
    figure = ("<figure><img src='2.jpg'><span class='image-credit'>Photo: Ana Ruiz, AP</span><figcaption>"
              "Sandbags on the quay. Photo: Ana Ruiz, AP</figcaption></figure>")
    assert captions_of(page(inside=figure)) == ("Sandbags on the quay. Photo: Ana Ruiz, AP",)
