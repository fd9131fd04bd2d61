"""The extraction record of ``geomap extract``: one JSON object per article.

The fields follow ``CONTRACT.md``; fields beyond it (``title``, ``published``,
``id``, ``weapon``, ``status``...) are additions, never renamings.
"""

from __future__ import annotations

from typing import Any

from .model import ArticleExtraction, Event, Flow, Place, Quantity, ResolvedPlace, Span

__all__ = ["to_record"]

COORDINATE_DIGITS = 4


def to_record(extraction: ArticleExtraction) -> dict[str, Any]:
    """The JSON-ready record of one article's extraction."""
    article = extraction.article
    return {
        "article": article.id,
        "title": article.title,
        "published": article.published,
        "source": article.source,
        "places": [_place(p) for p in extraction.places],
        "events": [_event(e) for e in extraction.events],
        "flows": [_flow(f) for f in extraction.flows],
    }


def _span(span: Span) -> dict[str, Any]:
    return {"start": span.start, "end": span.end, "text": span.text}


def _coordinates(place: Place | None) -> dict[str, Any]:
    if place is None:
        return {"lat": None, "lon": None}
    return {"lat": round(place.lat, COORDINATE_DIGITS), "lon": round(place.lon, COORDINATE_DIGITS)}


def _place(resolved: ResolvedPlace) -> dict[str, Any]:
    place = resolved.place
    return {
        "name": place.name,
        "kind": place.kind,
        "country": place.country,
        **_coordinates(place),
        "id": place.id,
        "mentions": [_span(m) for m in resolved.mentions],
    }


def _event(event: Event) -> dict[str, Any]:
    place = event.place
    return {
        "type": event.type,
        "place": place.name if place else None,
        "country": place.country if place else None,
        **_coordinates(place),
        "place_id": place.id if place else None,
        "date_start": event.date_start,
        "date_end": event.date_end,
        "actors": list(event.actors),
        "claimed_by": list(event.claimed_by),
        "denied_by": list(event.denied_by),
        "status": event.status,
        "evidence": _span(event.evidence),
    }


def _quantity(quantity: Quantity | None) -> dict[str, Any] | None:
    if quantity is None:
        return None
    value = int(quantity.value) if float(quantity.value).is_integer() else quantity.value
    return {"value": value, "unit": quantity.unit, "qualifier": quantity.qualifier}


def _flow(flow: Flow) -> dict[str, Any]:
    return {
        "supplier": flow.supplier,
        "recipient": flow.recipient,
        "commodity": flow.commodity,
        "weapon": flow.weapon,
        "quantity": _quantity(flow.quantity),
        "transport": flow.transport,
        "date_start": flow.date_start,
        "date_end": flow.date_end,
        "claimed_by": list(flow.claimed_by),
        "denied_by": list(flow.denied_by),
        "status": flow.status,
        "origin": flow.origin.name if flow.origin else None,
        "destination": flow.destination.name if flow.destination else None,
        "evidence": _span(flow.evidence),
    }
