import json

import pytest
from common import CORPUS, SEEDS

from geomap.read.articles import CorpusError, bundled_corpus_path, decode, read_corpus


@pytest.fixture(scope="module")
def corpus():
    return read_corpus(CORPUS)


def by_id(corpus):
    return {a.id: a for a in corpus.articles}


def test_bundled_corpus_is_the_default_and_carries_publication_dates():
    corpus = read_corpus()
    assert [a.id for a in corpus.articles] == sorted(p.stem for p in SEEDS.glob("*.txt"))
    metadata = json.loads((SEEDS / "metadata.json").read_text(encoding="utf-8"))["articles"]
    for article in corpus.articles:
        assert article.published == metadata[article.id]["published"]
        assert article.source.startswith("bundled:seeds/")
    assert bundled_corpus_path().is_dir()
    assert corpus.skipped == ()


@pytest.mark.parametrize(
    "article_id, title, published, outlet",
    [
        ("cp1256", "وصول شحنة أسلحة من إيران إلى اليمن", "2023-11-05", "Example Daily"),
        ("utf16", "زيارة وفد روسي إلى دمشق", "2024-03", None),
        ("utf8-bom", "قمة في طهران", None, None),
        ("jl-1", "طائرات", "2024-02-10", "Example"),
        ("page", "صفقة مقاتلات رافال لمصر", "2021-05-04", "Example News"),
    ],
)
def test_each_reader_gives_title_date_and_outlet(corpus, article_id, title, published, outlet):
    article = by_id(corpus)[article_id]
    assert article.title == title
    assert article.published == published
    assert article.outlet == outlet


def test_windows_1256_text_is_decoded(corpus):
    assert "بندر عباس" in by_id(corpus)["cp1256"].text


def test_utf16_and_bom_are_decoded_without_the_bom(corpus):
    assert by_id(corpus)["utf16"].text.startswith("زيارة")
    assert by_id(corpus)["utf8-bom"].text.startswith("قمة")


def test_html_main_text_is_extracted_without_navigation(corpus):
    text = by_id(corpus)["page"].text
    assert "ثلاثين طائرة رافال من فرنسا" in text
    assert "الرئيسية" not in text and "جميع الحقوق محفوظة" not in text


def test_jsonl_records_keep_their_fields(corpus):
    article = by_id(corpus)["jl-1"]
    assert (article.url, article.language) == ("https://example.org/1", "ar")
    assert article.source == f"{CORPUS}/records.jsonl:1"


@pytest.mark.parametrize(
    "source, reason",
    [
        ("binary.txt", "binary"),
        ("empty.txt", "empty"),
        ("records.jsonl:2", "not valid JSON"),
        ("records.jsonl:4", "lacks 'id' and 'text'"),
    ],
)
def test_bad_inputs_are_skipped_with_a_reason_naming_the_file(corpus, source, reason):
    matches = [s for s in corpus.skipped if s.source == f"{CORPUS}/{source}"]
    assert len(matches) == 1
    assert reason in matches[0].reason


def test_bad_inputs_do_not_lose_the_rest_of_the_batch(corpus):
    assert sorted(by_id(corpus)) == ["cp1256", "jl-1", "jl-2", "page", "utf16", "utf8-bom"]
    assert len(corpus.skipped) == 4


def test_reading_is_stable():
    assert read_corpus(CORPUS) == read_corpus(CORPUS)


def test_a_single_file_reads_its_neighbouring_metadata():
    (article,) = read_corpus(CORPUS / "cp1256.txt").articles
    assert article.published == "2023-11-05"


def test_missing_path_is_an_error_naming_it(tmp_path):
    with pytest.raises(CorpusError, match="nope.txt: no such file"):
        read_corpus(tmp_path / "nope.txt")


def test_unknown_file_type_is_an_error_naming_it(tmp_path):
    path = tmp_path / "table.csv"
    path.write_text("a,b\n")
    with pytest.raises(CorpusError, match="table.csv: not an article file"):
        read_corpus(path)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("{broken", "not valid JSON"),
        ('{"articles": {"a": {"published": ' + "9" * 5000 + "}}}", "not valid JSON"),
        ("[" * 100_000, "not valid JSON"),
        ("[1, 2]", "expected an object"),
    ],
)
def test_broken_metadata_is_skipped_and_its_articles_still_read(tmp_path, content, reason):
    (tmp_path / "a.txt").write_text("عنوان\nنص", encoding="utf-8")
    (tmp_path / "metadata.json").write_text(content, encoding="utf-8")
    corpus = read_corpus(tmp_path)
    assert [a.id for a in corpus.articles] == ["a"]
    assert corpus.articles[0].published is None
    [skipped] = corpus.skipped
    assert skipped.source.endswith("metadata.json") and reason in skipped.reason


def test_unlikely_publication_dates_are_dropped(tmp_path):
    (tmp_path / "a.jsonl").write_text(json.dumps({"id": "x", "text": "نص", "published": "yesterday"}) + "\n")
    assert read_corpus(tmp_path).articles[0].published is None


@pytest.mark.parametrize(
    "data, expected",
    [
        ("نص عربي".encode(), "نص عربي"),
        ("نص عربي".encode("utf-16-le"), "نص عربي"),
        ("نص عربي".encode("utf-16-be"), "نص عربي"),
        ("نص عربي طويل بما يكفي".encode("cp1256"), "نص عربي طويل بما يكفي"),
        (b"\x00\x01\x02\x03\x04\x05\x06\x07", None),
    ],
)
def test_decode_detects_the_encoding(data, expected):
    assert decode(data) == expected
