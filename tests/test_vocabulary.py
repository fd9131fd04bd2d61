import json
import os
import subprocess
import sys

import pytest

from geomap.annotate.gazetteer import load_gazetteer
from geomap.annotate.places import find_places
from geomap.annotate.resolve import resolve_places
from geomap.resources import Resources
from geomap.vocabulary import load_vocabulary


@pytest.fixture
def user_vocabulary(tmp_path):
    return tmp_path


def test_user_lists_are_appended_to_the_bundled_ones(user_vocabulary):
    bundled = load_vocabulary("weapons")["systems"]
    (user_vocabulary / "weapons.yaml").write_text(
        "systems:\n  - {name: Example-9, class: missiles, maker: YE, names: [إكزامبل 9]}\n", encoding="utf-8"
    )
    systems = load_vocabulary("weapons", user_vocabulary)["systems"]
    assert systems[: len(bundled)] == bundled
    assert systems[-1]["name"] == "Example-9"


def test_user_places_join_the_gazetteer(user_vocabulary):
    (user_vocabulary / "curated.yaml").write_text(
        "places:\n  - {id: example-depot, name: Example Depot, kind: facility, country: YE, lat: 15.1, lon: 44.2,"
        " arabic: [مستودع المثال الكبير], source: analyst}\n",
        encoding="utf-8",
    )
    gazetteer = load_gazetteer(vocabulary_dir=user_vocabulary)
    text = "نقلت الشحنة إلى مستودع المثال الكبير قرب صنعاء"
    places = resolve_places(text, find_places(text, gazetteer), gazetteer).places
    assert "Example Depot" in {p.place.name for p in places}


def test_broken_user_file_is_an_error_naming_it(user_vocabulary):
    (user_vocabulary / "events.yaml").write_text("triggers: [unclosed\n", encoding="utf-8")
    with pytest.raises(ValueError, match="events.yaml: not valid YAML"):
        load_vocabulary("events", user_vocabulary)


def test_user_entries_go_when_the_user_vocabulary_is_not_given(user_vocabulary):
    (user_vocabulary / "weapons.yaml").write_text(
        "systems:\n  - {name: Example-9, class: missiles, maker: YE, names: [إكزامبل 9]}\n", encoding="utf-8"
    )
    assert "Example-9" in {s["name"] for s in load_vocabulary("weapons", user_vocabulary)["systems"]}
    assert "Example-9" not in {s["name"] for s in load_vocabulary("weapons")["systems"]}


ALIAS_BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b]\n"


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("weapons", ALIAS_BOMB, "weapons.yaml: line 2: aliases (*a) are not allowed"),
        ("weapons", "systems:\n  - {name: X, class: missiles, maker: YE, names: 5}\n",
         "weapons.yaml: entry systems[0].names: expected a list, got a number"),
        ("weapons", "systems:\n  - {name: X, class: missiles, names: [إكس]}\n",
         "weapons.yaml: entry systems[0]: lacks 'maker'"),
        ("weapons", "systems: {name: X}\n", "weapons.yaml: entry systems: expected a list, got a mapping"),
        ("weapons", "- just a list\n", "weapons.yaml: entry (the whole file): expected a mapping, got a list"),
        ("events", "x: " + "[" * 60 + "]" * 60 + "\n", "events.yaml: line 1: nested deeper than 50"),
        ("events", "x: " + "9" * 5000 + "\n", "events.yaml: not valid YAML"),
        ("events", b"x: \xff\xfe\n", "events.yaml: not UTF-8 text"),
        ("actors", "outlets:\n  Example: Example\n",
         "actors.yaml: entry outlets.Example: expected a list, got a string"),
        ("curated", "places:\n  - {id: d, name: D, kind: facility, country: YE, lat: north, lon: 44.2,"
         " arabic: [مستودع], source: a}\n", "curated.yaml: entry places[0].lat: expected a number, got a string"),
        ("countries", "countries:\n  YE: اليمن\n", "countries.yaml: entry countries.YE: expected a list, got a string"),
    ],
)
def test_a_bad_user_file_is_one_error_naming_file_entry_and_type(user_vocabulary, name, content, message):
    path = user_vocabulary / f"{name}.yaml"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError) as error:
        if name in ("curated", "countries"):
            load_gazetteer(vocabulary_dir=user_vocabulary)
        else:
            load_vocabulary(name, user_vocabulary)
    assert message in str(error.value)
    assert str(error.value).startswith(str(user_vocabulary))


