"""A language reaches an archive with an incremental rebuild, on every engine: its articles are
read in it from then on, and the English ones as before."""
from __future__ import annotations

from searchapp.models import SearchRequest
from searchapp.rebuild.options import RebuildOptions
from searchapp.rebuild.run import rebuild_index
from searchapp.service import SearchService
from tests.conftest import story, write_dump


def found(service: SearchService, text: str) -> set[str]:
    return {hit.id for hit in service.search(SearchRequest(q=text, per_page=50)).hits}


def french_page(folder, name: str, title: str, paragraphs: list[str]) -> None:
    """A saved page that declares French, as a French site's would."""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    (folder / name).write_text(
        f'<!DOCTYPE html><html lang="fr-FR"><head><meta charset="utf-8"><title>{title} | Le Quotidien</title>'
        f'<meta property="og:site_name" content="Le Quotidien">'
        f'<meta property="article:published_time" content="2018-09-18T10:00:00+02:00"></head>'
        f"<body><article><h1>{title}</h1>{body}</article></body></html>", encoding="utf-8")


def test_an_incremental_rebuild_adds_a_language_to_the_archive(backend, tmp_path):
    pages = tmp_path / "pages"
    write_dump(pages, "2018-09-17-talks.txt", "Ceasefire negotiations resume", story("Negotiations resumed today."))
    index = tmp_path / "index"
    rebuild_index(RebuildOptions([pages], index, backend=backend))
    service = SearchService(index, backend=backend)
    assert service.analyses() == ("en",) and found(service, "négociations") == set()
    french_page(pages, "negociations.html", "Les négociations reprennent à Genève", [
        "Les négociations sur un cessez-le-feu à Idleb ont repris mardi à Genève, ont annoncé les diplomates "
        "présents, qui parlent de la dernière chance avant une offensive du régime syrien sur la province.",
        "Les délégations de l'opposition et du gouvernement syriens se sont retrouvées au palais des Nations, "
        "où les discussions doivent durer trois jours selon les organisateurs de la rencontre."])
    report = rebuild_index(RebuildOptions([pages], index, backend=backend, incremental=True))
    assert report.updated == 1
    assert service.analyses() == ("en", "fr")
    (french,) = found(service, "négociation syrienne")
    assert service.article(french).article.language == "fr"
    assert len(found(service, "negotiations")) == 1  # the English article, as before
