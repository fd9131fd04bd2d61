"""Small layers for the map tests, built through :func:`geomap.layers.build_layers`."""

from __future__ import annotations

from geomap.layers import Layers, build_layers
from geomap.model import (
    Article,
    ArticleExtraction,
    Event,
    Flow,
    MergedEvent,
    Place,
    Quantity,
    ResolvedPlace,
    Route,
    Span,
)

PYONGYANG = Place("test:pyongyang", "Pyongyang", "city", "KP", 39.03, 125.75, source="test")
RAJIN = Place("test:rajin", "Rajin", "city", "KP", 42.25, 130.3, source="test")
VOSTOCHNY = Place("test:vostochny", "Vostochny Cosmodrome", "facility", "RU", 51.88, 128.33, source="test")
MOSCOW = Place("test:moscow", "Moscow", "city", "RU", 55.75, 37.62, source="test")
TEHRAN = Place("test:tehran", "Tehran", "city", "IR", 35.69, 51.39, source="test")
SANAA = Place("test:sanaa", "Sanaa", "city", "YE", 15.35, 44.21, source="test")

SHELLS = "ذكر مسؤولون أن كوريا الشمالية شحنت ما يزيد على مليون قذيفة عيار 152 ملم إلى الروس من ميناء راجين."
DRONES = "اتهمت واشنطن طهران بتزويد موسكو بطائرات مسيرة من طراز شاهد، وهو ما نفته إيران."
MISSILES = "قالت مصادر إن إيران ربما تنقل صواريخ باليستية إلى الحوثيين في اليمن."
SUMMIT = "التقى الزعيمان في قاعدة فوستوتشني الفضائية في أقصى شرق روسيا."


def _span(text: str, part: str | None = None) -> Span:
    part = part or text
    start = text.index(part)
    return Span(start, start + len(part), part)


def sample_layers(evidence_text: str | None = None, title: str | None = None) -> Layers:
    """Three routes (asserted, denied, speculative) and two events over three articles.

    ``evidence_text`` replaces every evidence sentence (and ``title`` every
    article title), to test how the map treats hostile article text.
    """
    texts = {"a1": SHELLS, "a2": DRONES, "a3": MISSILES + " " + SUMMIT}
    if evidence_text is not None:
        texts = dict.fromkeys(texts, evidence_text)

    def span(aid: str, part: slice = slice(None)) -> Span:
        return _span(texts[aid]) if evidence_text is not None else _span(texts[aid], texts[aid][part])

    articles = {
        aid: Article(aid, text, title=title or f"Report {aid}", published=f"2023-0{i}-15", outlet=f"Outlet {i}")
        for i, (aid, text) in enumerate(sorted(texts.items()), start=7)
    }
    shells = Flow("KP", "RU", "munitions", span("a1"), weapon="152mm shells",
                  quantity=Quantity(1_000_000, "shells", "more_than"), date_start="2023-08",
                  claimed_by=("US",), origin=RAJIN, destination=MOSCOW)
    drones = Flow("IR", "RU", "drones", span("a2"), weapon="Shahed-136", date_start="2022-09-13",
                  claimed_by=("US",), denied_by=("IR",), origin=TEHRAN, destination=MOSCOW)
    missiles = Flow("IR", "YE", "missiles", span("a3", slice(None, 40)), status="speculative",
                    date_start="2023-09", origin=TEHRAN, destination=SANAA)
    routes = [
        Route("IR-RU-drones", "IR", "RU", "drones", (("a2", drones),), TEHRAN, MOSCOW, ("Shahed-136",), 1,
              ("US",), ("IR",), (), "2022-09-13", "2022-09-13", "asserted", ("a2",)),
        Route("IR-YE-missiles", "IR", "YE", "missiles", (("a3", missiles),), TEHRAN, SANAA, (), 1,
              (), (), (), "2023-09", "2023-09", "speculative", ("a3",)),
        Route("KP-RU-munitions", "KP", "RU", "munitions", (("a1", shells), ("a3", shells)), RAJIN, MOSCOW,
              ("152mm shells",), 2, ("US",), (), (Quantity(1_000_000, "shells", "more_than"),),
              "2023-08", "2023-08", "asserted", ("a1", "a3")),
    ]
    summit = Event("summit", span("a3", slice(-30, None)), VOSTOCHNY, "2023-09-13", None, ("KP", "RU"))
    visit = Event("visit", span("a1", slice(None, 20)), PYONGYANG, "2023-07-25", "2023-07-27", ("RU",))
    events = [
        MergedEvent("event-1", summit, (("a3", summit),), 1),
        MergedEvent("event-2", visit, (("a1", visit),), 1),
    ]
    extractions = [
        ArticleExtraction(articles["a1"], places=(ResolvedPlace(RAJIN, (span("a1", slice(None, 5)),)),)),
        ArticleExtraction(articles["a2"], places=(ResolvedPlace(TEHRAN, (span("a2", slice(None, 5)),)),)),
        ArticleExtraction(articles["a3"], places=(ResolvedPlace(VOSTOCHNY, (span("a3", slice(None, 5)),)),)),
    ]
    return build_layers(extractions, corpus_name="test corpus", routes=routes, events=events)


