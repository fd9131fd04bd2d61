"""Resources passed in: the overlay seen by every stage, no bundled gazetteer behind a custom one, pickling."""

import pickle

import pytest

from geomap.annotate import gazetteer as gazetteer_module
from geomap.annotate.gazetteer import Gazetteer
from geomap.io.record import to_record
from geomap.model import Article, Place
from geomap.pipeline import extract_article, iter_extractions
from geomap.resources import Resources

SENDING = Article("a", "خبر\n\nأوصلت بيلاروسيا قذائف مدفعية إلى أرمينيا عبر جورجيا.\n", published="2024-05-01")
WEAPON = Article("b", "خبر\n\nأرسلت بيلاروسيا منظومات زيفيرون إلى أرمينيا.\n", published="2024-05-01")
DEPOT = Article("c", "خبر\n\nوصلت الشحنة إلى مستودع الوادي الأخضر الكبير.\n", published="2024-05-01")


def _flows(article, resources):
    return [(f.supplier, f.recipient, f.commodity, f.weapon) for f in extract_article(article, resources).flows]


def _overlay(folder, **files):
    folder.mkdir()
    for name, text in files.items():
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def bundled():
    return Resources.load()


def test_a_supply_verb_added_through_the_overlay_makes_a_flow(tmp_path, bundled):
    overlay = _overlay(tmp_path / "v", flows="triggers:\n  send: [أوصل, أوصلت, يوصل, توصل]\n")
    assert _flows(SENDING, bundled) == []
    assert _flows(SENDING, Resources.load(overlay)) == [("BY", "AM", "munitions", None)]


def test_a_weapon_added_through_the_overlay_is_named_on_the_flow(tmp_path, bundled):
    overlay = _overlay(tmp_path / "v", weapons="systems:\n  - {name: Zefiron, class: missiles, maker: BY,"
                                              " names: [زيفيرون, منظومات زيفيرون]}\n")
    assert [f[3] for f in _flows(WEAPON, bundled)] != ["Zefiron"]
    assert _flows(WEAPON, Resources.load(overlay)) == [("BY", "AM", "missiles", "Zefiron")]


def test_a_place_added_through_the_overlay_is_found(tmp_path, bundled):
    overlay = _overlay(tmp_path / "v", curated="places:\n  - {id: green-valley-depot, name: Green Valley Depot,"
                                               " kind: facility, country: YE, lat: 15.1, lon: 44.2,"
                                               " arabic: [مستودع الوادي الأخضر الكبير], source: analyst}\n")
    names = {p.place.name for p in extract_article(DEPOT, Resources.load(overlay)).places}
    assert "Green Valley Depot" in names
    assert "Green Valley Depot" not in {p.place.name for p in extract_article(DEPOT, bundled).places}


def test_two_overlays_in_one_process_do_not_mix(tmp_path):
    sending = Resources.load(_overlay(tmp_path / "a", flows="triggers:\n  send: [أوصل, أوصلت]\n"))
    weapon = Resources.load(_overlay(tmp_path / "b", weapons="systems:\n  - {name: Zefiron, class: missiles,"
                                                          " maker: BY, names: [زيفيرون, منظومات زيفيرون]}\n"))
    for _ in range(2):  # in either order, each object keeps its own words
        assert _flows(SENDING, sending) == [("BY", "AM", "munitions", None)]
        assert _flows(SENDING, weapon) == []
        assert [f[3] for f in _flows(WEAPON, weapon)] == ["Zefiron"]
        assert "Zefiron" not in [f[3] for f in _flows(WEAPON, sending)]


def _tiny_gazetteer() -> Gazetteer:
    gaz = Gazetteer(capitals={"BY": "x:minsk", "AM": "x:yerevan"})
    for place, names in (
        (Place("country:BY", "Belarus", "country", "BY", 53.7, 27.9, 9_000_000, "test"), ["بيلاروسيا"]),
        (Place("country:AM", "Armenia", "country", "AM", 40.1, 45.0, 3_000_000, "test"), ["أرمينيا"]),
        (Place("x:minsk", "Minsk", "city", "BY", 53.9, 27.6, 2_000_000, "test"), ["مينسك"]),
        (Place("x:yerevan", "Yerevan", "city", "AM", 40.2, 44.5, 1_000_000, "test"), ["يريفان"]),
    ):
        gaz.add(place, names)
        if place.kind == "country":
            gaz.country_names[place.country] = names
    gaz._capital_ids = set(gaz.capitals.values())
    gaz.rank()
    return gaz


