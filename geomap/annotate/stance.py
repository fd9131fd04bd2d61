"""Who asserts a report, who denies it, and how sure the text is about it.

:func:`sentence_stance` reads one sentence (or a clause of it) of an article
and tells

- ``claimed_by``: the sources that assert it (``ذكرت رويترز`` -> ``Reuters``,
  ``وفقاً لواشنطن`` -> ``US``, ``مصادر استخباراتية أميركية`` -> ``US
  intelligence``, ``أشار مسؤولون أميركيون`` -> ``US officials``);
- ``denied_by``: the parties that deny it, in the same sentence or in the
  next one when that one refers back to the claim (``نفى ... تلك المزاعم``);
- ``status``: ``"asserted"``, ``"speculative"`` (questions, possibility,
  suspicion, intention, condition) or ``"historical"`` (``في الماضي``).

Claimants and deniers are written one way throughout: ISO 3166-1 alpha-2
codes for states, English names for organisations and outlets (``NATO``,
``Reuters``), and ``"<adjective> intelligence"`` or ``"<adjective>
officials"`` when the text names a state's intelligence services or
officials.

The words are data (``geomap/data/vocabulary/stance.yaml`` and
``actors.yaml``); matching runs on folded words (:mod:`geomap.text.arabic`).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from geomap.annotate.dates import parse_published
from geomap.model import ActorMention, Article, ArticlePlaces, Span
from geomap.text.arabic import fold as _fold
from geomap.text.arabic import normalize, strip_clitics
from geomap.text.document import ArticleText, Phrases, Word, article_words
from geomap.text.spans import SpanIndex

if TYPE_CHECKING:
    from geomap.resources import Resources

__all__ = [
    "STATUSES",
    "Stance",
    "sentence_stance",
    "find_organisations",
    "organisation_country",
    "article_actors",
]

STATUSES = ("asserted", "speculative", "historical")
STATE_KINDS = ("country", "capital", "seat", "demonym", "leader")

# how far (in words) a claimant or denier may stand from its verb
_WINDOW = 10


@dataclass(frozen=True)
class Stance:
    """Who asserts a report, who denies it, and its status (one of :data:`STATUSES`)."""

    claimed_by: tuple[str, ...] = ()
    denied_by: tuple[str, ...] = ()
    status: str = "asserted"


def _flatten(groups: Iterable) -> list[str]:
    out: list[str] = []
    for item in groups:
        if isinstance(item, list):
            out.extend(str(x) for x in item)
        else:
            out.append(str(item))
    return out


@dataclass(frozen=True)
class _Lexicon:
    claims: Phrases
    sources: Phrases
    accusations: Phrases
    negations: frozenset[str]
    denials: Phrases
    negated_evidence: Phrases
    references: Phrases
    outlet_refs: Phrases
    both: Phrases
    speculative: Phrases
    may: frozenset[str]
    historical: Phrases
    historical_years: int
    intelligence: Phrases
    officials: Phrases
    question_marks: tuple[str, ...]
    adjectives: dict[str, str]
    subordinators: frozenset[str]
    not_denied: Phrases


def build_lexicon(vocabularies: Mapping[str, Any]) -> _Lexicon:
    """The compiled cues of ``stance.yaml``.

    Parameters
    ----------
    vocabularies
        Vocabulary name -> its merged entries (see :class:`geomap.resources.Resources`).
    """
    voc = vocabularies["stance"]
    return _Lexicon(
        claims=Phrases(_flatten(voc["claim_cues"]) + list(voc["source_cues"])),
        sources=Phrases(voc["source_cues"]),
        accusations=Phrases(voc["accusation_cues"]),
        negations=frozenset(_fold(w) for w in voc["negations"]),
        denials=Phrases(_flatten(voc["deny_cues"]) + list(voc["negated_evidence"])),
        negated_evidence=Phrases(voc["negated_evidence"]),
        references=Phrases(voc["claim_references"]),
        outlet_refs=Phrases(voc["outlet_references"]),
        both=Phrases(voc["both_parties"]),
        speculative=Phrases(voc["speculative"]),
        may=frozenset(_fold(w) for w in voc["may"]),
        historical=Phrases(voc["historical"]),
        historical_years=int(voc.get("historical_years", 5)),
        intelligence=Phrases(voc["intelligence"]),
        officials=Phrases(voc["officials"]),
        question_marks=tuple(voc["question_marks"]),
        adjectives={str(k): str(v) for k, v in voc["english_adjectives"].items()},
        subordinators=frozenset({"ان", "بان", "انه", "انها", "بانه", "بانها", "انهم"}),
        not_denied=Phrases(voc.get("not_denied", [])),
    )


# ---------------------------------------------------------------------------
# Organisations and outlets.


@dataclass(frozen=True)
class _Bodies:
    phrases: Phrases
    countries: dict[str, str]
    outlets: frozenset[str]
    firsts: dict[str, frozenset[str]]  # name -> the folded first words of its forms
    leaders: dict[str, str]  # "US leader" -> "US": names of people who act for their state
    short: Phrases  # short names of organisations (قوات التحالف), each valid where the article says one of:
    named_when: dict[str, Phrases]  # name -> the phrases that say which body the short names mean


def build_bodies(vocabularies: Mapping[str, Any]) -> _Bodies:
    """The compiled organisations, claimants and outlets of ``actors.yaml``.

    Parameters
    ----------
    vocabularies
        Vocabulary name -> its merged entries (see :class:`geomap.resources.Resources`).
    """
    voc = vocabularies["actors"]
    names: list[str] = []
    values: list[str] = []
    countries: dict[str, str] = {}
    for name, entry in (voc.get("organisations") or {}).items():
        for form in entry.get("names", []):
            names.append(form)
            values.append(str(name))
        if entry.get("country"):
            countries[str(name)] = str(entry["country"])
    outlets = set()
    for form in voc.get("not_organisations") or []:
        names.append(form)
        values.append("")
    for name, forms in (voc.get("claimants") or {}).items():
        for form in forms:
            names.append(form)
            values.append(str(name))
    for name, forms in (voc.get("outlets") or {}).items():
        outlets.add(str(name))
        for form in forms:
            names.append(form)
            values.append(str(name))
    short_names: list[str] = []
    short_values: list[str] = []
    named_when: dict[str, Phrases] = {}
    for name, entry in (voc.get("organisations") or {}).items():
        if entry.get("short_names") and entry.get("named_when"):
            short_names += entry["short_names"]
            short_values += [str(name)] * len(entry["short_names"])
            named_when[str(name)] = Phrases(entry["named_when"])
    leaders = {_leader(code): str(code) for code in voc.get("leaders") or {}}
    for code, forms in (voc.get("leaders") or {}).items():
        for form in forms:
            names.append(form)
            values.append(_leader(code))
    firsts = {name: frozenset(_fold(f).split()[0] for f in _forms_of(voc, name)) for name in set(values) if name}
    return _Bodies(Phrases(names, values), countries, frozenset(outlets), firsts, leaders,
                   Phrases(short_names, short_values), named_when)


def _leader(code: object) -> str:
    """The name a state's leaders are matched under (``US leader``)."""
    return f"{code} leader"


