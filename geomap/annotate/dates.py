"""Dates in Arabic news text, resolved against the publication date.

:func:`find_dates` finds absolute dates (``1 أغسطس 2023``, ``يوليو 2019``,
``عام 2019``), day ranges (``بين 25 و27 يوليو``, ``في الفترة بين 3
مارس/آذار والأول من يونيو/حزيران``), month ranges (``بين أغسطس/آب
وأكتوبر/تشرين الأول``), months of both series with or without a
year (``تشرين الأول/ أكتوبر الماضي``, ``نيسان (أبريل)``), weekdays, periods
relative to publication (``الأسبوع الماضي``, ``الشهر المنصرم``, ``العام
الماضي``) and "since" expressions (``منذ يوليو/تموز 2023``).

Every date is ISO 8601 at the precision the text gives: ``2023``,
``2023-08`` or ``2023-08-01``. A relative expression ("last September",
"Monday") is resolved against the publication date, itself possibly known
only to the month or year; when the publication date is too coarse or
unknown the mention is still reported, with no date and ``relative`` set.

The words and the ways they combine are data (``geomap/data/vocabulary/dates.yaml``):
token patterns over the date words, matched word by word on the folded words
of the text by the project's pattern engine (:mod:`geomap.text.patterns`),
the same that matches every word list; each pattern names the reader below
that turns its slots (day, month, year, suffix...) into dates. When matches
overlap the longest is taken (then the pattern listed first), and every
span is cut exactly out of the original text. (``dateparser.search.search_dates`` with
``languages=["ar"]`` resolves only about half of the expressions of
``tests/test_dates.py``: it misses day ranges, ordinal days, the Levantine
month after a slash, "last year", "mid last month", and gives no precision.)
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from geomap.model import Span
from geomap.text.arabic import NormalizedText, fold, normalize
from geomap.text.patterns import Match, Matcher, Pieces, compile_patterns, settle

if TYPE_CHECKING:
    from geomap.resources import Resources
    from geomap.text.document import ArticleText

__all__ = ["DateMention", "find_dates", "parse_published"]

_KINDS = ("point", "range", "since")
# Readers of expressions resolved against the date last named before them in the text.
_ANCHORED = ("same_year", "after")
# How far back (in characters) that date is looked for.
ANCHOR_CHARS = 600


@dataclass(frozen=True, order=True)
class DateMention:
    """A date expression in an article and the dates it stands for.

    Attributes
    ----------
    span : Span
        Where the expression stands (offsets into the article text).
    start, end : str or None
        The first and last day, month or year covered, ISO 8601 at the
        precision of the text; ``None`` when it cannot be resolved.
    kind : str
        ``"point"`` (one day, month or year), ``"range"`` (from ``start`` to
        ``end``) or ``"since"`` (from ``start`` until publication).
    relative : bool
        Whether resolving needed the publication date. A relative mention
        with ``start`` ``None`` was not resolved because the publication date
        is unknown or too coarse.
    """

    span: Span
    start: str | None
    end: str | None
    kind: str = "point"
    relative: bool = False

    @property
    def resolved(self) -> bool:
        """Whether the mention was given a date."""
        return self.start is not None


@dataclass(frozen=True)
class _Pub:
    year: int
    month: int | None = None
    day: int | None = None

    @property
    def date(self) -> dt.date | None:
        if self.month is None or self.day is None:
            return None
        return dt.date(self.year, self.month, self.day)


# Up to this many years before publication, a span of years ("قبل عامين") is known to the month.
MONTH_KNOWN_YEARS = 2


def parse_published(published: str | None) -> tuple[int, int | None, int | None] | None:
    """Read a publication date (``2024``, ``2024-04`` or ``2024-04-29``).

    Returns
    -------
    tuple or None
        ``(year, month, day)`` with ``None`` for the parts not given, or
        ``None`` when ``published`` is missing or not an ISO date.

    Examples
    --------
    >>> parse_published("2024-04")
    (2024, 4, None)
    >>> parse_published("2024-04-29T10:00:00")
    (2024, 4, 29)
    >>> parse_published("April") is None
    True

    """
    if not published:
        return None
    match = re.match(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", published)
    if not match:
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        dt.date(year, month or 1, day or 1)
    except ValueError:
        return None
    return year, month, day


# ---------------------------------------------------------------------------
# The grammar: the date patterns of the vocabulary file, compiled once.


@dataclass(frozen=True)
class _Grammar:
    matcher: Matcher
    reads: tuple[str, ...]  # for each pattern, how its slots are read (see ``_READERS``)
    months: dict[str, int]
    ordinals: dict[str, int]
    weekdays: dict[str, int]
    ambiguous: frozenset[str]
    past: frozenset[str]
    future: frozenset[str]
    current: frozenset[str]
    periods: dict[str, str]
    since: frozenset[str]
    counts: dict[str, int]
    units: dict[str, str]
    duals: dict[str, str]
    singles: dict[str, str]
    named_by_day: frozenset[str]  # words after which a day and month name an event (ثورة 25 يناير)


def _index(mapping: dict) -> dict[str, int]:
    return {fold(w): int(k) for k, words in mapping.items() for w in words}


def _words(entry: Any) -> list[str]:
    """The words of a vocabulary entry: a list, or a mapping of lists."""
    if isinstance(entry, dict):
        return [str(w) for words in entry.values() for w in words]
    if isinstance(entry, list):
        return [str(w) for w in entry]
    return []


def build_grammar(vocabularies: Mapping[str, Any], where: str = "dates.yaml") -> _Grammar:
    """The compiled date patterns of ``dates.yaml``.

    Parameters
    ----------
    vocabularies
        Vocabulary name -> its merged entries (see :class:`geomap.resources.Resources`).
    where
        The file to name in an error.

    Raises
    ------
    ValueError
        When a pattern is malformed or names a reader that does not exist.
    """
    voc = vocabularies["dates"]
    lists = {name: _words(entry) for name, entry in voc.items()
             if name not in ("patterns", "fragments", "shapes", "proclitics")}
    patterns = voc.get("patterns", [])
    matcher = compile_patterns(patterns, lists, voc.get("shapes", {}), voc.get("fragments", {}),
                               voc.get("proclitics", []), where)
    reads = tuple(str(p.get("read", "")) for p in patterns)
    for pattern, read in zip(patterns, reads, strict=True):
        if read not in _READERS:
            raise ValueError(f"{where}: pattern {pattern.get('name')}: read {read!r} is none of "
                             f"{', '.join(sorted(_READERS))}")
    return _Grammar(
        matcher=matcher,
        reads=reads,
        months=_index(voc["months"]),
        ordinals=_index(voc["ordinal_days"]),
        weekdays=_index(voc["weekdays"]),
        ambiguous=frozenset(fold(w) for w in voc["ambiguous_months"]),
        past=frozenset(fold(w) for w in voc["past"]),
        future=frozenset(fold(w) for w in voc["future"]),
        current=frozenset(fold(w) for w in voc["current"]),
        periods={fold(w): unit for unit, words in voc["periods"].items() for w in words},
        since=frozenset(fold(w) for w in voc["since"]),
        counts=_index(voc["counts"]),
        units={fold(w): unit for unit, words in voc["units"].items() for w in words},
        duals={fold(w): unit for unit, words in voc["duals"].items() for w in words},
        singles={fold(w): unit for unit, words in voc.get("singles", {}).items() for w in words},
        named_by_day=frozenset(fold(w) for w in voc.get("named_by_day", [])),
    )


# ---------------------------------------------------------------------------
# Finding and resolving.


def find_dates(res: Resources, text: str, span: Span | None = None, published: str | None = None,
               doc: ArticleText | None = None) -> list[DateMention]:
    """The date expressions in ``text`` (or in ``span`` of it), in text order.

    Parameters
    ----------
    res : Resources
        The compiled vocabularies (:class:`geomap.resources.Resources`).
    text : str
        The article text.
    span : Span, optional
        A stretch of ``text`` (a sentence) to search; the whole text when
        omitted. Offsets of the results are always into ``text``.
    published : str, optional
        The publication date (``2024``, ``2024-04`` or ``2024-04-29``), used
        to resolve relative expressions.
    doc : ArticleText, optional
        The document of ``text``, whose words are matched (by default the
        words of ``text`` are found anew).

    Returns
    -------
    list of DateMention

    Examples
    --------
    >>> from geomap.resources import default_resources
    >>> res = default_resources()
    >>> found = find_dates(res, "زار موسكو في أيلول/سبتمبر الماضي", published="2024-04")
    >>> [(d.span.text, d.start, d.end) for d in found]
    [('في أيلول/سبتمبر الماضي', '2023-09', '2023-09')]
    >>> [(d.start, d.end, d.kind) for d in find_dates(res, "بين 25 و27 يوليو 2023")]
    [('2023-07-25', '2023-07-27', 'range')]
    >>> [(d.span.text, d.start) for d in find_dates(res, "وقعت الصفقة في مارس 2023، وبعد شهرين وصلت الشحنة")]
    [('في مارس 2023', '2023-03'), ('بعد شهرين', '2023-05')]

    """
    return _find(res, text, span, published, True, doc)


def _pieces(res: Resources, text: str, span: Span | None, doc: ArticleText | None
            ) -> tuple[Pieces, NormalizedText, int, tuple[int, ...]] | None:
    """The words and marks of ``span`` (or of ``text``), its folded text, its offset, and the patterns to try.

    ``None`` when no pattern can match: the words lack what each needs.
    """
    matcher = res.dates.matcher
    if doc is not None and doc.text is text:
        found = doc.folded_words(span if span is not None else Span(0, len(text), text))
        if found is not None:
            words, lo, hi = found
            folded = doc.folded.text
            ranks = matcher.viable(set().union(*map(matcher.features, [folded[s:e] for s, e in words])))
            if not ranks:
                return None
            return Pieces(folded, words, lo, hi), doc.folded, 0, ranks
    offset = span.start if span is not None else 0
    chunk = text[span.start:span.end] if span is not None else text
    norm = normalize(chunk)
    words = [m.span() for m in _WORD.finditer(norm.text)]
    ranks = matcher.viable(set().union(*map(matcher.features, [norm.text[s:e] for s, e in words])))
    if not ranks:
        return None
    return Pieces(norm.text, words), norm, offset, ranks


def _find(res: Resources, text: str, span: Span | None, published: str | None, anchored: bool,
          doc: ArticleText | None = None) -> list[DateMention]:
    """:func:`find_dates`; with ``anchored`` false, expressions needing an earlier date are left out."""
    grammar = res.dates
    view = _pieces(res, text, span, doc)
    if view is None:
        return []
    pieces, norm, offset, ranks = view
    pub_parts = parse_published(published)
    pub = _Pub(*pub_parts) if pub_parts else None
    found = grammar.matcher.find(pieces, ranks)
    found.sort(key=lambda m: (-(m.end - m.start), m.rank, m.start))

    def accept(match: Match) -> DateMention | None:
        read = grammar.reads[match.rank]
        if read in _ANCHORED and not anchored:
            return None
        o_start, o_end = norm.origin(match.start, match.end)
        o_start, o_end = o_start + offset, o_end + offset
        if read == "calendar" and _named_by_day(grammar, text, o_start):
            return None
        anchor = _anchor(res, text, o_start, published, doc) if read in _ANCHORED else None
        resolved = _READERS[read](match.slots, grammar, pub, anchor)
        if resolved is None:
            return None
        first, last, kind, relative = resolved
        return DateMention(Span(o_start, o_end, text[o_start:o_end]), first, last, kind, relative)

    results = settle(found, lambda m: (m.start, m.end), accept)
    results.sort(key=lambda d: (d.span.start, d.span.end))
    return results


_Resolved = tuple[str | None, str | None, str, bool]


def _named_by_day(grammar: _Grammar, text: str, start: int) -> bool:
    """Whether the word before offset ``start`` names an event by its day (ثورة 25 يناير، أحداث 11 سبتمبر)."""
    before = _WORD.findall(fold(text[max(0, start - 24):start]))
    if before and before[-1].isdigit():
        before.pop()  # the month of "ثورة 25 يناير" alone names the same event
    if not before:
        return False
    word = before[-1]
    return word in grammar.named_by_day or any(word[n:] in grammar.named_by_day for n in (1, 2) if len(word) > n + 2)
_WORD = re.compile(r"[^\W_]+")  # a word, as :func:`geomap.text.arabic.tokens` reads them


def _anchor(res: Resources, text: str, before: int, published: str | None, doc: ArticleText | None) -> str | None:
    """The last day, month or year of the date named last before offset ``before`` (within a paragraph or so)."""
    lo = max(0, before - ANCHOR_CHARS)
    earlier = [d for d in _find(res, text, Span(lo, before, text[lo:before]), published, False, doc) if d.start]
    return (earlier[-1].end or earlier[-1].start) if earlier else None


def _calendar(slots: dict[str, str], g: _Grammar, pub: _Pub | None, anchor: str | None) -> _Resolved | None:
    """A day, a month, or a range of days or months (slots ``day``, ``month``, ``year``, ``suffix``, ``day2``...).

    A month alone whose name is also a common word needs a cue, a part, a
    year or a suffix; a month written with a dash must name one month.
    """
    since = slots.get("lead") in g.since
    if "month2" in slots:
        name = "range2" if "day" in slots else "mrange"
    else:
        name = "range1" if "day2" in slots else "day" if "day" in slots else "month"
    if name == "month" and "month_alt" not in slots and "month_dash" not in slots and slots["month"] in g.ambiguous:
        if not ("lead" in slots or "part" in slots or "year" in slots or "suffix" in slots):
            return None
    if any(_two_months(slots, key, g) for key in ("", "2")):
        return None
    month1 = g.months[slots["month"]]
    day1 = _day(slots["day"], g) if "day" in slots else 1
    if name == "range1":
        day2 = _day(slots["day2"], g)
        year, relative = _month_year(month1, slots.get("year"), slots.get("suffix"), g, pub)
        if year is None:
            return None, None, "range", True
        if not (_valid(year, month1, day1) and _valid(year, month1, day2)) or day2 < day1:
            return None
        return _iso(dt.date(year, month1, day1)), _iso(dt.date(year, month1, day2)), "range", relative
    if name in ("range2", "mrange"):
        month2 = g.months[slots["month2"]]
        day2 = _day(slots["day2"], g) if name == "range2" else 1
        year2, rel2 = _month_year(month2, slots.get("year2"), slots.get("suffix2"), g, pub)
        if slots.get("year"):
            year1, rel1 = int(slots["year"]), False
        elif year2 is not None:
            year1, rel1 = (year2 if month1 <= month2 else year2 - 1), rel2
        else:
            year1, rel1 = _month_year(month1, None, None, g, pub)
            if year1 is not None and not slots.get("year2"):
                year2 = year1 if month2 >= month1 else year1 + 1
        if year1 is None or year2 is None:
            return None, None, "range", True
        if not (_valid(year1, month1, day1) and _valid(year2, month2, day2)):
            return None
        first, last = dt.date(year1, month1, day1), dt.date(year2, month2, day2)
        if last < first:
            return None
        if name == "mrange":
            return f"{year1:04d}-{month1:02d}", f"{year2:04d}-{month2:02d}", "range", rel1 or rel2
        return _iso(first), _iso(last), "range", rel1 or rel2
    year, relative = _month_year(month1, slots.get("year"), slots.get("suffix"), g, pub, past=since)
    if year is None:
        return None, None, "since" if since else "point", True
    if name == "day":
        if not _valid(year, month1, day1):
            return None
        iso = _iso(dt.date(year, month1, day1))
    else:
        iso = f"{year:04d}-{month1:02d}"
    return _finish(iso, iso, since, relative, pub)


def _two_months(slots: dict[str, str], n: str, g: _Grammar) -> bool:
    """Whether a month written with a dash names two different months ("يوليو - أغسطس": a range)."""
    other = slots.get("month_dash" + n)
    return other is not None and g.months[other] != g.months[slots["month" + n]]


def _day(word: str, g: _Grammar) -> int:
    return int(word) if word.isdigit() else g.ordinals[word]


def _year(slots: dict[str, str], g: _Grammar, pub: _Pub | None, anchor: str | None) -> _Resolved | None:
    """A year after a cue, a part or a year word (a bare number is no date)."""
    if not ("lead" in slots or "part" in slots or "year_word" in slots):
        return None
    year = slots["year"]
    return _finish(year, year, slots.get("lead") in g.since, False, pub)


def _period_of(slots: dict[str, str], g: _Grammar, pub: _Pub | None, anchor: str | None) -> _Resolved | None:
    """A week, month or year counted from publication ("الشهر الماضي", "هذا العام", "مطلع الشهر")."""
    word = slots.get("suffix")
    shift = -1 if word in g.past else 1 if word in g.future else 0
    first, last = _period(g.periods[slots["period"]], shift, pub)
    return _finish(first, last, slots.get("lead") in g.since, True, pub)


def _month_of_year(slots: dict[str, str], g: _Grammar, pub: _Pub | None, anchor: str | None) -> _Resolved | None:
    """A month of the year counted from publication ("في مارس من العام الماضي")."""
    if pub is None:
        return None, None, "point", True
    word = slots.get("suffix")
    shift = -1 if word in g.past else 1 if word in g.future else 0
    iso = f"{pub.year + shift:04d}-{g.months[slots['month']]:02d}"
    return _finish(iso, iso, slots.get("lead") in g.since, True, pub)


def _weekdays(slots: dict[str, str], g: _Grammar, pub: _Pub | None, anchor: str | None) -> _Resolved | None:
    """A weekday near publication, or a range of two."""
    word = slots.get("suffix")
    first = _weekday(g.weekdays[slots["weekday"]], pub, 1 if word in g.future else -1 if word in g.past else 0)
    last = _weekday(g.weekdays[slots["weekday2"]], pub) if "weekday2" in slots else first
    if first and last and last < first:
        first = _iso(dt.date.fromisoformat(first) - dt.timedelta(days=7))
    return _finish(first, last, slots.get("lead") in g.since, True, pub)


def _days_before(days: int) -> _Reader:
    def read(slots: dict[str, str], g: _Grammar, pub: _Pub | None, anchor: str | None) -> _Resolved | None:
        day = pub.date if pub else None
        if day and days:
            day -= dt.timedelta(days=days)
        iso = _iso(day) if day else None
        return _finish(iso, iso, slots.get("lead") in g.since, True, pub)
    return read


def _numeric(slots: dict[str, str], g: _Grammar, pub: _Pub | None, anchor: str | None) -> _Resolved | None:
    """A date written in figures (slots ``day``, ``month``, ``year``; ``sep`` and ``sep2`` alike)."""
    if slots.get("sep") != slots.get("sep2"):
        return None
    year, month, day_ = int(slots["year"]), int(slots["month"]), int(slots["day"])
    if not 1 <= month <= 12 or not _valid(year, month, day_):
        return None
    iso = _iso(dt.date(year, month, day_))
    return iso, iso, "point", False


def _same_year(slots: dict[str, str], g: _Grammar, pub: _Pub | None, anchor: str | None) -> _Resolved | None:
    """A month of the year named last ("في أيلول من العام نفسه"), or of publication's."""
    year = int(anchor[:4]) if anchor else pub.year if pub else None
    if year is None:
        return None, None, "point", True
    iso = f"{year:04d}-{g.months[slots['month']]:02d}"
    return _finish(iso, iso, slots.get("lead") in g.since, anchor is None, pub)


