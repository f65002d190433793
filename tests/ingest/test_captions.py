from searchapp.ingest.captions import article_element, of_the_article, take_captions
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


def test_without_two_paragraphs_found_on_the_page_every_caption_is_kept():
    html = page(after="<figure><figcaption>Last week's storm</figcaption></figure>")
    root = parse_html(html)
    taken = take_captions(root)
    assert of_the_article(taken, root, ["A body the page does not hold as paragraphs of its own, in words."]) == [
        "Last week's storm"]


def test_the_article_element_holds_every_long_paragraph_of_the_body():
    root = parse_html(page(after="<p>Paragraph 9 of another story, of which the page shows the first lines "
                                 "only.</p>"))
    body = [f"Paragraph {n} of the report says the river rose two metres overnight and the town's bridges were "
            "closed to traffic." for n in range(5)] + ["Short line."]
    assert article_element(root, body).get("class") == "story"
    assert article_element(root, body[:1]) is None
