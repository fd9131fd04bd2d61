import json
import multiprocessing
import sqlite3

import pytest
from geopy.exc import GeocoderUnavailable
from geopy.geocoders.base import Geocoder
from geopy.location import Location
from geopy.point import Point

from geomap.annotate.geocoder import CachedGeocoder, GazetteerGeocoder, Geocoding
from geomap.text.arabic import fold


class FakeGeocoder(Geocoder):
    """Answers from a dict; counts calls; never touches the network."""

    def __init__(self, answers=None, error=None):
        super().__init__()
        self.answers = answers or {}
        self.error = error
        self.calls = 0

    def geocode(self, query, exactly_one=True, **kwargs):
        self.calls += 1
        if self.error:
            raise self.error
        hit = self.answers.get(query)
        return None if hit is None else Location(query, Point(*hit), {"q": query})


@pytest.fixture(scope="module")
def offline():
    return GazetteerGeocoder()


@pytest.mark.parametrize(
    ("query", "country", "lat", "lon"),
    [
        ("موسكو", "RU", 55.75, 37.62),
        ("بيونجيانج", "KP", 39.03, 125.75),
        ("قاعدة فوستوشني الفضائية", "RU", 51.88, 128.33),
        ("الحديدة", "YE", 14.8, 42.95),
        ("ميناء الحديدة", "YE", 14.8, 42.95),
    ],
)
def test_offline_geocode(offline, query, country, lat, lon):
    loc = offline.geocode(query)
    assert loc.raw["country"] == country
    assert abs(loc.latitude - lat) < 0.5 and abs(loc.longitude - lon) < 0.5


def test_offline_is_a_geopy_geocoder(offline):
    assert isinstance(offline, Geocoder)
    assert isinstance(offline.geocode("طهران"), Location)


def test_offline_list_and_country_filter(offline):
    all_tripolis = offline.geocode("طرابلس", exactly_one=False)
    assert {loc.raw["country"] for loc in all_tripolis} >= {"LY", "LB"}
    assert offline.geocode("طرابلس", country_codes="LB").raw["country"] == "LB"


def test_offline_unknown_is_none(offline):
    assert offline.geocode("لا يوجد مكان بهذا الاسم") is None


@pytest.mark.parametrize(
    ("query", "place_id"),
    [
        ("Vostochny", "curated:vostochny-cosmodrome"),  # the first words of a curated place's name
        ("Vostochny Cosmodrome", "curated:vostochny-cosmodrome"),
        ("vostochny cosmodrome", "curated:vostochny-cosmodrome"),
        ("VOSTOCHNY PORT", "curated:vostochny-port"),
        ("punggye ri", "curated:punggye-ri-test-site"),
        ("Moscow", "geonames:524901"),
        ("Sana’a", "geonames:71137"),
        ("Tripoli", "geonames:2210247"),  # the capital of Libya before the Lebanese city
        ("north korea", "country:KP"),
    ],
)
def test_offline_geocodes_latin_names(offline, query, place_id):
    assert offline.geocode(query).raw["id"] == place_id


def test_latin_names_list_every_namesake_and_unknown_is_none(offline):
    assert {loc.raw["country"] for loc in offline.geocode("Tripoli", exactly_one=False)} >= {"LY", "LB"}
    assert offline.geocode("Tripoli", country_codes="LB").raw["country"] == "LB"
    assert [loc.raw["id"] for loc in offline.geocode("Vostochny", exactly_one=False)] == [
        "curated:vostochny-cosmodrome", "curated:vostochny-port"]
    assert offline.geocode("Nowhere Such Town") is None
    assert offline.geocode("New") is None  # the first word of a city's name is not the city


@pytest.mark.parametrize(
    "query",
    [(51.87, 128.36), "51.87, 128.36", Point(51.87, 128.36)],
)
def test_reverse_gives_the_nearest_place(offline, query):
    loc = offline.reverse(query)
    assert isinstance(loc, Location) and loc.raw["id"] == "curated:vostochny-cosmodrome"
    assert 0 < loc.raw["distance_km"] < 5


def test_reverse_lists_the_nearest_places_in_order(offline):
    moscow = offline.geocode("موسكو")
    nearest = offline.reverse(moscow, exactly_one=False, limit=3)
    assert [loc.raw["name"] for loc in nearest][:1] == ["Moscow"] and nearest[0].raw["distance_km"] == 0
    distances = [loc.raw["distance_km"] for loc in nearest]
    assert len(nearest) == 3 and distances == sorted(distances)
    assert all(loc.raw["kind"] != "country" for loc in nearest)


def test_reverse_across_the_antimeridian(offline):
    loc = offline.reverse((65.0, -179.5))  # west of the 180th meridian; Anadyr lies east of it
    assert (loc.raw["name"], loc.raw["country"]) == ("Anadyr", "RU") and loc.raw["distance_km"] < 200


