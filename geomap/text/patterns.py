"""The one pattern engine: word lists and token patterns matched word by word, and how overlapping matches are settled.

A :class:`WordList` is a list of words and phrases looked up by their first
word; :class:`geomap.text.document.Phrases` is a word list matched on an
article's words with their readings. A :class:`Matcher` runs token patterns
(in the manner of spaCy's ``Matcher``) over the :class:`Pieces` of a text:
its words and, between them, its marks (``/``, ``(``, ``،``...). A pattern is
a sequence of token specs, each a mapping:

``word``
    A literal word or phrase, or a list of them.
``list``
    The name of a word list (or a list of names) given to :func:`compile_patterns`.
``shape``
    The name of a shape: a regular expression the whole word must match
    (``day``: one or two digits; ``year``: 19xx or 20xx). The slot holds
    what its first group caught, or the word.
``mark``
    The punctuation marks one of which stands there (``"/\\("``).
``any``
    Alternatives, each a sequence of specs, tried in order.
``use``
    The name of a fragment: a sequence of specs defined once and used in
    several patterns. Its ``label``, if any, is added to the names of the
    fragment's slots (``month`` becomes ``month2``).
``not_next``
    A sequence of specs that must not follow at this point (a lookahead);
    ``not_prev``: a spec the piece just before must not match, when nothing
    but letters stand between (a lookbehind).

and the options ``op`` (``?`` optional, ``*`` any number, ``+`` one or more;
greedy: the longer reading is tried first), ``label`` (the slot the matched
word, phrase, shape or mark is kept in), ``tight`` (no space before this
piece), ``joined`` (a one-word literal that may be written attached to the
next word, as و is) and ``prefix`` (the last word may be only the beginning
of the text's word). Two words that follow each other in a pattern stand
next to each other in the text, with only spaces between; marks between
them must be spelled out.

Matching follows the rules of a backtracking regular expression: each
pattern is tried at each word from the left, the first reading in the order
of preference wins, and the next match of the same pattern starts after the
end of the last. :func:`settle` chooses among the matches of all patterns.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import partial
from typing import Any, NamedTuple, TypeVar

from geomap.text.arabic import WordMemo, fold

__all__ = ["Match", "Matcher", "Pieces", "WordList", "compile_patterns", "settle"]

T = TypeVar("T")


def settle(found: Iterable[T], span: Callable[[T], tuple[int, int]],
           accept: Callable[[T], Any] | None = None) -> list[Any]:
    """The matches of ``found`` that do not overlap, taken in the order given.

    A match overlapping one already taken is passed over; so is one that
    ``accept`` turns down (returns ``None`` for). Order ``found`` by
    preference: by start then length for the leftmost longest matches, by
    length for the longest anywhere.

    Parameters
    ----------
    found
        The candidate matches, in order of preference.
    span
        The (start, end) of a match, end excluded.
    accept
        What a match stands for, or ``None`` when it stands for nothing; the
        match itself by default.

    Returns
    -------
    list
        What ``accept`` gave for each match taken, in the order taken.
    """
    taken: list[tuple[int, int]] = []
    results = []
    for match in found:
        start, end = span(match)
        if any(start < e and s < end for s, e in taken):
            continue
        value = match if accept is None else accept(match)
        if value is None:
            continue
        taken.append((start, end))
        results.append(value)
    return results


class WordList:
    """Words and phrases (folded), each with a value, looked up by their first word.

    Parameters
    ----------
    phrases
        The words and phrases; each is folded and split into words.
    values
        The value of each phrase; by default the folded phrase.
    """

    def __init__(self, phrases: Iterable[str], values: Iterable[object] | None = None):
        self._by_first: dict[str, list[tuple[tuple[str, ...], object]]] = {}
        values = list(values) if values is not None else None
        for n, phrase in enumerate(phrases):
            parts = tuple(fold(str(phrase)).split())
            if not parts:
                continue
            value = values[n] if values is not None else " ".join(parts)
            self._by_first.setdefault(parts[0], []).append((parts, value))
        for entries in self._by_first.values():
            entries.sort(key=lambda e: -len(e[0]))
        self._firsts = frozenset(self._by_first)

    @property
    def firsts(self) -> frozenset[str]:
        """The folded words the phrases begin with."""
        return self._firsts

    def starting(self, word: str) -> list[tuple[tuple[str, ...], object]]:
        """The phrases beginning with ``word`` as (words, value), the longest first."""
        return self._by_first.get(word, [])

    def entries(self) -> Iterable[tuple[tuple[str, ...], object]]:
        """Every phrase as (words, value)."""
        for entries in self._by_first.values():
            yield from entries


# ---------------------------------------------------------------------------
# The text as patterns see it.


class Pieces:
    """The words and marks of a stretch of folded text, in order.

    Attributes
    ----------
    text : list of str
        Each piece: a folded word, or one punctuation mark.
    word : list of bool
        Whether each piece is a word.
    starts, ends : list of int
        Where each piece stands in the folded text.
    spaced : list of bool
        Whether a space stands right before each piece.
    """

    __slots__ = ("text", "word", "starts", "ends", "spaced")

    def __init__(self, folded: str, words: Iterable[tuple[int, int]], lo: int = 0, hi: int | None = None) -> None:
        hi = len(folded) if hi is None else hi
        text: list[str] = []
        word: list[bool] = []
        starts: list[int] = []
        ends: list[int] = []
        spaced: list[bool] = []
        at = lo
        for start, end in [*words, (hi, hi)]:
            if at < start:
                gap = folded[at:start]
                if gap != " " and not gap.isspace():
                    for n, char in enumerate(gap):
                        if not char.isspace():
                            here = at + n
                            text.append(char)
                            word.append(False)
                            starts.append(here)
                            ends.append(here + 1)
                            spaced.append(here > 0 and folded[here - 1].isspace())
            if start < end:
                text.append(folded[start:end])
                word.append(True)
                starts.append(start)
                ends.append(end)
                spaced.append(start > lo and folded[start - 1].isspace())
            at = end
        self.text, self.word, self.starts, self.ends, self.spaced = text, word, starts, ends, spaced

    def __len__(self) -> int:
        return len(self.text)


class Match(NamedTuple):
    """A match of a pattern: where it stands in the folded text, the pattern's rank and name, and its slots."""

    start: int
    end: int
    rank: int
    name: str
    slots: dict[str, str]


