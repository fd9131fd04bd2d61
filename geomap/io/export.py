"""Writing layers to files: GeoJSON, GeoParquet and one GeoPackage.

Every file is byte-stable: the same layers give the same bytes. GeoJSON is
written here (RFC 7946: lon/lat in WGS84, no ``crs`` member, coordinates
rounded, one feature per line so that diffs stay readable) and depends on
nothing but the layers. GeoParquet keeps the types of the columns (dates as
timestamps, lists as Arrow lists, quantities and evidence as lists of structs)
and holds no time of writing; GeoJSON and GeoPackage hold the simple-type
encoding of :func:`flat_layer` (ISO text dates at the precision the articles
give, ``"; "``-joined lists, quantities in words, evidence as JSON text).
GeoPackage records a
modification time in ``gpkg_contents``; it is pinned to :data:`GPKG_DATE`.
GeoParquet and GeoPackage files name the library versions that wrote them
(pyarrow, geopandas, GDAL), so only GeoJSON is compared across machines.
Each file is written atomically (:mod:`geomap.io.atomic`): a failure part-way
leaves the previous file as it was.
"""

from __future__ import annotations

import json
import math
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
from shapely.geometry import MultiPolygon, mapping
from shapely.geometry.polygon import orient

from geomap.io.atomic import atomic_path, atomic_write
from geomap.layers import COLUMN_KINDS, LAYER_NAMES, Layers, quantity_text

__all__ = [
    "GPKG_DATE",
    "GPKG_NAME",
    "LIST_SEPARATOR",
    "write_layers",
    "write_geojson",
    "geojson_text",
    "flat_layer",
    "flat_layers",
    "read_layer",
    "write_current_layers",
    "main",
]

#: Modification time written into GeoPackage metadata, so that files do not depend on the clock.
GPKG_DATE = "2000-01-01T00:00:00.000Z"
GPKG_NAME = "layers.gpkg"
DECIMALS = 5
#: Where :func:`write_current_layers` writes: the repository's top-level ``layers/``.
DEFAULT_DIRECTORY = Path(__file__).resolve().parents[2] / "layers"
#: How GeoJSON and GeoPackage join the items of a list column.
LIST_SEPARATOR = "; "
#: One geometry type per GeoPackage table (lines and polygons promoted to multi-part).
GPKG_GEOMETRY_TYPES = {"places": "Point", "events": "Point", "routes": "MultiLineString", "countries": "MultiPolygon"}


