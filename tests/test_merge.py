from geomap.corpus.merge import merge_events, merge_flows, source_key
from geomap.model import Article, ArticleExtraction, Event, Flow, Place, Quantity, Span

TEHRAN = Place("geonames:112931", "Tehran", "city", "IR", 35.69, 51.42)
KARAJ = Place("geonames:128747", "Karaj", "city", "IR", 35.84, 50.94)  # ~46 km from Tehran
DAMASCUS = Place("geonames:170654", "Damascus", "city", "SY", 33.51, 36.29)
IRAN = Place("country:IR", "Iran", "country", "IR", 32.0, 53.0)
SPAN = Span(0, 4, "نص.")


def _x(article_id, events=(), flows=(), outlet=None):
    article = Article(article_id, "نص.", outlet=outlet)
    return ArticleExtraction(article=article, events=tuple(events), flows=tuple(flows))


def _flow(supplier="KP", recipient="RU", commodity="munitions", **kw):
    return Flow(supplier=supplier, recipient=recipient, commodity=commodity, evidence=SPAN, **kw)


def test_same_flow_in_several_articles_is_one_route():
    routes = merge_flows([
        _x("a", flows=[_flow(quantity=Quantity(1_000_000, "shells", "more_than"), claimed_by=("KR",),
                             date_start="2023-08", date_end="2024-04", status="speculative")]),
        _x("b", flows=[_flow(weapon="Grad", denied_by=("KP", "RU"), date_start="2023-07", date_end="2024-04-29"),
                       _flow(supplier="IR", commodity="drones", weapon="Shahed")]),
        _x("c", flows=[_flow(quantity=Quantity(7000, "containers", "about"), claimed_by=("KR", "US"))]),
    ])
    assert [r.id for r in routes] == ["IR-RU-drones", "KP-RU-munitions"]
    route = routes[1]
    assert route.sources == 3
    assert route.articles == ("a", "b", "c")
    assert [a for a, _f in route.flows] == ["a", "b", "c"]
    assert route.claimed_by == ("KR", "US")
    assert route.denied_by == ("KP", "RU")
    assert route.weapons == ("Grad",)
    assert [q.value for q in route.quantities] == [1_000_000, 7000]
    # "2024-04" reaches further (to the end of April) than "2024-04-29"
    assert (route.first_date, route.last_date) == ("2023-07", "2024-04")
    assert route.status == "asserted"


def test_route_status_is_speculative_when_no_report_asserts_it():
    [route] = merge_flows([_x("a", flows=[_flow(status="speculative")]), _x("b", flows=[_flow(status="historical")])])
    assert route.status == "speculative"


def test_articles_of_one_outlet_count_once():
    routes = merge_flows([
        _x("a", flows=[_flow()], outlet="Elaph"),
        _x("b", flows=[_flow()], outlet="elaph "),
        _x("c", flows=[_flow()]),
    ])
    assert routes[0].sources == 2
    assert source_key(Article("z", "")) == "article:z"


def test_route_keeps_the_most_reported_origin():
    vostochny = Place("curated:vostochny", "Vostochny Cosmodrome", "facility", "RU", 51.88, 128.33)
    [route] = merge_flows([
        _x("a", flows=[_flow(supplier="RU", recipient="KP", commodity="technology", origin=vostochny)]),
        _x("b", flows=[_flow(supplier="RU", recipient="KP", commodity="technology")]),
    ])
    assert route.origin == vostochny and route.destination is None


def test_no_flows_no_routes():
    assert merge_flows([_x("a")]) == []


def _event(type_="visit", place=TEHRAN, start="2024-04", end="2024-04", **kw):
    return Event(type=type_, evidence=SPAN, place=place, date_start=start, date_end=end, **kw)


def test_same_event_in_two_articles_is_merged_with_a_stable_id():
    merged = merge_events([
        _x("000", [_event(start="2024-04-22", end="2024-05-01", actors=("KP", "IR"))]),
        _x("002", [_event(type_="meeting", start="2024-04", end="2024-04", actors=("IR",), status="speculative")],
           outlet="Elaph"),
    ])
    assert len(merged) == 1
    m = merged[0]
    assert m.sources == 2
    assert [a for a, _e in m.reports] == ["000", "002"]
    assert m.event.type == "visit"
    assert (m.event.date_start, m.event.date_end) == ("2024-04", "2024-05-01")
    assert m.event.actors == ("KP", "IR")
    assert m.event.status == "asserted"
    assert m.id == "visit-tehran-2024-04-22" or m.id.startswith("visit-tehran-")
    again = merge_events([
        _x("000", [_event(start="2024-04-22", end="2024-05-01", actors=("KP", "IR"))]),
        _x("002", [_event(type_="meeting", actors=("IR",), status="speculative")], outlet="Elaph"),
    ])
    assert again[0].id == m.id


