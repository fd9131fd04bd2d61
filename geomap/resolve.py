"""Choosing which place each mention denotes (the third stage).

Each mention's candidates are weighed by the article's context (countries
named in it, by name, demonym or capital, then the countries of the towns
found) and by prominence (countries, then capitals and curated places, then
population): Moscow is Moscow, Russia, not Moscow, Idaho, and Tripoli is
Lebanon's when the article speaks of Lebanon. A name shared by a country and
its capital (تونس) names the country unless the text says the city (مدينة
تونس).

A word that is also a common Arabic word only names a place that earns it.
The Arabic word frequency (``wordfreq``) of the word is weighed against the
place (:func:`accepts`):

- countries and curated places are taken as named (a country whose name is
  a common word, مالي, needs context: ``countries.yaml``);
- capitals and cities of a million may have any but the commonest names;
- a town must have a rare name, the rarer the smaller the town (``جيتي``, a
  photo credit, is not Jette in Belgium), a little less rare when its country
  is in context; towns where Arabic is spoken may have commoner names, as
  Arabic news names them often, and a proper name among them (غزة, frequent
  while الغزة is not) may be as common as a capital's, but a common noun
  (صور "pictures", بحري "naval") names no town; towns prominent in the news
  whose name is also a common word (الرقة، جنين) are listed in
  ``curated.yaml`` and weighed like capitals.

Demonyms (الإيرانية، الكوري الشمالي) are not places: they, the countries,
the capitals standing for governments and the seats of power become
:class:`~geomap.model.ActorMention`.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from .arabic import CLITIC_PREFIXES, fold, light_fold
from .gazetteer import Gazetteer, prominence
from .model import ActorMention, ArticlePlaces, Place, PlaceMention, ResolvedPlace, Span
from .places import Match, locative_words, scan, word_frequency
from .spans import LineStarts, SpanIndex

__all__ = ["resolve_places", "accepts", "is_proper_name"]

CONTEXT_BONUS = 3.0  # on the log10(population) scale: context outweighs a 1000-fold population
TOWN_MAX_ZIPF = 2.5  # a town of <= 100k people must have a name rarer than this...
TOWN_ZIPF_PER_DECADE = 1.5  # ... larger towns may have commoner names ...
ARABIC_TOWN_MAX_ZIPF = 3.5  # ... and towns where Arabic is spoken commoner still ...
ARABIC_TOWN_ALLOWANCE = 1.0
CONTEXT_ALLOWANCE = 0.75  # ... when the article names their country or a town in it
CAPITAL_MAX_ZIPF = 5.5  # capitals and cities of a million: any name but the commonest words
CAPITAL_OUT_OF_CONTEXT_ZIPF = (3.5, 5.5)  # ... out of context: of a minor / major country
MAJOR_COUNTRY_ZIPF = 4.5  # a country Arabic news names this often is a major one
BIG_CITY_POPULATION = 1_000_000
MIN_NAME_LETTERS = 3  # shorter names (قم) name only countries, capitals and curated places
SMALL_TOWN_POPULATION = 100_000
CITY_POPULATION = 300_000
COMMON_NOUN_ZIPF = 4.0  # a small town's name with the article must not be a common noun without it
COMMON_NAME_MAX_ZIPF = 3.8  # a town whose name is not a proper name (بحري "naval"): never commoner than this
SMALL_TOWN_MAX_ZIPF = 4.0  # a small town's name (حاتم، جاسم are given names too): never commoner than this
COMMON_STEM_ZIPF = 4.5  # ... and a word that is a common word with a pronoun attached is no proper name
PROPER_NAME_MARGIN = 1.0  # a proper name is 10 times as frequent as its other form (with/without the article)


def accepts(
    place: Place, zipf: float, in_context: bool, gazetteer: Gazetteer, exact: bool = True, name: str = ""
) -> bool:
    """Tell whether the word ``name``, of Arabic frequency ``zipf``, may name ``place``.

    ``in_context`` tells whether the place's country is named elsewhere in
    the article; ``exact`` whether the word matched a known spelling (not a
    skeleton or near miss).

    Examples
    --------
    >>> from geomap.model import Place
    >>> town = Place("geonames:1", "Jette", "city", "BE", 50.88, 4.33, 52000)
    >>> accepts(town, 2.93, False, Gazetteer(), name="جيتي")  # a common word: Getty, a photo credit
    False
    >>> accepts(town, 1.2, False, Gazetteer(), name="جيت")
    True

    """
    if place.kind == "country":
        return in_context or fold(name) not in gazetteer.ambiguous
    if place.id.startswith("curated:"):
        return True
    if gazetteer.is_capital(place) or place.id in gazetteer.prominent:
        if in_context:
            return zipf <= CAPITAL_MAX_ZIPF
        major = _country_zipf(place.country, gazetteer) >= MAJOR_COUNTRY_ZIPF
        return zipf <= CAPITAL_OUT_OF_CONTEXT_ZIPF[major and place.id not in gazetteer.prominent]
    if len(fold(name).replace(" ", "")) < MIN_NAME_LETTERS:
        return False
    proper = " " in name or is_proper_name(name)
    if place.population >= BIG_CITY_POPULATION:
        return zipf <= (CAPITAL_MAX_ZIPF if proper else COMMON_NAME_MAX_ZIPF)
    small = place.population < SMALL_TOWN_POPULATION
    if small and not exact and not in_context:
        return False
    if small and name.startswith("ال") and word_frequency(name[2:]) >= COMMON_NOUN_ZIPF:
        return False  # a common noun with the article (الزيارة "the visit") names no small town
    arabic = place.country in gazetteer.arabic_speaking
    allowed = TOWN_MAX_ZIPF + TOWN_ZIPF_PER_DECADE * max(0.0, math.log10(place.population + 1) - 5)
    if arabic:
        allowed = max(allowed + ARABIC_TOWN_ALLOWANCE, ARABIC_TOWN_MAX_ZIPF)
    if arabic and proper and (place.population >= CITY_POPULATION or (in_context and not small)):
        # غزة، إدلب: a proper name, frequent because news names the town (بشار names a man
        # more often than Béchar: a town of that size needs its country in context)
        allowed = CAPITAL_MAX_ZIPF
    elif in_context and proper:
        allowed += CONTEXT_ALLOWANCE
    cap = (SMALL_TOWN_MAX_ZIPF if small else CAPITAL_MAX_ZIPF) if proper else COMMON_NAME_MAX_ZIPF
    return zipf <= min(allowed, cap)


_CLITICS = frozenset(p for p in CLITIC_PREFIXES if "ال" not in p)
_PRONOUNS = ("ك", "ه", "ها", "هم", "هما", "كم", "نا")  # attached pronouns

# words that say a name is the city: مدينة، العاصمة; and a dateline ("الجزائر - أعلنت")
_CITY_WORD = re.compile(r"(?:مدينه|العاصمه|عاصمه)\s+$")
_DATELINE_AFTER = re.compile(r"\s*[-–—:]")


def _is_city_named(text: str, span: Span, lines: LineStarts) -> bool:
    """Whether the text says the name is a city: مدينة X، العاصمة X, or X opening a dateline."""
    if _CITY_WORD.search(fold(text[max(0, span.start - 12):span.start])) is not None:
        return True
    line_start = lines.of(span.start)
    return not text[line_start:span.start].strip() and _DATELINE_AFTER.match(text, span.end) is not None


def _names_a_person(text: str, span: Span, name: str, gazetteer: Gazetteer) -> bool:
    """Whether a town's name reads as part of a person's name, or as an abbreviation in brackets.

    A name right after a given name is a surname (لويد أوستن); a name that is a
    given name is a person unless a word places it (في شهريار); a word alone in
    brackets after a name (وكالة الأنباء القطرية (قنا)) abbreviates it.
    """
    before = text[max(0, span.start - 40):span.start]
    if before.rstrip().endswith("(") and text[span.end:span.end + 2].lstrip().startswith(")"):
        return True
    words = before.split()
    word = words[-1] if words and before[-1:].isspace() and words[-1].isalpha() else ""
    if light_fold(word) in gazetteer.given_names:
        return True
    return light_fold(name) in gazetteer.given_names and fold(word) not in locative_words(gazetteer)


def is_proper_name(word: str) -> bool:
    """Tell whether an Arabic word is used as a proper name, not a common noun.

    A common noun is about as frequent with the article as without it (صور
    "pictures" and الصور); a proper name keeps one form (غزة is frequent,
    الغزة is not). A word that reads as a clitic and a common word (بحركة)
    or as a common word and a pronoun (ربك) is no proper name.

    Examples
    --------
    >>> is_proper_name("غزة"), is_proper_name("صور"), is_proper_name("الزيارة")
    (True, False, False)

    """
    if any(word[:n] in _CLITICS and word_frequency(word[n:]) >= COMMON_NOUN_ZIPF for n in (1, 2) if len(word) - n >= 3):
        return False  # بحركة: ب + حركة "movement"
    stems = (word[: -len(p)] for p in _PRONOUNS if word.endswith(p) and len(word) > len(p) + 1)
    if any(word_frequency(stem) >= COMMON_STEM_ZIPF for stem in stems):
        return False  # ربك: رب "lord" + ك "your"
    alternate = word[2:] if word.startswith("ال") else "ال" + word
    return word_frequency(word) - word_frequency(alternate) >= PROPER_NAME_MARGIN


_COUNTRY_ZIPF: dict[tuple[int, str], float] = {}


def _country_zipf(code: str, gazetteer: Gazetteer) -> float:
    """The Arabic frequency of a country's commonest one-word name: how much the news speaks of it."""
    key = (id(gazetteer), code)
    if key not in _COUNTRY_ZIPF:
        names = [n for n in gazetteer.country_names.get(code, ()) if " " not in n]
        _COUNTRY_ZIPF[key] = max((word_frequency(n) for n in names), default=0.0)
    return _COUNTRY_ZIPF[key]