def test_a_custom_gazetteer_never_loads_the_bundled_one(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the bundled gazetteer was loaded")

    monkeypatch.setattr(gazetteer_module, "_read_index", refuse)
    resources = Resources.load(gazetteer=_tiny_gazetteer())
    article = Article("d", "خبر\n\nأرسلت بيلاروسيا قذائف مدفعية إلى أرمينيا.\n", published="2024-05-01")
    extraction = extract_article(article, resources)
    assert {p.place.name for p in extraction.places} == {"Belarus", "Armenia"}
    assert [(f.supplier, f.recipient) for f in extraction.flows] == [("BY", "AM")]


def test_resources_survive_pickling_and_extract_the_same(tmp_path):
    overlay = _overlay(tmp_path / "v", flows="triggers:\n  send: [أوصل, أوصلت]\n")
    for resources in (Resources.load(overlay), Resources.load(overlay, gazetteer=_tiny_gazetteer())):
        copy = pickle.loads(pickle.dumps(resources))
        assert copy.vocabulary_dir == resources.vocabulary_dir
        assert to_record(extract_article(SENDING, copy)) == to_record(extract_article(SENDING, resources))
        assert _flows(SENDING, copy) == [("BY", "AM", "munitions", None)]


def test_worker_processes_use_the_resources_given(tmp_path):
    resources = Resources.load(_overlay(tmp_path / "v", flows="triggers:\n  send: [أوصل, أوصلت]\n"))
    results = [r for _a, r in iter_extractions([SENDING, WEAPON], resources, jobs=2)]
    assert [(f.supplier, f.recipient) for f in results[0].flows] == [("BY", "AM")]


def test_a_custom_gazetteer_given_alone_is_used_without_the_bundled_one(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the bundled gazetteer was loaded")

    monkeypatch.setattr(gazetteer_module, "_read_index", refuse)
    article = Article("e", "خبر\n\nأرسلت بيلاروسيا قذائف مدفعية إلى أرمينيا.\n", published="2024-05-01")
    extraction = extract_article(article, _tiny_gazetteer())
    assert [(f.supplier, f.recipient) for f in extraction.flows] == [("BY", "AM")]


def test_extraction_stages_keep_no_caches_at_module_level():
    # what is kept between articles lives on the resources handed in, never in a module
    import geomap.annotate.dates
    import geomap.annotate.places
    import geomap.annotate.resolve
    import geomap.annotate.stance
    import geomap.text.arabic
    import geomap.text.sentences
    import geomap.text.spans

    modules = (geomap.text.arabic, geomap.text.sentences, geomap.text.spans, geomap.annotate.places,
               geomap.annotate.resolve, geomap.annotate.stance, geomap.annotate.dates)
    cached = [f"{m.__name__}.{name}" for m in modules for name, value in vars(m).items()
              if hasattr(value, "cache_info") and getattr(value, "__module__", "") == m.__name__]
    assert cached == []


def test_word_memos_are_bounded_and_give_what_they_memorise():
    from geomap.annotate.places import word_frequency
    from geomap.text.arabic import WordMemo
    from geomap.text.document import article_words, word_readings

    readings = WordMemo(word_readings, size=2)
    words = ["والولايات", "لإيران", "ايران", "والولايات"]
    assert [readings(w) for w in words] == [word_readings(w) for w in words]
    assert len(readings) <= 2
    assert article_words("وصلت لإيران", readings=readings) == article_words("وصلت لإيران")
    frequency = WordMemo(word_frequency, size=1)
    assert [frequency(w) for w in ("في", "القاهرة", "في")] == [word_frequency(w) for w in ("في", "القاهرة", "في")]
    assert len(frequency) == 1


def test_the_readings_of_words_are_kept_on_the_resources(bundled):
    article = Article("d", "خبر\n\nأرسلت روسيا صواريخ إلى سوريا.\n")
    fresh = Resources.load()
    assert to_record(extract_article(article, fresh)) == to_record(extract_article(article, bundled))
    assert fresh.readings("صواريخ") == bundled.readings("صواريخ")
    assert len(fresh.readings) > 0
