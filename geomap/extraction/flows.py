"""Supply flows from an article: who sends what to whom, sentence by sentence.

A flow is read from a trigger word (a verb or noun of supply, ``زوّد``،
``أرسل``، ``تسلّم``، ``شحنات``...) and the parties around it. The trigger's
kind (``geomap/data/vocabulary/flows.yaml``) says where each end stands; what
each kind means is declared there under ``kinds`` (:class:`TriggerKind`: where
its goods are named, which procedure of this module finds its ends, and the
properties that refine it), so a new kind is data, not code. The bundled kinds:

- ``give``: ``X زوّد Y بـZ`` — the supplier is the subject, the recipient the
  object, the commodity comes after بـ;
- ``send``: ``X أرسل Z إلى Y`` — the recipient after إلى or لـ;
- ``receive``: ``Y تسلّم Z من X`` — the supplier after من, or the maker of Z
  (``طائرات مسيرة إيرانية الصنع``, a named system's maker);
- ``deal``: ``مبيعات Z لـY من X`` — both ends marked;
- ``arrive``: ``Z وصل إلى Y`` — people or goods arriving in a state, from
  their maker or the group they belong to (``مقاتلو فاغنر``);
- ``deploy``: ``X نشر Z في Y`` — missiles or arms stationed in another state;
- ``route``: ``Z في طريقها من X إلى Y`` — goods on their way; a group
  located in a state (``جماعات مسلحة في شمال تشاد``) stands for it;
- ``use``: ``Y يستخدم Z`` — only when Z is made by another state;
- ``enter``: ``X دخل Y`` — armed people of a group or state in another state;
- ``buyers``: ``X يجذب المشترين ومنهم A وB`` — one flow per buyer;
- ``contain``: ``وتضمنت الشحنة Z`` — the contents of a shipment sent in the
  sentence or two before, between the same ends.

Words that name what they give (``تسليح``، ``تمويل``، ``دعم``، ``تدريب``;
``implied`` in ``flows.yaml``) are read like ``give``; backing, training
and financing count only when military or given to an armed party (a group
rooted in a state, forces named with a word of ``armed_parties``), and the
one backed may be named by another flow of the sentence.

A flow may also be named without a verb (``مساعدات عسكرية أمريكية
لأوكرانيا``: a commodity, its maker, a recipient), and people of one state
or group named in another (``قوات إماراتية في عدن``، ``قتلى الحرس الثوري في
سوريا``) are a ``personnel`` flow; armed people named with their state or
group and no place (``هي قوات مغربية``، ``جنود من تشاد``) are in the state the
article is about, when one stands out and the clause names no place elsewhere.

The parties are the actor mentions of resolution (countries, capitals, seats
of power, demonyms), organisations rooted in one state (``حزب الله`` ->
``LB``), places named as an end (``إلى ميناء طرطوس``) and references such as
``جارتها الشمالية``, ``الجماعة`` or ``بلاده``. Coordinated parties
(``فرنسا وألمانيا``) each take part. An end left unsaid is taken from a flow
of the same class in the sentence or two before; an unsaid supplier may be
the maker of the one system of that class named there (``منظومة باتريوت``). The commodity comes from
``commodities.yaml`` and ``weapons.yaml``; an exchange (``مقابل``) gives a
flow each way. Quantity, transport, dates, claimants, deniers and status
(:func:`geomap.annotate.stance.sentence_stance`) are read from the flow's own clause;
the evidence is the sentence itself.

Each commodity of a list keeps its own supplier (``مسيرات من تركيا ومروحيات
من روسيا``, ``مسيرات إيرانية وأسلحة من روسيا``); the maker of a commodity is
its supplier only when nobody in the sentence is said to give it. Over the
article, a denied flow of generic arms between two parties with a specific
flow joins that flow, and all records of one flow carry all its deniers.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from geomap.annotate.dates import parse_published
from geomap.annotate.gazetteer import Gazetteer
from geomap.annotate.stance import STATE_KINDS, article_actors, organisation_country, sentence_stance
from geomap.model import COMMODITIES, ActorMention, Article, ArticlePlaces, Flow, Place, Quantity, Span
from geomap.text.arabic import dual_forms, fold, future_forms, strip_clitics
from geomap.text.document import PRONOUN_SUFFIXES, ArticleText, Phrases, Word, reads_as
from geomap.text.spans import SpanIndex

if TYPE_CHECKING:
    from geomap.resources import Resources

__all__ = ["TriggerKind", "extract_flows", "find_commodities", "find_quantity", "trigger_kind"]

# how far (in words) a commodity may stand from its trigger, and the words
# allowed between two commodities of one list
_REACH = 9
_LIST_GAP = 5
_PARTY_REACH = 14
_IMPLIED_REACH = 8  # words after a word of backing where the one backed may stand
_PRESENCE_REACH = 5  # words after people and their state where the place they are in may stand
_HOLDER_REACH = 4  # words before the goods where the armed who hold them may stand
_ELLIPSIS = 2  # sentences back where an unsaid recipient or supplier may be found
_TOPIC_WORDS = 12  # words a fronted topic ("أما بولندا، التي ...،") may take before the clause it opens
_SIDE_WORDS = 5  # words from بين to the second side of a fight (بين مقاتلي المعارضة وعناصر حزب الله)
_TENS_START, _TENS_END = 10, 100  # a number below the one, before a tens word with و, adds to it
_SUBJECT_WORDS = 5  # the first words of a sentence, where its subject stands
_OPENERS = frozenset({"قد", "وقد", "فقد", "لقد", "كما", "ثم"})  # particles a sentence may open with before its verb
_ALLY_WORDS = 3  # words naming the ally after إلى جانب, before the state fought in
_NAMED_WORDS = 3  # words of a person's name between a state and the relative clause describing its envoy
_HEADLINE_CHARS = 200  # a headline is a first line shorter than this
_RELIED_WORDS = 3  # words after a verb of reliance where على and the state relied on may stand
_VALUE_WORDS = 6  # words before an amount where a word of worth (بقيمة تناهز 4.25 مليارات) may stand
_SUBJECT_MIN = 4  # mentions of its places that make a state an article's subject ...
_SUBJECT_LEAD = 2  # ... when it has this many times as many as any other state
_RELATIVES = frozenset({"التي", "الذي", "اللتي", "اللذين", "الذين", "اللواتي", "والتي", "والذي", "والذين"})
_SUBORDINATORS = frozenset({"ان", "بان", "انه", "انها", "بانه", "بانها", "انهم", "فان"})
_TYPE_WORDS = frozenset(fold(w) for w in ("من", "طراز", "نوع", "عائلة", "فئة", "طرازات", "أنواع"))
_FOREIGN_SUBJECT = frozenset({"علي", "عن", "ضد"})
_NOUN_PREPOSITIONS = frozenset({"من", "علي", "عن", "ضد", "بشان", "حول", "بعد", "قبل", "رغم"})
_PREPOSITIONS = frozenset({"من", "في", "علي", "الي", "عن", "مع", "دون"})
_PRONOUN_SUBORDINATORS = frozenset({"انه", "انها", "بانه", "بانها", "انهم", "بانهم"})
_COMPANIES = frozenset(fold(w) for w in ("شركة", "الشركة", "شركات", "الشركات", "مصنع", "مصانع"))


# ---------------------------------------------------------------------------
# Vocabulary.


def _fold_name(name: str) -> str:
    return fold(str(name).replace("-", " ").replace("–", " "))


# the flows named without a verb (``verbless`` in ``flows.yaml``): goods with their maker, people present
_VERBLESS = ("made", "present")
REFERRED = "*"  # the class of goods named by a word that refers to goods named before (هذا الطراز)


@dataclass(frozen=True)
class TriggerKind:
    """What a trigger kind of ``flows.yaml`` means: where its goods are named and how its ends are found.

    Each attribute is the property of the same name under ``kinds`` in
    ``flows.yaml``, whose header explains it.
    """

    name: str
    roles: str | None = None
    items: str = "after"
    implied_item: str | None = None
    not_items: tuple[str, ...] = ()
    items_past_commas: bool = False
    implied_words: bool = False
    subject_before_ba: bool = False
    cargo: bool = False
    takes_objects: bool = False
    trade_noun: bool = False
    recipient_pronoun: bool = False
    unsaid_recipient: bool = False
    unsaid_supplier: bool = False
    ends_from_before: bool = False
    state_destination: bool = False
    visits: bool = False
    owner_supplies: bool = False
    unnamed_host: tuple[str, ...] = ()

    @property
    def reads_before(self) -> bool:
        """Whether goods named before the trigger count even when it is no relative verb or participle."""
        return self.items in ("after_or_before", "before", "before_or_next")

    @property
    def trigger_is_item(self) -> bool:
        """Whether the trigger word itself names what is given (``قوات``، ``وجود``)."""
        return self.items == "trigger"


def trigger_kind(name: str, entry: Any, origin: str = "flows.yaml") -> TriggerKind:
    """The :class:`TriggerKind` declared as ``entry`` under ``kinds`` in ``flows.yaml``.

    Parameters
    ----------
    name
        The kind's name.
    entry
        Its properties, as read from the YAML file.
    origin
        The file named in error messages.

    Raises
    ------
    ValueError
        When a property is unknown or has a wrong type or value; the message
        names the file, the kind and the property.
    """
    where = f"{origin}: kinds: {name}"
    if not isinstance(entry, dict):
        raise ValueError(f"{where}: expected a mapping of properties, got {type(entry).__name__}")
    fields = {f for f in TriggerKind.__dataclass_fields__ if f != "name"}
    unknown = sorted(str(k) for k in entry if k not in fields)
    if unknown:
        raise ValueError(f"{where}: unknown propert{'ies' if len(unknown) > 1 else 'y'} {', '.join(unknown)}"
                         f" (known: {', '.join(sorted(fields))})")

    def choice(key: str, allowed: Sequence[str], default: str | None) -> str | None:
        value = entry.get(key, default)
        if value is not None and value not in allowed:
            raise ValueError(f"{where}: {key}: {value!r} is not one of {', '.join(allowed)}")
        return value

    switches = {k for k in fields if isinstance(TriggerKind.__dataclass_fields__[k].default, bool)}
    for key in switches & set(entry):
        if not isinstance(entry[key], bool):
            raise ValueError(f"{where}: {key}: expected true or false, got {entry[key]!r}")
    not_items = entry.get("not_items", [])
    if not isinstance(not_items, list) or any(c not in COMMODITIES for c in not_items):
        raise ValueError(f"{where}: not_items: expected a list of classes among {', '.join(COMMODITIES)}")
    named_hosts = entry.get("unnamed_host", [])
    hosts = tuple(str(h) for h in (named_hosts if isinstance(named_hosts, list) else [named_hosts]))
    if any(h not in _HOSTS for h in hosts):
        raise ValueError(f"{where}: unnamed_host: expected one or a list of {', '.join(_HOSTS)}")
    kind = TriggerKind(
        name=name,
        roles=choice("roles", tuple(_ROLES), None),
        items=str(choice("items", tuple(_ITEMS), "after")),
        implied_item=choice("implied_item", COMMODITIES, None),
        not_items=tuple(str(c) for c in not_items),
        unnamed_host=hosts,
        **{k: entry[k] for k in switches & set(entry)},
    )
    if kind.roles is None and not kind.ends_from_before:
        raise ValueError(f"{where}: roles: missing (one of {', '.join(_ROLES)}), "
                         "unless ends_from_before is true")
    if kind.items in ("next", "named_next", "trigger") and kind.implied_item is None:
        raise ValueError(f"{where}: items: {kind.items} needs implied_item (the class the trigger stands for)")
    return kind


def _trigger_kinds(voc: Mapping[str, Any], origin: str) -> dict[str, TriggerKind]:
    """The kinds of ``flows.yaml``, checked against the kinds its triggers and verbless flows use."""
    declared = voc.get("kinds")
    if not isinstance(declared, dict):
        raise ValueError(f"{origin}: kinds: expected a mapping of kind -> properties")
    kinds = {str(name): trigger_kind(str(name), entry, origin) for name, entry in declared.items()}
    verbless = voc.get("verbless", {})
    missing = sorted(set(_VERBLESS) - set(verbless)) if isinstance(verbless, dict) else list(_VERBLESS)
    if missing:
        raise ValueError(f"{origin}: verbless: lacks {', '.join(missing)} (the kinds of flows named without a verb)")
    used = [(f"triggers: {k}", k) for k in voc["triggers"]] + [(f"verbless: {k}", v) for k, v in verbless.items()]
    for where, name in used:
        if name not in kinds:
            raise ValueError(f"{origin}: {where}: kind {name!r} is not declared under kinds")
    takers = [k.name for k in kinds.values() if k.implied_words]
    if len(takers) > 1 or voc.get("implied") and not takers:
        raise ValueError(f"{origin}: kinds: implied_words must be true for exactly one kind"
                         f" (it is for {', '.join(takers) or 'none'})")
    return kinds


@dataclass(frozen=True)
class _Vocab:
    triggers: Phrases
    kinds: Mapping[str, TriggerKind]
    verbless: Mapping[str, str]
    to: Phrases
    source: Phrases
    source_nouns: frozenset[str]
    open_ends: frozenset[str]
    victims: frozenset[str]
    backed_by: frozenset[str]
    other: Phrases
    breaks: Phrases
    hypothetical: frozenset[str]
    conditionals: frozenset[str]
    negations: frozenset[str]
    refusals: frozenset[str]
    blockers: Phrases
    topics: Phrases
    means: Phrases
    transport_adverbs: Phrases
    transport_first: frozenset[str]
    shared_subject: frozenset[str]
    own_country: Phrases
    the_country: Phrases
    parts: frozenset[str]
    list_breaks: Phrases
    carry_words: frozenset[str]
    verbal_nouns: frozenset[str]
    governors: frozenset[str]
    exchange: Phrases
    neighbours: tuple[tuple[Phrases, dict[str, str]], ...]
    groups: Phrases
    transport: Phrases
    numbers: Phrases
    plural_numbers: frozenset[str]
    half: frozenset[str]
    qualifiers: Phrases
    commodities: Phrases
    systems: Phrases
    context_systems: Phrases
    units: Phrases
    counted: Phrases
    participles: frozenset[str]
    listed: Phrases
    list_continue: Phrases
    cargo: Phrases
    generic: frozenset[str]
    denied_with_arms: frozenset[str]
    rocket_words: frozenset[str]
    rocket_with: str
    weapon_words: frozenset[str]
    value_words: Phrases
    against: frozenset[str]
    located_groups: frozenset[str]
    fight_purposes: Phrases
    stationed: frozenset[str]
    visiting: frozenset[str]
    implied: Phrases
    military: Phrases
    backing_kinds: Phrases
    armed_parties: frozenset[str]
    located_in: frozenset[str]
    located_on: frozenset[str]
    back_references: frozenset[str]
    territory: frozenset[str]
    state_heads: frozenset[str]
    charges: frozenset[str]
    presence_heads: frozenset[str]
    armed_people: frozenset[str]
    offices: Phrases
    strikes: frozenset[str]
    stoppers: frozenset[str]
    deal_verbs: frozenset[str]
    to_pronouns: frozenset[str]
    goods_pronouns: frozenset[str]
    alternatives: frozenset[str]
    accused: frozenset[str]
    accusers: frozenset[str]
    time_words: frozenset[str]
    alongside: Phrases
    place_references: Phrases
    passive_markers: frozenset[str]
    made_by: frozenset[str]
    also: frozenset[str]
    goods_references: Phrases
    examples: frozenset[str]
    topic_openers: frozenset[str]
    bases: frozenset[str]
    base_kinds: frozenset[str]
    directions: frozenset[str]
    loyal: frozenset[str]
    owning: frozenset[str]
    subject_carriers: frozenset[str]
    adjuncts: frozenset[str]
    deal_words: frozenset[str]
    # the words a commodity, a system or a listed or counted item may begin with
    commodity_firsts: frozenset[str] = frozenset()
    # the words a reference to a party named before may begin with (neighbours, groups, own country)
    reference_firsts: frozenset[str] = frozenset()


def _time_words(dates: Mapping[str, Any]) -> frozenset[str]:
    """The folded words of a time set off by commas (، أمس الجمعة،): weekdays, yesterday, today, times of day."""
    words = [w for names in dates.get("weekdays", {}).values() for w in names]
    words += [*dates.get("yesterday", []), *dates.get("today", []), *dates.get("times_of_day", []),
              *dates.get("past", []), "يوم"]
    return frozenset(fold(part) for w in words for part in w.split())


def build_vocabulary(vocabularies: Mapping[str, Any], origin: str = "flows.yaml") -> _Vocab:
    """The compiled word lists of ``flows.yaml``, ``commodities.yaml`` and ``weapons.yaml``.

    Parameters
    ----------
    vocabularies
        Vocabulary name -> its merged entries (see :class:`geomap.resources.Resources`).
    origin
        The ``flows.yaml`` named in error messages (the analyst's, when there is one).

    Raises
    ------
    ValueError
        When a class or a trigger kind of ``flows.yaml`` is unknown or
        malformed; the message names ``origin``, the entry and the problem.
    """
    voc = vocabularies["flows"]
    com = vocabularies["commodities"]
    arms = vocabularies["weapons"]

    def pairs(mapping: dict) -> Phrases:
        keys, values = [], []
        for value, words in mapping.items():
            for w in words:
                keys.append(w)
                values.append(value)
        return Phrases(keys, values)

    names, values, ctx_names, ctx_values = [], [], [], []
    for system in arms["systems"]:
        for form in system["names"]:
            target = (ctx_names, ctx_values) if system.get("context") else (names, values)
            target[0].append(_fold_name(form))
            target[1].append((system["name"], system["class"], system.get("maker")))
    com_keys, com_values = [], []
    for cls, entries in com["classes"].items():
        if cls not in COMMODITIES:
            raise ValueError(f"commodities.yaml: unknown class {cls!r}")
        for phrase, unit in entries:
            com_keys.append(phrase)
            com_values.append((cls, unit, fold(phrase), None))
    listed = {fold(k) for k in com_keys}
    for phrase, (cls, unit, _folded, _count) in list(zip(com_keys, com_values, strict=True)):
        # two of a thing: "فرقاطتين"، "زورقين" (not for people: مدربين is also a plural)
        for dual in dual_forms(phrase, masculine=cls != "personnel"):
            if fold(dual) not in listed:
                com_keys.append(dual)
                com_values.append((cls, unit, fold(dual), 2))
    weapon_words = {fold(w) for w in arms.get("system_words", [])}
    for _, _, folded, _ in com_values:
        weapon_words.update(folded.split())
    weapon_words.update(n.split()[0] for n in names)  # "مهاجر 6 وشاهد": one system after another
    weapon_words -= _PREPOSITIONS  # "طائرات من دون طيار"، "في بي سي إي": words of a name, not of weapons
    implied_keys, implied_values = [], []
    for entry in voc.get("implied", []):
        if entry.get("class") not in COMMODITIES:
            raise ValueError(f"{origin}: implied: unknown class {entry.get('class')!r}")
        for w in entry.get("words", []):
            implied_keys.append(w)
            implied_values.append((str(entry["class"]), bool(entry.get("armed")),
                                   frozenset(fold(x) for x in entry.get("with", []))))
    kinds = _trigger_kinds(voc, origin)
    # each verb in the present also in the future (يرسل: سيرسل، تحصل على: ستحصل على)
    triggers = {kind: list(dict.fromkeys([*words, *(f for w in words for f in future_forms(w))]))
                for kind, words in voc["triggers"].items()}
    for kind in kinds.values():
        if kind.implied_words:
            triggers.setdefault(kind.name, []).extend(implied_keys)
    vocab = _Vocab(
        triggers=pairs(triggers),
        kinds=kinds,
        verbless={str(k): str(v) for k, v in voc.get("verbless", {}).items()},
        to=Phrases(voc["to"]),
        source=Phrases(voc["from"]),
        source_nouns=frozenset(fold(w) for w in voc.get("source_nouns", [])),
        open_ends=frozenset(fold(w) for w in voc.get("open_ends", [])),
        victims=frozenset(fold(w) for w in voc.get("victims", [])),
        backed_by=frozenset(fold(w) for w in voc.get("backed_by", [])),
        other=Phrases(voc["other"]),
        breaks=Phrases(voc["clause_breaks"]),
        hypothetical=frozenset(fold(w) for w in voc["hypothetical"]),
        conditionals=frozenset(fold(w) for w in voc.get("conditionals", [])),
        negations=frozenset(fold(w) for w in voc["negations"]),
        refusals=frozenset(fold(w) for w in voc.get("refusals", [])),
        blockers=Phrases(voc["not_commodities"]),
        topics=Phrases(voc.get("topic_words", [])),
        means=Phrases(voc.get("means", [])),
        transport_adverbs=Phrases(voc.get("transport_adverbs", [])),
        transport_first=frozenset(fold(w).split()[0] for ws in voc["transport"].values() for w in ws),
        shared_subject=frozenset(fold(w) for w in voc.get("shared_subject", [])),
        own_country=Phrases(voc.get("own_country", [])),
        the_country=Phrases(voc.get("the_country", [])),
        parts=frozenset(fold(w) for w in com.get("parts", [])),
        list_breaks=Phrases(voc.get("list_breaks", [])),
        carry_words=frozenset(fold(w) for w in voc.get("carry_words", [])),
        verbal_nouns=frozenset(fold(w) for w in voc.get("verbal_nouns", [])),
        governors=frozenset(fold(w) for w in voc.get("governors", [])),
        exchange=Phrases(voc["exchange"]),
        neighbours=tuple((Phrases(n["phrases"]), {str(k): str(v) for k, v in n["of"].items()})
                         for n in voc["neighbours"])
        + tuple((Phrases(t["phrases"]), {str(k): str(k) for k in t["of"]}) for t in voc.get("titles", [])),
        groups=Phrases(voc.get("group_references", [])),
        transport=pairs(voc["transport"]),
        numbers=pairs(voc["numbers"]),
        plural_numbers=frozenset(fold(w) for w in voc["plural_numbers"]),
        half=frozenset(fold(w) for w in voc.get("half", [])),
        qualifiers=pairs(voc["qualifiers"]),
        commodities=Phrases(com_keys, com_values),
        systems=Phrases(names, values),
        context_systems=Phrases(ctx_names, ctx_values),
        units=pairs(com["units"]),
        cargo=Phrases(voc.get("cargo", [])),
        participles=frozenset(fold(w) for w in voc.get("participles", [])),
        list_continue=Phrases(voc.get("list_continue", [])),
        listed=Phrases([w for w, _c, _u in com.get("listed", [])],
                       [(c, u) for _w, c, u in com.get("listed", [])]),
        counted=Phrases([w for w, _c, _u in com.get("counted", [])],
                        [(c, u) for _w, c, u in com.get("counted", [])]),
        generic=frozenset(com.get("generic", [])),
        denied_with_arms=frozenset(com.get("denied_with_arms", [])),
        rocket_words=frozenset(fold(w) for w in com["rockets"]["words"]),
        rocket_with=str(com["rockets"]["with"]),
        weapon_words=frozenset(weapon_words),
        value_words=Phrases(com.get("value_words", [])),
        against=frozenset(fold(w) for w in voc.get("against", [])),
        located_groups=frozenset(fold(w) for w in voc.get("located_groups", [])),
        fight_purposes=Phrases(voc.get("fight_purposes", [])),
        stationed=frozenset(voc.get("stationed", ["missiles", "weapons"])),
        visiting=frozenset(voc.get("visiting", ["ships"])),
        implied=Phrases(implied_keys, implied_values),
        military=Phrases(voc.get("military", [])),
        backing_kinds=Phrases(voc.get("backing_kinds", [])),
        armed_parties=frozenset(fold(w) for w in voc.get("armed_parties", [])),
        located_in=frozenset(fold(w) for w in voc.get("located_in", [])),
        located_on=frozenset(fold(w) for w in voc.get("located_on", [])),
        back_references=frozenset(fold(w) for w in voc.get("back_references", [])),
        territory=frozenset(fold(w) for w in voc.get("territory", [])),
        state_heads=frozenset(fold(w) for w in voc.get("state_heads", [])),
        charges=frozenset(fold(w) for w in voc.get("charges", [])),
        presence_heads=frozenset(fold(w) for w in voc.get("presence_heads", [])),
        armed_people=frozenset(str(u) for u in voc.get("armed_people", [])),
        offices=Phrases(voc.get("offices", [])),
        strikes=frozenset(fold(w) for w in voc.get("strikes", [])),
        stoppers=frozenset(fold(w) for w in voc.get("stoppers", [])),
        deal_verbs=frozenset(fold(w) for w in voc.get("deal_verbs", [])),
        to_pronouns=frozenset(fold(w) for w in voc.get("to_pronouns", [])),
        goods_pronouns=frozenset(fold(w) for w in voc.get("goods_pronouns", [])),
        alternatives=frozenset(fold(w) for w in voc.get("alternatives", [])),
        accused=frozenset(fold(w) + suffix for w in voc.get("accusing", []) for suffix in ("ه", "ها", "هما", "هم")),
        accusers=frozenset(fold(w) for w in voc.get("accusing", [])),
        time_words=_time_words(vocabularies.get("dates", {})),
        alongside=Phrases(voc.get("alongside", [])),
        place_references=Phrases(voc.get("place_references", [])),
        passive_markers=frozenset(fold(w) for w in voc.get("passive_markers", [])),
        made_by=frozenset(fold(w) for w in voc.get("made_by", [])),
        also=frozenset(fold(w) for w in voc.get("also", [])),
        goods_references=Phrases(voc.get("goods_references", [])),
        examples=frozenset(fold(w) for w in voc.get("examples", [])),
        topic_openers=frozenset(fold(w) for w in voc.get("topic_openers", [])),
        bases=frozenset(fold(w) for w in voc.get("bases", [])),
        base_kinds=frozenset(fold(w) for w in voc.get("base_kinds", [])),
        directions=frozenset(fold(w) for w in voc.get("directions", [])),
        loyal=frozenset(fold(w) for w in voc.get("loyal", [])),
        owning=frozenset(fold(w) for w in voc.get("owning", [])),
        subject_carriers=frozenset(fold(w) for w in voc.get("subject_carriers", [])),
        adjuncts=frozenset(fold(w) for w in voc.get("adjuncts", [])),
        deal_words=frozenset(fold(w) for w in voc.get("deal_words", [])),
    )
    return replace(
        vocab,
        commodity_firsts=frozenset().union(*(
            p.firsts for p in (vocab.systems, vocab.context_systems, vocab.commodities, vocab.counted, vocab.listed))),
        reference_firsts=frozenset().union(
            *(p.firsts for p, _mapping in vocab.neighbours), vocab.groups.firsts, vocab.own_country.firsts,
            vocab.the_country.firsts),
    )


# ---------------------------------------------------------------------------
# Commodities and quantities.


@dataclass(frozen=True)
class Commodity:
    """A commodity named in a sentence: its class, the words, and a named system if any."""

    commodity: str
    first: int  # index of its first word in the sentence's words
    last: int  # index after its last word
    unit: str | None = None
    weapon: str | None = None
    maker: str | None = None
    count: int | None = None  # the number its own form says (2 for a dual: فرقاطتين)


def _commodity_at(res: Resources, words: Sequence[Word], i: int) -> Commodity | None:
    voc = res.flows
    hit = voc.systems.match_at(words, i)
    if hit is None and i > 0:
        # a name that is also a common word, right after a word for a weapon
        named = voc.context_systems.match_at(words, i)
        if named is not None and (_is_weapon_word(res, words[i - 1]) or i > 1 and _is_weapon_word(res, words[i - 2])):
            hit = named
    if hit is not None:
        n, (name, cls, maker) = hit
        return Commodity(cls, i, i + n, None, name, maker)
    hit = voc.commodities.match_at(words, i)
    if hit is not None:
        n, (cls, unit, _folded, count) = hit
        return Commodity(cls, i, i + n, unit, count=count)
    counted = voc.counted.match_at(words, i)
    if counted is not None and i > 0 and (words[i - 1].norm.isdigit() or voc.numbers.match_at(words, i - 1)):
        return Commodity(str(counted[1][0]), i, i + 1, str(counted[1][1]))  # "مئة عسكري": counted people
    return None


def _listed_at(res: Resources, words: Sequence[Word], i: int, found: Sequence[Commodity]) -> Commodity | None:
    """A word that is a commodity only joined by و to another one (مدرعات وطائرات وأسلحة).

    ... or described as stationed or sent, maybe after its state's adjective
    (الطائرات الروسية المتمركزة في سوريا).
    """
    hit = res.flows.listed.match_at(words, i)
    if hit is None:
        return None
    n, (cls, unit) = hit
    after = i + n < len(words) and words[i + n].norm.startswith("و") and _commodity_at(res, words, i + n) is not None
    before = bool(found) and found[-1].last == i and words[i].norm.startswith("و")
    sent = any(reads_as(words[k], res.flows.participles) for k in range(i + n, min(i + n + 2, len(words))))
    # "اشترت مصر 24 طائرة منها": some of the system named before
    of_named = i + n < len(words) and words[i + n].norm in _OF_IT
    return Commodity(str(cls), i, i + n, str(unit)) if before or after or sent or of_named else None


def _in_system_name(res: Resources, words: Sequence[Word], k: int) -> bool:
    """Whether word ``k`` is part of a named system that starts before it."""
    for j in range(max(0, k - 2), k):
        item = _commodity_at(res, words, j)
        if item is not None and item.weapon is not None and item.last > k:
            return True
    return False


def _is_weapon_word(res: Resources, word: Word) -> bool:
    return reads_as(word, res.flows.weapon_words)


def _is_value(res: Resources, words: Sequence[Word], at: int) -> bool:
    """Whether money at word ``at`` is the worth of something else (بقيمة 60 مليار دولار)."""
    return any(res.flows.value_words.match_at(words, k) is not None for k in range(max(0, at - _VALUE_WORDS), at))


def _priced(res: Resources, words: Sequence[Word], named: Sequence[Commodity], money: Commodity) -> bool:
    """Whether ``money`` is the price of the goods right before it, counted with بـ (أسلحة بمليارات الدولارات)."""
    k = money.first - 1
    while k >= 0 and (words[k].norm.isdigit() or res.flows.numbers.match_at(words, k) is not None) \
            and not words[k].norm.startswith("ب"):
        k -= 1  # "أسلحة بـ 5 ملايين دولار": the number words before the money
    if k < 0 or not words[k].norm.startswith("ب"):
        return False
    return any(c.commodity != "funds" and c.last == k for c in named)


def find_commodities(res: Resources, words: Sequence[Word], lo: int, hi: int) -> list[Commodity]:
    """The commodities named by ``words[lo:hi]``, in text order.

    A named system right after a generic word gives its own class
    (``صواريخ غراد`` are munitions). A name that is also a common word
    (``شاهد``) counts only right after a word for a weapon.

    Parameters
    ----------
    res : Resources
        The compiled vocabularies (:class:`geomap.resources.Resources`).
    words : sequence of Word
        The words of a sentence (:meth:`geomap.text.document.ArticleText.words_in`).
    lo, hi : int
        The stretch of ``words`` to read.

    Returns
    -------
    list of Commodity

    Examples
    --------
    >>> from geomap.resources import default_resources
    >>> res = default_resources()
    >>> from geomap.text.document import article_words
    >>> words = article_words("طائرات مسيرة من طراز شاهد وصواريخ غراد")
    >>> [(c.commodity, c.weapon) for c in find_commodities(res, words, 0, len(words))]
    [('drones', 'Shahed'), ('munitions', 'Grad')]

    """
    found: list[Commodity] = []
    firsts = res.flows.commodity_firsts
    i = lo
    while i < hi:
        if firsts.isdisjoint(words[i].keys or (words[i].norm, *words[i].stems)):
            i += 1  # no commodity, system or listed item begins here
            continue
        item = _commodity_at(res, words, i)
        if item is None:
            item = _listed_at(res, words, i, found)
        if item is None:
            i += 1
            continue
        if item.weapon is None:
            # "طائرات رافال": a named system inside a commodity's words is read as the system
            inner = next((k for k in range(item.first + 1, item.last)
                          if res.flows.systems.match_at(words, k) is not None), None)
            item = replace(item, last=inner) if inner is not None else item
        if i > 0 and reads_as(words[i - 1], res.flows.against):
            if found and found[-1].last == i - 1:
                found[-1] = replace(found[-1], last=item.last)  # the target is part of the name
            i = item.last  # "صواريخ مضادة للدبابات": the tanks are the target
            continue
        if found and item.weapon and found[-1].weapon is None and (
                item.first - found[-1].last <= 1
                or all(w.norm in _TYPE_WORDS for w in words[found[-1].last:item.first])):
            found[-1] = replace(item, first=found[-1].first, unit=found[-1].unit)
        elif found and item.first == found[-1].last and _is_part(res, words, found[-1]) \
                and not words[item.first].norm.startswith("ل"):
            # "مكونات صواريخ باليستية": parts of missiles are counted with missiles
            found[-1] = replace(item, first=found[-1].first, unit=found[-1].unit)
        else:
            found.append(item)
        i = item.last
    return found


def _is_part(res: Resources, words: Sequence[Word], item: Commodity) -> bool:
    phrase = " ".join(w.norm for w in words[item.first:item.last])
    single = item.last - item.first == 1 and bool(words[item.first].stems & res.flows.parts)
    return item.weapon is None and (phrase in res.flows.parts or single)


def _rockets(res: Resources, words: Sequence[Word], items: list[Commodity],
             parties: Sequence[Party]) -> list[Commodity]:
    """A list naming artillery reads its plain "صواريخ" as rockets (munitions)."""
    voc = res.flows
    if not any(c.commodity == voc.rocket_with for c in items):
        return items
    out = []
    for c in items:
        plain = c.weapon is None and c.last - c.first == 1 and bool(words[c.first].stems & voc.rocket_words)
        # listed beside the artillery, not added past the recipient ("صواريخ للمغرب إلى جانب ذخائر")
        near = any(a.commodity == voc.rocket_with and not any(
            min(a.last, c.last) <= p.first < max(a.first, c.first) for p in parties) for a in items)
        out.append(replace(c, commodity=voc.rocket_with, unit="rockets") if plain and near else c)
    return out


def find_quantity(res: Resources, words: Sequence[Word], lo: int, at: int, unit: str | None) -> Quantity | None:
    """The quantity counted just before the commodity at word ``at`` (not before ``lo``).

    Digits (Western or Eastern), number words (مليون، آلاف، مئات), counting
    words (حاوية، شحنة) and qualifiers (نحو، أكثر من، قرابة) are read.

    Parameters
    ----------
    res : Resources
        The compiled vocabularies (:class:`geomap.resources.Resources`).
    words : sequence of Word
        The words of a sentence.
    lo : int
        The first word that may belong to the quantity.
    at : int
        The first word of the commodity.
    unit : str or None
        The commodity's unit (``shells``), replaced by a counting word's.

    Returns
    -------
    Quantity or None

    Examples
    --------
    >>> from geomap.resources import default_resources
    >>> res = default_resources()
    >>> from geomap.text.document import article_words
    >>> words = article_words("سلمت أكثر من مليون قذيفة")
    >>> find_quantity(res, words, 1, 4, "shells")
    Quantity(value=1000000, unit='shells', qualifier='more_than')

    """
    voc = res.flows
    k = at - 1
    if k >= lo and words[k].norm == "من":
        k -= 1  # "آلاف من المسيرات"، "6700 حاوية من الذخائر"
    # a counting word between the number and the commodity: "7000 حاوية أسلحة"
    for j in range(max(lo, k - 1), k + 1):
        hit = voc.units.match_at(words, j)
        if hit is not None and j + hit[0] == k + 1:
            unit = str(hit[1])
            k = j - 1
            break
    value: float | None = None
    qualifier: str | None = None
    if k >= lo:
        hit = voc.numbers.match_at(words, k)
        pair = voc.numbers.match_at(words, k - 1) if k - 1 >= lo else None
        if pair is not None and pair[0] == 2:
            hit, k = pair, k - 1  # "خمس عشرة": one number in two words
        word = words[k]
        if word.norm.isdigit():
            if _in_system_name(res, words, k):
                return None  # "شاهد-136": a model number, not a count
            value = float(word.norm)
        elif hit is not None:
            value = float(hit[1])
            if word.norm in voc.plural_numbers or word.stems & voc.plural_numbers:
                qualifier = "more_than"
            factor = voc.numbers.match_at(words, k - 1) if k - 1 >= lo else None
            if k - 1 >= lo and words[k - 1].norm.isdigit():
                value *= float(words[k - 1].norm)  # "10 آلاف": ten thousand, not "thousands"
                qualifier = None
                k -= 1
            elif factor is not None and factor[0] == 1 and value < _TENS_END and word.norm.startswith("و") \
                    and float(factor[1]) < _TENS_START:
                value += float(factor[1])  # "خمسة وعشرين": twenty-five
                k -= 1
            elif factor is not None and factor[0] == 1 and float(factor[1]) < value:
                value *= float(factor[1])  # "ثلاثة ملايين": three million
                qualifier = None
                k -= 1
            elif k - 1 >= lo and words[k - 1].norm in voc.half:
                value /= 2
                qualifier = None
                k -= 1
    if value is None:
        return None
    start = k
    for n in (3, 2, 1):
        j = start - n
        if j >= lo:
            hit = voc.qualifiers.match_at(words, j)
            if hit is not None and j + hit[0] == start:
                qualifier = str(hit[1])
                break
    return Quantity(int(value) if value.is_integer() else value, unit, qualifier)


# ---------------------------------------------------------------------------
# Parties.


@dataclass(frozen=True)
class Party:
    """A state (or a group rooted in one) standing at a place in a sentence."""

    code: str
    first: int  # index of its first word
    last: int  # index after its last word
    marker: str | None  # "to", "from", "with", "other" or None (a subject or an object)
    kind: str
    span: Span
    name: str | None = None  # the organisation, when the party is one
    place: Place | None = None  # the place, when the party is a place named as an end (إلى ميناء طرطوس)


def _marker(res: Resources, words: Sequence[Word], first: int, span: Span, gazetteer: Gazetteer) -> str | None:
    """The preposition that governs a party: attached (لـ، بـ) or the word before it."""
    voc = res.flows
    word = words[first]
    prefix = _clitic(word, span, gazetteer)
    prefix = prefix[:-2] if prefix.endswith("ال") else prefix  # the article is no preposition
    if "ل" in prefix:
        return "to"
    if "ب" in prefix:
        return "with"
    if first == 0:
        return None
    if words[first - 1].norm in voc.source_nouns:
        return "from"  # "أسلحة مصدرها إيران"
    for phrases, label in ((voc.to, "to"), (voc.source, "from"), (voc.other, "other")):
        if _ends_before(phrases, words, first):
            return label
    if word.norm.startswith("و") and first > 1 and _ends_before(voc.other, words, first - 1):
        return "other"  # "يعبر الأجواء الإيرانية والعراقية": joined to a party that takes no part
    head = first
    based = fold(span.text) in gazetteer.demonyms  # "قاعدة جوية تركية": a base is named by its state's adjective
    if first > 2 and words[first - 1].norm in voc.directions and (
            reads_as(words[first - 2], voc.bases) or words[first - 2].norm in voc.base_kinds):
        head, based = first - 1, True  # "إلى القاعدة الجوية غرب القاهرة": a base placed by the town it is near
    loyal = first > 2 and words[first - 1].norm.startswith("لل") \
        and "ال" + words[first - 1].norm[2:] in voc.state_heads \
        and words[first - 2].norm in voc.loyal and reads_as(words[first - 3], voc.armed_parties)
    if loyal:
        head = first - 2  # "لتعزيز القوات الموالية للحكومة اليمنية": the forces loyal to a state's government
    while head > max(1, first - 3) and (reads_as(words[head - 1], voc.armed_parties) or based and (
            reads_as(words[head - 1], voc.bases)
            or words[head - 1].norm in voc.base_kinds and reads_as(words[head - 2], voc.bases))):
        # "لدعم قوات الحشد"، "إلى متطوعي عشائر كيدال"، "إلى قواعد جوية تركية": words for forces or a base
        # between the preposition and the group or state
        head -= 1
        for phrases, label in ((voc.to, "to"), (voc.source, "from")):
            hit = phrases.match_at(words, head - 1)
            if hit is not None and hit[0] == 1:
                return label
    return None


def _ends_before(phrases: Phrases, words: Sequence[Word], k: int) -> bool:
    """Whether one of ``phrases`` (of one or two words, on no word with a pronoun) ends right before word ``k``."""
    for back in (2, 1):
        j = k - back
        if j >= 0 and not words[j].norm.endswith(PRONOUN_SUFFIXES):
            hit = phrases.match_at(words, j)
            if hit is not None and j + hit[0] == k:
                return True
    return False


def _clitic(word: Word, span: Span, gazetteer: Gazetteer) -> str:
    """The proclitics written on the first word of a party (و، ب، ل، لل)."""
    if span.start > word.start:
        return fold(word.text[: span.start - word.start])
    if not word.norm.startswith(("و", "ف", "ب", "ل", "ك")):
        return ""
    head = fold(span.text).split()
    rest = " ".join(head[1:])
    for n, stem in strip_clitics(word.norm):
        if n == 0:
            if _known(stem, rest, gazetteer):
                return ""
            continue
        if _known(stem, rest, gazetteer):
            return word.norm[:n]
    return ""


def _known(stem: str, rest: str, gazetteer: Gazetteer) -> bool:
    """Whether ``stem rest`` is a name or demonym of the gazetteer."""
    name = f"{stem} {rest}".strip()
    return bool(name in gazetteer.demonyms or gazetteer.lookup(name))


def _index_of(words: Sequence[Word], start: int, end: int) -> tuple[int, int] | None:
    first = next((k for k, w in enumerate(words) if w.end > start), None)
    if first is None or words[first].start >= end:
        return None
    last = first
    while last < len(words) and words[last].start < end:
        last += 1
    return first, last


def _parties(res: Resources, article: Article, sentence: Span, words: Sequence[Word], actors: SpanIndex[ActorMention],
             mentions: SpanIndex[_Mention], gazetteer: Gazetteer, speaker: str | None = None) -> list[Party]:
    """The states and groups of a sentence, each with the preposition that governs it.

    ``speaker`` is the state of the subject of the sentence before, for
    بلاده in a sentence that names no state before it.
    """
    parties: list[Party] = []
    for actor in actors.within(sentence.start, sentence.end):
        if actor.kind in STATE_KINDS:
            code, name = actor.actor, None
        elif actor.kind == "organisation" and organisation_country(res, actor.actor):
            code, name = organisation_country(res, actor.actor), actor.actor
        else:
            continue
        where = _index_of(words, actor.span.start, actor.span.end)
        if where is None:
            continue
        marker = _marker(res, words, where[0], actor.span, gazetteer)
        if actor.kind == "demonym" and marker is None and where[0] > 0:
            # the noun a demonym describes carries the preposition: "للجيش اللبناني"، past an adjective of its
            # own: "للبنك المركزي اليمني"
            k = where[0] - 1
            if k > 0 and words[k].norm.startswith("ال") and words[k - 1].norm.startswith(("لل", "ولل", "بال", "وبال")):
                k -= 1
            head = words[k].norm
            marker = "to" if head.startswith(("لل", "ولل")) else "with" if head.startswith(("بال", "وبال")) else None
        if actor.kind == "demonym" and marker is None:
            marker = _company_marker(res, words, where[0])
        if marker is None or marker == "other" and where[0] > 0 and words[where[0] - 1].norm in res.flows.state_heads:
            # "إلى الجانب الروسي" (the Russian side), not "إلى جانب" (beside)
            marker = _head_marker(res, words, where[0]) or marker
        parties.append(Party(str(code), where[0], where[1], marker, actor.kind, actor.span, name))
    parties.extend(r for r in _references(res, article, sentence, words, actors, gazetteer, speaker)
                   if not any(p.first < r.last and r.first < p.last for p in parties))
    parties.extend(_place_ends(res, sentence, words, mentions, actors, gazetteer))
    parties.extend(r for r in _place_references(res, article, words, mentions)
                   if not any(p.first < r.last and r.first < p.last for p in parties))
    parties.sort(key=lambda p: (p.first, p.last))
    return parties


def _place_references(res: Resources, article: Article, words: Sequence[Word],
                      mentions: SpanIndex[_Mention]) -> list[Party]:
    """Regions named by a word for their kind (القطاع after قطاع غزة): the region named last before it."""
    found = []
    for i, j, value in res.flows.place_references.find(words):
        regions = [(place, span) for _rank, place, span in mentions.preceding(words[i].start) if place.kind == "region"]
        # "القطاع" is the region last named with "قطاع" (قطاع غزة), before any other region
        kind = str(value).removeprefix("ال")
        region = next((place for place, span in regions if kind in fold(span.text)), None) \
            or next((place for place, _span in regions), None)
        if region is None:
            continue
        span = Span(words[i].start, words[j - 1].end, article.text[words[i].start:words[j - 1].end])
        found.append(Party(region.country, i, j, _reference_marker(res, words, i, str(value)), "reference", span,
                           place=region))
    return found


def _company_marker(res: Resources, words: Sequence[Word], first: int) -> str | None:
    """The preposition before a company a demonym describes: "من شركة إلبيت الإسرائيلية" is from Israel."""
    for k in range(first - 1, max(-1, first - 5), -1):
        if words[k].norm in _COMPANIES:
            span = _span_of(words[k])
            return "from" if _marker(res, words, k, span, res.gazetteer) == "from" else None
    return None


def _span_of(word: Word) -> Span:
    """Where ``word`` stands in the article."""
    return Span(word.start, word.end, word.text)


def _head_marker(res: Resources, words: Sequence[Word], first: int) -> str | None:
    """The preposition before a word for a state or its land that a party describes or completes.

    "من الدولة الإيرانية"، "إلى الحكومة السورية"، "إلى حكومة طرابلس"، "إلى
    الأراضي الأذربيجانية": the word for the state carries the preposition of
    the party after it.
    """
    if first > 0 and (words[first - 1].norm in res.flows.state_heads or words[first - 1].norm in res.flows.territory):
        span = _span_of(words[first - 1])
        marker = _marker(res, words, first - 1, span, res.gazetteer)
        # "عبر الأراضي التركية"، "على الأراضي السورية": a land crossed or relied on takes no part
        return marker if marker in ("from", "to") or marker == "other" and words[first - 1].norm in \
            res.flows.territory else None
    return None


def _place_ends(res: Resources, sentence: Span, words: Sequence[Word], mentions: SpanIndex[_Mention],
                actors: SpanIndex[ActorMention], gazetteer: Gazetteer) -> list[Party]:
    """Places named as an end of a flow (إلى قطاع غزة، من ميناء بندر عباس): their state is the party."""
    found = []
    for _rank, place, mention in _in_place_order(mentions.within(sentence.start, sentence.end)):
        if place.kind == "country":
            continue
        if actors.overlaps(mention.start, mention.end):
            continue
        where = _index_of(words, mention.start, mention.end)
        if where is None:
            continue
        first = where[0]
        # a word for the kind of place may stand between the preposition and the name
        for head in (first, first - 1):
            if head < 0:
                continue
            marker = _marker(res, words, head, mention if head == first else Span(words[head].start,
                             words[head].end, words[head].text), gazetteer)
            located = marker == "other" and head > 0 and words[head - 1].norm in res.flows.located_in
            if marker in ("to", "from") or located:
                found.append(Party(place.country, where[0], where[1], marker, "place", mention, place=place))
                break
    return found


# a place mention with its rank: the place's among the article's places, then the mention's among its own
_Mention = tuple[tuple[int, int], Place, Span]


def _mention_index(places: ArticlePlaces) -> SpanIndex[_Mention]:
    """Every mention of the article's places, indexed by offset."""
    return SpanIndex(
        (((p, m), resolved.place, mention) for p, resolved in enumerate(places.places)
         for m, mention in enumerate(resolved.mentions)),
        bounds=lambda item: (item[2].start, item[2].end),
    )


def _in_place_order(mentions: list[_Mention]) -> list[_Mention]:
    """Mentions in the order of their places, then in each place's order."""
    return sorted(mentions, key=lambda item: item[0])


def _references(res: Resources, article: Article, sentence: Span, words: Sequence[Word],
                actors: SpanIndex[ActorMention],
                gazetteer: Gazetteer, speaker: str | None = None) -> list[Party]:
    """Parties named by reference to a state named before (جارتها الشمالية after كوريا الجنوبية)."""
    firsts = res.flows.reference_firsts
    if all(firsts.isdisjoint(w.keys or (w.norm, *w.stems)) for w in words):
        return []  # no word a reference begins with
    found = []
    for phrases, mapping in res.flows.neighbours:
        for i, j, _value in phrases.find(words):
            antecedent = next((a.actor for a in actors.preceding(words[i].start)
                               if a.kind in STATE_KINDS and a.actor in mapping), None)
            if antecedent is None:
                continue
            span = Span(words[i].start, words[j - 1].end, article.text[words[i].start:words[j - 1].end])
            marker = _reference_marker(res, words, i, str(_value))
            found.append(Party(mapping[antecedent], i, j, marker, "reference", span))
    for i, j, _value in res.flows.groups.find(words):
        group = next((a for a in actors.preceding(words[i].start)
                      if a.kind == "organisation" and organisation_country(res, a.actor)), None)
        if group is None or j < len(words) and actors.overlaps(words[j].start, words[j].end):
            continue  # "الميليشيات العراقية" names its own state
        span = Span(words[i].start, words[j - 1].end, article.text[words[i].start:words[j - 1].end])
        marker = _reference_marker(res, words, i, str(_value))
        found.append(Party(str(organisation_country(res, group.actor)), i, j, marker, "reference", span, group.actor))
    for i, j, value in res.flows.own_country.find(words):
        # the last state named before it, in the same sentence; with none, the subject of the sentence before
        # ("زار وزير الدفاع الأمريكي بغداد. وقال إن بلاده ...")
        state = next((a for a in actors.preceding(words[i].start) if a.kind in STATE_KINDS), None)
        code = state.actor if state is not None and state.span.start >= sentence.start else speaker
        if code is None:
            continue
        span = Span(words[i].start, words[j - 1].end, article.text[words[i].start:words[j - 1].end])
        found.append(Party(code, i, j, _reference_marker(res, words, i, str(value)), "reference", span))
    for i, j, value in res.flows.the_country.find(words):
        # "وصل ... إلى البلاد": the country named last before it by its own name
        state = next((a for a in actors.preceding(words[i].start) if a.kind == "country"), None)
        marker = _reference_marker(res, words, i, str(value))
        if state is None or marker != "to":
            continue  # "في البلاد" tells where, not who receives
        span = Span(words[i].start, words[j - 1].end, article.text[words[i].start:words[j - 1].end])
        found.append(Party(state.actor, i, j, marker, "country", span))  # a state, like its name
    return found


def _reference_marker(res: Resources, words: Sequence[Word], i: int, phrase: str) -> str | None:
    """The preposition on a reference word (للحزب، إلى الجماعة): its clitic, else the word before."""
    first = phrase.split()[0]
    norm = words[i].norm
    prefix = ""
    if norm != first:
        if norm.endswith(first):
            prefix = norm[: -len(first)]
        elif first.startswith("ال") and norm.endswith(first[2:]):
            prefix = norm[: -len(first) + 2]
    prefix = prefix[:-2] if prefix.endswith("ال") else prefix
    if "ل" in prefix:
        return "to"
    if "ب" in prefix:
        return "with"
    span = _span_of(words[i])
    return _marker(res, words, i, span, res.gazetteer) if not prefix else None


# ---------------------------------------------------------------------------
# Reading one trigger.


@dataclass(frozen=True)
class _Reading:
    supplier: Party | str
    recipient: Party | str
    commodities: tuple[Commodity, ...]
    trigger: int
    end: int  # index after the last word read
    exchange: tuple[Commodity, ...] = ()
    source: Party | None = None  # a place the commodity leaves from, when not the supplier
    any_class: bool = False  # an end left unsaid may come from a flow of any class (a deal's parties)
    more: tuple[Party, ...] = ()  # further recipients given as alternatives (لحزب الله أو الجماعات في العراق)
    backing: bool = False  # read from a word of backing (تسليح، دعم)
    hosted: bool = False  # forces sent with no place said: the article's subject state receives them
    # people named with their state, not sent by it: their own state's places count towards the article's state
    owners_counted: bool = False
    # the states whose places the clause names: people named with their state are in none other than the host
    named_states: frozenset[str] = frozenset()


def _code(end: Party | str) -> str:
    return end.code if isinstance(end, Party) else end


# the roles of kinds whose triggers are verbs (not nouns of trade, containing or buyers)
_VERB_ROLES = frozenset({"giver", "sender", "receiver", "mover", "stationer", "entrant", "user"})
_SEMICOLONS = frozenset(";؛")
_CLAUSE_MARKS = frozenset("،,;؛:")
_ON = fold("على")
_WITH = fold("مع")
_OF_IT = frozenset({"منها", "منه"})
_COMMAS = frozenset("،,")


def _clause_start(res: Resources, text: str, words: Sequence[Word], i: int, commas: bool = True) -> int:
    """The first word of the clause that word ``i`` is in (a comma ends a clause when ``commas``)."""
    voc = res.flows
    k = i
    while k > 0:
        gap = text[words[k - 1].end:words[k].start]
        if not (_CLAUSE_MARKS if commas else _SEMICOLONS).isdisjoint(gap):
            aside = _time_aside(res, text, words, k)
            if aside is None:
                aside = _topic_aside(res, words, k)
            if aside is None:
                return k
            k = aside  # "قالت الوزارة، أمس الجمعة، إن ...": a time set off by commas ends no clause
            continue
        if voc.breaks.match_at(words, k) is not None and k < i:
            return k
        k -= 1
    return 0


def _time_aside(res: Resources, text: str, words: Sequence[Word], k: int) -> int | None:
    """The word before a time set off by commas that ends right before word ``k`` (، أمس الجمعة،), if any."""
    first = k - 1
    while first > 0 and first > k - 4 and _CLAUSE_MARKS.isdisjoint(text[words[first - 1].end:words[first].start]):
        first -= 1
    if first == 0 or _CLAUSE_MARKS.isdisjoint(text[words[first - 1].end:words[first].start]):
        return None
    if not all(w.norm in res.flows.time_words for w in words[first:k]):
        return None
    return first - 1


def _topic_aside(res: Resources, words: Sequence[Word], k: int) -> int | None:
    """The word of a fronted topic ending right before word ``k`` ("أما بلجيكا، فقالت"), if any.

    The topic is the subject of the clause the ف of word ``k`` opens, so the
    comma between them ends no clause.
    """
    if not words[k].norm.startswith("ف"):
        return None
    return next((first for first in range(k - 1, max(k - 1 - _TOPIC_WORDS, -1), -1)
                 if words[first].norm in res.flows.topic_openers), None)


def _clause_end(res: Resources, text: str, words: Sequence[Word], i: int) -> int:
    voc = res.flows
    k = i + 1
    while k < len(words):
        gap = text[words[k - 1].end:words[k].start]
        if not _SEMICOLONS.isdisjoint(gap):
            return k
        if voc.breaks.match_at(words, k) is not None or _joined_verb(res, words, k):
            return k
        k += 1
    return len(words)


def _joined_verb(res: Resources, words: Sequence[Word], k: int) -> bool:
    """Whether word ``k`` is a verb of supply joined by و, opening a clause of its own (وأرسل الألمان ...).

    A verb with an object pronoun may be a verbal noun joined to the one
    before (بدعم المرتزقة ونقلهم إلى ...), and does not count.
    """
    word = words[k]
    if not word.norm.startswith("و") or word.norm.startswith("وال") or _is_verbal_noun(res, word) \
            or word.norm.endswith(PRONOUN_SUFFIXES):
        return False
    hit = res.flows.triggers.match_at(words, k)
    return hit is not None and res.flows.kinds[str(hit[1])].roles in _VERB_ROLES


def _eligible(p: Party) -> bool:
    return p.marker in (None, "with") or p.kind == "reference" and p.marker is None


def _group(text: str, words: Sequence[Word], party: Party, parties: Sequence[Party]) -> list[Party]:
    """``party`` and the parties joined to it by و or a comma (فرنسا وبريطانيا)."""
    ordered = sorted(parties, key=lambda p: p.first)
    k = ordered.index(party)
    group = [party]
    for step in (-1, 1):
        j, last = k + step, party
        while 0 <= j < len(ordered):
            a, b = (ordered[j], last) if step < 0 else (last, ordered[j])
            # up to the word of b: its clitics (ولحزب الله) are no gap
            gap = text[a.span.end:max(a.span.end, min(b.span.start, words[b.first].start))]
            touching = b.first - a.last <= 0 or b.first - a.last == 1 and words[a.last].norm == "و"
            joined = touching and (any(c in gap for c in "،,و") or b.span.text.startswith("و")
                                               or words[b.first].norm.startswith("و"))
            if step > 0 and b.kind in ("demonym", "organisation") and b.first - a.last == 1 \
                    and words[a.last].norm.startswith("و") and b.marker is None:
                # "حزب الله والميليشيات العراقية والجماعات الحوثية": an adjective whose noun carries the و
                gap, joined = "", True
            # "على قطر والسودان وتركيا": the preposition is written on the first of the list only
            marker_ok = ordered[j].marker in (None, last.marker) or step < 0 and last.marker is None
            if gap.strip(" \t،,و«»\"") or not joined or not marker_ok:
                break
            group.append(ordered[j])
            last = ordered[j]
            j += step
    return sorted(group, key=lambda p: p.first)


def _is_verbal_noun(res: Resources, word: Word) -> bool:
    return reads_as(word, res.flows.verbal_nouns)


def _governed(res: Resources, words: Sequence[Word], i: int) -> bool:
    """Whether the verbal noun at ``i`` shares the subject of what comes before it.

    It does after a verb or a governing word (نفت الصين تزويد، بهدف إرسالها);
    it does not after a noun that a preposition governs (من عواقب تسليم).
    """
    word = words[i]
    if word.norm[:1] in ("ب", "ل") and word.norm not in res.flows.verbal_nouns:
        return True  # بتزويد، لشراء
    if i == 0:
        return False
    prev = words[i - 1]
    if reads_as(prev, res.flows.governors):
        return True
    return not (i > 1 and words[i - 2].norm in _NOUN_PREPOSITIONS)


def _makers(res: Resources, text: str, words: Sequence[Word], parties: Sequence[Party],
            items: Sequence[Commodity]) -> list[Party]:
    """Demonyms that describe a commodity (طائرات مسيرة إيرانية الصنع، محركات من إنتاج شركات صينية): its maker."""
    made_by = res.flows.made_by
    makers = []
    for p in parties:
        if p.kind != "demonym":
            # "عناصر فاغنر": people of a group or state come from it
            if p.marker is None and any(c.commodity == "personnel" and p.first == c.last for c in items):
                makers.append(p)
            continue
        for c in items:
            gap = text[words[c.last - 1].end:p.span.start]
            # right after the commodity, or after a model number ("ليوبارد 2 الألمانية")
            close = p.first == c.last or p.first == c.last + 1 and (
                words[c.last].norm.isascii() or words[c.last].norm.endswith("يه"))  # "أسلحة نووية تكتيكية روسية"
            # "من إنتاج شركات صينية": words of making between the goods and their maker
            close = close or c.last < p.first <= c.last + 4 and all(
                reads_as(w, made_by) for w in words[c.last:p.first])
            if close and not any(ch in gap for ch in "،,;؛:"):
                makers.append(p)
                break
    return makers


def _accusative_demonym(res: Resources, p: Party) -> bool:
    """Whether a state's name may be the accusative of its adjective (دعما تركيا، سلاحا روسيا).

    The name itself is one reading (تسليح عشائر سوريا): the word before must be
    in the accusative too for the adjective to be meant.
    """
    name = fold(p.span.text)
    return p.kind == "country" and name.endswith("يا") and name[:-1] in res.gazetteer.demonyms


@dataclass
class _Scene:
    """What :func:`_read` has found around a trigger, for the procedure of its kind's ``roles`` to fill the ends.

    ``supplier``, ``recipient``, ``items`` and ``hosted`` are what that
    procedure sets; ``None`` ends stay unfound.
    """

    res: Resources
    text: str
    words: Sequence[Word]
    parties: Sequence[Party]
    rules: TriggerKind
    i: int  # the trigger's first word
    j: int  # the word after the trigger
    lo: int  # the trigger's clause
    hi: int
    end: int  # the word after the last commodity
    items: list[Commodity]
    makers: list[Party]
    maker_code: str | None
    roles: list[Party]  # the parties that are not makers
    before: list[Party]  # parties before the trigger that may be its subject
    after: list[Party]  # parties after it, up to the reach of its ends
    limit: int  # objects stand before this word
    implied: tuple[int, Any] | None  # the match of a word of ``implied``
    relative: bool  # the trigger follows a relative pronoun (التي قدمتها)
    pronoun: bool  # the trigger carries an object pronoun
    backwards: bool  # the goods were read before the trigger
    supplier: Party | str | None = None
    recipient: Party | str | None = None
    hosted: bool = False
    owners_counted: bool = False
    named_states: frozenset[str] = frozenset()
    stopped: bool = False  # goods stopped on their way, their supplier unsaid


def _read(res: Resources, text: str, words: Sequence[Word], parties: Sequence[Party], i: int, j: int,
          kind: str) -> _Reading | None:
    """Read the trigger at words ``i``..``j`` of kind ``kind``: its commodities and both ends, or ``None``.

    Where the goods are read and how the ends are found is what the kind
    declares under ``kinds`` in ``flows.yaml`` (:class:`TriggerKind`). An end
    left unsaid is returned as ``""`` for :func:`_recall` to fill.
    """
    voc = res.flows
    rules = voc.kinds[kind]
    lo = _clause_start(res, text, words, i)
    hi = _clause_end(res, text, words, j - 1)
    # commodities after the trigger, up to an exchange word or the end of the clause
    stop = min(hi, j + _REACH + _LIST_GAP + 4)
    stop = next((k for k in range(j, stop) if voc.topics.match_at(words, k) is not None), stop)
    # "نقلت صحيفة عن مسؤولين أن الصين تزود ...": what follows أن is another clause's
    stop = next((k for k in range(j, stop) if words[k].norm in _SUBORDINATORS), stop)
    swap = next((k for k in range(j, stop) if voc.exchange.match_at(words, k) is not None), None)
    forward_hi = swap if swap is not None else stop
    # a word of a party's name, or the one forces are loyal to, is no blocker ("إلى القوات الموالية للرئيس")
    blocked = next((k for k in range(j, forward_hi) if voc.blockers.match_at(words, k) is not None
                    and not any(p.first <= k < p.last for p in parties) and words[k - 1].norm not in voc.loyal), None)
    skip = rules.not_items
    # "وصل نحو 200 عسكري روسي إلى البلاد": a count before what arrives keeps it right after the verb
    at = _past_quantity(res, words, j) if rules.items in ("before_or_next", "next", "named_next") else j
    items = _ITEMS[rules.items](rules, i, at, _commodity_list(res, words, j, forward_hi, parties, skip=skip,
                                                             text=text))
    if rules.roles == "giver" and items and items[0].commodity == "personnel" \
            and not words[items[0].first].norm.startswith(("ب", "وب")):
        # "زودت المقاتلين في اليمن بأسلحة": armed people right after a verb of giving are given to; what
        # they are given follows with بـ
        given = next((k for k in range(items[0].last, forward_hi) if words[k].norm.startswith("ب")
                      and any(c.first == k for c in find_commodities(res, words, k, forward_hi))), None)
        items = _commodity_list(res, words, given, forward_hi, parties, skip=skip, text=text) \
            if given is not None else items
    if not items and rules.items == "before_or_next":
        # "ووصلت إلى عدن قوات سعودية": the destination first, then what arrives right after it
        dest = next((p for p in parties if p.marker == "to" and j <= p.first <= j + 1), None)
        items = [c for c in _commodity_list(res, words, dest.last, forward_hi, parties, skip=skip)
                 if c.first >= dest.last] if dest is not None else []
        items = items if items and items[0].first == dest.last else []
    implied = voc.implied.match_at(words, i) if rules.implied_words else None
    if implied is not None and i + implied[0] == j and not words[i].norm.startswith(("ل", "ول")):
        # "تسليح المعارضة": the word names what is given, unless a commodity follows with بـ
        items = [c for c in items if words[c.first].norm.startswith(("ب", "وب"))] \
            or [Commodity(str(implied[1][0]), i, j)]
    else:
        implied = None
    if blocked is not None and (not items or blocked < items[0].first):
        return None
    if blocked is not None and items[0].commodity == "personnel" and items[0].first <= j + 1 \
            and blocked - items[0].last <= 2 \
            and not any(voc.to.match_at(words, k) is not None for k in range(items[0].last, blocked)):
        return None  # "تسليم القوات الفرنسية قاعدتها إلى الجيش": the forces hand over a base, they are not sent
    relative = i > 0 and words[i - 1].norm in _RELATIVES
    # "قدمتها"، "سلمته": a verb of supply with an object pronoun (ه as written, not the ة of a noun)
    pronoun = words[i].norm.endswith(PRONOUN_SUFFIXES) or words[i].text.endswith("ه") and j == i + 1 \
        and not words[i].norm.startswith("ال")
    participle = reads_as(words[i], voc.participles)  # "المساعدات المقدمة من X إلى Y"
    backwards = not items and (relative or pronoun or participle or rules.reads_before)
    if items and relative and j - 1 > i and words[j - 1].norm.endswith(PRONOUN_SUFFIXES):
        # "الفرقاطة ... والتي حصلت عليها مصر من فرنسا في إطار صفقة تضم مقاتلات": the pronoun points back to
        # the goods before; what follows belongs to another clause
        named_before = _commodity_list(res, words, max(lo, i - _REACH), i, parties, backwards=True, skip=skip)
        if named_before:
            items, backwards = named_before, True
    if backwards:
        # what buyers buy may be named in the clause before the comma
        back = _clause_start(res, text, words, i, commas=False) if rules.items_past_commas else lo
        items = _commodity_list(res, words, max(back, i - _REACH), i, parties, backwards=True, skip=skip)
    if rules.ends_from_before:
        # "وتضمنت الشحنة صواريخ": what a shipment named just before holds, between the same ends
        return _Reading("", "", tuple(items), i, max(c.last for c in items)) if items else None
    if not items and rules.cargo and _cargo_object(res, words, parties, i, j, hi):
        items = [Commodity("", i, j)]  # "أرسلت إيران شحنة إلى ...": a shipment whose contents follow
    if not items:
        # "وافقت أنقرة على بيع هذا الطراز إلى باكو": goods named before, by a word for their kind
        ref = next(((k, hit) for k in range(j, min(hi, j + 3)) if (hit := voc.goods_references.match_at(words, k))),
                   None)
        items = [Commodity(REFERRED, ref[0], ref[0] + ref[1][0])] if ref is not None else []
    if not items:
        return None
    end = max(c.last for c in items)
    makers = _makers(res, text, words, parties, items)
    if not makers and items[0].first > j:
        # "صفقة أسلحة أمريكية تشمل طائرات": the maker of the arms named as a whole before the kinds listed
        whole = [c for c in find_commodities(res, words, j, items[0].first) if c.commodity in voc.generic]
        makers = _makers(res, text, words, parties, whole)
    if rules.trade_noun and not makers:
        # "الصفقة الروسية مع العراق"، "عقود التسلح الروسية": the state a deal is named after sells
        makers = [p for p in parties if p.kind == "demonym" and p.first == j and p.marker is None][:1]
    maker_code = next((p.code for p in makers), None) or next((c.maker for c in items if c.maker), None)
    roles = [p for p in parties if p not in makers]
    # the subject of a reported flow stands after "أن": the speaker before it is no party
    subs = [k for k in range(lo, i) if words[k].norm in _SUBORDINATORS]
    party_lo = max([lo] + [k + 1 for k in subs])
    if _joined_verb(res, words, i) and any(p.marker is None and j <= p.first < j + 2 for p in parties):
        party_lo = i  # "أرسل الهولنديون قاذفتين وأرسل الألمان الرادار": the subject after the joined verb
    if subs and words[subs[-1]].norm in _PRONOUN_SUBORDINATORS \
            and not any(subs[-1] < p.first < i and _eligible(p) for p in roles):
        # "قالت ألمانيا إنها ستزود ...": the pronoun stands for the speaker
        party_lo = max([lo] + [k + 1 for k in subs[:-1]])
    if implied is not None and i > 0 and voc.topics.match_at(words, i - 1) is not None:
        party_lo = i  # "تفاهمات مع بغداد بشأن تسليح العشائر": a flow talked about, not given
    elif i > 0 and words[i - 1].norm in _FOREIGN_SUBJECT and not any(
            reads_as(words[k], voc.shared_subject) for k in range(max(lo, i - 8), i - 1)):
        party_lo = i  # "سترد على تزويد ...": the subject of the verb before is not the supplier
    elif _is_verbal_noun(res, words[i]) and not _governed(res, words, i):
        party_lo = i  # "حذرت روسيا من عواقب تسليم ...": the noun's subject follows it
    before = [p for p in roles if party_lo <= p.first < i and p.first >= i - _PARTY_REACH
              and (_eligible(p) or p.last == i and rules.subject_before_ba and words[i].norm.startswith("ب"))
              # "وقعت قطر خلال زيارة الرئيس الفرنسي ... اتفاقا لشراء": who visits in a time adjunct is no subject
              and not any(reads_as(words[k], voc.adjuncts) for k in range(max(party_lo, p.first - 3), p.first))
              # "تعليقا لإمداد القاهرة بالسلاح ليسمح بتسليم أسلحة": the object of a noun of supply before is
              # not the subject of the next
              and not (p.first > 0 and words[p.first - 1].norm[:1] in ("ل", "ب")
                       and _is_verbal_noun(res, words[p.first - 1])
                       and voc.triggers.match_at(words, p.first - 1) is not None)]
    if not before and lo > 0 and (i == lo and words[i].norm.startswith("و") or i == lo + 1 and reads_as(
            words[lo], voc.subject_carriers)) and not _is_verbal_noun(res, words[i]) \
            and not any(p.marker is None and j <= p.first < items[0].first for p in roles):
        # "سارعت تركيا إلى ...، وأرسلت مئات الجنود"، "تعتمد المملكة على ...، إذ تسلمت": a verb after a comma
        # with no subject of its own shares the sentence's
        before = [p for p in roles if p.first < lo and p.marker is None
                  and (p.kind in STATE_KINDS or p.kind == "reference")][:1]
    if any(reads_as(words[k], voc.strikes) for k in range(max(lo, i - 2), i)):
        before = []  # "غارات إسرائيلية تستهدف شحنة أسلحة": who strikes a shipment does not send it
    # goods named before the trigger: the ends after it are counted from the trigger
    after = [p for p in roles if j <= p.first < min(hi, max(end, j) + _PARTY_REACH)]
    if not before and 0 < lo < i and words[lo].norm in _RELATIVES and not any(lo <= p.first < i for p in roles):
        # "الصين، التي تبقى المورد الأول للسلاح": the one a relative clause describes is its subject, maybe
        # named before a person's name ("وزير دفاع بريطانيا مايكل فالون، الذي وقع ...")
        before = [p for p in roles if p.last == lo and _eligible(p)] or [
            p for p in roles if lo - _NAMED_WORDS <= p.last < lo and _eligible(p) and p.kind in STATE_KINDS][-1:]
    if 0 < lo < i and words[lo].norm in _RELATIVES and any(
            voc.triggers.match_at(words, k) is not None for k in range(lo + 1, i)):
        # "تركيا، التي تدعم الحكومة في طرابلس ومتهمة بدعم الفصائل في سوريا": the one the relative clause
        # describes is the subject of each of its verbs; the parties inside it are their objects
        antecedent = [p for p in roles if p.last == lo and _eligible(p)] or [
            p for p in roles if lo - _NAMED_WORDS <= p.last < lo and _eligible(p) and p.kind in STATE_KINDS][-1:]
        before = antecedent or before
    if i > 0 and reads_as(words[i - 1], voc.charges):
        # "عقوبات على شركات صينية بتهمة تهريب ...": the accused is the subject, whatever governs it
        before = [p for p in roles if i - 4 <= p.first and p.last <= i - 1][-1:]
    accused = next((k for k in range(max(lo, i - 6), i) if words[k].norm in voc.accused
                    or words[k].norm[:1] == "و" and words[k].norm[1:] in voc.accused), None)
    if accused is not None:
        # "شركة تتهمها واشنطن بتهريب ...": the one accused stands before the verb, not its subject after
        before = [p for p in roles if p.last <= accused][-1:]
    # objects stand between the trigger and the commodity, when the commodity follows
    limit = items[0].first if items[0].first > i else min(hi, end + _PARTY_REACH)
    if implied is not None:
        # the one backed stands right after the word of backing, before any relative clause
        limit = min([limit, j + _IMPLIED_REACH] + [k for k in range(j, limit) if words[k].norm in _RELATIVES
                                                   or _new_conjunct(res, words, parties, k)])
    scene = _Scene(res, text, words, parties, rules, i, j, lo, hi, end, items, makers, maker_code, roles,
                   before, after, limit, implied, relative, pronoun, backwards)
    if rules.roles is None or not _ROLES[rules.roles](scene):
        return None
    supplier, recipient, items = scene.supplier, scene.recipient, scene.items
    if recipient is None and rules.recipient_pronoun and j < len(words) and words[j].norm in voc.to_pronouns:
        # "العتاد الذي وصل إليها": the one the pronoun stands for, named before in the sentence
        recipient = next((p for p in reversed(roles) if lo <= p.first < i and p.code != _code(supplier or "")), None)
        if recipient is None and supplier is None and _opens(words, i):
            # "وقد أرسلت إليهم شحنات": both ends are those of the flow told just before
            supplier = recipient = ""
    # a party after في، عبر، مع ... is no end of the flow ("عبر جسر جوي يعبر الأجواء الإيرانية")
    unmarked = [p for p in after if p.marker != "other"]
    if recipient is None and supplier is not None and (rules.unsaid_recipient and not unmarked
                                                        or implied is not None) and not any(
            # "تصدير النفط إلى أوروبا"، "بيع الأسلحة لدول المنطقة": the goods go to a region, the market or
            # states left unnamed, an end that is no state
            voc.to.match_at(words, k) is not None and reads_as(words[k + 1], voc.open_ends)
            or words[k].norm[:1] == "ل" and words[k].norm[1:] in voc.open_ends
            for k in range(j, min(hi, end + _PARTY_REACH) - 1)):
        recipient = ""  # named in a sentence before: "وأفادت مصادر بأن أنقرة وفرت قرابة 300 صاروخ"
        # "تسليح المتمردين" with no state named: the armed of the state the article is about
        # (a verb, or its noun after بـ: "اتهمت X بتسليح المتمردين"; not "برنامج تسليح العشائر")
        scene.hosted = implied is not None \
            and any(reads_as(words[k], voc.armed_parties) for k in range(j, min(hi, j + 2))) \
            and (not _is_verbal_noun(res, words[i]) or words[i].norm.startswith(("ب", "وب")))
    if recipient in (None, "") and supplier is not None and implied is None and items[0].commodity:
        # "استخدم المتمردون صواريخ روسية"، "زودت روسيا الجيش بمروحيات"، "أرسلت أسلحة إلى المتمردين": the
        # armed who receive or hold the goods, with no state named, are those of the state the article is about
        holder = _holder(res, rules, words, i, j, party_lo, items, backwards)

        def armed_end(k: int) -> bool:
            # a word for the armed, not one of the goods; after the goods of a sending, marked as its end
            marked = k < i or rules.roles != "sender" or backwards or words[k].norm.startswith(("ل", "ول")) \
                or voc.to.match_at(words, k - 1) is not None
            return reads_as(words[k], voc.armed_parties) and marked and not any(c.first <= k < c.last for c in items)

        if any(armed_end(k) for k in holder) \
                and not any(p.first in holder and _eligible(p) and p is not supplier for p in roles):
            recipient, scene.hosted = "", True
    if recipient == "" and scene.hosted and isinstance(supplier, Party):
        # "اتهمت دمشق قطر بتسليح المسلحين": the state that accuses is where the armed are
        accuser = _accuser(res, words, roles, lo, i)
        if accuser is not None and accuser.code != supplier.code:
            recipient, scene.hosted = accuser, False
    if supplier is None and recipient is not None and rules.unsaid_supplier \
            and not any(p.marker == "from" for p in after):
        supplier = ""  # named in a sentence before: "وتسلمت تركيا أولى بطاريات المنظومة"
    elif supplier is None and recipient is not None and rules.roles in ("giver", "sender") \
            and _opens(words, i) and not _is_verbal_noun(res, words[i]):
        supplier = ""  # a verb opening its sentence with no subject: "وأرسلت الأسبوع الماضي مقاتلات إلى سوريا"
    if supplier is None or recipient is None or supplier != "" and _code(supplier) == _code(recipient):
        return None
    if implied is not None and implied[1][1] and items[0].first == i and not (
            any(voc.military.match_at(words, k) for k in range(j, min(len(words), j + 3)))
            or isinstance(recipient, Party) and _armed(res, words, recipient, j)
            or j < len(words) and reads_as(words[j], voc.located_groups) and not reads_as(words[j], voc.state_heads)):
        return None  # backing, training or money to a state is a flow only when military (or to the armed)
    if implied is not None and implied[1][2] and items[0].first == i and not any(
            reads_as(words[k], implied[1][2]) for k in range(j, min(len(words), j + 6))):
        return None  # "ساعدت روسيا إيران في تطوير ...": help is know-how only in building something
    exchange: tuple[Commodity, ...] = ()
    if swap is not None:
        exchange = tuple(_commodity_list(res, words, swap + 1, min(hi, swap + 1 + _REACH), parties))
    source_place = next((p for p in after if p.marker == "from" and p.place is not None), None)
    more = _alternatives(res, text, words, after, recipient, hi) if implied is not None else ()
    return _Reading(supplier, recipient, tuple(items), i, end, exchange, source_place,
                    any_class=rules.trade_noun or implied is not None or scene.stopped, more=more,
                    backing=implied is not None,
                    hosted=scene.hosted, owners_counted=scene.owners_counted, named_states=scene.named_states)


def _opens(words: Sequence[Word], i: int) -> bool:
    """Whether word ``i`` opens its sentence, maybe after a particle (وقد أرسلت، كما زودت)."""
    return all(words[k].norm in _OPENERS for k in range(i))


def _cargo_object(res: Resources, words: Sequence[Word], parties: Sequence[Party], i: int, j: int, hi: int) -> bool:
    """Whether a word of ``cargo`` is the trigger or its object: within a word after it, or after the ends.

    "أرسلت إيران شحنة"، "أرسلت إيران إلى روسيا شحنة جديدة": the parties and
    their prepositions may stand between the verb and the shipment.
    """
    voc = res.flows
    if any(voc.cargo.match_at(words, k) for k in range(i, min(len(words), j + 2))):
        return True
    starts = {p.first: p.last for p in parties}
    k = j
    while k < hi:
        if voc.cargo.match_at(words, k):
            return True
        if k in starts:
            k = starts[k]
            continue
        marker = voc.to.match_at(words, k) or voc.source.match_at(words, k)
        if marker is None:
            return False
        k += marker[0]
    return False


def _accuser(res: Resources, words: Sequence[Word], roles: Sequence[Party], lo: int, i: int) -> Party | None:
    """The state right after a verb of accusing before word ``i`` in its clause (اتهمت دمشق ...), if any."""
    for k in range(i - 1, lo - 1, -1):
        if words[k].norm.removeprefix("و") in res.flows.accusers:  # not with an object pronoun (تتهمه)
            return next((p for p in roles if p.first == k + 1 and p.marker is None and p.kind in STATE_KINDS), None)
    return None


def _holder(res: Resources, rules: TriggerKind, words: Sequence[Word], i: int, j: int, party_lo: int,
            items: Sequence[Commodity], backwards: bool) -> range | list[int]:
    """The words where the one who receives or holds a trigger's goods stands, when no state is named there."""
    if backwards:  # "المسلحون يملكون صواريخ باعتها روسيا": before the goods
        return range(max(party_lo, items[0].first - _HOLDER_REACH), items[0].first)
    if rules.roles in ("receiver", "user"):  # before the verb, or its subject right after it
        return [*range(max(party_lo, i - _HOLDER_REACH), i), *range(j, min(j + 2, items[0].first))]
    if rules.roles == "giver":  # "زودت روسيا الجيش بمروحيات": the object before the goods, or after لصالح
        end = max(c.last for c in items)
        after = [k for k in range(end, min(len(words), end + _HOLDER_REACH)) if k > 0
                 and res.flows.to.match_at(words, k - 1) is not None]
        return [*range(j, items[0].first), *after]
    if rules.roles == "sender":  # "أرسلت تركيا أسلحة إلى المتمردين"، "قدمت للمتمردين أسلحة"
        return range(j, min(len(words), max(c.last for c in items) + _HOLDER_REACH + 2))
    return []


# ---------------------------------------------------------------------------
# Where a kind's goods are named (``items`` of its kind): what to keep of the
# commodities found after the trigger. An empty list lets :func:`_read` look
# before the trigger when the kind reads goods there.


def _items_after(rules: TriggerKind, i: int, j: int, found: list[Commodity]) -> list[Commodity]:
    return found


def _items_before(rules: TriggerKind, i: int, j: int, found: list[Commodity]) -> list[Commodity]:
    return []  # goods on their way are named before the trigger


def _items_before_or_next(rules: TriggerKind, i: int, j: int, found: list[Commodity]) -> list[Commodity]:
    return found if found and found[0].first <= j + 1 else []  # arriving goods stand before the verb or right after


def _items_next(rules: TriggerKind, i: int, j: int, found: list[Commodity]) -> list[Commodity]:
    # "دخل الحزب الأراضي السورية": the people of the one who enters
    return _items_named_next(rules, i, j, found) or [Commodity(str(rules.implied_item), i, max(j, i + 1))]


def _items_named_next(rules: TriggerKind, i: int, j: int, found: list[Commodity]) -> list[Commodity]:
    # "شارك ألف جندي سوداني في ...": only people named right after the trigger (a state taking part sends nobody)
    return [c for c in found if c.commodity == rules.implied_item and c.first <= j + 1]


def _items_at_trigger(rules: TriggerKind, i: int, j: int, found: list[Commodity]) -> list[Commodity]:
    # "قتلى الحرس الثوري في ..."، "الوجود الإيراني في ...": the word itself names who is there
    return found if found and found[0].first == i else [Commodity(str(rules.implied_item), i, max(j, i + 1))]


_ITEMS = {
    "after": _items_after,
    "after_or_before": _items_after,
    "before": _items_before,
    "before_or_next": _items_before_or_next,
    "next": _items_next,
    "named_next": _items_named_next,
    "trigger": _items_at_trigger,
}


# ---------------------------------------------------------------------------
# How a kind's ends are found (``roles`` of its kind). Each sets the scene's
# supplier and recipient it finds, and returns whether a flow may still be read.


def _mover_roles(s: _Scene) -> bool:
    """"مقاتلو فاغنر وصلوا إلى مالي"، "أسلحة في طريقها من ليبيا إلى ...": from من or the maker, to إلى.

    Goods named before the trigger may say where they come from before it
    too: "صواريخ قادمة من ليبيا في طريقها إلى غزة".
    """
    source = next((p for p in s.after if p.marker == "from"), None) or next(
        (p for p in s.roles if p.marker == "from" and s.backwards and s.end <= p.first < s.i), None)
    s.supplier = source or s.maker_code
    s.recipient = next((p for p in s.after if p.marker == "to"), None) or _located(s.res, s.words, s.after, s.j)
    if s.rules.state_destination and isinstance(s.recipient, Party) and s.recipient.kind not in STATE_KINDS \
            and not (s.supplier and s.recipient.place is not None):
        s.recipient = None  # "وصلت القوات إلى مدينة ...": an advance, not a supply
    if s.rules.visits:
        s.items = [c for c in s.items if c.commodity not in s.res.flows.visiting]
    return bool(s.items)  # "وصلت حاملة الطائرات إلى ...": a warship's visit


def _stationer_roles(s: _Scene) -> bool:
    """"نشر أسلحة نووية روسية في بيلاروسيا"، "قوات إماراتية في عدن": stationed or present in another state."""
    voc, words, after = s.res.flows, s.words, s.after
    subject = next((p for p in after if p.marker is None and p.first < s.items[0].first), None)
    if s.rules.owner_supplies:  # "قوات أردنية ومغربية"، "مقاتلون من فاغنر": their state or group
        s.supplier = s.makers[0] if s.makers else s.maker_code or _owner_after(s.res, words, s.parties,
                                                                                s.items[0].last) \
            or _counted_owner(words, s.parties, s.items[0].first, s.items[0].last)
        owner = None if s.supplier is not None or not s.rules.trigger_is_item \
            else _named_owner(s.parties, s.items[0].last)
        if owner is not None and _fought_at(s.res, words, s.parties, owner, s.items[0].first) is not None:
            s.supplier = owner  # "معارك في الزبداني بين المعارضة وعناصر حزب الله": one side of the fight
    else:
        s.supplier = s.before[-1] if s.before else subject or s.maker_code
    host_from = s.end if s.rules.trigger_is_item else s.j
    # people named without a verb are where they are, not where they go (مرتزقة سوريون إلى ...), and
    # the place stands right after their state (قوات إماراتية في عدن)
    owner_end = s.supplier.last if s.rules.trigger_is_item and isinstance(s.supplier, Party) else s.end
    s.recipient = next((p for p in after if p.first >= host_from and _located_in(s.res, words, p)
                        and p is not subject and not (s.rules.trigger_is_item and (
                            p.marker == "to" or p.first - owner_end > _PRESENCE_REACH))), None)
    if s.recipient is None and s.rules.trigger_is_item and isinstance(s.supplier, Party):
        s.recipient = _fought_at(s.res, words, s.parties, s.supplier, s.items[0].first)
    if s.recipient is None and isinstance(s.supplier, Party) \
            and s.supplier is _counted_owner(words, s.parties, s.items[0].first, s.items[0].last) \
            and not any(p.first > s.supplier.last and _located_in(s.res, words, p) for p in s.parties):
        return False  # "أبناء قتلى من مقاتلي حزب الله": people counted with no place are not said to be anywhere
    if isinstance(s.supplier, Party) and _beside(s.res, words, s.supplier):
        return False  # "إلى جانب القوات السورية": the forces others stand beside are at home
    if s.recipient is None and isinstance(s.supplier, Party):
        # the forces they fight beside may be listed with them: "مستشارون إيرانيون يقاتلون إلى جانب القوات السورية"
        s.recipient = next((p for p in s.parties if p.first >= host_from and p.code != s.supplier.code
                            and _beside(s.res, words, p)), None)
        s.items = [c for c in s.items if not (isinstance(s.recipient, Party) and c.first >= s.recipient.first - 1)]
    # missiles, arms and people are stationed; tanks in another state are an operation
    s.items = [c for c in s.items if c.commodity in voc.stationed]
    if not s.items:
        return False
    if s.recipient is None and s.supplier is not None and any(_HOSTS[h](s) for h in s.rules.unnamed_host):
        s.recipient, s.hosted = "", True  # the state the article is about hosts them
        s.owners_counted = s.rules.owner_supplies
        # up to the next comma: "قوات سعودية تحرس عدن، فيما ..." names its place before another clause
        comma = next((k for k in range(s.j, s.hi) if not _CLAUSE_MARKS.isdisjoint(
            s.text[words[k - 1].end:words[k].start])), s.hi)
        s.named_states = frozenset(p.code for p in s.parties if s.lo <= p.first < comma and p.kind in _PLACE_KINDS)
    return True


def _at_unnamed_place(s: _Scene) -> bool:
    """"مستشارون روس في المطار": people of one state at a place named without its state."""
    return any(_unnamed_place(s.res, s.words, k) for k in range(s.end, min(s.hi, s.end + 3)))


def _unplaced_people(s: _Scene) -> bool:
    """"نشرت الدولتان بعض قواتهما الخاصة"، "هي قوات أردنية ومغربية": people with no place named after them."""
    voc, words = s.res.flows, s.words
    # the owner named after the people (قوات أردنية، مقاتلون من فاغنر) is no place
    end = max([s.end] + [p.last for p in s.parties if p.first - s.end in (0, 1) and p.code == _code(s.supplier or "")])
    first = min(c.first for c in s.items)
    # "مخضبة بدماء مئات الجنود الأميركيين": the blood or the deaths of people tell no place they are in
    victims = any(reads_as(words[k], voc.victims) for k in range(max(0, first - 3), first))
    return any(c.commodity == "personnel" for c in s.items) and not victims \
        and not any(words[k].norm.removeprefix("و") in voc.located_in | voc.located_on
                    and not (k + 1 < len(words) and words[k + 1].norm in voc.back_references)
                    and voc.list_continue.match_at(words, k) is None  # "إلى جانب الجيش": alongside, not a place
                    for k in range(end, min(s.hi, end + 3)))


_HOSTS = {"place": _at_unnamed_place, "unplaced_people": _unplaced_people}


def _giver_roles(s: _Scene) -> bool:
    """"X زوّد Y بـZ": the first object receives; with a word of backing, the one backed."""
    res, words, after, before, implied = s.res, s.words, s.after, s.before, s.implied
    if reads_as(words[s.i], res.flows.backed_by) and s.j < len(words) and words[s.j].norm.startswith("ب"):
        # "عناصر النظام السوري مدعومة بميليشيات حزب الله": backed by the party after بـ; armed people given
        backer = next((p for p in after if p.first <= s.j + 2 and p.marker in (None, "with")), None)
        if backer is None or not before:
            return False
        s.supplier, s.recipient = backer, before[-1]
        if reads_as(words[s.j], res.flows.armed_parties):
            s.items = [Commodity("personnel", s.j, s.j + 1, "troops")]
        return True
    objects = [p for p in after if p.marker in (None, "to") and p.first < s.limit]
    first_group = _group(s.text, words, objects[0], s.parties) if objects else []
    others = [p for p in objects if p not in first_group]
    if implied is not None and objects and s.j <= objects[0].first <= s.j + 2 and _accusative_demonym(res, objects[0]) \
            and words[objects[0].first - 1].norm.endswith("ا"):
        # "تتلقى حكومة الوفاق دعما عسكريا تركيا": the state named as the backing's adjective backs
        s.supplier, s.recipient = objects[0], before[-1] if before else None
        return True
    if s.backwards and objects and s.j < len(words) and words[s.j].norm in res.flows.goods_pronouns:
        # "المسيرات التي زودت بها تركيا حكومة الوفاق في طرابلس": the subject, then the one given to
        s.supplier = objects[0]
        s.recipient = others[0] if others else next(
            (p for p in after if 0 < p.first - objects[0].last <= _PRESENCE_REACH and p.code != objects[0].code
             and _located_in(res, words, p)), None)
        if s.recipient is None and before and before[-1].code != objects[0].code:
            s.recipient = before[-1]  # "قوات هادي التي تقاتل بأسلحة زودتها بها دول التحالف": the one described
        return True
    if objects and others and objects[0].marker is None and (not before or _is_verbal_noun(res, words[s.i])) \
            and not (implied is not None and (s.pronoun or objects[0].first > s.j + 1)):
        # "تزويد روسيا إيران بـ..."، "وزودت روسيا إيران": the first of two parties gives; after a subject
        # (إيران تدعم حزب الله والميليشيات العراقية) or a preposition (الدعم لحزب الله) both receive
        s.supplier, s.recipient = objects[0], others[0]
    elif s.pronoun and not before and objects and objects[0].first == s.j and objects[0].marker is None \
            and implied is None and not others:
        # "كما زودتها بريطانيا بصواريخ": the subject after the verb, the one given to its pronoun
        s.supplier, s.recipient = objects[0], ""
    elif s.relative and s.pronoun and before and objects and objects[0].marker is None \
            and objects[0].first <= s.j + 2:
        # "مقاتلي المعارضة السورية الذين دربهم الجيش الأمريكي": the subject follows the verb, its pronoun
        # stands for the ones the relative clause describes
        s.supplier, s.recipient = objects[0], before[-1]
    elif objects:
        s.recipient = objects[0]
        s.supplier = before[-1] if before else s.maker_code
        if s.supplier is None and objects[0].first == s.j and objects[0].marker is None \
                and objects[0].kind != "place" and not _is_verbal_noun(res, words[s.i]):
            s.supplier, s.recipient = objects[0], None  # "وزودت روسيا الجيش بمروحيات": the subject after the verb
    elif before and implied is None:
        s.supplier = before[-1]  # "قالت واشنطن إنها ستزود المعارضة بصواريخ": the one given to is unnamed
        # "قامت قوات التحالف بتزويد المقاومة في عدن بالسلاح": the armed given to, placed in a state after them
        s.recipient = next((p for p in after if p.first < s.limit and p.code != _code(s.supplier)
                            and _armed(res, words, p, s.j) and _located_in(res, words, p)), None)
    source = next((p for p in after if p.marker == "from" and p.first < s.j + _IMPLIED_REACH), None)
    if implied is not None and source is not None:
        # "بدعم من إيران"، "الجماعة المدعومة من إيران": the backer after من
        s.supplier = source
        s.recipient = objects[0] if objects else before[-1] if before else None
    elif not before and objects and objects[0].first == s.j and s.supplier is objects[0] and s.recipient is None:
        # "ومولت قطر الجماعات المسلحة في سوريا"، "وتمد إيران الجماعات في اليمن بالسلاح": the subject right
        # after the verb, the armed it gives to located after it
        backed = next((p for p in after if objects[0].last < p.first < s.limit and _armed(res, words, p, s.j)
                       and _located_in(res, words, p) and p.code != objects[0].code), None)
        if backed is not None:
            s.supplier, s.recipient = objects[0], backed
    elif implied is not None and before:
        # "دعمها للجماعات المسلحة في العراق": a group located in a state, or named as an example
        backed = next((p for p in after if p.first < s.limit and _armed(res, words, p, s.j) and (
            _located_in(res, words, p) or words[p.first - 1].norm in res.flows.examples)), None)
        if backed is not None and (not isinstance(s.recipient, Party) or backed.first < s.recipient.first):
            s.supplier, s.recipient = before[-1], backed
        s.supplier = s.supplier or before[-1]  # the one backed may be named by another flow of the sentence
    return True


def _sender_roles(s: _Scene) -> bool:
    """"X أرسل Z إلى Y"، "مبيعات Z لـY من X": the recipient after إلى, the supplier after من or the subject."""
    res, text, words, after, i, end, rules = s.res, s.text, s.words, s.after, s.i, s.end, s.rules
    voc = res.flows
    before = s.before
    maker_code = s.maker_code
    supplier: Party | str | None = None
    # "تسليم إيران مقاتلات، وقد تصل الدفعة إلى ...": a "to" past a comma ends another clause
    recipient = next((p for p in after if p.marker == "to" and not (
        p.first >= end and (_past_comma(text[words[end - 1].end:p.span.start])
                            or any(words[k].norm in _SUBORDINATORS for k in range(end, p.first))))), None) \
        or _located(res, words, after, s.j)
    if recipient is None:
        # "سلمت واشنطن زورقين ليتضاعف عدد ما تملكه القاهرة منها": the one said to own the goods after them
        recipient = next((p for p in after if p.first > end and p.marker is None and p.first > 0
                          and reads_as(words[p.first - 1], voc.owning)), None)
    source = next((p for p in after if p.marker == "from"), None)
    if source is None and rules.trade_noun:
        # "الزوارق القادمة من إيران والمحملة بالأسلحة": the goods' carrier came from the party just before
        source = next((p for p in reversed(s.roles) if p.marker == "from" and i - 3 <= p.last <= i
                       and _CLAUSE_MARKS.isdisjoint(text[p.span.end:words[i].start])), None)
    subjects = [p for p in after if p.marker is None and (recipient is None or p.first < recipient.first)
                and p.first < s.limit]
    passive = i > 0 and words[i - 1].norm.removeprefix("و") in voc.passive_markers
    if recipient is None and passive and subjects and _is_verbal_noun(res, words[i]):
        # "تم تسليم الجيش السوري مقاتلات روسية": the party after the passive noun receives
        recipient, subjects, before = subjects[0], [], []
    if recipient is None and rules.takes_objects and s.backwards and subjects:
        # "مسيرات ... قدمتها الإمارات": the verb's subject follows it, the holder stands before
        supplier = subjects[0]
        recipient = before[-1] if before else None
        subjects = []
        before = []
    elif recipient is None and rules.takes_objects and subjects and (before or len(subjects) > 1):
        # "سلّمت الولايات المتحدة أوكرانيا مقاتلات": two objects, the first one receives
        recipient = subjects[-1]
        subjects = subjects[:-1]
    elif recipient is None and rules.takes_objects and (before or subjects) and s.items[0].first > i:
        # "سلمت تركيا حكومة الوحدة في طرابلس دفعة من المسيرات": the receiver's seat
        recipient = next((p for p in after if p.marker == "other" and p.first < s.limit
                          and words[p.first - 1].norm == "في"), None)
    if recipient is None and rules.takes_objects and (before or subjects) and not s.backwards:
        # "قامت واشنطن بتسليم أبراج دبابات في القاعدة الجوية بشرق القاهرة": handed over at a base of the
        # state that receives
        giver = {p.code for p in before[-1:] + subjects[:1]}
        recipient = next((p for p in after if p.first >= end and p.code not in giver and p.marker != "from" and any(
            words[k].norm == "في" and reads_as(words[k + 1], voc.bases)
            for k in range(max(end, p.first - 4), p.first - 1))), None)
    partner = next((p for p in after if words[p.first - 1].norm == "مع" and p.code != maker_code), None)
    if recipient is None and rules.trade_noun and maker_code and partner is not None:
        recipient = partner  # "عقود التسلح الروسية مع العراق": the partner of a deal for another's arms buys
    elif recipient is None and rules.trade_noun and not maker_code and partner is not None:
        # "صفقة مدرعات أبرمت مع أوكرانيا": the partner sells; the buyer is the one other state of the sentence
        # (with a subject, "أبرمت روسيا صفقة أسلحة مع إيران", the direction is not said)
        others = {p.code: p for p in s.roles if p.code != partner.code}
        if not before and len(others) == 1:
            supplier, recipient = partner, next(iter(others.values()))
    if recipient is None and rules.trade_noun and before and maker_code and any(
            reads_as(words[k], voc.deal_verbs) for k in range(max(s.lo, i - 3), i)):
        # "طالبت مصر بإتمام صفقة مروحيات أباتشي": the party that concludes a deal for another's arms buys
        recipient = before[-1]
    wide = _clause_start(res, text, words, i, commas=False)
    stopper = before[-1:] or [p for p in s.roles if wide <= p.first < i and p.marker is None][-1:]
    stops = any(reads_as(words[k], voc.stoppers) for k in range(max(s.lo, i - 4), i))
    if recipient is None and source is not None and stopper and not subjects \
            and (_is_verbal_noun(res, words[i]) or rules.trade_noun and stops) \
            and not any(voc.triggers.match_at(words, k) for k in range(s.j, source.first)):
        # "أحبطت البحرين تهريب أسلحة من إيران"، "ضبطت مصر شحنة أسلحة قادمة من ليبيا": the state that stops
        # the goods is where they went
        supplier, recipient = source, stopper[0]
    elif recipient is None and rules.trade_noun and source is not None and source.first < i:
        # "اعترضت البحرين زوارق قادمة من إيران محملة بالأسلحة": the same, for goods whose carrier came from it
        stopped_by = [p for p in s.roles if wide <= p.first < source.first and p.marker is None
                      and p.code != source.code]
        recipient = stopped_by[-1] if stopped_by else None
    if source is not None and source.kind == "place" and any(
            p.marker == "to" and p.first > source.first and p.code == source.code for p in after):
        # "الدبابات التي قدمتها دول التحالف من عدن صوب قاعدة العند": goods moved within one state;
        # the town they set out from supplies nothing
        source = None
    stopped = supplier is None and source is None and not subjects and stops
    if stopped:
        # "أعلنت البحرين إحباط محاولة لتهريب أسلحة إلى داخل البلاد": who stops the goods did not send them
        before = []
    if supplier is not None:
        pass
    elif source is not None and (rules.trade_noun or not (subjects or before)):
        supplier = source
    elif rules.trade_noun and maker_code:
        supplier = maker_code  # "شحنة أسلحة إيرانية": the maker, not whoever seized it
    elif subjects:
        supplier = subjects[0]
    elif before:
        supplier = before[-1]
    elif maker_code:
        supplier = maker_code
    if recipient is None and end + 2 < len(words) and words[end].norm in _RELATIVES:
        # "المصدر الأول للإلكترونيات التي تستوردها روسيا": the one the goods go to, in a relative clause after them
        hit = voc.triggers.match_at(words, end + 1)
        if hit is not None and voc.kinds[str(hit[1])].roles in ("receiver", "user"):
            recipient = next((p for p in after if p.first == end + 1 + hit[0] and p.marker is None
                              and p.code != _code(supplier or "")), None)
    if recipient is None:
        # "إرسال مقاتلين للقتال إلى جانب القوات الأذربيجانية": the state of the forces they are sent beside
        recipient = next((p for p in s.parties if s.j <= p.first < s.hi and p.code != _code(supplier or "")
                          and _beside(res, words, p)), None)
        if recipient is not None:
            s.items = [c for c in s.items if c.first < recipient.first - 1]
    armed_to = any(words[k].norm.startswith(("ل", "ول")) and reads_as(words[k], voc.armed_parties)
                   for k in range(s.j, min(s.hi, end + 3)))
    if recipient is None and supplier is not None and armed_to:
        # "قدمت للثوار أسلحة" in a sentence placed in one state: forces named without it fight there
        places_in = {p.code: p for p in s.roles if _located_in(res, words, p) and p.code != _code(supplier)}
        recipient = next(iter(places_in.values())) if len(places_in) == 1 else None
    if supplier is None and recipient is not None and _is_verbal_noun(res, words[i]) and (
            words[i].norm.startswith(("ب", "وب")) or i > 0 and words[i - 1].norm in voc.examples):
        # "التدخلات الإيرانية، ومنها تهريب أسلحة إلى المملكة": the subject before the comma
        supplier = next((p for p in reversed(s.roles) if wide <= p.first < s.lo and _eligible(p)
                         and p.kind == "demonym"), None)
    if stopped and supplier is None and recipient is not None:
        # ... but the smuggling stopped may be the one the article told before, from a supplier named there;
        # "إلى داخل البلاد" is the country of the one who stops it
        supplier, s.stopped = "", True
        if isinstance(recipient, Party) and voc.the_country.match_at(words, recipient.first) and stopper:
            recipient = stopper[0]
    s.supplier, s.recipient = supplier, recipient
    return True


def _entrant_roles(s: _Scene) -> bool:
    """"دخلت قوات تركية شمال سوريا"، "قامت إيران بالتواجد على الأراضي العراقية": armed people in another state."""
    res, words, after, before, items = s.res, s.words, s.after, s.before, s.items
    voc = res.flows
    subject = None if s.maker_code else next((p for p in after if p.marker is None
                                              and p.first <= items[-1].last + 1), None)
    if subject is None and not s.maker_code:
        # "يقاتل آلاف من عناصر الحرس الثوري"، "يقاتل عناصر من حزب الله": the people counted after the verb,
        # and the group or state they belong to
        subject = next((p for p in after if p.marker == "from" and (p.name or p.kind == "demonym")
                        and p.first <= s.j + _HOLDER_REACH and _armed(res, words, p, s.j)), None)
    armed = [p for p in ([before[-1]] if before else []) + ([subject] if subject else []) if p.name
             or p.first > 0 and reads_as(words[p.first - 1], voc.armed_parties)]
    s.supplier = s.maker_code or (armed[-1] if armed else None) or (
        before[-1] if before and (words[s.i].norm.startswith("ب") and before[-1].kind in STATE_KINDS) else None)
    tail = max([items[-1].last] + [m.last for m in s.makers if m.first <= items[-1].last + 1]
               + ([subject.last] if subject is not None else []))
    ally = next(((k, hit) for k in range(tail, min(tail + 2, len(words)))
                 if (hit := voc.alongside.match_at(words, k)) is not None), None)
    if ally is not None:
        tail = ally[0] + ally[1][0] + _ALLY_WORDS  # "يقاتل حزب الله إلى جانب قوات النظام في سوريا": past the ally
    s.recipient = next((p for p in after if p is not subject and p.first <= tail + 3 and (
        _located_in(res, words, p) or p.first == tail and p.kind in ("country", "capital") or _beside(res, words, p)
        or p.kind == "demonym" and reads_as(words[p.first - 1], voc.territory)
        or p.kind == "country" and p.marker == "with")), None)  # "في العمليات العسكرية باليمن": بـ for in
    return True


def _buyers_roles(s: _Scene) -> bool:
    """"تجذب الصين المشترين، ومنهم مصر وباكستان": each party after the word buys.

    With nobody named after it, the one before is the buyer of the goods'
    maker: "الجزائر من أكبر زبائن السلاح الروسي".
    """
    s.supplier = s.before[-1] if s.before else s.maker_code
    s.recipient = next((p for p in s.after if p.marker != "from"), None)
    if s.recipient is None and s.before and s.maker_code and s.maker_code != s.before[-1].code:
        s.supplier, s.recipient = s.maker_code, s.before[-1]
    return True


def _receiver_roles(s: _Scene) -> bool:
    """"Y تسلّم Z من X": the subject receives, from من or the maker.

    A deal signed with a state to buy ("وقعت بولندا اتفاقا مع كوريا الجنوبية لشراء ..."): that state sells.
    """
    source = next((p for p in s.after if p.marker == "from"), None)
    partner = next((p for p in reversed(s.roles) if s.lo <= p.first < s.i and p.kind in STATE_KINDS
                    and p.first > 0 and s.words[p.first - 1].norm == _WITH
                    and any(reads_as(s.words[k], s.res.flows.deal_words) for k in range(max(s.lo, p.first - 3),
                                                                                         p.first))), None)
    s.supplier = source or s.maker_code or partner
    subjects = [p for p in s.after if p.marker is None and p.first < s.limit]
    if subjects and (subjects[0].first == s.j and not s.pronoun or subjects[0].first <= s.j + 3 and (
            s.relative or not s.before or any(s.res.flows.triggers.match_at(s.words, k) is not None
                                              for k in range(s.before[-1].last, s.i)))):
        # "الإلكترونيات التي تستوردها روسيا"، "عقدا تحصل بموجبه القوات اليونانية على": the subject after the verb
        s.recipient = subjects[0]
    else:
        # "وقعت مصر وفرنسا صفقة لشراء مقاتلات رافال": of two signers, the maker of what is bought sells
        buyers = [p for p in s.before if s.supplier is None or p.code != _code(s.supplier)] or s.before
        s.recipient = buyers[-1] if buyers else (subjects[0] if subjects else None)
    return True


def _user_roles(s: _Scene) -> bool:
    """"Y يستخدم Z": the user receives what another state made.

    "تعتمد الجزائر على روسيا في ...": the state relied on, right after على, supplies.
    """
    relied = [p for p in s.after if p.kind in STATE_KINDS and p.first <= s.j + _RELIED_WORDS
              and s.words[p.first - 1].norm == _ON]
    s.supplier = s.maker_code or (relied[0].code if relied else None)
    subjects = [p for p in s.after if p.marker is None and p.first <= s.j + 2]
    if s.relative:  # "... التي تستعملها القوات الروسية": the user follows the verb
        s.recipient = subjects[0] if subjects else None
    else:
        s.recipient = s.before[-1] if s.before else (subjects[0] if subjects else None)
    return True


def _withdrawer_roles(s: _Scene) -> bool:
    """"سحبت روسيا قواتها من سوريا"، "انسحاب القوات التركية من العراق": forces withdrawn were in that state.

    Whoever withdraws (the subject, or the state of the forces) sent them;
    the state they leave, after من, had them.
    """
    subject = next((p for p in s.after if p.marker is None and p.first < s.items[0].first), None)
    s.supplier = s.maker_code or subject or (s.before[-1] if s.before else None)
    voc, words = s.res.flows, s.words
    s.recipient = next((p for p in s.after if p.first >= s.items[0].first and p.kind in ("country", "place", "capital")
                        and (p.marker == "from" or p.first > 1 and words[p.first - 2].norm == "من" and (
                            reads_as(words[p.first - 1], voc.directions)
                            or reads_as(words[p.first - 1], voc.territory)))), None)  # من شمال العراق
    return True


_ROLES = {
    "giver": _giver_roles,
    "sender": _sender_roles,
    "receiver": _receiver_roles,
    "mover": _mover_roles,
    "stationer": _stationer_roles,
    "entrant": _entrant_roles,
    "buyers": _buyers_roles,
    "user": _user_roles,
    "withdrawer": _withdrawer_roles,
}


def _alternatives(res: Resources, text: str, words: Sequence[Word], after: Sequence[Party], recipient: Party | str,
                  hi: int) -> tuple[Party, ...]:
    """Armed parties offered as alternatives after a recipient: "لحركة حماس أو الفصائل المسلحة في سوريا"."""
    if not isinstance(recipient, Party):
        return ()
    voc = res.flows
    found: list[Party] = []
    last = recipient.last
    for p in after:
        if p.first < last or p.first >= min(hi, last + _IMPLIED_REACH):
            continue
        between = range(last, p.first)
        if any(words[k].norm in voc.alternatives for k in between) and _armed(res, words, p, last) \
                and (p.marker == "to" or _located_in(res, words, p)):
            found.append(p)
            last = p.last
    return tuple(found)


def _new_conjunct(res: Resources, words: Sequence[Word], parties: Sequence[Party], k: int) -> bool:
    """Whether word ``k`` opens a new conjoined noun (ومضايقتها).

    A party, a word for forces, a qualifier of the backing (عسكريا وماليا)
    or another word of backing (تسليح وتدريب) continues the phrase instead.
    """
    voc = res.flows
    word = words[k]
    if not word.norm.startswith("و") or any(p.first == k for p in parties):
        return False
    return not (reads_as(word, voc.armed_parties) or voc.military.match_at(words, k)
                or voc.backing_kinds.match_at(words, k) or voc.triggers.match_at(words, k))


def _located_in(res: Resources, words: Sequence[Word], p: Party) -> bool:
    """Whether party ``p`` is named as where something is (في سوريا، داخل الأراضي السورية)."""
    voc = res.flows
    if p.kind not in ("country", "place", "capital", "demonym", "reference") or p.first == 0:
        return False
    if _beside(res, words, p):
        return True
    prev = words[p.first - 1].norm
    if prev in voc.territory or words[p.first - 1].stems & voc.territory:
        return p.first > 1 and (words[p.first - 2].norm in voc.located_in or words[p.first - 2].norm in voc.located_on)
    return p.kind != "demonym" and (prev in voc.located_in or p.marker == "to")


def _beside(res: Resources, words: Sequence[Word], p: Party) -> bool:
    """Whether party ``p`` names forces that others stand beside (يقاتلون إلى جانب القوات السورية): their state."""
    voc = res.flows
    if p.kind != "demonym":
        return False
    # up to three words between, one a word for the armed (القوات السورية، قوات النظام السوري)
    for k in range(max(0, p.first - 5), p.first - 1):
        hit = voc.alongside.match_at(words, k)
        if hit is not None and p.first - 3 <= k + hit[0] < p.first \
                and any(reads_as(w, voc.armed_parties) for w in words[k + hit[0]:p.first]):
            return True
    return False


def _armed(res: Resources, words: Sequence[Word], p: Party, j: int) -> bool:
    """Whether party ``p`` is an armed party: a group, or named with a word for forces (لقوات المعارضة)."""
    if p.name is not None:
        return True
    armed = res.flows.armed_parties
    # named before the trigger: the words for forces may stand before the party ("مقاتلي المعارضة السورية")
    lo = j if p.first >= j else max(0, p.first - 2)
    return any(reads_as(words[k], armed) for k in range(lo, p.last))


def _past_comma(gap: str) -> bool:
    """Whether ``gap`` goes past a comma into a new conjoined clause (، وقد تصل الدفعة إلى)."""
    cut = max(gap.rfind(ch) for ch in "،,;؛")
    tail = gap[cut + 1:].split() if cut >= 0 else []
    return len(tail) > 1 and tail[0].startswith("و")


def _located(res: Resources, words: Sequence[Word], after: Sequence[Party], j: int) -> Party | None:
    """A recipient named by where it is: "إلى جماعات مسلحة في شمال مالي" is Mali."""
    voc = res.flows
    for p in after:
        if p.marker not in (None, "other") or p.kind not in ("country", "place", "capital"):
            continue
        window = range(max(j, p.first - 6), p.first)
        if not any(words[k].norm == "في" for k in window):
            continue
        to = [k for k in window if voc.to.match_at(words, k) is not None]
        # "إلى جماعات مسلحة في شمال مالي"، "إلى قاعدتها العسكرية في الدوحة"
        if to and any(reads_as(words[k], voc.located_groups) or reads_as(words[k], voc.bases)
                      for k in range(to[-1], p.first)):
            return p
        # "أرسلت X مقاتلين للقتال في ليبيا": sent to fight there
        if any(voc.fight_purposes.match_at(words, k) is not None for k in window):
            return p
    return None


def _past_quantity(res: Resources, words: Sequence[Word], k: int) -> int:
    """The first word from ``k`` on that is not part of a count ("نحو 200"، "أكثر من ألف")."""
    voc = res.flows
    while k < len(words):
        hit = voc.qualifiers.match_at(words, k) or voc.numbers.match_at(words, k)
        if hit is not None:
            k += hit[0]
        elif words[k].norm.isdigit():
            k += 1
        else:
            break
    return k


def _distance(text: str | None, words: Sequence[Word], lo: int, k: int) -> int:
    """How many words lie from word ``lo`` to word ``k``, not counting those set off between two commas."""
    if text is None:
        return k - lo
    commas = [m for m in range(lo + 1, k + 1) if not _COMMAS.isdisjoint(text[words[m - 1].end:words[m].start])]
    if len(commas) < 2:
        return k - lo
    return (commas[0] - lo) + (k - commas[-1])


def _forces_addressed(res: Resources, words: Sequence[Word], item: Commodity, parties: Sequence[Party]) -> bool:
    """Whether ``item`` is the forces an end names: "إلى القوات اليمنية"، "لدعم قوات الحكومة"، "للقوات العراقية".

    Armed people after a preposition of an end, with their state or group
    right after them or said to be loyal to one (لتعزيز القوات الموالية
    للرئيس), receive what is given; they are not what is given.
    """
    loyal = item.last < len(words) and words[item.last].norm in res.flows.loyal  # "القوات الموالية للحكومة"
    if item.commodity != "personnel" or not loyal and not any(p.marker == "to" and p.first == item.last
                                                              for p in parties):
        return False
    word = words[item.first]
    return word.norm.startswith("لل") or _ends_before(res.flows.to, words, item.first)


def _commodity_list(res: Resources, words: Sequence[Word], lo: int, hi: int, parties: Sequence[Party],
                    backwards: bool = False, skip: tuple[str, ...] = (), text: str | None = None) -> list[Commodity]:
    """The list of commodities that opens (or, ``backwards``, closes) ``words[lo:hi]``.

    Words of a party's name (قوات الدعم السريع) are no commodity, and a list
    ends at a party or at the preposition of an end (إلى، من). Given the
    article's ``text``, words set off between commas before the list do not
    count in its distance ("نقلت، عبر جسر جوي يعبر أجواء البلدين، منظومات").
    """
    voc = res.flows
    named = find_commodities(res, words, lo, hi)
    found = [c for c in named if c.commodity not in skip
             and not any(p.first <= c.first < p.last for p in parties)
             and not (c.commodity == "funds" and (_is_value(res, words, c.first) or _priced(res, words, named, c)))
             and not _forces_addressed(res, words, c, parties)]
    if not found:
        return []
    if backwards:
        found.reverse()
    elif _distance(text, words, lo, found[0].first) > _REACH:
        return []
    items = [found[0]]
    for item in found[1:]:
        prev = items[-1]
        if not backwards and words[item.first].norm.startswith("ل") and item.first == prev.last:
            continue  # "مكونات للمسيرات": components for drones
        gap = (item.first - prev.last) if not backwards else (prev.first - item.last)
        between = range(prev.last, item.first) if not backwards else range(item.last, prev.first)
        # "صواعق، عن طريق البر، إلى جانب بنادق": a word of addition carries the list on
        added = not backwards and any(voc.list_continue.match_at(words, k)
                                      for k in range(max(prev.last, item.first - 4), item.first))
        # "صواريخ للمغرب بقيمة مليار دولار إلى جانب ذخائر": a word of addition carries the list on past
        # the recipient named in it
        ends = [p for p in parties if p.first in between and p.kind != "demonym"]
        passed = added and item.commodity != "personnel" and all(
            p.marker == "to" and any(voc.list_continue.match_at(words, k) for k in range(p.last, item.first))
            for p in ends)
        if gap > (_LIST_GAP if not backwards else 1) and not (added and gap <= 3 * _LIST_GAP) or ends and not passed:
            break
        if not passed and any((voc.to.match_at(words, k) or voc.source.match_at(words, k))
                              and any(k < p.first <= k + 2 for p in parties) for k in between):
            break
        if not backwards and item.first > 0 and voc.to.match_at(words, item.first - 1) \
                and not _ends_before(voc.list_continue, words, item.first):
            break  # "زوارق حربية إلى القوات البحرية المغربية": the forces after إلى receive (not "إضافة إلى")
        if any(voc.list_breaks.match_at(words, k) for k in between):
            break
        items.append(item)
    # "طائرات معدلة لحمل قنابل": what a sent item can carry is not sent
    items = [c for c in items if not any(
        " ".join(w.norm for w in words[max(c.first - n, 0):c.first]) in voc.carry_words for n in (1, 2))]
    items.sort(key=lambda c: c.first)
    items = _rockets(res, words, items, parties)
    classes = {c.commodity for c in items}
    specific = classes - voc.generic
    if specific and classes & voc.generic:
        # "أسلحة وذخائر": arms named beside another class are arms too; an umbrella word is not
        items = [c for n, c in enumerate(items) if c.commodity not in voc.generic or n + 1 < len(items) and (
            items[n + 1].first - c.last <= 1 and words[items[n + 1].first].norm.startswith("و")
            or any(voc.list_continue.match_at(words, k) for k in range(c.last, items[n + 1].first)))
            or n > 0 and c.first == items[n - 1].last and words[c.first].norm.startswith("و")]
    return items


# ---------------------------------------------------------------------------
# The flows of an article.


def extract_flows(article: Article, places: ArticlePlaces, res: Resources,
                  actors: Sequence[ActorMention] | None = None, doc: ArticleText | None = None) -> tuple[Flow, ...]:
    """The supply flows ``article`` reports, each with its evidence sentence.

    Parameters
    ----------
    article : Article
        The article.
    places : ArticlePlaces
        Its places and actor mentions, from :func:`geomap.annotate.resolve.resolve_places`.
    res : Resources
        The gazetteer (it tells the clitics written on a party's name, لإيران,
        from its letters, لبنان) and the compiled word lists.
    actors : sequence of ActorMention, optional
        The article's :func:`geomap.annotate.stance.article_actors`, when the caller
        has found them already; found here when omitted.
    doc : ArticleText, optional
        The words and sentences of ``article.text``, when the caller has
        them already; found here when omitted.

    Returns
    -------
    tuple of Flow
        In text order; within a sentence, one flow per (supplier, recipient,
        commodity).
    """
    doc = doc if doc is not None else ArticleText(article.text)
    gazetteer = res.gazetteer
    index = SpanIndex(actors if actors is not None else article_actors(res, article, places, doc))
    mentions = _mention_index(places)
    flows: list[Flow] = []
    recent: list[list[Flow]] = []  # the flows of the last sentences, for a recipient left unsaid
    counts = place_counts(places)
    headline = _headline_state(doc, index)
    previous: Span | None = None
    for sentence in doc.sentences:
        found = _sentence_flows(res, doc, article, sentence, places, index, mentions, gazetteer, recent[-_ELLIPSIS:],
                                counts, flows, headline, previous)
        previous = sentence
        flows.extend(f for f in found if f.commodity)  # a shipment of unsaid contents is kept for what follows
        recent.append(found)
    flows = _settle(res, doc, flows)
    flows.sort(key=lambda f: (f.evidence.start, f.evidence.end))
    return tuple(flows)


def _subject(res: Resources, doc: ArticleText, article: Article, sentence: Span, actors: SpanIndex[ActorMention],
             mentions: SpanIndex[_Mention], gazetteer: Gazetteer) -> str | None:
    """The state of the party ``sentence`` opens with as its subject (أعلنت روسيا، زار وزير الدفاع الأمريكي).

    The first state or group with no preposition, within the first words;
    a sentence after it whose verb names no subject shares it.
    """
    if not actors.within(sentence.start, sentence.end):
        return None
    parties = _parties(res, article, sentence, doc.words_in(sentence), actors, mentions, gazetteer)
    return next((p.code for p in parties if p.first < _SUBJECT_WORDS and p.marker is None
                 and (p.kind in STATE_KINDS or p.name)), None)


def _headline_state(doc: ArticleText, actors: SpanIndex[ActorMention]) -> str | None:
    """The one state the article's first line (its headline) names, if it names exactly one."""
    end = doc.text.find("\n", 0, _HEADLINE_CHARS)
    if end < 0:
        return None  # no short line of its own: no headline
    codes = {a.actor for a in actors.within(0, end) if a.kind in STATE_KINDS}
    return codes.pop() if len(codes) == 1 else None


def subject_state(counts: Mapping[str, int], besides: str = "") -> str | None:
    """The state an article is about: the one whose places it names most, well ahead of any other.

    Parameters
    ----------
    counts : mapping of str to int
        How many times the article names places of each state (:func:`place_counts`).
    besides : str, optional
        A state left out of the count: the one that sends, when asking where it sends.

    Returns
    -------
    str or None
        The ISO code of the state with at least ``_SUBJECT_MIN`` mentions and
        at least ``_SUBJECT_LEAD`` times as many as the next one; ``None``
        when no state stands out.
    """
    ranked = sorted(((n, code) for code, n in counts.items() if code != besides), key=lambda nc: (-nc[0], nc[1]))
    if not ranked or ranked[0][0] < _SUBJECT_MIN:
        return None
    if len(ranked) > 1 and ranked[0][0] < _SUBJECT_LEAD * ranked[1][0]:
        return None
    return ranked[0][1]


def place_counts(places: ArticlePlaces) -> dict[str, int]:
    """How many times the article names places of each state, by ISO code."""
    counts: dict[str, int] = {}
    for resolved in places.places:
        counts[resolved.place.country] = counts.get(resolved.place.country, 0) + len(resolved.mentions)
    return counts


def _settle(res: Resources, doc: ArticleText, flows: list[Flow]) -> list[Flow]:
    """Fold an article's generic flows into its specific ones and share its denials.

    A denied flow of generic arms (``نفت ... تزويد روسيا بأي أسلحة``)
    between two parties that the article also names a specific flow of arms
    between (shells, drones; not people or money) denies that flow: it is dropped, and its deniers deny
    the specific ones. A denied word of arming (نفت ... تسليح المتمردين) names no arms and stays.
    Every record of one (supplier, recipient, commodity) carries all the
    article's deniers of it.
    """
    generic, arms = res.flows.generic, res.flows.denied_with_arms
    specific = {(f.supplier, f.recipient) for f in flows if f.commodity in arms}
    deniers: dict[tuple[str, str, str], list[str]] = {}
    kept = []
    for f in flows:
        loose = f.commodity in generic and f.denied_by and f.quantity is None and f.weapon is None \
            and (f.supplier, f.recipient) in specific and _names_arms(res, doc, f)
        keys = [(f.supplier, f.recipient, g.commodity) for g in flows if g.commodity in arms
                and (g.supplier, g.recipient) == (f.supplier, f.recipient)] if loose else []
        for key in keys + [(f.supplier, f.recipient, f.commodity)]:
            deniers.setdefault(key, []).extend(f.denied_by)
        if not loose:
            kept.append(f)
    out = []
    for f in kept:
        denied = tuple(dict.fromkeys(deniers.get((f.supplier, f.recipient, f.commodity), ())))
        out.append(replace(f, denied_by=denied) if denied != f.denied_by else f)
    return out


def _names_arms(res: Resources, doc: ArticleText, flow: Flow) -> bool:
    """Whether the evidence of a generic flow names arms (بأي أسلحة), not only a word of arming (تسليح)."""
    words = doc.words_in(flow.evidence)
    return any(c.commodity == flow.commodity for c in find_commodities(res, words, 0, len(words)))


def _sentence_flows(res: Resources, doc: ArticleText, article: Article, sentence: Span, places: ArticlePlaces,
                    actors: SpanIndex[ActorMention],
                    mentions: SpanIndex[_Mention], gazetteer: Gazetteer,
                    recent: Sequence[Sequence[Flow]] = (), counts: Mapping[str, int] | None = None,
                    told: Sequence[Flow] = (), headline: str | None = None,
                    previous: Span | None = None) -> list[Flow]:
    """The flows of one sentence; ``recent`` are those of the sentences just before, ``told`` all before it.

    The subject of the ``previous`` sentence (:func:`_subject`) is the
    supplier of a verb that opens this one with no subject of its own.
    """
    text = article.text
    voc = res.flows
    words = doc.words_in(sentence)
    # a word of supply inside a body's name (منظمة الدول المصدرة للنفط) tells no supply
    triggers = [t for t in voc.triggers.find(words) if not any(
        a.kind == "organisation" for a in actors.overlapping(words[t[0]].start, words[t[1] - 1].end))]
    if not triggers and not _may_tell_owners(res, sentence, words, actors):
        return []  # no verb of supply, and no maker or owner for a flow told without one
    # the subject of the sentence before, found only when this one may need it
    carried = _subject(res, doc, article, previous, actors, mentions, gazetteer) \
        if previous is not None and (res.flows.own_country.find(words) or any(_opens(words, t[0]) for t in triggers)) \
        else None
    parties = _parties(res, article, sentence, words, actors, mentions, gazetteer, carried)
    if not parties and not any(recent):
        return []
    flows: dict[tuple[str, str, str], Flow] = {}
    made: set[tuple[str, str, str]] = set()  # flows whose supplier is only the maker of what is sent

    def add(reading: _Reading) -> None:
        others = [replace(reading, recipient=p, more=()) for p in reading.more]
        for one in (_split_makers(res, text, words, parties, reading)
                    + _continued(res, text, words, parties, reading) + others):
            for each in _expand(text, words, parties, one):
                for flow in _flows_of(res, doc, article, sentence, places, actors, mentions, words, each):
                    key = (flow.supplier, flow.recipient, flow.commodity)
                    if key not in flows and not isinstance(each.supplier, Party):
                        made.add(key)
                    flows.setdefault(key, flow)
                    if isinstance(each.supplier, Party):
                        made.discard(key)

    pending: list[_Reading] = []  # backing whose recipient is named by another flow of the sentence
    sent: set[int] = set()  # the first words of goods a verb's named supplier sends
    for i, j, kind in sorted(triggers + _nominal_triggers(res, words, parties)):
        prev = words[i - 1].norm if i > 0 else ""
        if i > 0 and (reads_as(words[i - 1], voc.hypothetical)
                      or {prev, prev[1:] if prev[:1] in ("و", "ف") else prev} & voc.negations):
            continue  # "لم ترسل"، "ولن تسلم"، "أي بيع" (but not "كما أرسلت")
        # "يرفض دعم إيران للحوثيين": a giving with its own subject after it is rejected, not refused; it happens
        subject = next((p for p in parties if p.first == j and p.marker is None), None)
        rejected = voc.kinds[str(kind)].roles in ("giver", "sender") and _is_verbal_noun(res, words[i]) \
            and subject is not None and any(p.marker == "to" and 0 <= p.first - subject.last <= 1 for p in parties)
        if not rejected and _refused(res, text, words, i):
            continue  # a refused or prevented flow (رفضت فرنسا تسليم)
        if any(reads_as(words[k], voc.conditionals) for k in range(max(_clause_start(res, text, words, i), i - 6), i)):
            continue  # "إذا دخلت إيران ...": a condition, not a report
        reading = _read(res, text, words, parties, i, j, str(kind))
        if reading is None:
            continue
        if i == j and all(c.first in sent for c in reading.commodities):
            continue  # "أرسلت أنقرة مقاتلين سوريين": people a verb has sent are that sender's, not their state's
        if isinstance(reading.supplier, Party):
            sent.update(c.first for c in reading.commodities)
        if any(c.commodity == REFERRED for c in reading.commodities):
            last = next(reversed(flows.values()), None) or (told[-1] if told else None)
            reading = _referred(reading, last) if last is not None else None
            if reading is None:
                continue
        if reading.supplier == "" and reading.recipient == "" and flows:
            # "حزمة مساعدات عسكرية لأوكرانيا تشمل صواريخ": what the aid just named holds
            recalled = _recall(reading, [list(flows.values())])
            if recalled is not None:
                held = {c.commodity for c in recalled.commodities}
                pair = (recalled.supplier, recalled.recipient)
                for key in [k for k, f in flows.items() if _is_generic(f) and k[:2] == pair and k[2] not in held]:
                    del flows[key]
                add(recalled)
                continue
        if "" in (reading.recipient, reading.supplier):
            if reading.backing:
                pending.append(reading)
                continue
            if reading.supplier == reading.recipient == "" and not (
                    i > 0 and reads_as(words[i - 1], voc.also) or j < len(words) and words[j].norm in voc.to_pronouns
                    or any(voc.cargo.match_at(words, k) for k in range(max(0, i - 3), min(len(words), j + 2)))):
                continue  # "تضمنت الزيارة تفاهمات": what a visit held, not a shipment sent before
            recalled = _recall(reading, recent)
            if recalled is None and reading.recipient == "" and isinstance(reading.supplier, Party):
                # "الصين المورد الأول للسلاح إلى ميانمار، إذ تؤمن معظم مدرعات الجيش": the one its sentence names
                same = {f.recipient for f in flows.values() if f.supplier == reading.supplier.code}
                if not same and words[i].norm.endswith(PRONOUN_SUFFIXES):
                    # "زودت واشنطن كييف بـ...، كما زودتها بريطانيا بـ...": the pronoun's, named before
                    earlier = [f for f in flows.values() if f.supplier != reading.supplier.code] \
                        or [f for f in (recent[-1] if recent else ()) if f.supplier != reading.supplier.code]
                    same = {earlier[-1].recipient} if earlier else set()
                recalled = replace(reading, recipient=same.pop()) if len(same) == 1 else None
            if recalled is None and (reading.hosted or reading.recipient == "" and isinstance(reading.supplier, Party)
                                     and reading.supplier.kind in STATE_KINDS):
                # "تعهدت الدنمارك بتقديم 19 مقاتلة" in an article about Ukraine: the state the article is about,
                # else the one state its headline names
                recalled = _hosted(reading, counts or {})
                if recalled is None and not reading.hosted and headline and headline != _code(reading.supplier) \
                        and not voc.kinds[str(kind)].trade_noun \
                        and not any(voc.to.match_at(words, k) and not _ends_before(voc.list_continue, words, k + 1)
                                    for k in range(j, min(len(words), reading.end + 2))):
                    # (not "نقل ألف جندي إلى حدودها الشرقية": sent somewhere the clause says)
                    recalled = replace(reading, recipient=headline)
            if recalled is None and reading.supplier == "" and isinstance(reading.recipient, Party):
                recalled = _maker_named_before(res, doc, sentence, reading)
            if recalled is None and reading.supplier == "" and carried is not None and _opens(words, i) \
                    and carried != _code(reading.recipient):
                # "أعلنت روسيا دعمها لدمشق. وأرسلت مقاتلات إلى سوريا": the subject of the sentence before
                recalled = replace(reading, supplier=carried)
            if recalled is None:
                continue
            reading = recalled
        add(reading)
    for reading in pending:
        # "سلّح الأمريكيون المقاتلين الذين أُرسلوا إلى سوريا": the recipient of the sending
        recalled = _recall(reading, [*recent, list(flows.values())])
        if recalled is None and reading.hosted:
            recalled = _hosted(reading, counts or {})
        if recalled is not None:
            add(recalled)
    # "مسيرات صينية الصنع قدمتها الإمارات": the maker supplies only when nobody else gives it
    given = {(r, c) for (s, r, c) in flows if (s, r, c) not in made}
    return [f for key, f in flows.items() if key not in made or (key[1], key[2]) not in given]


def _referred(reading: _Reading, last: Flow) -> _Reading | None:
    """``reading`` with the goods its reference word stands for: those of the flow told last before it.

    "باعت تركيا طائرات بيرقدار لأوكرانيا. ووافقت أنقرة على بيع هذا الطراز
    إلى باكو": the model is the drones sold before; an end left unsaid is that
    flow's ("تسلمت أنقرة المنظومة ذاتها": from the same supplier).
    """
    goods = tuple(replace(c, commodity=last.commodity, weapon=last.weapon) if c.commodity == REFERRED else c
                  for c in reading.commodities)
    supplier = reading.supplier if reading.supplier != "" else last.supplier
    recipient = reading.recipient if reading.recipient != "" else last.recipient
    if _code(supplier) == _code(recipient):
        return None
    return replace(reading, commodities=goods, supplier=supplier, recipient=recipient)


def _is_generic(flow: Flow) -> bool:
    """Whether ``flow`` names arms in general (مساعدات عسكرية، أسلحة), no class or system of its own."""
    return flow.commodity == "weapons" and flow.weapon is None and flow.quantity is None


def _hosted(reading: _Reading, counts: Mapping[str, int]) -> _Reading | None:
    """``reading`` received by the state the article is about, if one stands out and it is not the supplier's.

    A state that sends is left out of the count (the article tells where it
    sends); people named with their state (قوات سعودية) are counted with it,
    so that an article about their own state hosts nobody.
    """
    supplier = _code(reading.supplier)
    host = subject_state(counts, "" if reading.owners_counted else supplier)
    if not host or host == supplier or reading.owners_counted and not reading.named_states <= {host, supplier}:
        return None  # "ضبطت قوات أمريكية سفينة قبالة سواحل الصومال": they are where the clause places them
    return replace(reading, recipient=host)


def _refused(res: Resources, text: str, words: Sequence[Word], i: int) -> bool:
    """Whether a word of refusing governs the trigger at ``i`` (رفضت فرنسا تسليم، رفض حصول سوريا على ...).

    The search goes back six words and stops at a clause opener, أن or a comma.
    """
    voc = res.flows
    for k in range(i - 1, max(-1, i - 7), -1):
        if reads_as(words[k], voc.refusals):
            return True
        gap = text[words[k].end:words[k + 1].start]
        if words[k].norm in _SUBORDINATORS or voc.breaks.match_at(words, k) or not _CLAUSE_MARKS.isdisjoint(gap):
            return False
    return False


def _split_makers(res: Resources, text: str, words: Sequence[Word], parties: Sequence[Party],
                  reading: _Reading) -> list[_Reading]:
    """A commodity of a list with its own maker comes from that maker, not from the list's supplier.

    "يتلقى الجيش مسيرات إيرانية وأسلحة من روسيا": the drones are Iran's,
    the arms Russia's. The item right before من keeps the named supplier.
    """
    source = reading.supplier
    if not isinstance(source, Party) or source.marker != "from" or len(reading.commodities) < 1:
        return [reading]
    lo = reading.commodities[0].first
    if source.first <= lo:
        return [reading]
    raw = [c for c in find_commodities(res, words, lo, source.first)
           if not any(p.first <= c.first < p.last for p in parties)]
    split: list[_Reading] = []
    rest: list[Commodity] = []
    for n, c in enumerate(raw):
        maker = next((p for p in parties if p.kind == "demonym" and p.marker is None and p.first == c.last), None)
        if maker is not None and maker.code != source.code and n < len(raw) - 1:
            split.append(replace(reading, supplier=maker.code, commodities=(c,), exchange=()))
        else:
            rest.append(c)
    if not split:
        return [reading]
    # "مسيرات إيرانية من طراز مهاجر": the same class named again is the same commodity
    taken = {r.commodities[0].commodity for r in split}
    rest = [c for c in rest if c.commodity not in taken]
    generic = res.flows.generic
    if any(c.commodity not in generic for c in rest):
        rest = [c for c in rest if c.commodity not in generic]
    return ([replace(reading, commodities=tuple(rest))] if rest else []) + split


def _continued(res: Resources, text: str, words: Sequence[Word], parties: Sequence[Party],
               reading: _Reading) -> list[_Reading]:
    """Further commodities with their own supplier after a reading's: "مسيرات من تركيا ومروحيات من روسيا"."""
    voc = res.flows
    found: list[_Reading] = []
    last = reading.supplier
    while isinstance(last, Party) and last.marker == "from" and last.first >= reading.end:
        k = last.last
        if k >= len(words) or not words[k].norm.startswith("و") or voc.breaks.match_at(words, k) is not None:
            break
        items = [c for c in find_commodities(res, words, k, min(len(words), k + 4)) if c.first == k]
        if not items:
            break
        source = next((p for p in parties if p.marker == "from" and items[-1].last <= p.first <= items[-1].last + 2
                       and not any(q.first < p.first and q.first >= items[-1].last for q in parties)), None)
        if source is None:
            break
        found.append(replace(reading, supplier=source, commodities=tuple(items), end=source.last, exchange=()))
        last = source
    return found


def _may_tell_owners(res: Resources, sentence: Span, words: Sequence[Word], actors: SpanIndex[ActorMention]) -> bool:
    """Whether a sentence may tell what :func:`_nominal_triggers` finds: a flow without a verb.

    It needs a commodity or a word for presence (their words begin one), and
    a party taken as a maker or an owner: a demonym or an organisation of the
    sentence, or a group it refers back to.
    """
    voc = res.flows
    if all(voc.commodity_firsts.isdisjoint(w.keys or (w.norm, *w.stems)) and not reads_as(w, voc.presence_heads)
           for w in words):
        return False
    return any(a.kind in _OWNER_KINDS for a in actors.within(sentence.start, sentence.end)) \
        or bool(voc.groups.find(words))


def _nominal_triggers(res: Resources, words: Sequence[Word], parties: Sequence[Party]) -> list[tuple[int, int, str]]:
    """Flows named without a verb: "مساعدات عسكرية أمريكية لأوكرانيا" (a commodity, its maker, a recipient)."""
    if not any(p.kind in _OWNER_KINDS or p.name for p in parties):
        return []  # neither a maker (a demonym) nor an owner (a demonym, a named group, a state after من)
    found = []
    heads = [(k, k + 1) for k, w in enumerate(words) if reads_as(w, res.flows.presence_heads)]
    items = find_commodities(res, words, 0, len(words))
    for item in items:
        if item.commodity == "personnel":
            heads.append((item.first, item.last))
            continue
        makers = [p for p in parties if p.kind == "demonym" and 0 <= p.first - item.last <= 1]
        if not makers or item.commodity == "personnel":  # "مرتزقة سوريين": a nationality, not a maker
            continue
        maker = makers[0]
        if any(p.marker == "to" and 0 <= p.first - maker.last <= 1 and p.kind != "place" for p in parties):
            found.append((item.first, item.first, res.flows.verbless["made"]))
    voc = res.flows
    # armed people (قوات، مقاتلون، ضباط), not one official named by his office (قائد القوات)
    people = {(c.first, c.last) for c in items
              if c.commodity == "personnel" and c.unit in voc.armed_people and not any(
                  (hit := voc.offices.match_at(words, k)) is not None and k + hit[0] == c.first
                  for k in range(max(0, c.first - 2), c.first))}
    for first, last in sorted(set(heads)):
        # "ضباط الحرس الثوري في سوريا"، "الوجود الإيراني في العراق": people of one state present in another
        owner = _owner_of(res, words, parties, first, last)
        if owner is None:
            continue
        placed = any(0 <= q.first - owner.last <= _PRESENCE_REACH and q.code != owner.code and q.marker != "to"
                     and _located_in(res, words, q) for q in parties) or _unnamed_place(res, words, owner.last) \
            or _fought_at(res, words, parties, owner, first) is not None
        # "هي قوات أردنية ومغربية": armed people with no place named may be where the article is, unless
        # they strike it or are said not to act (قصفت القوات الإسرائيلية، القوات الأمريكية لن تتدخل)
        before = [words[first - 1]] if first > 0 else []
        next_words = list(words[owner.last:owner.last + 2])
        idle = any(reads_as(w, voc.strikes) for w in before + next_words[:1]) \
            or any(w.norm in voc.negations for w in next_words)
        if placed or (first, last) in people and not idle:
            found.append((first, first, res.flows.verbless["present"]))
    return found


# the kinds of party that name a place (not a demonym or a group)
_PLACE_KINDS = ("country", "capital", "seat", "place")
# the kinds of party that may own people or goods named without a verb (قوات أردنية، جنود من تشاد)
_OWNER_KINDS = ("demonym", "organisation", "country")


def _owner_after(res: Resources, words: Sequence[Word], parties: Sequence[Party], last: int) -> Party | None:
    """The state or group that people named before ``last`` are from: "مقاتلون من فاغنر"، "جنود وضباط من تشاد"."""
    k = last
    while k < len(words) and words[k].norm.startswith("و") and (
            reads_as(words[k], res.flows.presence_heads)
            or (item := _commodity_at(res, words, k)) is not None and item.commodity == "personnel"):
        k += 1  # other people named with them: "جنود وضباط"
    return next((p for p in parties if p.marker == "from" and p.first == k + 1 and k < len(words)
                 and words[k].norm == "من" and (p.kind in _OWNER_KINDS or p.name)), None)


def _owner_of(res: Resources, words: Sequence[Word], parties: Sequence[Party], first: int, last: int) -> Party | None:
    """The state or group of the people at words ``first``..``last``.

    Named right after them (قوات إماراتية، عناصر حزب الله), after من
    (مقاتلون من فاغنر), or counted with من (عدد من مقاتلي حزب الله).
    """
    return _named_owner(parties, last) or _owner_after(res, words, parties, last) \
        or _counted_owner(words, parties, first, last)


def _named_owner(parties: Sequence[Party], last: int) -> Party | None:
    """The state or group named right after people that end at word ``last`` (قوات إماراتية، عناصر حزب الله)."""
    return next((p for p in parties if p.marker is None and (p.kind == "demonym" or p.name)
                 and 0 <= p.first - last <= 1), None)


def _fought_at(res: Resources, words: Sequence[Word], parties: Sequence[Party], owner: Party,
               first: int) -> Party | None:
    """The place of a fight named before the people at ``first``, one of its sides; or ``None``.

    "معارك في الزبداني بين المعارضة وعناصر حزب الله": the place of the
    fight, then بين and its two sides.
    """
    between = next((k for k in range(first - 1, max(-1, first - _SIDE_WORDS), -1) if words[k].norm == "بين"), None)
    return None if between is None else next((
        q for q in parties if between - _PRESENCE_REACH <= q.first < between and q.code != owner.code
        and q.marker == "other" and q.kind in _PLACE_KINDS and _located_in(res, words, q)), None)


def _counted_owner(words: Sequence[Word], parties: Sequence[Party], first: int, last: int) -> Party | None:
    """The group or state of people counted with من: "عدد من مقاتلي حزب الله"، "العشرات من الجنود الأتراك".

    The من before the people counts them; the party right after them, which
    it seems to mark, names no source but the people's own group or state.
    """
    if first == 0 or words[first - 1].norm != "من":
        return None
    return next((p for p in parties if p.marker == "from" and (p.kind == "demonym" or p.name)
                 and 0 <= p.first - last <= 1), None)


def _unnamed_place(res: Resources, words: Sequence[Word], k: int) -> bool:
    """Whether words ``k`` on place people at a place named without its state (في القاعدة، في تلك المنطقة)."""
    voc = res.flows
    return k + 1 < len(words) and words[k].norm.removeprefix("و") in voc.located_in and (
        reads_as(words[k + 1], voc.territory) or words[k + 1].norm in voc.back_references)


def _maker_named_before(res: Resources, doc: ArticleText, sentence: Span, reading: _Reading) -> _Reading | None:
    """An unsaid supplier: the maker of the one system of the same class named in the sentence or two before.

    "تسعى قطر إلى امتلاك منظومة باتريوت. ووقعت الكويت عقدا لشراء منظومة
    الدفاع الجوي": the system bought is the one named before, made in the United States.
    """
    classes = {c.commodity for c in reading.commodities}
    k = bisect_left(doc.sentences, sentence.start, key=lambda span: span.start)
    # the words of its own sentence before the trigger first ("تعزز رافال حضورها، بعد أن اشترت مصر 24 طائرة منها")
    here = doc.words_in(sentence)[:reading.trigger]
    for words in [here] + [doc.words_in(earlier) for earlier in reversed(doc.sentences[max(0, k - _ELLIPSIS):k])]:
        makers = {c.maker for c in find_commodities(res, words, 0, len(words))
                  if c.weapon and c.maker and c.commodity in classes}
        if len(makers) > 1:
            return None
        if makers:
            maker = makers.pop()
            return replace(reading, supplier=maker) if maker != _code(reading.recipient) else None
    return None


def _recall(reading: _Reading, recent: Sequence[Sequence[Flow]]) -> _Reading | None:
    """Complete a flow whose recipient (or supplier) goes unsaid from a flow of the same class just before."""
    classes = {c.commodity for c in reading.commodities}
    if reading.supplier == "" and reading.recipient == "":
        for flows in reversed(recent):
            pairs = {(f.supplier, f.recipient) for f in flows}
            if len(pairs) == 1:
                supplier, recipient = pairs.pop()
                return replace(reading, supplier=supplier, recipient=recipient)
        return None
    for flows in reversed(recent):
        if reading.any_class and reading.recipient == "":
            # a deal's buyer left unsaid: the one buyer of that supplier just before
            buyers = {f.recipient for f in flows if f.supplier == _code(reading.supplier)}
            if len(buyers) == 1:
                return replace(reading, recipient=buyers.pop())
            continue
        if reading.any_class and reading.supplier == "":
            # goods stopped on their way, sent by the one supplier of that recipient told before
            suppliers = {f.supplier for f in flows if f.recipient == _code(reading.recipient)}
            if len(suppliers) == 1:
                return replace(reading, supplier=suppliers.pop())
            continue
        for flow in flows:
            if flow.commodity not in classes:
                continue
            if reading.recipient == "" and flow.supplier == _code(reading.supplier):
                return replace(reading, recipient=flow.recipient)
            if reading.supplier == "" and flow.recipient == _code(reading.recipient):
                return replace(reading, supplier=flow.supplier)
    return None


def _expand(text: str, words: Sequence[Word], parties: Sequence[Party], reading: _Reading) -> list[_Reading]:
    """One reading per supplier and recipient when several are coordinated (فرنسا وبريطانيا)."""
    def group(end: Party | str) -> list[Party | str]:
        return list(_group(text, words, end, parties)) if isinstance(end, Party) else [end]

    readings = []
    for supplier in group(reading.supplier):
        for recipient in group(reading.recipient):
            if _code(supplier) != _code(recipient):
                readings.append(replace(reading, supplier=supplier, recipient=recipient))
    return readings


def _flows_of(res: Resources, doc: ArticleText, article: Article, sentence: Span, places: ArticlePlaces,
              actors: SpanIndex[ActorMention],
              mentions: SpanIndex[_Mention], words: Sequence[Word], reading: _Reading) -> Iterable[Flow]:
    text = article.text
    first = min([reading.trigger] + [p.first for p in (reading.supplier, reading.recipient) if isinstance(p, Party)])
    lo = _clause_start(res, text, words, first, commas=False)
    end = min(reading.end, len(words))
    scope = Span(words[lo].start, words[end - 1].end, text[words[lo].start:words[end - 1].end])
    stance = sentence_stance(res, article, sentence, places, scope=scope, actors=actors, doc=doc)
    # the ends and what follows them in the clause may date it: "... إلى روسيا في التسعينيات"
    tail = max([end] + [p.last for p in (reading.supplier, reading.recipient) if isinstance(p, Party)])
    tail = min(_clause_end(res, text, words, tail - 1), len(words))
    if stance.status == "asserted" and tail > end:
        wide = Span(words[lo].start, words[tail - 1].end, text[words[lo].start:words[tail - 1].end])
        if sentence_stance(res, article, sentence, places, scope=wide, actors=actors, doc=doc).status == "historical":
            stance = replace(stance, status="historical")
    supplier, recipient = _code(reading.supplier), _code(reading.recipient)
    denied = _denials(stance.denied_by, supplier, recipient)
    transport = _transport(res, words[lo:_clause_end(res, text, words, end - 1)])
    dates = _dates(res, doc, article, sentence, words, reading.trigger)
    status = stance.status
    if status == "asserted" and _long_ago(res, article, dates[1]):
        status = "historical"  # "سلمت ... إلى روسيا عام 1996"
    origin, destination = _ends(mentions, sentence, words, reading, actors)
    seen: set[str] = set()
    for item in reading.commodities:
        if item.commodity in seen:
            continue
        seen.add(item.commodity)
        quantity = find_quantity(res, words, reading.trigger + 1, item.first, item.unit)
        if quantity is None and item.count is not None:
            quantity = Quantity(item.count, item.unit, None)
        yield Flow(
            supplier=supplier, recipient=recipient, commodity=item.commodity, evidence=sentence,
            weapon=_weapon(reading.commodities, item.commodity), quantity=quantity, transport=transport,
            date_start=dates[0], date_end=dates[1], claimed_by=stance.claimed_by, denied_by=denied,
            status=status, origin=origin, destination=destination,
        )
    for item in reading.exchange:
        if item.commodity in seen:
            continue
        seen.add(item.commodity)
        yield Flow(
            supplier=recipient, recipient=supplier, commodity=item.commodity, evidence=sentence,
            weapon=item.weapon, claimed_by=stance.claimed_by, denied_by=denied, status=status,
        )


def _long_ago(res: Resources, article: Article, end: str | None) -> bool:
    """Whether a flow dated to ``end`` is older than the years ``stance.yaml`` calls historical."""
    published = parse_published(article.published)
    if end is None or published is None or not end[:4].isdigit():
        return False
    return int(end[:4]) < published[0] - res.stance.historical_years


def _weapon(items: Sequence[Commodity], commodity: str) -> str | None:
    return next((c.weapon for c in items if c.commodity == commodity and c.weapon), None)


def _denials(denied: Sequence[str], supplier: str, recipient: str) -> tuple[str, ...]:
    """The denials that concern a flow: one party's, or both parties' together."""
    if len(denied) <= 1 or set(denied) == {supplier, recipient}:
        return tuple(denied)
    return ()


def _transport(res: Resources, words: Sequence[Word]) -> str | None:
    """The means of transport: an adverb (بحرا), or a vehicle after a word of means (عبر سفن، بالشاحنات)."""
    voc = res.flows
    for i, _j, value in voc.transport.find(words):
        word = words[i]
        adverb = voc.transport_adverbs.match_at(words, i) is not None
        attached = word.norm.startswith(("ب", "وب")) and word.norm not in voc.transport_first
        means = any(voc.means.match_at(words, k) is not None for k in range(max(0, i - 2), i))
        if adverb or attached or means:
            return str(value)
    return None


def _dates(res: Resources, doc: ArticleText, article: Article, sentence: Span, words: Sequence[Word],
           trigger: int) -> tuple[str | None, str | None]:
    mentions = [d for d in doc.dates_in(res, sentence, article.published) if d.resolved]
    if not mentions:
        return None, None
    # a date before "أن" dates the report ("ذكرت رويترز في فبراير أن ..."), not the flow
    subs = [k for k in range(trigger) if words[k].norm in _SUBORDINATORS]
    floor = words[subs[-1]].end if subs else sentence.start
    after = [d for d in mentions if d.span.start >= words[trigger].start]
    inside = [d for d in mentions if d.span.start >= floor]
    chosen = (after or inside or [None])[0]
    return (chosen.start, chosen.end) if chosen else (None, None)


def _ends(mentions: SpanIndex[_Mention], sentence: Span, words: Sequence[Word], reading: _Reading,
          actors: SpanIndex[ActorMention]) -> tuple[Place | None, Place | None]:
    """The specific places (a port, a base, a city) the sentence ties to each end.

    A place is tied to an end when it is that end (إلى ميناء طرطوس), when the
    commodity leaves from it (من قاعدة حميميم), or when it follows the
    recipient with في (إلى الحوثيين في الحديدة). A capital or seat standing
    for its government (موسكو، الكرملين) is a party, not a place of the flow.
    """
    origin = destination = None
    if isinstance(reading.supplier, Party) and reading.supplier.place is not None:
        origin = reading.supplier.place
    elif reading.source is not None and reading.source.place is not None:
        origin = reading.source.place  # "نقلت روسيا معدات من قاعدة حميميم": where it left from
    recipient = reading.recipient
    if isinstance(recipient, Party) and recipient.place is not None:
        return origin, recipient.place
    if not isinstance(recipient, Party):
        return origin, None
    taken = [a.span for a in actors.starting_in(sentence.start, sentence.end)]
    # only a mention among the sentence's words can be tied to an end
    for _rank, place, m in _in_place_order(mentions.overlapping(sentence.start, sentence.end)):
        if place.kind == "country" or place.country != recipient.code:
            continue
        if any(m.start < t.end and t.start < m.end for t in taken):
            continue
        where = _index_of(words, m.start, m.end)
        if where is not None and where[0] - recipient.last in (1, 2) \
                and words[where[0] - 1].norm in ("في", "ب") or where is not None and \
                where[0] == recipient.last and words[where[0]].norm.startswith("ب"):
            destination = place
            break
    return origin, destination

