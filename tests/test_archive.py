import gzip
import io
import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from geomap.read.archives import archive_suffix
from geomap.read.articles import CorpusError, read_corpus

ARABIC_PAGES = {
    "https://news.example/a1": (
        "سفينة شحن تغادر ميناء طرطوس",
        "قالت مصادر ملاحية إن سفينة شحن كبيرة غادرت ميناء طرطوس مساء الثلاثاء محملة بحاويات مغلقة. "
        "وأضافت المصادر أن السفينة اتجهت شمالا عبر البحر المتوسط دون أن تعلن وجهتها النهائية. "
        "ولم يصدر أي تعليق رسمي من سلطات الميناء حتى ساعة إعداد هذا التقرير.",
    ),
    "https://news.example/a2": (
        "وفد عسكري يزور العاصمة",
        "وصل وفد عسكري رفيع إلى العاصمة صباح اليوم في زيارة تستمر ثلاثة أيام. "
        "ويبحث الوفد مع المسؤولين سبل التعاون في مجالات التدريب والصيانة وتبادل الخبرات. "
        "وذكرت وكالة الأنباء الرسمية أن الزيارة تأتي بدعوة من وزارة الدفاع.",
    ),
}
ENGLISH_PAGE = (
    "Harbour traffic report",
    "Port officials said that container traffic rose during the spring season. The harbour expects "
    "more vessels next month as new cranes come into service. Local businesses welcomed the news.",
)


def _html(title, body, lang="ar"):
    paragraphs = "".join(f"<p>{sentence}</p>" for sentence in body.split(". "))
    return (f'<html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title></head>'
            f"<body><article><h1>{title}</h1>{paragraphs}</article></body></html>").encode()


def _warc_bytes(gzipped: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    def records(pages):
        out = io.BytesIO()
        writer = WARCWriter(out, gzip=gzipped)
        for uri, (html, content_type) in pages.items():
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(html),
                                                          http_headers=headers))
            request = io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")
            writer.write_record(writer.create_warc_record(uri, "request", payload=request))
        return out.getvalue()

    first = records({"https://news.example/a1": (_html(*ARABIC_PAGES["https://news.example/a1"]), "text/html")})
    rest = records({
        "https://news.example/en": (_html(*ENGLISH_PAGE, lang="en"), "text/html; charset=utf-8"),
        "https://news.example/logo.png": (b"\x89PNG\r\n\x1a\n", "image/png"),
        "https://news.example/a2": (_html(*ARABIC_PAGES["https://news.example/a2"]), "text/html"),
    })
    broken = b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: many\r\n\r\nnot a record\r\n\r\n"
    return first + (gzip.compress(broken) if gzipped else broken) + rest


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
def test_web_archive_gives_arabic_pages_and_skips_the_rest(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(_warc_bytes(name.endswith(".gz")))
    corpus = read_corpus(path)
    assert [a.url for a in corpus.articles] == ["https://news.example/a1", "https://news.example/a2"]
    for article in corpus.articles:
        title, body = ARABIC_PAGES[article.url]
        assert article.title == title
        assert body.split(". ")[1] in article.text
        assert article.source.startswith(f"{path}#record ")
        assert len(article.id) == 16
    reasons = [str(s) for s in corpus.skipped]
    assert len(reasons) == 2, reasons
    assert reasons[0].startswith(f"{path}#record 3: ") and "WARC record" in reasons[0]
    assert reasons[1] == f"{path}: 1 HTML page(s) not in Arabic skipped"
    # the same archive gives the same ids
    assert [a.id for a in read_corpus(path).articles] == [a.id for a in corpus.articles]


def test_corrupt_gzip_member_is_skipped_and_the_archive_goes_on(tmp_path):
    data = _warc_bytes(True)
    good = data.split(b"\x1f\x8b\x08")
    # a member header followed by bytes that are not deflate data, between two good records
    path = tmp_path / "damaged.warc.gz"
    path.write_bytes(b"\x1f\x8b\x08".join(good[:3]) + b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03\xff\xff\xff\xff"
                     + b"\x1f\x8b\x08" + b"\x1f\x8b\x08".join(good[3:]))
    corpus = read_corpus(path)
    assert [a.url for a in corpus.articles] == ["https://news.example/a1", "https://news.example/a2"]
    assert any("gzip" in s.reason for s in corpus.skipped)


def _records():
    return [
        {"id": "p1", "text": "نص المقال الأول عن شحنة طائرات مسيرة.", "published": "2024-02-03", "outlet": "Example"},
        {"id": "p2", "text": "", "title": "بلا نص"},
        {"id": "p3", "text": "نص المقال الثالث عن زيارة وزير.", "title": "زيارة"},
    ]


def test_gzip_json_lines_read_like_json_lines(tmp_path):
    lines = [json.dumps(r, ensure_ascii=False) for r in _records()]
    lines.insert(1, "{broken")
    path = tmp_path / "day.jsonl.gz"
    path.write_bytes(gzip.compress("\n".join(lines).encode("utf-8")))
    corpus = read_corpus([path])
    assert [(a.id, a.published, a.outlet, a.source) for a in corpus.articles] == [
        ("p1", "2024-02-03", "Example", f"{path}:1"), ("p3", None, None, f"{path}:4")]
    assert [s.source for s in corpus.skipped] == [f"{path}:2", f"{path}:3"]


def test_parquet_articles_read_like_json_lines(tmp_path):
    path = tmp_path / "articles.parquet"
    columns = ("id", "text", "title", "published", "outlet")
    pq.write_table(pa.Table.from_pylist([{c: r.get(c) for c in columns} for r in _records()]), path)
    corpus = read_corpus(tmp_path)
    assert [(a.id, a.title, a.source) for a in corpus.articles] == [
        ("p1", "نص المقال الأول عن شحنة طائرات مسيرة.", f"{path}:row 1"), ("p3", "زيارة", f"{path}:row 3")]
    assert [str(s) for s in corpus.skipped] == [f"{path}:row 2: record lacks 'text'"]


def test_parquet_without_text_column_is_skipped(tmp_path):
    path = tmp_path / "other.parquet"
    pq.write_table(pa.table({"id": ["a"]}), path)
    assert "'text'" in read_corpus(path).skipped[0].reason


@pytest.mark.parametrize("name, suffix", [("x.JSONL.GZ", ".jsonl.gz"), ("a.warc", ".warc"), ("b.gz", None)])
def test_archive_suffix(name, suffix, tmp_path):
    assert archive_suffix(tmp_path / name) == suffix


def test_unknown_compressed_file_is_not_an_article_file(tmp_path):
    path = tmp_path / "notes.txt.gz"
    path.write_bytes(gzip.compress(b"x"))
    with pytest.raises(CorpusError, match="warc.gz"):
        read_corpus(path)
