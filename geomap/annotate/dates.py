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

The words are data (``geomap/data/vocabulary/dates.yaml``); matching runs on
the folded text (:func:`geomap.text.arabic.normalize`) and every span is cut
exactly out of the original text. (``dateparser.search.search_dates`` with
``languages=["ar"]`` resolves only about half of the expressions of
``tests/test_dates.py``: it misses day ranges, ordinal days, the Levantine
month after a slash, "last year", "mid last month", and gives no precision.)
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from geomap.model import Span
from geomap.text.arabic import WordMemo, fold, normalize

if TYPE_CHECKING:
    from geomap.resources import Resources

__all__ = ["DateMention", "find_dates", "parse_published"]

_KINDS = ("point", "range", "since")
# Expressions resolved against the date last named before them in the text.
_ANCHORED = ("sameyear", "later")
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
# The grammar, built once from the vocabulary file.


def _alt(words) -> str:
    """A regex alternative of folded ``words``, longest first, spaces flexible."""
    forms = sorted({fold(w) for w in words}, key=lambda w: (-len(w), w))
    return "(?:" + "|".join(r"\s+".join(re.escape(p) for p in w.split()) for w in forms) + ")"


@dataclass(frozen=True)
class _Grammar:
    patterns: tuple[tuple[str, re.Pattern], ...]
    months: dict[str, int]
    ordinals: dict[str, int]
    weekdays: dict[str, int]
    ambiguous: frozenset[str]
    past: frozenset[str]
    future: frozenset[str]
    current: frozenset[str]
    periods: dict[str, str]
    since: frozenset[str]
    month_re: re.Pattern
    counts: dict[str, int]
    units: dict[str, str]
    duals: dict[str, str]
    singles: dict[str, str]
    # for each pattern: whether a digit lets it match, and the word that every match of it holds otherwise
    needs: tuple[tuple[bool, re.Pattern | None], ...]
    # the regexes of ``needs`` that search a text word by word, and those each word holds
    word_needs: frozenset[re.Pattern]
    held_by: WordMemo[frozenset[re.Pattern]]


def _index(mapping: dict) -> dict[str, int]:
    return {fold(w): int(k) for k, words in mapping.items() for w in words}


_Need = tuple[bool, re.Pattern | None]


def _need_words(voc: Mapping[str, Any], months: Iterable[str], weekdays: Iterable[str], periods: Iterable[str],
                counts: Iterable[str], duals: Iterable[str]) -> dict[str, list[str]]:
    """The words one of which every match of a family of patterns holds (months, weekdays...), folded."""
    return {"months": _head_words(months), "weekdays": _head_words(weekdays), "periods": _head_words(periods),
            "yesterday": _head_words(voc["yesterday"]), "today": _head_words(voc["today"]),
            "counts": _head_words([*counts, *duals])}


def _needs(rules: Iterable[str], heads: Mapping[str, list[str]]) -> tuple[_Need, ...]:
    """What every match of each pattern holds: a digit (when the flag says so) or a word found by the regex.

    The word (a month, a weekday, a period...; ``heads`` of :func:`_need_words`)
    stands at the start of a word of the text, or after one letter of
    conjunction or preposition.
    """
    words = {name: _heads(forms) for name, forms in heads.items()}
    needs = {"year": (True, None), "numeric": (True, None), "later": (True, words["counts"]),
             "ago": (True, words["counts"]), "period": (False, words["periods"]),
             "partperiod": (False, words["periods"]), "wrange": (False, words["weekdays"]),
             "weekday": (False, words["weekdays"]), "yesterday": (False, words["yesterday"]),
             "today": (False, words["today"])}
    return tuple(needs.get(name, (False, words["months"])) for name in rules)


