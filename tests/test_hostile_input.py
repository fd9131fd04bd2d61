"""Hostile and broken inputs: each is read, repaired or skipped alone, and named.

Every row of the table is one input built in a fresh folder and read twice,
through :func:`geomap.read_corpus` and through ``geomap extract``; each
asserts the records out, the warning or skip text, the exit status, and
that the input files are left as they were.
"""

import json
import os
import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from geomap.cli import main
from geomap.read.articles import DEFAULT_MAX_CHARS, read_corpus

TEXT = "وصل وفد عسكري إلى مطار دمشق صباح الأحد"
OTHER = "غادرت سفينة الشحن ميناء بيروت متجهة إلى قبرص"


def jsonl(*records: object) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in records)


def write(path: Path, data: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)


@dataclass
class Case:
    """One hostile input: how to build it and what reading it must give."""

    make: Callable[[Path], None]
    ids: list[str]
    messages: list[str] = field(default_factory=list)
    status: int = 0
    max_chars: int = DEFAULT_MAX_CHARS
    texts: dict[str, str] = field(default_factory=dict)  # id -> a piece its text must contain


def _bad_utf8(root):
    write(root / "a.txt", TEXT.encode()[:20] + b"\xff" + TEXT.encode()[20:])


def _nul(root):
    write(root / "a.txt", TEXT.replace("مطار", "\x00مطار"))


def _controls(root):
    write(root / "a.txt", "\x1b[31m" + TEXT + "\x07\x0c")


def _surrogate_fields(root):
    record = '{"id": "s\\ud800", "text": "TEXT \\udfff", "title": "\\ud83d", "outlet": "o\\udc00"}\n'
    write(root / "r.jsonl", record.replace("TEXT", TEXT))


def _huge_number(root):
    huge = '{"id": "big", "text": "x", "n": NUMBER}'.replace("NUMBER", "9" * 5000)
    write(root / "r.jsonl", jsonl(huge, {"id": "ok", "text": TEXT}))


def _deep(root):
    write(root / "r.jsonl", jsonl("[" * 100_000, '{"id": "d", "text": "x", "m": M}'.replace("M", "[" * 500 + "]" * 500),
                                  {"id": "ok", "text": TEXT}))


def _non_strings(root):
    write(root / "r.jsonl", jsonl({"id": "a", "text": TEXT, "outlet": 5, "title": ["t"], "url": {"u": 1},
                                   "published": 2024, "language": None}))


def _line_separators(root):
    write(root / "r.jsonl", jsonl({"id": "a", "text": f"{TEXT}\u2028{OTHER}\u2029\u0085"}, {"id": "b", "text": OTHER}))


def _id_zero(root):
    write(root / "r.jsonl", jsonl({"id": 0, "text": TEXT}, {"id": "0", "text": OTHER}))


def _bad_ids(root):
    write(root / "r.jsonl", jsonl({"id": True, "text": TEXT}, {"id": [1], "text": TEXT}, {"id": "", "text": TEXT},
                                  {"id": "ok", "text": TEXT}))


def _repeated_id(root):
    write(root / "r.jsonl", jsonl({"id": "x", "text": TEXT}, {"id": "x", "text": OTHER}, {"id": "x", "text": TEXT}))


def _same_name_two_folders(root):
    write(root / "a" / "x.txt", TEXT)
    write(root / "b" / "x.txt", OTHER)


def _metadata(root):
    write(root / "a.txt", TEXT)
    write(root / "metadata.json", '{"articles": {"a": {"outlet": "o\\ud800", "published": 20240101, "title": 7},'
          ' "b": "not an object"}}')


def _too_large_text(root):
    write(root / "big.txt", TEXT + " كلمة" * 400)
    write(root / "small.txt", TEXT)


def _too_large_record(root):
    write(root / "r.jsonl", jsonl({"id": "big", "text": TEXT + " كلمة" * 400}, {"id": "ok", "text": TEXT}))


def _folder_loop(root):
    write(root / "a" / "x.txt", TEXT)
    os.symlink("..", root / "a" / "loop")
    os.symlink(".", root / "a" / "self")


def _file_twice(root):
    write(root / "a.txt", TEXT)
    os.symlink("a.txt", root / "b.txt")


def _fifo(root):
    os.mkfifo(root / "pipe.txt")
    write(root / "a.txt", TEXT)


def _device(root):
    os.symlink("/dev/zero", root / "zero.txt")
    write(root / "a.txt", TEXT)


def _socket(root):
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(root / "s.txt"))
    sock.close()
    write(root / "a.txt", TEXT)


def _broken_link(root):
    os.symlink("missing.txt", root / "gone.txt")
    write(root / "a.txt", TEXT)


def _undecodable_name(root):
    write(root / os.fsdecode(b"n\xff.txt"), TEXT)