def _after_anchor(slots: dict[str, str], g: _Grammar, pub: _Pub | None, anchor: str | None) -> _Resolved | None:
    """That long after the date named last ("وبعد شهرين")."""
    if anchor is None:
        return None
    iso = _after(anchor, *_count_and_unit(slots, g))
    return (iso, iso, "point", False) if iso else None


def _before_publication(slots: dict[str, str], g: _Grammar, pub: _Pub | None,
                        anchor: str | None) -> _Resolved | None:
    """That long before publication ("قبل ثلاثة أيام")."""
    iso = _ago(*_count_and_unit(slots, g), pub)
    return iso, iso, "point", True


def _ago(count: int, unit: str, pub: _Pub | None) -> str | None:
    """The day, month or year ``count`` units before publication, at the precision publication allows."""
    if pub is None:
        return None
    if unit == "year":
        # "قبل عام" in August 2015 is August 2014: a year or two ago is known to the month, when
        # publication's month is; longer ago, to the year
        if pub.month is None or count > MONTH_KNOWN_YEARS:
            return str(pub.year - count)
        return f"{pub.year - count:04d}-{pub.month:02d}"
    if unit == "month":
        if pub.month is None:
            return None
        index = pub.year * 12 + pub.month - 1 - count
        return f"{index // 12:04d}-{index % 12 + 1:02d}"
    day = pub.date
    if day is None:
        return None
    day -= dt.timedelta(days=count * (7 if unit == "week" else 1))
    # weeks ago are known to the month, days ago to the day
    return _iso(day) if unit == "day" else day.isoformat()[:7]