def build_grammar(vocabularies: Mapping[str, Any]) -> _Grammar:
    """The compiled date expressions of ``dates.yaml``.

    Parameters
    ----------
    vocabularies
        Vocabulary name -> its merged entries (see :class:`geomap.resources.Resources`).
    """
    voc = vocabularies["dates"]
    months = _index(voc["months"])
    ordinals = _index(voc["ordinal_days"])
    weekdays = _index(voc["weekdays"])
    periods = {fold(w): unit for unit, words in voc["periods"].items() for w in words}
    f = fold
    counts = _index(voc["counts"])
    units = {fold(w): unit for unit, words in voc["units"].items() for w in words}
    duals = {fold(w): unit for unit, words in voc["duals"].items() for w in words}
    singles = {fold(w): unit for unit, words in voc.get("singles", {}).items() for w in words}
    m_one = _alt(months)
    wd = _alt(weekdays)
    ordinal = _alt(ordinals)
    suffix_words = voc["past"] + voc["future"] + voc["current"]
    suf = _alt(suffix_words)
    lead = rf"(?:(?P<lead>{_alt(voc['cues'])})\s+)?"
    part = rf"(?:(?P<part>{_alt(voc['parts'])})\s+)?"
    year_words = _alt(voc["year_words"])
    sep = rf"\s*(?:-|–|{f('و')}|{_alt(['إلى', 'حتى', 'لغاية'])}\s+)\s*"
    between = _alt(["بين", "من"])

    def month(n: int) -> str:
        # "آب/أغسطس", "نيسان (أبريل)", "آب - أغسطس": one month named in both series
        return rf"(?P<m{n}>{m_one}(?:\s*[/\\(]\s*{m_one}\s*\)?|\s*[-–]\s*{m_one}(?!\w))?)(?!\w)"

    def year(n: int) -> str:
        return rf"(?:\s*،?\s*(?:{f('من')}\s+)?(?:{year_words}\s*)?(?P<y{n}>(?:19|20)\d\d)(?!\d)(?:م(?!\w))?)?"

    def day(n: int) -> str:
        return rf"(?:(?<!\d)(?P<dn{n}>\d{{1,2}})(?!\d)|(?P<do{n}>{ordinal})(?:\s+{f('من')})?)"

    def suffix(n: int) -> str:
        return rf"(?:\s+(?P<s{n}>{suf})(?!\w))?"

    def one(group: str) -> str:
        # a unit alone, not naming a year or a month after it ("منذ عام 2019"، "قبل شهر رمضان")
        if not singles:
            return "(?!)"
        named = _alt(voc["ambiguous_months"] + voc.get("hijri_months", []))
        return rf"(?P<{group}>{_alt(singles)})(?!\w)(?!\s+(?:\d|{m_one}|{named}))"

    head = r"(?<!\w)[وفبل]?(?P<body>"
    weekday_lead = rf"(?:(?:{f('يوم')}|{f('اليوم')})\s+)?"
    rules = {
        "range2": rf"{lead}(?:{f('الفترة')}\s+)?{between}\s+{day(1)}\s+{month(1)}{year(1)}{sep}{day(2)}\s+"
                  rf"{month(2)}{year(2)}{suffix(2)}",
        "range1": rf"{lead}(?:{between}\s+)?{day(1)}{sep}{day(2)}\s+{month(1)}{year(1)}{suffix(1)}",
        "mrange": rf"{lead}(?:{f('الفترة')}\s+)?{between}\s+(?:{f('شهر')}\s+)?{month(1)}{year(1)}{sep}"
                  rf"(?:{f('شهر')}\s+)?{month(2)}{year(2)}{suffix(2)}",
        "day": rf"{lead}(?:{weekday_lead}(?P<w1>{wd})\s*،?\s*)?{day(1)}\s+{month(1)}{year(1)}{suffix(1)}",
        "month": rf"{lead}{part}(?:{f('شهر')}\s+)?{month(1)}{year(1)}{suffix(1)}",
        "year": rf"{lead}{part}(?:(?P<yw>{year_words})\s*)?(?P<y1>(?:19|20)\d\d)(?!\d)(?:م(?!\w))?",
        "period": rf"{lead}{part}(?:(?P<per>{_alt(periods)})\s+(?P<s1>{suf})|"
                  rf"{_alt(['هذا', 'هذه'])}\s+(?P<per2>{_alt(periods)}))(?!\w)",
        # "مطلع الشهر", "أواخر العام": a part of the current period
        "partperiod": rf"{lead}(?P<part>{_alt(voc['parts'])})\s+(?P<per3>{_alt(periods)})(?!\w)(?!\s+{suf}(?!\w))",
        "wrange": rf"{lead}(?:{f('من')}\s+)?{weekday_lead}(?P<w1>{wd}){sep}{weekday_lead}(?P<w2>{wd})(?!\w)",
        "weekday": rf"{lead}{weekday_lead}(?P<w1>{wd}){suffix(1)}(?!\w)",
        "yesterday": rf"(?:{_alt(voc['times_of_day'])}\s+)?(?P<yd>{_alt(voc['yesterday'])})(?!\w)",
        "today": rf"{lead}{_alt(voc['times_of_day'])}\s+(?P<td>{_alt(voc['today'])})(?!\w)",
        "numeric": r"(?<![\d/.-])(?:(?P<nd>\d{1,2})(?P<ns>[/.-])(?P<nm>\d{1,2})(?P=ns)(?P<ny>(?:19|20)\d\d)"
                   r"|(?P<iy>(?:19|20)\d\d)-(?P<im>\d{1,2})-(?P<id>\d{1,2}))(?![\d/.-]?\d)",
        # "في أيلول من العام نفسه": a month of the year last named
        "sameyear": rf"{lead}{part}(?:{f('شهر')}\s+)?{month(1)}\s+(?:{f('من')}\s+)?"
                    rf"(?P<same>{_alt(voc['same_year'])})(?!\w)",
        # "وبعد شهرين": that long after the date last named
        "later": rf"(?P<later>{_alt(voc['later'])})\s+(?:(?P<ln>\d{{1,2}}|{_alt(counts)})\s+(?P<lu>{_alt(units)})"
                 rf"|(?P<ld>{_alt(duals)})|{one('ls')})(?!\w)(?!\s+{f('من')}\s)",
        "ago": rf"(?P<ago>{_alt(voc['ago'])})\s+(?:(?P<an>\d{{1,2}}|{_alt(counts)})\s+(?P<au>{_alt(units)})"
               rf"|(?P<ad>{_alt(duals)})|{one('as')})(?!\w)(?!\s+{f('من')}\s)",
    }
    patterns = tuple((name, re.compile(head + rule + ")")) for name, rule in rules.items())
    heads = _need_words(voc, months, weekdays, periods, counts, [*duals, *singles])
    needs = _needs(rules, heads)
    word_needs = _word_needs(needs, heads)
    return _Grammar(
        patterns=patterns,
        months=months,
        ordinals=ordinals,
        weekdays=weekdays,
        ambiguous=frozenset(fold(w) for w in voc["ambiguous_months"]),
        past=frozenset(fold(w) for w in voc["past"]),
        future=frozenset(fold(w) for w in voc["future"]),
        current=frozenset(fold(w) for w in voc["current"]),
        periods=periods,
        since=frozenset(fold(w) for w in voc["since"]),
        month_re=re.compile(m_one),
        counts=counts,
        units=units,
        duals=duals,
        singles=singles,
        needs=needs,
        word_needs=word_needs,
        held_by=_held_by(word_needs),
    )


