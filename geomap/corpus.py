"""Reading a corpus of articles (the first stage).

A corpus is any mix of

- text files (``.txt``, ``.md``): one article each, its title the first line;
- JSON Lines files (``.jsonl``): one record per line with ``id`` and ``text``
  and optionally ``title``, ``url``, ``outlet``, ``published``, ``language``;
- HTML pages (``.html``, ``.htm``): the main text extracted with trafilatura,
  the title and publication date taken from the page's metadata;
- folders of the above (read in name order, not recursively into hidden folders).

Publication dates, outlets and languages of text files come from a
``metadata.json`` beside them::

    {"articles": {"000_655a2c920b90747a": {"published": "2024-04-29", "outlet": "Elaph"}}}

Encodings are detected: UTF-8 with or without BOM, UTF-16 (with BOM, or
without one when the byte pattern shows it) and Windows-1256. A file that is
empty, binary or undecodable, and a JSON Lines line that is broken, is not an
article: it becomes a :class:`Skipped` entry naming the file and the problem,
and the rest of the corpus is read.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .model import Article

__all__ = ["Corpus", "Skipped", "CorpusError", "read_corpus", "iter_corpus", "bundled_corpus_path", "TEXT_SUFFIXES"]

TEXT_SUFFIXES = (".txt", ".md")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
HTML_SUFFIXES = (".html", ".htm")
ARTICLE_SUFFIXES = TEXT_SUFFIXES + JSONL_SUFFIXES + HTML_SUFFIXES
METADATA_FILE = "metadata.json"

_ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class CorpusError(Exception):
    """A corpus path that cannot be read at all (missing, not an article file)."""


@dataclass(frozen=True)
class Skipped:
    """An input that is not an article, and why."""

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


@dataclass(frozen=True)
class Corpus:
    """The articles read from some paths, and what was skipped."""

    articles: tuple[Article, ...]
    skipped: tuple[Skipped, ...] = ()
    name: str = ""


def bundled_corpus_path() -> Path:
    """The folder of the sample corpus shipped with geomap."""
    return Path(str(resources.files("geomap") / "data" / "corpus" / "seeds"))


def read_corpus(paths: str | Path | Iterable[str | Path] | None = None) -> Corpus:
    """Read every article under ``paths`` (the bundled corpus when ``None``).

    Parameters
    ----------
    paths
        Files or folders; see the module documentation for the formats.

    Returns
    -------
    Corpus
        The articles in a stable order (paths as given, folder entries by
        name, JSON Lines records by line) and the skipped inputs.

    Raises
    ------
    CorpusError
        When a path does not exist or is not an article file or folder.

    Examples
    --------
    >>> corpus = read_corpus()
    >>> len(corpus.articles), corpus.articles[0].published
    (5, '2024-04-29')
    """
    path_list = _as_paths(paths)
    articles: list[Article] = []
    skipped: list[Skipped] = []
    for item in iter_corpus(path_list):
        (articles if isinstance(item, Article) else skipped).append(item)
    name = ", ".join(p.name for p in path_list)
    return Corpus(tuple(articles), tuple(skipped), name)


def iter_corpus(paths: str | Path | Iterable[str | Path] | None = None) -> Iterator[Article | Skipped]:
    """Articles and skipped inputs one at a time, for corpora too large to hold."""
    path_list = _as_paths(paths)
    for path in path_list:
        if not path.exists():
            raise CorpusError(f"{path}: no such file or folder")
    for path in path_list:
        if path.is_dir():
            yield from _read_folder(path)
        elif _is_archive(path):
            yield from _read_archive(path)
        elif path.suffix.lower() in ARTICLE_SUFFIXES:
            yield from _read_file(path, _metadata_for(path.parent))
        else:
            raise CorpusError(f"{path}: not an article file (expected {', '.join(_all_suffixes())}) or folder")


def _as_paths(paths: str | Path | Iterable[str | Path] | None) -> list[Path]:
    if paths is None:
        return [bundled_corpus_path()]
    if isinstance(paths, (str, Path)):
        return [Path(paths)]
    path_list = [Path(p) for p in paths]
    return path_list or [bundled_corpus_path()]


def _read_folder(folder: Path) -> Iterator[Article | Skipped]:
    metadata = _metadata_for(folder)
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        if path.name.startswith("."):
            continue
        if path.is_dir():
            yield from _read_folder(path)
        elif _is_archive(path):
            yield from _read_archive(path)
        elif path.suffix.lower() in ARTICLE_SUFFIXES:
            yield from _read_file(path, metadata)


def _is_archive(path: Path) -> bool:
    """Gzip JSON Lines, Parquet or a web archive: read by :mod:`geomap.archive`."""
    from .archive import archive_suffix

    return archive_suffix(path) is not None


def _read_archive(path: Path) -> Iterator[Article | Skipped]:
    from .archive import read_archive

    return read_archive(path)


def _all_suffixes() -> tuple[str, ...]:
    from .archive import ARCHIVE_SUFFIXES

    return ARTICLE_SUFFIXES + ARCHIVE_SUFFIXES


def _metadata_for(folder: Path) -> dict:
    path = folder / METADATA_FILE
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, ValueError) as err:
        raise CorpusError(f"{path}: not valid JSON ({err})") from err
    articles = data.get("articles", data) if isinstance(data, dict) else None
    if not isinstance(articles, dict):
        raise CorpusError(f"{path}: expected an object {{\"articles\": {{id: {{...}}}}}}")
    return articles


def _source(path: Path) -> str:
    """How an article's origin is named: the path as given, or ``bundled:`` for the sample corpus."""
    bundled = bundled_corpus_path()
    if path.is_absolute() and path.is_relative_to(bundled):
        return f"bundled:{bundled.name}/{path.relative_to(bundled).as_posix()}"
    return str(path)