def _count_and_unit(slots: dict[str, str], g: _Grammar) -> tuple[int, str]:
    """The count and unit of a span of time (``بعد شهرين``, ``قبل ثلاثة أيام``).

    Read from the slots ``dual`` (two units), ``single`` (a unit alone: one),
    or ``count`` (a number or a number word) and ``unit``.
    """
    if "dual" in slots:
        return 2, g.duals[slots["dual"]]
    if "single" in slots:
        return 1, g.singles[slots["single"]]
    raw = slots["count"]
    return (int(raw) if raw.isdigit() else g.counts[raw]), g.units[slots["unit"]]


def _after(iso: str, count: int, unit: str) -> str | None:
    """The day, month or year ``count`` units after ``iso``, at the precision of both."""
    if unit == "year":
        return f"{int(iso[:4]) + count:04d}{iso[4:7]}"
    if len(iso) == 4:
        return None
    if unit == "month" or len(iso) == 7:
        months = {"month": count, "week": count * 7 // 30, "day": count // 30}[unit]
        index = int(iso[:4]) * 12 + int(iso[5:7]) - 1 + months
        return f"{index // 12:04d}-{index % 12 + 1:02d}"
    day = dt.date.fromisoformat(iso) + dt.timedelta(days=count * (7 if unit == "week" else 1))
    return _iso(day)


def _valid(year: int, month: int, day: int) -> bool:
    return 1 <= day <= calendar.monthrange(year, month)[1]


def _month_year(month: int, year: str | None, suffix: str | None, g: _Grammar,
                pub: _Pub | None, past: bool = False) -> tuple[int | None, bool]:
    """The year of ``month``, and whether the publication date was needed.

    ``past`` tells that the month has begun by publication ("since May"), so
    an unmarked month after the publication's month is last year's.
    """
    if year:
        return int(year), False
    if pub is None:
        return None, True
    if suffix in g.current:
        return pub.year, True
    if pub.month is None:
        # known only to the year: an unmarked month is read in that year;
        # "last March" or "next March" cannot be placed
        return (pub.year if suffix is None else None), True
    if suffix in g.past:
        return (pub.year if month < pub.month else pub.year - 1), True
    if suffix in g.future:
        return (pub.year if month > pub.month else pub.year + 1), True
    # unmarked: the most recent such month, or the next month (news announce
    # what is about to happen)
    if month <= pub.month:
        return pub.year, True
    if past:
        return pub.year - 1, True
    if month == pub.month + 1:
        return pub.year, True
    if pub.month == 12 and month == 1:
        return pub.year + 1, True
    return pub.year - 1, True


def _period(unit: str, shift: int, pub: _Pub | None) -> tuple[str | None, str | None]:
    """The week, month or year ``shift`` periods from publication."""
    if pub is None:
        return None, None
    if unit == "year":
        year = pub.year + shift
        return str(year), str(year)
    if pub.month is None:
        return None, None
    if unit == "month":
        index = pub.year * 12 + pub.month - 1 + shift
        iso = f"{index // 12:04d}-{index % 12 + 1:02d}"
        return iso, iso
    day = pub.date
    if day is None:
        # a week before (or after) a publication known to the month: that month
        # and the one before (or after)
        index = pub.year * 12 + pub.month - 1 + shift
        other = f"{index // 12:04d}-{index % 12 + 1:02d}"
        this = f"{pub.year:04d}-{pub.month:02d}"
        return (other, this) if shift < 0 else (this, other) if shift > 0 else (this, this)
    if shift == 0:
        first = day - dt.timedelta(days=day.weekday())
        return _iso(first), _iso(first + dt.timedelta(days=6))
    if shift < 0:
        return _iso(day - dt.timedelta(days=7)), _iso(day - dt.timedelta(days=1))
    return _iso(day + dt.timedelta(days=1)), _iso(day + dt.timedelta(days=7))


def _weekday(weekday: int, pub: _Pub | None, shift: int = 0) -> str | None:
    """The most recent ``weekday`` on or before publication (day precision only).

    With ``shift`` 1 the first one after publication ("الثلاثاء المقبل"),
    with -1 the last one before it ("الجمعة الماضي").
    """
    day = pub.date if pub else None
    if day is None:
        return None
    if shift > 0:
        return _iso(day + dt.timedelta(days=(weekday - day.weekday() - 1) % 7 + 1))
    if shift < 0:
        return _iso(day - dt.timedelta(days=(day.weekday() - weekday - 1) % 7 + 1))
    return _iso(day - dt.timedelta(days=(day.weekday() - weekday) % 7))


def _finish(first: str | None, last: str | None, since: bool, relative: bool, pub: _Pub | None) -> _Resolved:
    if since:
        until = None
        if pub is not None:
            until = "-".join(f"{v:02d}" if i else f"{v:04d}" for i, v in enumerate(
                x for x in (pub.year, pub.month, pub.day) if x is not None))
        return first, until if first else None, "since", relative
    kind = "point" if first == last else "range"
    return first, last, kind, relative


def _iso(day: dt.date) -> str:
    return day.isoformat()


_Reader = Callable[[dict[str, str], _Grammar, "_Pub | None", "str | None"], "_Resolved | None"]

# How the slots of a match become dates: the ``read`` of each pattern of dates.yaml.
_READERS: dict[str, _Reader] = {
    "calendar": _calendar,
    "year": _year,
    "period": _period_of,
    "weekday": _weekdays,
    "yesterday": _days_before(1),
    "today": _days_before(0),
    "numeric": _numeric,
    "same_year": _same_year,
    "month_of_year": _month_of_year,
    "after": _after_anchor,
    "before": _before_publication,
}