#: The addresses of the articles of :func:`cited_layers`, by article number; others are https addresses.
ODD_URLS = {8: "javascript:alert(document.domain)", 7: "data:text/html,<b>x</b>", 4: "file:///etc/passwd"}


def cited_layers(sources: int = 10) -> Layers:
    """One route reported by ``sources`` articles (published a day apart) and one event, every article with a URL.

    The article published ``n``-th has the address ``ODD_URLS[n]`` (not a
    web address) or ``https://news.example/article/n``.
    """
    text = "ذكرت الصحيفة أن شحنة جديدة من الطائرات المسيرة غادرت الميناء متجهة إلى الشمال."
    articles = [
        Article(f"b{n:02d}", text, title=f"تقرير رقم {n}", published=f"2024-03-{n:02d}", outlet=f"Outlet {n}",
                url=ODD_URLS.get(n, f"https://news.example/article/{n}"))
        for n in range(1, sources + 1)
    ]
    flow = Flow("IR", "RU", "drones", _span(text), origin=TEHRAN, destination=MOSCOW, date_start="2024-03")
    route = Route("IR-RU-drones", "IR", "RU", "drones", tuple((a.id, flow) for a in articles), TEHRAN, MOSCOW,
                  (), sources, (), (), (), "2024-03", "2024-03", "asserted", tuple(a.id for a in articles))
    visit = Event("visit", _span(text, text[:20]), PYONGYANG, "2024-03-02", None, ("RU",))
    extractions = [ArticleExtraction(a) for a in articles]
    return build_layers(extractions, corpus_name="cited corpus", routes=[route],
                        events=[MergedEvent("event-1", visit, ((articles[0].id, visit),), 1)])


VLADIVOSTOK = Place("test:vladivostok", "Vladivostok", "city", "RU", 43.12, 131.89, source="test")
ANCHORAGE = Place("test:anchorage", "Anchorage", "city", "US", 61.22, -149.9, source="test")
SHIPS = "قالت الصحيفة إن سفنا روسية نقلت معدات عسكرية من فلاديفوستوك إلى ألاسكا."


