"""Route and event layers as GeoDataFrames (the fifth stage).

:func:`build_layers` turns the extractions of a corpus into four layers, each a
:class:`geopandas.GeoDataFrame` in EPSG:4326 whose columns keep their real types:

``places`` (Point)
    every place the corpus names, with its number of mentions.
``events`` (Point)
    merged events that have a place; undated events keep ``start``/``end`` empty.
``routes`` (LineString / MultiLineString)
    merged flows, drawn as great-circle arcs bent slightly to the right of the
    direction of travel, so that opposite and parallel routes between the same
    two places stay apart.
``countries`` (Polygon / MultiPolygon)
    the countries involved in the corpus, with their role in its flows.

Dates are ``datetime64`` (a partial date such as ``2023-07`` is the first day
of its period, with ``"year"``, ``"month"`` or ``"day"`` in the column
``{name}_precision``; ``start`` and ``end`` are the first and last days
covered), lists are Python lists, quantities are records with a numeric
``value`` and evidence is a list of records, one per report, naming the article
cited: ``{"article", "title", "source", "outlet", "url", "published", "start",
"end", "text"}`` (see :data:`COLUMN_KINDS`). GeoParquet keeps these types;
GeoJSON and GeoPackage hold the simple-type encoding of
:func:`geomap.io.export.flat_layer` (ISO text dates, ``"; "``-joined lists, JSON
evidence). Row order and ids are stable: the same extractions give the same
layers.
"""

from __future__ import annotations

import calendar
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import geopandas as gpd
import numpy as np
import pandas as pd
from pyproj import Geod
from shapely.geometry import LineString, MultiLineString, Point, shape

from geomap.corpus.aggregate import Aggregate, _is_code
from geomap.model import ArticleExtraction, Event, MergedEvent, Place, Quantity, Route

if TYPE_CHECKING:
    from geomap.annotate.gazetteer import Gazetteer

__all__ = [
    "CRS",
    "PLACE_COLUMNS",
    "EVENT_COLUMNS",
    "ROUTE_COLUMNS",
    "COUNTRY_COLUMNS",
    "COLUMN_KINDS",
    "PRECISIONS",
    "LAYER_NAMES",
    "Layers",
    "build_layers",
    "route_geometry",
    "period_days",
    "summarise_quantities",
    "quantity_record",
    "quantity_text",
    "world_countries",
]

CRS = "EPSG:4326"
LAYER_NAMES = ("places", "events", "routes", "countries")

#: Column order of each layer (``geometry`` last).
PLACE_COLUMNS = ("id", "name", "kind", "country", "mentions", "articles", "geometry")
EVENT_COLUMNS = (
    "id", "type", "place", "country", "actors", "date_start", "date_start_precision", "date_end",
    "date_end_precision", "start", "end", "status", "claimed_by", "denied_by", "sources", "articles", "evidence",
    "summary", "geometry",
)
ROUTE_COLUMNS = (
    "id", "supplier", "recipient", "commodity", "weapons", "quantities", "sources", "claimed_by", "denied_by",
    "status", "denied", "first_date", "first_date_precision", "last_date", "last_date_precision", "start", "end",
    "articles", "evidence", "summary", "origin", "destination", "geometry",
)
COUNTRY_COLUMNS = ("code", "name", "role", "flows_out", "flows_in", "events", "geometry")

#: The type of each column that is not a string (or missing): ``"int"``, ``"bool"``, ``"date"``
#: (``datetime64``; missing is ``NaT``), ``"list"`` (a list of strings), ``"quantities"`` (a list of
#: ``{"value": float, "unit": str | None, "qualifier": str | None}``) and ``"records"`` (a list of
#: dicts: the evidence).
COLUMN_KINDS = {
    "mentions": "int", "sources": "int", "flows_out": "int", "flows_in": "int", "events": "int",
    "denied": "bool",
    "date_start": "date", "date_end": "date", "first_date": "date", "last_date": "date", "start": "date", "end": "date",
    "articles": "list", "actors": "list", "claimed_by": "list", "denied_by": "list", "weapons": "list",
    "quantities": "quantities",
    "evidence": "records",
}
#: The precision of a partial date, in the column ``{date column}_precision``.
PRECISIONS = ("year", "month", "day")
#: The unit of the date columns.
DATE_DTYPE = "datetime64[us]"

