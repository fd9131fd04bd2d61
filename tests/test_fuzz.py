"""Property-based tests: hostile and broken input through the readers and the whole pipeline.

Random bytes go through every file reader, random Unicode (bidi controls,
line and paragraph separators, emoji, very long words, Arabic letters mixed
with digits and punctuation) and mutated articles through the extraction.
Nothing may escape as an exception, and every span of the result must still
quote the article exactly. The examples are derived from a fixed seed
(``derandomize``), so every run tries the same inputs.
"""

import json
import tempfile
from pathlib import Path

import pytest
from common import CORPUS, SEEDS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geomap.io.record import to_record
from geomap.model import Article
from geomap.pipeline import extract_article
from geomap.read.articles import CorpusError, read_corpus
from geomap.resources import default_resources
from geomap.text.sentences import split_sentences

FUZZ = settings(max_examples=50, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

ARABIC = [chr(c) for c in range(0x0621, 0x064B)] + ["ى", "ة", "ـ", "پ", "چ", "گ", "ک", "ی"]
DIACRITICS = [chr(c) for c in range(0x064B, 0x0653)]
DIGITS = list("0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳")
PUNCTUATION = list(".,;:!?،؛؟«»\"'()[]-–—/%") + ["...", " - "]
BIDI = ["\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068",
        "\u2069", "\u061c", "\u200b", "\u200c", "\u200d", "\ufeff"]
BREAKS = ["\n", "\r\n", "\r", "\u2028", "\u2029", "\u0085", "\x0b", "\x0c", "\t", "\u00a0", "  "]
EMOJI = ["😀", "🇷🇺", "👨‍👩‍👧", "🚀", "⚠️", "\U0001f9ea"]
PIECES = ARABIC + DIACRITICS + DIGITS + PUNCTUATION + BIDI + BREAKS + EMOJI + [" "] * 12


def seed_articles() -> list[Article]:
    return list(read_corpus([SEEDS]).articles)


# the sentences of the bundled corpus, and a few written for the tests
SENTENCES = [s.text for a in seed_articles() for s in split_sentences(a.text)] + [
    "أعلنت وزارة الدفاع أن شحنة من الذخائر وصلت إلى ميناء طرطوس يوم 3 مارس 2024.",
    "نفت طهران إرسال طائرات مسيرة إلى روسيا، وقالت إن التقارير لا أساس لها.",
    "زار وفد عسكري بيونغ يانغ الشهر الماضي لبحث التعاون في مجال الصواريخ.",
]
REAL_WORDS = sorted({w for sentence in SENTENCES for w in sentence.split()})


@st.composite
def marked_words(draw) -> str:
    """A real word with diacritics, tatweel, bidi or joiner marks put inside it."""
    word = draw(st.sampled_from(REAL_WORDS))
    for _ in range(draw(st.integers(1, 3))):
        where = draw(st.integers(0, len(word)))
        word = word[:where] + draw(st.sampled_from(DIACRITICS + BIDI + ["ـ"])) + word[where:]
    return word


words = st.one_of(
    st.sampled_from(REAL_WORDS),
    marked_words(),
    st.lists(st.sampled_from(ARABIC), min_size=1, max_size=9).map("".join),
    st.lists(st.sampled_from(ARABIC + DIACRITICS + DIGITS), min_size=1, max_size=9).map("".join),
    st.sampled_from(PIECES),
    st.text(st.characters(exclude_categories=("Cs",)), max_size=6),  # anything a str holds in a file
    st.integers(300, 3000).map(lambda n: "ب" * n),  # a very long word
)
unicode_text = st.lists(words, min_size=20, max_size=150).map(lambda parts: " ".join(parts))


@st.composite
def mutated_articles(draw) -> str:
    """Sentences of real-looking articles with random insertions, deletions and duplications."""
    parts = draw(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=12))
    text = draw(st.sampled_from(["\n", " ", "\n\n", "\u2028"])).join(parts)
    for _ in range(draw(st.integers(0, 8))):
        where = draw(st.integers(0, len(text)))
        kind = draw(st.sampled_from(["insert", "delete", "duplicate"]))
        if kind == "insert":
            text = text[:where] + draw(words) + text[where:]
        elif kind == "delete":
            text = text[:where] + text[where + draw(st.integers(1, 40)):]
        else:
            stretch = text[where:where + draw(st.integers(1, 200))]
            text = text[:where] + stretch * draw(st.integers(2, 5)) + text[where:]
    return text


def assert_spans_quote(article: Article) -> None:
    """Extract ``article``; every mention and evidence span quotes its text exactly, and the record is writable."""
    extraction = extract_article(article, default_resources())
    text = article.text
    for resolved in extraction.places:
        for span in resolved.mentions:
            assert text[span.start:span.end] == span.text
    for actor in extraction.actors:
        assert text[actor.span.start:actor.span.end] == actor.span.text
    for item in (*extraction.events, *extraction.flows):
        assert text[item.evidence.start:item.evidence.end] == item.evidence.text
    record = to_record(extraction)
    spans = [m for p in record["places"] for m in p["mentions"]]
    spans += [item["evidence"] for key in ("events", "flows") for item in record[key]]
    for span in spans:
        assert text[span["start"]:span["end"]] == span["text"]
    # what `geomap extract` writes: JSON, encoded as UTF-8
    json.dumps(record, ensure_ascii=False).encode("utf-8")


