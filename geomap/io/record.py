"""The extraction record of ``geomap extract``: one JSON object per article.

``geomap extract PATH... --format jsonl`` prints one record per article, one per line, on
standard output (progress and warnings go to standard error); ``--format json`` prints
them as one JSON array. The record is stable: fields are added, never renamed.

``article``
    The article's id: the file name without its extension, or a JSON Lines record's ``id``
    (made unique when two inputs share a name). ``title``, ``published`` (ISO date or
    ``null``) and ``source`` (the file it came from) describe the article.
``places``
    Every place the article names, once per place: ``name``, ``kind`` (``country``,
    ``region``, ``city``, ``facility``, ``other``), ``country`` (ISO 3166-1 alpha-2; a
    country's own code), ``lat``/``lon`` (WGS84 degrees), ``id`` (gazetteer id) and
    ``mentions``, each ``{"start", "end", "text"}``.
``events``
    Things that happened at a place and a time: ``type`` (``visit``, ``meeting``,
    ``summit``, ``flight``, ``shipment``, ``transfer``, ``exhibition``, ``statement``,
    ``accusation``, ``denial``, ``sanction``, ``attack``, ``test``), ``place``,
    ``country``, ``lat``/``lon``, ``place_id``, ``date_start``/``date_end`` (ISO 8601 at the
    precision the text gives: ``2023``, ``2023-08``, ``2023-08-01``; relative expressions
    resolved against the publication date; ``null`` when the text gives none), ``actors``
    (country codes), ``claimed_by``, ``denied_by``, ``status`` (``asserted``,
    ``speculative``, ``historical``) and ``evidence``.
``flows``
    A supplier sending a commodity to a recipient, as the article states or alleges it:
    ``supplier`` and ``recipient`` (country codes), ``commodity`` (``munitions``,
    ``missiles``, ``drones``, ``aircraft``, ``vehicles``, ``ships``, ``weapons``,
    ``technology``, ``personnel``, ``oil``, ``funds``), ``weapon`` (a named system),
    ``quantity`` (``{"value", "unit", "qualifier"}`` or ``null``), ``transport``,
    ``date_start``/``date_end``, ``claimed_by`` (who asserts it), ``denied_by`` (the parties
    that deny it in this article), ``status``, ``origin``/``destination`` (place names) and
    ``evidence``.

Every ``start``/``end`` is a character offset (a Python ``str`` index) into the article text
as decoded, so that ``text[start:end]`` is exactly the quoted ``text``.
"""

from __future__ import annotations

from typing import Any

from geomap.model import ArticleExtraction, Event, Flow, Place, Quantity, ResolvedPlace, Span

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
