"""Reading a corpus of articles (the first stage).

A corpus is any mix of

- text files (``.txt``, ``.md``): one article each, its title the first line;
- JSON Lines files (``.jsonl``): one record per line with ``id`` and ``text``
  and optionally ``title``, ``url``, ``outlet``, ``published``, ``language``;
- HTML pages (``.html``, ``.htm``): the main text extracted with trafilatura,
  the title taken from the page and the publication date from its metadata
  only (meta tags, JSON-LD, ``<time pubdate>``), never guessed from the body;
- folders of the above (read in name order, not into hidden folders).

Publication dates, outlets and languages of text files come from a
``metadata.json`` beside them::

    {"articles": {"000_655a2c920b90747a": {"published": "2024-04-29", "outlet": "Elaph"}}}

Every byte read is untrusted, and one bad input never loses another:

- Encodings are detected: UTF-8 with or without BOM, UTF-16 (with BOM, or
  without one when the byte pattern shows it) and Windows-1256, which is
  chosen only when the bytes are not mostly valid UTF-8. A few bytes that are
  not UTF-8 in a UTF-8 text become U+FFFD; control characters other than
  newline, tab and carriage return are removed, and lone surrogates become
  U+FFFD. Each such repair is a :class:`Notice` naming the file and the count;
  the article's text is the repaired text, so evidence offsets point into it.
- A file that is empty, binary, undecodable, larger than ``max_chars``
  characters or not a regular file (a FIFO, socket or device is never opened),
  and a JSON Lines line that is broken, too deeply nested, holds a number of
  more than 100 digits or lacks ``id`` or ``text``, is not an article: it
  becomes a :class:`Skipped` entry naming the file (and line) and the problem.
- Metadata values that are not strings are dropped with a notice naming the
  file, the record and the field. Any non-empty id is valid (numbers become
  strings). JSON Lines are split on ``\\n`` only.
- Each real file and folder is read once (symbolic-link loops are noticed
  and not followed again); an unreadable folder is skipped.
- Ids are unique within a corpus: a text file whose name was already used
  takes its path (``folder/name``); a record repeating an id, in the same or
  another file, takes ``id~2``, ``id~3``...; each renaming is a notice.
"""

from __future__ import annotations

import io
import json
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from importlib import resources
from pathlib import Path
from typing import Any, BinaryIO

from geomap.keyset import KeySet
from geomap.model import Article

__all__ = [
    "Corpus",
    "Skipped",
    "Notice",
    "CorpusError",
    "read_corpus",
    "iter_corpus",
    "bundled_corpus_path",
    "decode",
    "load_json",
    "TEXT_SUFFIXES",
    "DEFAULT_MAX_CHARS",
]

TEXT_SUFFIXES = (".txt", ".md")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
HTML_SUFFIXES = (".html", ".htm")
ARTICLE_SUFFIXES = TEXT_SUFFIXES + JSONL_SUFFIXES + HTML_SUFFIXES
METADATA_FILE = "metadata.json"
METADATA_FIELDS = ("title", "url", "outlet", "published", "language")

DEFAULT_MAX_CHARS = 500_000
MAX_JSON_DEPTH = 100
MAX_NUMBER_DIGITS = 100
MAX_METADATA_BYTES = 64 * 1024 * 1024
# bytes read at most per character allowed: UTF-8 takes up to 4 bytes a
# character, JSON escapes up to 12 (a surrogate pair), HTML adds its markup
_BYTES_PER_CHAR = {"text": 4, "jsonl": 12, "html": 10}

_ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_SURROGATES = re.compile("[\ud800-\udfff]")
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKETS = re.compile(r"[\[\]{}]")
_NON_ASCII = bytes(range(128))


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
class Notice:
    """An input read with a repair (bytes replaced, characters removed, a field dropped, an id renamed)."""

    source: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


@dataclass(frozen=True)
class Corpus:
    """The articles read from some paths, what was skipped and what was repaired."""

    articles: tuple[Article, ...]
    skipped: tuple[Skipped, ...] = ()
    name: str = ""
    notices: tuple[Notice, ...] = ()


class _Rejected(Exception):
    """A JSON value refused before it is built (a huge number, deep nesting)."""


class _TooLarge(Exception):
    def __init__(self, size: int):
        super().__init__(size)
        self.size = size


