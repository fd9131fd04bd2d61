import pytest

from geomap.text.arabic import CLITIC_PREFIXES, fold, is_arabic, normalize, strip_clitics, tokens


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("إيران", "ايران"),
        ("أمريكا", "امريكا"),
        ("آسيا", "اسيا"),
        ("سوريّا", "سوريا"),
        ("مـوسـكـو", "موسكو"),
        ("روسيا الاتحادية", "روسيا الاتحاديه"),
        ("مستشفى", "مستشفي"),
        ("کرمان", "كرمان"),
        ("گیلان", "كيلان"),
        ("پاکستان", "باكستان"),
        ("ڤيينا", "فيينا"),
        ("٢٠٢٣", "2023"),
        ("۱۴۰۲", "1402"),
        ("مؤتمر", "موتمر"),
        ("ﻻ", "لا"),
    ],
)
def test_fold_unifies_spellings(a, b):
    assert fold(a) == fold(b) == b


def test_fold_is_idempotent():
    s = "وَصَلَ الوزيرُ إلى بيونغ يانغ عام ٢٠٢٣"
    assert fold(fold(s)) == fold(s)


def test_origin_maps_back_over_removed_marks():
    text = "زار الوزيرُ غزّةَ ثم بيـونـغيانغ."
    norm = normalize(text)
    for word in ("غزه", "بيونغيانغ", "الوزير"):
        i = norm.text.index(word)
        start, end = norm.origin(i, i + len(word))
        assert fold(text[start:end]) == word
    i = norm.text.index("غزه")
    start, end = norm.origin(i, i + 3)
    assert text[start:end] == "غزّةَ"


def test_origin_is_identity_without_marks():
    text = "وصل الوفد إلى طهران"
    norm = normalize(text)
    assert norm.starts is None
    assert norm.origin(14, 19) == (14, 19)


def test_tokens_offsets_into_original():
    text = "قالت كوريا الشمالية، إنَّ «روسيا» 2023."
    toks = tokens(text)
    assert [t.norm for t in toks] == ["قالت", "كوريا", "الشماليه", "ان", "روسيا", "2023"]
    for t in toks:
        assert text[t.start:t.end] == t.text


@pytest.mark.parametrize(
    ("word", "stem", "prefix"),
    [
        ("لإيران", "ايران", 1),
        ("وبيونغيانغ", "بيونغيانغ", 1),
        ("بكوريا", "كوريا", 1),
        ("وطهران", "طهران", 1),
        ("والولايات", "الولايات", 1),
        ("للولايات", "الولايات", 1),
        ("وبالحديدة", "الحديده", 2),
        ("فلليمن", "اليمن", 2),
    ],
)
def test_strip_clitics_finds_stem(word, stem, prefix):
    assert (prefix, stem) in strip_clitics(fold(word))


def test_strip_clitics_keeps_short_stems_whole():
    assert strip_clitics("بر") == [(0, "بر")]
    assert "وال" in CLITIC_PREFIXES and "لال" not in CLITIC_PREFIXES


def test_is_arabic():
    assert is_arabic("Flightradar24 في")
    assert not is_arabic("Flightradar24")


@pytest.mark.parametrize("module", [
    "text.arabic", "text.document", "annotate.gazetteer", "annotate.places", "annotate.resolve", "annotate.geocoder",
    "render.style", "render.figure", "resources", "annotate.dates", "annotate.stance", "extraction.flows",
    "extraction.events",
])
def test_docstring_examples(module):
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(f"geomap.{module}"))
    assert result.failed == 0 and result.attempted > 0
