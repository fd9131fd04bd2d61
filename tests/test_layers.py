import pandas as pd
import pytest
from shapely.geometry import LineString, MultiLineString, Point

from geomap.layers import (
    COUNTRY_COLUMNS,
    EVENT_COLUMNS,
    PLACE_COLUMNS,
    ROUTE_COLUMNS,
    build_layers,
    period_days,
    route_geometry,
    world_countries,
)
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

PYONGYANG = Place("geonames:1871859", "Pyongyang", "city", "KP", 39.03385, 125.75432, source="GeoNames")
MOSCOW = Place("geonames:524901", "Moscow", "city", "RU", 55.75222, 37.61556, source="GeoNames")
TEHRAN = Place("geonames:112931", "Tehran", "city", "IR", 35.69439, 51.42151, source="GeoNames")
RASON = Place("geonames:2040631", "Rason", "city", "KP", 42.25694, 130.29778, source="GeoNames")
VLADIVOSTOK = Place("geonames:2013348", "Vladivostok", "city", "RU", 43.10562, 131.87353, source="GeoNames")
KOREA = Place("country:KP", "North Korea", "country", "KP", 40.0, 127.0)


class StubGazetteer:
    """Capitals and country points for a few states."""

    capitals = {"KP": PYONGYANG, "RU": MOSCOW, "IR": TEHRAN}

    def capital(self, code):
        return self.capitals.get(code)

    def country(self, code):
        return KOREA if code == "KP" else None


def span(text, start=0):
    return Span(start, start + len(text), text)


def article(i, published):
    text = f"نص المقال {i} " * 20
    return Article(f"a{i}", text, title=f"Title {i}", published=published, source=f"/somewhere/a{i}.txt",
                   outlet="Outlet")


ARTICLES = [article(0, "2023-08"), article(1, "2024-04-29")]

FLOW_KP_RU = Flow("KP", "RU", "munitions", span("نص المقال 0"), weapon="Grad",
                  quantity=Quantity(1_000_000, "shells", "more_than"), date_start="2023-07",
                  claimed_by=("South Korean intelligence",), denied_by=("KP", "RU"))
FLOW_KP_RU_2 = Flow("KP", "RU", "munitions", span("نص المقال 1", 0), date_start="2024-03")
FLOW_RU_KP = Flow("RU", "KP", "technology", span("نص المقال 1", 0), date_start="2024")
FLOW_KP_RU_MISSILES = Flow("KP", "RU", "missiles", span("نص المقال 1", 0))

ROUTES = [
    Route("KP-RU-munitions", "KP", "RU", "munitions", (("a0", FLOW_KP_RU), ("a1", FLOW_KP_RU_2)),
          weapons=("Grad",), sources=2, claimed_by=("South Korean intelligence",), denied_by=("KP", "RU"),
          quantities=(Quantity(1_000_000, "shells", "more_than"),), first_date="2023-07", last_date="2024-03",
          articles=("a0", "a1")),
    Route("KP-RU-missiles", "KP", "RU", "missiles", (("a1", FLOW_KP_RU_MISSILES),), sources=1, articles=("a1",)),
    Route("RU-KP-technology", "RU", "KP", "technology", (("a1", FLOW_RU_KP),), sources=1,
          first_date="2024", last_date="2024", status="speculative", articles=("a1",)),
    Route("KP-RU-ships", "KP", "RU", "ships", (("a1", FLOW_KP_RU_2),), origin=RASON, destination=VLADIVOSTOK,
          sources=1, articles=("a1",)),
]

VISIT = Event("visit", span("نص المقال 0"), place=PYONGYANG, date_start="2023-07-25", date_end="2023-07-27",
              actors=("RU", "KP"))
VISIT_AGAIN = Event("visit", span("نص المقال 1"), place=PYONGYANG, date_start="2023-07-25", date_end="2023-07-27",
                    actors=("RU", "CN"), claimed_by=("KCNA",))
UNDATED = Event("statement", span("نص المقال 1"), place=TEHRAN, actors=("IR",))
NOWHERE = Event("denial", span("نص المقال 1"), place=None, actors=("RU",))

EVENTS = [
    MergedEvent("visit-pyongyang-2023-07-25", VISIT, (("a0", VISIT), ("a1", VISIT_AGAIN)), sources=2),
    MergedEvent("statement-tehran", UNDATED, (("a1", UNDATED),)),
    MergedEvent("denial", NOWHERE, (("a1", NOWHERE),)),
]

