"""Merging the flows and events of a corpus into routes and merged events.

The same flow reported by several articles becomes one :class:`Route`
(supplier, recipient, commodity), carrying every report, the number of
independent sources, the union of claims and denials, the quantities and
weapons named, the first and last dates, and a status. The same event
reported by several articles (same kind of happening, same place,
overlapping dates) becomes one :class:`MergedEvent`.

Independent sources are distinct articles, except that articles of one
outlet (``Article.outlet``) count once.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import replace

from geomap.extraction.events import date_interval, dates_overlap, event_group, join_dates
from geomap.model import Article, ArticleExtraction, Event, Flow, MergedEvent, Place, Route

__all__ = ["merge_flows", "merge_events", "source_key"]

# Two reported places this close are the same place.
SAME_PLACE_KM = 50.0
_SPECIFICITY = {"facility": 4, "city": 3, "other": 2, "region": 1, "country": 0}
_STATUS_ORDER = ("asserted", "speculative", "historical")


def source_key(article: Article) -> str:
    """What makes a source independent: its outlet when known, else the article itself.

    >>> from geomap.model import Article
    >>> source_key(Article("a1", "", outlet="Elaph")), source_key(Article("a2", ""))
    ('outlet:elaph', 'article:a2')

    """
    if article.outlet and article.outlet.strip():
        return "outlet:" + article.outlet.strip().casefold()
    return "article:" + article.id


def _union(groups: Iterable[Iterable[str]]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(item for group in groups for item in group if item))


def _status(statuses: Iterable[str]) -> str:
    seen = set(statuses)
    return next((s for s in _STATUS_ORDER if s in seen), "asserted")


def _first_date(dates: Iterable[str | None]) -> str | None:
    known = [d for d in dates if d]
    return min(known, key=lambda d: (date_interval(d)[0], -len(d))) if known else None


def _last_date(dates: Iterable[str | None]) -> str | None:
    known = [d for d in dates if d]
    return max(known, key=lambda d: (date_interval(d)[1], len(d))) if known else None


def _best_place(places: Iterable[Place | None]) -> Place | None:
    """The place reported most often, the most specific first on a tie, then the first reported."""
    counts: dict[str, int] = {}
    first: dict[str, tuple[int, Place]] = {}
    for n, place in enumerate(places):
        if place is None:
            continue
        counts[place.id] = counts.get(place.id, 0) + 1
        first.setdefault(place.id, (n, place))
    if not counts:
        return None
    best = max(counts, key=lambda pid: (counts[pid], _SPECIFICITY.get(first[pid][1].kind, 0), -first[pid][0]))
    return first[best][1]


def merge_flows(extractions: Iterable[ArticleExtraction]) -> list[Route]:
    """One route per (supplier, recipient, commodity), ordered by id.

    Parameters
    ----------
    extractions : iterable of ArticleExtraction
        The articles of a corpus, in corpus order.

    Returns
    -------
    list of Route
        ``id`` is ``"{supplier}-{recipient}-{commodity}"`` (``"KP-RU-munitions"``);
        ``flows`` lists every report as (article id, flow) in corpus order.
    """
    reports: dict[tuple[str, str, str], list[tuple[Article, Flow]]] = {}
    for extraction in extractions:
        for flow in extraction.flows:
            key = (flow.supplier, flow.recipient, flow.commodity)
            reports.setdefault(key, []).append((extraction.article, flow))
    routes = []
    for (supplier, recipient, commodity), items in reports.items():
        flows = [f for _a, f in items]
        routes.append(Route(
            id=f"{supplier}-{recipient}-{commodity}",
            supplier=supplier,
            recipient=recipient,
            commodity=commodity,
            flows=tuple((a.id, f) for a, f in items),
            origin=_best_place(f.origin for f in flows),
            destination=_best_place(f.destination for f in flows),
            weapons=_union([f.weapon] if f.weapon else [] for f in flows),
            sources=len({source_key(a) for a, _f in items}),
            claimed_by=_union(f.claimed_by for f in flows),
            denied_by=_union(f.denied_by for f in flows),
            quantities=tuple(dict.fromkeys(f.quantity for f in flows if f.quantity is not None)),
            first_date=_first_date(f.date_start for f in flows),
            last_date=_last_date(f.date_end or f.date_start for f in flows),
            status=_status(f.status for f in flows),
            articles=tuple(dict.fromkeys(a.id for a, _f in items)),
        ))
    routes.sort(key=lambda r: r.id)
    return routes


# ---------------------------------------------------------------------------
# Events.


def _km(a: Place, b: Place) -> float:
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _same_place(a: Place | None, b: Place | None) -> bool:
    if a is None or b is None:
        return False
    if a.id == b.id:
        return True
    if a.kind == "country" or b.kind == "country":
        return False
    return _km(a, b) <= SAME_PLACE_KM


# Undated reports of these groups are never one event across articles: each
# article's undated denial answers its own allegation.
_SPEECH_GROUPS = frozenset({"denial", "accusation", "statement"})


def _group(event_type: str) -> str:
    """The group of an event type, as the default vocabulary groups them."""
    from geomap.resources import default_resources

    return event_group(default_resources(), event_type)


def _same_event(a: Event, b: Event) -> bool:
    if _group(a.type) != _group(b.type) or not _same_place(a.place, b.place):
        return False
    if bool(a.date_start) != bool(b.date_start):
        return False
    if not a.date_start and _group(a.type) in _SPEECH_GROUPS:
        return False
    return dates_overlap((a.date_start, a.date_end), (b.date_start, b.date_end))


def _slug(text: str) -> str:
    """A place name for an id: ASCII letters and digits, accents dropped (``Ālbū Kamāl`` -> ``albu-kamal``)."""
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^0-9a-z]+", "-", ascii_.casefold()).strip("-") or "place"


def merge_events(extractions: Iterable[ArticleExtraction]) -> list[MergedEvent]:
    """The same event reported by several articles becomes one, in date order.

    Two reports are the same event when their types belong to one group
    (a visit and the talks it held), they stand at the same place (within
    50 km) and their dates overlap (or both are undated, except denials,
    accusations and statements). Events without a place are never merged
    across articles. One article reports an event
    once: its own events never merge with each other.

    Returns
    -------
    list of MergedEvent
        ``id`` is stable (``"visit-tehran-2024-04"``); ``event`` is the
        representative report with the dates, actors, claims, denials and
        status of all reports; ``sources`` counts independent sources.
    """
    clusters: list[_Cluster] = []
    index: dict[tuple[str, str], _ClusterIndex] = {}
    for extraction in extractions:
        article = extraction.article
        for event in extraction.events:
            home = None
            if event.place is not None:
                key = (_group(event.type), event.place.country)
                slot = index.setdefault(key, _ClusterIndex())
                home = next((c for c in slot.candidates(event) if article.id not in c.articles
                             and _same_event(c.reports[0][1], event)), None)
            if home is None:
                home = _Cluster(len(clusters))
                clusters.append(home)
                if event.place is not None:
                    slot.add(home, event)
            home.reports.append((article, event))
            home.articles.add(article.id)
    merged = [_merged(cluster.reports) for cluster in clusters]
    merged.sort(key=lambda m: (_sort_day(m.event), m.event.type, m.id))
    return _unique_ids(merged)


class _Cluster:
    """The reports of one event, in corpus order, and the articles among them."""

    __slots__ = ("number", "reports", "articles")

    def __init__(self, number: int) -> None:
        self.number = number
        self.reports: list[tuple[Article, Event]] = []
        self.articles: set[str] = set()


def _months(event: Event) -> range:
    """The months (as ``year * 12 + month``) that the dates of a dated event touch."""
    first, last = date_interval(event.date_start)[0], date_interval(event.date_end or event.date_start)[1]
    first, last = min(first, last), max(first, last)
    return range(first.year * 12 + first.month, last.year * 12 + last.month + 1)


class _ClusterIndex:
    """The placed clusters of one (event group, country), found by the months of their first report.

    A report can only join a cluster whose first report shares a day with it
    (:func:`_same_event`), hence a month; undated reports only join undated
    clusters, and undated denials, accusations and statements join none.
    """

    __slots__ = ("undated", "by_month")

    def __init__(self) -> None:
        self.undated: list[_Cluster] = []
        self.by_month: dict[int, list[_Cluster]] = {}

    def add(self, cluster: _Cluster, first: Event) -> None:
        if not first.date_start:
            if _group(first.type) not in _SPEECH_GROUPS:
                self.undated.append(cluster)
            return
        for month in _months(first):
            self.by_month.setdefault(month, []).append(cluster)

    def candidates(self, event: Event) -> list[_Cluster]:
        """The clusters ``event`` may join, oldest first."""
        if not event.date_start:
            return self.undated
        found: dict[int, _Cluster] = {}
        for month in _months(event):
            for cluster in self.by_month.get(month, ()):
                found.setdefault(cluster.number, cluster)
        return [found[n] for n in sorted(found)] if len(found) > 1 else list(found.values())


def _sort_day(event: Event) -> dt.date:
    return date_interval(event.date_start)[0] if event.date_start else dt.date.max


def _merged(cluster: list[tuple[Article, Event]]) -> MergedEvent:
    events = [e for _a, e in cluster]
    rep = events[max(range(len(events)), key=lambda n: (
        _SPECIFICITY.get(events[n].place.kind, 0) if events[n].place else -1,
        len(events[n].date_start or ""),
        -n,
    ))]
    dated = [(e.date_start, e.date_end or e.date_start) for e in events if e.date_start]
    start, end = (rep.date_start, rep.date_end)
    if dated:
        start, end = dated[0]
        for other in dated[1:]:
            start, end = join_dates((start, end), other)
    event = replace(
        rep,
        date_start=start,
        date_end=end,
        actors=_union(e.actors for e in events),
        claimed_by=_union(e.claimed_by for e in events),
        denied_by=_union(e.denied_by for e in events),
        status=_status(e.status for e in events),
    )
    place = _slug(event.place.name) if event.place else "unplaced"
    day = event.date_start or "undated"
    return MergedEvent(
        id=f"{event.type}-{place}-{day}",
        event=event,
        reports=tuple((a.id, e) for a, e in cluster),
        sources=len({source_key(a) for a, _e in cluster}),
    )


def _unique_ids(merged: list[MergedEvent]) -> list[MergedEvent]:
    seen: dict[str, int] = {}
    result = []
    for m in merged:
        n = seen.get(m.id, 0) + 1
        seen[m.id] = n
        result.append(m if n == 1 else replace(m, id=f"{m.id}-{n}"))
    return result
