import json

import pytest
from geopy.exc import GeocoderUnavailable
from geopy.geocoders.base import Geocoder
from geopy.location import Location
from geopy.point import Point

from geomap.geocoder import CachedGeocoder, GazetteerGeocoder, Geocoding


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


def test_online_failure_is_soft(tmp_path):
    fake = FakeGeocoder(error=GeocoderUnavailable("no network"))
    online = CachedGeocoder(fake, cache_path=tmp_path / "cache.json", min_delay_seconds=0, error_wait_seconds=0)
    with pytest.warns(UserWarning, match="online geocoding unavailable"):
        assert online.geocode("مكان مجهول") is None
    # one retry, then no more requests this session
    assert online.geocode("مكان آخر") is None
    assert fake.calls == 2


def test_online_answers_are_cached_on_disk(tmp_path):
    path = tmp_path / "cache.json"
    fake = FakeGeocoder({"قرية نائية": (15.1, 43.2)})
    online = CachedGeocoder(fake, cache_path=path, min_delay_seconds=0)
    assert online.geocode("قرية نائية").latitude == 15.1
    assert online.geocode("قرية نائية").longitude == 43.2
    assert online.geocode("مجهول") is None
    assert fake.calls == 2
    assert json.loads(path.read_text(encoding="utf-8"))
    again = CachedGeocoder(FakeGeocoder(error=GeocoderUnavailable("offline")), cache_path=path)
    assert again.geocode("قرية نائية").latitude == 15.1
    assert again.geocode("مجهول") is None


def test_geocoding_uses_the_gazetteer_first(tmp_path):
    fake = FakeGeocoder({"قرية نائية": (15.1, 43.2)})
    geo = Geocoding(online=CachedGeocoder(fake, cache_path=tmp_path / "c.json", min_delay_seconds=0))
    assert geo.geocode("دمشق").raw["country"] == "SY"
    assert fake.calls == 0
    assert geo.geocode("قرية نائية").latitude == 15.1
    assert fake.calls == 1


def test_geocoding_is_offline_by_default():
    geo = Geocoding()
    assert geo.online is None
    assert geo.geocode("قرية نائية") is None