# ---------------------------------------------------------------------------
# The readers.

REAL_FILES = sorted(p for p in CORPUS.iterdir() if p.is_file() and p.name != "metadata.json")


@st.composite
def file_bytes(draw) -> bytes:
    """Random bytes, or a real article file with bytes flipped, cut or inserted."""
    if draw(st.booleans()):
        return draw(st.binary(max_size=3000))
    data = bytearray(draw(st.sampled_from(REAL_FILES)).read_bytes())
    for _ in range(draw(st.integers(1, 6))):
        where = draw(st.integers(0, len(data)))
        kind = draw(st.sampled_from(["flip", "cut", "insert"]))
        if kind == "flip" and where < len(data):
            data[where] = draw(st.integers(0, 255))
        elif kind == "cut":
            del data[where:where + draw(st.integers(1, 50))]
        else:
            data[where:where] = draw(st.binary(min_size=1, max_size=20))
    return bytes(data)


@pytest.mark.parametrize("suffix", [".txt", ".md", ".jsonl", ".html"])
@FUZZ
@given(data=file_bytes())
def test_random_bytes_through_every_reader(suffix, data):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"article{suffix}"
        path.write_bytes(data)
        corpus = read_corpus(path)
    assert len(corpus.articles) + len(corpus.skipped) >= 1 or suffix == ".jsonl"
    for article in corpus.articles:
        assert isinstance(article.text, str) and article.text
        assert_spans_quote(article)


# ---------------------------------------------------------------------------
# The pipeline.


@FUZZ
@given(text=unicode_text)
def test_random_unicode_through_the_pipeline(text):
    assert_spans_quote(Article(id="fuzz", text=text, published="2024-04-29"))


@FUZZ
@given(text=mutated_articles(), published=st.sampled_from([None, "2023", "2024-02", "2024-04-29"]))
def test_mutated_articles_through_the_pipeline(text, published):
    assert_spans_quote(Article(id="mutated", text=text, published=published))


def jsonl_records(strings: st.SearchStrategy[str]) -> st.SearchStrategy[list[dict]]:
    return st.lists(st.fixed_dictionaries(
        {"id": strings, "text": st.one_of(mutated_articles(), unicode_text)},
        optional={"title": strings, "outlet": strings, "url": strings, "language": strings,
                  "published": st.sampled_from(["2024-04-29", "2024", "", "29/04/2024", "غدا"])},
    ), min_size=1, max_size=4)


def read_jsonl(records: list[dict], ascii_only: bool) -> list[Article]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "records.jsonl"
        lines = [json.dumps(r, ensure_ascii=ascii_only) for r in records]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return list(read_corpus(path).articles)


@FUZZ
@given(records=jsonl_records(st.text(st.characters(exclude_categories=("Cs",)), max_size=30)),
       ascii_only=st.booleans())
def test_random_json_lines_through_the_reader_and_the_pipeline(records, ascii_only):
    for article in read_jsonl(records, ascii_only):
        assert_spans_quote(article)


LONE_SURROGATES = st.lists(st.one_of(st.sampled_from(["\ud800", "\udfff", "\udc00"]), words),
                           min_size=1, max_size=6).map("".join)


@settings(FUZZ)
@given(records=jsonl_records(LONE_SURROGATES))
def test_lone_surrogates_in_json_lines_are_not_passed_on(records):
    for article in read_jsonl(records, ascii_only=True):
        assert_spans_quote(article)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)
metadata_entries = st.dictionaries(
    st.sampled_from(["published", "outlet", "title", "url", "language"]), json_values, max_size=5)


def read_with_metadata(entry: dict) -> list[Article]:
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "a.txt").write_text("عنوان\nأرسلت روسيا طائرات مسيرة إلى سوريا في مارس 2024.\n", encoding="utf-8")
        Path(folder, "metadata.json").write_text(json.dumps({"articles": {"a": entry}}), encoding="utf-8")
        try:
            return list(read_corpus(folder).articles)
        except CorpusError:  # one clear error about the metadata file is an answer too
            return []


@FUZZ
@given(entry=metadata_entries)
def test_random_metadata_values_through_the_reader_and_the_pipeline(entry):
    for article in read_with_metadata(entry):
        assert_spans_quote(article)


@settings(FUZZ)
@given(entry=metadata_entries)
def test_metadata_fields_are_text_or_absent(entry):
    for article in read_with_metadata(entry):
        for field in ("title", "published", "outlet", "url", "language"):
            assert isinstance(getattr(article, field), (str, type(None))), field