def _html_body_date(root):
    write(root / "p.html", f"<html><head><title>t</title></head><body><article><p>{TEXT}</p>"
          f"<p>نشر في 2023-03-14</p><p>{OTHER}</p><time datetime='2022-01-02'>2 يناير</time></article></body></html>")


def _html_meta_date(root):
    write(root / "p.html", f"<html><head><meta property='article:published_time' content='2021-06-07T08:00:00Z'>"
          f"</head><body><article><p>{TEXT}</p><p>نشر في 2023-03-14</p><p>{OTHER}</p></article></body></html>")


def _binary_and_empty(root):
    write(root / "bin.txt", bytes(range(256)) * 4)
    write(root / "empty.txt", " \n")
    write(root / "a.txt", TEXT)


def _crlf_and_bom(root):
    write(root / "r.jsonl", b"\xef\xbb\xbf" + jsonl({"id": "a", "text": TEXT}, {"id": "b", "text": OTHER})
          .replace("\n", "\r\n").encode())


CASES = {
    "utf8-with-a-bad-byte": Case(_bad_utf8, ["a"], ["a.txt: 1 byte not valid UTF-8 replaced with U+FFFD"],
                                 texts={"a": "\ufffd"}),
    "nul-in-good-text": Case(_nul, ["a"], ["a.txt: 1 control character removed (U+0000)"], texts={"a": "مطار دمشق"}),
    "terminal-escapes-and-bell": Case(_controls, ["a"], ["3 control characters removed (U+0007, U+000C, U+001B)"]),
    "lone-surrogates-in-every-field": Case(
        _surrogate_fields, ["s\ufffd"],
        ["r.jsonl:1: 'id': 1 lone surrogate replaced", "r.jsonl:1: 'text': 1 lone surrogate",
         "r.jsonl:1: field 'title': 1 lone surrogate", "r.jsonl:1: field 'outlet': 1 lone surrogate"]),
    "integer-of-5000-digits": Case(_huge_number, ["ok"], ["r.jsonl:1: a number of 5,000 digits"], status=1),
    "nesting-100000-deep": Case(_deep, ["ok"], ["r.jsonl:1: nested deeper than 100", "r.jsonl:2: nested deeper"],
                                status=1),
    "non-string-metadata-fields": Case(
        _non_strings, ["a"],
        ["r.jsonl:1: field 'title' is not a string (list); dropped", "field 'url' is not a string (dict)",
         "field 'outlet' is not a string (int)", "field 'published' is not a string (int)"]),
    "line-separators-inside-records": Case(_line_separators, ["a", "b"], texts={"a": "\u2028"}),
    "id-zero": Case(_id_zero, ["0", "0~2"], ["r.jsonl:2: id '0' is already used by"]),
    "ids-that-are-not-ids": Case(_bad_ids, ["ok"], ["r.jsonl:1: 'id' is not a string or a whole number (bool)",
                                                    "r.jsonl:2: 'id' is not a string", "r.jsonl:3: record lacks 'id'"],
                                 status=1),
    "jsonl-repeats-an-id": Case(_repeated_id, ["x", "x~2", "x~3"],
                                ["r.jsonl:2: id 'x' is already used by", "read as 'x~2'", "read as 'x~3'"]),
    "same-name-in-two-folders": Case(_same_name_two_folders, ["x", "corpus/b/x"],
                                     ["b/x.txt: id 'x' is already used by", "read as 'corpus/b/x'"]),
    "metadata-with-bad-values": Case(
        _metadata, ["a"], ["metadata.json: entry 'a': field 'outlet': 1 lone surrogate",
                           "entry 'a': field 'published' is not a string (int); dropped",
                           "entry 'b' is not an object (str); ignored"]),
    "text-over-max-chars": Case(_too_large_text, ["small"], ["big.txt: too large", "the limit is 1,000 characters"],
                                status=1, max_chars=1000),
    "record-over-max-chars": Case(_too_large_record, ["ok"], ["r.jsonl:1: too large"], status=1, max_chars=1000),
    "folder-symlinked-into-itself": Case(_folder_loop, ["x"], ["a folder already read"]),
    "file-linked-twice": Case(_file_twice, ["a"], ["b.txt: the same file as"]),
    "fifo-named-txt": Case(_fifo, ["a"], ["pipe.txt: not a regular file (a FIFO); not opened"], status=1),
    "symlink-to-dev-zero": Case(_device, ["a"], ["zero.txt: not a regular file (a device); not opened"], status=1),
    "socket-named-txt": Case(_socket, ["a"], ["s.txt: not a regular file (a socket)"], status=1),
    "broken-symlink": Case(_broken_link, ["a"], ["gone.txt: cannot be read"], status=1),
    "undecodable-file-name": Case(_undecodable_name, ["n\ufffd"]),
    "html-date-only-in-body": Case(_html_body_date, ["p"]),
    "html-date-in-metadata": Case(_html_meta_date, ["p"]),
    "binary-and-empty-files": Case(_binary_and_empty, ["a"], ["bin.txt: binary", "empty.txt: empty"], status=1),
    "crlf-and-bom-jsonl": Case(_crlf_and_bom, ["a", "b"]),
}