# ---------------------------------------------------------------------------
# Compiled token specs. Each node matches at a position (piece, offset into a
# word) and calls the continuation ``k`` with the positions after it, in
# order of preference; the first result that is not None is the match.

_Cont = Callable[[int, int], Any]


class _Node:
    # what a match may begin with: these words, a word of these shapes, or (``anything``) any word
    firsts: frozenset[str] = frozenset()
    shapes: tuple[re.Pattern, ...] = ()
    anything = False
    nullable = False

    def match(self, v: Pieces, p: int, off: int, slots: dict[str, str], k: _Cont) -> Any:
        raise NotImplementedError

    def need(self) -> list[frozenset[object]] | None:
        """What a match of this spec holds (see :func:`_needs`); by default nothing told."""
        if self.anything or self.nullable or (not self.firsts and not self.shapes):
            return None
        return [frozenset(self.firsts) | frozenset(self.shapes)]


def _put(slots: dict[str, str], label: str | None, value: str, k: _Cont, p: int, off: int) -> Any:
    if label is None:
        return k(p, off)
    old = slots.get(label)
    slots[label] = value
    found = k(p, off)
    if found is None:
        if old is None:
            del slots[label]
        else:
            slots[label] = old
    return found


class _Words(_Node):
    def __init__(self, words: WordList, label: str | None, tight: bool, joined: bool, prefix: bool) -> None:
        self.words, self.label, self.tight, self.joined, self.prefix = words, label, tight, joined, prefix
        self._starting = words.starting
        self.firsts = words.firsts
        self.anything = prefix or joined

    def match(self, v: Pieces, p: int, off: int, slots: dict[str, str], k: _Cont) -> Any:
        if p >= len(v.text) or not v.word[p] or (self.tight and not off and v.spaced[p]):
            return None
        text = v.text[p][off:] if off else v.text[p]
        if self.joined:
            for parts, value in self.words.entries():
                first = parts[0]
                if text == first:
                    found = _put(slots, self.label, str(value), k, p + 1, 0)
                elif text.startswith(first):
                    found = _put(slots, self.label, str(value), k, p, off + len(first))
                else:
                    continue
                if found is not None:
                    return found
            return None
        candidates = self._prefixed(text) if self.prefix else self._starting(text)
        size = len(v.text)
        for parts, value in candidates:
            n = len(parts)
            if n > 1:
                if p + n > size or not all(v.word[p + j] and self._same(parts, j, v.text[p + j]) for j in range(1, n)):
                    continue
            found = _put(slots, self.label, str(value), k, p + n, 0)
            if found is not None:
                return found
        return None

    def _same(self, parts: tuple[str, ...], j: int, text: str) -> bool:
        if self.prefix and j == len(parts) - 1:
            return text.startswith(parts[j])
        return text == parts[j]

    def _prefixed(self, text: str) -> list[tuple[tuple[str, ...], object]]:
        return [(parts, value) for parts, value in self.words.entries()
                if (text.startswith(parts[0]) if len(parts) == 1 else text == parts[0])]


