"""Events and supply flows from an article (the fourth stage).

An event is something that happened at a place and a time: a visit, a
summit, a flight, a shipment, an attack, a denial... (:data:`EVENT_TYPES
<geomap.model.EVENT_TYPES>`). :func:`extract_events` finds them sentence by
sentence from trigger words (``geomap/data/vocabulary/events.yaml``), gives
each the most specific place the sentence ties to it, its dates
(:mod:`geomap.annotate.dates`), the states involved and its status, then joins the
sentences of one article that tell the same event into one.

Where an event happens, in order of preference:

- the place its word governs ("زار الرياض والدوحة": one visit per place
  named together; "تفقد قاعدة حميميم");
- a place a scene word introduces after it ("في قاعدة رامشتاين",
  "قرب البوكمال"), never the dateline opening a paragraph, nor a place
  named after "من" (where someone or something comes from);
- for a denial or statement, the town where it is said ("في نيويورك"),
  else the capital of who speaks (named right after the word, or right
  before it in the same clause);
- for a delivery, the receiver ("تسلمت الجزائر", "الجيش الروسي تسلم"),
  never where it comes from ("تسلمت من موسكو");
- else the nearest place around it, a country standing for its capital
  (for strikes and tests, for itself).

"العاصمة" standing alone is the capital of the state named after it, else
that of the capital the article is datelined from.

The context of a word may change its type or cancel it: goods that arrive
are a delivery, not a visit; a launch at a target is an attack; a verb of
aiming ("استهدفت") is an attack only with a weapon or attacker for subject
and a target for object (not sanctions); a seizure ("حجزت") is a shipment
only of goods; strikes ("غارات") on a named town are news even undated, but
not when described as what a weapon was used in; a planned or expected
delivery, a threat of sanctions or a sanction in a condition is no event;
an event dated after publication, or told in the future tense, is
speculative; what a denial in the same sentence denies is speculative and
denied by its speaker. An undated denial makes an event when the sentence
names who denies, once per speaker and article, and so does the
accusation it answers. Counts shared out between places ("أربعة في X
وثلاثة قرب Y") make an event at each. A date belongs to the event word
nearest it: not one after a relative pronoun describing an object
("المنظومات التي تعاقدت عليها عام 2016"), nor one in a relative clause
set off by commas before the word, nor one right beside another event
word ("في بيان يوم 12 مارس إن ... سلمت ... عام 1996"), nor the date of a
report ("أفادت الصحيفة في مارس أن ..."). A month named without a year in
a sentence telling what is to come is the coming one.

Flows are read by :func:`geomap.extraction.flows.extract_flows`; :func:`geomap.pipeline.extract_article` runs both.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from geomap.annotate.dates import DateMention, parse_published
from geomap.annotate.gazetteer import Gazetteer
from geomap.annotate.stance import Stance, article_actors, sentence_stance
from geomap.model import EVENT_TYPES, ActorMention, Article, ArticlePlaces, Event, Flow, Place, Span
from geomap.text.arabic import Token, fold, normalize, strip_clitics, tokens
from geomap.text.document import PRONOUN_SUFFIXES, ArticleText, Word, article_words
from geomap.text.sentences import split_sentences
from geomap.text.spans import LineStarts, SpanIndex

if TYPE_CHECKING:
    from geomap.resources import Resources

__all__ = ["extract_events", "find_triggers", "event_group", "Trigger", "date_interval", "dates_overlap", "join_dates"]

# A region or country followed this closely (in words) by a more specific place is narrowed to it.
NARROWING_WORDS = 5
# How many words "*" stands for in a trigger phrase, at most.
WILDCARD_WORDS = 4
# How far (in words) a date or a place may stand from its trigger word.
DATE_WINDOW = 15
PLACE_WINDOW = 12
# How far (in words) after its trigger a place introduced by a scene word ("في", "قرب") may stand.
SCENE_WINDOW = 25
# How far (in words) from a speech word its speaker may stand, after it and before it.
SPEAKER_AFTER, SPEAKER_BEFORE = 8, 4
# How many words before an arrival word are read for the goods that arrive.
GOODS_WORDS = 8
# How many words after the place of an arrival (its subject) are read for goods.
GOODS_AFTER = 3
# How many words before an event word (in its clause) are read for words that cancel it.
PRECEDING_WORDS = 4
# How far (in words) after a launch word its target word may stand.
TARGET_WORDS = 6
# How many words after a seizing word its goods may stand.
SEIZED_WORDS = 10
# A relative pronoun this many words after an event word, or fewer, describes the event itself.
RELATIVE_GAP = 2
# How many words after a plural strike word ("غارات على مدينة X") the place struck may stand.
STRUCK_WORDS = 4
# How many words may stand between a kind of place and the scene word that locates it (its name, "الواقعة").
LOCATED_WORDS = 4
# A date this close (in words) to an event word, and nearer to it than to any other, is its own.
OWN_DATE_WORDS = 2
# How many days before publication undated news of the opening sentence may have happened.
NEWS_DAYS = 7
# How far before a listing word ("بينها") a word of origin makes the places listed where something comes from.
LISTED_WORDS = 8
# A quotation in «» of at most this many words is a name (of a group, an operation), not a report.
NAME_WORDS = 5
# How far after an event word a word of repetition ("مرات") makes it a plural.
REPEATED_WORDS = 5
# How far (in words) after a delegation word the country it represents may stand.
REPRESENTED_WORDS = 2
# How many words after a verb of aiming its object (a place or a target) may stand.
AIMED_WORDS = 5
# How many words after a verb of aiming at its target place may stand.
OBJECT_WORDS = 8
# Lines shorter than this without a full stop are headings, captions or titles.
HEADING_WORDS = 15
# A line of fewer words with a dash between two of them is a dateline or byline of its own.
BYLINE_WORDS = 8
# What follows the town opening a dateline: a dash ("كييف - (أ ف ب)") or a slash ("وارسو/ الأناضول").
_DATELINE_MARK = re.compile(r"\s*[-–—/]")
# Reports of one event in an article may date it a day or two apart (arrival, departure).
SLACK_DAYS = 2
# Two places this close are the same place for merging.
SAME_PLACE_KM = 50.0
# ... and, for events of `distinct_scenes` (strikes, clashes), two places this close are one town.
SAME_TOWN_KM = 5.0
# Numbers read as years, not counts, right before an event word ("في يوليو 2019 نقلت طائرة").
YEARS = (1900, 2100)
# A region and a place this far apart (between their points) are not one scene for merging.
SAME_REGION_KM = 250.0
_SPECIFICITY = {"facility": 4, "city": 3, "other": 2, "region": 1, "country": 0}
_END_PUNCT = ".!?؟:\"”»'"


@dataclass(frozen=True)
class Trigger:
    """A word or phrase announcing an event, with offsets into the article."""

    type: str
    group: str
    span: Span
    first_token: int
    last_token: int
    plural: bool = False
    definite: bool = False
    needs_place: bool = False
    future: bool = False
    verb: bool = False
    words: tuple[str, ...] = ()
    background: bool = False  # told as what a weapon was used in ("استخدمت في ضربة")


@dataclass(frozen=True)
class _Lexicon:
    phrases: dict[str, tuple[tuple[tuple[str, ...], str, bool], ...]]  # first word -> (words, type, plural)
    not_followed_by: dict[str, frozenset[str]]
    not_preceded_by: dict[str, frozenset[str]]
    group_of: dict[str, str]
    priority: dict[str, int]
    needs_date: frozenset[str]
    needs_place: frozenset[tuple[str, ...]]
    subject_place: frozenset[str]
    delivered: frozenset[str]
    one_per_sentence: frozenset[str]
    speaker_place: frozenset[str]
    only_alone: frozenset[str]
    target_place: frozenset[str]
    since_words: frozenset[str]
    origin_words: frozenset[str]
    each_words: frozenset[str]
    repeated: frozenset[str]
    current_words: frozenset[str]
    reporting_words: frozenset[tuple[str, ...]]
    governed_states: frozenset[str]
    destination_words: frozenset[str]
    one_stay: frozenset[str]
    location_words: frozenset[str]
    witness_words: frozenset[str]
    demonstratives: frozenset[str]
    skip_lines: tuple[str, ...]
    speech_types: frozenset[str]
    habitual: frozenset[str]
    past_years: int
    scene_words: frozenset[str]
    said_words: frozenset[str]
    topic_words: frozenset[str]
    clause_breaks: frozenset[str]
    drill_words: frozenset[str]
    place_nouns: frozenset[str]
    launch_targets: frozenset[str]
    not_targets: frozenset[str]
    arrival_of_goods: str
    goods_words: frozenset[str]
    subject_verbs: frozenset[tuple[str, ...]]
    object_verbs: frozenset[tuple[str, ...]]
    not_conditional: frozenset[str]
    conditionals: tuple[str, ...]
    not_planned: frozenset[str]
    planned: tuple[str, ...]
    country_wide: frozenset[str]
    distinct_scenes: frozenset[str]
    recent_news: frozenset[str]
    listing_words: frozenset[str]
    when_words: frozenset[str]
    carriers: frozenset[str]
    bordering: frozenset[str]
    imperfect: frozenset[str]
    border_words: frozenset[str]
    counts: frozenset[str]
    across_words: frozenset[str]
    needs_goods: frozenset[tuple[str, ...]]
    handing_over: frozenset[tuple[str, ...]]
    object_attacks: frozenset[tuple[str, ...]]
    not_attackers: frozenset[str]
    background: frozenset[str]
    relatives: frozenset[str]
    struck_places: frozenset[str]
    party_words: frozenset[str]
    membership: frozenset[str]
    attackers: frozenset[str]
    capital_words: frozenset[str]
    near_words: frozenset[str]
    prospective: frozenset[str]
    report_words: frozenset[str]
    answered: frozenset[str]
    distributive: frozenset[str]
    far_scene: frozenset[str]
    targets: frozenset[str]
    arrivals: frozenset[str]
    scene_at_once: frozenset[str]
    not_at_origin: frozenset[str]
    each_place: frozenset[str]
    each_named_place: frozenset[str]
    topic_dates: frozenset[str]
    denying: frozenset[str]
    aimed_at: Mapping[str, str]
    speech_groups: frozenset[str]  # the groups of `speech_types`


def _words(phrase: str) -> tuple[str, ...]:
    return tuple(fold(w) for w in phrase.split())


# the lists of ``events.yaml`` that name event types or groups: what each type or group does
_TYPE_LISTS = ("needs_date", "subject_place", "delivered", "one_per_sentence", "speaker_place", "only_alone",
               "target_place", "governed_states", "one_stay", "speech_types", "not_conditional", "not_planned",
               "country_wide", "distinct_scenes", "recent_news", "struck_places", "far_scene", "arrivals",
               "scene_at_once", "not_at_origin", "each_place", "each_named_place", "topic_dates", "denying", "answered",
               "carriers")


def build_lexicon(vocabularies: Mapping[str, Any], origin: str = "events.yaml") -> _Lexicon:
    """The compiled word lists of ``events.yaml`` (and the words of ``dates.yaml`` it needs).

    Parameters
    ----------
    vocabularies
        Vocabulary name -> its merged entries (see :class:`geomap.resources.Resources`).
    origin
        The ``events.yaml`` named in error messages (the analyst's, when there is one).

    Raises
    ------
    ValueError
        When a list of types or groups names one that is not declared; the
        message names ``origin``, the entry and the name.
    """
    voc = vocabularies["events"]
    group_of: dict[str, str] = {}
    priority: dict[str, int] = {}
    for group, types in voc["groups"].items():
        for rank, name in enumerate(types):
            if name not in EVENT_TYPES:
                raise ValueError(f"{origin}: groups: {group}: unknown event type {name!r}")
            group_of[name] = group
            priority[name] = rank
    known = set(group_of) | set(voc["groups"])
    for key in _TYPE_LISTS:
        unknown = [str(n) for n in voc.get(key) or () if n not in known]
        if unknown:
            raise ValueError(f"{origin}: {key}: {', '.join(map(repr, unknown))} is no event type or group"
                             f" (of {', '.join(sorted(known))})")
    aimed_at = {str(k): str(v) for k, v in (voc.get("aimed_at") or {}).items()}
    named = [("arrival_of_goods", voc.get("arrival_of_goods") or "transfer")] + [
        (f"aimed_at: {k}", n) for k, v in aimed_at.items() for n in (k, v)]
    for where, name in named:
        if name not in group_of:
            raise ValueError(f"{origin}: {where}: {name!r} is no event type of groups")
    phrases: dict[str, list[tuple[tuple[str, ...], str, bool]]] = {}
    for name, entry in voc["types"].items():
        for plural, key in ((False, "words"), (True, "plural")):
            for phrase in entry.get(key) or ():
                words = _words(phrase)
                phrases.setdefault(words[0], []).append((words, name, plural))
    ordered = {k: tuple(sorted(v, key=lambda p: -len(p[0]))) for k, v in phrases.items()}
    not_followed_by = {name: frozenset(fold(w) for w in entry.get("not_followed_by") or ())
                       for name, entry in voc["types"].items()}
    not_preceded_by = {name: frozenset(fold(w) for w in entry.get("not_preceded_by") or ())
                       for name, entry in voc["types"].items()}
    return _Lexicon(
        phrases=ordered,
        not_followed_by=not_followed_by,
        not_preceded_by=not_preceded_by,
        group_of=group_of,
        priority=priority,
        needs_date=frozenset(voc.get("needs_date") or ()),
        needs_place=frozenset(_words(p) for p in voc.get("needs_place") or ()),
        subject_place=frozenset(voc.get("subject_place") or ()),
        delivered=frozenset(voc.get("delivered") or ()),
        one_per_sentence=frozenset(voc.get("one_per_sentence") or ()),
        speaker_place=frozenset(voc.get("speaker_place") or ()),
        only_alone=frozenset(voc.get("only_alone") or ()),
        target_place=frozenset(voc.get("target_place") or ()),
        since_words=frozenset(fold(w) for w in vocabularies["dates"].get("since") or ()),
        origin_words=frozenset(fold(w) for w in voc.get("origin_words") or ()),
        each_words=frozenset(fold(w) for w in voc.get("each_words") or ()),
        repeated=frozenset(fold(w) for w in voc.get("repeated") or ()),
        current_words=frozenset(fold(w) for w in voc.get("current_words") or ()),
        reporting_words=frozenset(_words(p) for p in voc.get("reporting_words") or ()),
        governed_states=frozenset(voc.get("governed_states") or ()),
        destination_words=frozenset(fold(w) for w in voc.get("destination_words") or ()),
        one_stay=frozenset(voc.get("one_stay") or ()),
        location_words=frozenset(fold(w) for w in voc.get("location_words") or ()),
        witness_words=frozenset(fold(w) for w in voc.get("witness_words") or ()),
        demonstratives=frozenset(fold(w) for w in voc.get("demonstratives") or ()),
        skip_lines=tuple(fold(w) for w in voc.get("skip_lines") or ()),
        speech_types=frozenset(voc.get("speech_types") or ()),
        habitual=frozenset(fold(w) for w in voc.get("habitual") or ()),
        past_years=int(voc.get("past_years", 1)),
        scene_words=frozenset(fold(w) for w in voc.get("scene_words") or ()),
        said_words=frozenset(fold(w) for w in voc.get("said_words") or ()),
        topic_words=frozenset(fold(w) for w in voc.get("topic_words") or ()),
        clause_breaks=frozenset(fold(w) for w in voc.get("clause_breaks") or ()),
        drill_words=frozenset(fold(w) for w in voc.get("drill_words") or ()),
        place_nouns=frozenset(fold(w) for w in voc.get("place_nouns") or ()),
        launch_targets=frozenset(fold(w) for w in voc.get("launch_targets") or ()),
        not_targets=frozenset(fold(w) for w in voc.get("not_targets") or ()),
        arrival_of_goods=voc.get("arrival_of_goods") or "transfer",
        goods_words=frozenset(fold(w) for w in voc.get("goods_words") or ()),
        subject_verbs=frozenset(_words(p) for p in voc.get("subject_verbs") or ()),
        object_verbs=frozenset(_words(p) for p in voc.get("object_verbs") or ()),
        not_conditional=frozenset(voc.get("not_conditional") or ()),
        conditionals=tuple(fold(w) for w in voc.get("conditionals") or ()),
        not_planned=frozenset(voc.get("not_planned") or ()),
        planned=tuple(fold(w) for w in voc.get("planned") or ()),
        country_wide=frozenset(voc.get("country_wide") or ()),
        distinct_scenes=frozenset(voc.get("distinct_scenes") or ()),
        recent_news=frozenset(voc.get("recent_news") or ()),
        listing_words=frozenset(fold(w) for w in voc.get("listing_words") or ()),
        when_words=frozenset(fold(w) for w in voc.get("when_words") or ()),
        carriers=frozenset(voc.get("carriers") or ()),
        bordering=frozenset(fold(w) for w in voc.get("bordering") or ()),
        imperfect=frozenset(fold(w) for w in voc.get("imperfect") or ()),
        border_words=frozenset(fold(w) for w in voc.get("border_words") or ()),
        counts=frozenset(fold(w) for w in voc.get("counts") or ()),
        across_words=frozenset(fold(w) for w in voc.get("across_words") or ()),
        needs_goods=frozenset(_words(p) for p in voc.get("needs_goods") or ()),
        handing_over=frozenset(_words(p) for p in voc.get("handing_over") or ()),
        object_attacks=frozenset(_words(p) for p in voc.get("object_attacks") or ()),
        not_attackers=frozenset(fold(w) for w in voc.get("not_attackers") or ()),
        background=frozenset(fold(w) for w in voc.get("background") or ()),
        relatives=frozenset(fold(w) for w in voc.get("relatives") or ()),
        struck_places=frozenset(voc.get("struck_places") or ()),
        party_words=frozenset(fold(w) for w in voc.get("party_words") or ()),
        membership=frozenset(fold(w) for w in voc.get("membership") or ()),
        attackers=frozenset(fold(w) for w in voc.get("attackers") or ()),
        capital_words=frozenset(fold(w) for w in voc.get("capital_words") or ()),
        near_words=frozenset(fold(w) for w in voc.get("near_words") or ()),
        prospective=frozenset(fold(w) for w in voc.get("prospective") or ()),
        report_words=frozenset(fold(w) for w in voc.get("report_words") or ()),
        answered=frozenset(voc.get("answered") or ()),
        distributive=frozenset(fold(w) for w in list(voc.get("distributive") or ())
                               + [w for forms in (vocabularies["dates"].get("counts") or {}).values() for w in forms]),
        far_scene=frozenset(voc.get("far_scene") or ()),
        targets=frozenset(fold(w) for w in voc.get("targets") or ()),
        arrivals=frozenset(voc.get("arrivals") or ()),
        scene_at_once=frozenset(voc.get("scene_at_once") or ()),
        not_at_origin=frozenset(voc.get("not_at_origin") or ()),
        each_place=frozenset(voc.get("each_place") or ()),
        each_named_place=frozenset(voc.get("each_named_place") or ()),
        topic_dates=frozenset(voc.get("topic_dates") or ()),
        denying=frozenset(voc.get("denying") or ()),
        aimed_at=aimed_at,
        speech_groups=frozenset(group_of.get(t, t) for t in voc.get("speech_types") or ()),
    )


def _without_pronoun(stem: str) -> str | None:
    """A plural noun without its attached pronoun (غاراتها -> غارات, هجماتهم -> هجمات); verbs keep theirs."""
    suffix = next((p for p in PRONOUN_SUFFIXES if stem.endswith(p)), "")
    bare = stem[:-len(suffix)] if suffix else ""
    return bare if len(bare) >= 4 and bare.endswith("ات") else None


def _readings(norm: str) -> list[tuple[int, str]]:
    """Readings of a folded word without its clitics (غاراتها is غارات), and without the future prefix س of a verb."""
    readings = strip_clitics(norm) if len(norm) > 2 else [(0, norm)]
    readings += [(n, bare) for n, stem in readings if (bare := _without_pronoun(stem))]
    if "س" not in norm[:6]:  # no stem can begin with it
        return readings
    future = [(n + 1, stem[1:]) for n, stem in readings if len(stem) > 3 and stem[0] == "س" and stem[1] in "يتنا"]
    return readings + future


def trigger_readings(lex: _Lexicon, norm: str) -> tuple[list[tuple[int, str]], bool]:
    """The readings of a folded word (:func:`_readings`), and whether an event phrase begins with one of them.

    ``Resources.trigger_readings`` keeps them for the words read before.
    """
    stems = _readings(norm)
    return stems, any(stem in lex.phrases for _n, stem in stems)


def _may_tell_events(res: Resources, doc: ArticleText, sentence: Span) -> bool:
    """Whether a word of ``sentence`` begins an event phrase (:func:`trigger_readings`)."""
    read = res.trigger_readings
    return any(read(norm)[1] for norm in doc.norms_in(sentence))


def find_triggers(res: Resources, text: str, sentence: Span, toks: Sequence[Token] | None = None) -> list[Trigger]:
    """The event words of one sentence, longest phrase first at each word, in text order.

    ``toks`` are ``tokens(sentence.text)``, when the caller has them; each
    word is read once with the resources (:func:`trigger_readings`).

    Examples
    --------
    >>> from geomap.resources import default_resources
    >>> res = default_resources()
    >>> from geomap.model import Span
    >>> s = "وصل الوفد الروسي إلى دمشق في زيارة رسمية"
    >>> [(t.type, t.span.text, t.definite) for t in find_triggers(res, s, Span(0, len(s), s))]
    [('visit', 'وصل الوفد الروسي إلى', False), ('visit', 'زيارة', False)]

    """
    lex = res.events
    toks = tokens(sentence.text) if toks is None else toks
    read = res.trigger_readings
    readings = []
    begins = []
    for t in toks:
        word = read(t.norm)
        readings.append(word[0])
        begins.append(word[1])
    found: list[Trigger] = []
    # short quoted names («المقاومة السورية لتحرير الجولان», «عاصفة الحزم») tell no event
    names = [(m.start(), m.end()) for m in re.finditer(r"«[^«»]*»", sentence.text)
             if len(m.group().split()) <= NAME_WORDS]
    i = 0
    while i < len(toks):
        if not begins[i]:
            i += 1
            continue
        # of the phrases matching here, the one with most words, then the tightest
        hit, best = None, (0, 0)
        for n, stem in readings[i]:
            for words, name, plural in lex.phrases.get(stem, ()):
                last = _match_rest(words[1:], readings, i + 1)
                if last is None:
                    continue
                last = i if len(words) == 1 else last
                literal = sum(1 for w in words if w != "*")
                rank = (literal, -(last - i + 1 - literal))
                if hit is None or rank > best:
                    hit, best = (n, words, name, plural, last), rank
            if hit:
                break
        if not hit:
            i += 1
            continue
        n, words, name, plural, last = hit
        if any(lo < toks[i].start and toks[last].end < hi for lo, hi in names):
            i = last + 1
            continue
        following = {stem for k in range(last + 1, min(last + 4, len(toks))) for _n, stem in readings[k]}
        if following & lex.not_followed_by.get(name, frozenset()):
            i = last + 1
            continue
        # "نحو ستة آلاف ضربة", "أكثر من 100 غارة": counted, like a plural (not "في يوليو 2019 نقلت طائرة")
        plural = plural or (i > 0 and (toks[i - 1].norm in lex.counts or (
            toks[i - 1].norm.isdigit() and not YEARS[0] <= int(toks[i - 1].norm) <= YEARS[1]))
            and not sentence.text[toks[i - 1].end:toks[i].start].strip())
        # "زار العاصمة عدة مرات": told as repeated, like a plural
        plural = plural or any(
            toks[k].norm in lex.repeated for k in range(last + 1, min(last + 1 + REPEATED_WORDS, len(toks)))
            if not re.search(r"[،,.؛;:]", sentence.text[toks[last].end:toks[k].start]))
        preceding = {stem for k in range(max(i - PRECEDING_WORDS, 0), i)
                     if not re.search(r"[،,.؛;:]", sentence.text[toks[k].end:toks[i].start])
                     for _n, stem in readings[k]}
        if preceding & lex.not_preceded_by.get(name, frozenset()) or (plural and preceding & lex.background):
            i = last + 1
            continue
        prefix = toks[i].norm[:n]
        bare = toks[i].norm[1:] if toks[i].norm[:1] in ("و", "ف") else toks[i].norm
        future = len(bare) > 4 and bare[0] == "س" and bare[1] in "يتن"  # "سيزور", "ستسلم"...
        before = toks[i - 1].norm if i else ""
        definite = prefix.endswith(("ال", "لل")) or before in lex.demonstratives
        # "زيارته تلك" refers back; "تنفي ذلك" denies what was said
        if not definite and last + 1 < len(toks) and toks[last + 1].norm in lex.demonstratives and len(words) == 1 \
                and name not in lex.speech_types:
            definite = True
        start = sentence.start + toks[i].start
        end = sentence.start + toks[last].end
        found.append(Trigger(
            type=name, group=lex.group_of[name], span=Span(start, end, text[start:end]),
            first_token=i, last_token=last, plural=plural, definite=definite,
            needs_place=words in lex.needs_place, future=future, verb=words in lex.subject_verbs, words=words,
            background=bool(preceding & lex.background),
        ))
        i = last + 1
    return found


def _match_rest(words: tuple[str, ...], readings: list[list[tuple[int, str]]], i: int) -> int | None:
    """The index of the last token matching ``words`` from token ``i`` on, or ``None``."""
    if not words:
        return i - 1
    word, rest = words[0], words[1:]
    if word == "*":
        for skip in range(0, WILDCARD_WORDS + 1):
            last = _match_rest(rest, readings, i + skip)
            if last is not None:
                return last
        return None
    if i >= len(readings) or not any(stem == word for _n, stem in readings[i]):
        return None
    return _match_rest(rest, readings, i + 1)


# ---------------------------------------------------------------------------
# Dates as intervals.


def date_interval(iso: str) -> tuple[dt.date, dt.date]:
    """The first and last day an ISO date of any precision covers.

    >>> date_interval("2024-02")
    (datetime.date(2024, 2, 1), datetime.date(2024, 2, 29))

    """
    year, month, day = parse_published(iso) or (1, None, None)
    if month is None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if day is None:
        first = dt.date(year, month, 1)
        following = dt.date(year + month // 12, month % 12 + 1, 1)
        return first, following - dt.timedelta(days=1)
    day_ = dt.date(year, month, day)
    return day_, day_


def event_group(res: Resources, event_type: str) -> str:
    """The group of ``event_type``: types of one group at one place and time are one happening.

    >>> from geomap.resources import default_resources
    >>> res = default_resources()
    >>> event_group(res, "meeting") == event_group(res, "visit")
    True

    """
    return res.events.group_of.get(event_type, event_type)


def dates_overlap(a: tuple[str | None, str | None], b: tuple[str | None, str | None], slack: int = 0) -> bool:
    """Whether two (start, end) ISO dates of any precision share a day; an undated side agrees with any.

    ``slack`` days between them still count as overlapping.

    >>> dates_overlap(("2024-04", None), ("2024-04-22", "2024-05-01"))
    True
    >>> dates_overlap(("2023-07-25", "2023-07-27"), ("2023-08", "2023-08"))
    False

    """
    if not a[0] or not b[0]:
        return True
    a0, a1 = date_interval(a[0])[0], date_interval(a[1] or a[0])[1]
    b0, b1 = date_interval(b[0])[0], date_interval(b[1] or b[0])[1]
    gap = dt.timedelta(days=slack)
    return a0 <= b1 + gap and b0 <= a1 + gap


# ---------------------------------------------------------------------------
# One article.


@dataclass
class _Draft:
    """An event being built; sentences telling the same event are merged into one."""

    type: str
    group: str
    sentence: int
    evidence: Span
    place: Place | None
    specific: bool
    date_start: str | None
    date_end: str | None
    actors: list[str]
    plural: bool
    definite: bool
    status: str
    claimed_by: tuple[str, ...] = ()
    denied_by: tuple[str, ...] = ()
    party: str | None = None  # who speaks, for speech events
    news: bool = False  # dated only as the news of publication, not by the text
    recent: tuple[str, str] | None = None  # the days before publication, if undated it is news of them
    members: list[_Draft] = field(default_factory=list)

    @property
    def dated(self) -> bool:
        return self.date_start is not None


def extract_events(article: Article, places: ArticlePlaces, res: Resources, doc: ArticleText | None = None,
                   actors: tuple[ActorMention, ...] | None = None, flows: Sequence[Flow] = ()) -> tuple[Event, ...]:
    """The events ``article`` reports, each tied to its evidence sentence.

    Parameters
    ----------
    article : Article
        The article; ``article.published`` resolves relative dates.
    places : ArticlePlaces
        The places and actor words resolution found in it.
    res : Resources
        The gazetteer (it gives the capital of a country when the text names
        only the country) and the compiled vocabularies.
    doc : ArticleText, optional
        The words, sentences and dates of ``article.text``
        (:class:`geomap.text.document.ArticleText`), when the caller has it;
        built here when omitted.
    actors : tuple of ActorMention, optional
        The article's :func:`geomap.annotate.stance.article_actors`, when the
        caller has found them; found here when omitted.
    flows : sequence of Flow, optional
        The article's flows (:func:`geomap.extraction.flows.extract_flows`):
        a delivery the text places nowhere of its own happens at the
        recipient of the flow its sentence tells.

    Returns
    -------
    tuple of Event
        In text order of their evidence, one per happening.
    """
    doc = doc if doc is not None else ArticleText(article.text, res.readings)
    actors = actors if actors is not None else article_actors(res, article, places, doc)
    drafts = _drafts(res, article, places, res.gazetteer, actors, doc)
    events = tuple(_finish(d) for d in _merge(res, drafts))
    return _at_recipients(res, events, places, flows) if flows else events


def _at_recipients(res: Resources, events: tuple[Event, ...], places: ArticlePlaces,
                   flows: Sequence[Flow]) -> tuple[Event, ...]:
    """Deliveries placed only by inference, moved to the one recipient of the flows of their sentence.

    "بدأت روسيا تسليم الهند أولى وحدات المنظومة" names no place: the delivery
    is in India (its capital), not in the state that hands it over.
    """
    recipients: dict[Span, set[str]] = {}
    suppliers: dict[Span, set[str]] = {}
    for flow in flows:
        recipients.setdefault(flow.evidence, set()).add(flow.recipient)
        suppliers.setdefault(flow.evidence, set()).add(flow.supplier)
    named = {(r.place.id, m.start) for r in places.places for m in r.mentions}
    moved = []
    for event in events:
        ends = recipients.get(event.evidence, set())
        place = event.place
        inferred = place is not None and not any(
            pid == place.id and event.evidence.start <= at < event.evidence.end for pid, at in named)
        if event.type in res.events.delivered and ends and inferred and (
                not event.date_start or len(event.date_start) == len("2024")):
            continue  # "كانت الهند قد سلمت ميانمار العام الماضي زوارق": a delivery on record, placed nowhere
        # "سلمت واشنطن القاهرة زورقين": the giver's capital names who gives, not where the goods are handed over
        at_giver = place is not None and place.country in suppliers.get(event.evidence, set()) \
            and place == res.gazetteer.capital(place.country)
        if event.type in res.events.delivered and len(ends) == 1 and (inferred or at_giver) \
                and place.country not in ends:
            (code,) = ends
            new = next((r.place for r in places.places if r.place.country == code and r.place.kind != "country"
                        and any(event.evidence.start <= m.start < event.evidence.end for m in r.mentions)), None) \
                or res.gazetteer.capital(code) or res.gazetteer.country(code)
            if new is not None:
                event = replace(event, place=new)
        moved.append(event)
    return tuple(moved)


def _stance_reader(res: Resources, article: Article, places: ArticlePlaces,
                   actors: tuple[ActorMention, ...], doc: ArticleText) -> Callable[[Span], Stance]:
    """The stance of a sentence of ``article``, read with the actors found once for the article."""
    index = SpanIndex(actors)
    return lambda sentence: sentence_stance(res, article, sentence, places, actors=index, doc=doc)


def _body_sentences(res: Resources, text: str, doc: ArticleText | None = None) -> list[Span]:
    """The sentences of the news text: no headings, captions, repeated lines or page furniture.

    A short line without a full stop is a heading or a caption when the
    article otherwise writes full stops; in an article without any, only its
    first line (the title) is left out. ``doc`` is the text's document, when
    the caller has it (its sentences and folded text are read from it).
    """
    lex = res.events
    lines = [line.strip() for line in text.split("\n")]
    punctuated = sum(1 for line in lines if line and line[-1] in _END_PUNCT)
    first_line = next((n for n, line in enumerate(lines) if line), -1)
    skip_line: list[bool] = []
    for n, line in enumerate(lines):
        head = normalize(line[:40]).text  # not fold(): its cache is for words, not lines
        unpunctuated = bool(line) and line[-1] not in _END_PUNCT
        heading = (unpunctuated and len(line.split()) < HEADING_WORDS and punctuated >= 2) or (
            n == first_line and unpunctuated and len(lines) > 1) or _byline(line)
        skip_line.append(heading or any(head.startswith(w) for w in lex.skip_lines))
    breaks = [m.start() for m in re.finditer("\n", text)]
    seen: set[str] = set()
    kept = []
    for sentence in split_sentences(text) if doc is None else doc.sentences:
        if skip_line[bisect.bisect_left(breaks, sentence.start)]:
            continue
        key = fold(sentence.text) if doc is None else doc.folded_in(sentence)
        if key in seen:
            continue
        seen.add(key)
        kept.append(sentence)
    return kept


def _byline(line: str) -> bool:
    """Whether ``line`` is a dateline or byline on a line of its own ("أبوظبي - مكتب «البيان»")."""
    return len(line.split()) < BYLINE_WORDS and bool(re.search(r"\s[-–]\s", line))


def _drafts(res: Resources, article: Article, places: ArticlePlaces, gazetteer: Gazetteer,
            named: tuple[ActorMention, ...], doc: ArticleText) -> list[_Draft]:
    """The events of ``article`` before merging; ``named`` are its :func:`~geomap.annotate.stance.article_actors`."""
    lex = res.events
    text = article.text
    mentions = sorted(
        ((m.start, m.end, rp.place) for rp in places.places for m in rp.mentions),
        key=lambda m: (m[0], m[1]),
    )
    actors = sorted(places.actors, key=lambda a: (a.span.start, a.span.end))
    mention_index = SpanIndex(mentions, bounds=lambda m: (m[0], m[1]))
    actor_index = SpanIndex(actors)
    lines = LineStarts(text)
    stance = _stance_reader(res, article, places, named, doc)
    pub = parse_published(article.published)
    dateline = _dateline_capital(text, mentions, actors, gazetteer, lines)
    drafts: list[_Draft] = []
    news = _news_window(pub)
    for index, sentence in enumerate(_body_sentences(res, text, doc)):
        if not _may_tell_events(res, doc, sentence):
            continue  # no word of it begins an event phrase: find_triggers finds nothing
        toks = doc.tokens_in(sentence)
        triggers = find_triggers(res, text, sentence, toks)
        if not triggers:
            continue
        starts = [sentence.start + t.start for t in toks]
        here = [m for m in mention_index.within(sentence.start, sentence.end) if not _is_dateline(text, m, lines)]
        here_actors = actor_index.within(sentence.start, sentence.end)
        here = sorted(here + _named_states(text, here, here_actors, gazetteer, lex)
                      + _the_capital(sentence.text, toks, starts, here, here_actors, dateline, gazetteer, lex,
                                    res.trigger_readings),
                      key=lambda m: (m[0], m[1]))
        neighbours = _across_border(toks, starts, here, lex) | _members(toks, starts, here, lex)
        here = [m for m in here if m[0] not in neighbours]
        origins = _origins(toks, starts, here, lex) | _represented(toks, starts, here, lex)
        # "بحسب ما أعلنت موسكو"، "فيما قالت باكو": who announces or claims is no scene of what is told
        announcers = {m[0] for m in here if _token_at(starts, m[0]) >= 1
                      and ((toks[_token_at(starts, m[0]) - 1].norm,) in lex.reporting_words
                           or _claims_before(res, toks, _token_at(starts, m[0])))}
        all_dates = doc.dates_in(res, sentence, article.published)
        dates = [d for d in all_dates if d.resolved and d.kind != "since"]
        stance_of_sentence: list[tuple[str, tuple[str, ...], tuple[str, ...]]] = []
        clusters: dict[tuple[str, str | None, int], list[tuple[Trigger, Place | None, bool, bool]]] = {}
        clause_of = _clauses(sentence, toks, lex)
        first_tokens: list[int] = []
        kept: list[Trigger] = []
        for trig in triggers:
            if trig.needs_place and not _place_follows(trig, toks, starts, here, lex):
                continue
            if trig.words in lex.needs_goods and not _goods_follow(res, trig, sentence, toks, lex,
                                                                   people=trig.words not in lex.handing_over):
                continue
            if trig.words in lex.object_attacks and not _aims_at_place(res, trig, sentence, toks, starts, here,
                                                                       here_actors, lex):
                continue
            trig = _retype(res, trig, sentence, toks, starts, here, lex)
            if trig.type in lex.not_conditional and _conditional(trig, sentence, toks, lex.conditionals):
                continue
            if trig.type in lex.not_planned and _conditional(trig, sentence, toks, lex.planned):
                continue
            # "قتل جنديان في ضربة، بحسب ما أعلنت موسكو": who announces is no scene of what is announced
            scenes = here if trig.type in lex.speech_types else [m for m in here if m[0] not in announcers]
            # "تعرض الموقع لغارة عام 2017، وأن إيران نقلت ...": another clause's places are its own
            scenes = [m for m in scenes if clause_of[_token_at(starts, m[0])] == clause_of[trig.first_token]]
            # "تعرضت المدينة لقصف، فيما قالت باكو إن ...": what the announcer goes on to tell has scenes of its own
            told = min((m[0] for m in here if m[0] in announcers and m[0] > trig.span.end), default=None)
            if told is not None and trig.type not in lex.speech_types:
                scenes = [m for m in scenes if m[0] < told]
            # a scene named after the next word of the same group is that one's ("الزيارة التي ... ثم اجتمع ... في X")
            until = next((t.first_token for t in triggers if t.first_token > trig.last_token and t.group == trig.group
                          and re.search(r"[،,;؛]", sentence.text[toks[trig.last_token].end:toks[t.first_token].start])),
                         None)
            place, specific, explicit = _place_for(res, trig, text, toks, starts, scenes, here_actors, origins,
                                                   gazetteer, lex, until)
            kept.append(trig)
            key = (trig.group, place.id if place else None, clause_of[trig.first_token])
            clusters.setdefault(key, []).append((trig, place, specific, explicit))
            if place is not None and trig.group in lex.each_place:
                # "زار الرياض والدوحة": one visit to each place named together
                together = _coordinated(place, trig, toks, starts, here)
                together += [p for p in _distributed(place, trig, sentence.text, toks, starts, here, origins, lex)
                             if p not in together]
                if together:
                    clusters[key][-1] = (trig, place, specific, True)
                for other in together:
                    clusters.setdefault((trig.group, other.id, key[2]), []).append((trig, other, True, True))
        _attach_placeless(clusters, lex)
        for key in [k for k in clusters if all(m[0].type in lex.carriers for m in clusters[k])]:
            # "وصلت الطائرات إلى مطار بغداد على متن طائرة شحن": the flight carries the delivery, one event
            if any(k2[0] == lex.group_of.get(lex.arrival_of_goods) and k2[1:] == key[1:] for k2 in clusters):
                del clusters[key]
        if any(k[0] not in lex.only_alone for k in clusters):
            for key in [k for k in clusters if all(m[0].type in lex.only_alone for m in clusters[k])]:
                del clusters[key]
        for (group, _pid, clause), members in clusters.items():
            trig = min((m[0] for m in members), key=lambda t: (t.plural, lex.priority[t.type]))
            # the place named at a trigger, else one the text names, else any
            placed = sorted((m for m in members if m[1] is not None), key=lambda m: (not m[3], not m[2])) or members
            place, specific = placed[0][1], placed[0][2]
            # the dates of its own clause, when the sentence tells several happenings
            in_clause = [d for d in dates if clause_of[_token_at(starts, d.span.start)] == clause]
            # event words of other kinds in the clause, which may own the dates right beside them
            others = [t for t in kept if t.group != group and clause_of[t.first_token] == clause
                      and not (trig.type in lex.speech_types and t.type in lex.speech_types)
                      and t.words not in lex.reporting_words]
            date = _nearest_date(in_clause, [m[0] for m in members], toks, starts, lex, DATE_WINDOW,
                                 others, sentence.text)
            opener = clause_of.index(clause) if clause else None
            if date is None and not in_clause and opener is not None and toks[opener].norm in lex.when_words:
                # "تصاعد التوتر في سبتمبر الماضي، حين زار ...": the time of the clause a "when" clause follows
                told_then = [d for d in dates if clause_of[_token_at(starts, d.span.start)] == clause - 1]
                date = told_then[-1] if told_then else None
            if date is None and len(dates) == 1 and len(all_dates) == 1 and not all(m[0].plural for m in members):
                # the one date of the sentence dates its events, unless "since" stands between
                date = _nearest_date(in_clause, [m[0] for m in members], toks, starts, lex, len(toks),
                                     others, sentence.text)
            start, end = (date.start, date.end) if date else (None, None)
            if date is not None and _coming(date, pub) and (all(m[0].future for m in members) or any(
                    stem in lex.prospective for t in toks for _n, stem in _readings(t.norm))):
                # "تحضيرات لتجربة صاروخية في نوفمبر" (published in July): the coming November, not the last
                start, end = _next_year(start), _next_year(end)
            by_news = False
            if trig.type in lex.speech_types and _ahead(start, article.published):
                # what is said was said by publication: a later date is of what it is about
                start, end = None, None
            # a plural word of another type ("بحضور الوفود ... حفل افتتاح") tells who takes part, not repetition
            # ... and a word of it referring back ("تأسيس المعرض") beside one telling it anew does not count
            told_as_done = not any(m[0].future or m[0].plural or m[0].background for m in members
                                   if m[0].type == trig.type or not m[0].plural) \
                and not all(m[0].definite for m in members)
            if not start and news and (
                    (index == 0 and trig.type not in lex.speech_types)
                    or any(t.norm in lex.current_words for t in toks)) and told_as_done:
                # the news the opening sentence tells, or told as under way ("الموجود حاليا في"),
                # happened in the days before publication
                start, end = news
                by_news = True
            if trig.type in lex.needs_date and not start and not (trig.type in lex.answered and any(
                    t.group in lex.denying and t.first_token > trig.last_token for t in kept)):
                # "تتهم طهران واشنطن بدعم المسلحين، غير أن واشنطن تنفي الاتهامات": the exchange is news
                continue
            if not start and all(m[0].background for m in members):
                # "استخدمت لاحقا في ضربة على ...": what a weapon served in, told as its record
                continue
            described = [m[0].words in lex.object_attacks and m[0].first_token > 0
                         and toks[m[0].first_token - 1].norm in lex.relatives for m in members]
            if not start and any(described) and all(d or m[0].plural for d, m in zip(described, members, strict=True)):
                # "بعد الضربات التي استهدفت مواقع في دير الزور": strikes told before, not news
                continue
            party = _speaker(trig, text, toks, starts, here, here_actors, gazetteer, lex.relatives) \
                if trig.type in lex.speech_types else None
            if trig.type in lex.speech_types and not start and (
                    not party or any(t.norm in lex.habitual for t in toks)):
                continue
            if end and pub and end[:4].isdigit() and int(end[:4]) < pub[0] - lex.past_years and (
                    trig.type in lex.speech_types or len(start or "") == 4):
                # "أعلنت الأحزاب عام 1994 ..."، "بيان جنيف 2012"، "منذ التدخل الفرنسي في مالي عام 2011": what was
                # said long ago, or happened in a year told only as background, is the story's past
                continue
            definite = all(m[0].definite for m in members)
            if definite and not start and not specific:
                # "تلك الزيارة" refers back: a country named near it says nothing of where
                place = None
            plural = all(m[0].plural for m in members)
            if plural and not start and group in lex.struck_places and place is not None and any(
                    not m[0].definite and _strikes_at(m[0], place, toks, starts, here, lex) for m in members):
                # "غارات على مدينة الحديدة": strikes on a named town are news, dated or not, and done unless
                # counted ("أكثر من 40 غارة على ...": a tally over time)
                plural = False
                counted = any(m[0].first_token > 0 and (toks[m[0].first_token - 1].norm in lex.counts
                                                        or toks[m[0].first_token - 1].norm.isdigit()) for m in members)
                told_as_done = not counted and not definite and not any(m[0].future or m[0].background
                                                                        for m in members)
            if plural and not start:
                continue
            if not stance_of_sentence:
                stance_of_sentence.append(_status(sentence, stance))
            status, claimed, denied = stance_of_sentence[0]
            # a denial, accusation or statement happened even when what it is about is in doubt
            event_status = "asserted" if trig.type in lex.speech_types else status
            if event_status == "asserted" and (all(m[0].future for m in members) or _ahead(start, article.published)):
                event_status = "speculative"
            if event_status == "asserted" and end and pub and date_interval(end)[1].year < pub[0] - 1:
                event_status = "historical"
            actors_here = _actor_codes(here, here_actors, [m[0] for m in members], starts, place)
            if party:
                actors_here = [party] + [c for c in actors_here if c != party]
            drafts.append(_Draft(
                type=trig.type, group=group, sentence=index, evidence=sentence, place=place, specific=specific,
                date_start=start, date_end=end, plural=plural,
                actors=actors_here,
                definite=definite, status=event_status,
                claimed_by=claimed, denied_by=denied, party=party, news=by_news,
                recent=news if not start and told_as_done and group in lex.recent_news and not any(
                    m[0].words[:1] and m[0].words[0] in lex.imperfect for m in members) else None,
            ))
            first_tokens.append(min(m[0].first_token for m in members))
        _denied_in_sentence(drafts[len(drafts) - len(first_tokens):], first_tokens, lex)
    return drafts


def _claims_before(res: Resources, toks: list, k: int) -> bool:
    """Whether the word before token ``k`` is a one-word verb of claiming ("قالت"، "أكدت")."""
    tok = toks[k - 1]
    hit = res.stance.claims.match_at((Word(tok.start, tok.end, tok.text, tok.norm, *res.readings(tok.norm)),), 0)
    return hit is not None


def _coming(date: DateMention, pub: tuple | None) -> bool:
    """Whether ``date`` is a month named without a year, read as last year's (later in the year than publication)."""
    if pub is None or pub[1] is None or not date.relative or date.kind != "point":
        return False
    start = date.start or ""
    return len(start) == 7 and start == date.end and int(start[:4]) == pub[0] - 1 and int(start[5:7]) > pub[1]


def _next_year(iso: str | None) -> str | None:
    """``iso`` a year later."""
    return None if iso is None else f"{int(iso[:4]) + 1:04d}{iso[4:]}"


def _news_window(pub: tuple | None) -> tuple[str, str] | None:
    """The days before publication that undated current news falls in, when the publication day is known."""
    if pub is None or pub[1] is None or pub[2] is None:
        return None
    day = dt.date(pub[0], pub[1], pub[2])
    return (day - dt.timedelta(days=NEWS_DAYS)).isoformat(), day.isoformat()


def _denied_in_sentence(drafts: list[_Draft], first_tokens: list[int], lex: _Lexicon) -> None:
    """Events told after a denial of their sentence are what is denied ("نفى ... وصول شحنة أسلحة")."""
    denials = [(k, d.party) for d, k in zip(drafts, first_tokens, strict=True) if d.group in lex.denying and d.party]
    for draft, k in zip(drafts, first_tokens, strict=True):
        parties = tuple(p for at, p in denials if at < k and p and draft.group not in lex.denying)
        if parties:
            draft.denied_by = tuple(dict.fromkeys(draft.denied_by + parties))
            if draft.status == "asserted":
                draft.status = "speculative"


def _ahead(start: str | None, published: str | None) -> bool:
    """Whether a date begins after publication (an event announced, not yet happened)."""
    if not start or not published or parse_published(published) is None:
        return False
    return date_interval(start)[0] > date_interval(published)[1]


def _clauses(sentence: Span, toks: list, lex: _Lexicon) -> list[int]:
    """The clause of each token: a new one begins at "، فيما", "، بينما"... (another happening told)."""
    clause, out = 0, []
    for k, tok in enumerate(toks):
        if k and tok.norm in lex.clause_breaks and re.search(r"[،,;؛]", sentence.text[toks[k - 1].end:tok.start]):
            clause += 1
        out.append(clause)
    return out


def _attach_placeless(clusters: dict, lex: _Lexicon) -> None:
    """Fold the clusters of one sentence.

    A group that makes one event per sentence keeps the cluster of its first
    trigger with a place the text names (else its first placed trigger); a
    visit to several places named in the text keeps one cluster per place.
    In other groups, triggers with no place join the one placed cluster of
    their group, when there is one.
    """
    def first(key: tuple) -> int:
        return min(m[0].first_token for m in clusters[key])

    for group, clause in sorted({(k[0], k[2]) for k in clusters}):
        keys = [k for k in clusters if k[0] == group and k[2] == clause]
        if group in lex.one_per_sentence and len(keys) > 1:
            named = [k for k in keys if k[1] is not None and any(m[3] for m in clusters[k])]
            placed = [k for k in keys if k[1] is not None]
            mains = named if group in lex.each_named_place and named else [min(named or placed or keys, key=first)]
            main = min(mains, key=first)
            for key in keys:
                if key not in mains:
                    clusters[main].extend(clusters.pop(key))
            clusters[main].sort(key=lambda m: m[0].first_token)
            continue
        if (group, None, clause) in clusters:
            placed = [k for k in keys if k[1] is not None]
            if len(placed) == 1:
                clusters[placed[0]].extend(clusters.pop((group, None, clause)))


def _actor_codes(here: list, here_actors: list[ActorMention], trigs: list[Trigger], starts: list[int],
                 place: Place | None) -> list[str]:
    """The states named around the triggers (within the place window), in text order, and the place's."""
    found = [(m[0], m[2].country) for m in here if m[2].kind == "country"]
    found += [(a.span.start, a.actor) for a in here_actors]
    near = [(start, code) for start, code in found
            if any(t.first_token - PLACE_WINDOW <= _token_at(starts, start) <= t.last_token + PLACE_WINDOW
                   for t in trigs)]
    codes: list[str] = []
    for _start, code in sorted(near or found):
        if code and len(code) == 2 and code.isupper() and code not in codes:
            codes.append(code)
    if place is not None and place.country and place.country not in codes:
        codes.append(place.country)
    return codes


def _status(sentence: Span, stance: Callable[[Span], Stance]) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    found = stance(sentence)
    return found.status, found.claimed_by, found.denied_by


def _token_at(starts: list[int], offset: int) -> int:
    """The index of the token at or before ``offset``."""
    lo, hi = 0, len(starts)
    while lo < hi:
        mid = (lo + hi) // 2
        if starts[mid] <= offset:
            lo = mid + 1
        else:
            hi = mid
    return max(lo - 1, 0)


def _place_for(res: Resources, trig: Trigger, text: str, toks: list, starts: list[int], here: list,
               here_actors: list[ActorMention], origins: set[int], gazetteer: Gazetteer,
               lex: _Lexicon, until: int | None = None) -> tuple[Place | None, bool, bool]:
    """The place a trigger happens at.

    A place at or after token ``until`` (the next event word of the
    trigger's group, in another clause) is the scene of that word, not of
    this one.

    Returns the place, whether the text names it (rather than only its
    country), and whether it is named right at the trigger (a scene after
    "في"/"قرب", or the place the event word governs) rather than inferred.
    """
    if until is not None:
        here = [m for m in here if _token_at(starts, m[0]) < until]
    if trig.type in lex.target_place:
        target = _target_place(trig, starts, here, here_actors, gazetteer)
        if target[0] is not None:
            return target[0], target[1], target[1]
    if trig.type in lex.speech_types:
        said = _said_at(res, trig, text, toks, starts, here, lex)
        if said is not None:
            return said, True, True
        party = _speaker(trig, text, toks, starts, here, here_actors, gazetteer, lex.relatives)
        if party:
            return gazetteer.capital(party) or gazetteer.country(party), False, False
    else:
        fronted = _fronted_scene(trig, toks, starts, here, origins, lex)
        if fronted is not None:
            return fronted, True, True
        # after a verb of handing over, the party right after it may be the giver ("سلمت موسكو دمشق")
        direct = _direct(trig, toks, starts, here, origins, lex) if trig.words not in lex.object_verbs else None
        if direct is not None and direct.kind != "country":
            return direct, True, True
        # a visit is where it is said to be at once; a flight may say its aircraft at length first, and
        # a relative clause may tell at length who held the talks before where ("المباحثات التي أجراها ... في")
        reach = PLACE_WINDOW if trig.group in lex.scene_at_once and trig.type not in lex.far_scene and not any(
            toks[k].norm in lex.relatives for k in range(trig.last_token + 1, trig.last_token + 1 + RELATIVE_GAP)
            if k < len(toks)) else SCENE_WINDOW
        if until is not None:
            reach = min(reach, until - trig.last_token - 1)
        scene = _scene(trig, toks, starts, here, origins, lex, reach)
        if scene is not None:
            if scene.kind != "country":
                return scene, True, True
            inner = _inner(scene.country, here)
            if inner is not None:
                return inner, True, False
            if trig.group in lex.country_wide:
                return scene, False, False
            return gazetteer.capital(scene.country) or scene, False, False
    if trig.type in lex.subject_place and trig.words in lex.object_verbs:
        place, specific = _object_place(trig, text, starts, [m for m in here if m[0] not in origins], here_actors,
                                        gazetteer)
        # never the giver, the subject of a verb of handing over
        return place, specific, False
    if trig.type in lex.subject_place:
        # who receives: never where the goods come from ("تسلمت الجزائر من موسكو")
        received = [m for m in here if m[0] not in origins]
        receivers = [a for a in here_actors
                     if not _introduced(toks, _token_at(starts, a.span.start), lex.origin_words, lex)]
        place, specific = _subject_place(trig, starts, received, receivers, gazetteer)
        return place, specific, False
    chosen: Place | None = None
    direct = False
    after = [m for m in here if _token_at(starts, m[0]) > trig.last_token
             and _token_at(starts, m[0]) - trig.last_token <= min(PLACE_WINDOW, _topic_at(trig, toks, lex))
             and (until is None or _token_at(starts, m[0]) < until)]
    for n, m in enumerate(after):
        if trig.group in lex.not_at_origin and m[0] in origins:
            continue
        chosen = _narrowed(m, after[n + 1:], starts, origins)
        direct = True
        break
    if chosen is None:
        # before the trigger, or inside it ("أجرت كوريا الشمالية اختبارا")
        before = [m for m in here if _token_at(starts, m[0]) < trig.last_token
                  and trig.first_token - _token_at(starts, m[0]) <= PLACE_WINDOW and m[0] not in origins]
        if before:
            # "الفاشر، عاصمة ولاية شمال دارفور، حيث قصفت": the most specific of the places named together
            last = _token_at(starts, before[-1][0])
            close = [m for m in before if last - _token_at(starts, m[0]) <= NARROWING_WORDS]
            chosen = max(close, key=lambda m: (_SPECIFICITY.get(m[2].kind, 0), m[0]))[2]
    if trig.type in lex.speaker_place and (chosen is None or chosen.kind == "country"):
        # who speaks: the first state the sentence names
        states = sorted([(a.span.start, a.actor) for a in here_actors if len(a.actor) == 2 and a.actor.isupper()]
                        + [(m[0], m[2].country) for m in here if m[2].kind == "country"])
        if states:
            code = states[0][1]
            return gazetteer.capital(code) or gazetteer.country(code), False, False
    if chosen is None:
        states = [a for a in here_actors if len(a.actor) == 2 and a.actor.isupper()]
        if trig.type not in lex.speaker_place | lex.target_place:
            states = []
        if not states:
            return None, False, False
        code = states[0].actor
        return gazetteer.capital(code) or gazetteer.country(code), False, False
    if chosen.kind != "country":
        return chosen, True, direct
    inner = _inner(chosen.country, here)
    if inner is not None:
        return inner, True, False
    if trig.group in lex.country_wide:
        return chosen, False, False
    if direct and trig.type in lex.governed_states and not (trig.plural or trig.definite):
        # "يزور الوزير إسرائيل": the state a visit word governs is where the visit is, dated or not
        return gazetteer.capital(chosen.country) or chosen, True, True
    return gazetteer.capital(chosen.country) or chosen, False, False


def _inner(country: str, here: list) -> Place | None:
    """The most specific place of ``country`` the sentence names, if any."""
    inner = [m[2] for m in here if m[2].country == country and m[2].kind != "country"]
    return max(inner, key=lambda p: _SPECIFICITY.get(p.kind, 0)) if inner else None


def _narrowed(m: tuple, following: list, starts: list[int], origins: set[int]) -> Place:
    """The place of mention ``m``, narrowed by a more specific place right after it.

    "في البحر الأحمر قرب ميناء الحديدة": a sea, region or country narrowed by the next place.
    """
    chosen = m[2]
    k = _token_at(starts, m[0])
    for other in following:
        k2 = _token_at(starts, other[0])
        if k2 - k > NARROWING_WORDS or other[0] in origins:
            break
        if chosen.kind in ("region", "country", "other") and _SPECIFICITY.get(other[2].kind, 0) > _SPECIFICITY.get(
                chosen.kind, 0) and (chosen.kind != "country" or other[2].country == chosen.country):
            chosen = other[2]
    return chosen


def _fronted_scene(trig: Trigger, toks: list, starts: list[int], here: list, origins: set[int],
                   lex: _Lexicon) -> Place | None:
    """A town set before the event word by a scene word opening the clause ("وفي الدوحة يلتقي الوزير ...")."""
    for m in here:
        k, last = _token_at(starts, m[0]), _token_at(starts, m[1] - 1)
        if m[0] in origins or m[2].kind == "country" or not 0 < trig.first_token - last <= 1 or k < 1:
            continue
        opener = toks[k - 1].norm
        # the scene word opens the sentence, or carries the و or ف that opens a clause
        if opener in lex.scene_words and k == 1 or opener[:1] in ("و", "ف") and opener[1:] in lex.scene_words:
            return m[2]
    return None


def _introduced(toks: list, k: int, words: frozenset[str], lex: _Lexicon, near: bool = False) -> bool:
    """Whether the place at token ``k`` follows one of ``words``, maybe with a kind of place between.

    A place "near" ("بالقرب من بلدة X") follows none of them: it is a scene
    when ``near`` is true, never where something comes from.
    """
    if _near_of(toks, k, lex) is not None:
        return near
    if k >= 1 and toks[k - 1].norm in words:
        return True
    if k >= 1 and "في" in words and _is_place_noun(toks[k - 1].norm, lex) and any(
            n and toks[k - 1].norm[:n].endswith("ب") and stem in lex.place_nouns
            for n, stem in strip_clitics(toks[k - 1].norm)):
        # "بمدينة حمص": "in the city of", like "في مدينة"
        return True
    return k >= 2 and _is_place_noun(toks[k - 1].norm, lex) and toks[k - 2].norm in words


def _near_of(toks: list, k: int, lex: _Lexicon) -> int | None:
    """The index of the word of nearness ("بالقرب من", "على مقربة من") placing the place at token ``k``, if any."""
    j = k - 2 if k >= 2 and _is_place_noun(toks[k - 1].norm, lex) else k - 1
    if j >= 1 and toks[j].norm in lex.origin_words and any(
            stem in lex.near_words for _n, stem in _readings(toks[j - 1].norm)):
        # "على مقربة من": from the word before the word of nearness
        return j - 2 if j >= 2 and toks[j - 2].norm in lex.location_words else j - 1
    return None


def _is_place_noun(norm: str, lex: _Lexicon) -> bool:
    return norm in lex.place_nouns or any(stem in lex.place_nouns for _n, stem in strip_clitics(norm))


def _topic_at(trig: Trigger, toks: list, lex: _Lexicon) -> int:
    """How many words after the trigger its topic begins ("اجتماعا ... لبحث أمن الملاحة في البحر الأحمر")."""
    for k in range(trig.last_token + 1, len(toks)):
        if toks[k].norm in lex.topic_words:
            return k - trig.last_token
    return len(toks)


def _said_at(res: Resources, trig: Trigger, text: str, toks: list, starts: list[int], here: list,
             lex: _Lexicon) -> Place | None:
    """Where a denial or statement is made: a town after "في" or "من" next to its speaker.

    "نفت بعثة إيران لدى الأمم المتحدة في نيويورك"; not the place of what is
    denied ("نفى نقل أسلحة إلى الحوثيين في صنعاء").
    """
    for m in here:
        k = _token_at(starts, m[0])
        if not 0 < k - trig.last_token <= SPEAKER_AFTER + 2:
            continue
        if not _introduced(toks, k, lex.said_words, lex):
            continue
        if m[2].kind in ("country", "region"):
            return None
        between = text[trig.span.end:m[0]]
        if _names_goods(res, between, lex) or any(t.norm in ("الي", "إلى") for t in tokens(between)):
            return None
        return m[2]
    return None


def _scene(trig: Trigger, toks: list, starts: list[int], here: list, origins: set[int], lex: _Lexicon,
           reach: int) -> Place | None:
    """The first place after the trigger that a scene word introduces ("في قاعدة رامشتاين", "قرب البوكمال")."""
    after = [m for m in here if 0 < _token_at(starts, m[0]) - trig.last_token <= min(reach, _topic_at(trig, toks, lex))]
    for n, m in enumerate(after):
        k = _token_at(starts, m[0])
        if m[0] in origins or not _introduced(toks, k, lex.scene_words, lex, near=True):
            continue
        return _target_within(m, after[:n], starts, origins, lex, toks) or _narrowed(m, after[n + 1:], starts, origins)
    return None


def _target_within(m: tuple, before: list, starts: list[int], origins: set[int], lex: _Lexicon,
                   toks: list) -> Place | None:
    """A more specific place the target phrase names just before the scene ``m`` and inside it.

    "قصف على بلدة X في ريف المحافظة": the town struck, not its province.
    """
    scene = m[2]
    if scene.kind not in ("region", "country", "other"):
        return None
    k = _token_at(starts, m[0])
    for other in reversed(before):
        k2 = _token_at(starts, other[0])
        if k - k2 > NARROWING_WORDS:
            break
        place = other[2]
        if (other[0] not in origins and place.country == scene.country
                and _SPECIFICITY.get(place.kind, 0) > _SPECIFICITY.get(scene.kind, 0)
                and _introduced(toks, k2, lex.location_words, lex, near=True)):
            return place
    return None


def _origins(toks: list, starts: list[int], here: list, lex: _Lexicon) -> set[int]:
    """The starts of the mentions that name where something comes from.

    A place after "من" ("وفد من بيلاروسيا"), and a place placing that one
    ("من قاعدة حميميم في سوريا").
    """
    found: set[int] = set()
    previous_end: int | None = None
    previous_origin = False
    for m in here:
        k = _token_at(starts, m[0])
        # "كلا من الأردن ومصر" lists places, it tells no origin
        origin = _introduced(toks, k, lex.origin_words, lex) and not (k >= 2 and toks[k - 2].norm in lex.each_words)
        if not origin and previous_origin and previous_end is not None and k - previous_end <= 2 and k >= 1 \
                and toks[k - 1].norm in ("في", "ب", "،"):
            origin = True
        # "من السنغال وكوت ديفوار": a place joined by و to where something comes from
        if not origin and previous_origin and previous_end is not None and k == previous_end + 1 \
                and toks[k].norm.startswith("و"):
            origin = True
        # "وفود من دول إفريقية، بينها السنغال": the places listing where from
        if not origin and k >= 1 and toks[k - 1].norm in lex.listing_words and any(
                toks[j].norm in lex.origin_words for j in range(max(k - 1 - LISTED_WORDS, 0), k - 1)):
            origin = True
        if origin:
            found.add(m[0])
        previous_end, previous_origin = _token_at(starts, max(m[1] - 1, m[0])), origin
    return found


def _across_border(toks: list, starts: list[int], here: list, lex: _Lexicon) -> set[int]:
    """The starts of states named as the neighbour across a border ("على الحدود مع نيجيريا"): no scene."""
    found: set[int] = set()
    for m in here:
        k = _token_at(starts, m[0])
        if m[2].kind == "country" and k >= 2 and toks[k - 1].norm in lex.across_words and any(
                stem in lex.border_words for _n, stem in _readings(toks[k - 2].norm)):
            found.add(m[0])
        elif m[2].kind == "country" and k >= 1 and toks[k - 1].norm in lex.bordering:
            found.add(m[0])  # "في الإقليم المحاذي لتنزانيا": the neighbour is no scene
    return found


def _members(toks: list, starts: list[int], here: list, lex: _Lexicon) -> set[int]:
    """The starts of states listed as a body's members ("المجلس الذي يضم السعودية والبحرين"): no scene."""
    found: set[int] = set()
    previous_end: int | None = None
    for m in here:
        k = _token_at(starts, m[0])
        listed = k >= 1 and toks[k - 1].norm in lex.membership or previous_end is not None and (
            k <= previous_end or k - previous_end <= 1 and toks[k].norm.startswith("و"))
        if listed:
            found.add(m[0])
        previous_end = _token_at(starts, max(m[1] - 1, m[0])) if listed else None
    return found


def _represented(toks: list, starts: list[int], here: list, lex: _Lexicon) -> set[int]:
    """The starts of countries named right after a delegation word: whom it represents ("وفدا عسكريا روسيا")."""
    found: set[int] = set()
    for m in here:
        k = _token_at(starts, m[0])
        if m[2].kind == "country" and any(
                stem in lex.party_words for j in range(max(k - REPRESENTED_WORDS, 0), k)
                for _n, stem in _readings(toks[j].norm)):
            found.add(m[0])
    return found


def _dateline_capital(text: str, mentions: list, actors: list[ActorMention], gazetteer: Gazetteer,
                      lines: LineStarts) -> Place | None:
    """The capital the article is datelined from ("الجزائر - ...", "القاهرة - ..."), if any."""
    for m in mentions:
        if not _is_dateline(text, m, lines):
            continue
        place = m[2]
        capital = gazetteer.capital(place.country) if place.country else None
        if capital is not None and (place.kind == "country" or capital.id == place.id):
            return capital
    for a in actors:
        line_start = lines.of(a.span.start)
        if not text[line_start:a.span.start].strip() and _DATELINE_MARK.match(text[a.span.end:a.span.end + 4]):
            return gazetteer.capital(a.actor) if len(a.actor) == 2 and a.actor.isupper() else None
    return None


def _the_capital(sentence_text: str, toks: list, starts: list[int], here: list, here_actors: list[ActorMention],
                 dateline: Place | None, gazetteer: Gazetteer, lex: _Lexicon,
                 read: Callable[[str], tuple[list[tuple[int, str]], bool]] | None = None
                 ) -> list[tuple[int, int, Place]]:
    """Mentions for "العاصمة" standing alone: the capital of the state named right after it, else the dateline's.

    "وصل إلى العاصمة" in an article datelined "القاهرة -" is in Cairo; "العاصمة
    الليبية" is Tripoli; "العاصمة طرابلس" is left to the place named.
    """
    found = []
    covered = [(m[0], m[1]) for m in here]
    for k, tok in enumerate(toks):
        stems = read(tok.norm)[0] if read is not None else _readings(tok.norm)
        if not any(stem in lex.capital_words for _n, stem in stems):
            continue
        start = starts[k]
        end = start + tok.end - tok.start
        if any(s < end and start < e for s, e in covered):
            continue
        following = starts[k + 1] if k + 1 < len(toks) else None
        if following is not None and any(m[0] == following for m in here):
            continue
        place = dateline
        named = [a for a in here_actors if a.span.start == following and len(a.actor) == 2 and a.actor.isupper()]
        if named:
            place = gazetteer.capital(named[0].actor)
        elif k + 1 < len(toks) and toks[k + 1].norm.startswith("ال") and not re.search(
                r"[،,.؛;:]", sentence_text[tok.end:toks[k + 1].start]):
            # "العاصمة الجديدة", "العاصمة الإدارية": another city than the capital
            continue
        if place is not None:
            found.append((start, end, place))
    return found


def _named_states(text: str, here: list, here_actors: list[ActorMention], gazetteer: Gazetteer,
                  lex: _Lexicon) -> list[tuple[int, int, Place]]:
    """Mentions for states read as actors only that name where something is: they are places too.

    A state's name ("تشارك السعودية"), or a word read as an adjective right
    after "إلى", where no adjective can stand ("وصل إلى السعودية").
    """
    found = []
    for a in here_actors:
        if any(m[0] < a.span.end and a.span.start < m[1] for m in here):
            continue
        before = text[max(0, a.span.start - 12):a.span.start].split()
        if a.kind != "country" and not (a.kind == "demonym" and before and fold(before[-1]) in lex.destination_words):
            continue
        place = gazetteer.country(a.actor)
        if place is not None:
            found.append((a.span.start, a.span.end, place))
    return found


def _is_dateline(text: str, m: tuple, lines: LineStarts) -> bool:
    """Whether mention ``m`` is the dateline opening a paragraph ("كييف - (أ ف ب) -")."""
    line_start = lines.of(m[0])
    if text[line_start:m[0]].strip():
        return False
    return _DATELINE_MARK.match(text[m[1]:m[1] + 4]) is not None


def _direct(trig: Trigger, toks: list, starts: list[int], here: list, origins: set[int],
            lex: _Lexicon) -> Place | None:
    """The place right after the trigger, the one it governs ("زار الرياض", "تفقد قاعدة حميميم")."""
    k = trig.last_token + 1
    if k < len(toks) and _is_place_noun(toks[k].norm, lex):
        k += 1
    for m in here:
        if trig.last_token < _token_at(starts, m[0]) <= k and m[0] not in origins:
            return m[2]
    return None


def _place_follows(trig: Trigger, toks: list, starts: list[int], here: list, lex: _Lexicon) -> bool:
    """Whether a place stands right after the trigger.

    Maybe after a kind of place ("وصل إلى مطار X"), or a kind of place
    located by a scene word ("وصلت إلى قاعدة عسكرية قرب الإسكندرية").
    """
    k = trig.last_token + 1
    located = False
    if k < len(toks) and _is_place_noun(toks[k].norm, lex):
        # "قاعدة عسكرية قرب X", "تلة «Y» الواقعة في X": a kind of place, its name or epithet, then where it is
        scene_at = next((j for j in range(k + 1, min(k + 1 + LOCATED_WORDS, len(toks)))
                         if toks[j].norm in lex.scene_words), None)
        located = scene_at is not None
        k = scene_at + 3 if scene_at is not None else k + 1
    to_country = trig.span.text and fold(trig.span.text.split()[-1]) in ("الي", "إلى")
    for m in here:
        at = _token_at(starts, m[0])
        if trig.last_token < at <= k and (to_country or m[2].kind != "country") and (
                not located or at == trig.last_token + 2 or _introduced(toks, at, lex.scene_words, lex, near=True)):
            return True
    return False


def _strikes_at(trig: Trigger, place: Place, toks: list, starts: list[int], here: list, lex: _Lexicon) -> bool:
    """Whether ``place`` (a town or facility) is named as where strikes fell.

    Right after the trigger by a location word ("غارات على مدينة الحديدة"),
    or right before it after a verb of witnessing ("شهدت مدينة الزبداني غارات").
    """
    if place.kind in ("country", "region"):
        return False
    for m in here:
        k = _token_at(starts, m[0])
        if m[2].id != place.id:
            continue
        if 0 < k - trig.last_token <= STRUCK_WORDS and _introduced(
                toks, k, lex.location_words | lex.scene_words, lex, near=True):
            return True
        last = _token_at(starts, m[1] - 1)
        if 0 < trig.first_token - last <= 1 and any(
                stem in lex.witness_words for j in range(max(0, k - 2), k) for _n, stem in _readings(toks[j].norm)):
            return True
    return False


def _goods_follow(res: Resources, trig: Trigger, sentence: Span, toks: list, lex: _Lexicon,
                  people: bool = True) -> bool:
    """Whether goods are named in the words after a seizing word ("حجزت، أمس، كمية من الأسلحة").

    Without ``people``, armed people are no goods ("سلمت القوات الأمريكية المتهمة").
    """
    if trig.last_token + 1 >= len(toks):
        return False
    hi = toks[min(trig.last_token + SEIZED_WORDS, len(toks) - 1)].end
    after = re.split(r"[.؛;:]", sentence.text[toks[trig.last_token + 1].start:hi])[0]
    return _names_goods(res, after, lex, people)


def _aims_at_place(res: Resources, trig: Trigger, sentence: Span, toks: list, starts: list[int], here: list,
                   here_actors: list[ActorMention], lex: _Lexicon) -> bool:
    """Whether a verb of aiming at strikes a place.

    Its subject (before it in its clause, or right after it) is a weapon or
    an attacker ("مسيرات", "الحوثيون", a state), its object a place or a kind
    of target right after it ("ميناء أوديسا", "محطة كهرباء في خاركيف"), a
    town or facility is named shortly after it, and no sanction or measure
    stands in its clause ("استهدفت العقوبات شركات في دبي").
    """
    clause = _clause_tokens(trig, sentence, toks)
    if any(stem in lex.not_attackers for k in clause for _n, stem in _readings(toks[k].norm)):
        return False
    before = [k for k in clause if trig.first_token - PRECEDING_WORDS <= k < trig.first_token]
    after = [k for k in clause if trig.last_token < k <= trig.last_token + PRECEDING_WORDS - 1]
    near = before + after
    states = any(len(a.actor) == 2 and a.actor.isupper() and _token_at(starts, a.span.start) in near
                 for a in here_actors) or any(m[2].kind == "country" and _token_at(starts, m[0]) in near for m in here)
    words = " ".join(toks[k].norm for k in near)
    attacker = states or any(stem in lex.attackers for k in near for _n, stem in _readings(toks[k].norm)) or (
        bool(near) and _names_goods(res, words, lex))
    if not attacker:
        return False
    places = [(_token_at(starts, m[0]), m[2]) for m in here]
    # the object, maybe after a subject of a few words ("استهدفت صواريخ أطلقها الحوثيون مدينة إيلات")
    objects = [k for k in clause if trig.last_token < k <= trig.last_token + AIMED_WORDS]
    # the object in the accusative too ("مستودعا", "موقعا")
    bare = [toks[k].norm[:-1] if toks[k].norm.endswith("ا") else toks[k].norm for k in objects]
    aimed = any(k in objects and place.kind != "country" for k, place in places) or any(
        _is_place_noun(norm, lex) or any(stem in lex.targets for _n, stem in _readings(norm))
        for k, word in zip(objects, bare, strict=True) for norm in (toks[k].norm, word))
    return aimed and any(0 < k - trig.last_token <= OBJECT_WORDS and place.kind != "country" and k in clause
                         for k, place in places)


def _clause_tokens(trig: Trigger, sentence: Span, toks: list) -> list[int]:
    """The tokens of the trigger's clause: between the punctuation marks around it."""
    lo = trig.first_token
    while lo > 0 and not re.search(r"[،,.؛;:]", sentence.text[toks[lo - 1].end:toks[lo].start]):
        lo -= 1
    hi = trig.last_token
    while hi + 1 < len(toks) and not re.search(r"[،,.؛;:]", sentence.text[toks[hi].end:toks[hi + 1].start]):
        hi += 1
    return list(range(lo, hi + 1))


def _conditional(trig: Trigger, sentence: Span, toks: list, words: tuple[str, ...]) -> bool:
    """Whether the clause of the trigger has one of ``words``: a condition ("إذا", "في حال", "ما لم"), a plan..."""
    lo = toks[max(trig.first_token - PRECEDING_WORDS, 0)].start
    hi = toks[min(trig.last_token + TARGET_WORDS, len(toks) - 1)].end
    start, end = trig.span.start - sentence.start, trig.span.end - sentence.start
    before = re.split(r"[،,.؛;:]", sentence.text[lo:start])[-1]
    after = re.split(r"[،,.؛;:]", sentence.text[end:hi])[0]
    clause = " ".join(t.norm for t in tokens(before + " " + after))
    return any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", clause) for w in words)


def _retype(res: Resources, trig: Trigger, sentence: Span, toks: list, starts: list[int], here: list,
            lex: _Lexicon) -> Trigger:
    """The trigger with its type read from its context.

    An arrival whose subject is goods ("وصلت أول بطارية باتريوت إلى أوديسا")
    is a delivery; a launch at a target ("أطلقوا صواريخ على السفن") is an attack.
    """
    if trig.needs_place and trig.group in lex.arrivals and lex.group_of.get(lex.arrival_of_goods):
        lo = toks[max(trig.first_token - GOODS_WORDS, 0)].start
        clause = sentence.text[lo:trig.span.end - sentence.start]
        clause = re.split(r"[،,.؛;:]", clause)[-1]
        # ... or right after the place, when the subject follows ("وصلت إلى ميناء طرطوس سفينة محملة")
        ends = [_token_at(starts, m[1] - 1) for m in here if 0 < _token_at(starts, m[0]) - trig.last_token <= 2]
        behind = ""
        if ends and ends[0] + 1 < len(toks):
            hi = toks[min(ends[0] + GOODS_AFTER, len(toks) - 1)].end
            behind = re.split(r"[،,.؛;:]", sentence.text[toks[ends[0] + 1].start:hi])[0]
        if _names_goods(res, clause, lex) or _names_goods(res, behind, lex):
            return replace(trig, type=lex.arrival_of_goods, group=lex.group_of[lex.arrival_of_goods])
    aimed = lex.aimed_at.get(trig.type)
    if aimed is not None and not any(stem in lex.drill_words for t in toks for _n, stem in _readings(t.norm)):
        for k in range(trig.last_token + 1, min(trig.last_token + 1 + TARGET_WORDS, len(toks))):
            if toks[k].norm in lex.launch_targets:
                if k + 1 < len(toks) and toks[k + 1].norm in lex.not_targets:
                    break
                return replace(trig, type=aimed, group=lex.group_of[aimed])
    return trig


def _names_goods(res: Resources, clause: str, lex: _Lexicon, people: bool = True) -> bool:
    """Whether ``clause`` names cargo, a weapon or another commodity (:func:`~.flows.find_commodities`).

    Without ``people``, a commodity of armed people does not count.
    """
    if any(stem in lex.goods_words for t in tokens(clause) for _n, stem in _readings(t.norm)):
        return True
    try:
        from geomap.extraction.flows import find_commodities
    except ImportError:
        return False
    words = article_words(clause)
    return any(people or c.commodity != "personnel" for c in find_commodities(res, words, 0, len(words)))


def _coordinated(place: Place, trig: Trigger, toks: list, starts: list[int], here: list) -> list[Place]:
    """The places joined by "و" right after ``place`` ("زار الرياض والدوحة", "كلا من الأردن ومصر").

    States are joined only to a state, towns only to a town.
    """
    after = [m for m in here if _token_at(starts, m[0]) > trig.last_token]
    # a capital the text does not name stands for its state ("زار الكويت وقطر")
    by_state = not any(m[2].id == place.id for m in here)
    found: list[Place] = []
    for n, m in enumerate(after):
        if m[2].id != place.id and not (by_state and m[2].kind == "country" and m[2].country == place.country):
            continue
        end = _token_at(starts, max(m[1] - 1, m[0]))
        for other in after[n + 1:]:
            k = _token_at(starts, other[0])
            if k != end + 1 or not toks[k].norm.startswith("و") or (
                    (other[2].kind == "country") != (m[2].kind == "country")):
                break
            found.append(other[2])
            end = _token_at(starts, max(other[1] - 1, other[0]))
        break
    return [p for p in dict.fromkeys(found) if p.id != place.id]


def _distributed(place: Place, trig: Trigger, text: str, toks: list, starts: list[int], here: list,
                 origins: set[int], lex: _Lexicon) -> list[Place]:
    """The places shared out with ``place`` by counts ("أصيب سبعة، أربعة في X وثلاثة قرب Y").

    After the scene of the trigger, in the same stretch of text (no
    punctuation), a scene word or a word of nearness preceded by "و" and a
    count ("وثلاثة", "وآخر") introduces another scene of the same happening.
    """
    after = [m for m in here if _token_at(starts, m[0]) > trig.last_token]
    first = next((n for n, m in enumerate(after) if m[2].id == place.id), None)
    if first is None:
        return []
    base = starts[0] - toks[0].start  # where the sentence begins in the article
    found: list[Place] = []
    end = after[first][1]
    for m in after[first + 1:]:
        if re.search(r"[،,.؛;:]", text[end - base:m[0] - base]):
            break
        end = max(end, m[1])
        if m[0] in origins or m[2].kind == "country" or m[2].id == place.id:
            continue
        k = _token_at(starts, m[0])
        j = _near_of(toks, k, lex)
        if j is None and k >= 1 and toks[k - 1].norm in lex.scene_words:
            j = k - 1
        elif j is None and k >= 2 and _is_place_noun(toks[k - 1].norm, lex) and toks[k - 2].norm in lex.scene_words:
            j = k - 2
        if j is None or j < 1:
            continue
        count = toks[j - 1].norm
        if count[:1] == "و" and (count[1:].isdigit() or count[1:] in lex.distributive):
            found.append(m[2])
    return found


def _speaker(trig: Trigger, text: str, toks: list, starts: list[int], here: list,
             here_actors: list[ActorMention], gazetteer: Gazetteer,
             relatives: frozenset[str] = frozenset()) -> str | None:
    """The state that speaks: named right after a speech word ("نفت بعثة إيران"), else right before it.

    After a relative pronoun ("طهران التي تتهم واشنطن"), the state before it speaks.
    """
    named: list[tuple[int, str]] = [(a.span.start, a.actor) for a in here_actors
                                    if len(a.actor) == 2 and a.actor.isupper()]
    for m in here:
        place = m[2]
        if place.kind == "country":
            named.append((m[0], place.country))
        elif place.country:
            capital = gazetteer.capital(place.country)
            if capital is not None and capital.id == place.id:
                named.append((m[0], place.country))
    # before the word, only a subject in the same clause ("إيران نفت"; not "..., لكن البلدين نفيا")
    before = sorted((s, c) for s, c in named if 0 < trig.first_token - _token_at(starts, s) <= SPEAKER_BEFORE
                    and not re.search(r"[،,.؛;:]", text[s:trig.span.start]))
    if before and relatives and trig.first_token > 0 and toks[trig.first_token - 1].norm in relatives:
        return before[-1][1]
    # after the word, or inside a phrase with a gap ("نفى الجيش المصري صحة")
    after = sorted((s, c) for s, c in named if _token_at(starts, s) > trig.first_token
                   and _token_at(starts, s) - trig.last_token <= SPEAKER_AFTER)
    if after:
        return after[0][1]
    return before[-1][1] if before else None


def _target_place(trig: Trigger, starts: list[int], here: list, here_actors: list[ActorMention],
                  gazetteer: Gazetteer) -> tuple[Place | None, bool]:
    """The place of the party named first after the trigger (sanctions on whom)."""
    named = [(m[0], m[2], None) for m in here] + [(a.span.start, None, a.actor) for a in here_actors]
    named = [n for n in named if _token_at(starts, n[0]) > trig.last_token
             and _token_at(starts, n[0]) - trig.last_token <= PLACE_WINDOW]
    if not named:
        return None, False
    _start, place, code = min(named, key=lambda n: n[0])
    if place is not None and place.kind != "country":
        return place, True
    code = place.country if place is not None else code
    if not code or len(code) != 2 or not code.isupper():
        return None, False
    inner = [m[2] for m in here if m[2].country == code and m[2].kind != "country"]
    if inner:
        return max(inner, key=lambda p: _SPECIFICITY.get(p.kind, 0)), True
    return gazetteer.capital(code) or gazetteer.country(code), False


def _object_place(trig: Trigger, text: str, starts: list[int], here: list, here_actors: list[ActorMention],
                  gazetteer: Gazetteer) -> tuple[Place | None, bool]:
    """The place of the party a verb of handing over has for object (who receives).

    "بولندا سلمت أوكرانيا": the first party after the verb when its subject
    stands before it in the clause; "سلمت تركيا ليبيا": else the second.
    """
    everyone = [(m[0], m[2], None) for m in here] + [(a.span.start, None, a.actor) for a in here_actors]
    everyone = [n for n in everyone if n[1] is not None or (n[2] and len(n[2]) == 2 and n[2].isupper())]
    subject = [n for n in everyone if 0 < trig.first_token - _token_at(starts, n[0]) <= 4
               and not re.search(r"[،,.؛;:]", text[n[0]:trig.span.start])]
    after = sorted((n for n in everyone if 0 < _token_at(starts, n[0]) - trig.last_token <= 6), key=lambda n: n[0])
    codes = list(dict.fromkeys((n[1].country if n[1] is not None else n[2]) for n in after))
    # "نفت موسكو ... أن تكون قد سلمت الجزائر": one party after, the giver named earlier
    earlier = [n for n in everyone if 0 < trig.first_token - _token_at(starts, n[0]) <= PLACE_WINDOW]
    index = 0 if subject or (len(codes) == 1 and earlier and codes[0] not in
                             {(n[1].country if n[1] is not None else n[2]) for n in earlier}) else 1
    if len(codes) <= index:
        return None, False
    code = codes[index]
    first = next(n for n in after if (n[1].country if n[1] is not None else n[2]) == code)
    if first[1] is not None and first[1].kind != "country":
        return first[1], True
    return gazetteer.capital(code) or gazetteer.country(code), False


def _subject_place(trig: Trigger, starts: list[int], here: list, here_actors: list[ActorMention],
                   gazetteer: Gazetteer) -> tuple[Place | None, bool]:
    """The place of the party the trigger has for subject.

    After a verb, the party named right after it ("تسلمت الجزائر"); else the
    one named nearest before the trigger ("الجيش الروسي تسلم").
    """
    everyone = [(m[0], m[2], None) for m in here] + [(a.span.start, None, a.actor) for a in here_actors]
    named = [n for n in everyone if _token_at(starts, n[0]) < trig.first_token
             and trig.first_token - _token_at(starts, n[0]) <= PLACE_WINDOW]
    if trig.last_token == trig.first_token and not trig.definite and not trig.plural and trig.verb:
        subject = [n for n in everyone if 0 < _token_at(starts, n[0]) - trig.last_token <= 2]
        if subject:
            named = subject[:1]
    if not named:
        return None, False
    _start, place, code = max(named, key=lambda n: n[0])
    if place is not None and place.kind != "country":
        return place, True
    code = place.country if place is not None else code
    if not code or len(code) != 2:
        return None, False
    return gazetteer.capital(code) or gazetteer.country(code), False


def _nearest_date(dates: list[DateMention], trigs: list[Trigger], toks: list, starts: list[int],
                  lex: _Lexicon, window: int,
                  others: list[Trigger] | None = None, text: str = "") -> DateMention | None:
    """The date standing nearest a trigger (of the singular ones, when there are); years last.

    A date with "منذ" (since) between it and the trigger dates something else,
    as does a date after a relative pronoun that stands apart from the
    trigger ("نفت ... المنظومات التي تعاقدت عليها عام 2016": the date of the
    contract, not of the denial). A date right beside another event word of
    the sentence, nearer to it, is that one's ("في بيان يوم 12 مارس إن
    موسكو سلمت الجزائر منظومات عام 1996": March dates the statement);
    ``others`` gives those event words and ``text`` the text of the sentence.
    An event word told as what a weapon was used in ("استخدمت لاحقا في
    ضربة") takes only a date of its own clause.
    """
    singular = [t for t in trigs if not t.plural] or trigs
    best: DateMention | None = None
    best_rank: tuple[bool, int] = (False, 0)
    for date in dates:
        first = _token_at(starts, date.span.start)
        last = _token_at(starts, max(date.span.end - 1, date.span.start))
        owner = min((_gap(first, last, t) for t in others or () if not _punctuated(text, toks, first, last, t)),
                    default=len(toks))
        for trig in singular:
            if owner <= OWN_DATE_WORDS and owner < _gap(first, last, trig):
                continue
            if last < trig.first_token:
                distance, between = trig.first_token - last, range(last + 1, trig.first_token)
            elif first > trig.last_token:
                distance, between = first - trig.last_token, range(trig.last_token + 1, first)
            else:
                distance, between = 0, range(0)
            if any(toks[k].norm in lex.since_words for k in between) or distance > window:
                continue
            if first > trig.last_token and trig.group in lex.topic_dates and any(
                    toks[k].norm in lex.topic_words for k in between):
                # "زار موسكو لبحث عقود أبرمت عام 2012": the date of what the visit is about
                continue
            if last < trig.first_token and trig.first_token > 0 and toks[trig.first_token - 1].norm in lex.relatives:
                # "... في العام الماضي ... الجماعة التي اتهمتها واشنطن": the date of the main clause
                continue
            if trig.type in lex.speech_types and any(
                    (trig.last_token < t.first_token and t.last_token < first)
                    or (last < t.first_token and t.last_token < trig.first_token) for t in others or ()):
                # "اتهمتها لندن بالاعتداء على سفارتها عام 2015": a date beyond another event word is that one's
                continue
            if trig.background and text and _punctuated(text, toks, first, last, trig):
                continue
            if last < trig.first_token and _reported(toks, first, last, trig, lex):
                # "أفادت الصحيفة في مارس أن الجيش تسلم مروحيات": the date of the report, not of what it tells
                continue
            if last < trig.first_token and text and _punctuated(text, toks, first, last, trig) and _relative_clause(
                    text, toks, first, lex):
                # "وكان الوزير، الذي تولى منصبه العام الماضي، في رحلة": the date of the relative clause
                continue
            # ("المعرض الذي احتضنته طهران": a relative right after the event word describes the event)
            if any(toks[k].norm in lex.relatives for k in range(trig.last_token + 1 + RELATIVE_GAP, first)):
                continue
            # the nearest date, a bare year only when nothing finer stands near
            rank = (_precision(date) <= 1, distance)
            if best is None or rank < best_rank:
                best, best_rank = date, rank
    return best


def _reported(toks: list, first: int, last: int, trig: Trigger, lex: _Lexicon) -> bool:
    """Whether the date at tokens ``first``..``last`` dates a report that the trigger's clause tells.

    "أفادت الصحيفة في مارس أن الجيش تسلم ...": a verb of reporting stands
    right before the date and "أن" between it and the trigger.
    """
    if not any(toks[k].norm in ("ان", "أن", "إن") for k in range(last + 1, trig.first_token)):
        return False
    return any(stem in lex.report_words
               for k in range(max(first - 3, 0), first) for _n, stem in _readings(toks[k].norm))


def _relative_clause(text: str, toks: list, first: int, lex: _Lexicon) -> bool:
    """Whether token ``first`` stands in a relative clause: a relative pronoun before it, no punctuation between."""
    for k in range(first - 1, -1, -1):
        if re.search(r"[،,.؛;:]", text[toks[k].end:toks[k + 1].start]):
            return False
        if toks[k].norm in lex.relatives or (toks[k].norm[:1] == "و" and toks[k].norm[1:] in lex.relatives):
            return True
    return False


def _gap(first: int, last: int, trig: Trigger) -> int:
    """How many words lie between tokens ``first``..``last`` and a trigger (0 when they overlap)."""
    if last < trig.first_token:
        return trig.first_token - last
    if first > trig.last_token:
        return first - trig.last_token
    return 0


def _punctuated(text: str, toks: list, first: int, last: int, trig: Trigger) -> bool:
    """Whether punctuation stands between tokens ``first``..``last`` and a trigger."""
    lo, hi = (last, trig.first_token) if last < trig.first_token else (trig.last_token, first)
    if hi <= lo:
        return False
    return re.search(r"[،,.؛;:]", text[toks[lo].end:toks[hi].start]) is not None


def _precision(date: DateMention) -> int:
    """How precise a date is: 3 for a day, 2 for a month, 1 for a year; a span of weeks counts as a month."""
    start, end = date.start or "", date.end or date.start or ""
    if len(start) == 10 and date_interval(end)[1] - date_interval(start)[0] > dt.timedelta(days=10):
        return 2
    return {4: 1, 7: 2, 10: 3}.get(len(start), 0)


# ---------------------------------------------------------------------------
# Joining the sentences that tell the same event.


def _km(a: Place, b: Place) -> float:
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _exact(d: _Draft) -> bool:
    return d.specific and d.place is not None and d.place.kind not in ("country", "region")


def _places_agree(a: _Draft, b: _Draft, lex: _Lexicon) -> bool:
    if a.place is None or b.place is None:
        return True
    if _exact(a) and _exact(b):
        # strikes on two towns are two strikes, however near ("قصف كفريا"، "غارات على بنش")
        near = SAME_TOWN_KM if a.group in lex.distinct_scenes else SAME_PLACE_KM
        return a.place.id == b.place.id or _km(a.place, b.place) <= near
    if a.group in lex.distinct_scenes and a.specific and b.specific and "country" not in (a.place.kind, b.place.kind):
        # "جبل التركمان" and a town at the other end of the country: two scenes
        return a.place.country == b.place.country and _km(a.place, b.place) <= SAME_REGION_KM
    return a.place.country == b.place.country


def _compatible(a: _Draft, b: _Draft, lex: _Lexicon) -> bool:
    if a.group != b.group:
        return False
    if not dates_overlap((a.date_start, a.date_end), (b.date_start, b.date_end), SLACK_DAYS):
        return False
    if a.party and b.party:
        # one denial (or statement) per speaker, wherever each report says it was made
        return a.party == b.party
    if not _places_agree(a, b, lex):
        return False
    if a.group in lex.speech_groups and a.actors and b.actors:
        return bool(set(a.actors) & set(b.actors))
    return True


def _absorb(into: _Draft, other: _Draft) -> None:
    into.members.append(other)
    if other.place is not None and (
        into.place is None
        or (other.specific, _SPECIFICITY.get(other.place.kind, 0))
        > (into.specific, _SPECIFICITY.get(into.place.kind, 0))
    ):
        into.place, into.specific = other.place, other.specific
    if other.dated:
        if not into.dated or (into.news and not other.news):
            into.date_start, into.date_end, into.evidence = other.date_start, other.date_end, other.evidence
            into.news = other.news
        elif other.news == into.news:
            into.date_start, into.date_end = join_dates((into.date_start, into.date_end),
                                                         (other.date_start, other.date_end))
        # else: dated by the text, it keeps its dates over those of the news
    into.actors += [c for c in other.actors if c not in into.actors]
    if other.status == "asserted":
        into.status = "asserted"
    into.claimed_by = tuple(dict.fromkeys(into.claimed_by + other.claimed_by))
    into.denied_by = tuple(dict.fromkeys(into.denied_by + other.denied_by))
    into.plural = into.plural and other.plural
    into.definite = into.definite and other.definite


def _distance(cluster: _Draft, draft: _Draft) -> int:
    """How many sentences lie between ``draft`` and the nearest report of ``cluster``."""
    return min(abs(m.sentence - draft.sentence) for m in [cluster, *cluster.members])


def join_dates(a: tuple[str, str | None], b: tuple[str, str | None]) -> tuple[str, str | None]:
    """The dates of two reports of one event: the narrower when one holds the other, else both together.

    >>> join_dates(("2024-04", "2024-04"), ("2024-04-27", "2024-05-01"))
    ('2024-04', '2024-05-01')
    >>> join_dates(("2023-08", None), ("2023-08-01", "2023-08-01"))
    ('2023-08-01', '2023-08-01')

    """
    a0, a1 = date_interval(a[0])[0], date_interval(a[1] or a[0])[1]
    b0, b1 = date_interval(b[0])[0], date_interval(b[1] or b[0])[1]
    if a0 <= b0 and b1 <= a1:
        return b
    if b0 <= a0 and a1 <= b1:
        return a
    start = a[0] if a0 <= b0 else b[0]
    end = (a[1] or a[0]) if a1 >= b1 else (b[1] or b[0])
    return start, end


def _merge(res: Resources, drafts: list[_Draft]) -> list[_Draft]:
    """One draft per happening: dated reports first, then undated ones join them or stand alone.

    Reports with no place may join a placed one; alone, they make no event.
    """
    lex = res.events
    merged: list[_Draft] = []
    # reports the text dates lead, so that an event keeps the evidence that dates it
    for draft in sorted((d for d in drafts if d.dated), key=lambda d: d.news):
        earlier = [m for m in merged if _compatible(m, draft, lex)]
        if earlier:
            _absorb(max(earlier, key=lambda m: m.sentence), draft)
        else:
            merged.append(draft)
    for draft in (d for d in drafts if not d.dated):
        candidates = [m for m in merged if _compatible(m, draft, lex)]
        if draft.specific and not draft.definite and not draft.plural:
            # a new event word of another kind ("رحلات شحن" after a visit) tells an event of its own,
            # unless it tells the same stay at the same place ("توجه إلى القاهرة" after talks in Cairo)
            candidates = [m for m in candidates if m.type == draft.type or (
                {m.type, draft.type} <= lex.one_stay and m.place is not None and draft.place is not None
                and m.place.id == draft.place.id)]
        if candidates:
            best = min(candidates, key=lambda m: (m.type != draft.type, _distance(m, draft), m.sentence))
            _absorb(best, draft)
        elif (draft.specific and not draft.definite and not draft.plural) or draft.party:
            merged.append(draft)
    # an event is something that happened at a place: one the text places nowhere cannot be mapped
    merged = [d for d in merged if d.place is not None]
    for d in merged:
        if not d.dated and d.recent is not None and d.place.kind != "country":
            # a strike told as done with no date: news of the days before publication
            d.date_start, d.date_end = d.recent
    merged.sort(key=lambda d: (d.evidence.start, d.type))
    return merged


def _finish(d: _Draft) -> Event:
    return Event(
        type=d.type, evidence=d.evidence, place=d.place, date_start=d.date_start,
        date_end=d.date_end if d.date_start else None, actors=tuple(d.actors),
        claimed_by=d.claimed_by, denied_by=d.denied_by, status=d.status,
    )
