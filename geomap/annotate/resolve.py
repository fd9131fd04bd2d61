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
from collections.abc import Callable
from dataclasses import dataclass

from geomap.annotate.gazetteer import MIN_CITY_POPULATION, Gazetteer, prominence
from geomap.annotate.places import (
    Match,
    facility_label,
    follows_word,
    locative_words,
    scan,
    settlement_words,
    within_words,
    word_frequencies,
    word_frequency,
)
from geomap.model import ActorMention, ArticlePlaces, Place, PlaceMention, ResolvedPlace, Span
from geomap.text.arabic import CLITIC_PREFIXES, fold, light_fold
from geomap.text.spans import LineStarts, SpanIndex

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
VILLAGE_MAX_ZIPF = 1.5  # a village's name, when no proper name, must be nearly unknown as a word
SPELLING_VARIANT_MAX_ZIPF = 3.0  # a name found by its skeleton or as a near miss is rarer than this
PROPER_NAME_MARGIN = 1.0  # a proper name is 10 times as frequent as its other form (with/without the article)


def accepts(
    place: Place, zipf: float, in_context: bool, gazetteer: Gazetteer, exact: bool = True, name: str = "",
    frequency: Callable[[str], float] = word_frequency,
) -> bool:
    """Tell whether the word ``name``, of Arabic frequency ``zipf``, may name ``place``.

    ``in_context`` tells whether the place's country is named elsewhere in
    the article; ``exact`` whether the word matched a known spelling (not a
    skeleton or near miss); ``frequency`` gives the Arabic frequency of a
    word (:func:`~geomap.annotate.places.word_frequency`, or its memo for
    one article).

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
    if place.id.startswith("curated:") or place.id in gazetteer.venues:
        return True
    if gazetteer.is_capital(place) or place.id in gazetteer.prominent:
        if in_context:
            return zipf <= CAPITAL_MAX_ZIPF
        major = _country_zipf(place.country, gazetteer, frequency) >= MAJOR_COUNTRY_ZIPF
        if zipf <= CAPITAL_OUT_OF_CONTEXT_ZIPF[major and place.id not in gazetteer.prominent]:
            return True
        # a capital named by a proper name (فيينا، المنامة) is that capital wherever it is written,
        # unless it is a given name too (صوفيا) or the capital of a small territory (هاميلتون)
        country = gazetteer.country(place.country)
        return (
            gazetteer.is_capital(place) and zipf <= CAPITAL_MAX_ZIPF and bool(name) and is_proper_name(name, frequency)
            and country is not None and country.population >= BIG_CITY_POPULATION
            and light_fold(name) not in gazetteer.given_names
        )
    if len(fold(name).replace(" ", "")) < MIN_NAME_LETTERS:
        return False
    proper = " " in name or is_proper_name(name, frequency)
    if _is_village(place) and not (in_context and (proper or zipf < VILLAGE_MAX_ZIPF)):
        return False  # a village needs its country named, and a name that is no common word
    if place.population >= BIG_CITY_POPULATION:
        return zipf <= (CAPITAL_MAX_ZIPF if proper else COMMON_NAME_MAX_ZIPF)
    small = place.population < SMALL_TOWN_POPULATION
    if small and not exact and not in_context:
        return False
    if small and name.startswith("ال") and frequency(name[2:]) >= COMMON_NOUN_ZIPF:
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
        # ... unless a word places it: بمدينة (أستراخان)، في (طرطوس)
        opening = before.rstrip()[:-1]
        return not follows_word(opening + " ", len(opening) + 1, locative_words(gazetteer))
    words = before.split()
    word = words[-1] if words and before[-1:].isspace() and words[-1].isalpha() else ""
    if light_fold(word) in gazetteer.given_names:
        return True
    return light_fold(name) in gazetteer.given_names and fold(word) not in locative_words(gazetteer)


def _follows_a_place(text: str, mentions: list[PlaceMention], k: int) -> bool:
    """Whether mention ``k`` is joined by و to the mention before it, in a list of places (صنعاء وعمران)."""
    if k == 0 or not mentions[k].span.text.startswith("و"):
        return False
    return not text[mentions[k - 1].span.end:mentions[k].span.start].strip(" \u00a0،,")


def is_proper_name(word: str, frequency: Callable[[str], float] = word_frequency) -> bool:
    """Tell whether an Arabic word is used as a proper name, not a common noun.

    A common noun is about as frequent with the article as without it (صور
    "pictures" and الصور); a proper name keeps one form (غزة is frequent,
    الغزة is not). A word that reads as a clitic and a common word (بحركة)
    or as a common word and a pronoun (ربك) is no proper name. ``frequency``
    gives the Arabic frequency of a word (see :func:`accepts`).

    Examples
    --------
    >>> is_proper_name("غزة"), is_proper_name("صور"), is_proper_name("الزيارة")
    (True, False, False)

    """
    if any(word[:n] in _CLITICS and frequency(word[n:]) >= COMMON_NOUN_ZIPF for n in (1, 2) if len(word) - n >= 3):
        return False  # بحركة: ب + حركة "movement"
    stems = (word[: -len(p)] for p in _PRONOUNS if word.endswith(p) and len(word) > len(p) + 1)
    if any(frequency(stem) >= COMMON_STEM_ZIPF for stem in stems):
        return False  # ربك: رب "lord" + ك "your"
    alternate = word[2:] if word.startswith("ال") else "ال" + word
    return frequency(word) - frequency(alternate) >= PROPER_NAME_MARGIN


def _country_zipf(code: str, gazetteer: Gazetteer, frequency: Callable[[str], float]) -> float:
    """The Arabic frequency of a country's commonest one-word name: how much the news speaks of it."""
    names = [n for n in gazetteer.country_names.get(code, ()) if " " not in n]
    return max((frequency(n) for n in names), default=0.0)