def test_a_user_file_over_the_size_limit_is_refused_unread(user_vocabulary):
    (user_vocabulary / "weapons.yaml").write_text("system_words: [" + "كلمة, " * 1_000_000 + "]\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"weapons.yaml: too large \(more than 5,242,880 bytes\)"):
        load_vocabulary("weapons", user_vocabulary)


@pytest.mark.parametrize("kind", ["missing", "file"])
def test_a_user_vocabulary_that_is_not_a_folder_is_an_error(tmp_path, monkeypatch, kind):
    path = tmp_path / "vocab"
    if kind == "file":
        path.write_text("x", encoding="utf-8")
    monkeypatch.setenv("GEOMAP_VOCABULARY", str(path))
    with pytest.raises(ValueError, match=f"GEOMAP_VOCABULARY={path}: no such folder"):
        Resources.load()
    with pytest.raises(ValueError, match=f"{path}: no such vocabulary folder"):
        Resources.load(path)


def _flows_of(path, env):
    result = subprocess.run([sys.executable, "-m", "geomap.cli", "extract", str(path), "--quiet"],
                            capture_output=True, text=True, env=env, check=True)
    return [(f["supplier"], f["recipient"], f["commodity"]) for f in json.loads(result.stdout)["flows"]]


def test_a_supply_verb_added_through_the_overlay_makes_a_flow(tmp_path):
    article = tmp_path / "article.txt"
    article.write_text("خبر\n\nأوصلت بيلاروسيا قذائف مدفعية إلى أرمينيا عبر جورجيا.\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "GEOMAP_VOCABULARY"}
    assert _flows_of(article, env) == []
    overlay = tmp_path / "vocabulary"
    overlay.mkdir()
    (overlay / "flows.yaml").write_text("triggers:\n  send: [أوصل, أوصلت, يوصل, توصل]\n", encoding="utf-8")
    assert _flows_of(article, {**env, "GEOMAP_VOCABULARY": str(overlay)}) == [("BY", "AM", "munitions")]


LEAK_KIND = ("triggers:\n  leak: [تسرب, تسربت, يتسرب, تتسرب]\n"
             "kinds:\n  leak: {roles: mover, items: before, state_destination: true}\n")


def test_a_trigger_kind_declared_in_the_overlay_makes_a_flow(tmp_path):
    # goods named before a verb of their own (تسرّبت): a kind no bundled one is, with no Python
    article = tmp_path / "article.txt"
    article.write_text("خبر\n\nوقالت التقارير إن صواريخ بيلاروسية تسربت إلى أرمينيا الشهر الماضي.\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "GEOMAP_VOCABULARY"}
    assert _flows_of(article, env) == []
    overlay = tmp_path / "vocabulary"
    overlay.mkdir()
    (overlay / "flows.yaml").write_text(LEAK_KIND, encoding="utf-8")
    assert _flows_of(article, {**env, "GEOMAP_VOCABULARY": str(overlay)}) == [("BY", "AM", "missiles")]


@pytest.mark.parametrize("items, expected", [
    (None, []), ("before", []), ("before_or_next", [("BY", "AM", "missiles")])])
def test_an_overlay_kind_reads_goods_where_it_declares(tmp_path, items, expected):
    from geomap.model import Article
    from geomap.pipeline import extract_article

    if items is None:
        resources = Resources(None, None)  # the bundled kinds alone: تسرّب is no trigger
    else:
        (tmp_path / "flows.yaml").write_text(LEAK_KIND.replace("items: before", f"items: {items}"), encoding="utf-8")
        resources = Resources.load(tmp_path)
        kind = resources.flows.kinds["leak"]
        assert (kind.roles, kind.items, kind.state_destination, kind.cargo) == ("mover", items, True, False)
    # the goods right after the verb count only for a kind that reads them there
    found = extract_article(Article("t", "وقالوا إنه تسربت صواريخ بيلاروسية عبر الحدود إلى أرمينيا."), resources).flows
    assert [(f.supplier, f.recipient, f.commodity) for f in found] == expected


@pytest.mark.parametrize(
    "content, message",
    [
        ("kinds:\n  leak: {roles: throw}\n",
         "kinds: leak: roles: 'throw' is not one of giver, sender, receiver, mover"),
        ("kinds:\n  leak: {roles: mover, carries: true}\n", "kinds: leak: unknown property carries (known: "),
        ("kinds:\n  leak: {roles: mover, items: sideways}\n", "kinds: leak: items: 'sideways' is not one of after,"),
        ("kinds:\n  leak: {roles: mover, cargo: yes please}\n",
         "entry kinds.leak.cargo: expected true or false, got a string"),
        ("kinds:\n  leak: {roles: mover, implied_item: tanks}\n", "kinds: leak: implied_item: 'tanks' is not one of"),
        ("kinds:\n  leak: {roles: mover, items: next}\n", "kinds: leak: items: next needs implied_item"),
        ("kinds:\n  leak: {items: before}\n", "kinds: leak: roles: missing (one of giver,"),
        ("kinds:\n  leak: {roles: mover, not_items: [people]}\n", "kinds: leak: not_items: expected a list of classes"),
        ("kinds:\n  leak: {roles: mover, implied_words: true}\n",
         "kinds: implied_words must be true for exactly one kind (it is for give, leak)"),
        ("triggers:\n  leak: [تسربت]\n", "triggers: leak: kind 'leak' is not declared under kinds"),
        ("verbless:\n  made: leak\n", "verbless: made: kind 'leak' is not declared under kinds"),
    ],
)
def test_a_bad_trigger_kind_is_one_error_naming_file_kind_and_property(user_vocabulary, content, message):
    (user_vocabulary / "flows.yaml").write_text(content, encoding="utf-8")
    with pytest.raises(ValueError) as error:
        Resources.load(user_vocabulary)
    assert message in str(error.value)
    assert str(error.value).startswith(str(user_vocabulary / "flows.yaml"))


@pytest.mark.parametrize(
    "content, message",
    [
        ("each_place: [parade]\n", "each_place: 'parade' is no event type or group"),
        ("denying: [denial, rebuttal]\n", "denying: 'rebuttal' is no event type or group"),
        ("aimed_at:\n  test: bombing\n", "aimed_at: test: 'bombing' is no event type of groups"),
    ],
)
def test_an_event_property_naming_no_type_is_an_error_naming_the_file(user_vocabulary, content, message):
    (user_vocabulary / "events.yaml").write_text(content, encoding="utf-8")
    with pytest.raises(ValueError) as error:
        Resources.load(user_vocabulary)
    assert message in str(error.value)
    assert str(error.value).startswith(str(user_vocabulary / "events.yaml"))


def test_every_bundled_trigger_kind_is_declared():
    flows = load_vocabulary("flows")
    kinds = Resources.load().flows.kinds
    assert set(flows["triggers"]) | set(flows["verbless"].values()) <= set(kinds)
    assert all(kind.roles or kind.ends_from_before for kind in kinds.values())


def test_the_compiled_kinds_pickle_for_worker_processes():
    import pickle

    resources = Resources.load()
    flows, events = pickle.loads(pickle.dumps((resources.flows, resources.events)))
    assert flows.kinds == resources.flows.kinds and flows.kinds["presence"].trigger_is_item
    assert events.aimed_at == resources.events.aimed_at == {"test": "attack"}
