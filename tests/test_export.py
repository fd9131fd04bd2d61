import json
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pyogrio
import pytest
from test_layers import DTYPES, PYONGYANG, ROUTES, StubGazetteer, assert_column_types, sample_layers

from geomap.io.export import GPKG_DATE, flat_layer, flat_layers, geojson_text, read_layer, write_layers
from geomap.layers import EVENT_COLUMNS, LAYER_NAMES, ROUTE_COLUMNS, build_layers

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
        "from geomap.io.export import write_layers; write_layers(sample_layers(), sys.argv[1])"
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


def test_geoparquet_round_trip_keeps_the_types(written):
    directory, _ = written
    layers = sample_layers()
    for name, frame in layers.items():
        back = read_layer(directory / f"{name}.parquet")
        assert_column_types(back, DTYPES[name])
        for column in frame.columns:
            if column != "geometry":
                assert back[column].tolist() == frame[column].tolist() or (
                    back[column].isna().tolist() == frame[column].isna().tolist()
                    and back[column].dropna().tolist() == frame[column].dropna().tolist()), (name, column)
    routes = read_layer(directory / "routes.parquet")
    assert list(routes[routes.first_date >= "2023-01-01"]["id"]) == ["KP-RU-munitions", "RU-KP-technology"]


def test_geoparquet_column_types_do_not_depend_on_the_rows(tmp_path):
    routes = [r for r in ROUTES if not r.weapons and not r.quantities and not r.claimed_by and not r.first_date]
    sparse = build_layers([], StubGazetteer(), routes=routes, events=[])
    for directory, layers in ((tmp_path / "full", sample_layers()), (tmp_path / "sparse", sparse)):
        write_layers(layers, directory, formats=("parquet",))
    for name in LAYER_NAMES:
        full = pq.read_schema(tmp_path / "full" / f"{name}.parquet")
        assert pq.read_schema(tmp_path / "sparse" / f"{name}.parquet").remove_metadata() == full.remove_metadata()
    schema = pq.read_schema(tmp_path / "sparse" / "routes.parquet")
    assert schema.field("weapons").type == pa.list_(pa.string())
    assert schema.field("first_date").type == pa.timestamp("us")
    assert schema.field("quantities").type.value_type.field("value").type == pa.float64()
    assert gpd.read_parquet(tmp_path / "sparse" / "routes.parquet")["first_date"].isna().all()


def test_geojson_and_geopackage_hold_the_simple_types(written):
    directory, _ = written
    features = json.loads((directory / "routes.geojson").read_text("utf-8"))["features"]
    route = next(f["properties"] for f in features if f["id"] == "KP-RU-munitions")
    assert list(route) == [c for c in ROUTE_COLUMNS if not c.endswith("_precision")][:-1]
    assert (route["first_date"], route["last_date"], route["start"], route["end"]) == (
        "2023-07", "2024-03", "2023-07-01", "2024-03-31")
    assert route["weapons"] == "Grad" and route["denied_by"] == "KP; RU" and route["articles"] == "a0; a1"
    assert route["quantities"] == "more than 1,000,000 shells"
    assert [item["article"] for item in json.loads(route["evidence"])] == ["a0", "a1"]
    technology = next(f["properties"] for f in features if f["id"] == "RU-KP-technology")
    assert (technology["first_date"], technology["end"]) == ("2024", "2024-12-31")
    events = gpd.read_file(directory / "layers.gpkg", layer="events")
    assert list(events.columns) == [c for c in EVENT_COLUMNS if not c.endswith("_precision")]
    assert events.iloc[0]["actors"] == "RU; KP; CN" and events.iloc[0]["date_start"] == "2023-07-25"


def test_flattening_is_the_geojson_encoding_and_changes_nothing_twice():
    layers = sample_layers()
    flat = flat_layers(layers)
    for name, frame in layers.items():
        assert geojson_text(frame) == geojson_text(getattr(flat, name))
        again = flat_layer(getattr(flat, name))
        assert again.drop(columns="geometry").equals(getattr(flat, name).drop(columns="geometry"))
    assert flat.corpus == layers.corpus
    assert isinstance(layers.routes["weapons"].iloc[0], list)  # the layers themselves are left as they were


def test_geojson_read_back_flattens_to_itself(written):
    directory, _ = written
    routes = gpd.read_file(directory / "routes.geojson")
    assert geojson_text(flat_layer(routes)) == geojson_text(routes)
    assert pd.api.types.is_string_dtype(flat_layer(routes)["first_date"].dtype)


def test_flattening_a_frame_of_ones_own_columns():
    from shapely.geometry import Point

    frame = gpd.GeoDataFrame(
        {"seen": pd.to_datetime(["2024-05-06T23:30:00+00:00", None], utc=True), "tags": [["a", "b"], []],
         "note": pd.Series(["x", None], dtype=object), "n": [1.5, 2.0]},
        geometry=[Point(0, 0), Point(1, 1)], crs="EPSG:4326")
    flat = flat_layer(frame)
    assert flat["seen"].tolist() == ["2024-05-06", None]
    assert flat["tags"].tolist() == ["a; b", ""] and flat["note"].tolist() == ["x", None]
    assert flat["n"].dtype == float and flat.crs == frame.crs
