"""The document of one article: its words with their readings, its sentences, and phrase lists matched on them.

:class:`ArticleText` is built once per article (:func:`geomap.pipeline.extract_article`)
and handed to every stage that reads the text: places, actors and stance, events
and flows take their words, sentences, tokens and dates from it rather than
splitting the text again. :class:`Phrases` matches the word lists of the
vocabulary on those words.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from itertools import chain
from operator import attrgetter
from typing import TYPE_CHECKING, NamedTuple

from geomap.annotate.dates import DateMention, find_dates
from geomap.model import Span
from geomap.text.arabic import NormalizedText, Token, WordMemo, normalize, strip_clitics, token_spans, tokens
from geomap.text.arabic import fold as _fold
from geomap.text.patterns import WordList, settle
from geomap.text.sentences import split_sentences

_WORD_RE = re.compile(r"[^\W_]+")  # a word, as :func:`geomap.text.arabic.tokens` reads them

if TYPE_CHECKING:
    from geomap.resources import Resources

__all__ = ["PRONOUN_SUFFIXES", "ArticleText", "Phrases", "Word", "article_words", "reads_as", "word_readings"]



class Word(NamedTuple):
    """A word of an article: offsets into the article, folded form and its readings."""

    start: int
    end: int
    text: str
    norm: str
    stems: frozenset[str]
    keys: tuple[str, ...]  # the folded form, then the readings in a stable order


def reads_as(word: Word, vocabulary: frozenset[str]) -> bool:
    """Whether ``word`` as written, or one of its readings without clitics, is in ``vocabulary``."""
    return not vocabulary.isdisjoint(word.keys)


PRONOUN_SUFFIXES = ("هما", "ها", "هم")  # attached pronouns, the longest first


def _readings(norm: str) -> frozenset[str]:
    stems = {stem for _, stem in strip_clitics(norm)}
    for stem in [stem for stem in stems if stem.endswith(PRONOUN_SUFFIXES)]:
        for suffix in PRONOUN_SUFFIXES:
            if stem.endswith(suffix) and len(stem) - len(suffix) >= 3:
                bare = stem[: -len(suffix)]
                stems.add(bare)
                if bare.endswith("ت") and len(bare) >= 4:
                    stems.add(bare[:-1] + "ه")  # "أسلحتها": the ة of "أسلحة" is written ت before a pronoun
    return frozenset(stems)


def word_readings(norm: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """The readings of a folded word without its clitics, and the keys of its :class:`Word`: ``norm`` then them.

    Examples
    --------
    >>> word_readings("والولايات")[1]
    ('والولايات', 'الولايات', 'ولايات')
    >>> "اسلحه" in word_readings("اسلحتها")[0]  # a word ending in ة, with a pronoun
    True
    """
    stems = _readings(norm)
    return stems, (norm, *sorted(stems - {norm}))


def article_words(text: str, folded: NormalizedText | None = None,
                  readings: WordMemo[tuple[frozenset[str], tuple[str, ...]]] | None = None) -> tuple[Word, ...]:
    """The words of ``text`` with their folded readings.

    ``folded`` is ``normalize(text)``, if known; ``readings`` is
    :func:`word_readings` with the words read before (``Resources.readings``);
    by default each distinct word is read once here.
    """
    read = WordMemo(word_readings) if readings is None else readings
    return tuple([Word(start, end, text[start:end], norm, *read(norm))
                  for start, end, norm in token_spans(text, folded)])


class ArticleText:
    """The words and sentences of one article's text, found once and handed to every stage that reads them.

    Parameters
    ----------
    text
        The article's text.
    readings
        The readings of the words read before (``Resources.readings``); by
        default the article's words are read anew.
    """

    def __init__(self, text: str, readings: WordMemo[tuple[frozenset[str], tuple[str, ...]]] | None = None) -> None:
        self.text = text
        self.folded = normalize(text)
        self.words = article_words(text, self.folded, readings)
        self.starts = tuple(w.start for w in self.words)
        self.ends = tuple(w.end for w in self.words)
        self.sentences = tuple(split_sentences(text))
        # lowering a capital sigma depends on the letters around it, so a stretch may fold otherwise alone
        self._folds_alike = "\u03a3" not in text
        self._tokens: dict[tuple[int, int], list[Token]] = {}
        self._dates: dict[tuple[int, int, str | None], list[DateMention]] = {}
        self._folded_spans: list[tuple[int, int]] | None = None

    def tokens_in(self, span: Span) -> list[Token]:
        """``tokens(span.text)``: the words of ``span``, offsets into ``span``, found once.

        They are the article's words that lie inside ``span``, unless a word
        runs over its edge (a stretch cut inside a word).
        """
        key = (span.start, span.end)
        found = self._tokens.get(key)
        if found is None:
            found = self._tokens[key] = self._cut_tokens(span)
        return found

    def _cut_tokens(self, span: Span) -> list[Token]:
        words = self._whole_words(span)
        if words is None:
            return tokens(span.text)
        at = span.start
        return [Token(w.start - at, w.end - at, w.text, w.norm) for w in words]

    def _whole_words(self, span: Span) -> tuple[Word, ...] | None:
        """The words that make up ``span``'s tokens, or ``None`` when ``span`` cuts a word or folds otherwise."""
        first, last = bisect_left(self.ends, span.start + 1), bisect_left(self.starts, span.end)
        words = self.words[first:last]
        if not self._folds_alike or (words and (words[0].start < span.start or words[-1].end > span.end)):
            return None
        return words

    def folded_words(self, span: Span) -> tuple[list[tuple[int, int]], int, int] | None:
        """Where the words of ``span`` stand in the folded text, and where ``span`` does.

        Returns
        -------
        tuple or None
            The (start, end) of each word in ``self.folded.text``, and the
            start and end of ``span`` there; ``None`` when ``span`` cuts a word
            or folds otherwise alone.
        """
        if span.start <= 0 and span.end >= len(self.text):
            first, last = 0, len(self.words)
        else:
            first, last = bisect_left(self.ends, span.start + 1), bisect_left(self.starts, span.end)
            words = self.words[first:last]
            if not self._folds_alike or (words and (words[0].start < span.start or words[-1].end > span.end)):
                return None
        if self._folded_spans is None:
            # the words of the article are the runs of letters of its folded text (see ``article_words``)
            self._folded_spans = [m.span() for m in _WORD_RE.finditer(self.folded.text)]
        starts = self.folded.starts
        if starts is None:
            lo, hi = span.start, span.end
        else:
            lo, hi = bisect_left(starts, span.start), bisect_left(starts, span.end)
        return self._folded_spans[first:last], lo, hi

    def norms_in(self, span: Span) -> list[str]:
        """The folded words of ``span``: the ``norm`` of each of :meth:`tokens_in`, without making the tokens."""
        words = self._whole_words(span)
        if words is None:
            return [t.norm for t in self.tokens_in(span)]
        return [w.norm for w in words]

    def dates_in(self, res: Resources, span: Span, published: str | None) -> list[DateMention]:
        """``find_dates(res, text, span, published)``, found once for each span.

        ``res`` must be the same for every call on one article's text.
        """
        key = (span.start, span.end, published)
        found = self._dates.get(key)
        if found is None:
            found = self._dates[key] = find_dates(res, self.text, span, published, self)
        return found

    def folded_in(self, span: Span) -> str:
        """``fold(span.text)``, cut from the article's folded text."""
        if not self._folds_alike:
            return _fold(span.text)
        starts = self.folded.starts
        if starts is None:  # folding kept every offset
            return self.folded.text[span.start:span.end]
        return self.folded.text[bisect_left(starts, span.start):bisect_left(starts, span.end)]

    def words_in(self, span: Span) -> tuple[Word, ...]:
        """The words that lie inside ``span``."""
        # words never overlap: only the last one starting inside may run over the end
        inside = self.words[bisect_left(self.starts, span.start):bisect_left(self.starts, span.end)]
        return inside[:-1] if inside and inside[-1].end > span.end else inside

    def next_sentence(self, sentence: Span) -> Span | None:
        """The sentence after ``sentence``, if any."""
        k = bisect_left(self.sentences, sentence.end, key=lambda span: span.start)
        return self.sentences[k] if k < len(self.sentences) else None


