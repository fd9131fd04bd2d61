"""The records passed between the stages of the pipeline.

read (:mod:`geomap.read.articles`) -> find places (:mod:`geomap.annotate.places`) -> resolve
(:mod:`geomap.annotate.resolve`) -> extract events and flows (:mod:`geomap.extraction.events`) ->
build layers (:mod:`geomap.layers`) -> render (:mod:`geomap.render.map`).

Every record is an immutable dataclass; plain dicts appear only at the JSON
boundary (:mod:`geomap.io.record`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "PLACE_KINDS",
    "EVENT_TYPES",
    "COMMODITIES",
    "Article",
    "Span",
    "Place",
    "PlaceMention",
    "ResolvedPlace",
    "ActorMention",
    "ArticlePlaces",
    "Quantity",
    "Event",
    "Flow",
    "ArticleExtraction",
    "Route",
    "MergedEvent",
]

PLACE_KINDS = ("country", "region", "city", "facility", "other")
EVENT_TYPES = (
    "visit", "meeting", "summit", "flight", "shipment", "transfer", "exhibition",
    "statement", "accusation", "denial", "sanction", "attack", "test",
)
COMMODITIES = (
    "munitions", "missiles", "drones", "aircraft", "vehicles", "ships", "weapons",
    "technology", "personnel", "oil", "funds",
)


@dataclass(frozen=True)
class Article:
    """One news article as read from the corpus.

    ``published`` is an ISO 8601 date at the precision known (``2024``,
    ``2024-04``, ``2024-04-29``) or ``None`` when no publication date is known.
    """

    id: str
    text: str
    title: str | None = None
    published: str | None = None
    source: str = ""  # the file (and line, for JSON Lines) it was read from
    url: str | None = None
    outlet: str | None = None
    language: str | None = None


@dataclass(frozen=True, order=True)
class Span:
    """A stretch of an article: ``article.text[start:end] == text``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Place:
    """A gazetteer entry: a place that can be put on the map.

    ``id`` is stable across runs (``geonames:1871859``, ``country:KP``,
    ``curated:vostochny-cosmodrome``), so layers diff cleanly.
    """

    id: str
    name: str
    kind: str  # one of PLACE_KINDS
    country: str  # ISO 3166-1 alpha-2
    lat: float
    lon: float
    population: int = 0
    source: str = ""  # where the coordinates come from


@dataclass(frozen=True)
class PlaceMention:
    """A stretch of text that may name a place, with its candidate places."""

    span: Span
    candidates: tuple[Place, ...]
    score: float = 1.0  # 1.0 for an exact match of a known name, lower for near matches


@dataclass(frozen=True)
class ResolvedPlace:
    """A place the article names, with every mention of it."""

    place: Place
    mentions: tuple[Span, ...]


@dataclass(frozen=True)
class ActorMention:
    """A word standing for a state or organisation.

    A demonym (الإيرانية), a country or capital used as a government (موسكو),
    a seat of power (الكرملين) or an organisation (الناتو).

    ``actor`` is an ISO alpha-2 code for states, or an organisation's short
    name (``NATO``, ``UN``).
    """

    span: Span
    actor: str
    kind: str  # "demonym", "country", "capital", "seat", "leader", "organisation"


@dataclass(frozen=True)
class ArticlePlaces:
    """The output of resolution for one article."""

    places: tuple[ResolvedPlace, ...]
    actors: tuple[ActorMention, ...] = ()


@dataclass(frozen=True)
class Quantity:
    value: float
    unit: str | None = None  # "shells", "missiles", "containers", ...
    qualifier: str | None = None  # "more_than", "about", "less_than", "at_least", "up_to", None


@dataclass(frozen=True)
class Event:
    type: str  # one of EVENT_TYPES
    evidence: Span
    place: Place | None = None
    date_start: str | None = None
    date_end: str | None = None
    actors: tuple[str, ...] = ()
    claimed_by: tuple[str, ...] = ()
    denied_by: tuple[str, ...] = ()
    status: str = "asserted"  # "asserted", "speculative", "historical"


@dataclass(frozen=True)
class Flow:
    supplier: str  # ISO alpha-2
    recipient: str  # ISO alpha-2
    commodity: str  # one of COMMODITIES
    evidence: Span
    weapon: str | None = None  # a named system: "Shahed", "Fateh-110", ...
    quantity: Quantity | None = None
    transport: str | None = None  # "ship", "air", "rail", "road"
    date_start: str | None = None
    date_end: str | None = None
    claimed_by: tuple[str, ...] = ()
    denied_by: tuple[str, ...] = ()
    status: str = "asserted"  # "asserted", "speculative", "historical"
    origin: Place | None = None  # the most specific place the text ties to the supplier end
    destination: Place | None = None  # ... and to the recipient end


@dataclass(frozen=True)
class ArticleExtraction:
    """Everything geomap takes from one article."""

    article: Article
    places: tuple[ResolvedPlace, ...] = ()
    actors: tuple[ActorMention, ...] = ()
    events: tuple[Event, ...] = ()
    flows: tuple[Flow, ...] = ()


@dataclass(frozen=True)
class Route:
    """Flows of one commodity from one supplier to one recipient, merged over a corpus."""

    id: str  # stable: "KP-RU-munitions"
    supplier: str
    recipient: str
    commodity: str
    flows: tuple[tuple[str, Flow], ...]  # (article id, flow), in corpus order
    origin: Place | None = None
    destination: Place | None = None
    weapons: tuple[str, ...] = ()
    sources: int = 0  # independent sources (distinct articles / outlets)
    claimed_by: tuple[str, ...] = ()
    denied_by: tuple[str, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    first_date: str | None = None
    last_date: str | None = None
    status: str = "asserted"  # "asserted" when any report asserts it, else "speculative"/"historical"
    articles: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class MergedEvent:
    """The same event reported by one or more articles."""

    id: str
    event: Event  # the representative report
    reports: tuple[tuple[str, Event], ...]  # (article id, event)
    sources: int = 1
