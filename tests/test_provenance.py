"""No sentence of the seed or dev articles (../shared/corpus) is copied into the project.

The project's code, data, tests and docs are checked for any run of
:data:`RUN` consecutive Arabic words that one of those articles also
contains. Only the bundled copy of the seed corpus (geomap/data/corpus) and
the real articles built for measuring (benchmarks/realnews/corpus, which git
ignores) are exempt, and so is a run inside one name of the actors
vocabulary (the fixed name of a news agency is no sentence).
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterable
from pathlib import Path

import yaml
from common import SHARED, require

from geomap.read.articles import decode

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = (SHARED / "corpus" / "seeds", SHARED / "corpus" / "dev")
# what is checked, relative to the repository; the bundled corpus is the corpus itself
CHECKED = ("geomap", "tests", "README.md", "docs", "notebooks", "benchmarks")
# ... and so are real articles built from their archive for measuring (benchmarks/realnews/build.py; not kept)
EXEMPT = (ROOT / "geomap" / "data" / "corpus", ROOT / "benchmarks" / "realnews" / "corpus")
NAMES = ROOT / "geomap" / "data" / "vocabulary" / "actors.yaml"
RUN = 6

_WORD = re.compile(r"[\u0600-\u06FF]+")


def runs(text: str, n: int = RUN) -> Iterable[str]:
    """Every run of ``n`` consecutive Arabic words of ``text``, words joined by one space."""
    words = _WORD.findall(text)
    return (" ".join(words[i:i + n]) for i in range(len(words) - n + 1))


def article_runs(folders: Iterable[Path], n: int = RUN) -> dict[str, str]:
    """Each run of the articles (``*.txt``) in ``folders``, with the name of the first article holding it."""
    found: dict[str, str] = {}
    for folder in folders:
        for path in sorted(folder.glob("*.txt")):
            for run in runs(path.read_text(encoding="utf-8"), n):
                found.setdefault(run, f"{folder.name}/{path.name}")
    return found


def _strings(node) -> Iterable[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(key)
            yield from _strings(value)
    elif isinstance(node, list):
        for item in node:
            yield from _strings(item)


def name_runs(n: int = RUN) -> set[str]:
    """The runs that lie inside one name of the actors vocabulary."""
    names = yaml.safe_load(NAMES.read_text(encoding="utf-8"))
    return {run for name in _strings(names) for run in runs(name, n)}


def project_files() -> list[Path]:
    """The files checked, in path order."""
    files: list[Path] = []
    for name in CHECKED:
        path = ROOT / name
        candidates = [path] if path.is_file() else sorted(path.rglob("*")) if path.is_dir() else []
        files += [f for f in candidates if f.is_file() and "__pycache__" not in f.parts
                  and not any(f.is_relative_to(folder) for folder in EXEMPT)]
    return files


def _text(path: Path) -> str | None:
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    return decode(data)


def shared_runs(text: str, articles: dict[str, str], allowed: frozenset[str] | set[str] = frozenset(),
                n: int = RUN) -> list[tuple[str, str]]:
    """Each run of ``n`` words of ``text`` that an article also holds (and ``allowed`` does not), with that article."""
    return [(run, articles[run]) for run in runs(text, n) if run in articles and run not in allowed]


def test_no_run_of_an_article_is_in_the_project():
    require(all(folder.is_dir() for folder in ARTICLES),
            f"no seed or dev articles at {SHARED / 'corpus'} (../shared beside the repository)")
    articles = article_runs(ARTICLES)
    require(bool(articles), f"no article text under {SHARED / 'corpus'}")
    allowed = name_runs()
    offences = []
    for path in project_files():
        text = _text(path)
        if text is None:
            continue
        offences += [f"{path.relative_to(ROOT)} | {run} | {article}"
                     for run, article in shared_runs(text, articles, allowed)]
    assert not offences, (f"{len(offences)} runs of {RUN} Arabic words copied from the seed or dev articles "
                          "(file | run | article); write sentences of your own:\n" + "\n".join(offences))


def test_a_copied_run_is_found_and_a_name_is_not(tmp_path):
    folder = tmp_path / "dev"
    folder.mkdir()
    (folder / "a.txt").write_text("قال شهود إن قافلة من عشرين شاحنة عبرت الجسر القديم فجر السبت نحو البلدة.",
                                  encoding="utf-8")
    articles = article_runs([folder])
    copied = "وفي خبر آخر عبرت الجسر القديم فجر السبت نحو البلدة بسرعة."
    assert shared_runs(copied, articles) == [("عبرت الجسر القديم فجر السبت نحو", "dev/a.txt"),
                                            ("الجسر القديم فجر السبت نحو البلدة", "dev/a.txt")]
    assert shared_runs("عبرت الجسر القديم فجر الأحد نحو البلدة.", articles) == []
    assert shared_runs(copied, articles, {"عبرت الجسر القديم فجر السبت نحو",
                                          "الجسر القديم فجر السبت نحو البلدة"}) == []
