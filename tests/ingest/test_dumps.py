import pytest

from searchapp.errors import PageError
from searchapp.ingest.dumps import clean_dump
from tests.conftest import PAGES


def test_shared_seed_comes_out_right(shared_seed):
    dump = clean_dump(shared_seed.read_text())
    assert dump.title == "Turkey says Erdogan will meet Putin on Monday for Syria talks"
    assert dump.source == "i24NEWS"
    assert dump.body.startswith("Turkish President Recep Tayyip Erdogan will meet")
    assert dump.body.endswith("to avoid a massacre in Idlib.")
    for boilerplate in ["Quantcast", "Previous article", "Next article", "Pool Photo", "shakes hands",
                        "\\", "8Previous"]:
        assert boilerplate not in dump.body
    assert dump.body.count("Cavusoglu on Friday said Turkey was ready") == 1
    assert any("shakes hands" in c for c in dump.captions)
    assert "(Tolga Bozoglu/Pool Photo via AP, File)" in dump.captions


def test_fixture_dump_in_the_same_format():
    dump = clean_dump((PAGES / "dumps" / "2018-11-02-brexit-talks.txt").read_text())
    assert (dump.title, dump.source) == ("May and Barnier resume Brexit talks in Brussels", "Test Wire")
    paragraphs = dump.body.split("\n\n")
    assert paragraphs[0].startswith("BRUSSELS (Test Wire) - British Prime Minister")
    assert paragraphs[-1].endswith("before it goes to Parliament.")
    assert len(paragraphs) == 4
    assert dump.captions == (
        "Prime Minister Theresa May arrives at the European Commission headquarters for talks with the bloc's "
        "negotiator",
        "(Ilse Vandermeer/Pool Photo via AP, File)",
    )


def test_dump_without_repeated_title_reads_site_and_title_from_first_line():
    text = ("Quantcast Gulf Test - Oil output rises\n\n" +
            "\n\n".join(["Oil producers in the Gulf raised their output again this month, officials said."] * 3))
    dump = clean_dump(text)
    assert (dump.title, dump.source) == ("Oil output rises", "Gulf Test")


@pytest.mark.parametrize("text", ["", "\n\n\n", "Just a title\n\nShort line."])
def test_dump_without_article_text_is_an_error(text):
    with pytest.raises(PageError):
        clean_dump(text)


def test_menus_link_lists_and_footers_around_the_story_are_dropped():
    story = ["The council voted on Tuesday to close the old harbour bridge for repairs that will last a year.",
             "Engineers found cracks in two of the supports during an inspection in the spring, officials said.",
             '"We cannot take any risk with a bridge this old," the mayor told reporters after the vote.',
             "Please.",
             "Traffic will be sent over the new ring road while the work goes on, the council said."]
    menu = ["Home", "News", "Local", "Sport", "Weather", "Storm closes schools across the county",
            "Subscribe", "Sign In"]
    footer = ["About", "Privacy Notice", "Terms of Use", "Follow us on Facebook", "Copyright 2018 Test Press"]
    text = "Bridge to close for a year - Test Press\n\n" + "\n\n".join(menu + story + footer)
    assert clean_dump(text).body == "\n\n".join(story)


def test_an_article_that_gives_a_web_address_in_every_paragraph_is_kept():
    story = "\n\n".join(f"VISIT the show number {n}, Oct. {n + 5}, in Harrisburg, PA, with a grand prix, a family "
                        f"day and a trade fair for riders of every age; www.show{n}.org." for n in range(4))
    menu = "Training\nHealth\nNews"
    dump = f"Site - Things to Do in October\n\n{menu}\n\nThings to Do in October\n\n{story}\n\nContact\n"
    cleaned = clean_dump(dump)
    assert cleaned.body.count("VISIT the show") == 4