class _Shape(_Node):
    def __init__(self, shape: re.Pattern, label: str | None, tight: bool) -> None:
        self.shape, self.label, self.tight = shape, label, tight
        self.shapes = (shape,)

    def match(self, v: Pieces, p: int, off: int, slots: dict[str, str], k: _Cont) -> Any:
        if p >= len(v.text) or not v.word[p] or (self.tight and not off and v.spaced[p]):
            return None
        found = self.shape.fullmatch(v.text[p][off:] if off else v.text[p])
        if found is None:
            return None
        return _put(slots, self.label, found.group(1) if found.re.groups else found.group(), k, p + 1, 0)


class _Mark(_Node):
    def __init__(self, marks: str, label: str | None, tight: bool) -> None:
        self.marks, self.label, self.tight = frozenset(marks), label, tight

    def match(self, v: Pieces, p: int, off: int, slots: dict[str, str], k: _Cont) -> Any:
        if off or p >= len(v.text) or v.word[p] or v.text[p] not in self.marks or (self.tight and v.spaced[p]):
            return None
        return _put(slots, self.label, v.text[p], k, p + 1, 0)


def _run(nodes: Sequence[_Node], i: int, v: Pieces, p: int, off: int, slots: dict[str, str], k: _Cont) -> Any:
    """Match ``nodes[i:]`` at (``p``, ``off``), then ``k``."""
    if i == len(nodes):
        return k(p, off)
    return nodes[i].match(v, p, off, slots, lambda q, o: _run(nodes, i + 1, v, q, o, slots, k))


def _begin(nodes: Sequence[_Node]) -> tuple[frozenset[str], tuple[re.Pattern, ...], bool]:
    """What a match of ``nodes`` may begin with: words, shapes of words, or any word."""
    words: set[str] = set()
    shapes: list[re.Pattern] = []
    for node in nodes:
        if node.anything:
            return frozenset(), (), True
        words |= node.firsts
        shapes.extend(s for s in node.shapes if s not in shapes)
        if not node.nullable:
            break
    return frozenset(words), tuple(shapes), False


def _needs(nodes: Sequence[_Node]) -> list[frozenset[object]] | None:
    """What every match of ``nodes`` holds: for each required spec, the words (or shapes) one of which it matches.

    ``None`` when that cannot be told (a spec that may match any word).
    """
    needs: list[frozenset[object]] = []
    for node in nodes:
        if node.nullable:
            continue
        need = node.need()
        if need is None:
            continue
        needs.extend(need)
    return needs