def _head_words(forms: Iterable[str]) -> list[str]:
    """The first words of ``forms``, folded, the longest first."""
    return sorted({fold(f).split()[0] for f in forms if fold(f).split()}, key=lambda w: (-len(w), w))


def _heads(heads: Iterable[str]) -> re.Pattern:
    """A word beginning with one of ``heads`` (:func:`_head_words`), or doing so after و، ف، ب or ل."""
    return re.compile(r"(?<![^\W_])[وفبل]?(?:" + "|".join(re.escape(h) for h in heads) + ")")


_WORD = re.compile(r"[^\W_]+")  # a word, as :func:`geomap.text.arabic.tokens` reads them


def _word_needs(needs: Iterable[_Need], heads: Mapping[str, list[str]]) -> frozenset[re.Pattern]:
    """The regexes of ``needs`` that may search a text word by word (see :func:`_held_by`).

    A regex of :func:`_heads` finds its word at the start of a word of the
    text: searching the text is searching each of its words, when the words
    sought are plain words (no space, no mark that would end a word).
    """
    if not all(_WORD.fullmatch(h) for forms in heads.values() for h in forms):
        return frozenset()
    return frozenset(w for _digit, w in needs if w is not None)


def _held_by(regexes: Iterable[re.Pattern]) -> WordMemo[frozenset[re.Pattern]]:
    """For each word of a text, the ``regexes`` (:func:`_word_needs`) that find their word in it."""
    regexes = tuple(sorted(regexes, key=lambda w: w.pattern))
    return WordMemo(lambda word: frozenset(w for w in regexes if w.match(word)))


_DIGIT = re.compile(r"\d")


# ---------------------------------------------------------------------------
# Finding and resolving.


def find_dates(res: Resources, text: str, span: Span | None = None, published: str | None = None) -> list[DateMention]:
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
    return _find(res, text, span, published, anchored=True)