EXTRACTIONS = [
    ArticleExtraction(ARTICLES[0], places=(ResolvedPlace(PYONGYANG, (span("a"), span("b", 5))),),
                      events=(VISIT,), flows=(FLOW_KP_RU,)),
    ArticleExtraction(ARTICLES[1], places=(ResolvedPlace(PYONGYANG, (span("c"),)), ResolvedPlace(TEHRAN, (span("d"),))),
                      events=(VISIT_AGAIN, UNDATED, NOWHERE), flows=(FLOW_KP_RU_2, FLOW_RU_KP)),
]


def sample_layers(routes=ROUTES, events=EVENTS):
    return build_layers(EXTRACTIONS, StubGazetteer(), corpus_name="sample", routes=routes, events=events)


@pytest.fixture(scope="module")
def layers():
    return sample_layers()


def test_every_layer_has_its_columns_in_order_and_wgs84(layers):
    for frame, columns in ((layers.places, PLACE_COLUMNS), (layers.events, EVENT_COLUMNS),
                           (layers.routes, ROUTE_COLUMNS), (layers.countries, COUNTRY_COLUMNS)):
        assert tuple(frame.columns) == columns
        assert frame.crs.to_epsg() == 4326


def test_empty_corpus_gives_empty_layers_with_the_schema():
    empty = build_layers([], StubGazetteer(), routes=[], events=[])
    assert len(empty.routes) == len(empty.events) == len(empty.places) == len(empty.countries) == 0
    assert tuple(empty.routes.columns) == ROUTE_COLUMNS
    assert empty.corpus["articles"] == 0 and empty.corpus["first_date"] is None


def test_places_count_mentions_over_articles(layers):
    places = layers.places.set_index("id")
    assert places.loc[PYONGYANG.id, "mentions"] == 3
    assert places.loc[PYONGYANG.id, "articles"] == ["a0", "a1"]
    assert places.loc[TEHRAN.id, "articles"] == ["a1"]
    assert list(layers.places["id"]) == sorted(layers.places["id"])
    point = places.loc[PYONGYANG.id, "geometry"]
    assert (point.x, point.y) == (PYONGYANG.lon, PYONGYANG.lat)


def test_events_without_a_place_are_dropped(layers):
    assert list(layers.events["id"]) == ["visit-pyongyang-2023-07-25", "statement-tehran"]


def test_event_row_merges_reports(layers):
    visit = layers.events.iloc[0]
    assert visit["actors"] == ["RU", "KP", "CN"]
    assert visit["claimed_by"] == ["KCNA"] and visit["denied_by"] == []
    assert visit["sources"] == 2
    assert visit["articles"] == ["a0", "a1"]
    assert (visit["start"], visit["end"]) == (pd.Timestamp("2023-07-25"), pd.Timestamp("2023-07-27"))
    assert (visit["date_start_precision"], visit["date_end_precision"]) == ("day", "day")
    assert visit["summary"] == "Visit, Pyongyang (KP), 2023-07-25 – 2023-07-27; actors RU, KP, CN"


def test_undated_event_has_no_period(layers):
    statement = layers.events.iloc[1]
    assert pd.isna(statement["start"]) and pd.isna(statement["end"])
    assert pd.isna(statement["date_start"]) and statement["date_start_precision"] is None
    assert statement["summary"] == "Statement, Tehran (IR); actors IR"


def test_event_evidence_points_back_to_the_text(layers):
    evidence = layers.events.iloc[0]["evidence"]
    assert [e["article"] for e in evidence] == ["a0", "a1"]
    for item in evidence:
        text = next(a.text for a in ARTICLES if a.id == item["article"])
        assert text[item["start"]:item["end"]] == item["text"]
    assert evidence[0]["title"] == "Title 0" and evidence[0]["source"] == "Outlet"


