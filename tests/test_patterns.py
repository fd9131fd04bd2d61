"""The pattern engine: token specs, operators, slots, and how overlapping matches are settled."""

import pickle
import re

import pytest

from geomap.annotate.dates import find_dates
from geomap.resources import Resources, default_resources
from geomap.text.arabic import normalize
from geomap.text.document import ArticleText, Phrases
from geomap.text.patterns import Pieces, WordList, compile_patterns, settle

LISTS = {
    "colours": ["أحمر", "أزرق", "أخضر داكن"],
    "boxes": ["صندوق", "صناديق"],
    "very": ["جدا"],
}
SHAPES = {"number": r"\d{1,3}", "code": r"([a-z]{2})\d+"}  # words are folded: Latin letters lowered


def _matches(patterns, text, fragments=None, proclitics=()):
    matcher = compile_patterns(patterns, LISTS, SHAPES, fragments, proclitics)
    folded = normalize(text).text
    pieces = Pieces(folded, [m.span() for m in re.finditer(r"[^\W_]+", folded)])
    return [(folded[m.start:m.end], m.name, m.slots) for m in matcher.find(pieces)]


def test_words_lists_shapes_and_slots():
    pattern = {"name": "boxes", "tokens": [
        {"shape": "number", "label": "count"},
        {"list": "boxes", "label": "what"},
        {"list": "colours", "label": "colour", "op": "?"},
    ]}
    found = _matches([pattern], "وصلت 12 صناديق أخضر داكن ثم 3 صندوق")
    assert found == [("12 صناديق اخضر داكن", "boxes", {"count": "12", "what": "صناديق", "colour": "اخضر داكن"}),
                     ("3 صندوق", "boxes", {"count": "3", "what": "صندوق"})]


def test_a_shape_keeps_what_its_group_catches():
    found = _matches([{"name": "code", "tokens": [{"word": "رمز"}, {"shape": "code", "label": "country"}]}],
                     "رمز SY12 في الوثيقة")
    assert found == [("رمز sy12", "code", {"country": "sy"})]


def test_repeats_are_greedy_and_may_be_left_out():
    pattern = {"name": "red", "tokens": [{"word": "أحمر"}, {"list": "very", "op": "*"}]}
    assert [f[0] for f in _matches([pattern], "أحمر جدا جدا جدا ثم أحمر")] == ["احمر جدا جدا جدا", "احمر"]
    plus = {"name": "red", "tokens": [{"word": "أحمر"}, {"list": "very", "op": "+"}]}
    assert [f[0] for f in _matches([plus], "أحمر جدا ثم أحمر")] == ["احمر جدا"]


def test_marks_between_words_are_spelled_out_and_tight_means_no_space():
    pattern = {"name": "pair", "tokens": [
        {"shape": "number", "label": "a"},
        {"mark": "/-", "tight": True},
        {"shape": "number", "tight": True, "label": "b"},
    ]}
    found = _matches([pattern], "النتيجة 3/4 أو 5 / 6 أو 7-8")
    assert [f[2] for f in found] == [{"a": "3", "b": "4"}, {"a": "7", "b": "8"}]
    # words that follow each other in a pattern have nothing but spaces between them
    plain = {"name": "plain", "tokens": [{"shape": "number"}, {"shape": "number"}]}
    assert [f[0] for f in _matches([plain], "3، 4 ثم 5 6")] == ["5 6"]


def test_a_joined_literal_may_stand_alone_or_be_attached_to_the_next_word():
    pattern = {"name": "and", "tokens": [
        {"list": "colours", "label": "a"}, {"word": "و", "joined": True}, {"list": "colours", "label": "b"},
    ]}
    found = _matches([pattern], "علم أحمر وأزرق وآخر أزرق و أحمر")
    assert [f[2] for f in found] == [{"a": "احمر", "b": "ازرق"}, {"a": "ازرق", "b": "احمر"}]


def test_a_match_may_begin_after_a_proclitic_and_starts_after_it():
    pattern = {"name": "box", "tokens": [{"list": "boxes"}]}
    assert [f[0] for f in _matches([pattern], "وصندوق", proclitics=["و"])] == ["صندوق"]
    assert _matches([pattern], "وصندوق") == []


def test_alternatives_fragments_and_their_slots():
    fragments = {"thing": [{"any": [[{"list": "boxes", "label": "box"}], [{"list": "colours", "label": "colour"}]]}]}
    pattern = {"name": "two", "tokens": [
        {"use": "thing"}, {"word": "مع"}, {"use": "thing", "label": "2"},
    ]}
    found = _matches([pattern], "صندوق مع أزرق", fragments)
    assert found == [("صندوق مع ازرق", "two", {"box": "صندوق", "colour2": "ازرق"})]


def test_lookahead_and_lookbehind():
    ahead = {"name": "box", "tokens": [{"list": "boxes"}, {"not_next": [{"list": "colours"}]}]}
    assert [f[0] for f in _matches([ahead], "صندوق أحمر ثم صندوق خشبي")] == ["صندوق"]
    behind = {"name": "n", "tokens": [{"not_prev": {"mark": "#"}}, {"shape": "number"}]}
    assert [f[0] for f in _matches([behind], "الرقم #12 ثم # 13 ثم 14")] == ["13", "14"]