def _find(res: Resources, text: str, span: Span | None, published: str | None, anchored: bool) -> list[DateMention]:
    """:func:`find_dates`; with ``anchored`` false, expressions needing an earlier date are left out."""
    offset = span.start if span is not None else 0
    chunk = text[span.start:span.end] if span is not None else text
    norm = normalize(chunk)
    grammar = res.dates
    digit = _DIGIT.search(norm.text) is not None
    held: dict[re.Pattern, bool] = {}
    words_held: frozenset[re.Pattern] | None = None  # the regexes of grammar.word_needs that the words hold
    pub_parts = parse_published(published)
    pub = _Pub(*pub_parts) if pub_parts else None
    found: list[tuple[int, int, int, str, re.Match]] = []
    for rank, (name, pattern) in enumerate(grammar.patterns):
        by_digit, word = grammar.needs[rank]
        if not (by_digit and digit):
            if word is None:
                continue
            if word not in held and word in grammar.word_needs:
                if words_held is None:
                    words_held = frozenset().union(*map(grammar.held_by, _WORD.findall(norm.text)))
                held[word] = word in words_held
            elif word not in held:
                held[word] = word.search(norm.text) is not None
            if not held[word]:
                continue  # neither a digit nor the word that every match of the pattern holds
        for match in pattern.finditer(norm.text):
            found.append((match.start("body"), match.end("body"), rank, name, match))
    found.sort(key=lambda f: (-(f[1] - f[0]), f[2], f[0]))
    taken: list[tuple[int, int]] = []
    results: list[DateMention] = []
    for start, end, _rank, name, match in found:
        if any(start < e and s < end for s, e in taken) or (name in _ANCHORED and not anchored):
            continue
        o_start, o_end = norm.origin(start, end)
        o_start, o_end = o_start + offset, o_end + offset
        anchor = _anchor(res, text, o_start, published) if name in _ANCHORED else None
        resolved = _resolve(name, match, grammar, pub, anchor)
        if resolved is None:
            continue
        taken.append((start, end))
        first, last, kind, relative = resolved
        results.append(DateMention(Span(o_start, o_end, text[o_start:o_end]), first, last, kind, relative))
    results.sort(key=lambda d: (d.span.start, d.span.end))
    return results


_Resolved = tuple[str | None, str | None, str, bool]


def _anchor(res: Resources, text: str, before: int, published: str | None) -> str | None:
    """The last day, month or year of the date named last before offset ``before`` (within a paragraph or so)."""
    lo = max(0, before - ANCHOR_CHARS)
    earlier = [d for d in _find(res, text, Span(lo, before, text[lo:before]), published, anchored=False) if d.start]
    return (earlier[-1].end or earlier[-1].start) if earlier else None


def _resolve(name: str, m: re.Match, g: _Grammar, pub: _Pub | None, anchor: str | None = None) -> _Resolved | None:
    """Dates for one match, or ``None`` when the match is not a date after all.

    ``anchor`` is the date named last before the match, for the expressions resolved against it.
    """
    groups = m.groupdict()
    lead = groups.get("lead")
    since = lead in g.since
    if name in ("range2", "range1", "day", "month", "mrange"):
        return _resolve_calendar(name, groups, g, pub, since)
    if name == "year":
        if not (lead or groups.get("part") or groups.get("yw")):
            return None
        year = groups["y1"]
        return _finish(year, year, since, False, pub)
    if name in ("period", "partperiod"):
        unit = g.periods[groups.get("per") or groups.get("per2") or groups["per3"]]
        word = groups.get("s1")
        shift = -1 if word in g.past else 1 if word in g.future else 0
        first, last = _period(unit, shift, pub)
        return _finish(first, last, since, True, pub)
    if name in ("wrange", "weekday"):
        word = groups.get("s1")
        first = _weekday(g.weekdays[groups["w1"]], pub, 1 if word in g.future else -1 if word in g.past else 0)
        last = _weekday(g.weekdays[groups["w2"]], pub) if groups.get("w2") else first
        if first and last and last < first:
            first = _iso(dt.date.fromisoformat(first) - dt.timedelta(days=7))
        return _finish(first, last, since, True, pub)
    if name in ("yesterday", "today"):
        day = pub.date if pub else None
        if day and name == "yesterday":
            day -= dt.timedelta(days=1)
        iso = _iso(day) if day else None
        return _finish(iso, iso, since, True, pub)
    if name == "numeric":
        parts = (groups["ny"], groups["nm"], groups["nd"]) if groups.get("ny") else (groups["iy"], groups["im"],
                                                                                        groups["id"])
        year, month, day_ = (int(p) for p in parts)
        if not 1 <= month <= 12 or not _valid(year, month, day_):
            return None
        iso = _iso(dt.date(year, month, day_))
        return iso, iso, "point", False
    if name == "sameyear":
        year = int(anchor[:4]) if anchor else pub.year if pub else None
        if year is None:
            return None, None, "point", True
        iso = f"{year:04d}-{_month_numbers(groups['m1'], g)[0]:02d}"
        return _finish(iso, iso, since, anchor is None, pub)
    if name == "later":
        if anchor is None:
            return None
        iso = _after(anchor, *_count_and_unit(groups, g, "l"))
        return (iso, iso, "point", False) if iso else None
    if name == "ago":
        iso = _ago(*_count_and_unit(groups, g, "a"), pub)
        return iso, iso, "point", True
    return None


