"""The committed ``layers/`` files hold what the bundled corpus gives today.

The comparison is of content (features, their properties and coordinates), and a failure
says which features changed, so a change in extraction reads as a list of changed routes,
events and places.
"""

import json
import shutil
from pathlib import Path

from geomap.io.datadiff import describe_changes
from geomap.io.export import write_current_layers

COMMITTED = Path(__file__).resolve().parents[1] / "layers"
LAYERS = ("routes", "events", "places", "countries")


def features(path: Path) -> dict:
    collection = json.loads(path.read_text(encoding="utf-8"))
    return {feature_key(f): {**f["properties"], "geometry": f["geometry"]} for f in collection["features"]}


def feature_key(feature: dict) -> str:
    props = feature["properties"]
    return str(feature.get("id") or props.get("id") or props.get("code"))


def layer_changes(committed: Path, fresh: Path) -> list[str]:
    lines = []
    for layer in LAYERS:
        old, new = committed / f"{layer}.geojson", fresh / f"{layer}.geojson"
        if not old.exists():
            lines.append(f"{old} is missing")
            continue
        lines += describe_changes(features(old), features(new), f"{layer} feature")
    old_corpus = json.loads((committed / "corpus.json").read_text(encoding="utf-8"))
    new_corpus = json.loads((fresh / "corpus.json").read_text(encoding="utf-8"))
    lines += describe_changes(old_corpus, new_corpus, "corpus.json field")
    return lines


def test_bundled_corpus_rebuilds_the_committed_layers(tmp_path):
    write_current_layers(tmp_path, formats=("geojson",))
    changes = layer_changes(COMMITTED, tmp_path)
    assert not changes, "layers/ is out of date (rebuild: make layers):\n" + "\n".join(changes)


def test_a_moved_route_end_is_reported_by_feature(tmp_path):
    fresh, moved = tmp_path / "fresh", tmp_path / "moved"
    write_current_layers(fresh, formats=("geojson",))
    shutil.copytree(fresh, moved)
    routes = json.loads((moved / "routes.geojson").read_text(encoding="utf-8"))
    first = routes["features"][0]
    first["geometry"]["coordinates"][0][0] += 1.0
    (moved / "routes.geojson").write_text(json.dumps(routes), encoding="utf-8")
    assert layer_changes(fresh, fresh) == []
    changes = layer_changes(fresh, moved)
    assert len(changes) == 1 and changes[0].startswith(f"routes feature {feature_key(first)}: geometry")