_GEOD = Geod(ellps="WGS84")
_QUALIFIERS = {
    "more_than": "more than",
    "about": "about",
    "less_than": "less than",
    "at_least": "at least",
    "up_to": "up to",
}
_EVENT_NAMES = {
    "visit": "Visit", "meeting": "Meeting", "summit": "Summit", "flight": "Flight", "shipment": "Shipment",
    "transfer": "Transfer", "exhibition": "Exhibition", "statement": "Statement", "accusation": "Accusation",
    "denial": "Denial", "sanction": "Sanction", "attack": "Attack", "test": "Test",
}


@dataclass
class Layers:
    """The map layers of a corpus.

    Attributes
    ----------
    places, events, routes, countries : geopandas.GeoDataFrame
        The four layers in EPSG:4326, columns as in :data:`PLACE_COLUMNS`,
        :data:`EVENT_COLUMNS`, :data:`ROUTE_COLUMNS` and :data:`COUNTRY_COLUMNS`.
    corpus : dict
        ``name``, ``articles`` (number of articles), ``first_published`` and
        ``last_published`` (publication dates), ``first_date`` and
        ``last_date`` (first and last ISO days of the events and routes),
        and the number of rows of each layer.
    """

    places: gpd.GeoDataFrame
    events: gpd.GeoDataFrame
    routes: gpd.GeoDataFrame
    countries: gpd.GeoDataFrame
    corpus: dict[str, Any] = field(default_factory=dict)

    def items(self) -> list[tuple[str, gpd.GeoDataFrame]]:
        """``(name, layer)`` pairs in the order of :data:`LAYER_NAMES`."""
        return [(name, getattr(self, name)) for name in LAYER_NAMES]


def build_layers(
    extractions: Sequence[ArticleExtraction] | Aggregate,
    gazetteer: Gazetteer | None = None,
    corpus_name: str | None = None,
    *,
    routes: Sequence[Route] | None = None,
    events: Sequence[MergedEvent] | None = None,
) -> Layers:
    """The layers of a corpus.

    Parameters
    ----------
    extractions : sequence of ArticleExtraction, or Aggregate
        The articles of the corpus, in corpus order, or their
        :class:`~geomap.corpus.aggregate.Aggregate` (what a build from a store reads,
        without holding every extraction); both give the same layers.
    gazetteer : Gazetteer, optional
        Gives the capitals that anchor routes whose text names no place;
        :func:`geomap.annotate.gazetteer.default_gazetteer` by default.
    corpus_name : str, optional
        Stored in ``Layers.corpus["name"]``.
    routes, events : sequence of Route / MergedEvent, optional
        Already merged routes and events; by default merged from
        ``extractions`` with :func:`geomap.corpus.merge.merge_flows` and
        :func:`geomap.corpus.merge.merge_events`.

    Returns
    -------
    Layers
        Four GeoDataFrames in EPSG:4326 and a summary of the corpus.

    Examples
    --------
    >>> from geomap.model import Article, ArticleExtraction
    >>> layers = build_layers([ArticleExtraction(Article("a", "text", published="2024-05"))], corpus_name="demo")
    >>> layers.corpus["articles"], layers.corpus["first_published"]
    (1, '2024-05')
    >>> list(layers.routes.columns)[:4]
    ['id', 'supplier', 'recipient', 'commodity']
    """
    if isinstance(extractions, Aggregate):
        aggregate = extractions
        articles = aggregate.articles()
    else:
        extractions = list(extractions)
        aggregate = Aggregate.of(extractions)
        articles = {x.article.id: x.article for x in extractions}
    if routes is None or events is None:
        from geomap.corpus import merge

        reports = aggregate.extractions()
        if routes is None:
            routes = merge.merge_flows(reports)
        if events is None:
            events = merge.merge_events(reports)
        del reports
    if gazetteer is None and any(r.origin is None or r.destination is None for r in routes):
        from geomap.annotate.gazetteer import default_gazetteer

        gazetteer = default_gazetteer()

    places = _places_layer(aggregate)
    events_layer = _events_layer(events, articles)
    routes_layer, unmapped = _routes_layer(routes, articles, gazetteer)
    countries = _countries_layer(places, events_layer, routes_layer, aggregate.actors)
    days = [
        _iso_day(d) for layer in (events_layer, routes_layer) for col in ("start", "end") for d in layer[col].dropna()
    ]
    corpus = {
        "name": corpus_name,
        "articles": aggregate.count,
        "first_published": aggregate.first_published,
        "last_published": aggregate.last_published,
        "first_date": min(days) if days else None,
        "last_date": max(days) if days else None,
        "places": len(places),
        "events": len(events_layer),
        "routes": len(routes_layer),
        "routes_unmapped": unmapped,
        "countries": len(countries),
    }
    return Layers(places=places, events=events_layer, routes=routes_layer, countries=countries, corpus=corpus)