_OPEN_QUOTES = "«\"“"
_CLOSE_QUOTES = "»\"”"


def _quoted_outlet(text: str, span: Span) -> bool:
    """Whether a name is the newspaper a source spoke to: quoted right after لـ ("قال مصدر لـ«الرياض»")."""
    before = text[max(0, span.start - 3):span.start]
    after = text[span.end:span.end + 1]
    return bool(before) and before[-1] in _OPEN_QUOTES and after in tuple(_CLOSE_QUOTES) \
        and before[:-1].rstrip("ـ").endswith("ل")


def _kept_where_held(text: str, mentions: list[PlaceMention], picked: list[Place | None],
                      gazetteer: Gazetteer) -> None:
    """Keep a town in the country of the larger place said to hold it.

    "قرية قصر البريج بريف حلب الشرقي": the village is in Syria, whatever
    namesake elsewhere fits its name better; with no namesake there, it is left
    unresolved rather than put in another country. "منطقة الفاو بالمحافظة":
    the province referred to by its kind is the one named last before.
    """
    within, also = within_words(gazetteer)
    for k, place in enumerate(picked):
        after = [fold(w) for w in re.findall(r"\w+", text[mentions[k].span.end:mentions[k].span.end + 30])[:2]]
        kind = after[1] if after[:1] == ["في"] and len(after) > 1 else after[0] if after else ""
        kind = kind.removeprefix("ب")
        if place is None or place.kind != "city" or not kind.startswith("ال") or kind[2:] not in within:
            continue
        held_by = next((p for p in reversed(picked[:k]) if p is not None and p.kind == "region"), None)
        if held_by is not None and held_by.country != place.country:
            picked[k] = next((c for c in mentions[k].candidates if c.country == held_by.country), None)
    for k in range(len(mentions) - 1):
        n = next((n for n in range(k + 1, len(mentions)) if picked[n] is not None), None)  # the next place
        place, outer = picked[k], picked[n] if n is not None else None
        if place is None or outer is None or place.kind != "city" or place.country == outer.country:
            continue
        between = [fold(w) for w in text[mentions[k].span.end:mentions[n].span.start].split()]
        head = fold(mentions[n].span.text.split()[0])
        if head in within:  # "بريف حلب" may be the outer mention itself
            between.append(head)
        if not any(w in within for w in between) or not all(w in within or w in also for w in between) \
                or len(between) > 3 or place == gazetteer.capital(place.country):
            continue
        picked[k] = next((c for c in mentions[k].candidates if c.country == outer.country), None)