def test_route_row_summarises_the_flows(layers):
    route = layers.routes.set_index("id").loc["KP-RU-munitions"]
    assert route["quantities"] == [{"value": 1_000_000.0, "unit": "shells", "qualifier": "more_than"}]
    assert route["weapons"] == ["Grad"] and route["claimed_by"] == ["South Korean intelligence"]
    assert route["denied"] and route["denied_by"] == ["KP", "RU"]
    assert (route["first_date"], route["first_date_precision"]) == (pd.Timestamp("2023-07-01"), "month")
    assert (route["last_date"], route["last_date_precision"]) == (pd.Timestamp("2024-03-01"), "month")
    assert (route["start"], route["end"]) == (pd.Timestamp("2023-07-01"), pd.Timestamp("2024-03-31"))
    assert route["summary"] == ("North Korea → Russia: munitions (Grad); more than 1,000,000 shells; "
                                "2023-07 – 2024-03; claimed by South Korean intelligence; denied by KP, RU")
    assert len(route["evidence"]) == 2


def test_routes_anchor_at_named_places_else_capitals(layers):
    routes = layers.routes.set_index("id")
    assert (routes.loc["KP-RU-munitions", "origin"], routes.loc["KP-RU-munitions", "destination"]) == (
        "Pyongyang", "Moscow")
    ships = routes.loc["KP-RU-ships"]
    assert (ships["origin"], ships["destination"]) == ("Rason", "Vladivostok")
    start, end = ships["geometry"].coords[0], ships["geometry"].coords[-1]
    assert start == pytest.approx((RASON.lon, RASON.lat)) and end == pytest.approx((VLADIVOSTOK.lon, VLADIVOSTOK.lat))


def test_route_falls_back_to_country_outline_point_without_gazetteer():
    routes = [Route("IR-YE-drones", "IR", "YE", "drones", ())]
    layers = build_layers([], StubGazetteer(), routes=routes, events=[])
    assert layers.routes.iloc[0]["origin"] == "Tehran"
    assert layers.routes.iloc[0]["destination"] == "Yemen"
    assert layers.countries["code"].tolist() == ["IR", "YE"]


def test_route_between_unknown_countries_is_left_out_and_counted():
    layers = build_layers([], StubGazetteer(), routes=[Route("ZZ-QQ-oil", "ZZ", "QQ", "oil", ())], events=[])
    assert len(layers.routes) == 0 and layers.corpus["routes_unmapped"] == 1


def test_opposite_and_parallel_routes_do_not_overlap(layers):
    routes = layers.routes.set_index("id")
    munitions, missiles = routes.loc["KP-RU-munitions", "geometry"], routes.loc["KP-RU-missiles", "geometry"]
    technology = routes.loc["RU-KP-technology", "geometry"]
    assert munitions.coords[0] == missiles.coords[0] == technology.coords[-1]
    # the middles of the three arcs are far apart (tens of kilometres at least)
    middles = [g.interpolate(0.5, normalized=True) for g in (munitions, missiles, technology)]
    for i in range(3):
        for j in range(i + 1, 3):
            assert middles[i].distance(middles[j]) > 1.0  # degrees


def test_route_geometry_follows_the_great_circle_without_bend():
    line = route_geometry((PYONGYANG.lon, PYONGYANG.lat), (MOSCOW.lon, MOSCOW.lat), lane=0)
    assert isinstance(line, LineString)
    # about one point per 100 km over ~6,400 km
    assert 50 <= len(line.coords) <= 80
    # a great circle from Pyongyang to Moscow bulges north of the straight lon/lat line
    assert max(y for _, y in line.coords) > MOSCOW.lat


@pytest.mark.parametrize(
    ("origin", "destination"),
    [((170.0, -40.0), (-150.0, -20.0)), ((-150.0, 60.0), (140.0, 40.0)), ((131.9, 43.1), (-122.4, 37.8))],
)
def test_route_crossing_the_antimeridian_is_split(origin, destination):
    line = route_geometry(origin, destination)
    assert isinstance(line, MultiLineString)
    for part in line.geoms:
        xs = [x for x, _ in part.coords]
        assert all(-180.0 <= x <= 180.0 for x in xs)
        assert max(xs) - min(xs) < 180.0
    ends = [p.coords[-1] for p in list(line.geoms)[:-1]]
    assert all(abs(abs(x) - 180.0) < 1e-9 for x, _ in ends)


def test_route_geometry_is_deterministic():
    a = route_geometry((51.4, 35.7), (44.2, 15.4), lane=2)
    b = route_geometry((51.4, 35.7), (44.2, 15.4), lane=2)
    assert a.equals_exact(b, 0.0)


def test_lanes_follow_route_ids_not_input_order():
    forward = sample_layers(routes=ROUTES)
    backward = sample_layers(routes=list(reversed(ROUTES)))
    a = forward.routes.set_index("id")["geometry"]
    b = backward.routes.set_index("id")["geometry"]
    for rid in a.index:
        assert a[rid].equals_exact(b[rid], 0.0)