_KEYS = attrgetter("keys")


class Phrases(WordList):
    """A list of words and phrases, matched word by word on an article's words.

    The one-spec pattern of the pattern engine (:mod:`geomap.text.patterns`):
    a :class:`~geomap.text.patterns.WordList` whose first word may carry
    clitics (وقالت، لواشنطن); the following words match as written or with
    clitics stripped. Overlapping matches are settled by
    :func:`~geomap.text.patterns.settle`, the leftmost longest first.
    """

    def match_at(self, words: Sequence[Word], i: int) -> tuple[int, object] | None:
        """The longest phrase starting at word ``i``: (number of words, value)."""
        word = words[i]
        keys = word.keys
        if self._firsts.isdisjoint(keys):
            return None
        room = len(words) - i
        for key in keys:
            for parts, value in self._by_first.get(key, ()):
                size = len(parts)
                if size == 1:
                    return 1, value
                if size > room:
                    continue
                if all(parts[k] == words[i + k].norm or parts[k] in words[i + k].stems for k in range(1, size)):
                    return size, value
        return None

    def find(self, words: Sequence[Word]) -> list[tuple[int, int, object]]:
        """Every match as (first word, end word, value), longest first at each word, not overlapping."""
        firsts = self._firsts
        if firsts.isdisjoint(chain.from_iterable(map(_KEYS, words))):
            return []  # no word begins a phrase (most sentences, for most lists)
        # only a word some phrase begins with can begin a match
        found = []
        for i, word in enumerate(words):
            if not firsts.isdisjoint(word.keys):
                hit = self.match_at(words, i)
                if hit:
                    found.append((i, i + hit[0], hit[1]))
        return settle(found, _word_span) if len(found) > 1 else found


def _word_span(match: tuple[int, int, object]) -> tuple[int, int]:
    return match[0], match[1]