def _name_text(text: str, mention: PlaceMention, by_span: dict[tuple[int, int], Match]) -> str:
    match = by_span.get((mention.span.start, mention.span.end))
    if match is not None and match.name_span is not None:
        return match.name_span.text
    return mention.span.text


def resolve_places(text: str, mentions: list[PlaceMention], gazetteer: Gazetteer,
                   matches: list[Match] | None = None) -> ArticlePlaces:
    """Resolve mentions to places, each once with all its mentions, plus the article's actor words.

    Places come in the order of their first mention; mentions in text order.
    ``matches`` is :func:`geomap.annotate.places.scan` of ``text``, when the caller
    has it (the mentions are its places); the text is scanned again otherwise.
    """
    matches = scan(text, gazetteer) if matches is None else matches
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
    persons = [
        _names_a_person(text, m.span, n, gazetteer) and not _follows_a_place(text, mentions, k)
        for k, (m, n) in enumerate(zip(mentions, names, strict=True))
    ]
    settlements = settlement_words(gazetteer)
    locatives = locative_words(gazetteer)
    adjective_at = {d.span.start: d.actor for d in demonyms}
    said = [
        _Said(c, p, follows_word(text, m.span.start, settlements), _agreeing(text, m.span, adjective_at),
              follows_word(text, m.span.start, locatives) or _follows_a_place(text, mentions, k))
        for k, (m, c, p) in enumerate(zip(mentions, cities, persons, strict=True))
    ]
    frequency = word_frequencies(gazetteer)
    first = [
        _pick(m, n, codes, context, gazetteer, w, frequency)
        for m, n, codes, w in zip(mentions, names, own, said, strict=True)
    ]
    nearby = Counter(context)
    own_nearby = []
    for place, codes in zip(first, own, strict=True):
        if place is not None and place.country not in codes:
            nearby[place.country] += 1
            codes = codes | {place.country}
        own_nearby.append(codes)
    second = [
        _pick(m, n, codes, nearby, gazetteer, w, frequency)
        for m, n, codes, w in zip(mentions, names, own_nearby, said, strict=True)
    ]
    _kept_where_held(text, mentions, second, gazetteer)
    for k, mention in enumerate(mentions):
        if _quoted_outlet(text, mention.span):
            second[k] = None
    chosen = [(m, p) for m, p in zip(mentions, second, strict=True) if p is not None]

    spans: dict[str, list[Span]] = {}
    places: dict[str, Place] = {}
    actors: list[ActorMention] = []
    for mention, place in chosen:
        place = _facility_of(text, mention, place, by_span, gazetteer)
        actor = _actor(mention.span, place, gazetteer)
        if actor is not None:
            actors.append(actor)
        if place.id in gazetteer.seats and not follows_word(text, mention.span.start, locatives):
            continue  # أعلن الكرملين: the government speaks; في الكرملين: the place
        places.setdefault(place.id, place)
        spans.setdefault(place.id, []).append(mention.span)
    taken = SpanIndex(mentions)
    for d in demonyms:
        if not taken.overlaps(d.span.start, d.span.end):
            actors.append(ActorMention(d.span, d.actor, "demonym"))
    actors.sort(key=lambda a: (a.span.start, a.span.end, a.actor))
    resolved = tuple(ResolvedPlace(places[pid], tuple(sorted(set(spans[pid])))) for pid in places)
    return ArticlePlaces(places=resolved, actors=tuple(actors))


def _facility_of(
    text: str, mention: PlaceMention, place: Place, by_span: dict[tuple[int, int], Match], gazetteer: Gazetteer
) -> Place:
    """The facility a mention names with its head word (مطار عدن), placed at its town; else ``place``.

    A facility the gazetteer knows (قاعدة حميميم) is itself the place; a town's
    port, airport or base is a place of its own, at the town's coordinates.
    """
    match = by_span.get((mention.span.start, mention.span.end))
    if place.kind not in ("city", "other") or match is None or match.name_span is None:
        return place
    head = text[match.span.start:match.name_span.start].strip()
    label = facility_label(gazetteer, head) if head and " " not in head else ""
    if not label:
        return place
    return Place(
        f"{place.id}/{label}", f"{place.name} {label}", "facility", place.country, place.lat, place.lon, 0,
        f"{place.source} (the town's coordinates)",
    )