def test_countries_have_roles_and_counts(layers):
    countries = layers.countries.set_index("code")
    assert countries.loc["KP", "role"] == "both"
    assert (countries.loc["KP", "flows_out"], countries.loc["KP", "flows_in"]) == (3, 1)
    assert countries.loc["RU", "events"] == 0 and countries.loc["KP", "events"] == 1
    assert countries.loc["IR", "role"] == "mentioned"
    assert countries.loc["CN", "role"] == "mentioned"  # an actor of an event
    assert countries.loc["KP", "geometry"].contains(Point(PYONGYANG.lon, PYONGYANG.lat))


def test_corpus_summary(layers):
    corpus = layers.corpus
    assert corpus["name"] == "sample" and corpus["articles"] == 2
    assert (corpus["first_published"], corpus["last_published"]) == ("2023-08", "2024-04-29")
    assert (corpus["first_date"], corpus["last_date"]) == ("2023-07-01", "2024-12-31")


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("2023-07-25", "2023-07-27", ("2023-07-25", "2023-07-27")),
        ("2023-07", None, ("2023-07-01", "2023-07-31")),
        ("2024-02", None, ("2024-02-01", "2024-02-29")),
        ("2023", "2024-03", ("2023-01-01", "2024-03-31")),
        (None, "2022-09", ("2022-09-01", "2022-09-30")),
        ("2024-05", "2024-02", ("2024-05-01", "2024-05-31")),
        (None, None, (None, None)),
        ("sometime", None, (None, None)),
    ],
)
def test_period_days(start, end, expected):
    assert period_days(start, end) == expected


@pytest.mark.parametrize("code", ["BH", "QA", "PS", "LB", "YE", "LY", "UA", "KP", "RU", "IR", "SY", "XK", "SG"])
def test_world_outlines_cover_small_and_contested_states(code):
    country = world_countries()[code]
    assert country["name"] and country["geometry"]["type"] in ("Polygon", "MultiPolygon")


def test_world_outlines_stay_within_the_antimeridian():
    from shapely.geometry import shape

    russia = shape(world_countries()["RU"]["geometry"])
    assert -180.0 <= russia.bounds[0] and russia.bounds[2] <= 180.0
    assert russia.contains(Point(MOSCOW.lon, MOSCOW.lat))


def test_event_summary_keeps_the_precision_of_the_text():
    event = Event("summit", span("نص المقال 0"), place=MOSCOW, date_start="2023-09", actors=("RU", "KP"))
    merged = [MergedEvent("e", event, (("a0", event),))]
    layers = build_layers(EXTRACTIONS[:1], StubGazetteer(), routes=[], events=merged)
    row = layers.events.iloc[0]
    assert row["summary"] == "Summit, Moscow (RU), 2023-09; actors RU, KP"
    assert (row["start"], row["end"]) == (pd.Timestamp("2023-09-01"), pd.Timestamp("2023-09-30"))
    assert (row["date_start"], row["date_start_precision"]) == (pd.Timestamp("2023-09-01"), "month")


def test_route_quantities_keep_the_largest_report_per_unit():
    quantities = (Quantity(1_000_000, "shells"), Quantity(1_000_000, "shells", "more_than"),
                  Quantity(500_000, "shells", "more_than"), Quantity(300, "rockets", "about"))
    routes = [Route("KP-RU-munitions", "KP", "RU", "munitions", (), quantities=quantities)]
    row = build_layers([], StubGazetteer(), routes=routes, events=[]).routes.iloc[0]
    assert [(q["value"], q["unit"], q["qualifier"]) for q in row["quantities"]] == [
        (1_000_000.0, "shells", "more_than"), (300.0, "rockets", "about")]
    assert row["summary"] == "North Korea → Russia: munitions; more than 1,000,000 shells, about 300 rockets"


