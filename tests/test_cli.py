import json
import os
import subprocess
import sys

import pytest
from common import CORPUS

from geomap import __version__
from geomap.cli import main


def run(*args):
    return subprocess.run([sys.executable, "-m", "geomap.cli", *args], capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def bundled():
    return run("extract", "--format", "jsonl")


def test_extract_writes_one_contract_record_per_bundled_article(bundled):
    assert bundled.returncode == 0, bundled.stderr
    records = [json.loads(line) for line in bundled.stdout.splitlines()]
    assert len(records) == 5
    for record in records:
        assert {"article", "places", "events", "flows"} <= set(record)
        for place in record["places"]:
            assert place["kind"] in ("country", "region", "city", "facility", "other")
            assert -90 <= place["lat"] <= 90 and -180 <= place["lon"] <= 180
    assert "5 articles extracted" in bundled.stderr


def test_every_span_quotes_the_article_exactly(bundled):
    from geomap.read.articles import read_corpus

    texts = {a.id: a.text for a in read_corpus().articles}
    for record in map(json.loads, bundled.stdout.splitlines()):
        text = texts[record["article"]]
        spans = [m for p in record["places"] for m in p["mentions"]]
        spans += [item["evidence"] for key in ("events", "flows") for item in record[key]]
        for span in spans:
            assert text[span["start"]:span["end"]] == span["text"]


def test_extract_is_reproducible(bundled):
    assert run("extract", "--format", "jsonl").stdout == bundled.stdout


def test_json_format_is_one_array_of_the_same_records(bundled):
    result = run("extract", "--format", "json", "--quiet")
    assert json.loads(result.stdout) == [json.loads(line) for line in bundled.stdout.splitlines()]


def test_bad_articles_are_skipped_and_counted_and_the_batch_goes_on():
    result = run("extract", str(CORPUS))
    assert result.returncode == 1
    assert len(result.stdout.splitlines()) == 6
    assert f"skipped {CORPUS}/binary.txt: binary" in result.stderr
    assert f"skipped {CORPUS}/records.jsonl:2: not valid JSON" in result.stderr
    assert "6 articles extracted, 4 skipped" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "args, message",
    [
        (["extract", "missing-folder"], "missing-folder: no such file or folder"),
        (["build", "--output", "map.png"], "map.png: the map is written as HTML"),
    ],
)
def test_errors_name_the_problem_without_a_traceback(args, message):
    result = run(*args)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_version(capsys):
    with pytest.raises(SystemExit):
        main(["--version"])
    assert capsys.readouterr().out.strip() == f"geomap {__version__}"


@pytest.mark.parametrize("command", ["extract", "build"])
def test_help_shows_examples(command, capsys):
    with pytest.raises(SystemExit):
        main([command, "--help"])
    assert f"geomap {command}" in capsys.readouterr().out


def test_a_broken_user_vocabulary_is_one_clear_error(tmp_path):
    (tmp_path / "weapons.yaml").write_text("systems: [unclosed\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "geomap.cli", "extract"], capture_output=True, text=True, timeout=300,
        env={**os.environ, "GEOMAP_VOCABULARY": str(tmp_path)},
    )
    assert result.returncode == 2
    assert f"{tmp_path}/weapons.yaml: not valid YAML" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


@pytest.mark.parametrize(
    "files, message",
    [
        ({"weapons.yaml": "a: &a [x, x]\nb: [*a, *a]\n"}, "weapons.yaml: line 2: aliases (*a) are not allowed"),
        ({"events.yaml": "types: [1, 2]\n"}, "events.yaml: entry types: expected a mapping, got a list"),
        ({"curated.yaml": "places:\n  - {id: d, name: D, kind: facility, country: YE, lat: 1, lon: 2, arabic: x,"
                          " source: s}\n"}, "curated.yaml: entry places[0].arabic: expected a list, got a string"),
        (None, "no such folder"),
    ],
)
def test_a_bad_user_vocabulary_is_exit_2_and_one_line(tmp_path, files, message):
    folder = tmp_path / "vocabulary"
    if files is not None:
        folder.mkdir()
        for name, content in files.items():
            (folder / name).write_text(content, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "geomap.cli", "extract"], capture_output=True, text=True, timeout=300,
        env={**os.environ, "GEOMAP_VOCABULARY": str(folder)},
    )
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and message in result.stderr
    assert result.stdout == ""



def test_build_names_countries_in_arabic_and_limits_quotes(tmp_path):
    from test_render import _features

    out = tmp_path / "map.html"
    assert main(["build", "--output", str(out), "--labels", "ar", "--quotes", "1", "--quiet"]) == 0
    page = out.read_text("utf-8")
    assert '"dir":"rtl"' in page and '["روسيا",' in page
    features = _features(page)
    assert features and max(len(f["properties"]["ev"]) for f in features) == 1
    assert max(f["properties"]["evn"] for f in features) > 1  # the others are counted