def _is_village(place: Place) -> bool:
    """Tell whether ``place`` is a GeoNames place smaller than the towns kept everywhere (a village)."""
    return place.id.startswith("geonames:") and place.population < MIN_CITY_POPULATION


def _major_place(place: Place, gazetteer: Gazetteer) -> bool:
    return place.kind == "country" or place.id.startswith("curated:") or gazetteer.is_capital(place)


def _names_its_country(place: Place, gazetteer: Gazetteer) -> bool:
    """Tell whether a mention of ``place`` puts its country in context: countries, capitals, curated lands."""
    if place.kind == "country" or gazetteer.is_capital(place):
        return True
    return place.id.startswith("curated:") and place.kind in ("region", "facility")


@dataclass(frozen=True)
class _Said:
    """What the words around a mention say of it."""

    city_named: bool = False  # مدينة تونس: the city, not the country
    person_like: bool = False  # لويد أوستن: part of a person's name
    placed: bool = False  # بلدة X، محافظة X: the name is a town or district
    agreeing: str = ""  # درعا السورية: the country of the adjective after it
    located: bool = False  # في X، إلى X، شمال X، النيجر وX: a word or a place before it makes it a place


_SPACES = re.compile("[ \u00a0]*")


def _agreeing(text: str, span: Span, adjective_at: dict[int, str]) -> str:
    """The country of a demonym written right after ``span`` (درعا السورية), or ``""``."""
    after = _SPACES.match(text, span.end).end()
    return adjective_at.get(after, "") if after > span.end else ""


def _pick(
    mention: PlaceMention,
    name: str,
    codes: set[str],
    context: Counter[str],
    gazetteer: Gazetteer,
    said: _Said = _Said(),
    frequency: Callable[[str], float] = word_frequency,
) -> Place | None:
    """The candidate a mention denotes, or ``None`` when its word names no place.

    A word that reads as part of a person's name (``said.person_like``) names
    only a country, a capital or a curated place. A word that a settlement
    word introduces (بلدة، محافظة) or that the adjective of the place's
    country follows (درعا السورية, a proper name) names a place even if it is
    a common word.
    """
    city_named, person_like = said.city_named, said.person_like
    # a word with clitics must be rare as a whole too: كبيرا is not ك + بيرا
    zipf = 0.0 if " " in name else max(frequency(name), frequency(mention.span.text))
    if mention.score < 1.0 and zipf >= SPELLING_VARIANT_MAX_ZIPF:
        return None  # a word that only looks like another spelling of a name (بقائه) is that word
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
        # a country whose name is a common word (مالي "financial") is the country where a word places it
        in_context = in_context or place.kind == "country" and said.located
        agrees = place.country == said.agreeing and is_proper_name(name, frequency)  # not الثورة السورية
        vouched = place.kind != "country" and (said.placed or (agrees and (in_context or not _is_village(place))))
        taken = vouched and zipf <= CAPITAL_MAX_ZIPF
        if taken:
            in_context = in_context or agrees
        score = prominence(place, gazetteer) + (CONTEXT_BONUS if in_context and place.kind != "country" else 0.0)
        if best is not None and (score, best[1]) <= (best[0], place.id):
            continue  # it would not be chosen, whether its word may name it or not
        if taken or accepts(place, zipf, in_context, gazetteer, exact=mention.score >= 1.0, name=name,
                            frequency=frequency):
            best = (score, place.id, place)
    return best[2] if best is not None else None


def _actor(span: Span, place: Place, gazetteer: Gazetteer) -> ActorMention | None:
    if place.kind == "country":
        return ActorMention(span, place.country, "country")
    if place.id in gazetteer.seats:
        return ActorMention(span, gazetteer.seats[place.id], "seat")
    if gazetteer.is_capital(place):
        return ActorMention(span, place.country, "capital")
    if place.id in gazetteer.governing:
        return ActorMention(span, gazetteer.governing[place.id], "capital")
    return None