def test_a_prefix_word_may_begin_a_longer_word():
    pattern = {"name": "box", "tokens": [{"word": "ثم"}, {"list": "boxes", "prefix": True}]}
    assert [f[0] for f in _matches([pattern], "ثم صناديقهم")] == ["ثم صناديقهم"]


def test_each_pattern_matches_from_the_left_without_overlapping_itself():
    pattern = {"name": "two", "tokens": [{"list": "colours"}, {"list": "colours"}]}
    assert [f[0] for f in _matches([pattern], "أحمر أزرق أحمر أزرق أحمر")] == ["احمر ازرق", "احمر ازرق"]


@pytest.mark.parametrize(("pattern", "message"), [
    ({"name": "x", "tokens": [{"list": "nothing"}]}, "no word list 'nothing'"),
    ({"name": "x", "tokens": [{"shape": "nothing"}]}, "no shape 'nothing'"),
    ({"name": "x", "tokens": [{"use": "nothing"}]}, "no fragment 'nothing'"),
    ({"name": "x", "tokens": [{"word": "أ", "colour": "red"}]}, "unknown key 'colour'"),
    ({"name": "x", "tokens": [{"word": "أ", "op": "!"}]}, "unknown op '!'"),
    ({"name": "x", "tokens": [{"word": "أ", "list": "boxes"}]}, "needs one of"),
    ({"name": "x", "tokens": []}, "non-empty list"),
    ({"name": "x"}, "expected a mapping with 'name' and 'tokens'"),
])
def test_malformed_patterns_are_one_error_naming_the_file(pattern, message):
    with pytest.raises(ValueError, match=message) as err:
        compile_patterns([pattern], LISTS, SHAPES, where="my.yaml")
    assert str(err.value).startswith("my.yaml: ")


def test_a_fragment_cannot_use_itself():
    with pytest.raises(ValueError, match="uses itself"):
        compile_patterns([{"name": "x", "tokens": [{"use": "loop"}]}], LISTS, SHAPES,
                         {"loop": [{"word": "أ"}, {"use": "loop", "op": "?"}]})


def test_settle_takes_matches_in_the_order_given_and_skips_overlaps_and_refusals():
    found = [(0, 2, "a"), (1, 4, "b"), (4, 5, "c"), (5, 7, "d")]
    assert settle(found, lambda m: (m[0], m[1])) == found[:1] + found[2:]
    longest = sorted(found, key=lambda m: m[0] - m[1])
    assert [m[2] for m in settle(longest, lambda m: (m[0], m[1]))] == ["b", "d", "c"]
    # a match refused leaves its place to the others
    assert settle(longest, lambda m: (m[0], m[1]), lambda m: None if m[2] == "b" else m[2].upper()) == ["A", "D", "C"]


def test_phrases_are_word_lists_settled_leftmost_longest():
    phrases = Phrases(["أزرق", "أزرق أحمر", "أحمر أخضر"])
    assert isinstance(phrases, WordList)
    doc = ArticleText("علم أزرق أحمر أخضر")
    assert [(s, e, v) for s, e, v in phrases.find(doc.words)] == [(1, 3, "ازرق احمر")]


def test_compiled_date_patterns_pickle_and_find_the_same():
    res = default_resources()
    text = "وصلت الطائرات بين 4 و6 آذار/مارس 2021، ثم عادت في 9/10/2021"
    grammar = pickle.loads(pickle.dumps(res.dates))

    class _Res:
        dates = grammar

    assert find_dates(_Res(), text) == find_dates(res, text)
    assert [d.start for d in find_dates(res, text)] == ["2021-03-04", "2021-10-09"]


def test_the_document_words_and_a_stretch_read_alone_give_the_same_dates():
    res = default_resources()
    text = "قالت الوزارة إن القافلة وصلت فجر أمس، وإن الثانية تصل يوم الخميس المقبل."
    doc = ArticleText(text, res.readings)
    for span in [*doc.sentences, None]:
        assert find_dates(res, text, span, "2024-06-12", doc) == find_dates(res, text, span, "2024-06-12")


def test_an_analyst_adds_a_date_phrasing_as_a_pattern(tmp_path):
    # "12 من مايو": a day, then من, then the month, read as a calendar date
    (tmp_path / "dates.yaml").write_text(
        "patterns:\n"
        "  - name: day_of_month\n"
        "    read: calendar\n"
        "    tokens:\n"
        "      - {list: cues, label: lead, op: '?'}\n"
        "      - {shape: day, label: day}\n"
        "      - {word: من}\n"
        "      - {use: month}\n"
        "      - {use: year, op: '?'}\n", encoding="utf-8")
    text = "بدأت المناورات في 12 من مايو 2022 قرب الحدود"
    assert [d.start for d in find_dates(default_resources(), text)] == ["2022-05"]
    assert [d.start for d in find_dates(Resources.load(tmp_path), text)] == ["2022-05-12"]


def test_a_pattern_with_an_unknown_reader_is_refused(tmp_path):
    (tmp_path / "dates.yaml").write_text(
        "patterns:\n  - {name: odd, read: lunar, tokens: [{word: هلال}]}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="read 'lunar' is none of"):
        Resources.load(tmp_path)
