"""Articles from large inputs: gzip-compressed JSON Lines, Parquet files and web archives.

``.jsonl.gz`` / ``.ndjson.gz``
    JSON Lines compressed with gzip; the records are read as those of ``.jsonl``.
``.parquet``
    one article per row, columns as the fields of a JSON Lines record (``id``,
    ``text``, optional ``title``, ``url``, ``outlet``, ``published``, ``language``).
``.warc`` / ``.warc.gz``
    web archives (the format of web crawls and of Common Crawl's news crawl),
    read with warcio: each HTML response goes through the HTML reader of
    :mod:`geomap.read.articles`; pages whose main text is not Arabic are skipped and
    counted in one line per archive; requests, metadata and responses other
    than HTML are not articles and are passed over.

A bad line, row or record is skipped with a :class:`geomap.read.articles.Skipped`
entry naming the file and the line, row or record (``news.warc.gz#record 7``);
the rest of the file is read. Every reader streams: a file is never held whole
in memory.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from geomap.model import Article
from geomap.read import articles as _corpus

__all__ = ["ARCHIVE_SUFFIXES", "archive_suffix", "read_archive"]

ARCHIVE_SUFFIXES = (".jsonl.gz", ".ndjson.gz", ".parquet", ".warc", ".warc.gz")

#: Lines (or Parquet rows) handed to the JSON Lines reader at a time.
_BATCH = 1000
_CHUNK = 1 << 20
_GZIP_MAGIC = b"\x1f\x8b\x08"
_WARC_START = re.compile(rb"(?m)^WARC/1\.[01]\r?$")


def archive_suffix(path: Path) -> str | None:
    """The kind of ``path`` among :data:`ARCHIVE_SUFFIXES`, or ``None``.

    >>> archive_suffix(Path("news-2024-04.WARC.gz")), archive_suffix(Path("a.jsonl"))
    ('.warc.gz', None)
    """
    name = path.name.lower()
    return next((suffix for suffix in ARCHIVE_SUFFIXES if name.endswith(suffix)), None)


def read_archive(path: Path, source: str, walk: _corpus._Walk) -> Iterator[Article | Skipped | Notice]:
    """The articles of one gzip JSON Lines, Parquet or WARC file, and what was skipped or repaired.

    Parameters
    ----------
    path : Path
        A regular file whose name ends with one of :data:`ARCHIVE_SUFFIXES`.
    source : str
        How the file is named in records and warnings.
    walk
        The reading of the corpus it belongs to: its records go through the same checks
        (hostile values, the size limit, unique ids) as those of a plain JSON Lines file.

    Yields
    ------
    Article, Skipped or Notice
        In file order.
    """
    suffix = archive_suffix(path)
    try:
        if suffix in (".jsonl.gz", ".ndjson.gz"):
            yield from _read_jsonl_gz(path, source, walk)
        elif suffix == ".parquet":
            yield from _read_parquet(path, source, walk)
        elif suffix in (".warc", ".warc.gz"):
            yield from _read_warc(path, source, walk)
        else:
            raise _corpus.CorpusError(f"{path}: not an archive ({', '.join(ARCHIVE_SUFFIXES)})")
    except OSError as err:
        yield Skipped(source, f"cannot be read ({err.strerror or err})")


Skipped = _corpus.Skipped
Notice = _corpus.Notice


# ---------------------------------------------------------------------------------------------------------------------
# JSON Lines and Parquet, record by record through the JSON Lines reader


def _read_jsonl_gz(path: Path, source: str, walk: _corpus._Walk) -> Iterator[Article | Skipped | Notice]:
    import gzip

    limit = walk.max_chars * _corpus._BYTES_PER_CHAR["jsonl"] + 4096
    number, seen = 0, False
    with gzip.open(path, "rb") as stream:
        try:
            while True:
                raw = stream.readline(limit + 1)
                if not raw:
                    break
                number += 1
                where = f"{source}:{number}"
                if len(raw) > limit and not raw.endswith(b"\n"):
                    while raw and not raw.endswith(b"\n"):  # the rest of an over-long line
                        raw = stream.readline(_CHUNK)
                    seen = True
                    yield Skipped(where, walk.too_large(f"more than {limit:,} bytes"))
                    continue
                text, notes = _corpus._decode(raw.rstrip(b"\r\n"))
                if text is None:
                    seen = True
                    yield Skipped(where, "not UTF-8 text")
                    continue
                if not text.strip():
                    continue
                seen = True
                yield from walk.record(text, where, notes)
        except (OSError, EOFError, zlib.error) as err:
            yield Skipped(f"{source}:{number + 1}", f"gzip data broken from here on ({err})")
            return
    if not seen:
        yield Skipped(source, "empty")


def _read_parquet(path: Path, source: str, walk: _corpus._Walk) -> Iterator[Article | Skipped | Notice]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(path)
    except (pa.ArrowException, ValueError) as err:
        yield Skipped(source, f"not a readable Parquet file ({err})")
        return
    if "text" not in parquet.schema_arrow.names or "id" not in parquet.schema_arrow.names:
        yield Skipped(source, "Parquet file without 'id' and 'text' columns")
        return
    row = 0
    for batch in parquet.iter_batches(batch_size=_BATCH):
        for record in batch.to_pylist():
            row += 1
            line = json.dumps(record, ensure_ascii=False, default=str)
            yield from walk.record(line, f"{source}:row {row}", [])
    if row == 0:
        yield Skipped(source, "empty")


# ---------------------------------------------------------------------------------------------------------------------
# web archives


def _read_warc(path: Path, source: str, walk: _corpus._Walk) -> Iterator[Article | Skipped | Notice]:
    not_arabic = 0
    with open(path, "rb") as stream:
        records = _gzip_members(stream) if path.name.lower().endswith(".gz") else _warc_records(stream)
        for number, raw, problem in records:
            where = f"{source}#record {number}"
            if problem is not None:
                yield Skipped(where, problem)
                continue
            item = yield from _warc_article(raw, where, walk)
            if item == "not arabic":
                not_arabic += 1
            elif item is not None and item != "not html":
                yield item
    if not_arabic:
        yield Skipped(source, f"{not_arabic} HTML page(s) not in Arabic skipped")


def _warc_article(raw: bytes, where: str, walk: _corpus._Walk):
    """The article of one WARC record; ``None`` for a record that is not a response.

    A generator: it yields the notices of a repaired page and returns the article, a
    :class:`Skipped`, ``"not html"`` or ``"not arabic"``.
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    try:
        record = next(iter(ArchiveIterator(io.BytesIO(raw), ensure_http_headers=False)), None)
        if record is None:
            return Skipped(where, "not a WARC record")
        if record.rec_type != "response":
            return None
        uri = record.rec_headers.get_header("WARC-Target-URI") or ""
        where = f"{where} ({uri})" if uri else where
        if record.http_headers is None:
            return Skipped(where, "broken WARC record (a response without HTTP headers)")
        content_type = (record.http_headers.get_header("Content-Type") or "").lower()
        if "html" not in content_type:
            return "not html"
        payload = record.content_stream().read(walk.max_chars * _corpus._BYTES_PER_CHAR["html"] + 1)
    except (ArchiveLoadFailed, ValueError, OSError, EOFError, zlib.error) as err:
        return Skipped(where, f"broken WARC record ({type(err).__name__}: {err})")
    html, notes = _corpus._decode(payload)
    if html is None or not html.strip():
        return Skipped(where, "HTML response with no readable text")
    page = _corpus._read_html(html, where, {"url": uri} if uri else {})
    if isinstance(page, Skipped):
        return page
    text, title, fields = page
    if not _corpus._mostly_arabic(text):
        return "not arabic"
    if len(text) > walk.max_chars:
        return Skipped(where, walk.too_large(f"{len(text):,} characters"))
    for note in notes:
        yield Notice(where, note)
    record_id = record.rec_headers.get_header("WARC-Record-ID") or uri or where
    article_id = yield from walk.unique_id(hashlib.sha1(record_id.encode("utf-8")).hexdigest()[:16], where)
    return _corpus._article(id=article_id, text=text, title=title, source=where, fields=fields)