class _Any(_Node):
    def __init__(self, alternatives: Sequence[Sequence[_Node]]) -> None:
        self.alternatives = alternatives
        begins = [_begin(alt) for alt in alternatives]
        self.firsts = frozenset().union(*(words for words, _shapes, _any in begins))
        self.shapes = tuple(dict.fromkeys(s for _words, shapes, _any in begins for s in shapes))
        self.anything = any(anything for _words, _shapes, anything in begins)
        self.nullable = any(all(n.nullable for n in alt) for alt in alternatives)

    def need(self) -> list[frozenset[object]] | None:
        if len(self.alternatives) == 1:
            return _needs(self.alternatives[0])
        if any(not words and not shapes for words, shapes, _any in map(_begin, self.alternatives)):
            return None  # an alternative begins with a mark
        return super().need()

    def match(self, v: Pieces, p: int, off: int, slots: dict[str, str], k: _Cont) -> Any:
        for alt in self.alternatives:
            found = _run(alt, 0, v, p, off, slots, k)
            if found is not None:
                return found
        return None


class _Repeat(_Node):
    def __init__(self, node: _Node, least: int, most: int | None) -> None:
        self.node, self.least, self.most = node, least, most
        self.firsts, self.shapes, self.anything = node.firsts, node.shapes, node.anything
        self.nullable = least == 0 or node.nullable

    def need(self) -> list[frozenset[object]] | None:
        return self.node.need() if self.least else None

    def match(self, v: Pieces, p: int, off: int, slots: dict[str, str], k: _Cont, done: int = 0) -> Any:
        if self.most is None or done < self.most:
            def more(q: int, o: int) -> Any:
                if (q, o) == (p, off):
                    return None  # an empty repeat would loop
                return self.match(v, q, o, slots, k, done + 1)
            found = self.node.match(v, p, off, slots, more)
            if found is not None:
                return found
        return k(p, off) if done >= self.least else None


class _Optional(_Node):
    nullable = True

    def __init__(self, node: _Node) -> None:
        self.node = node
        self.firsts, self.shapes, self.anything = node.firsts, node.shapes, node.anything

    def need(self) -> list[frozenset[object]] | None:
        return None

    def match(self, v: Pieces, p: int, off: int, slots: dict[str, str], k: _Cont) -> Any:
        found = self.node.match(v, p, off, slots, k)
        return k(p, off) if found is None else found


class _NotNext(_Node):
    nullable = True

    def __init__(self, nodes: Sequence[_Node]) -> None:
        self.nodes = nodes

    def match(self, v: Pieces, p: int, off: int, slots: dict[str, str], k: _Cont) -> Any:
        if _run(self.nodes, 0, v, p, off, {}, lambda q, o: True) is not None:
            return None
        return k(p, off)


class _NotPrev(_Node):
    nullable = True

    def __init__(self, node: _Node) -> None:
        self.node = node

    def match(self, v: Pieces, p: int, off: int, slots: dict[str, str], k: _Cont) -> Any:
        # the piece just before, when no space stands between it and here (inside a word: a letter)
        if not off and 0 < p and not (p < len(v.text) and v.spaced[p]) \
                and self.node.match(v, p - 1, 0, {}, lambda q, o: True if q == p else None) is not None:
            return None
        return k(p, off)


# ---------------------------------------------------------------------------
# Compiling patterns from data.

_KEYS = frozenset({"word", "list", "shape", "mark", "any", "use", "not_next", "not_prev",
                   "op", "label", "tight", "joined", "prefix"})
_OPS = {"?": (0, 1), "*": (0, None), "+": (1, None)}


