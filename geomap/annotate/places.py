"""Finding place names in Arabic text (the second stage).

Every name of the gazetteer, and every demonym, is searched at once with an
Aho-Corasick automaton over the folded text (:func:`geomap.text.arabic.normalize`).
A match counts when it starts a word, or follows proclitics written attached
to it (و، ف، ب، ل، ك، لل: ``لإيران``، ``وبيونغيانغ``، ``للولايات المتحدة``),
and ends a word. Names carry their own article (الخرطوم); only demonyms take
one (الإيرانية). Two more general rules catch the spellings the gazetteer
lacks:

- a *skeleton* key, in which the letters Arabic uses for a foreign "g"
  (غ ج ك ق) are one letter and spaces are dropped, so ``بيونغ يانغ``,
  ``بيونغيانغ`` and ``بيونجيانج`` are one name;
- a bounded fuzzy match (one edit on the skeleton) of long, rare words
  against the names of prominent places only (countries, capitals, cities of
  a million people, curated places), so a misspelling such as ``بيونجيونج``
  is found but no common word ever becomes a place.

Mentions keep the clitics as written: the span of ``لإيران`` is the whole
word. A mention takes in a facility word around it (``ميناء الحديدة``،
``قاعدة حميميم الجوية``), and a place name inside another name (``واشنطن
بوست``، ``ريال مدريد``) is dropped; those words are in
``geomap/data/gazetteer/facility_words.yaml``.
"""

from __future__ import annotations

import bisect
import operator
import re
from collections.abc import Callable
from dataclasses import dataclass

import ahocorasick
from rapidfuzz.distance import Levenshtein

from geomap.annotate.gazetteer import Gazetteer, _data_dir, prominence
from geomap.model import Place, PlaceMention, Span
from geomap.text.arabic import CLITIC_PREFIXES, NormalizedText, WordMemo, fold, normalize
from geomap.vocabulary import read_yaml

__all__ = [
    "find_places",
    "scan",
    "Match",
    "skeleton",
    "consonant_skeleton",
    "locative_words",
    "settlement_words",
    "facility_label",
    "follows_word",
    "word_frequency",
    "word_frequencies",
]

# letters written for a foreign "g" (and its neighbours) fold to one; spaces, hyphens and tatweel go
# (replaced one by one: str.translate reads a table entry for every letter of a text)
_SKELETON = (("غ", "ك"), ("ج", "ك"), ("ق", "ك"), (" ", ""), ("-", ""), ("ـ", ""))
_SKELETON_MIN = 5  # shorter skeleton keys are too ambiguous
_FUZZY_MIN = 7  # only words this long may be near misses
_FUZZY_MAX_ZIPF = 1.0  # ... and only words (nearly) unknown to the Arabic word list
_FUZZY_MIN_PROMINENCE = 6.0  # ... of places this prominent (a million people, capitals, countries)
_MIN_LETTERS = 3
_LONG_VOWELS = str.maketrans({"ا": None, "و": None, "ي": None})
_VOWEL_MIN_PROMINENCE = 5.0  # vowel-blind matches only for places of 100,000 people or more
_VOWEL_MIN_CONSONANTS = 4  # ... whose names keep four consonants or more
_VOWEL_MIN_LETTERS = 5
_VOWEL_MAX_ZIPF = 3.0  # rarer than common words: names in the news, not vocabulary
_MEDIUM_WORD = re.compile(rf"[^\W\d_]{{{_VOWEL_MIN_LETTERS},}}")
_CONJ_PREP = frozenset({"", "و", "ف", "ب", "ل", "وب", "ول", "فب", "فل"})
_GAPS = re.compile("[ \\-ـ]")  # dropped from skeletons
_LONG_WORD = re.compile(rf"[^\W\d_]{{{_FUZZY_MIN},}}")
_LL_PREFIXES = frozenset(p for p in CLITIC_PREFIXES if p.endswith("لل"))


def skeleton(key: str) -> str:
    """Reduce a folded name to its skeleton: one letter for غ ج ك ق, no spaces.

    Examples
    --------
    >>> skeleton("بيونغ يانغ") == skeleton("بيونجيانج")
    True

    """
    for letter, kept in _SKELETON:
        key = key.replace(letter, kept)
    return key