def find_organisations(res: Resources, text: str, words: Sequence[Word] | None = None) -> tuple[ActorMention, ...]:
    """The organisations and news outlets ``text`` names (``actors.yaml``), in text order.

    ``words`` are the words of ``text`` when the caller has them (:class:`ArticleText`).

    Examples
    --------
    >>> from geomap.resources import default_resources
    >>> res = default_resources()
    >>> [(m.actor, m.span.text) for m in find_organisations(res, "وقال حلف شمال الأطلسي وذكرت رويترز")]
    [('NATO', 'حلف شمال الأطلسي'), ('Reuters', 'رويترز')]

    """
    words = article_words(text) if words is None else words
    found = []
    named = {name for name, phrases in res.actors.named_when.items() if phrases.find(words)}
    matches = list(res.actors.phrases.find(words))
    if named:
        # "قوات التحالف" in an article that says who leads the coalition: that body, where no full name stands
        taken = [(i, j) for i, j, _ in matches]
        matches += [(i, j, value) for i, j, value in res.actors.short.find(words)
                    if value in named and not any(a < j and i < b for a, b in taken)]
        matches.sort(key=lambda m: (m[0], m[1]))
    for i, j, value in matches:
        if not value:
            continue
        first = words[i]
        start = first.start + _prefix_chars(res, first, value)
        end = words[j - 1].end
        span = Span(start, end, text[start:end])
        if str(value) in res.actors.leaders:  # a person who acts for a state stands for it
            found.append(ActorMention(span, res.actors.leaders[str(value)], "leader"))
        else:
            found.append(ActorMention(span, str(value), "organisation"))
    return tuple(found)