class _Compiler:
    def __init__(self, lists: Mapping[str, Iterable[str]], shapes: Mapping[str, str],
                 fragments: Mapping[str, Sequence[Mapping[str, Any]]], where: str) -> None:
        self.lists, self.fragments, self.where = lists, fragments, where
        self.shapes = {name: re.compile(rx) for name, rx in shapes.items()}
        self._word_lists: dict[tuple[str, ...], WordList] = {}

    def fail(self, message: str) -> ValueError:
        return ValueError(f"{self.where}: {message}")

    def word_list(self, names: tuple[str, ...], literal: bool) -> WordList:
        key = (("=",) if literal else ()) + names
        found = self._word_lists.get(key)
        if found is None:
            if literal:
                words: list[str] = list(names)
            else:
                words = []
                for name in names:
                    if name not in self.lists:
                        raise self.fail(f"no word list {name!r}")
                    words.extend(self.lists[name])
            found = self._word_lists[key] = WordList(sorted(set(words), key=lambda w: (-len(fold(w)), fold(w))))
        return found

    def sequence(self, specs: Any, suffix: str, seen: tuple[str, ...], what: str) -> list[_Node]:
        if not isinstance(specs, list) or not specs:
            raise self.fail(f"{what}: expected a non-empty list of token specs")
        return [self.node(spec, suffix, seen, what) for spec in specs]

    def node(self, spec: Any, suffix: str, seen: tuple[str, ...], what: str) -> _Node:
        if not isinstance(spec, Mapping):
            raise self.fail(f"{what}: a token spec must be a mapping, got {spec!r}")
        unknown = sorted(set(spec) - _KEYS)
        if unknown:
            raise self.fail(f"{what}: unknown key {unknown[0]!r} in {dict(spec)!r}")
        kinds = [key for key in ("word", "list", "shape", "mark", "any", "use", "not_next", "not_prev") if key in spec]
        if len(kinds) != 1:
            raise self.fail(f"{what}: a token spec needs one of word, list, shape, mark, any, use, not_next, "
                            f"not_prev: {dict(spec)!r}")
        kind = kinds[0]
        label = spec.get("label")
        label = None if label is None else str(label)
        tight = bool(spec.get("tight", False))
        node: _Node
        if kind in ("word", "list"):
            value = spec[kind]
            names = tuple(str(w) for w in (value if isinstance(value, list) else [value]))
            node = _Words(self.word_list(names, kind == "word"), _slot(label, suffix), tight,
                          bool(spec.get("joined", False)), bool(spec.get("prefix", False)))
        elif kind == "shape":
            if spec["shape"] not in self.shapes:
                raise self.fail(f"{what}: no shape {spec['shape']!r}")
            node = _Shape(self.shapes[spec["shape"]], _slot(label, suffix), tight)
        elif kind == "mark":
            node = _Mark(str(spec["mark"]), _slot(label, suffix), tight)
        elif kind == "any":
            alternatives = spec["any"]
            if not isinstance(alternatives, list) or not alternatives:
                raise self.fail(f"{what}: 'any' takes a list of token sequences")
            node = _Any([self.sequence(alt, suffix, seen, what) for alt in alternatives])
        elif kind == "use":
            name = str(spec["use"])
            if name not in self.fragments:
                raise self.fail(f"{what}: no fragment {name!r}")
            if name in seen:
                raise self.fail(f"{what}: fragment {name!r} uses itself")
            inner = suffix + (label or "")
            node = _Any([self.sequence(self.fragments[name], inner, (*seen, name), f"fragment {name}")])
        elif kind == "not_next":
            node = _NotNext(self.sequence(spec["not_next"], suffix, seen, what))
        else:
            node = _NotPrev(self.node(spec["not_prev"], suffix, seen, what))
        op = spec.get("op")
        if op is None:
            return node
        if op not in _OPS:
            raise self.fail(f"{what}: unknown op {op!r} (one of ?, *, +)")
        if op == "?":
            return _Optional(node)
        return _Repeat(node, *_OPS[op])


def _slot(label: str | None, suffix: str) -> str | None:
    return None if label is None else label + suffix