# ---------------------------------------------------------------------------------------------------------------------
# dates


_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def period_days(date_start: str | None, date_end: str | None = None) -> tuple[str | None, str | None]:
    """The first and last ISO days of the period from ``date_start`` to ``date_end``.

    Dates are ISO 8601 at any precision (``2023``, ``2023-08``, ``2023-08-01``);
    a missing end closes the period at the end of ``date_start``, and a
    missing start opens it at the beginning of ``date_end``.

    Examples
    --------
    >>> period_days("2023-07-25", "2023-07-27")
    ('2023-07-25', '2023-07-27')
    >>> period_days("2024-02")
    ('2024-02-01', '2024-02-29')
    >>> period_days(None, "2023")
    ('2023-01-01', '2023-12-31')
    >>> period_days(None)
    (None, None)
    """
    first = _first_day(date_start) or _first_day(date_end)
    last = _last_day(date_end) or _last_day(date_start)
    if first and last and last < first:
        last = _last_day(date_start) or first
    return first, last


def _parts(date: str | None) -> tuple[int, int | None, int | None] | None:
    match = _DATE.match(date or "")
    if not match:
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    if month is not None and not 1 <= month <= 12:
        month = day = None
    if day is not None and month is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
        day = None
    return year, month, day


def _first_day(date: str | None) -> str | None:
    parts = _parts(date)
    if parts is None:
        return None
    year, month, day = parts
    return f"{year:04d}-{month or 1:02d}-{day or 1:02d}"


def _last_day(date: str | None) -> str | None:
    parts = _parts(date)
    if parts is None:
        return None
    year, month, day = parts
    month = month or 12
    return f"{year:04d}-{month:02d}-{day or calendar.monthrange(year, month)[1]:02d}"


def _precision(date: str | None) -> str | None:
    """``"year"``, ``"month"`` or ``"day"``: how precise an ISO date is; ``None`` when it is not one."""
    parts = _parts(date)
    if parts is None:
        return None
    return PRECISIONS[sum(p is not None for p in parts) - 1]


def _iso_day(value: Any) -> str:
    return pd.Timestamp(value).strftime("%Y-%m-%d")


def _period_text(first: str | None, last: str | None) -> str:
    if not first and not last:
        return ""
    if not first or not last or first == last:
        return first or last or ""
    return f"{first} – {last}"


# ---------------------------------------------------------------------------------------------------------------------
# places


def _places_layer(aggregate: Aggregate) -> gpd.GeoDataFrame:
    tallies = aggregate.places
    rows = [
        {
            "id": pid,
            "name": tallies[pid].place.name,
            "kind": tallies[pid].place.kind,
            "country": tallies[pid].place.country,
            "mentions": tallies[pid].mentions,
            "articles": tallies[pid].article_ids(),
            "geometry": Point(tallies[pid].place.lon, tallies[pid].place.lat),
        }
        for pid in sorted(tallies)
    ]
    return _frame(rows, PLACE_COLUMNS)


# ---------------------------------------------------------------------------------------------------------------------
# events


def _evidence(article_id: str, span, articles: dict) -> dict:
    article = articles.get(article_id)
    source = ""
    title = outlet = url = published = None
    if article is not None:
        title, outlet, url, published = article.title, article.outlet, article.url, article.published
        source = article.outlet or article.url or (Path(article.source).name if article.source else "")
    return {
        "article": article_id,
        "title": title,
        "source": source,
        "outlet": outlet,
        "url": url,
        "published": published,
        "start": span.start,
        "end": span.end,
        "text": span.text,
    }


def _union(groups) -> list[str]:
    return list(dict.fromkeys(item for group in groups for item in group))