def _ago(count: int, unit: str, pub: _Pub | None) -> str | None:
    """The day, month or year ``count`` units before publication, at the precision publication allows."""
    if pub is None:
        return None
    if unit == "year":
        return str(pub.year - count)
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



def _count_and_unit(groups: dict[str, str], g: Any, prefix: str) -> tuple[int, str]:
    """The count and unit of a span of time (``بعد شهرين``, ``قبل ثلاثة أيام``).

    Read from the groups named ``prefix`` + ``d`` (a dual), ``s`` (a unit
    alone: one), ``n`` (a number or a number word) and ``u`` (the unit).
    """
    if groups.get(prefix + "d"):
        return 2, g.duals[groups[prefix + "d"]]
    if groups.get(prefix + "s"):
        return 1, g.singles[groups[prefix + "s"]]
    raw = groups[prefix + "n"]
    return (int(raw) if raw.isdigit() else g.counts[raw]), g.units[groups[prefix + "u"]]

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


def _month_numbers(text: str, g: _Grammar) -> list[int]:
    return [g.months[re.sub(r"\s+", " ", n)] for n in g.month_re.findall(text)]


def _resolve_calendar(name: str, groups: dict, g: _Grammar, pub: _Pub | None, since: bool) -> _Resolved | None:
    names1 = g.month_re.findall(groups["m1"])
    if name == "month" and len(names1) == 1 and re.sub(r"\s+", " ", names1[0]) in g.ambiguous:
        if not (groups.get("lead") or groups.get("part") or groups.get("y1") or groups.get("s1")):
            return None
    if any(_two_months(groups.get(key), g) for key in ("m1", "m2")):
        return None
    month1 = _month_numbers(groups["m1"], g)[0]
    day1 = _day(groups, 1, g) if name not in ("month", "mrange") else 1
    if name == "range1":
        day2 = _day(groups, 2, g)
        suffix = groups.get("s1")
        year, relative = _month_year(month1, groups.get("y1"), suffix, g, pub)
        if year is None:
            return None, None, "range", True
        if not (_valid(year, month1, day1) and _valid(year, month1, day2)) or day2 < day1:
            return None
        return _iso(dt.date(year, month1, day1)), _iso(dt.date(year, month1, day2)), "range", relative
    if name in ("range2", "mrange"):
        month2 = _month_numbers(groups["m2"], g)[0]
        day2 = _day(groups, 2, g) if name == "range2" else 1
        suffix = groups.get("s2")
        year2, rel2 = _month_year(month2, groups.get("y2"), suffix, g, pub)
        if groups.get("y1"):
            year1, rel1 = int(groups["y1"]), False
        elif year2 is not None:
            year1, rel1 = (year2 if month1 <= month2 else year2 - 1), rel2
        else:
            year1, rel1 = _month_year(month1, None, None, g, pub)
            if year1 is not None and not groups.get("y2"):
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
    year, relative = _month_year(month1, groups.get("y1"), groups.get("s1"), g, pub, past=since)
    if year is None:
        return None, None, "since" if since else "point", True
    if name == "day":
        if not _valid(year, month1, day1):
            return None
        iso = _iso(dt.date(year, month1, day1))
    else:
        iso = f"{year:04d}-{month1:02d}"
    return _finish(iso, iso, since, relative, pub)


def _two_months(names: str | None, g: _Grammar) -> bool:
    """Whether a month written with a dash names two different months ("يوليو - أغسطس": a range)."""
    return bool(names) and bool(re.search(r"[-–]", names)) and len(set(_month_numbers(names, g))) > 1


def _day(groups: dict, n: int, g: _Grammar) -> int:
    if groups.get(f"dn{n}"):
        return int(groups[f"dn{n}"])
    return g.ordinals[re.sub(r"\s+", " ", groups.get(f"do{n}") or "")]


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