def write_layers(
    layers: Layers,
    directory: str | Path,
    formats: Sequence[str] = ("geojson", "parquet", "gpkg"),
) -> list[Path]:
    """Write every layer as GeoJSON and GeoParquet, and all layers into one GeoPackage.

    Parameters
    ----------
    layers : Layers
        As built by :func:`geomap.layers.build_layers`.
    directory : str or Path
        Created if missing. Files: ``{layer}.geojson``, ``{layer}.parquet``,
        ``layers.gpkg`` (one table per layer) and ``corpus.json`` (the corpus
        summary).
    formats : sequence of str
        Any of ``"geojson"``, ``"parquet"``, ``"gpkg"``.

    Returns
    -------
    list of Path
        The files written, in a stable order.
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    flat = flat_layers(layers) if "geojson" in formats or "gpkg" in formats else layers
    for name, frame in layers.items():
        if "geojson" in formats:
            written.append(write_geojson(getattr(flat, name), directory / f"{name}.geojson"))
        if "parquet" in formats:
            path = directory / f"{name}.parquet"
            with atomic_path(path) as staged:
                _write_parquet(_plain(frame), staged)
            written.append(path)
    if "gpkg" in formats:
        written.append(_write_gpkg(flat, directory / GPKG_NAME))
    corpus = directory / "corpus.json"
    with atomic_write(corpus) as fh:
        fh.write(json.dumps(layers.corpus, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
    written.append(corpus)
    return written


def write_current_layers(
    directory: str | Path | None = None,
    corpus: str | Path | None = None,
    formats: Sequence[str] = ("geojson", "parquet", "gpkg"),
) -> list[Path]:
    """Build and write the layers of the bundled seed corpus (or ``corpus``) to ``directory``.

    Also ``python -m geomap.io.export [DIRECTORY] [--corpus PATH]``.

    Parameters
    ----------
    directory : str or Path, optional
        Where to write; the repository's top-level ``layers/`` by default.
    corpus : str or Path, optional
        A file or folder of articles; the bundled seed corpus by default.
    formats : sequence of str
        As for :func:`write_layers`.

    Returns
    -------
    list of Path
        The files written.
    """
    from geomap.layers import build_layers

    directory = Path(directory) if directory is not None else DEFAULT_DIRECTORY
    extractions, name = _extract_corpus(corpus)
    return write_layers(build_layers(extractions, corpus_name=name), directory, formats)


def _extract_corpus(corpus: str | Path | None):
    from geomap.pipeline import extract_corpus
    from geomap.read.articles import read_corpus

    read = read_corpus(corpus)
    extractions, _ = extract_corpus(read.articles)
    return extractions, read.name


# ---------------------------------------------------------------------------------------------------------------------
# GeoJSON


def geojson_text(frame: gpd.GeoDataFrame, decimals: int = DECIMALS) -> str:
    """A layer as RFC 7946 GeoJSON text, one feature per line.

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely.geometry import Point
    >>> frame = gpd.GeoDataFrame({"id": ["a"], "n": [1]}, geometry=[Point(125.754321, 39.03389)], crs="EPSG:4326")
    >>> print(geojson_text(frame))
    {"type":"FeatureCollection","features":[
    {"type":"Feature","id":"a","properties":{"id":"a","n":1},"geometry":{"type":"Point","coordinates":[125.75432,39.03389]}}
    ]}
    """
    if frame.crs is not None and not frame.crs.equals("EPSG:4326"):
        frame = frame.to_crs("EPSG:4326")
    frame = flat_layer(frame)
    columns = [c for c in frame.columns if c != frame.geometry.name]
    key = "id" if "id" in columns else ("code" if "code" in columns else None)
    records = frame[columns].to_dict("records")
    lines = []
    for record, geom in zip(records, frame.geometry, strict=True):
        properties = {c: _scalar(record[c]) for c in columns}
        feature: dict[str, Any] = {"type": "Feature"}
        if key is not None and properties[key] is not None:
            feature["id"] = properties[key]
        feature["properties"] = properties
        feature["geometry"] = None if geom is None or geom.is_empty else _round(mapping(_oriented(geom)), decimals)
        lines.append(json.dumps(feature, ensure_ascii=False, separators=(",", ":")))
    body = ",\n".join(lines)
    return '{"type":"FeatureCollection","features":[\n' + body + ("\n" if lines else "") + "]}"


def write_geojson(frame: gpd.GeoDataFrame, path: str | Path, decimals: int = DECIMALS) -> Path:
    """Write a layer as RFC 7946 GeoJSON (see :func:`geojson_text`); returns the path."""
    path = Path(path)
    with atomic_write(path) as fh:
        fh.write(geojson_text(frame, decimals) + "\n")
    return path


def _oriented(geom):
    """Polygons with counterclockwise exteriors and clockwise holes (RFC 7946, section 3.1.6)."""
    if geom.geom_type == "Polygon":
        return orient(geom, sign=1.0)
    if geom.geom_type == "MultiPolygon":
        return MultiPolygon([orient(part, sign=1.0) for part in geom.geoms])
    return geom


def _scalar(value: Any) -> Any:
    if value is None:
        return None
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def _round(value: Any, decimals: int) -> Any:
    if isinstance(value, float):
        rounded = round(value, decimals)
        return 0.0 if rounded == 0 else rounded
    if isinstance(value, (list, tuple)):
        return [_round(v, decimals) for v in value]
    if isinstance(value, dict):
        return {k: _round(v, decimals) for k, v in value.items()}
    return value


# ---------------------------------------------------------------------------------------------------------------------
# simple types


def flat_layers(layers: Layers) -> Layers:
    """The layers with every layer flattened by :func:`flat_layer`."""
    return Layers(**{name: flat_layer(frame) for name, frame in layers.items()}, corpus=layers.corpus)


def flat_layer(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """A layer in the simple types of GeoJSON and GeoPackage, as those files hold it.

    Dates become ISO text at their precision (``2023``, ``2023-07``,
    ``2023-07-25``, read from the column ``{name}_precision``, which is
    dropped; a date without one is a day), lists become ``"; "``-joined text,
    quantities their words (``more than 1,000 shells``) and evidence compact
    JSON text. Columns already in simple types are kept as they are, so
    flattening a flat layer changes nothing.

    Parameters
    ----------
    frame : geopandas.GeoDataFrame
        A layer of :func:`geomap.layers.build_layers`, or one read back from a file.

    Returns
    -------
    geopandas.GeoDataFrame
        A new frame with the same rows, geometry and CRS.

    Examples
    --------
    >>> import geopandas as gpd, pandas as pd
    >>> from shapely.geometry import Point
    >>> frame = gpd.GeoDataFrame({"weapons": [["Grad", "Kh-101"]], "first_date": pd.to_datetime(["2023-07-01"]),
    ...                           "first_date_precision": ["month"]}, geometry=[Point(0, 0)], crs="EPSG:4326")
    >>> flat_layer(frame).drop(columns="geometry").to_dict("records")
    [{'weapons': 'Grad; Kh-101', 'first_date': '2023-07'}]
    """
    geometry = frame.geometry.name
    precisions = {c for c in frame.columns if c.endswith("_precision") and c.removesuffix("_precision") in frame}
    data = {}
    for name in frame.columns:
        if name == geometry or name in precisions:
            continue
        column = frame[name]
        if pd.api.types.is_datetime64_any_dtype(column.dtype):
            levels = frame[f"{name}_precision"] if f"{name}_precision" in precisions else None
            data[name] = _date_texts(column, levels)
        elif column.dtype == object and (
            COLUMN_KINDS.get(name) in ("list", "quantities", "records")
            or any(isinstance(v, (list, tuple, np.ndarray, pd.Timestamp)) for v in column)
        ):
            kind = COLUMN_KINDS.get(name)
            data[name] = pd.Series([_flat_value(v, kind) for v in column], index=frame.index, dtype="object")
        else:
            data[name] = column
    return gpd.GeoDataFrame(data, geometry=frame.geometry, crs=frame.crs)


#: Characters of ``YYYY-MM-DD`` kept at each precision.
_DATE_WIDTHS = {"year": 4, "month": 7, "day": 10}


def _date_texts(column: pd.Series, levels: pd.Series | None) -> pd.Series:
    """ISO text of a date column, each date at its precision (a day when it has none); ``None`` for ``NaT``."""
    if column.dt.tz is not None:
        column = column.dt.tz_convert("UTC").dt.tz_localize(None)
    days = np.datetime_as_string(column.to_numpy().astype("datetime64[D]"), unit="D")
    widths = [10] * len(column) if levels is None else [_DATE_WIDTHS.get(level, 10) for level in levels]
    texts = [None if missing else day[:width]
             for day, width, missing in zip(days.tolist(), widths, column.isna().tolist(), strict=True)]
    return pd.Series(texts, index=column.index, dtype="object")


def _flat_value(value: Any, kind: str | None) -> Any:
    if isinstance(value, np.ndarray):
        value = value.tolist()
    if not isinstance(value, (list, tuple)):
        return value.isoformat()[:10] if isinstance(value, pd.Timestamp) else value
    items = [v.tolist() if isinstance(v, np.ndarray) else v for v in value]
    if kind == "quantities":
        return LIST_SEPARATOR.join(quantity_text(q) if isinstance(q, dict) else str(q) for q in items)
    if kind == "records" or any(isinstance(v, dict) for v in items):
        return json.dumps(items, ensure_ascii=False, separators=(",", ":"))
    return LIST_SEPARATOR.join(str(v) for v in items)


# ---------------------------------------------------------------------------------------------------------------------
# GeoParquet and GeoPackage


def read_layer(path: str | Path) -> gpd.GeoDataFrame:
    """A layer read back from its GeoParquet file, with the types :func:`geomap.layers.build_layers` gives.

    :func:`geopandas.read_parquet` reads the same file, with list columns as
    numpy arrays; this turns them back into Python lists.

    Parameters
    ----------
    path : str or Path
        A ``{layer}.parquet`` file written by :func:`write_layers`.

    Returns
    -------
    geopandas.GeoDataFrame
    """
    frame = gpd.read_parquet(path)
    for name in frame.columns:
        if COLUMN_KINDS.get(name) in ("list", "quantities", "records"):
            frame[name] = pd.Series([_python(v) for v in frame[name]], index=frame.index, dtype="object")
    return frame


def _python(value: Any) -> Any:
    if isinstance(value, np.ndarray):
        return [_python(v) for v in value.tolist()]
    if isinstance(value, list):
        return [_python(v) for v in value]
    if isinstance(value, dict):
        return {k: _python(v) for k, v in value.items()}
    return value


def _write_parquet(frame: gpd.GeoDataFrame, path: Path) -> None:
    """Write a layer as GeoParquet with the Arrow type of each column fixed by its kind, whatever the rows hold."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    frame.to_parquet(path, index=False)
    table = pq.read_table(path)
    fields = [pa.field(f.name, _arrow_type(f.name, f.type), metadata=f.metadata) for f in table.schema]
    table = table.cast(pa.schema(fields, metadata=table.schema.metadata))
    pq.write_table(table, path, compression="zstd")