def test_many_parallel_routes_fan_out_within_a_bound():
    from geomap.layers import _GEOD, BEND_MAX
    from geomap.model import COMMODITIES

    routes = [Route(f"IR-YE-{c}", "IR", "YE", c, ()) for c in COMMODITIES]
    frame = build_layers([], StubGazetteer(), routes=routes, events=[]).routes
    straight = route_geometry((TEHRAN.lon, TEHRAN.lat), frame.iloc[0]["geometry"].coords[-1], lane=0)
    middle = straight.coords[len(straight.coords) // 2]
    length = _GEOD.line_length(*zip(*straight.coords, strict=True))
    offsets = []
    for line in frame["geometry"]:
        assert len(line.coords) == len(straight.coords)
        _, _, offset = _GEOD.inv(*middle, *line.coords[len(line.coords) // 2])
        offsets.append(offset)
    assert max(offsets) <= BEND_MAX * length * 1.01
    assert min(b - a for a, b in zip(sorted(offsets), sorted(offsets)[1:], strict=False)) > 20_000  # metres apart


#: The type of every column of the layers in memory (and in GeoParquet).
DTYPES = {
    "places": {"id": "str", "name": "str", "kind": "str", "country": "str", "mentions": "int64", "articles": "list"},
    "events": {"id": "str", "type": "str", "place": "str", "country": "str", "actors": "list",
               "date_start": "date", "date_start_precision": "str", "date_end": "date", "date_end_precision": "str",
               "start": "date", "end": "date", "status": "str", "claimed_by": "list", "denied_by": "list",
               "sources": "int64", "articles": "list", "evidence": "records", "summary": "str"},
    "routes": {"id": "str", "supplier": "str", "recipient": "str", "commodity": "str", "weapons": "list",
               "quantities": "records", "sources": "int64", "claimed_by": "list", "denied_by": "list",
               "status": "str", "denied": "bool", "first_date": "date", "first_date_precision": "str",
               "last_date": "date", "last_date_precision": "str", "start": "date", "end": "date",
               "articles": "list", "evidence": "records", "summary": "str", "origin": "str",
               "destination": "str"},
    "countries": {"code": "str", "name": "str", "role": "str", "flows_out": "int64", "flows_in": "int64",
                  "events": "int64"},
}


def assert_column_types(frame, expected):
    assert set(frame.columns) - {"geometry"} == set(expected)
    for name, kind in expected.items():
        column = frame[name]
        values = [v for v in column if v is not None and not (isinstance(v, float) and pd.isna(v))]
        if kind == "date":
            assert pd.api.types.is_datetime64_dtype(column.dtype), name
        elif kind in ("int64", "bool"):
            assert column.dtype == kind, name
        elif kind == "str":
            assert all(isinstance(v, str) for v in values), name
        elif kind == "list":
            assert all(isinstance(v, list) and all(isinstance(i, str) for i in v) for v in values), name
        else:
            assert all(isinstance(v, list) and all(isinstance(i, dict) for i in v) for v in values), name


@pytest.mark.parametrize("name", list(DTYPES))
def test_every_column_has_its_type(layers, name):
    assert_column_types(getattr(layers, name), DTYPES[name])
    assert_column_types(getattr(build_layers([], StubGazetteer(), routes=[], events=[]), name), DTYPES[name])


def test_quantities_are_numbers(layers):
    quantities = layers.routes.set_index("id").loc["KP-RU-munitions", "quantities"]
    assert isinstance(quantities[0]["value"], float) and quantities[0]["value"] > 999_999


@pytest.mark.parametrize(
    ("date", "day", "precision"),
    [("2024", "2024-01-01", "year"), ("2023-07", "2023-07-01", "month"), ("2023-07-25", "2023-07-25", "day")],
)
def test_a_partial_date_is_the_first_day_of_its_period_with_its_precision(date, day, precision):
    route = Route("KP-RU-munitions", "KP", "RU", "munitions", (), first_date=date, last_date=date)
    row = build_layers([], StubGazetteer(), routes=[route], events=[]).routes.iloc[0]
    assert (row["first_date"], row["first_date_precision"]) == (pd.Timestamp(day), precision)
    assert row["start"] == pd.Timestamp(day) and row["end"] >= row["start"]


def test_date_columns_compare_with_iso_text(layers):
    routes = layers.routes
    recent = routes[routes.first_date >= "2023-01-01"]
    assert sorted(recent["id"]) == ["KP-RU-munitions", "RU-KP-technology"]  # undated routes are left out
    assert list(routes[routes.first_date >= "2024-01-01"]["id"]) == ["RU-KP-technology"]
    events = layers.events
    assert list(events[events.start.between("2023-07-01", "2023-07-31")]["id"]) == ["visit-pyongyang-2023-07-25"]