@dataclass(frozen=True)
class Match:
    """A name found in the text.

    ``span`` includes attached clitics; ``name`` is the folded gazetteer key
    (or demonym) it matched; ``kind`` is ``"place"`` or ``"demonym"``;
    ``actor`` is the ISO code of a demonym.
    """

    span: Span
    name: str
    kind: str
    candidates: tuple[Place, ...] = ()
    actor: str = ""
    score: float = 1.0
    name_span: Span | None = None  # the name without its clitics, facility words and adjective


class _Matcher:
    """The automata of one gazetteer."""

    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer
        exact: dict[str, list[tuple[str, str, bool]]] = {}
        skel: dict[str, list[str]] = {}

        def add(surface: str, target: str, kind: str) -> None:
            exact.setdefault(surface, []).append((target, kind, False))
            if surface.startswith("ال") and len(surface) > 4:
                # after the contracted preposition لل the article loses its alef
                exact.setdefault(surface[2:], []).append((target, kind, True))

        for key, ids in gazetteer.names.items():
            short = len(key.replace(" ", "")) < _MIN_LETTERS
            if short and not any(_major(gazetteer.places[i], gazetteer) for i in ids):
                continue  # two letters (ان، من) name only countries, capitals, curated and prominent places
            add(key, key, "place")
            sk = skeleton(key)
            if len(sk) >= _SKELETON_MIN and sk != key:
                skel.setdefault(sk, []).append(key)
        for key in gazetteer.demonyms:
            add(key, key, "demonym")
        self.exact = ahocorasick.Automaton()
        for surface, values in exact.items():
            self.exact.add_word(surface, (len(surface), tuple(values)))
        self.exact.make_automaton()
        self.skeleton = ahocorasick.Automaton()
        for sk, keys in skel.items():
            self.skeleton.add_word(sk, (len(sk), tuple(sorted(set(keys)))))
        if len(self.skeleton):
            self.skeleton.make_automaton()

        words = read_yaml(_data_dir() / "facility_words.yaml")
        self.heads = frozenset(fold(w) for w in words.get("heads", []))
        self.adjectives = frozenset(fold(w) for w in words.get("adjectives", []))
        self.not_after = frozenset(fold(w) for w in words.get("not_after", []))
        self.not_before = frozenset(fold(w) for w in words.get("not_before", []))
        self.locatives = frozenset(fold(w) for w in words.get("locatives", []))
        self.settlements = frozenset(fold(w) for w in words.get("settlements", []))
        self.within = frozenset(fold(w) for w in words.get("within", []))
        self.within_also = frozenset(fold(w) for w in words.get("within_also", []))
        self.facilities = {fold(w): str(label) for w, label in (words.get("facilities") or {}).items()}

        # near misses: skeletons of prominent single-word names, by their first two letters and length
        self.fuzzy: dict[tuple[str, int], list[tuple[str, str]]] = {}
        for key, ids in gazetteer.names.items():
            if " " in key or len(key) < _FUZZY_MIN - 1:
                continue
            if max(prominence(gazetteer.places[i], gazetteer) for i in ids) < _FUZZY_MIN_PROMINENCE:
                continue
            sk = skeleton(key)
            self.fuzzy.setdefault((sk[:2], len(sk)), []).append((sk, key))

        # spellings that differ only in long vowels (بريست / برست، روالبندي / راولبندي):
        # consonant skeletons of single-word names of large places, where unambiguous
        consonants: dict[str, tuple[set[str], set[str]]] = {}  # skeleton -> (place ids, names)
        for key, ids in gazetteer.names.items():
            if " " in key or max(prominence(gazetteer.places[i], gazetteer) for i in ids) < _VOWEL_MIN_PROMINENCE:
                continue
            cs = consonant_skeleton(key)
            if len(cs) >= _VOWEL_MIN_CONSONANTS:
                places, names = consonants.setdefault(cs, (set(), set()))
                places.update(ids)
                names.add(key)
        self.consonants = {cs: min(names) for cs, (places, names) in consonants.items() if len(places) == 1}
        self.frequencies = WordMemo(word_frequency)
        # what each word reads as, kept for the articles read with this gazetteer
        self.vowel_variants: WordMemo[str | None] = WordMemo(lambda word: self.consonants.get(consonant_skeleton(word)))
        self.near_misses: WordMemo[tuple[int, str] | None] = WordMemo(self._near_miss)

    def _near_miss(self, word: str) -> tuple[int, str] | None:
        """The prominent name ``word`` misspells with one edit (after a clitic), as (clitic length, name)."""
        if not word.isalpha():
            return None
        for n in range(0, 4):
            prefix, stem = word[:n], word[n:]
            if prefix not in CLITIC_PREFIXES or "ال" in prefix or len(stem) < _FUZZY_MIN:
                continue
            sk = skeleton(stem)
            best = None
            for size in (len(sk) - 1, len(sk), len(sk) + 1):
                for cand_sk, key in self.fuzzy.get((sk[:2], size), ()):
                    d = Levenshtein.distance(sk, cand_sk, score_cutoff=1)
                    if d <= 1 and (best is None or (d, key) < best):
                        best = (d, key)
            if best is not None:
                return n, best[1]
        return None


