"""Template syntax in every article field reaches the map as text and is never evaluated.

Each channel of untrusted input (article text, the first line of a text file,
its file name, JSON Lines title, id, outlet and URL, an HTML page's title and
text, ``metadata.json`` values, the folder name and ``--title``) carries every payload between markers
``@Q<channel><n>:`` and ``:Q@``. The page is decoded (its ``JSON.parse`` data
and its HTML character references) and every marked value must be exactly its
payload: nothing evaluated, nothing swallowed, nothing replaced.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys

import pytest

#: Creates the folder ``geomappwned`` in the working folder if rendered (no quotes, no full stops).
EXPLOIT = (
    "{{ (((cycler|attr(dict(__init__=1)|first))|attr(dict(__globals__=1)|first))[dict(os=1)|first]"
    "|attr(dict(mkdir=1)|first))(dict(geomappwned=1)|first) }}"
)
PWNED = "geomappwned"
#: Jinja2 syntax an article may hold by accident or on purpose; the last one would run code.
PAYLOADS = ["{{ 6*7 }}", "{% for x in y %}", "{#", "{{cite web}}", "{map}", "{{ 'a' ~ 'b' }}", EXPLOIT]
SENTENCE = "قال مسؤولون إن إيران أرسلت طائرات مسيرة إلى روسيا عبر بحر قزوين {} في الأسبوع الماضي."
MARK = re.compile(r"@Q([a-z]+)(\d+):(.*?):Q@", re.S)


def _marked(channel: str, payloads: list[str]) -> str:
    return " ".join(f"@Q{channel}{i}:{p}:Q@" for i, p in enumerate(payloads))


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> dict:
    """A corpus with every payload in every channel; returns its paths and payloads."""
    root = tmp_path_factory.mktemp("hostile")
    payloads = PAYLOADS
    names = PAYLOADS[:-1]  # a file name holds at most 255 bytes
    plain = PAYLOADS[:5]  # a page title is cut at a separator such as " ~ " or " | " (the site's name)
    folder = root / f"news {_marked('folder', names)}"
    folder.mkdir()

    def body(channel: str | None = None) -> str:
        return SENTENCE.format(_marked(channel, payloads) if channel else "")

    records = [
        {"id": "j-title", "title": _marked("jtitle", payloads), "text": "خبر\n\n" + body()},
        {"id": _marked("id", payloads), "title": "خبر", "text": "خبر\n\n" + body()},
        {"id": "j-outlet", "outlet": _marked("outlet", payloads), "text": "خبر\n\n" + body()},
        {"id": "j-url", "url": "https://example.org/" + _marked("url", payloads), "text": "خبر\n\n" + body()},
        {"id": "j-text", "title": "خبر", "text": "خبر\n\n" + body("jtext")},
    ]
    for record in records:
        record["published"] = "2024-01-05"
    (folder / "feed.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    (folder / "lines.txt").write_text(_marked("firstline", payloads) + "\n\n" + body("body") + "\n", "utf-8")
    (folder / f"{_marked('filename', names)}.txt").write_text("خبر\n\n" + body() + "\n", "utf-8")
    (folder / "meta.txt").write_text("خبر\n\n" + body() + "\n", "utf-8")
    page = (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(_marked('htmltitle', plain))}"
        f"</title></head><body><article><p>{html.escape(body('html'))}</p>"
        "<p>وأضافوا أن الشحنة وصلت إلى ميناء على البحر في الشهر نفسه بحسب المصادر.</p></article></body></html>"
    )
    (folder / "page.html").write_text(page, "utf-8")
    metadata = {"title": _marked("metatitle", payloads), "outlet": _marked("metaoutlet", payloads)}
    metadata["published"] = "2024-02-01"
    (folder / "metadata.json").write_text(json.dumps({"articles": {"meta": metadata}}, ensure_ascii=False), "utf-8")
    channels = {
        "folder": names, "jtitle": payloads, "id": payloads, "outlet": payloads, "url": payloads,
        "jtext": payloads, "firstline": payloads, "body": payloads, "filename": names,
        "metatitle": payloads, "metaoutlet": payloads, "htmltitle": plain, "html": payloads,
    }
    return {"folder": folder, "root": root, "payloads": payloads, "channels": channels}


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _decoded(page: str) -> str:
    """The page with each ``JSON.parse('...')`` and JSON data block replaced by the strings it holds, then
    HTML-unescaped."""

    def data(match: re.Match) -> str:
        value = json.loads(re.sub(r"\\(.)", r"\1", match.group(1), flags=re.S))
        return "\n".join(_strings(value))

    def block(match: re.Match) -> str:
        return "\n".join(_strings(json.loads(match.group(1))))

    page = re.sub(r'<script type="application/json" id="[\w-]+">(.*?)</script>', block, page, flags=re.S)
    return html.unescape(re.sub(r"JSON\.parse\('((?:[^'\\]|\\.)*)'\)", data, page, flags=re.S))


def _check(page: str, hostile: dict, channels: dict[str, list[str]]) -> None:
    text = _decoded(page)
    seen = set()
    for channel, index, value in MARK.findall(text):
        expected = channels.get(channel, hostile["payloads"])[int(index)]
        assert value == expected, f"{channel} payload {index} became {value!r}"
        seen.add((channel, int(index)))
    assert text.count("@Q") == text.count(":Q@"), "a payload swallowed its closing marker"
    missing = {(c, i) for c, values in channels.items() for i in range(len(values))} - seen
    assert not missing, f"payloads missing from the page: {sorted(missing)}"
    assert not (hostile["root"] / PWNED).exists()


def test_cli_build_shows_every_payload_literally(hostile, tmp_path):
    title = _marked("title", hostile["payloads"])
    out = tmp_path / "map.html"
    result = subprocess.run(
        [sys.executable, "-m", "geomap.cli", "build", str(hostile["folder"]), "--output", str(out),
         "--layers", str(tmp_path / "layers"), "--title", title, "--quiet", "--quotes", "50"],
        capture_output=True, text=True, timeout=600, cwd=hostile["root"],
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    channels = {**hostile["channels"], "title": hostile["payloads"]}
    _check(out.read_text("utf-8"), hostile, channels)
    corpus = json.loads((tmp_path / "layers" / "corpus.json").read_text("utf-8"))
    assert "{#" in json.dumps(corpus, ensure_ascii=False)  # the folder name, kept as it is


@pytest.fixture(scope="module")
def hostile_map(hostile):
    from geomap import build_layers, extract, read_corpus, render_map

    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(hostile["root"])
        corpus = read_corpus(hostile["folder"])
        assert not corpus.skipped
        yield render_map(build_layers(extract(corpus), corpus_name=corpus.name), quotes=50)  # every quote


def test_save_map_shows_every_payload_literally(hostile, hostile_map, tmp_path, monkeypatch):
    from geomap import save_map

    monkeypatch.chdir(hostile["root"])
    path = save_map(hostile_map, tmp_path / "map.html")
    _check(path.read_text("utf-8"), hostile, hostile["channels"])


def test_notebook_display_shows_every_payload_literally(hostile, hostile_map, monkeypatch):
    monkeypatch.chdir(hostile["root"])
    shown = hostile_map._repr_html_()
    page = html.unescape(re.search(r'srcdoc="([^"]*)"', shown).group(1))
    _check(page, hostile, hostile["channels"])


@pytest.mark.parametrize("payload", PAYLOADS)
def test_title_is_text(payload, tmp_path, monkeypatch):
    from geomap.layers import build_layers
    from geomap.render.map import render_map

    monkeypatch.chdir(tmp_path)
    m = render_map(build_layers([], corpus_name=payload), title=f"@Qtitle0:{payload}:Q@")
    text = _decoded(m.get_root().render())
    assert f"@Qtitle0:{payload}:Q@" in text
    assert f"Corpus: {payload}" in text
    assert not (tmp_path / PWNED).exists()


@pytest.mark.parametrize("tiles", ["https://x.example/{{ 6*7 }}/{z}/{x}/{y}.png", "{% for x in y %}", "{#"])
def test_tile_names_with_template_syntax_are_refused(tiles):
    from geomap.layers import build_layers
    from geomap.render.map import render_map

    with pytest.raises(ValueError, match="not a tile name or URL template"):
        render_map(build_layers([], corpus_name="c"), tiles=tiles)


@pytest.mark.parametrize("field", ["title", "text", "id", "outlet"])
def test_code_in_an_article_never_runs(tmp_path, monkeypatch, field):
    from geomap import build_layers, extract, read_corpus, render_map, save_map

    monkeypatch.chdir(tmp_path)
    payload = f"@Q{field}0:{EXPLOIT}:Q@"
    record = {"id": "a", "title": "خبر", "published": "2024-01-05"}
    record["text"] = "خبر\n\n" + SENTENCE.format(payload if field == "text" else "")
    if field != "text":
        record[field] = payload
    (tmp_path / "feed.jsonl").write_text(json.dumps(record, ensure_ascii=False) + "\n", "utf-8")
    corpus = read_corpus(tmp_path / "feed.jsonl")
    path = save_map(render_map(build_layers(extract(corpus), corpus_name=corpus.name)), tmp_path / "map.html")
    assert payload in _decoded(path.read_text("utf-8"))
    assert not (tmp_path / PWNED).exists()