def _snapshot(root: Path) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file() and not p.is_symlink()}


@pytest.fixture(params=sorted(CASES), ids=sorted(CASES))
def case(request, tmp_path):
    root = tmp_path / "corpus"
    root.mkdir()
    CASES[request.param].make(root)
    return CASES[request.param], root


def test_read_corpus_repairs_or_skips_each_hostile_input_alone(case):
    case, root = case
    before = _snapshot(root)
    corpus = read_corpus(root, max_chars=case.max_chars)
    said = [str(n) for n in corpus.notices] + [str(s) for s in corpus.skipped]
    assert [a.id for a in corpus.articles] == case.ids
    for message in case.messages:
        assert any(message in line for line in said), (message, said)
    assert bool(corpus.skipped) == (case.status == 1), said
    if not case.messages:
        assert said == []
    texts = {a.id: a.text for a in corpus.articles}
    for article_id, piece in case.texts.items():
        assert piece in texts[article_id]
    for article in corpus.articles:
        article.text.encode("utf-8")  # no lone surrogates left
        assert "\x00" not in article.text and "\x1b" not in article.text
    assert _snapshot(root) == before
    assert read_corpus(root, max_chars=case.max_chars) == corpus


def test_extract_reports_each_hostile_input_and_keeps_the_rest(case, capsys):
    case, root = case
    before = _snapshot(root)
    status = main(["extract", str(root), "--max-chars", str(case.max_chars), "--quiet"])
    out, err = capsys.readouterr()
    assert status == case.status, err
    assert [json.loads(line)["article"] for line in out.split("\n") if line] == case.ids
    for message in case.messages:
        assert message in err
    assert "Traceback" not in err
    assert _snapshot(root) == before


def test_an_html_date_comes_only_from_the_page_metadata(tmp_path):
    _html_body_date(tmp_path)
    assert read_corpus(tmp_path).articles[0].published is None
    _html_meta_date(tmp_path)
    assert read_corpus(tmp_path).articles[0].published == "2021-06-07"


def test_an_unreadable_sub_folder_is_skipped_and_the_rest_read(tmp_path, monkeypatch):
    write(tmp_path / "a" / "x.txt", TEXT)
    write(tmp_path / "locked" / "y.txt", OTHER)
    write(tmp_path / "z.txt", OTHER)
    real_scandir = os.scandir

    def scandir(path):
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    corpus = read_corpus(tmp_path)
    assert [a.id for a in corpus.articles] == ["x", "z"]
    assert [str(s) for s in corpus.skipped] == [f"{tmp_path}/locked: folder cannot be read (Permission denied)"]


def test_a_file_is_never_read_beyond_the_limit(tmp_path, monkeypatch):
    write(tmp_path / "a.txt", TEXT * 1000)
    reads = []
    real_fdopen = os.fdopen

    def fdopen(*args, **kwargs):
        handle = real_fdopen(*args, **kwargs)
        real_read = handle.read

        class Spy:
            def __getattr__(self, name):
                return getattr(handle, name)

            def __enter__(self):
                return self

            def __exit__(self, *exc):
                handle.close()

            def read(self, size=-1):
                reads.append(size)
                return real_read(size)

        return Spy()

    monkeypatch.setattr(os, "fdopen", fdopen)
    corpus = read_corpus(tmp_path, max_chars=100)
    assert corpus.articles == () and "too large (69,000 bytes" in corpus.skipped[0].reason
    assert reads == []  # larger than the limit allows: not read at all
    corpus = read_corpus(tmp_path, max_chars=20_000)
    assert corpus.articles == () and "too large (38,000 characters" in corpus.skipped[0].reason
    assert reads and all(0 <= size <= 20_000 * 4 + 5 for size in reads)


def test_build_maps_a_corpus_of_hostile_records(tmp_path, capsys):
    _surrogate_fields(tmp_path)
    _huge_number(tmp_path / "more")
    _line_separators(tmp_path / "seps")
    output = tmp_path / "map.html"
    status = main(["build", str(tmp_path), "--output", str(output), "--quiet"])
    err = capsys.readouterr().err
    assert status == 1, err
    assert "more/r.jsonl:1: a number of 5,000 digits" in err
    assert output.stat().st_size > 10_000
    assert "\ud800" not in output.read_text(encoding="utf-8")