class _NotRegular(Exception):
    pass


def bundled_corpus_path() -> Path:
    """The folder of the sample corpus shipped with geomap."""
    return Path(str(resources.files("geomap") / "data" / "corpus" / "seeds"))


def read_corpus(
    paths: str | Path | Iterable[str | Path] | None = None, max_chars: int = DEFAULT_MAX_CHARS
) -> Corpus:
    """Read every article under ``paths`` (the bundled corpus when ``None``).

    Parameters
    ----------
    paths
        Files or folders; see the module documentation for the formats.
    max_chars
        The largest article read, in characters; bigger inputs are skipped
        (and no more than a bounded multiple of it is read from any file).

    Returns
    -------
    Corpus
        The articles in a stable order (paths as given, folder entries by
        name, JSON Lines records by line), the skipped inputs and the notices
        of repaired ones.

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
    notices: list[Notice] = []
    for item in iter_corpus(path_list, max_chars=max_chars):
        if isinstance(item, Article):
            articles.append(item)
        elif isinstance(item, Skipped):
            skipped.append(item)
        else:
            notices.append(item)
    name = ", ".join(p.name for p in path_list)
    return Corpus(tuple(articles), tuple(skipped), name, tuple(notices))


def iter_corpus(
    paths: str | Path | Iterable[str | Path] | None = None, max_chars: int = DEFAULT_MAX_CHARS
) -> Iterator[Article | Skipped | Notice]:
    """Articles, skipped inputs and notices one at a time, for corpora too large to hold."""
    path_list = _as_paths(paths)
    for path in path_list:
        if not path.exists():
            raise CorpusError(f"{path}: no such file or folder")
        if not path.is_dir() and path.suffix.lower() not in ARTICLE_SUFFIXES and not _is_archive(path):
            raise CorpusError(f"{path}: not an article file (expected {', '.join(_all_suffixes())}) or folder")
    walk = _Walk(max_chars)
    for path in path_list:
        if path.is_dir():
            yield from walk.folder(path)
        elif _is_archive(path):
            yield from walk.archive(path)
        else:
            metadata = yield from _metadata_for(path.parent)
            yield from walk.file(path, path.with_suffix("").as_posix(), metadata)


def _as_paths(paths: str | Path | Iterable[str | Path] | None) -> list[Path]:
    if paths is None:
        return [bundled_corpus_path()]
    if isinstance(paths, (str, Path)):
        return [Path(paths)]
    path_list = [Path(p) for p in paths]
    return path_list or [bundled_corpus_path()]


class _Walk:
    """One reading of a corpus: the folders and files seen, the ids given."""

    def __init__(self, max_chars: int):
        if max_chars < 1:
            raise ValueError(f"max_chars must be at least 1, not {max_chars}")
        self.max_chars = max_chars
        self.folders: set[tuple[int, int]] = set()
        self.files: dict[tuple[int, int], str] = {}
        self.ids = KeySet()

    def folder(self, top: Path) -> Iterator[Article | Skipped | Notice]:
        """Every article under ``top``, depth first in name order, each real folder once."""
        stack: list[tuple[Iterator[str], Path, str, dict]] = []
        opened = yield from self._open_folder(top, top.name or top.resolve().name)
        if opened is not None:
            stack.append(opened)
        while stack:
            names, folder, relative, metadata = stack[-1]
            name = next(names, None)
            if name is None:
                stack.pop()
                continue
            path = folder / name
            try:
                info = os.stat(path)
            except OSError as err:
                if path.suffix.lower() in ARTICLE_SUFFIXES or _is_archive(path):
                    yield Skipped(_source(path), f"cannot be read ({err.strerror or err})")
                continue
            if stat.S_ISDIR(info.st_mode):
                opened = yield from self._open_folder(path, f"{relative}/{name}")
                if opened is not None:
                    stack.append(opened)
            elif _is_archive(path):
                yield from self.archive(path)
            elif path.suffix.lower() in ARTICLE_SUFFIXES:
                yield from self.file(path, f"{relative}/{path.stem}", metadata)

    def _open_folder(self, folder: Path, relative: str):
        """The entry names, folder, relative name and metadata of ``folder``; ``None`` when it is not read.

        A generator: it yields the notice or the skipped entry, and returns the result.
        """
        try:
            info = os.stat(folder)
            key = (info.st_dev, info.st_ino)
            if key in self.folders:
                yield Notice(_source(folder), "a folder already read (a symbolic link leads back); not read again")
                return None
            names = sorted(entry.name for entry in os.scandir(folder) if not entry.name.startswith("."))
        except OSError as err:
            yield Skipped(_source(folder), f"folder cannot be read ({err.strerror or err})")
            return None
        self.folders.add(key)
        metadata = yield from _metadata_for(folder)
        return iter(names), folder, relative, metadata

    def _claim(self, path: Path, source: str):
        """Whether ``path`` is a regular file not read yet (a generator yielding why not, returning the answer).

        A FIFO, socket or device is never opened, and a file reached twice (through a
        link) is read once.
        """
        try:
            info = os.stat(path)
        except OSError as err:
            yield Skipped(source, f"cannot be read ({err.strerror or err})")
            return False
        if not stat.S_ISREG(info.st_mode):
            yield Skipped(source, f"not a regular file ({_kind(info.st_mode)}); not opened")
            return False
        key = (info.st_dev, info.st_ino)
        if key in self.files:
            yield Notice(source, f"the same file as {self.files[key]}; read once")
            return False
        self.files[key] = source
        return True

    def file(self, path: Path, relative: str, metadata: dict) -> Iterator[Article | Skipped | Notice]:
        """The article(s) of one file, which is opened only when it is a regular file."""
        source = _source(path)
        if not (yield from self._claim(path, source)):
            return
        suffix = path.suffix.lower()
        if suffix in JSONL_SUFFIXES:
            yield from self._jsonl(path, source)
            return
        kind = "html" if suffix in HTML_SUFFIXES else "text"
        limit = self.max_chars * _BYTES_PER_CHAR[kind] + 4
        try:
            with _open_regular(path) as fh:
                data = _read_at_most(fh, limit)
        except _TooLarge as err:
            yield Skipped(source, self.too_large(f"{err.size:,} bytes"))
            return
        except _NotRegular as err:
            yield Skipped(source, f"not a regular file ({err}); not read")
            return
        except OSError as err:
            yield Skipped(source, f"cannot be read ({err.strerror or err})")
            return
        text, notes = _decode(data)
        if text is None:
            yield Skipped(source, "binary or undecodable (not UTF-8, UTF-16 or Windows-1256 text)")
            return
        if not text.strip():
            yield Skipped(source, "empty")
            return
        stem = _clean(path.stem)[0]
        meta = metadata.get(stem, {})
        if kind == "html":
            article = _read_html(text, source, meta)
            if isinstance(article, Skipped):
                yield article
                return
            text, title, fields = article
        else:
            title, fields = meta.get("title") or _first_line(text), meta
        if len(text) > self.max_chars:
            yield Skipped(source, self.too_large(f"{len(text):,} characters"))
            return
        for note in notes:
            yield Notice(source, note)
        article_id = yield from self.unique_id(stem, source, relative)
        yield _article(id=article_id, text=text, title=title, source=source, fields=fields)

    def archive(self, path: Path) -> Iterator[Article | Skipped | Notice]:
        """The articles of a gzip JSON Lines, Parquet or web archive file (:mod:`geomap.read.archives`)."""
        from geomap.read.archives import read_archive

        source = _source(path)
        if not (yield from self._claim(path, source)):
            return
        yield from read_archive(path, source, self)

    def too_large(self, size: str) -> str:
        return f"too large ({size}; the limit is {self.max_chars:,} characters)"

    def unique_id(self, wanted: str, source: str, alternative: str | None = None):
        """``wanted``, or a unique id when it is taken (a generator yielding the notice)."""
        if wanted not in self.ids:
            self.ids.add(wanted)
            return wanted
        candidates = [alternative] if alternative and alternative != wanted else []
        number = 2
        while not candidates or candidates[-1] in self.ids:
            candidates.append(f"{wanted}~{number}")
            number += 1
        chosen = next(c for c in candidates if c not in self.ids)
        yield Notice(source, f"id {wanted!r} is already used by an article read before; read as {chosen!r}")
        self.ids.add(chosen)
        return chosen

    def _jsonl(self, path: Path, source: str) -> Iterator[Article | Skipped | Notice]:
        line_limit = self.max_chars * _BYTES_PER_CHAR["jsonl"] + 4096
        read_any = False
        try:
            with _open_regular(path) as fh:
                for number, line, notes in _jsonl_lines(fh, line_limit):
                    where = f"{source}:{number}"
                    if line is None:
                        read_any = True
                        yield Skipped(where, notes[0] if notes else self.too_large(f"more than {line_limit:,} bytes"))
                        continue
                    if not line.strip():
                        continue
                    read_any = True
                    yield from self.record(line, where, notes)
        except _NotRegular as err:
            yield Skipped(source, f"not a regular file ({err}); not read")
            return
        except OSError as err:
            yield Skipped(source, f"cannot be read ({err.strerror or err})")
            return
        if not read_any:
            yield Skipped(source, "empty")

    def record(self, line: str, where: str, notes: list[str]) -> Iterator[Article | Skipped | Notice]:
        """The article of one JSON Lines record (a line of a file, of a gzip file, a Parquet row)."""
        try:
            record = load_json(line)
        except ValueError as err:
            yield Skipped(where, str(err))
            return
        if not isinstance(record, dict):
            yield Skipped(where, "not a JSON object")
            return
        raw_id, text = record.get("id"), record.get("text")
        missing = [key for key, value in (("id", raw_id), ("text", text)) if value is None or value == ""]
        if missing:
            yield Skipped(where, "record lacks " + " and ".join(f"'{key}'" for key in missing))
            return
        if isinstance(raw_id, bool) or not isinstance(raw_id, (str, int)):
            yield Skipped(where, f"'id' is not a string or a whole number ({type(raw_id).__name__})")
            return
        if not isinstance(text, str):
            yield Skipped(where, f"'text' is not a string ({type(text).__name__})")
            return
        article_id, id_notes = _clean(str(raw_id))
        text, text_notes = _clean(text)
        if not article_id.strip():
            yield Skipped(where, "record lacks 'id'")
            return
        if not text.strip():
            yield Skipped(where, "record lacks 'text'")
            return
        if len(text) > self.max_chars:
            yield Skipped(where, self.too_large(f"{len(text):,} characters"))
            return
        fields, field_notes = _checked_fields(record)
        for note in notes + [f"'id': {n}" for n in id_notes] + [f"'text': {n}" for n in text_notes] + field_notes:
            yield Notice(where, note)
        article_id = yield from self.unique_id(article_id, where)
        yield _article(id=article_id, text=text, title=fields.get("title") or _first_line(text), source=where,
                       fields=fields)


def _is_archive(path: Path) -> bool:
    """Gzip JSON Lines, Parquet or a web archive: read by :mod:`geomap.read.archives`."""
    from geomap.read.archives import archive_suffix

    return archive_suffix(path) is not None


def _all_suffixes() -> tuple[str, ...]:
    from geomap.read.archives import ARCHIVE_SUFFIXES

    return ARTICLE_SUFFIXES + ARCHIVE_SUFFIXES


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "not a regular file"


def _open_regular(path: Path) -> BinaryIO:
    """``path`` opened for reading, refusing (without blocking) anything but a regular file."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise _NotRegular(_kind(mode))
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _read_at_most(fh: BinaryIO, limit: int) -> bytes:
    """The bytes of ``fh``, or :class:`_TooLarge` when there are more than ``limit``."""
    size = os.fstat(fh.fileno()).st_size
    if size > limit:
        raise _TooLarge(size)
    data = fh.read(limit + 1)
    if len(data) > limit:
        raise _TooLarge(len(data))
    return data


