import pytest

from geomap.gazetteer import load_gazetteer
from geomap.places import find_places
from geomap.resolve import resolve_places
from geomap.vocabulary import load_vocabulary


@pytest.fixture
def user_vocabulary(tmp_path, monkeypatch):
    monkeypatch.setenv("GEOMAP_VOCABULARY", str(tmp_path))
    load_vocabulary.cache_clear()
    yield tmp_path
    load_vocabulary.cache_clear()


def test_user_lists_are_appended_to_the_bundled_ones(user_vocabulary):
    bundled = load_vocabulary("weapons")["systems"]
    (user_vocabulary / "weapons.yaml").write_text(
        "systems:\n  - {name: Example-9, class: missiles, maker: YE, names: [إكزامبل 9]}\n", encoding="utf-8"
    )
    load_vocabulary.cache_clear()
    systems = load_vocabulary("weapons")["systems"]
    assert systems[: len(bundled)] == bundled
    assert systems[-1]["name"] == "Example-9"


def test_user_places_join_the_gazetteer(user_vocabulary):
    (user_vocabulary / "curated.yaml").write_text(
        "places:\n  - {id: example-depot, name: Example Depot, kind: facility, country: YE, lat: 15.1, lon: 44.2,"
        " arabic: [مستودع المثال الكبير], source: analyst}\n",
        encoding="utf-8",
    )
    gazetteer = load_gazetteer()
    text = "نقلت الشحنة إلى مستودع المثال الكبير قرب صنعاء"
    places = resolve_places(text, find_places(text, gazetteer), gazetteer).places
    assert "Example Depot" in {p.place.name for p in places}


def test_broken_user_file_is_an_error_naming_it(user_vocabulary):
    (user_vocabulary / "events.yaml").write_text("triggers: [unclosed\n", encoding="utf-8")
    with pytest.raises(ValueError, match="events.yaml: not valid YAML"):
        load_vocabulary("events")


def test_user_entries_go_when_the_user_vocabulary_is_unset(user_vocabulary, monkeypatch):
    (user_vocabulary / "weapons.yaml").write_text(
        "systems:\n  - {name: Example-9, class: missiles, maker: YE, names: [إكزامبل 9]}\n", encoding="utf-8"
    )
    assert "Example-9" in {s["name"] for s in load_vocabulary("weapons")["systems"]}
    monkeypatch.delenv("GEOMAP_VOCABULARY")
    load_vocabulary.cache_clear()
    assert "Example-9" not in {s["name"] for s in load_vocabulary("weapons")["systems"]}