def flow_layers() -> Layers:
    """A route across the antimeridian (Vladivostok to Anchorage) with an event at its end, and three
    parallel routes (three commodities from Pyongyang to Moscow, with 1, 2 and 3 independent sources)."""
    article = Article("f1", SHIPS, title="Report f1", published="2024-03-02", outlet="Outlet f")
    span = _span(SHIPS)

    def route(rid: str, supplier: str, recipient: str, commodity: str, origin: Place, destination: Place,
              sources: int, status: str = "asserted") -> Route:
        flow = Flow(supplier, recipient, commodity, span, date_start="2024-03", origin=origin,
                    destination=destination)
        return Route(rid, supplier, recipient, commodity, (("f1", flow),), origin, destination, (), sources,
                     (), (), (), "2024-03", "2024-03", status, ("f1",))

    routes = [
        route("RU-US-equipment", "RU", "US", "equipment", VLADIVOSTOK, ANCHORAGE, 1),
        route("KP-RU-drones", "KP", "RU", "drones", PYONGYANG, MOSCOW, 1, "speculative"),
        route("KP-RU-missiles", "KP", "RU", "missiles", PYONGYANG, MOSCOW, 2),
        route("KP-RU-munitions", "KP", "RU", "munitions", PYONGYANG, MOSCOW, 3),
    ]
    arrival = Event("shipment", _span(SHIPS, SHIPS[:20]), ANCHORAGE, "2024-03-01", None, ("RU",))
    events = [MergedEvent("event-1", arrival, (("f1", arrival),), 1)]
    extractions = [ArticleExtraction(article, places=(ResolvedPlace(ANCHORAGE, (_span(SHIPS, SHIPS[:5]),)),))]
    return build_layers(extractions, corpus_name="flows", routes=routes, events=events)


def large_layers(events: int = 2_000, routes: int = 200) -> Layers:
    """A large corpus: ``events`` events and ``routes`` routes over ``events // 5`` articles, with distinct
    quotes and the same few places, outlets and countries again and again (as a real corpus repeats them).

    Every tenth route is reported by six articles, so its popup shows three quotes of six.
    """
    from geomap.model import COMMODITIES, EVENT_TYPES

    places = [PYONGYANG, RAJIN, VOSTOCHNY, MOSCOW, TEHRAN, SANAA, VLADIVOSTOK, ANCHORAGE]
    countries = ["KP", "RU", "IR", "YE", "US", "CN", "SY", "BY"]
    count = max(events // 5, 6)
    sentence = "نقلت وكالة أنباء في تقريرها رقم {} أن قافلة عسكرية عبرت الحدود ليلا باتجاه الجنوب."
    texts = [sentence.format(i) for i in range(count)]
    articles = [
        Article(f"L{i:05d}", texts[i], title=f"تقرير ميداني {i}", outlet=f"Outlet {i % 3}",
                published=f"20{20 + i % 5}-{1 + i % 12:02d}-{1 + i % 28:02d}", url=f"https://news.example/{i}")
        for i in range(count)
    ]
    merged_events = []
    for i in range(events):
        a = i % count
        event = Event(EVENT_TYPES[i % len(EVENT_TYPES)], _span(texts[a]), places[i % len(places)],
                      f"2023-{1 + i % 12:02d}-{1 + i % 28:02d}", None, (countries[i % 8], countries[(i + 3) % 8]))
        merged_events.append(MergedEvent(f"event-{i:05d}", event, ((articles[a].id, event),), 1))
    merged_routes = []
    for i in range(routes):
        supplier, recipient = countries[i % 8], countries[(i // 8 + i + 1) % 8]
        if supplier == recipient:
            recipient = countries[(i + 4) % 8]
        commodity = COMMODITIES[(i // 8) % len(COMMODITIES)]
        reporters = [articles[(i * 7 + k) % count] for k in range(6 if i % 10 == 0 else 1 + i % 3)]
        reports = tuple((a.id, Flow(supplier, recipient, commodity, _span(a.text), date_start=a.published[:7]))
                        for a in reporters)
        dates = sorted(a.published[:7] for a in reporters)
        merged_routes.append(Route(
            f"{supplier}-{recipient}-{commodity}-{i}", supplier, recipient, commodity, reports,
            sources=len(reporters), first_date=dates[0], last_date=dates[-1],
            articles=tuple(a.id for a in reporters),
        ))
    extractions = [ArticleExtraction(a) for a in articles]
    return build_layers(extractions, corpus_name="large corpus", routes=merged_routes, events=merged_events)