def _arrow_type(name: str, inferred):
    """The Arrow type of a column: by its kind, else as inferred with no ``null`` type left."""
    import pyarrow as pa

    kind = COLUMN_KINDS.get(name)
    if kind == "list":
        return pa.list_(pa.string())
    if kind == "quantities":
        return pa.list_(pa.struct([("value", pa.float64()), ("unit", pa.string()), ("qualifier", pa.string())]))
    if kind == "records":
        known = {"article": pa.string(), "title": pa.string(), "source": pa.string(), "outlet": pa.string(),
                 "url": pa.string(), "published": pa.string(), "start": pa.int64(), "end": pa.int64(),
                 "text": pa.string()}
        if pa.types.is_list(inferred) and pa.types.is_struct(inferred.value_type):
            fields = [(f.name, known.get(f.name) or _no_null(f.type)) for f in inferred.value_type]
        else:
            fields = list(known.items())
        return pa.list_(pa.struct(fields))
    return _no_null(inferred)


def _no_null(inferred):
    import pyarrow as pa

    return pa.string() if pa.types.is_null(inferred) else inferred




def _plain(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The layer with a fresh RangeIndex, so files do not depend on how it was indexed."""
    return frame.reset_index(drop=True)


def _write_gpkg(layers: Layers, path: Path) -> Path:
    """Write every layer into a new GeoPackage, which then replaces ``path``."""
    with atomic_path(path) as staged:
        _write_gpkg_tables(layers, staged)
    return path


def _write_gpkg_tables(layers: Layers, path: Path) -> None:
    import pyogrio

    previous = pyogrio.get_gdal_config_option("OGR_CURRENT_DATE")
    pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": GPKG_DATE})
    try:
        for name in LAYER_NAMES:
            frame = flat_layer(_plain(getattr(layers, name)))
            pyogrio.write_dataframe(
                frame,
                path,
                layer=name,
                driver="GPKG",
                geometry_type=GPKG_GEOMETRY_TYPES[name],
                promote_to_multi=GPKG_GEOMETRY_TYPES[name].startswith("Multi"),
                layer_options={"SPATIAL_INDEX": "NO"},
                append=path.exists(),
            )
    finally:
        pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": previous})
    _pin_gpkg_dates(path)


def _pin_gpkg_dates(path: Path) -> None:
    """Pin the modification times GDAL writes, whatever its version honours ``OGR_CURRENT_DATE``."""
    db = sqlite3.connect(path)
    try:
        with db:
            db.execute("UPDATE gpkg_contents SET last_change = ?", (GPKG_DATE,))
            tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if "gpkg_metadata_reference" in tables:
                db.execute("UPDATE gpkg_metadata_reference SET timestamp = ?", (GPKG_DATE,))
        db.execute("VACUUM")
    finally:
        db.close()


def main(argv: Sequence[str] | None = None) -> int:
    """Write the layers of a corpus (the bundled one by default): ``python -m geomap.io.export``."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m geomap.io.export", description=main.__doc__)
    parser.add_argument("directory", nargs="?", type=Path, default=DEFAULT_DIRECTORY, help="default: layers/")
    parser.add_argument("--corpus", type=Path, help="article file or folder; default: the bundled corpus")
    args = parser.parse_args(argv)
    for path in write_current_layers(args.directory, args.corpus):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
