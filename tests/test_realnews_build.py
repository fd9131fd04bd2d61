"""Building the sets of real news from the dataset's daily archives (benchmarks/realnews/build.py)."""

from __future__ import annotations

import importlib.util
import json
import zipfile
from pathlib import Path

import pytest
from common import SHARED, require

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "realnews" / "build.py"


def _module():
    spec = importlib.util.spec_from_file_location("realnews_build", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


ARTICLES = [
    {"url": "http://example.org/1", "title": " عنوان الخبر الأول ", "content": "نص الخبر الأول.\n", "source": "x",
     "date_extracted": "2015-07-21 10:00:00"},
    {"url": "http://example.org/2", "title": "عنوان آخر", "content": "نص آخر.", "source": "y",
     "date_extracted": "2015-07-21 11:00:00"},
]


def _dataset(folder: Path) -> Path:
    folder.mkdir()
    with zipfile.ZipFile(folder / "2015-07-21.zip", "w") as archive:
        archive.writestr("2015-07-21.json", json.dumps(ARTICLES, ensure_ascii=False))
    return folder


def _manifest(path: Path, url: str) -> Path:
    entry = {"url": url, "published": "2015-07-21", "outlet": "y", "archive": "2015-07-21.zip"}
    path.write_text(json.dumps({"z": {"001": entry}}, ensure_ascii=False), encoding="utf-8")
    return path


def test_articles_are_written_as_title_blank_line_and_body_with_their_metadata(tmp_path):
    build = _module().build
    written = build(_dataset(tmp_path / "data"), tmp_path / "out", _manifest(tmp_path / "m.json", "http://example.org/2"))
    assert written == {"z": 1}
    assert (tmp_path / "out" / "z" / "001.txt").read_text(encoding="utf-8") == "عنوان آخر\n\nنص آخر.\n"
    metadata = json.loads((tmp_path / "out" / "z" / "metadata.json").read_text(encoding="utf-8"))
    assert metadata == {"articles": {"001": {"published": "2015-07-21", "outlet": "y", "url": "http://example.org/2"}}}


def test_an_article_missing_from_its_archive_is_named(tmp_path):
    build = _module().build
    with pytest.raises(SystemExit, match="no article at http://example.org/3"):
        build(_dataset(tmp_path / "data"), tmp_path / "out", _manifest(tmp_path / "m.json", "http://example.org/3"))


def test_the_manifest_names_each_article_once_with_its_archive():
    manifest = json.loads((SCRIPT.parent / "manifest.json").read_text(encoding="utf-8"))
    urls = [entry["url"] for articles in manifest.values() for entry in articles.values()]
    assert len(urls) == len(set(urls)) == 166
    assert all(entry["archive"].endswith(".zip") for articles in manifest.values() for entry in articles.values())
    for name, articles in manifest.items():
        gold = json.loads((SCRIPT.parent / f"{name}.json").read_text(encoding="utf-8"))
        assert set(gold["places"]) <= set(articles)


def test_no_article_of_the_sets_is_a_development_article():
    metadata = SHARED / "corpus" / "dev" / "metadata.json"
    require(metadata.is_file(), f"no development set at {metadata} (../shared beside the repository)")
    dev = {entry["url"] for entry in json.loads(metadata.read_text(encoding="utf-8"))["articles"].values()}
    manifest = json.loads((SCRIPT.parent / "manifest.json").read_text(encoding="utf-8"))
    assert dev.isdisjoint(entry["url"] for articles in manifest.values() for entry in articles.values())
