"""The Whoosh writer of a build: what it writes equals what Whoosh writes by itself, only faster."""
from whoosh.index import create_in, open_dir

from searchapp.backends.whoosh.schema import SCHEMA
from searchapp.backends.whoosh.writer import WhooshWriter
from searchapp.models import Article
from searchapp.search.schema import to_document


def test_postings_written_with_lengths_in_memory_and_chunked_runs_equal_whooshs_own(tmp_path):
    articles = [Article(id=f"a{n}", path=f"p{n}", title=f"Talks {n}", body=" ".join(["talks in Sochi"] * (n + 1)),
                        source="s", url=f"https://example.com/{n}", people=("Vladimir Putin",) * (n % 2))
                for n in range(30)]
    (tmp_path / "ours").mkdir()
    ours = WhooshWriter(tmp_path / "ours", None)
    ours.writer.pool.limit = 20_000  # bytes: sorted runs go to disk every few articles and are merged back
    for article in articles:
        ours.add(article)
    assert len(ours.writer.pool.runs) > 3
    ours.finish()
    (tmp_path / "plain").mkdir()
    plain = create_in(str(tmp_path / "plain"), SCHEMA).writer()
    for article in articles:
        plain.add_document(**to_document(article))
    plain.commit()
    with open_dir(str(tmp_path / "ours")).reader() as a, open_dir(str(tmp_path / "plain")).reader() as b:
        terms = list(b.all_terms())
        assert list(a.all_terms()) == terms
        for field, term in terms:
            x, y = a.term_info(field, term), b.term_info(field, term)
            assert (x.min_length(), x.max_length(), x.weight(), x.doc_frequency()) == \
                   (y.min_length(), y.max_length(), y.weight(), y.doc_frequency())
            assert postings(a, field, term) == postings(b, field, term)


def postings(reader, field, term):
    matcher = reader.postings(field, term)
    found = []
    while matcher.is_active():
        found.append((matcher.id(), matcher.weight(), matcher.value()))
        matcher.next()
    return found
