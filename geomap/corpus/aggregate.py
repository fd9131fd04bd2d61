"""Partial aggregates of a corpus: what merging and the layers keep of each article.

A map needs much less than the extractions of its articles: the routes and
events need each article's flows and events (and the article's id, title,
outlet, address and publication date, not its text), the places layer needs
each place's number of mentions and the articles naming it, the countries layer
the states named as actors, and the corpus summary the number of articles and
the first and last publication dates. An :class:`Aggregate` keeps just that.

A corpus can be aggregated part by part (the month partitions of a store, read
a batch at a time) and the parts combined with :meth:`Aggregate.update`. Every
article is added with its place in the corpus (``order``, any integer that
sorts the articles in corpus order), so the combined aggregate does not depend
on the order the parts come in, and routes and events merged from
:meth:`Aggregate.extractions` are those of the whole corpus merged at once.
:func:`geomap.layers.build_layers` builds every map through an aggregate.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from geomap.model import Article, ArticleExtraction, Event, Flow, Place, Span

__all__ = ["Aggregate", "PlaceTally"]


@dataclass
class PlaceTally:
    """One place of the places layer: the place, its mentions and the articles naming it.

    Attributes
    ----------
    place : Place
        The place as the first article naming it gave it.
    first : int
        The order of that article.
    mentions : int
        Mentions in every article.
    articles : dict
        Article id -> the order of the first article of that id naming the place.
    """

    place: Place
    first: int
    mentions: int
    articles: dict[str, int]

    def article_ids(self) -> list[str]:
        """The ids of the articles naming the place, in corpus order."""
        return sorted(self.articles, key=self.articles.__getitem__)


class Aggregate:
    """What the map of a corpus (or of a part of it) needs, gathered article by article.

    Attributes
    ----------
    count : int
        Articles added.
    first_published, last_published : str or None
        The smallest and largest publication dates (ISO text, compared as text).
    places : dict
        Place id -> :class:`PlaceTally`.
    actors : set of str
        ISO codes of the states named as actors.
    reports : dict
        Order -> the extraction of each article with flows or events, keeping
        only those (its article without its text).
    cited : dict
        Article id -> ``(order, article)``: the last article of that id in the
        corpus, for the articles that :attr:`reports` cites (without its text).
    """

    __slots__ = ("count", "first_published", "last_published", "places", "actors", "reports", "cited", "_shared")

    def __init__(self) -> None:
        self.count = 0
        self.first_published: str | None = None
        self.last_published: str | None = None
        self.places: dict[str, PlaceTally] = {}
        self.actors: set[str] = set()
        self.reports: dict[int, ArticleExtraction] = {}
        self.cited: dict[str, tuple[int, Article]] = {}
        self._shared: dict[Any, Any] = {}

    def __len__(self) -> int:
        return self.count

    @classmethod
    def of(cls, extractions: Iterable[ArticleExtraction]) -> Aggregate:
        """The aggregate of whole corpus, its extractions given in corpus order.

        Examples
        --------
        >>> from geomap.model import Article, ArticleExtraction
        >>> aggregate = Aggregate.of([ArticleExtraction(Article("a", "text", published="2024-05"))])
        >>> aggregate.count, aggregate.first_published, aggregate.extractions()
        (1, '2024-05', [])
        """
        aggregate = cls()
        for order, extraction in enumerate(extractions):
            aggregate.add(extraction, order)
        return aggregate

    def add(self, extraction: ArticleExtraction, order: int) -> None:
        """Add one article at its place ``order`` in the corpus (each article's order is its own).

        Only the flows, events, place tallies and actor codes are kept; the
        article's text, mentions and actor spans are not.
        """
        self.add_parts(
            extraction.article, order, ((r.place, len(r.mentions)) for r in extraction.places),
            (a.actor for a in extraction.actors), extraction.events, extraction.flows,
        )

    def add_parts(
        self, article: Article, order: int, places: Iterable[tuple[Place, int]], actors: Iterable[str],
        events: Sequence[Event], flows: Sequence[Flow],
    ) -> None:
        """:meth:`add` from the parts of an extraction that count: ``(place, number of mentions)`` pairs and actors."""
        self.count += 1
        published = article.published
        if published:
            if self.first_published is None or published < self.first_published:
                self.first_published = published
            if self.last_published is None or published > self.last_published:
                self.last_published = published
        for place, mentions in places:
            tally = self.places.get(place.id)
            if tally is None:
                self.places[place.id] = PlaceTally(place, order, mentions, {article.id: order})
                continue
            if order < tally.first:
                tally.place, tally.first = place, order
            tally.mentions += mentions
            seen = tally.articles.get(article.id)
            if seen is None or order < seen:
                tally.articles[article.id] = order
        self.actors.update(actor for actor in actors if _is_code(actor))
        if flows or events:
            slim = replace(article, text="") if article.text else article
            self.reports[order] = ArticleExtraction(slim, events=tuple(map(self._event, events)),
                                                    flows=tuple(map(self._flow, flows)))
            self._cite(slim, order, reporting=True)
        else:
            self.cite(article, order)

    def _share(self, value: Any) -> Any:
        """One object for equal values (places, codes, dates, quoted sentences) across the reports kept."""
        return value if value is None else self._shared.setdefault(value, value)

    def _span(self, span: Span) -> Span:
        return Span(span.start, span.end, self._share(span.text))

    def _flow(self, flow: Flow) -> Flow:
        share = self._share
        return Flow(
            supplier=share(flow.supplier), recipient=share(flow.recipient), commodity=share(flow.commodity),
            evidence=self._span(flow.evidence), weapon=share(flow.weapon), quantity=share(flow.quantity),
            transport=share(flow.transport), date_start=share(flow.date_start), date_end=share(flow.date_end),
            claimed_by=share(flow.claimed_by), denied_by=share(flow.denied_by), status=share(flow.status),
            origin=share(flow.origin), destination=share(flow.destination),
        )

    def _event(self, event: Event) -> Event:
        share = self._share
        return Event(
            type=share(event.type), evidence=self._span(event.evidence), place=share(event.place),
            date_start=share(event.date_start), date_end=share(event.date_end), actors=share(event.actors),
            claimed_by=share(event.claimed_by), denied_by=share(event.denied_by), status=share(event.status),
        )

    def cite(self, article: Article, order: int) -> None:
        """Let ``article`` (at ``order``) stand for its id in the evidence when it comes after the one cited now.

        :meth:`add` does this for every article; when the parts of a corpus are
        aggregated apart, call it again for the articles of each part once the
        parts are combined, so that an article that reports nothing but comes
        last with its id is cited, as it is when the corpus is aggregated at once.
        """
        self._cite(article, order, reporting=False)

    def _cite(self, article: Article, order: int, reporting: bool) -> None:
        current = self.cited.get(article.id)
        if current is None and not reporting:
            return
        if current is None or order > current[0]:
            self.cited[article.id] = (order, replace(article, text="") if article.text else article)

    def part(self) -> Aggregate:
        """An empty aggregate for another part of the corpus, sharing this one's equal values (cheaper to combine)."""
        other = Aggregate()
        other._shared = self._shared
        return other

    def update(self, other: Aggregate) -> None:
        """Combine with the aggregate of other articles of the same corpus (with orders of their own)."""
        self.count += other.count
        for published in (other.first_published, other.last_published):
            if published and (self.first_published is None or published < self.first_published):
                self.first_published = published
            if published and (self.last_published is None or published > self.last_published):
                self.last_published = published
        for pid, theirs in other.places.items():
            mine = self.places.get(pid)
            if mine is None:
                self.places[pid] = PlaceTally(theirs.place, theirs.first, theirs.mentions, dict(theirs.articles))
                continue
            if theirs.first < mine.first:
                mine.place, mine.first = theirs.place, theirs.first
            mine.mentions += theirs.mentions
            for aid, order in theirs.articles.items():
                seen = mine.articles.get(aid)
                if seen is None or order < seen:
                    mine.articles[aid] = order
        self.actors |= other.actors
        if other._shared is self._shared:
            self.reports.update(other.reports)
        else:
            for order, extraction in other.reports.items():
                self.reports[order] = replace(extraction, events=tuple(map(self._event, extraction.events)),
                                              flows=tuple(map(self._flow, extraction.flows)))
        for order, article in other.cited.values():
            self._cite(article, order, reporting=True)

    def extractions(self) -> list[ArticleExtraction]:
        """The articles with flows or events, in corpus order, holding only those (what merging reads)."""
        return [self.reports[order] for order in sorted(self.reports)]

    def articles(self) -> dict[str, Article]:
        """Article id -> the article the evidence of that id cites (the last of that id in the corpus)."""
        return {aid: article for aid, (_order, article) in self.cited.items()}


def _is_code(text: str) -> bool:
    return len(text) == 2 and text.isalpha() and text.isupper()