def _prefix_chars(res: Resources, word: Word, value: object) -> int:
    """The length in original characters of the clitics before a name."""
    firsts = res.actors.firsts.get(str(value), frozenset())
    if word.norm in firsts:
        return 0
    for n, stem in strip_clitics(word.norm):
        if n and stem in firsts:
            norm = normalize(word.text)
            return norm.origin(n, len(norm.text))[0]
    return 0


def _forms_of(voc: Mapping[str, Any], name: str) -> tuple[str, ...]:
    entry = (voc.get("organisations") or {}).get(name)
    if entry:
        return tuple(entry.get("names", [])) + tuple(entry.get("short_names", []))
    leaders = {_leader(code): forms for code, forms in (voc.get("leaders") or {}).items()}
    if name in leaders:
        return tuple(leaders[name])
    return tuple((voc.get("outlets") or {}).get(name, []) or (voc.get("claimants") or {}).get(name, []))


def organisation_country(res: Resources, name: str) -> str | None:
    """The state an organisation is rooted in (``Hezbollah`` -> ``LB``), if any."""
    return res.actors.countries.get(name)


def is_outlet(res: Resources, name: str) -> bool:
    """Tell whether ``name`` is a news outlet of ``actors.yaml``."""
    return name in res.actors.outlets


def article_actors(res: Resources, article: Article, places: ArticlePlaces,
                   doc: ArticleText | None = None) -> tuple[ActorMention, ...]:
    """The actor mentions of ``places`` and the organisations of the article, in text order.

    An actor mention inside an organisation's name (and not that whole name)
    is left out, and so is an organisation overlapping an actor mention kept.
    Computed in time proportional to the number of mentions (times its
    logarithm): compute it once per article and hand it on. ``doc`` is the
    article's :class:`ArticleText`, when the caller has it.
    """
    words = doc.words if doc is not None else None
    orgs = sorted(find_organisations(res, article.text, words), key=lambda o: o.span.start)
    org_starts = [o.span.start for o in orgs]
    # for the first k organisations: the furthest end, and the earliest start among those ending there
    reach: list[tuple[int, int]] = []
    for o in orgs:
        reach.append(max(reach[-1], (o.span.end, -o.span.start)) if reach else (o.span.end, -o.span.start))

    def inside_another(a: ActorMention) -> bool:
        k = bisect_right(org_starts, a.span.start)
        if not k:
            return False
        end, neg_start = reach[k - 1]
        return end > a.span.end or (end == a.span.end and -neg_start < a.span.start)

    own = [a for a in places.actors if not inside_another(a)]
    kept = SpanIndex(own)
    reached = -1  # the furthest end of the organisations taken so far (all starting before this one)
    for org in orgs:
        if not kept.overlaps(org.span.start, org.span.end) and reached <= org.span.start:
            own.append(org)
            reached = max(reached, org.span.end)
    own.sort(key=lambda a: (a.span.start, a.span.end, a.actor))
    # "الرئيس الفرنسي إيمانويل ماكرون": a leader named right after his state's adjective is that one mention
    described = {n for n, a in enumerate(own) if a.kind == "leader" and any(
        b.kind in STATE_KINDS and b.kind != "leader" and b.actor == a.actor and 0 <= a.span.start - b.span.end
        and len(article.text[b.span.end:a.span.start].split()) <= 2 for b in own[max(0, n - 3):n])}
    return tuple(a for n, a in enumerate(own) if n not in described)


# ---------------------------------------------------------------------------
# The stance of a sentence.