class Matcher:
    """Token patterns compiled from data (see :func:`compile_patterns`), matched over :class:`Pieces`."""

    def __init__(self, patterns: Sequence[tuple[str, Sequence[_Node]]], proclitics: Iterable[str] = ()) -> None:
        self.patterns = tuple((name, tuple(nodes)) for name, nodes in patterns)
        self.proclitics = frozenset(proclitics)
        by_first: dict[str, list[int]] = {}
        shaped: list[tuple[re.Pattern, int]] = []
        anywhere: list[int] = []
        for rank, (_name, nodes) in enumerate(self.patterns):
            words, shapes, anything = _begin(nodes)
            if anything:
                anywhere.append(rank)
                continue
            for word in words:
                by_first.setdefault(word, []).append(rank)
            shaped.extend((shape, rank) for shape in shapes)
        self.needs = tuple(_needs(nodes) for _name, nodes in self.patterns)
        # letters a word may carry before the word a pattern reads in it: proclitics, joined literals
        joined = {parts[0] for _name, nodes in self.patterns for node in _walk(nodes)
                  if isinstance(node, _Words) and node.joined for parts, _value in node.words.entries()}
        self._prefixes = tuple(sorted(self.proclitics | joined))
        self._shapes = tuple(dict.fromkeys(f for needs in self.needs for need in needs for f in need
                                           if isinstance(f, re.Pattern)))
        self._by_first = {word: tuple(ranks) for word, ranks in by_first.items()}
        # patterns that open with an optional one-word lead (a cue): what the rest may begin with
        self._rests = tuple(_rest_after_lead(nodes) for _name, nodes in self.patterns)
        self._rest_ranks = tuple(rank for rank, rest in enumerate(self._rests) if rest is not None)
        self._shaped = tuple(shaped)
        self._anywhere = tuple(anywhere)
        # the patterns (their ranks) whose match may begin at a word (folded), perhaps after a proclitic
        self.begins: Callable[[str], tuple[int, ...]] = WordMemo(partial(_beginning, self))
        # the patterns (their ranks) opening with a lead whose rest may begin at a word (folded, as it stands)
        self.begins_rest: Callable[[str], frozenset[int]] = WordMemo(partial(_beginning_rest, self))
        # what a word (folded) offers to the needs of the patterns: itself, itself without a proclitic, its shapes
        self.features: Callable[[str], frozenset[object]] = WordMemo(partial(_features, self))

    def viable(self, features: Iterable[object]) -> tuple[int, ...]:
        """The patterns (their ranks) that may match a text whose words offer ``features`` (:attr:`features`)."""
        offered = features if isinstance(features, (set, frozenset)) else set(features)
        return tuple(rank for rank, needs in enumerate(self.needs)
                     if needs is not None and all(not need.isdisjoint(offered) for need in needs))

    def starts(self, v: Pieces) -> dict[int, list[int]]:
        """For each pattern that may match, the pieces where it may begin (:attr:`begins`), in order."""
        found: dict[int, list[int]] = {}
        begun = self.begins
        for p, text in enumerate(v.text):
            if v.word[p]:
                for rank in begun(text):
                    found.setdefault(rank, []).append(p)
        return found

    def find(self, v: Pieces, ranks: Iterable[int] | None = None) -> list[Match]:
        """The matches of every pattern, pattern by pattern, each pattern's matches from the left, not overlapping.

        A match may begin after a one-letter proclitic (``proclitics``) of
        its first word, and then starts after it. ``ranks`` are the patterns
        tried (:meth:`viable`; all by default).
        """
        starts = self.starts(v)
        found: list[Match] = []
        size = len(v.text)
        rests = self._rests
        begins_rest = self.begins_rest
        for rank in sorted(starts) if ranks is None else ranks:
            name = self.patterns[rank][0]
            free = -1
            lead = rests[rank] is not None
            for p in starts.get(rank, ()):
                if v.starts[p] < free:
                    continue
                if lead and not self._rest_may_begin(v, p, rank, size, begins_rest):
                    continue
                match = self.match_at(v, p, rank)
                if match is not None:
                    found.append(Match(match[0], match[1], rank, name, match[2]))
                    free = match[1]
        return found

    def _rest_may_begin(self, v: Pieces, p: int, rank: int, size: int,
                        begins_rest: Callable[[str], frozenset[int]]) -> bool:
        """Whether a pattern opening with a lead may match at ``p``: the rest begins there, or after the lead."""
        text = v.text[p]
        if rank in begins_rest(text) or (text[:1] in self.proclitics and rank in begins_rest(text[1:])):
            return True
        q = p + 1
        return q < size and v.word[q] and rank in begins_rest(v.text[q])

    def match_at(self, v: Pieces, p: int, rank: int) -> tuple[int, int, dict[str, str]] | None:
        """The first match of pattern ``rank`` beginning at piece ``p``: (start, end, slots)."""
        nodes = self.patterns[rank][1]
        text = v.text[p]
        offsets = (1, 0) if text[:1] in self.proclitics and len(text) > 1 else (0,)
        for off in offsets:
            slots: dict[str, str] = {}

            def end(q: int, o: int) -> int:
                if o:
                    return v.starts[q] + o
                return v.ends[q - 1]

            found = _run(nodes, 0, v, p, off, slots, end)
            if found is not None:
                return v.starts[p] + off, found, dict(slots)
        return None


