"""Arabic text handling: folding letters for lookup, tokens and clitics.

Folding makes the many spellings of one name compare equal: diacritics
(tashkeel) and tatweel are removed, the forms of alef and hamza are unified,
alef maqsura becomes yeh, ta marbuta becomes heh, Persian and Urdu letters
become their Arabic look-alikes and Eastern Arabic digits become ASCII.
:func:`normalize` keeps a map from the folded text back to the original, so
every span found in the folded text can be cut exactly out of the article.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple, TypeVar

from pyarabic import araby

__all__ = [
    "NormalizedText",
    "Token",
    "CLITIC_PREFIXES",
    "fold",
    "light_fold",
    "normalize",
    "tokens",
    "token_spans",
    "strip_clitics",
    "is_arabic",
    "dual_forms",
    "future_forms",
    "WordMemo",
]

# Letters folded to one form (a character maps to one character).
_LETTERS = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ؤ": "و",
    "ئ": "ي", "ى": "ي", "ی": "ي", "ې": "ي", "ۍ": "ي", "ے": "ي", "ێ": "ي",
    "ة": "ه", "ۀ": "ه", "ہ": "ه", "ھ": "ه", "ە": "ه", "ۃ": "ه",
    "ک": "ك", "ڪ": "ك", "ګ": "ك", "گ": "ك", "ڭ": "ك",
    "پ": "ب", "چ": "ج", "ژ": "ز", "ڤ": "ف", "ڥ": "ف", "ڨ": "ق",
    "ٹ": "ت", "ڈ": "د", "ڑ": "ر", "ں": "ن",
    "\u00a0": " ",
}
# Eastern Arabic and Persian digits.
_LETTERS.update({chr(0x0660 + i): str(i) for i in range(10)})
_LETTERS.update({chr(0x06F0 + i): str(i) for i in range(10)})

# Characters removed by folding: tashkeel and Quranic marks, tatweel, and
# invisible format characters (joiners, direction marks).
_REMOVED = set(araby.TASHKEEL) | {
    araby.TATWEEL, araby.SHADDA, araby.MINI_ALEF, "\u0653", "\u0654", "\u0655",
    "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u061c", "\ufeff",
}
_REMOVED |= {chr(c) for c in range(0x0610, 0x061B)} | {chr(c) for c in range(0x06D6, 0x06EE)}
_REMOVED |= {chr(c) for c in range(0x064B, 0x0660)}
_REMOVED = {c for c in _REMOVED if c not in "0123456789"}

_TABLE: dict[int, str | None] = {ord(k): v for k, v in _LETTERS.items()}
_TABLE.update({ord(c): None for c in _REMOVED})

_REMOVED_RE = re.compile("[" + "".join(sorted(re.escape(c) for c in _REMOVED)) + "]")
# Presentation forms (ligatures, contextual forms) unfold to one or more letters.
_PRESENTATION_RE = re.compile("[\ufb50-\ufdff\ufe70-\ufefe]")
_TOKEN_RE = re.compile(r"[^\W_]+")
_ARABIC_RE = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefe]")


def _fold_char(ch: str) -> str:
    mapped = _TABLE.get(ord(ch), ch)
    if mapped is None:
        return ""
    if _PRESENTATION_RE.match(mapped):
        return "".join(_fold_char(c) for c in unicodedata.normalize("NFKC", mapped))
    return mapped.lower() if len(mapped.lower()) == 1 else mapped


def fold(s: str) -> str:
    """Fold ``s`` for lookup.

    Examples
    --------
    >>> fold("إِيرانَ") == fold("ايران")
    True
    >>> fold("كوريّة") == "كوريه"
    True
    >>> fold("٢٠٢٣")
    '2023'

    """
    if _PRESENTATION_RE.search(s):
        return _normalize_slow(s).text
    return _lower(s.translate(_TABLE))  # normalize(s).text, without the map back


_HAMZA_ALEFS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا"})


def light_fold(s: str) -> str:
    """Fold ``s`` less than :func:`fold`, keeping ى and ة.

    Diacritics, tatweel and hamza seats on alef go; ى and ة stay, so that
    words they tell apart (على "on", علي "Ali") stay apart.

    Examples
    --------
    >>> light_fold("على") == light_fold("علي")
    False
    >>> light_fold("أحمَد") == light_fold("احمد")
    True

    """
    return _REMOVED_RE.sub("", s).translate(_HAMZA_ALEFS)


_PLURAL_ENDINGS = ("ات", "ون", "ين", "ان", "ا", "ى", "ي", "ة")


def dual_forms(phrase: str, masculine: bool = False) -> list[str]:
    """The dual spellings of a singular noun phrase (two of the thing).

    Each word ending in ة takes تين and تان (فرقاطة حربية: فرقاطتين حربيتين),
    and a first word that is the only such word also تي, before the noun it
    is of (سفينتي ميسترال، طائرتي إنذار مبكر); with ``masculine``, a single word with no ending of a plural
    takes ين and ان (صاروخ: صاروخين). Nothing is returned for a phrase with no
    such word, and a plural that ends in ة (أسلحة) gives spellings no text
    uses.

    Examples
    --------
    >>> dual_forms("طائرة مسيرة")
    ['طائرتين مسيرتين', 'طائرتان مسيرتان']
    >>> dual_forms("فرقاطة")
    ['فرقاطتين', 'فرقاطتان', 'فرقاطتي']
    >>> dual_forms("زورق", masculine=True)
    ['زورقين', 'زورقان']
    >>> dual_forms("دبابات")
    []

    """
    words = phrase.split()
    if any(w.endswith("ة") for w in words):
        # a noun with no adjective after it may stand before another (طائرتي إنذار)
        construct = not any(w.endswith("ة") for w in words[1:])
        ends = ("ين", "ان", "ي") if construct else ("ين", "ان")
        return [" ".join(w[:-1] + "ت" + end if w.endswith("ة") else w for w in words) for end in ends]
    if masculine and len(words) == 1 and len(phrase) > 2 and not phrase.endswith(_PLURAL_ENDINGS):
        return [phrase + "ين", phrase + "ان"]
    return []


def future_forms(phrase: str) -> list[str]:
    """The future tense of a phrase that opens with a verb in the present (يرسل: سيرسل).

    A first word beginning with ي or ت takes س; a noun that begins with ت
    (تسليم) gives a spelling no text uses.

    Examples
    --------
    >>> future_forms("تحصل على")
    ['ستحصل على']
    >>> future_forms("أرسل")
    []

    """
    return ["س" + phrase] if phrase.startswith(("ي", "ت")) else []


def is_arabic(s: str) -> bool:
    """Tell whether ``s`` contains any Arabic-script letter."""
    return bool(_ARABIC_RE.search(s))


@dataclass(frozen=True)
class NormalizedText:
    """A folded text and the way back to the original.

    ``starts[i]`` is the original offset of the character that became folded
    character ``i``; ``starts`` is ``None`` when folding changed no offset
    (the common case of a text without diacritics).
    """

    original: str
    text: str
    starts: tuple[int, ...] | list[int] | None = None

    def origin(self, start: int, end: int) -> tuple[int, int]:
        """Return the span of the original text that became ``text[start:end]``.

        Diacritics written after the last letter belong to the span.

        Examples
        --------
        >>> n = normalize("في غزّةَ اليوم")
        >>> s, e = n.origin(*re.search("غزه", n.text).span())
        >>> n.original[s:e]
        'غزّةَ'

        """
        if self.starts is None:
            return start, end
        if end <= start:
            pos = self.starts[start] if start < len(self.starts) else len(self.original)
            return pos, pos
        o_start = self.starts[start]
        o_end = self.starts[end - 1] + 1
        original = self.original
        while o_end < len(original) and original[o_end] in _MARKS:
            o_end += 1
        return o_start, o_end


# removed marks that belong to the letter before them (not the invisible format characters)
_MARKS = frozenset(c for c in _REMOVED if c not in "\u200b\u200c\u200d\u200e\u200f\u061c\ufeff")


def normalize(text: str) -> NormalizedText:
    """Fold ``text`` (see :func:`fold`), keeping a map back to ``text``."""
    if _PRESENTATION_RE.search(text):
        return _normalize_slow(text)
    folded = _lower(text.translate(_TABLE))
    if len(folded) == len(text):
        return NormalizedText(text, folded)
    # characters were removed: the kept ones are the runs between them
    starts: list[int] = []
    pos = 0
    for match in _REMOVED_RE.finditer(text):
        starts.extend(range(pos, match.start()))
        pos = match.end()
    starts.extend(range(pos, len(text)))
    return NormalizedText(text, folded, starts)


def _normalize_slow(text: str) -> NormalizedText:
    out: list[str] = []
    starts: list[int] = []
    for i, ch in enumerate(text):
        for c in _fold_char(ch):
            out.append(c)
            starts.append(i)
    return NormalizedText(text, "".join(out), starts)


def _lower(s: str) -> str:
    # lower() keeps the length for every character but a few (İ); keep offsets exact
    low = s.lower()
    return low if len(low) == len(s) else "".join(c.lower() if len(c.lower()) == 1 else c for c in s)


class Token(NamedTuple):
    """A word of the original text: ``text`` is as written, ``norm`` folded."""

    start: int
    end: int
    text: str
    norm: str


def tokens(text: str) -> list[Token]:
    """Split ``text`` into words (runs of letters and digits), offsets into ``text``.

    Examples
    --------
    >>> [(t.text, t.norm) for t in tokens("وصلَ إلى طهران.")]
    [('وصلَ', 'وصل'), ('إلى', 'الي'), ('طهران', 'طهران')]

    """
    return [Token(start, end, text[start:end], folded) for start, end, folded in token_spans(text)]


def token_spans(text: str, folded: NormalizedText | None = None) -> list[tuple[int, int, str]]:
    """The words of ``text`` as (start, end, folded word): :func:`tokens` without the objects.

    ``folded`` is ``normalize(text)``, when the caller has it.

    Examples
    --------
    >>> token_spans("وصلَ إلى")
    [(0, 4, 'وصل'), (5, 8, 'الي')]

    """
    norm = normalize(text) if folded is None else folded
    if norm.starts is None:  # folding kept every offset
        return [(*match.span(), match.group()) for match in _TOKEN_RE.finditer(norm.text)]
    starts, size = norm.starts, len(text)
    spans = []
    for match in _TOKEN_RE.finditer(norm.text):  # NormalizedText.origin, word by word
        start, end = match.span()
        o_end = starts[end - 1] + 1
        while o_end < size and text[o_end] in _MARKS:
            o_end += 1
        spans.append((starts[start], o_end, match.group()))
    return spans


# Proclitics that may be written attached to a name, as folded strings: a
# conjunction (و، ف) then a preposition (ب، ل، ك) then the article (ال); the
# preposition ل with the article is written لل.
_CONJ = ("", "و", "ف")
_PREP = ("", "ب", "ل", "ك")
_ART = ("", "ال")
CLITIC_PREFIXES: frozenset[str] = frozenset(
    {c + p + a for c in _CONJ for p in _PREP for a in _ART if not (p == "ل" and a)}
    | {c + "لل" for c in _CONJ}
)
_CLITIC_FIRSTS = frozenset(p[0] for p in CLITIC_PREFIXES if p)
# the beginnings of the prefixes: a word whose first n letters are none of them has no longer prefix
_CLITIC_STARTS = frozenset(p[:n] for p in CLITIC_PREFIXES for n in range(1, len(p) + 1))


def strip_clitics(word_norm: str, min_stem: int = 2) -> list[tuple[int, str]]:
    """Read a folded word as (prefix length, stem) pairs, shortest prefix first.

    The word as it stands is always the first reading. A stem keeps the
    article when the word has one, and is also given without it; after the
    contracted ``لل`` the article is restored (``للولايات`` -> ``الولايات``).

    Examples
    --------
    >>> strip_clitics(fold("لإيران"))
    [(0, 'لايران'), (1, 'ايران')]
    >>> strip_clitics("والولايات")
    [(0, 'والولايات'), (1, 'الولايات'), (3, 'ولايات')]
    >>> strip_clitics("للولايات")
    [(0, 'للولايات'), (1, 'لولايات'), (1, 'الولايات'), (2, 'ولايات')]

    """
    readings: list[tuple[int, str]] = [(0, word_norm)]
    if word_norm[:1] not in _CLITIC_FIRSTS:
        return readings
    # in order of prefix length: a reading restored after لل has the length of the one before it
    for n in range(1, min(len(word_norm) - min_stem, 5) + 1):
        prefix = word_norm[:n]
        if prefix not in CLITIC_PREFIXES:
            if prefix not in _CLITIC_STARTS:
                break
            continue
        stem = word_norm[n:]
        if prefix.endswith("لل"):
            readings.append((n - 1, "ال" + stem))
        readings.append((n, stem))
    return readings


T = TypeVar("T")


class WordMemo(dict[str, T]):
    """A function of a word, computed once for each word (up to ``size`` words, then anew).

    Kept with the resources (:class:`geomap.resources.Resources`), it serves
    every article read with them; nothing is kept at module level. It is the
    dict of the words read so far: calling it looks the word up there (in
    C, as ``dict.__getitem__``), and computes it only when missing.

    Parameters
    ----------
    function
        A pure function of a word.
    size
        How many words are kept; when full, it starts again empty.

    Examples
    --------
    >>> lengths = WordMemo(len, size=2)
    >>> lengths("ايران"), lengths("ايران"), len(lengths)
    (5, 5, 1)
    """

    def __init__(self, function: Callable[[str], T], size: int = 100_000) -> None:
        super().__init__()
        self._function = function
        self._size = size

    def __missing__(self, word: str) -> T:
        """``function(word)``, kept for the next call."""
        if len(self) >= self._size:
            self.clear()
        found = self[word] = self._function(word)
        return found

    __call__ = dict.__getitem__  # ``function(word)``
