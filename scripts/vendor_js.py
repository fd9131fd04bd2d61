"""Vendor the JavaScript and CSS of the map from npm at pinned versions.

Run from the repository root (needs ``npm`` and the npm registry)::

    python scripts/vendor_js.py

Each package is fetched with ``npm pack NAME@VERSION``; the files the map
inlines, the images their stylesheets refer to and the package licence are
copied to ``geomap/static/<package>/``. ``geomap/static/manifest.json``
records, per package, the version, the licence file, the files with their
SHA-256, and the basenames of the CDN URLs (as folium names them) that each
file replaces. :mod:`geomap.render.map` reads that manifest to inline the files.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

STATIC = Path(__file__).resolve().parent.parent / "geomap" / "static"

#: package -> (version, licence file, {path in package: [CDN basenames it replaces]})
PACKAGES: dict[str, tuple[str, str, dict[str, list[str]]]] = {
    "leaflet": (
        "1.9.4",
        "LICENSE",
        {
            "dist/leaflet.js": ["leaflet.js"],
            "dist/leaflet.css": ["leaflet.css"],
            "dist/images/layers.png": [],
            "dist/images/layers-2x.png": [],
            "dist/images/marker-icon.png": [],
        },
    ),
    "leaflet.markercluster": (
        "1.5.3",
        "MIT-LICENCE.txt",
        {
            "dist/leaflet.markercluster.js": ["leaflet.markercluster.js"],
            "dist/MarkerCluster.css": ["MarkerCluster.css"],
            "dist/MarkerCluster.Default.css": ["MarkerCluster.Default.css"],
        },
    ),
    "leaflet.timeline": (
        "1.6.0",
        "LICENSE",
        {"dist/leaflet.timeline.js": ["leaflet.timeline.min.js", "leaflet.timeline.js"]},
    ),
    "leaflet-groupedlayercontrol": (
        "0.6.1",
        "LICENSE.txt",
        {
            "dist/leaflet.groupedlayercontrol.min.js": ["leaflet.groupedlayercontrol.min.js"],
            "dist/leaflet.groupedlayercontrol.min.css": ["leaflet.groupedlayercontrol.min.css"],
        },
    ),
    "leaflet.fullscreen": (
        "3.0.0",
        "LICENSE",
        {
            "Control.FullScreen.js": ["Control.FullScreen.min.js", "Control.FullScreen.js"],
            "Control.FullScreen.css": ["Control.FullScreen.css"],
            "icon-fullscreen.svg": [],
        },
    ),
    "leaflet-minimap": (
        "3.6.1",
        "LICENSE.txt",
        {
            "dist/Control.MiniMap.min.js": ["Control.MiniMap.js", "Control.MiniMap.min.js"],
            "dist/Control.MiniMap.min.css": ["Control.MiniMap.css", "Control.MiniMap.min.css"],
            "dist/images/toggle.svg": [],
            "dist/images/toggle.png": [],
        },
    ),
}


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def vendor(package: str, version: str, licence: str, files: dict[str, list[str]], work: Path) -> dict:
    """Fetch one package with ``npm pack`` and copy its files to ``geomap/static/<package>/``."""
    out = subprocess.run(
        ["npm", "pack", f"{package}@{version}", "--silent"], cwd=work, check=True, capture_output=True, text=True
    )
    tarball = work / out.stdout.strip().splitlines()[-1]
    unpacked = work / package
    with tarfile.open(tarball) as tar:
        tar.extractall(unpacked, filter="data")
    root = unpacked / "package"
    target = STATIC / package
    shutil.rmtree(target, ignore_errors=True)
    entries = []
    for name in [*files, licence]:
        source = root / name
        dest = target / name
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, dest)
        entries.append({"path": f"{package}/{name}", "sha256": _sha256(dest), "replaces": files.get(name, [])})
    return {"version": version, "licence": f"{package}/{licence}", "files": entries}


def main() -> int:
    manifest = {}
    with tempfile.TemporaryDirectory() as tmp:
        for package, (version, licence, files) in sorted(PACKAGES.items()):
            manifest[package] = vendor(package, version, licence, files, Path(tmp))
            print(f"{package}@{version}: {len(files)} files", file=sys.stderr)
    (STATIC / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
