import json
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import pyarrow.parquet as pq
import pyogrio
import pytest
from test_layers import PYONGYANG, sample_layers

from geomap.export import GPKG_DATE, geojson_text, write_layers
from geomap.layers import LAYER_NAMES, build_layers

FILES = [f"{name}.{ext}" for name in LAYER_NAMES for ext in ("geojson", "parquet")] + ["layers.gpkg", "corpus.json"]


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    directory = tmp_path_factory.mktemp("layers")
    return directory, write_layers(sample_layers(), directory)


def test_writes_every_layer_in_every_format(written):
    directory, paths = written
    assert [p.name for p in paths] == FILES
    assert all(p.parent == directory and p.stat().st_size > 0 for p in paths)


def test_writing_twice_gives_the_same_bytes(written, tmp_path):
    directory, paths = written
    again = write_layers(sample_layers(), tmp_path)
    for first, second in zip(paths, again, strict=True):
        assert first.read_bytes() == second.read_bytes(), first.name


def test_another_process_writes_the_same_bytes(written, tmp_path):
    directory, paths = written
    code = (
        "import sys; sys.path.insert(0, sys.argv[2]); from test_layers import sample_layers; "
        "from geomap.export import write_layers; write_layers(sample_layers(), sys.argv[1])"
    )
    subprocess.run([sys.executable, "-c", code, str(tmp_path), str(Path(__file__).parent)], check=True)
    for path in paths:
        assert path.read_bytes() == (tmp_path / path.name).read_bytes(), path.name


def test_geojson_is_rfc7946(written):
    directory, _ = written
    for name in LAYER_NAMES:
        text = (directory / f"{name}.geojson").read_text("utf-8")
        data = json.loads(text)
        assert data["type"] == "FeatureCollection" and "crs" not in data
        # no coordinate carries more than five decimals
        geometry_text = json.dumps([f["geometry"] for f in data["features"]])
        assert not re.search(r"\d\.\d{6,}", geometry_text)
    places = json.loads((directory / "places.geojson").read_text("utf-8"))
    pyongyang = next(f for f in places["features"] if f["id"] == PYONGYANG.id)
    assert pyongyang["geometry"]["coordinates"] == [round(PYONGYANG.lon, 5), round(PYONGYANG.lat, 5)]  # lon, lat
    assert pyongyang["properties"]["mentions"] == 3


def test_geojson_keeps_arabic_text_and_nulls(written):
    directory, _ = written
    text = (directory / "events.geojson").read_text("utf-8")
    assert "نص المقال" in text
    statement = next(f for f in json.loads(text)["features"] if f["id"] == "statement-tehran")
    assert statement["properties"]["start"] is None and statement["properties"]["date_start"] is None


def test_geojson_reads_back_with_geopandas(written):
    directory, _ = written
    layers = sample_layers()
    routes = gpd.read_file(directory / "routes.geojson")
    assert list(routes["id"]) == list(layers.routes["id"])
    assert list(routes["summary"]) == list(layers.routes["summary"])
    assert routes.geometry.iloc[0].hausdorff_distance(layers.routes.geometry.iloc[0]) < 1e-4


def test_geoparquet_keeps_columns_and_types(written):
    directory, _ = written
    layers = sample_layers()
    for name, frame in layers.items():
        back = gpd.read_parquet(directory / f"{name}.parquet")
        assert list(back.columns) == list(frame.columns)
        assert back.crs.to_epsg() == 4326
        assert len(back) == len(frame)
    routes = gpd.read_parquet(directory / "routes.parquet")
    assert routes["denied"].dtype == bool and routes["sources"].dtype == "int64"
    metadata = pq.read_metadata(directory / "routes.parquet").metadata
    assert b"geo" in metadata


def test_geopackage_holds_all_layers_with_pinned_dates(written):
    directory, _ = written
    path = directory / "layers.gpkg"
    assert [list(row) for row in pyogrio.list_layers(path)] == [
        ["places", "Point"], ["events", "Point"], ["routes", "MultiLineString"], ["countries", "MultiPolygon"]]
    with sqlite3.connect(path) as db:
        dates = {row[0] for row in db.execute("SELECT last_change FROM gpkg_contents")}
    assert dates == {GPKG_DATE}
    routes = gpd.read_file(path, layer="routes")
    assert list(routes["id"]) == list(sample_layers().routes["id"])


def test_empty_layers_are_written(tmp_path):
    paths = write_layers(build_layers([], None, routes=[], events=[]), tmp_path)
    assert [p.name for p in paths] == FILES
    assert json.loads((tmp_path / "routes.geojson").read_text("utf-8"))["features"] == []
    assert len(gpd.read_parquet(tmp_path / "events.parquet")) == 0


def test_formats_can_be_chosen(tmp_path):
    paths = write_layers(sample_layers(), tmp_path, formats=("geojson",))
    assert [p.suffix for p in paths] == [".geojson"] * 4 + [".json"]


def test_geojson_text_uses_code_as_id_for_countries():
    text = geojson_text(sample_layers().countries)
    first = json.loads(text.splitlines()[1].rstrip(","))
    assert first["id"] == first["properties"]["code"]


def test_geojson_polygons_follow_the_right_hand_rule(written):
    from shapely.geometry import LinearRing

    directory, _ = written
    countries = json.loads((directory / "countries.geojson").read_text("utf-8"))
    for feature in countries["features"]:
        geometry = feature["geometry"]
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        for rings in polygons:
            assert LinearRing(rings[0]).is_ccw
            assert all(not LinearRing(hole).is_ccw for hole in rings[1:])