def sentence_stance(res: Resources, article: Article, sentence: Span, places: ArticlePlaces, scope: Span | None = None,
                    actors: SpanIndex[ActorMention] | None = None, doc: ArticleText | None = None) -> Stance:
    """Who asserts and who denies what ``sentence`` reports, and its status.

    Parameters
    ----------
    res : Resources
        The compiled vocabularies (:class:`geomap.resources.Resources`).
    article : Article
        The article the sentence is part of.
    sentence : Span
        The sentence (offsets into ``article.text``).
    places : ArticlePlaces
        The article's places and actor mentions (for claimants and deniers).
    scope : Span, optional
        The clause of ``sentence`` that carries the report; the marks of
        speculation and of the past are looked for there only, and the
        claims made in it or after it. Defaults to the whole sentence.
    actors : SpanIndex of ActorMention, optional
        ``SpanIndex(article_actors(article, places))``, computed once per
        article by a caller that reads many sentences; computed here when
        omitted.
    doc : ArticleText, optional
        The words and sentences of ``article.text``, found once per article
        by a caller that reads many sentences; found here when omitted.

    Returns
    -------
    Stance

    Examples
    --------
    >>> from geomap.resources import default_resources
    >>> res = default_resources()
    >>> from geomap.model import Article, ArticlePlaces, ActorMention, Span
    >>> text = "وذكرت رويترز أن إيران أرسلت مسيرات إلى روسيا."
    >>> art = Article("a", text)
    >>> sentence_stance(res, art, Span(0, len(text), text), ArticlePlaces(())).claimed_by
    ('Reuters',)

    """
    text = article.text
    doc = doc if doc is not None else ArticleText(text)
    if actors is None:
        actors = SpanIndex(article_actors(res, article, places, doc))
    words = doc.words_in(sentence)
    lex = res.stance
    claimed = _claimants(res, text, words, actors, sentence, scope)
    denied = _deniers(res, text, words, actors, sentence)
    # a denial opening the next sentence and referring back to this claim
    following = doc.next_sentence(sentence)
    if following is not None:
        next_words = doc.words_in(following)
        if lex.references.find(next_words):
            denied = _unique(denied + _deniers(res, text, next_words, actors, following, lead_only=True))
    # the speaker of a denial is not a claimant of what is denied
    claimed = tuple(c for c in claimed if c not in denied)
    scope_words = doc.words_in(scope) if scope is not None else words
    status = _status(res, doc, article, scope or sentence, scope_words)
    return Stance(claimed_by=claimed, denied_by=denied, status=status)


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def _status(res: Resources, doc: ArticleText, article: Article, scope: Span, words: Sequence[Word]) -> str:
    lex = res.stance
    if any(mark in scope.text for mark in lex.question_marks):
        return "speculative"
    if lex.speculative.find(words):
        return "speculative"
    for i, word in enumerate(words[:-1]):
        if word.norm in lex.may and _is_present_verb(words[i + 1].norm):
            if not (i and words[i - 1].norm in ("كان", "كانت", "وكان", "وكانت")):
                return "speculative"
    if lex.historical.find(words):
        return "historical"
    pub = parse_published(article.published)
    if pub is not None:
        for date in doc.dates_in(res, scope, article.published):
            if date.end and date.kind != "since" and int(date.end[:4]) < pub[0] - lex.historical_years:
                return "historical"
    return "asserted"


def _is_present_verb(norm: str) -> bool:
    """A present-tense verb after قد ("may"): يرسل، ترسل، نرسل — not a past one (تسلمت)."""
    if len(norm) < 3:
        return False
    if norm[0] in "ين":
        return True
    return norm[0] == "ت" and not norm.endswith("ت")


def _actors_between(actors: Sequence[ActorMention], start: int, end: int) -> list[ActorMention]:
    return [a for a in actors if a.span.start >= start and a.span.end <= end]


def _label(actor: ActorMention) -> str:
    return actor.actor


def _adjective(res: Resources, code: str) -> str:
    return res.stance.adjectives.get(code, code)


_PREPOSITIONS = frozenset({"في", "عن", "علي", "مع", "الي", "بين", "حول", "شوون", "من", "ضد", "داخل", "الى"})
_BOUNDARY_CHARS = "،,\"“”«»:;؛()"


def _preceding_word(words: Sequence[Word], actor: ActorMention | Span) -> Word | None:
    start = actor.start if isinstance(actor, Span) else actor.span.start
    before = [w for w in words if w.end <= start]
    return before[-1] if before else None


def _word_of(words: Sequence[Word], actor: ActorMention) -> Word | None:
    return next((w for w in words if w.start <= actor.span.start < w.end), None)