def _jsonl_lines(fh: BinaryIO, limit: int) -> Iterator[tuple[int, str | None, list[str]]]:
    """Number, text and repair notes of each line (split on ``\\n`` only).

    The text is ``None`` for a line that is not read: too long (no note), or
    binary (the note says so).
    """
    head = fh.read(4096)
    fh.seek(0)
    encoding = None
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    elif b"\x00" in head:
        encoding = next((e for e in ("utf-16-le", "utf-16-be") if _utf16_text(head[: len(head) // 2 * 2], e)), None)
    if encoding:
        reader = io.TextIOWrapper(fh, encoding=encoding, errors="replace", newline="\n")
        for number, line in enumerate(_bounded_lines(reader, limit // 2), 1):
            if line is None:
                yield number, None, []
                continue
            text, notes = _clean(line)
            yield number, text, notes
        return
    for number, raw in enumerate(_bounded_lines(fh, limit), 1):
        if raw is None:
            yield number, None, []
            continue
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        text, notes = _decode(raw)
        yield number, text, notes if text is not None else ["binary or undecodable (not UTF-8 or Windows-1256 text)"]


def _bounded_lines(fh: Any, limit: int) -> Iterator[Any]:
    """Lines of a binary or text file, ``None`` for each one longer than ``limit`` (never held whole)."""
    newline = b"\n" if isinstance(fh.read(0), bytes) else "\n"
    while True:
        line = fh.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(newline):
            while line and not line.endswith(newline):
                line = fh.readline(65536)
            yield None
            continue
        yield line


def _metadata_for(folder: Path):
    """The ``metadata.json`` entries of ``folder``, checked (a generator yielding notices, returning a dict)."""
    path = folder / METADATA_FILE
    try:
        info = os.stat(path)
    except OSError:
        return {}
    if stat.S_ISDIR(info.st_mode):
        return {}
    where = _source(path)
    problem = None
    try:
        with _open_regular(path) as fh:
            data = load_json(_read_at_most(fh, MAX_METADATA_BYTES).decode("utf-8-sig"))
    except _TooLarge as err:
        problem = f"too large ({err.size:,} bytes; the limit is {MAX_METADATA_BYTES:,})"
    except _NotRegular as err:
        problem = f"not a regular file ({err})"
    except OSError as err:
        problem = f"cannot be read ({err.strerror or err})"
    except (UnicodeDecodeError, ValueError) as err:
        problem = f"not valid JSON ({err})"
    else:
        articles = data.get("articles", data) if isinstance(data, dict) else None
        if not isinstance(articles, dict):
            problem = "expected an object {\"articles\": {id: {...}}}"
    if problem:
        # the folder's articles are still read, only without their publication dates and outlets
        yield Skipped(where, f"{problem}; the articles beside it are read without it")
        return {}
    checked: dict[str, dict] = {}
    for key, entry in articles.items():
        name = _clean(key)[0]
        if not isinstance(entry, dict):
            yield Notice(where, f"entry {name!r} is not an object ({type(entry).__name__}); ignored")
            continue
        fields, notes = _checked_fields(entry)
        for note in notes:
            yield Notice(where, f"entry {name!r}: {note}")
        checked[name] = fields
    return checked


def _checked_fields(record: dict) -> tuple[dict[str, str], list[str]]:
    """The metadata fields of ``record`` that are strings (cleaned), and a note for each one dropped or repaired."""
    fields: dict[str, str] = {}
    notes: list[str] = []
    for field in METADATA_FIELDS:
        value = record.get(field)
        if value is None:
            continue
        if not isinstance(value, str):
            notes.append(f"field {field!r} is not a string ({type(value).__name__}); dropped")
            continue
        value, repairs = _clean(value)
        notes.extend(f"field {field!r}: {repair}" for repair in repairs)
        if value:
            fields[field] = value
    return fields, notes


def load_json(text: str) -> Any:
    """Parse untrusted JSON: numbers of more than 100 digits and nesting deeper than 100 are refused.

    Raises
    ------
    ValueError
        When ``text`` is not valid JSON or is refused; the message says why.

    Examples
    --------
    >>> load_json('{"id": 0}')
    {'id': 0}
    >>> load_json("[" * 1000)
    Traceback (most recent call last):
    ValueError: nested deeper than 100 levels
    """
    if text.count("[") + text.count("{") > MAX_JSON_DEPTH and _json_depth(text) > MAX_JSON_DEPTH:
        raise ValueError(f"nested deeper than {MAX_JSON_DEPTH} levels")
    try:
        return json.loads(text, parse_int=_parse_int, parse_constant=lambda _name: None, strict=False)
    except _Rejected as err:
        raise ValueError(str(err)) from None
    except RecursionError:
        raise ValueError(f"nested deeper than {MAX_JSON_DEPTH} levels") from None
    except ValueError as err:
        raise ValueError(f"not valid JSON ({getattr(err, 'msg', err)})") from None


def _parse_int(digits: str) -> int:
    if len(digits) > MAX_NUMBER_DIGITS + 1:
        raise _Rejected(f"a number of {len(digits.lstrip('-')):,} digits (more than {MAX_NUMBER_DIGITS})")
    return int(digits)


def _json_depth(text: str) -> int:
    depth = deepest = 0
    for bracket in _BRACKETS.findall(_JSON_STRING.sub("", text)):
        depth = depth + 1 if bracket in "[{" else depth - 1
        deepest = max(deepest, depth)
    return deepest


def _source(path: Path) -> str:
    """How an article's origin is named: the path as given, or ``bundled:`` for the sample corpus."""
    bundled = bundled_corpus_path()
    if path.is_absolute() and path.is_relative_to(bundled):
        return f"bundled:{bundled.name}/{path.relative_to(bundled).as_posix()}"
    # the real name, control characters included (they are escaped where shown); only
    # undecodable bytes (lone surrogates) are replaced, as no text output can hold them
    return _SURROGATES.sub("\ufffd", str(path))


def _read_html(html: str, source: str, meta: dict) -> tuple[str, str | None, dict] | Skipped:
    """Text, title and fields of an HTML page: main text by trafilatura, date from the page's metadata."""
    import trafilatura

    document = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    if document is None:
        return Skipped(source, "HTML page with no main text")
    fields = document if isinstance(document, dict) else document.as_dict()
    body, _ = _clean(fields.get("text") or "")
    if not body.strip():
        return Skipped(source, "HTML page with no main text")
    page_title = fields.get("title") if isinstance(fields.get("title"), str) else None
    title = meta.get("title") or (_clean(page_title)[0] if page_title else None)
    text = f"{title}\n\n{body}" if title and not body.startswith(title) else body
    page_meta = {"published": published_from_metadata(html)}
    for field, key in (("url", "url"), ("outlet", "sitename")):
        if isinstance(fields.get(key), str):
            page_meta[field] = _clean(fields[key])[0]
    page_meta.update({k: v for k, v in meta.items() if v})
    return text, title or _first_line(body), page_meta


_DATE_META = frozenset({
    "article:published_time", "og:published_time", "og:article:published_time", "article.published",
    "datepublished", "date", "pubdate", "publishdate", "publish-date", "publish_date", "publication_date",
    "dc.date", "dc.date.issued", "dc.date.created", "dcterms.date", "dcterms.issued", "dcterms.created",
    "sailthru.date", "parsely-pub-date", "original-publish-date", "citation_publication_date",
})


def published_from_metadata(html: str) -> str | None:
    """The publication date an HTML page declares in its metadata, or ``None``.

    Read from ``<meta>`` tags (``article:published_time``, ``date``,
    ``DC.date.issued``...), JSON-LD ``datePublished`` and
    ``<time pubdate>``/``<time itemprop="datePublished">``; never guessed
    from dates in the body text.

    Examples
    --------
    >>> published_from_metadata('<html><head><meta name="date" content="2022-03-01T09:00"></head></html>')
    '2022-03-01'
    >>> published_from_metadata('<html><body><p>2022-03-01</p></body></html>') is None
    True
    """
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html)
    except (ValueError, TypeError, lxml.etree.LxmlError):
        return None
    candidates: list[str] = []
    for element in root.iter("meta"):
        key = (element.get("property") or element.get("name") or element.get("itemprop") or "").strip().lower()
        if key in _DATE_META and element.get("content"):
            candidates.append(element.get("content"))
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() == "application/ld+json" and script.text:
            try:
                candidates.extend(_json_ld_dates(load_json(script.text)))
            except ValueError:
                continue
    for element in root.iter("time"):
        if element.get("datetime") and (element.get("pubdate") is not None
                                        or (element.get("itemprop") or "").lower() == "datepublished"):
            candidates.append(element.get("datetime"))
    for value in candidates:
        date = _iso_date(value)
        if date:
            return date
    return None


def _json_ld_dates(data: Any) -> list[str]:
    found: list[str] = []
    stack = [data]
    while stack:
        item = stack.pop(0)
        if isinstance(item, dict):
            if isinstance(item.get("datePublished"), str):
                found.append(item["datePublished"])
            stack.extend(v for v in item.values() if isinstance(v, (dict, list)))
        elif isinstance(item, list):
            stack.extend(item)
    return found


def _iso_date(value: str) -> str | None:
    value = value.strip()
    match = re.match(r"\d{4}-\d{2}-\d{2}|\d{4}-\d{2}|\d{4}$", value)
    if match:
        return match.group()
    try:
        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def _article(id: str, text: str, title: str | None, source: str, fields: dict) -> Article:
    published = fields.get("published")
    published = published[:10] if published else None
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
    for line in text.split("\n"):
        if line.strip():
            return line.strip()
    return None


def decode(data: bytes) -> str | None:
    """Text of ``data``, its encoding detected and repaired; ``None`` for binary or undecodable bytes.

    See :mod:`geomap.read.articles` for the repairs (bad UTF-8 bytes, control
    characters, lone surrogates).

    >>> decode("سلام".encode("cp1256"))
    'سلام'
    >>> decode("سلام".encode("utf-16"))
    'سلام'
    >>> decode("سلام".encode() + b"\\xff")
    'سلام\ufffd'
    >>> decode(bytes([0, 1, 2, 255, 0, 7, 0, 3])) is None
    True
    """
    return _decode(data)[0]


def _decode(data: bytes) -> tuple[str | None, list[str]]:
    """Decoded and cleaned text of ``data`` (or ``None``) and notes of what was repaired."""
    text, notes = _decode_bytes(data)
    if text is None or _binary(text):
        return None, []
    text, repairs = _clean(text)
    return text, notes + repairs


def _decode_bytes(data: bytes) -> tuple[str | None, list[str]]:
    if data.startswith(b"\xef\xbb\xbf"):
        return _utf8(data[3:])
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
        bad = text.count("\ufffd")
        return text, [f"{_counted(bad, 'byte')} not valid UTF-16 replaced with U+FFFD"] if bad else []
    if b"\x00" in data:
        # UTF-16 without a BOM shows NUL as every other byte of ASCII text;
        # Arabic letters (U+06xx) show 0x06 there instead.
        for encoding in ("utf-16-le", "utf-16-be"):
            text = _utf16_text(data, encoding)
            if text is not None:
                return text, []
    text, notes = _utf8(data)
    if text is not None:
        return text, notes
    # Windows-1256 is the legacy code page of Arabic news: take it when it reads
    # as Arabic text; otherwise let charset_normalizer weigh the code pages.
    text = _try(data, "cp1256")
    if text is not None and not _binary(text) and _mostly_arabic(text):
        return text, []
    from charset_normalizer import from_bytes

    guess = from_bytes(data).best()
    return (str(guess), []) if guess is not None else (None, [])


def _utf8(data: bytes) -> tuple[str | None, list[str]]:
    """UTF-8 text of ``data``, bad bytes replaced when they are few; ``None`` when it is not mostly UTF-8."""
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    escaped = data.decode("utf-8", errors="surrogateescape")
    bad = len(escaped) - len(_SURROGATES.sub("", escaped))
    non_ascii = len(data.translate(None, _NON_ASCII))
    if non_ascii - bad < 4 * bad:  # fewer than four in five non-ASCII bytes are good UTF-8
        return None, []
    return data.decode("utf-8", errors="replace"), [f"{_counted(bad, 'byte')} not valid UTF-8 replaced with U+FFFD"]


def _utf16_text(data: bytes, encoding: str) -> str | None:
    text = _try(data, encoding)
    return text if text is not None and not _binary(text) and _common_script(text) else None


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


def _binary(text: str) -> bool:
    """Whether control characters are so many that ``text`` is binary data, not text with a few stray ones."""
    controls = len(text) - len(_CONTROLS.sub("", text))
    return controls > len(text) // 4 or controls > max(8, len(text) // 20)


def _clean(text: str) -> tuple[str, list[str]]:
    """``text`` with lone surrogates replaced by U+FFFD and control characters removed, and notes saying so."""
    notes = []
    text, count = _SURROGATES.subn("\ufffd", text)
    if count:
        notes.append(f"{_counted(count, 'lone surrogate')} replaced with U+FFFD")
    found = sorted(set(_CONTROLS.findall(text)))
    if found:
        removed = len(text)
        text = _CONTROLS.sub("", text)
        removed -= len(text)
        names = ", ".join(f"U+{ord(ch):04X}" for ch in found[:4]) + (", ..." if len(found) > 4 else "")
        notes.append(f"{_counted(removed, 'control character')} removed ({names})")
    return text, notes


def _counted(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"
