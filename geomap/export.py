"""Writing layers to files: GeoJSON, GeoParquet and one GeoPackage.

Every file is byte-stable: the same layers give the same bytes. GeoJSON is
written here (RFC 7946: lon/lat in WGS84, no ``crs`` member, coordinates
rounded, one feature per line so that diffs stay readable) and depends on
nothing but the layers. GeoParquet holds no timestamps. GeoPackage records a
modification time in ``gpkg_contents``; it is pinned to :data:`GPKG_DATE`.
GeoParquet and GeoPackage files name the library versions that wrote them
(pyarrow, geopandas, GDAL), so only GeoJSON is compared across machines.
Each file is written atomically (:mod:`geomap.atomic`): a failure part-way
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
from shapely.geometry import MultiPolygon, mapping
from shapely.geometry.polygon import orient

from .atomic import atomic_path, atomic_write
from .layers import LAYER_NAMES, Layers

__all__ = ["GPKG_DATE", "GPKG_NAME", "write_layers", "write_geojson", "geojson_text", "write_current_layers", "main"]

#: Modification time written into GeoPackage metadata, so that files do not depend on the clock.
GPKG_DATE = "2000-01-01T00:00:00.000Z"
GPKG_NAME = "layers.gpkg"
DECIMALS = 5
#: Where :func:`write_current_layers` writes: the repository's top-level ``layers/``.
DEFAULT_DIRECTORY = Path(__file__).resolve().parents[1] / "layers"
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
    for name, frame in layers.items():
        if "geojson" in formats:
            written.append(write_geojson(frame, directory / f"{name}.geojson"))
        if "parquet" in formats:
            path = directory / f"{name}.parquet"
            with atomic_path(path) as staged:
                _plain(frame).to_parquet(staged, index=False, compression="zstd")
            written.append(path)
    if "gpkg" in formats:
        written.append(_write_gpkg(layers, directory / GPKG_NAME))
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

    Also ``python -m geomap.export [DIRECTORY] [--corpus PATH]``.

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
    from .layers import build_layers

    directory = Path(directory) if directory is not None else DEFAULT_DIRECTORY
    extractions, name = _extract_corpus(corpus)
    return write_layers(build_layers(extractions, corpus_name=name), directory, formats)


def _extract_corpus(corpus: str | Path | None):
    from .corpus import read_corpus
    from .pipeline import extract_corpus

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
# GeoParquet and GeoPackage


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
            frame = _plain(getattr(layers, name))
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
    """Write the layers of a corpus (the bundled one by default): ``python -m geomap.export``."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m geomap.export", description=main.__doc__)
    parser.add_argument("directory", nargs="?", type=Path, default=DEFAULT_DIRECTORY, help="default: layers/")
    parser.add_argument("--corpus", type=Path, help="article file or folder; default: the bundled corpus")
    args = parser.parse_args(argv)
    for path in write_current_layers(args.directory, args.corpus):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