def _event_summary(event: Event, actors: list[str]) -> str:
    parts = [_EVENT_NAMES.get(event.type, event.type.capitalize())]
    if event.place is not None:
        place = event.place.name
        if event.place.kind != "country" and event.place.country:
            place += f" ({event.place.country})"
        parts.append(place)
    head = ", ".join(parts)
    period = _period_text(event.date_start or event.date_end, event.date_end or event.date_start)
    if period:
        head += f", {period}"
    if actors:
        head += f"; actors {', '.join(actors)}"
    return head


def _events_layer(events: Sequence[MergedEvent], articles: dict) -> gpd.GeoDataFrame:
    rows = []
    for merged in events:
        event = merged.event
        if event.place is None:
            continue
        reports = merged.reports or (("", event),)
        first, last = period_days(event.date_start, event.date_end)
        actors = _union([event.actors, *(e.actors for _, e in reports)])
        status = _merged_status(e.status for _, e in reports)
        rows.append(
            {
                "id": merged.id,
                "type": event.type,
                "place": event.place.name,
                "country": event.place.country,
                "actors": actors,
                "date_start": _first_day(event.date_start),
                "date_start_precision": _precision(event.date_start),
                "date_end": _first_day(event.date_end),
                "date_end_precision": _precision(event.date_end),
                "start": first,
                "end": last,
                "status": status,
                "claimed_by": _union(e.claimed_by for _, e in reports),
                "denied_by": _union(e.denied_by for _, e in reports),
                "sources": merged.sources,
                "articles": _union([a] for a, _ in reports if a),
                "evidence": [_evidence(a, e.evidence, articles) for a, e in reports],
                "summary": _event_summary(event, actors),
                "geometry": Point(event.place.lon, event.place.lat),
            }
        )
    return _frame(rows, EVENT_COLUMNS)


def _merged_status(statuses) -> str:
    statuses = list(statuses)
    for status in ("asserted", "speculative", "historical"):
        if status in statuses:
            return status
    return statuses[0] if statuses else "asserted"


# ---------------------------------------------------------------------------------------------------------------------
# routes


def _number(value: float) -> str:
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


#: When reports give the same number, the one saying "more than" or "at least" says more.
_QUALIFIER_RANK = {"more_than": 3, "at_least": 2, None: 1, "about": 1, "up_to": 0, "less_than": 0}


def summarise_quantities(quantities: Sequence[Quantity]) -> list[Quantity]:
    """The largest reported quantity of each unit, units in the order first reported.

    Examples
    --------
    >>> reports = [Quantity(1e6, "shells"), Quantity(1e6, "shells", "more_than"), Quantity(300, "drones")]
    >>> [(q.unit, q.qualifier) for q in summarise_quantities(reports)]
    [('shells', 'more_than'), ('drones', None)]
    """
    best: dict[str | None, Quantity] = {}
    for quantity in quantities:
        current = best.get(quantity.unit)
        key = (quantity.value, _QUALIFIER_RANK.get(quantity.qualifier, 1))
        if current is None or key > (current.value, _QUALIFIER_RANK.get(current.qualifier, 1)):
            best[quantity.unit] = quantity
    return list(best.values())


def quantity_record(quantity: Quantity) -> dict[str, Any]:
    """A quantity as a record of the ``quantities`` column: numeric ``value``, ``unit`` and ``qualifier``.

    Examples
    --------
    >>> quantity_record(Quantity(1000, "shells", "more_than"))
    {'value': 1000.0, 'unit': 'shells', 'qualifier': 'more_than'}
    """
    return {"value": float(quantity.value), "unit": quantity.unit, "qualifier": quantity.qualifier}


def quantity_text(quantity: Quantity | dict) -> str:
    """A quantity in words, from a :class:`~geomap.model.Quantity` or a record of :func:`quantity_record`.

    Examples
    --------
    >>> quantity_text({"value": 1000000.0, "unit": "shells", "qualifier": "more_than"})
    'more than 1,000,000 shells'
    """
    if isinstance(quantity, dict):
        quantity = Quantity(quantity["value"], quantity.get("unit"), quantity.get("qualifier"))
    parts = []
    if quantity.qualifier:
        parts.append(_QUALIFIERS.get(quantity.qualifier, quantity.qualifier.replace("_", " ")))
    parts.append(_number(quantity.value))
    if quantity.unit:
        parts.append(quantity.unit)
    return " ".join(parts)


def _country_name(code: str) -> str:
    countries = world_countries()
    name = countries.get(code, {}).get("name") if countries else None
    return name or code