def consonant_skeleton(key: str) -> str:
    """The skeleton of a folded name without its long vowels after the first letter.

    Transliterations of foreign names differ most in their long vowels.

    Examples
    --------
    >>> consonant_skeleton("بريست") == consonant_skeleton("برست")
    True
    >>> consonant_skeleton("روالبندي") == consonant_skeleton("راولبندي")
    True

    """
    sk = skeleton(key)
    return sk[:1] + sk[1:].translate(_LONG_VOWELS)


def _major(place: Place, gazetteer: Gazetteer) -> bool:
    """Countries, capitals, curated places and towns listed as prominent: those short names may name."""
    return (
        place.kind == "country" or place.id.startswith("curated:") or gazetteer.is_capital(place)
        or place.id in gazetteer.prominent
    )


def _matcher(gazetteer: Gazetteer) -> _Matcher:
    if gazetteer._matcher is None:
        gazetteer._matcher = _Matcher(gazetteer)
    return gazetteer._matcher


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def _word_start(text: str, start: int) -> int | None:
    """The start of the word ``start`` is in, if what precedes it there is a clitic prefix."""
    j = start
    while j > 0 and _is_word(text[j - 1]) and start - j < 5:
        j -= 1
    if j > 0 and _is_word(text[j - 1]):
        return None
    return j


def word_frequency(word: str) -> float:
    """How common ``word`` is in Arabic, on wordfreq's Zipf scale (0 unknown, 7 the commonest)."""
    from wordfreq import zipf_frequency  # keeps the frequencies it has read

    return zipf_frequency(word, "ar")


def word_frequencies(gazetteer: Gazetteer) -> WordMemo[float]:
    """:func:`word_frequency`, each word looked up once for the articles read with ``gazetteer``.

    It is kept with the gazetteer's compiled names.
    """
    return _matcher(gazetteer).frequencies


def scan(text: str, gazetteer: Gazetteer, folded: NormalizedText | None = None) -> list[Match]:
    """Find every place name and demonym in ``text``, non-overlapping, in text order.

    Where matches overlap, the longest wins (كوريا الجنوبية over كوريا), and
    an exact match wins over a skeleton or fuzzy one. ``folded`` is
    ``normalize(text)``, when the caller has it.
    """
    return _scan(text, gazetteer, folded)