def _phrase_claimants(res: Resources, text: str, words: Sequence[Word], lo: int, hi: int,
                      actors: Sequence[ActorMention],
                      before: bool, accusation: bool = False, source: bool = False,
                      everyone: SpanIndex[ActorMention] | None = None) -> tuple[str, ...]:
    """The claimants named by words ``lo``..``hi`` (the nearest group to the verb).

    ``actors`` are those of the sentence, ``everyone`` those of the article
    (for "the paper" standing for the outlet named last).
    """
    if lo >= hi:
        return ()
    lex = res.stance
    span_lo, span_hi = words[lo].start, words[hi - 1].end
    found = _actors_between(actors, span_lo, span_hi)
    segment = words[lo:hi]
    spies = bool(lex.intelligence.find(segment))
    officials = bool(lex.officials.find(segment))
    if not (spies or officials):
        kept = []
        for a in found:
            prev = _preceding_word(words, a)
            own = _word_of(words, a)
            if prev is not None and prev.norm in _PREPOSITIONS and prev.start >= span_lo \
                    and not (prev.norm == "من" and _preceding_word(words, Span(prev.start, prev.end, "")) is not None
                             and _preceding_word(words, Span(prev.start, prev.end, "")).norm == "كل"):
                continue  # في شوون كوريا الشماليه: a topic, not a speaker
            if not before and not source and own is not None and own.start == span_lo and own.norm.startswith("ل") \
                    and a.span.start > own.start:
                continue  # اتهامات لكوريا الشماليه: the accused or the addressee
            if accusation and not before:
                nxt = [w for w in words if w.start >= a.span.end][:2]
                if nxt and nxt[0].norm.startswith("ب") and len(nxt[0].norm) > 4:
                    continue  # اتهام طهران بتزويد: the accused
            kept.append(a)
        found = kept
    bodies = [a for a in found if a.kind == "organisation"]
    states = [a for a in found if a.kind in STATE_KINDS]
    if bodies and (not states or bodies[0].span.start <= states[0].span.start):
        group = _coordinated(text, found, bodies[0], before)
        return _unique(_label(a) for a in group if a.kind == "organisation" or not (spies or officials))
    if states:
        anchor = states[-1] if before else states[0]
        if spies:
            return (f"{_adjective(res, anchor.actor)} intelligence",)
        if officials:
            return (f"{_adjective(res, anchor.actor)} officials",)
        group = _coordinated(text, found, anchor, before)
        return _unique(_label(a) for a in group)
    refs = lex.outlet_refs.find(segment)
    if refs and everyone is not None:
        outlet = next((a for a in everyone.preceding(words[lo].start)
                       if a.kind == "organisation" and is_outlet(res, a.actor)), None)
        if outlet is not None:
            return (outlet.actor,)
    return ()


def _coordinated(text: str, found: Sequence[ActorMention], anchor: ActorMention, before: bool) -> list[ActorMention]:
    """``anchor`` and the actors joined to it by و or a comma (فرنسا وتركيا واليابان)."""
    ordered = sorted(found, key=lambda a: a.span.start)
    k = ordered.index(anchor)
    group = [anchor]
    step = -1 if before else 1
    j = k + step
    while 0 <= j < len(ordered):
        a, b = (ordered[j], group[-1]) if before else (group[-1], ordered[j])
        gap = text[a.span.end:b.span.start]
        joined = any(c in gap for c in "،,و") or b.span.text.startswith("و")
        if gap.strip(" \t،,و") or not joined:
            break
        group.append(ordered[j])
        j += step
    return sorted(group, key=lambda a: a.span.start)


def _boundary_before(text: str, words: Sequence[Word], k: int) -> bool:
    return any(c in text[words[k - 1].end:words[k].start] for c in _BOUNDARY_CHARS)


def _clause_start(text: str, words: Sequence[Word], i: int, floor: int) -> int:
    """The first word of the clause that word ``i`` is in, not before ``floor``."""
    k = i
    while k > floor:
        if _boundary_before(text, words, k):
            return k
        k -= 1
    return floor


def _negated(res: Resources, words: Sequence[Word], i: int) -> bool:
    lex = res.stance
    if i > 0 and words[i - 1].norm == "ما" and words[i].norm.endswith(("ه", "ها", "هم")):
        return False  # "ما تداولته وسائل الإعلام": what they reported, not a negation
    return i > 0 and words[i - 1].norm in lex.negations