def _route_summary(route: Route, quantities: list[str], first: str | None, last: str | None) -> str:
    text = f"{_country_name(route.supplier)} → {_country_name(route.recipient)}: {route.commodity}"
    if route.weapons:
        text += f" ({', '.join(route.weapons)})"
    parts = [text]
    if quantities:
        parts.append(", ".join(quantities))
    period = _period_text(route.first_date or first, route.last_date or last)
    if period:
        parts.append(period)
    if route.claimed_by:
        parts.append(f"claimed by {', '.join(route.claimed_by)}")
    if route.denied_by:
        parts.append(f"denied by {', '.join(route.denied_by)}")
    return "; ".join(parts)


def _anchor(place: Place | None, code: str, gazetteer: Gazetteer | None) -> tuple[str, float, float] | None:
    """The point a route end is drawn at: its place, the capital, the country."""
    if place is not None:
        return place.name, place.lon, place.lat
    if gazetteer is not None:
        for candidate in (_capital(gazetteer, code), gazetteer.country(code)):
            if candidate is not None:
                return candidate.name, candidate.lon, candidate.lat
    country = world_countries().get(code)
    if country is not None:
        return country["name"], country["lon"], country["lat"]
    return None


def _capital(gazetteer: Gazetteer, code: str) -> Place | None:
    capital = getattr(gazetteer, "capital", None)
    return capital(code) if capital is not None else None


def _routes_layer(routes: Sequence[Route], articles: dict, gazetteer: Gazetteer | None) -> tuple[gpd.GeoDataFrame, int]:
    anchored = []
    unmapped = 0
    for route in routes:
        origin = _anchor(route.origin, route.supplier, gazetteer)
        destination = _anchor(route.destination, route.recipient, gazetteer)
        if origin is None or destination is None or (origin[1:] == destination[1:]):
            unmapped += 1
            continue
        anchored.append((route, origin, destination))
    lanes = _lanes([(o[1:], d[1:], r.id) for r, o, d in anchored])
    rows = []
    for (route, origin, destination), lane in zip(anchored, lanes, strict=True):
        first, last = period_days(route.first_date, route.last_date)
        quantities = summarise_quantities(route.quantities)
        flows = route.flows
        rows.append(
            {
                "id": route.id,
                "supplier": route.supplier,
                "recipient": route.recipient,
                "commodity": route.commodity,
                "weapons": list(route.weapons),
                "quantities": [quantity_record(q) for q in quantities],
                "sources": route.sources,
                "claimed_by": list(route.claimed_by),
                "denied_by": list(route.denied_by),
                "status": route.status,
                "denied": bool(route.denied_by),
                "first_date": _first_day(route.first_date),
                "first_date_precision": _precision(route.first_date),
                "last_date": _first_day(route.last_date),
                "last_date_precision": _precision(route.last_date),
                "start": first,
                "end": last,
                "articles": list(route.articles or tuple(_union([a] for a, _ in flows))),
                "evidence": [_evidence(a, f.evidence, articles) for a, f in flows],
                "summary": _route_summary(route, [quantity_text(q) for q in quantities], first, last),
                "origin": origin[0],
                "destination": destination[0],
                "geometry": route_geometry(origin[1:], destination[1:], lane=lane[0], bend=_bend_step(lane[1])),
            }
        )
    return _frame(rows, ROUTE_COLUMNS), unmapped


#: Sideways bend per lane as a fraction of a route's length, and the most any route bends.
BEND_STEP = 0.06
BEND_MAX = 0.3


def _bend_step(lanes: int) -> float:
    """The bend per lane when ``lanes`` routes share two ends: they fan out within :data:`BEND_MAX`."""
    return min(BEND_STEP, BEND_MAX / max(lanes, 1))


def _lanes(ends: list[tuple[tuple[float, float], tuple[float, float], str]]) -> list[tuple[int, int]]:
    """A lane (1, 2, ...) per route among routes in the same direction between the same two points, and their number.

    Routes are bent to the right of their direction of travel by an amount
    growing with the lane, so A→B and B→A bend to opposite sides, and parallel
    routes (other commodities) fan out. Lanes follow route ids, not input order.
    """
    groups: dict[tuple, list[tuple[str, int]]] = {}
    for i, (a, b, rid) in enumerate(ends):
        key = (_key(a), _key(b))
        groups.setdefault(key, []).append((rid, i))
    lanes = [(1, 1)] * len(ends)
    for members in groups.values():
        for lane, (_, i) in enumerate(sorted(members), start=1):
            lanes[i] = (lane, len(members))
    return lanes