def _scan(text: str, gazetteer: Gazetteer, folded: NormalizedText | None = None) -> list[Match]:
    m = _matcher(gazetteer)
    norm = normalize(text) if folded is None else folded
    ft = norm.text
    n = len(ft)
    # (word start, name start, end, name, kind, score)
    found: list[tuple[int, int, int, str, str, float]] = []

    for end_idx, (length, values) in m.exact.iter(ft):
        end = end_idx + 1
        start = end - length
        if end < n and ft[end].isalnum():  # _is_word: the name ends inside a word
            continue
        ws = _word_start(ft, start) if start and ft[start - 1].isalnum() else start
        if ws is None:
            continue
        prefix = ft[ws:start]
        for target, kind, contracted in values:
            if contracted:
                if prefix not in _LL_PREFIXES:
                    continue
            elif prefix not in CLITIC_PREFIXES or ("ال" in prefix and (kind == "place" or target.startswith("ال"))):
                # names carry their own article (الخرطوم); only adjectives take one (الايرانيه)
                continue
            found.append((ws, start, end, target, kind, 1.0))

    if len(m.skeleton):
        # the j-th gap stands before skeleton letter gap - j: letter k is at k + the gaps up to it
        gaps = [gap.start() for gap in _GAPS.finditer(ft)]
        before = list(map(operator.sub, gaps, range(len(gaps))))
        sk_text = skeleton(ft)
        for end_idx, (length, keys) in m.skeleton.iter(sk_text):
            first = end_idx - length + 1
            start = first + bisect.bisect_right(before, first)
            end = end_idx + bisect.bisect_right(before, end_idx) + 1
            if end < n and _is_word(ft[end]):
                continue
            ws = _word_start(ft, start)
            if ws is None or ft[ws:start] not in CLITIC_PREFIXES or "ال" in ft[ws:start]:
                continue
            if _splits_off_a_short_word(ft, ws, end):
                continue  # بكين إن is not جينان, بالقول إن is not ب + الجولان
            for key in keys:
                found.append((ws, start, end, key, "place", 0.9))

    found = _country_or_adjective(ft, found, gazetteer)
    chosen = sorted(_choose(found))
    def written(i: int, j: int) -> str:
        o_start, o_end = norm.origin(i, j)
        return text[o_start:o_end]

    chosen.extend(_fuzzy(ft, [(f[0], f[2]) for f in chosen], m, written, m.frequencies))
    chosen.sort()

    matches = []
    for ws, start, end, name, kind, score, name_end in _facility_words(ft, chosen, m):
        o_ws, o_end = norm.origin(ws, end)
        o_start, o_name_end = norm.origin(start, name_end)
        span = Span(o_ws, o_end, text[o_ws:o_end])
        name_span = Span(o_start, o_name_end, text[o_start:o_name_end])
        if kind == "demonym":
            matches.append(Match(span, name, kind, actor=gazetteer.demonyms[name], score=score, name_span=name_span))
        else:
            matches.append(Match(span, name, kind, gazetteer.lookup(name), score=score, name_span=name_span))
    return matches


def _splits_off_a_short_word(ft: str, start: int, end: int) -> bool:
    """Whether a stretch read without its spaces has a word of fewer than three letters (إن، أن، في).

    A name whose parts are written apart (بيونغ يانغ) has parts of three
    letters or more; a short word is a particle next to another word.
    """
    parts = _GAPS.split(ft[start:end])
    return len(parts) > 1 and any(len(p) < _MIN_LETTERS for p in parts)


_PREV_WORD = re.compile(r"([^\W_]+)[ \u00a0]+$")
_NEXT_WORD = re.compile(r"[ \u00a0]+([^\W_]+)")


def _word_before(ft: str, end: int, low: int = 0) -> re.Match | None:
    """``_PREV_WORD.search(ft, low, end)``, read back from ``end`` only as far as the word it finds.

    Only the last word before ``end`` can match, so the search starts at
    that word (or at ``low``, when that cuts the word).
    """
    k = end
    if k and ft[k - 1] == "\n":  # "$" matches before a final line break too
        k -= 1
    while k and ft[k - 1] in " \u00a0":
        k -= 1
    while k and ft[k - 1].isalnum():  # [^\W_]
        k -= 1
    return _PREV_WORD.search(ft, max(k, low), end)