def _claimants(res: Resources, text: str, words: Sequence[Word], actors: SpanIndex[ActorMention], sentence: Span,
               scope: Span | None = None) -> tuple[str, ...]:
    """The claimants of a sentence; with ``scope``, only those whose verb stands in it or after it."""
    lex = res.stance
    claimed: list[str] = []
    sentence_actors = actors.within(sentence.start, sentence.end)
    # an outlet heading the sentence: "الغارديان: روسيا ..."
    head = text[sentence.start:sentence.end]
    colon = head.find(":")
    if 0 < colon < 40 and len(head[:colon].split()) <= 3:
        # the source heads the sentence ("الغارديان: ..."); "إيلاف من برلين:" is a dateline
        lead = [a for a in sentence_actors if a.span.end <= sentence.start + colon
                and (a.kind == "organisation" or not head[:a.span.start - sentence.start].strip())]
        claimed.extend(a.actor for a in lead)
    cues = [c for c in lex.claims.find(words) if not _negated(res, words, c[0])]
    floor = scope.start if scope is not None else sentence.start
    cues = [c for c in cues if not (words[c[0]].norm.endswith("نقلت") and c[1] - c[0] == 1
                                    and not any(w.norm == "عن" for w in words[c[1]:c[1] + 5]))]
    bounds = [i for i, w in enumerate(words) if w.norm in lex.subordinators]
    for n, (i, j, _value) in enumerate(cues):
        if words[i].start < floor:
            continue
        accusation = lex.accusations.match_at(words, i) is not None
        stop = min([b for b in bounds if b >= j] + [c[0] for c in cues[n + 1:]] + [j + _WINDOW, len(words)])
        stop = next((k for k in range(j + 1, stop) if _boundary_before(text, words, k)), stop)
        source = lex.sources.match_at(words, i) is not None
        found = _phrase_claimants(res, text, words, j, stop, sentence_actors, before=False,
                                  accusation=accusation, source=source, everyone=actors)
        if not found and not source:
            start = max([b + 1 for b in bounds if b < i] + [c[1] for c in cues[:n]] + [i - _WINDOW, 0])
            start = _clause_start(text, words, i, start)
            found = _phrase_claimants(res, text, words, start, i, sentence_actors, before=True, everyone=actors)
        claimed.extend(found)
    return _unique(claimed)


def _deniers(res: Resources, text: str, words: Sequence[Word], actors: SpanIndex[ActorMention],
             sentence: Span, lead_only: bool = False) -> tuple[str, ...]:
    """The parties that deny in a sentence (only by a denial opening it when ``lead_only``)."""
    lex = res.stance
    sentence_actors = [a for a in actors.within(sentence.start, sentence.end)
                       if a.kind in STATE_KINDS or a.kind == "organisation"]
    denied: list[str] = []
    for i, j, _value in lex.denials.find(words):
        if lead_only and i > 2:
            continue
        if any(lex.not_denied.match_at(words, k) for k in range(j, min(len(words), j + _WINDOW))):
            continue  # "نفى ... ما تردد عن تأجيل تسليم": a delay is denied, not the report
        if lex.both.find(words[max(0, i - 3):i]):
            # the last two states named before, in the order of their last mentions
            pair: list[str] = []
            for a in actors.preceding(words[i].start):
                if a.kind in STATE_KINDS and a.actor not in pair:
                    pair.append(a.actor)
                    if len(pair) == 2:
                        break
            denied.extend(reversed(pair))
            continue
        if lex.negated_evidence.match_at(words, i) is None:
            stop = next((k for k in range(j, len(words)) if words[k].norm in lex.subordinators
                         or words[k].norm == "ما"), len(words))
            stop = min(stop, j + _WINDOW)  # "نفى مصدر ... ما تداولته وسائل إعلام فرنسية": not the denier
            if stop > j:
                after = _actors_between(sentence_actors, words[j].start, words[stop - 1].end)
                if after:
                    denied.append(after[0].actor)
                    continue
        # the clause of the denial, not counting a quotation mark that opens it
        lo = _clause_start(text, words, i - 1, max(0, i - _WINDOW)) if i else 0
        if lo < i:
            before = _actors_between(sentence_actors, words[lo].start, words[i].start)
            if before:
                denied.append(before[-1].actor)
    return _unique(denied)
