import json

import pytest
from click.testing import CliRunner

from searchapp.cli import cli
from tests.conftest import PAGES

INSPECT_FIELDS = {"path", "id", "title", "source", "url", "date", "author", "people", "places", "header", "captions",
                  "body", "extracted_by"}


@pytest.fixture
def runner():
    return CliRunner()


def test_rebuild_then_search(runner, tmp_path):
    index = tmp_path / "index"
    result = runner.invoke(cli, ["rebuild", str(PAGES), "--index", str(index)])
    assert result.exit_code == 0, result.output
    assert "pages seen:   6" in result.output and "indexed:      3" in result.output
    assert "duplicates:   1" in result.output and "skipped:      2" in result.output
    assert "broken.html: binary data, not a saved page" in result.output
    assert "pages/s" in result.output

    result = runner.invoke(cli, ["search", "ceasefire", "--index", str(index), "--json"])
    data = json.loads(result.output)
    assert data["total"] == 1
    assert set(data["hits"][0]) == {"id", "title", "url", "source", "date", "people", "places"}

    result = runner.invoke(cli, ["search", "person:Bolsonaro", "--index", str(index)])
    assert "1 results" in result.output and "Café owners in São Paulo" in result.output


def test_index_from_environment(runner, tmp_path, monkeypatch):
    monkeypatch.setenv("SEARCHAPP_INDEX", str(tmp_path / "env-index"))
    assert runner.invoke(cli, ["rebuild", str(PAGES / "dumps")]).exit_code == 0
    assert (tmp_path / "env-index" / "current").is_symlink()
    assert json.loads(runner.invoke(cli, ["search", "--json", "Barnier"]).output)["total"] == 1


def test_search_without_index_is_a_clear_error(runner, tmp_path):
    result = runner.invoke(cli, ["search", "x", "--index", str(tmp_path)])
    assert result.exit_code == 1
    assert "no index at" in result.output and "searchapp rebuild" in result.output
    assert "Traceback" not in result.output


def test_inspect_json_has_exactly_the_documented_fields(runner):
    result = runner.invoke(cli, ["inspect", "--json", str(PAGES / "site-a" / "ceasefire.html"),
                                 str(PAGES / "dumps")])
    records = [json.loads(line) for line in result.output.splitlines()]
    assert [set(r) for r in records] == [INSPECT_FIELDS, INSPECT_FIELDS]
    assert records[0]["date"] == "2018-09-17T15:30:00"
    assert records[0]["people"] == ["Vladimir Putin", "Recep Tayyip Erdogan", "Hassan Rouhani"]


def test_inspect_reports_bad_pages_and_exits_non_zero(runner):
    result = runner.invoke(cli, ["inspect", str(PAGES / "site-a" / "empty.html")])
    assert result.exit_code == 1 and "skipped: empty file" in result.output


def test_inspect_text(runner, shared_seed):
    result = runner.invoke(cli, ["inspect", str(shared_seed)])
    assert "title:    Turkey says Erdogan will meet Putin on Monday for Syria talks" in result.output
    assert "source:   i24NEWS" in result.output and "date:     -" in result.output


def test_progress_bar_shows_pages_per_second(capsys):
    from searchapp.cli import Progress
    from searchapp.models import RebuildReport

    progress = Progress(total=4)
    progress(RebuildReport(seen=4))
    progress.done()
    err = capsys.readouterr().err
    assert "4/4 pages" in err and "pages/s" in err and "#" * 30 in err and "writing the index" in err


def test_the_time_left_follows_the_recent_rate_not_the_slow_start(capsys):
    from searchapp.cli import Progress
    from searchapp.models import RebuildReport

    now = [0.0]
    progress = Progress(total=10_000, clock=lambda: now[0])
    # The model takes 60 s to load, then pages come at 20 a second.
    now[0] = 60.0
    progress(RebuildReport(seen=1))
    for second in range(1, 121):
        now[0] = 60.0 + second
        progress(RebuildReport(seen=1 + 20 * second))
    line = capsys.readouterr().err.rsplit("\r", 1)[-1]
    assert "2401/10000 pages, 20.0 pages/s, 6 min left" in line  # 7,599 pages at 20/s: 380 s


def test_durations_read_as_people_say_them():
    from searchapp.cli import duration

    assert [duration(s) for s in (5, 89, 600, 5399, 11_100)] == ["5 s", "89 s", "10 min", "90 min", "3 h 05 min"]


def test_parts_are_checked(runner, tmp_path):
    result = runner.invoke(cli, ["rebuild", str(PAGES), "--index", str(tmp_path), "--part", "3/2"])
    assert result.exit_code == 2 and "K/N" in result.output
    result = runner.invoke(cli, ["rebuild", str(PAGES), "--index", str(tmp_path), "--part", "1/2"])
    assert result.exit_code == 1 and "--workers" in result.output  # the embedded index has one writer