def _facility_words(
    ft: str, chosen: list[tuple[int, int, int, str, str, float]], m: _Matcher
) -> list[tuple[int, int, int, str, str, float, int]]:
    """Extend place mentions over a facility head word before and an adjective after (ميناء الحديدة).

    A place name that is part of another name (واشنطن بوست) is dropped. Each
    mention comes with the end of its name, before any adjective.
    """
    out = []
    skip_from = -1
    for k, (ws, start, end, name, kind, score) in enumerate(chosen):
        if ws < skip_from:
            continue
        if kind == "place":
            low = chosen[k - 1][2] if k else 0
            high = chosen[k + 1][0] if k + 1 < len(chosen) else len(ft)
            before = _word_before(ft, ws, max(low, ws - 40))
            after = _NEXT_WORD.match(ft, end)
            if after and after.group(1) in m.not_after:
                skip_from = after.end(1)  # واشنطن بوست: part of another name
                continue
            word_before = before if before is not None else _word_before(ft, ws, max(0, ws - 40))
            if word_before and _stem_in(word_before.group(1), m.not_before):
                continue  # ريال مدريد، من طراز فريم
            if before and _stem_in(before.group(1), m.heads):
                ws = before.start(1)
            if after and after.end(1) <= high and after.group(1) in m.adjectives:
                out.append((ws, start, after.end(1), name, kind, score, end))
                continue
        out.append((ws, start, end, name, kind, score, end))
    return out


def _stem_in(word: str, words: frozenset[str]) -> bool:
    """Tell whether ``word``, without a conjunction or preposition attached, is one of ``words``."""
    return any(word[n:] in words for n in (0, 1, 2) if word[:n] in _CONJ_PREP)


_PREPOSITION_ON_ARTICLE = ("لل", "بال", "كال")


def _country_or_adjective(
    ft: str, found: list[tuple[int, int, int, str, str, float]], gazetteer: Gazetteer
) -> list[tuple[int, int, int, str, str, float]]:
    """One reading where a country's name is also an adjective (السعودية).

    An adjective follows the definite noun it describes (الحكومة السعودية،
    وكالة الأنباء السعودية) and carries no preposition of its own; anywhere
    else (مع السعودية، السعودية تتسلم، الاعتراضية للسعودية) the word names
    the country.
    """
    countries = {
        (f[0], f[2]) for f in found
        if f[4] == "place" and any(p.kind == "country" for p in gazetteer.lookup(f[3]))
    }
    adjectives = {(f[0], f[2]) for f in found if f[4] == "demonym"} & countries
    if not adjectives:
        return found
    keep_adjective = set()
    for ws, end in adjectives:
        bare = ws + 1 if ft[ws] in "وف" else ws
        if ft.startswith(_PREPOSITION_ON_ARTICLE, bare):
            continue  # an adjective takes no preposition: "الاعتراضية للسعودية" is "to Saudi Arabia"
        previous = _word_before(ft, ws)
        word = previous.group(1) if previous else ""
        if any(word.startswith(p + "ال") or word.startswith(p + "لل") for p in ("", "و", "ف", "ب")):
            keep_adjective.add((ws, end))
    return [
        f for f in found
        if (f[0], f[2]) not in adjectives
        or (f[4] == "demonym") == ((f[0], f[2]) in keep_adjective)
    ]


def _choose(found: list[tuple[int, int, int, str, str, float]]) -> list[tuple[int, int, int, str, str, float]]:
    # longest first; then exact before skeleton; then demonym before place of
    # the same span (الليبي is an adjective, not a village); then the reading
    # with the shortest clitic prefix (لبنان is not ل + بنان); then text order
    order = sorted(found, key=lambda f: (-(f[2] - f[0]), -f[5], f[4] != "demonym", f[1], f[0], f[3]))
    starts: list[int] = []  # the spans taken, in text order, never overlapping
    ends: list[int] = []
    chosen = []
    for f in order:
        k = bisect.bisect_right(starts, f[0])
        if (k and ends[k - 1] > f[0]) or (k < len(starts) and starts[k] < f[2]):
            continue
        starts.insert(k, f[0])
        ends.insert(k, f[2])
        chosen.append(f)
    return chosen