def _read_file(path: Path, metadata: dict) -> Iterator[Article | Skipped]:
    source = _source(path)
    try:
        data = path.read_bytes()
    except OSError as err:
        yield Skipped(source, f"cannot be read ({err.strerror or err})")
        return
    text = decode(data)
    if text is None:
        yield Skipped(source, "binary or undecodable (not UTF-8, UTF-16 or Windows-1256 text)")
        return
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from _read_jsonl(text, source)
        return
    if not text.strip():
        yield Skipped(source, "empty")
        return
    meta = metadata.get(path.stem, {}) if isinstance(metadata.get(path.stem, {}), dict) else {}
    if suffix in HTML_SUFFIXES:
        yield _read_html(text, path, source, meta)
        return
    yield _article(
        id=path.stem,
        text=text,
        title=meta.get("title") or _first_line(text),
        source=source,
        fields=meta,
    )


def _read_jsonl(text: str, source: str) -> Iterator[Article | Skipped]:
    seen = 0
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            record = json.loads(line)
        except ValueError as err:
            yield Skipped(where, f"not valid JSON ({err.msg})")
            continue
        if not isinstance(record, dict):
            yield Skipped(where, "not a JSON object")
            continue
        missing = [key for key in ("id", "text") if not record.get(key)]
        if missing:
            yield Skipped(where, "record lacks " + " and ".join(f"'{key}'" for key in missing))
            continue
        if not isinstance(record["text"], str):
            yield Skipped(where, "'text' is not a string")
            continue
        seen += 1
        yield _article(
            id=str(record["id"]),
            text=record["text"],
            title=record.get("title") or _first_line(record["text"]),
            source=where,
            fields=record,
        )
    if seen == 0 and not text.strip():
        yield Skipped(source, "empty")


def _read_html(html: str, path: Path, source: str, meta: dict) -> Article | Skipped:
    import trafilatura

    document = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    if document is None:
        return Skipped(source, "HTML page with no main text")
    fields = document if isinstance(document, dict) else document.as_dict()
    body = fields.get("text") or ""
    if not body.strip():
        return Skipped(source, "HTML page with no main text")
    title = meta.get("title") or fields.get("title")
    text = f"{title}\n\n{body}" if title and not body.startswith(title) else body
    page_meta = {"published": fields.get("date"), "url": fields.get("url"), "outlet": fields.get("sitename")}
    page_meta.update({k: v for k, v in meta.items() if v})
    return _article(id=path.stem, text=text, title=title or _first_line(body), source=source, fields=page_meta)


def _article(id: str, text: str, title: str | None, source: str, fields: dict) -> Article:
    published = fields.get("published")
    published = str(published)[:10] if published else None
    if published and not _ISO_DATE.match(published):
        published = None
    return Article(
        id=id,
        text=text,
        title=title,
        published=published,
        source=source,
        url=fields.get("url"),
        outlet=fields.get("outlet"),
        language=fields.get("language"),
    )


def _first_line(text: str) -> str | None:
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return None


def decode(data: bytes) -> str | None:
    """Text of ``data``, its encoding detected; ``None`` for binary or undecodable bytes.

    >>> decode("سلام".encode("cp1256"))
    'سلام'
    >>> decode("سلام".encode("utf-16"))
    'سلام'
    >>> decode(bytes([0, 1, 2, 255, 0, 7, 0, 3])) is None
    True
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return _try(data, "utf-8-sig")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _printable(_try(data, "utf-16"))
    if b"\x00" in data:
        # UTF-16 without a BOM shows NUL as every other byte of ASCII text;
        # Arabic letters (U+06xx) show 0x06 there instead.
        for encoding in ("utf-16-le", "utf-16-be"):
            text = _printable(_try(data, encoding))
            if text is not None and _common_script(text):
                return text
        return None
    text = _try(data, "utf-8")
    if text is not None:
        return _printable(text)
    # Windows-1256 is the legacy code page of Arabic news: take it when it reads
    # as Arabic text; otherwise let charset_normalizer weigh the code pages.
    text = _printable(_try(data, "cp1256"))
    if text is not None and _mostly_arabic(text):
        return text
    from charset_normalizer import from_bytes

    guess = from_bytes(data).best()
    return _printable(str(guess)) if guess is not None else None


def _common_script(text: str) -> bool:
    """Most characters are ASCII, Arabic or general punctuation, as in a news text."""
    common = sum(
        ch.isspace() or " " <= ch <= "~" or "\u0600" <= ch <= "\u06ff" or "\u2000" <= ch <= "\u206f"
        for ch in text
    )
    return common >= 0.9 * len(text)


def _mostly_arabic(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and sum("\u0600" <= ch <= "\u06ff" for ch in letters) > 0.6 * len(letters)


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _printable(text: str | None) -> str | None:
    """``text`` unless control characters show it is binary data."""
    if text is None:
        return None
    if not text:
        return text
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f\v")
    return None if controls > max(1, len(text) // 100) else text