def test_nearby_places_merge_but_distant_dates_and_places_do_not():
    merged = merge_events([
        _x("a", [_event(place=TEHRAN), _event(place=DAMASCUS, type_="attack")]),
        _x("b", [_event(place=KARAJ), _event(start="2023-07", end="2023-07")]),
        _x("c", [_event(place=DAMASCUS, type_="attack", start=None, end=None)]),
    ])
    ids = [m.id for m in merged]
    assert len(ids) == len(set(ids))
    by_place = {(m.event.type, m.event.place.name, m.event.date_start): m.sources for m in merged}
    assert by_place[("visit", "Tehran", "2024-04")] == 2
    assert ("visit", "Tehran", "2023-07") in by_place
    # an undated report is not merged into a dated one
    assert by_place[("attack", "Damascus", None)] == 1
    assert by_place[("attack", "Damascus", "2024-04")] == 1


def test_one_article_never_merges_its_own_events():
    merged = merge_events([_x("a", [_event(), _event(type_="meeting")])])
    assert len(merged) == 2
    assert merged[0].id != merged[1].id


def test_events_without_place_or_of_other_groups_stay_apart():
    merged = merge_events([
        _x("a", [_event(place=None), _event(type_="sanction", place=IRAN)]),
        _x("b", [_event(place=None), _event(type_="sanction", place=IRAN)]),
    ])
    assert sorted(m.sources for m in merged) == [1, 1, 2]
    sanction = next(m for m in merged if m.event.type == "sanction")
    assert sanction.sources == 2


def test_merged_events_are_in_date_order_undated_last():
    merged = merge_events([_x("a", [_event(start=None, end=None), _event(start="2019-07", end="2019-07"),
                                    _event(place=DAMASCUS, start="2023-08-01", end="2023-08-01")])])
    assert [m.event.date_start for m in merged] == ["2019-07", "2023-08-01", None]


def test_the_more_precise_date_wins_when_one_report_holds_the_other():
    [m] = merge_events([
        _x("a", [_event(type_="flight", start="2023-08", end="2023-08")]),
        _x("b", [_event(type_="flight", start="2023-08-01", end="2023-08-01")]),
    ])
    assert (m.event.date_start, m.event.date_end, m.sources) == ("2023-08-01", "2023-08-01", 2)


def test_ids_spell_place_names_in_ascii():
    place = Place("geonames:1", "Al Ḩudaydah", "city", "YE", 14.8, 42.95)
    [m] = merge_events([_x("a", [_event(type_="attack", place=place, start="2024-01-11", end="2024-01-11")])])
    assert m.id == "attack-al-hudaydah-2024-01-11"


def test_undated_denials_of_two_articles_stay_apart_but_undated_visits_merge():
    denials = merge_events([_x("a", [_event(type_="denial", start=None, end=None)]),
                            _x("b", [_event(type_="denial", start=None, end=None)])])
    assert [m.sources for m in denials] == [1, 1]
    visits = merge_events([_x("a", [_event(start=None, end=None)]), _x("b", [_event(start=None, end=None)])])
    assert [m.sources for m in visits] == [2]


def _reference_merge_events(extractions):
    """The plain definition: each report joins the first earlier cluster it matches, scanning them all."""
    from geomap.corpus.merge import _group as event_group
    from geomap.corpus.merge import _merged, _same_event, _sort_day, _unique_ids

    clusters = []
    for x in extractions:
        for event in x.events:
            home = None
            if event.place is not None:
                home = next((c for c in clusters
                             if c[0][1].place is not None
                             and (event_group(c[0][1].type), c[0][1].place.country)
                             == (event_group(event.type), event.place.country)
                             and all(a.id != x.article.id for a, _e in c) and _same_event(c[0][1], event)), None)
            if home is None:
                home = []
                clusters.append(home)
            home.append((x.article, event))
    merged = sorted((_merged(c) for c in clusters), key=lambda m: (_sort_day(m.event), m.event.type, m.id))
    return _unique_ids(merged)


def test_indexed_event_merge_equals_the_plain_definition():
    import random

    rng = random.Random(12)
    places = [TEHRAN, KARAJ, DAMASCUS, IRAN, None]
    types = ["visit", "meeting", "shipment", "denial", "statement", "summit"]
    dates = [(None, None), ("2024-04", None), ("2024-04-22", "2024-05-01"), ("2024", None),
             ("2023-12-30", "2024-01-02"), ("2024-05-03", None), ("2024-01", "2024-03"), ("2024-06-01", "2024-04-01")]
    extractions = []
    for n in range(300):
        events = []
        for _ in range(rng.randint(0, 4)):
            start, end = rng.choice(dates)
            events.append(Event(type=rng.choice(types), evidence=SPAN, place=rng.choice(places), date_start=start,
                                date_end=end, actors=(rng.choice(["IR", "SY", "RU"]),),
                                status=rng.choice(["asserted", "speculative"])))
        extractions.append(_x(f"a{n:03d}", events=events, outlet=rng.choice([None, "one", "two"])))
    assert merge_events(extractions) == _reference_merge_events(extractions)