def _walk(nodes: Iterable[_Node]) -> Iterable[_Node]:
    """``nodes`` and the nodes inside them."""
    for node in nodes:
        yield node
        if isinstance(node, _Any):
            for alt in node.alternatives:
                yield from _walk(alt)
        elif isinstance(node, (_Repeat, _Optional)):
            yield from _walk([node.node])
        elif isinstance(node, _NotNext):
            yield from _walk(node.nodes)
        elif isinstance(node, _NotPrev):
            yield from _walk([node.node])


def _features(matcher: Matcher, word: str) -> frozenset[object]:
    """:attr:`Matcher.features`, computed."""
    forms = {word} | {word[len(p):] for p in matcher._prefixes if word.startswith(p) and len(word) > len(p)}
    shapes = {shape for shape in matcher._shapes for form in forms if shape.fullmatch(form)}
    return frozenset(forms | shapes)


def _rest_after_lead(nodes: Sequence[_Node]) -> tuple[frozenset[str], tuple[re.Pattern, ...]] | None:
    """What ``nodes`` may begin with after an optional one-word lead they open with; ``None`` when they do not."""
    first = nodes[0] if nodes else None
    if not (isinstance(first, _Optional) and isinstance(first.node, _Words)) or len(nodes) < 2:
        return None
    lead = first.node
    if lead.joined or lead.prefix or any(len(parts) > 1 for parts, _value in lead.words.entries()):
        return None
    words, shapes, anything = _begin(nodes[1:])
    if anything or not (words or shapes):
        return None
    return words, shapes


def _beginning_rest(matcher: Matcher, word: str) -> frozenset[int]:
    """:attr:`Matcher.begins_rest`, computed."""
    return frozenset(rank for rank in matcher._rest_ranks
                     if word in matcher._rests[rank][0] or any(s.fullmatch(word) for s in matcher._rests[rank][1]))


def _beginning(matcher: Matcher, word: str) -> tuple[int, ...]:
    """:meth:`Matcher.begins`, computed."""
    ranks = set(matcher._anywhere)
    forms = (word, word[1:]) if word[:1] in matcher.proclitics and len(word) > 1 else (word,)
    for form in forms:
        ranks.update(matcher._by_first.get(form, ()))
        ranks.update(rank for shape, rank in matcher._shaped if shape.fullmatch(form))
    return tuple(sorted(ranks))


def compile_patterns(patterns: Sequence[Mapping[str, Any]], lists: Mapping[str, Iterable[str]],
                     shapes: Mapping[str, str] | None = None,
                     fragments: Mapping[str, Sequence[Mapping[str, Any]]] | None = None,
                     proclitics: Iterable[str] = (), where: str = "patterns") -> Matcher:
    """Compile token patterns from data.

    Parameters
    ----------
    patterns
        Each a mapping with ``name`` and ``tokens`` (a list of token specs,
        see the module's docstring).
    lists
        The word lists that specs name with ``list``.
    shapes
        Shape name -> a regular expression that a whole word must match.
    fragments
        Fragment name -> a list of token specs, used with ``use``.
    proclitics
        Letters a match may begin after, written attached to its first word
        (the match starts after them).
    where
        What to name in an error (the file).

    Raises
    ------
    ValueError
        When a pattern is malformed: an unknown key, list, shape or fragment.
    """
    compiler = _Compiler(lists, shapes or {}, fragments or {}, where)
    compiled = []
    for number, pattern in enumerate(patterns):
        if not isinstance(pattern, Mapping) or "tokens" not in pattern:
            raise compiler.fail(f"pattern {number}: expected a mapping with 'name' and 'tokens'")
        name = str(pattern.get("name", number))
        compiled.append((name, compiler.sequence(pattern["tokens"], "", (), f"pattern {name}")))
    return Matcher(compiled, [fold(c) for c in proclitics])