def _name_text(text: str, mention: PlaceMention, by_span: dict[tuple[int, int], Match]) -> str:
    match = by_span.get((mention.span.start, mention.span.end))
    if match is not None and match.name_span is not None:
        return match.name_span.text
    return mention.span.text


def resolve_places(text: str, mentions: list[PlaceMention], gazetteer: Gazetteer) -> ArticlePlaces:
    """Resolve mentions to places, each once with all its mentions, plus the article's actor words.

    Places come in the order of their first mention; mentions in text order.
    """
    matches = scan(text, gazetteer)
    by_span = {(m.span.start, m.span.end): m for m in matches}
    demonyms = [m for m in matches if m.kind == "demonym"]
    mentions = sorted(mentions, key=lambda m: (m.span.start, m.span.end))

    # context: countries named by each mention (as a country, its capital or a
    # curated region or facility in it), and by demonyms
    own: list[set[str]] = []
    context: Counter[str] = Counter(d.actor for d in demonyms)
    for mention in mentions:
        codes = {c.country for c in mention.candidates[:1] if _names_its_country(c, gazetteer)}
        codes |= {c.country for c in mention.candidates if c.kind == "country" and len(mention.candidates) == 1}
        own.append(codes)
        context.update(codes)

    # first the places the context above supports; then again, with the
    # countries of the towns found first as context too (nearby places)
    names = [_name_text(text, mention, by_span) for mention in mentions]
    lines = LineStarts(text)
    cities = [_is_city_named(text, m.span, lines) for m in mentions]
    persons = [_names_a_person(text, m.span, n, gazetteer) for m, n in zip(mentions, names, strict=True)]
    first = [
        _pick(m, n, codes, context, gazetteer, c, p)
        for m, n, codes, c, p in zip(mentions, names, own, cities, persons, strict=True)
    ]
    nearby = Counter(context)
    own_nearby = []
    for place, codes in zip(first, own, strict=True):
        if place is not None and place.country not in codes:
            nearby[place.country] += 1
            codes = codes | {place.country}
        own_nearby.append(codes)
    second = [
        _pick(m, n, codes, nearby, gazetteer, c, p)
        for m, n, codes, c, p in zip(mentions, names, own_nearby, cities, persons, strict=True)
    ]
    chosen = [(m, p) for m, p in zip(mentions, second, strict=True) if p is not None]

    spans: dict[str, list[Span]] = {}
    places: dict[str, Place] = {}
    actors: list[ActorMention] = []
    for mention, place in chosen:
        places.setdefault(place.id, place)
        spans.setdefault(place.id, []).append(mention.span)
        actor = _actor(mention.span, place, gazetteer)
        if actor is not None:
            actors.append(actor)
    taken = SpanIndex(mentions)
    for d in demonyms:
        if not taken.overlaps(d.span.start, d.span.end):
            actors.append(ActorMention(d.span, d.actor, "demonym"))
    actors.sort(key=lambda a: (a.span.start, a.span.end, a.actor))
    resolved = tuple(ResolvedPlace(places[pid], tuple(sorted(set(spans[pid])))) for pid in places)
    return ArticlePlaces(places=resolved, actors=tuple(actors))