def test_reverse_of_a_bad_point_is_a_clear_error(offline):
    with pytest.raises(ValueError, match="not a point"):
        offline.reverse("north of here")
    with pytest.raises(ValueError, match="not a point"):
        offline.reverse((95.0, 10.0))


def test_online_failure_is_soft(tmp_path):
    fake = FakeGeocoder(error=GeocoderUnavailable("no network"))
    online = CachedGeocoder(fake, cache_path=tmp_path / "cache.sqlite3", min_delay_seconds=0, error_wait_seconds=0)
    with pytest.warns(UserWarning, match="online geocoding unavailable"):
        assert online.geocode("مكان مجهول") is None
    # one retry, then no more requests this session
    assert online.geocode("مكان آخر") is None
    assert fake.calls == 2


def test_online_answers_are_cached_on_disk(tmp_path):
    path = tmp_path / "cache.sqlite3"
    fake = FakeGeocoder({"قرية نائية": (15.1, 43.2)})
    online = CachedGeocoder(fake, cache_path=path, min_delay_seconds=0)
    assert online.geocode("قرية نائية").latitude == 15.1
    assert online.geocode("قرية نائية").longitude == 43.2
    assert online.geocode("مجهول") is None
    assert fake.calls == 2
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT COUNT(*) FROM answers").fetchone() == (2,)
    again = CachedGeocoder(FakeGeocoder(error=GeocoderUnavailable("offline")), cache_path=path)
    assert again.geocode("قرية نائية").latitude == 15.1
    assert again.geocode("مجهول") is None


def test_geocoding_uses_the_gazetteer_first(tmp_path):
    fake = FakeGeocoder({"قرية نائية": (15.1, 43.2)})
    geo = Geocoding(online=CachedGeocoder(fake, cache_path=tmp_path / "c.sqlite3", min_delay_seconds=0))
    assert geo.geocode("دمشق").raw["country"] == "SY"
    assert fake.calls == 0
    assert geo.geocode("قرية نائية").latitude == 15.1
    assert fake.calls == 1


def test_geocoding_is_offline_by_default():
    geo = Geocoding()
    assert geo.online is None
    assert geo.geocode("قرية نائية") is None


def _write_answers(path, worker, count):
    answers = {f"مكان {worker}-{n}": (10 + worker, 20 + n) for n in range(count)}
    online = CachedGeocoder(FakeGeocoder(answers), cache_path=path, min_delay_seconds=0)
    for query in answers:
        assert online.geocode(query) is not None


def test_concurrent_runs_keep_every_cached_answer(tmp_path):
    path = tmp_path / "cache.sqlite3"
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=_write_answers, args=(path, w, 15)) for w in range(8)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(120)
    assert [w.exitcode for w in workers] == [0] * 8
    offline = CachedGeocoder(FakeGeocoder(error=GeocoderUnavailable("offline")), cache_path=path)
    for w in range(8):
        for n in range(15):
            loc = offline.geocode(f"مكان {w}-{n}")
            assert (loc.latitude, loc.longitude) == (10 + w, 20 + n)


@pytest.mark.parametrize("stored", ["{not json", '{"address": "x"}', '{"address": "x", "lat": "n", "lon": 1}', "[1]",
                                    '{"address": "x", "lat": 91, "lon": 0}', "[" * 5000])
def test_a_malformed_cache_entry_is_ignored_with_a_warning(tmp_path, stored):
    path = tmp_path / "cache.sqlite3"
    fake = FakeGeocoder({"قرية نائية": (15.1, 43.2)})
    online = CachedGeocoder(fake, cache_path=path, min_delay_seconds=0)
    assert online.geocode("قرية نائية").latitude == 15.1
    with sqlite3.connect(path) as db:
        db.execute("UPDATE answers SET answer = ?", (stored,))
    with pytest.warns(UserWarning, match="malformed entry of the geocoding cache"):
        assert online.geocode("قرية نائية").latitude == 15.1
    assert fake.calls == 2
    assert online.geocode("قرية نائية").latitude == 15.1
    assert fake.calls == 2


def test_answers_of_the_earlier_json_cache_are_kept(tmp_path):
    legacy = {fold("قرية نائية"): {"address": "x", "lat": 15.1, "lon": 43.2, "raw": {}}, fold("مجهول"): None,
              "bad": {"lat": 1}}
    (tmp_path / "geocode.json").write_text(json.dumps(legacy, ensure_ascii=False), encoding="utf-8")
    online = CachedGeocoder(FakeGeocoder(error=GeocoderUnavailable("offline")),
                            cache_path=tmp_path / "geocode.sqlite3")
    assert online.geocode("قرية نائية").latitude == 15.1
    assert online.geocode("مجهول") is None and not online.failed