def _gzip_members(stream: BinaryIO) -> Iterator[tuple[int, bytes, str | None]]:
    """``(number, record bytes, problem)`` for each gzip member (one record each) of a ``.warc.gz``."""
    number = 0
    pending = b""
    eof = False
    while True:
        if not eof and len(pending) < _CHUNK:
            chunk = stream.read(_CHUNK)
            eof = not chunk
            pending += chunk
        if not pending:
            return
        start = pending.find(_GZIP_MAGIC)
        if start < 0:
            if eof:
                number += 1
                yield number, b"", "not gzip data"
                return
            pending = pending[-2:]
            continue
        if start > 0:
            number += 1
            yield number, b"", "not gzip data"
            pending = pending[start:]
        number += 1
        decompressor = zlib.decompressobj(zlib.MAX_WBITS | 16)
        out: list[bytes] = []
        used = 0
        try:
            while not decompressor.eof:
                if used >= len(pending):
                    chunk = stream.read(_CHUNK)
                    if not chunk:
                        break
                    pending += chunk
                out.append(decompressor.decompress(pending[used:]))
                used = len(pending) - len(decompressor.unused_data)
        except zlib.error as err:
            yield number, b"", f"broken gzip data ({err})"
            pending = pending[1:]
            continue
        if not decompressor.eof:
            yield number, b"", "gzip data cut short"
            return
        pending = decompressor.unused_data
        yield number, b"".join(out), None


def _warc_records(stream: BinaryIO) -> Iterator[tuple[int, bytes, str | None]]:
    """``(number, record bytes, problem)`` for each record of an uncompressed ``.warc``, by Content-Length."""
    number = 0
    while True:
        line = stream.readline()
        while line and not line.strip():
            line = stream.readline()
        if not line:
            return
        number += 1
        if not _WARC_START.match(line.rstrip(b"\n")):
            yield number, b"", "not a WARC record header"
            _skip_to_next_record(stream)
            continue
        head = [line]
        length = None
        while True:
            line = stream.readline()
            if not line or not line.strip():
                break
            head.append(line)
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value.strip()) if value.strip().isdigit() else None
        if length is None:
            yield number, b"", "WARC record without a valid Content-Length"
            _skip_to_next_record(stream)
            continue
        body = stream.read(length)
        yield number, b"".join(head) + b"\r\n" + body + b"\r\n\r\n", None


def _skip_to_next_record(stream: BinaryIO) -> None:
    """Move ``stream`` to the next line that starts a WARC record."""
    while True:
        position = stream.tell()
        line = stream.readline()
        if not line or _WARC_START.match(line.rstrip(b"\n")):
            stream.seek(position)
            return