def _major_place(place: Place, gazetteer: Gazetteer) -> bool:
    return place.kind == "country" or place.id.startswith("curated:") or gazetteer.is_capital(place)


def _names_its_country(place: Place, gazetteer: Gazetteer) -> bool:
    """Tell whether a mention of ``place`` puts its country in context: countries, capitals, curated lands."""
    if place.kind == "country" or gazetteer.is_capital(place):
        return True
    return place.id.startswith("curated:") and place.kind in ("region", "facility")


def _pick(
    mention: PlaceMention,
    name: str,
    codes: set[str],
    context: Counter[str],
    gazetteer: Gazetteer,
    city_named: bool = False,
    person_like: bool = False,
) -> Place | None:
    """The candidate a mention denotes, or ``None`` when its word names no place.

    A word that reads as part of a person's name (``person_like``) names only a
    country, a capital or a curated place.
    """
    # a word with clitics must be rare as a whole too: كبيرا is not ك + بيرا
    zipf = 0.0 if " " in name else max(word_frequency(name), word_frequency(mention.span.text))
    candidates = mention.candidates
    countries = {p.country for p in candidates if p.kind == "country"}
    if countries:
        # a name shared by a country and its capital (تونس، الجزائر، الكويت) names the country,
        # unless the text says the city (مدينة تونس، العاصمة الجزائر)
        cities = {p.country for p in candidates if p.kind != "country"}
        if city_named:
            candidates = tuple(p for p in candidates if p.kind != "country" or p.country not in cities)
        else:
            candidates = tuple(p for p in candidates if p.kind == "country" or p.country not in countries)
    best: tuple[float, str, Place] | None = None
    if person_like:
        candidates = tuple(p for p in candidates if _major_place(p, gazetteer))
    for place in candidates:
        in_context = context[place.country] - (place.country in codes) > 0
        if not accepts(place, zipf, in_context, gazetteer, exact=mention.score >= 1.0, name=name):
            continue
        score = prominence(place, gazetteer) + (CONTEXT_BONUS if in_context and place.kind != "country" else 0.0)
        if best is None or (score, best[1]) > (best[0], place.id):
            best = (score, place.id, place)
    return best[2] if best is not None else None


def _actor(span: Span, place: Place, gazetteer: Gazetteer) -> ActorMention | None:
    if place.kind == "country":
        return ActorMention(span, place.country, "country")
    if place.id in gazetteer.seats:
        return ActorMention(span, gazetteer.seats[place.id], "seat")
    if gazetteer.is_capital(place):
        return ActorMention(span, place.country, "capital")
    return None