def _key(point: tuple[float, float]) -> tuple[float, float]:
    return round(point[0], 3), round(point[1], 3)


def route_geometry(
    origin: tuple[float, float],
    destination: tuple[float, float],
    lane: int = 1,
    *,
    spacing_km: float = 100.0,
    max_points: int = 256,
    bend: float = BEND_STEP,
) -> LineString | MultiLineString:
    """A great-circle path from ``origin`` to ``destination``, bent sideways, split at ±180°.

    Parameters
    ----------
    origin, destination : (lon, lat)
        The ends of the path in WGS84 degrees.
    lane : int
        Bends the path to the right of the direction of travel by
        ``lane * bend`` of its length at the middle (0 gives the plain great
        circle), so that opposite and parallel routes do not overlap.
    spacing_km : float
        About one point per ``spacing_km`` along the path.
    max_points : int
        At most this many points (and at least 8).
    bend : float
        Sideways offset at the middle per lane, as a fraction of the length.

    Returns
    -------
    LineString or MultiLineString
        A MultiLineString when the path crosses the antimeridian.

    Examples
    --------
    >>> line = route_geometry((125.75, 39.03), (37.62, 55.75), lane=0)
    >>> line.geom_type, len(line.coords) > 8
    ('LineString', True)
    >>> route_geometry((170.0, -40.0), (-150.0, -20.0)).geom_type
    'MultiLineString'
    """
    lon1, lat1 = origin
    lon2, lat2 = destination
    _, _, distance = _GEOD.inv(lon1, lat1, lon2, lat2)
    count = int(min(max(distance / (spacing_km * 1000.0), 8), max_points))
    inner = _GEOD.npts(lon1, lat1, lon2, lat2, count - 1) if count > 1 else []
    points = [(lon1, lat1), *inner, (lon2, lat2)]
    if lane and distance > 0:
        points = _bend(points, distance * bend * lane)
    return _split_antimeridian(points)


def _bend(points: list[tuple[float, float]], offset_m: float) -> list[tuple[float, float]]:
    """Move inner points to the right of travel by ``offset_m * sin(pi t)``."""
    n = len(points) - 1
    if n < 2:
        return points
    lons = np.array([p[0] for p in points])
    lats = np.array([p[1] for p in points])
    azimuths, _, _ = _GEOD.inv(lons[1:-1], lats[1:-1], lons[2:], lats[2:])
    shifts = offset_m * np.sin(np.pi * np.arange(1, n) / n)
    blons, blats, _ = _GEOD.fwd(lons[1:-1], lats[1:-1], np.asarray(azimuths) + 90.0, shifts)
    return [points[0], *zip(blons.tolist(), blats.tolist(), strict=True), points[-1]]


def _wrap(lon: float) -> float:
    return (lon + 180.0) % 360.0 - 180.0 if not -180.0 <= lon <= 180.0 else lon


def _split_antimeridian(points: list[tuple[float, float]]) -> LineString | MultiLineString:
    points = [(_wrap(lon), lat) for lon, lat in points]
    parts: list[list[tuple[float, float]]] = [[points[0]]]
    for (lon1, lat1), (lon2, lat2) in zip(points, points[1:], strict=False):
        if abs(lon2 - lon1) > 180.0:
            # cross at +-180: interpolate the latitude on the unwrapped segment
            edge = 180.0 if lon1 > 0 else -180.0
            lon2u = lon2 + 360.0 if lon1 > 0 else lon2 - 360.0
            t = (edge - lon1) / (lon2u - lon1)
            lat = lat1 + t * (lat2 - lat1)
            parts[-1].append((edge, lat))
            parts.append([(-edge, lat)])
        parts[-1].append((lon2, lat2))
    parts = [p for p in parts if len(p) >= 2]
    if len(parts) == 1:
        return LineString(parts[0])
    return MultiLineString(parts)