def _fuzzy(
    ft: str, taken: list[tuple[int, int]], m: _Matcher, written: Callable[[int, int], str],
    frequency: Callable[[str], float],
) -> list[tuple[int, int, int, str, str, float]]:
    """Near misses among the words no name covers (``taken`` in text order).

    ``written(i, j)`` is the original text of ``ft[i:j]``: a word is weighed
    as written (الشائكة), since folding (الشايكه) makes it look rare.
    """
    out = []
    starts = [s for s, _ in taken]
    for word in _MEDIUM_WORD.finditer(ft):
        i, j = word.span()
        k = bisect.bisect_left(starts, j)
        if k and taken[k - 1][1] > i:
            continue  # overlaps a name found
        found = _near_miss(ft, i, j, m, written, frequency) if j - i >= _FUZZY_MIN else []
        out.extend(found or _vowel_variant(ft, i, j, m, written, frequency))
    return out


def _vowel_variant(
    ft: str, i: int, j: int, m: _Matcher, written: Callable[[int, int], str], frequency: Callable[[str], float]
) -> list[tuple[int, int, int, str, str, float]]:
    """A word that is a large place's name spelled with other long vowels."""
    word = ft[i:j]
    if word.startswith("ال"):
        return []
    key = m.vowel_variants(word)
    if key is None:
        return []
    # an uncertain spelling needs a word that places it (في، إلى، قرب، مدينة...) and must not be a common word
    previous = _word_before(ft, i, max(0, i - 40))
    common = max(frequency(word), frequency(written(i, j))) > _VOWEL_MAX_ZIPF
    if previous is None or previous.group(1) not in m.locatives or common:
        return []
    return [(i, i, j, key, "place", 0.75)]


def _near_miss(
    ft: str, i: int, j: int, m: _Matcher, written: Callable[[int, int], str], frequency: Callable[[str], float]
) -> list[tuple[int, int, int, str, str, float]]:
    word = ft[i:j]
    hit = m.near_misses(word)
    if hit is None or max(frequency(word), frequency(written(i, j))) > _FUZZY_MAX_ZIPF:
        return []  # a known word is no misspelling
    return [(i, i + hit[0], j, hit[1], "place", 0.8)]


def locative_words(gazetteer: Gazetteer) -> frozenset[str]:
    """The folded words that place the name after them (في، إلى، قرب، مدينة...)."""
    return _matcher(gazetteer).locatives


def within_words(gazetteer: Gazetteer) -> tuple[frozenset[str], frozenset[str]]:
    """The words between a town and the larger place that holds it, and those that may stand beside them.

    Folded: بريف، محافظة، شمال ... hold; في، قرب may join them.
    """
    m = _matcher(gazetteer)
    return m.within, m.within_also


def settlement_words(gazetteer: Gazetteer) -> frozenset[str]:
    """The folded words that say the name after them is a town or district (مدينة، بلدة، محافظة...)."""
    return _matcher(gazetteer).settlements


def facility_label(gazetteer: Gazetteer, word: str) -> str:
    """The English word for a facility head word (ميناء -> port), with و، ف، ب، ل allowed; ``""`` if none."""
    facilities = _matcher(gazetteer).facilities
    key = fold(word)
    return next((facilities[key[n:]] for n in (0, 1, 2) if key[:n] in _CONJ_PREP and key[n:] in facilities), "")


def follows_word(text: str, start: int, words: frozenset[str]) -> bool:
    """Tell whether the word before ``start`` is one of ``words`` (folded), with و، ف، ب، ل attached or not."""
    previous = _word_before(text, start, max(0, start - 40))
    return previous is not None and _stem_in(fold(previous.group(1)), words)


def find_places(text: str, gazetteer: Gazetteer) -> list[PlaceMention]:
    """Find every stretch of ``text`` that may name a place in ``gazetteer``, in text order.

    Examples
    --------
    >>> from geomap.annotate.gazetteer import default_gazetteer
    >>> [m.span.text for m in find_places("زار لافروف بيونغ يانغ ثم عاد لموسكو", default_gazetteer())]
    ['بيونغ يانغ', 'لموسكو']

    """
    return place_mentions(scan(text, gazetteer))


def place_mentions(matches: list[Match]) -> list[PlaceMention]:
    """The place names among the matches of :func:`scan` (not the demonyms), in text order."""
    return [PlaceMention(x.span, x.candidates, x.score) for x in matches if x.kind == "place"]