def continuous_line(geom) -> list[tuple[float, float]]:
    """The points of a route as one line whose longitudes never jump across the antimeridian.

    A route stored split at ±180° (a MultiLineString, as GIS software expects)
    becomes one path whose longitudes run on past 180° (or below -180°), so
    that consecutive points are never more than 180° of longitude apart and a
    map draws it as one continuous line.

    Parameters
    ----------
    geom : shapely LineString or MultiLineString
        A route geometry, such as one from :func:`route_geometry`.

    Returns
    -------
    list of (lon, lat)
        The points in order, starting at the first point of ``geom``; empty
        for an empty or missing geometry.

    Examples
    --------
    >>> [round(lon) for lon, _ in continuous_line(route_geometry((170.0, -40.0), (-150.0, -20.0), lane=0))][-1]
    210
    """
    if geom is None or geom.is_empty:
        return []
    parts = [geom] if geom.geom_type == "LineString" else list(geom.geoms)
    out: list[tuple[float, float]] = []
    for part in parts:
        for lon, lat, *_ in part.coords:
            if out:
                lon += 360.0 * round((out[-1][0] - lon) / 360.0)
                if (lon, lat) == out[-1]:
                    continue
            out.append((float(lon), float(lat)))
    return out


# ---------------------------------------------------------------------------------------------------------------------
# countries


@lru_cache(maxsize=1)
def world_countries() -> dict[str, dict]:
    """The bundled country outlines, by ISO alpha-2 code.

    Returns
    -------
    dict
        ``code -> {"name", "geometry" (GeoJSON dict), "lon", "lat"}`` where
        ``lon``/``lat`` is a point inside the outline; empty when the data is
        not bundled.
    """
    try:
        data = resources.files("geomap").joinpath("data/world/countries.geojson").read_text("utf-8")
    except (FileNotFoundError, OSError):
        return {}
    out = {}
    for feature in json.loads(data)["features"]:
        props = feature["properties"]
        point = props.get("point") or [None, None]
        out[props["code"]] = {
            "name": props["name"],
            "geometry": feature["geometry"],
            "lon": point[0],
            "lat": point[1],
        }
    return out


def _countries_layer(
    places: gpd.GeoDataFrame,
    events: gpd.GeoDataFrame,
    routes: gpd.GeoDataFrame,
    actor_codes: set[str],
) -> gpd.GeoDataFrame:
    flows_out: dict[str, int] = {}
    flows_in: dict[str, int] = {}
    for supplier, recipient in zip(routes["supplier"], routes["recipient"], strict=True):
        flows_out[supplier] = flows_out.get(supplier, 0) + 1
        flows_in[recipient] = flows_in.get(recipient, 0) + 1
    event_counts: dict[str, int] = {}
    for code in events["country"]:
        if code:
            event_counts[code] = event_counts.get(code, 0) + 1
    involved = set(flows_out) | set(flows_in) | set(event_counts)
    involved |= {c for c in places["country"] if c}
    for actors in events["actors"]:
        involved |= {a for a in actors if _is_code(a)}
    involved |= actor_codes
    world = world_countries()
    rows = []
    for code in sorted(involved):
        country = world.get(code)
        if country is None:
            continue
        out_, in_ = flows_out.get(code, 0), flows_in.get(code, 0)
        role = "both" if out_ and in_ else "supplier" if out_ else "recipient" if in_ else "mentioned"
        rows.append(
            {
                "code": code,
                "name": country["name"],
                "role": role,
                "flows_out": out_,
                "flows_in": in_,
                "events": event_counts.get(code, 0),
                "geometry": shape(country["geometry"]),
            }
        )
    return _frame(rows, COUNTRY_COLUMNS)


# ---------------------------------------------------------------------------------------------------------------------
# frames


def _frame(rows: list[dict], columns: Sequence[str]) -> gpd.GeoDataFrame:
    data = {}
    for name in columns[:-1]:
        values = [row[name] for row in rows]
        kind = COLUMN_KINDS.get(name)
        if kind == "int":
            data[name] = pd.Series(values, dtype="int64")
        elif kind == "bool":
            data[name] = pd.Series(values, dtype="bool")
        elif kind == "date":
            data[name] = pd.Series(np.array(values, dtype="datetime64[D]").astype(DATE_DTYPE), dtype=DATE_DTYPE)
        else:
            data[name] = pd.Series(values, dtype="object")
    geometry = gpd.GeoSeries([row["geometry"] for row in rows], crs=CRS)
    return gpd.GeoDataFrame(data, geometry=geometry, crs=CRS)
