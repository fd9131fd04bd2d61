"""Build the annotated sets of real news articles from a copy of SaudiNewsNet.

    python benchmarks/realnews/build.py PATH/TO/SaudiNewsNet/dataset

SaudiNewsNet (github.com/parallelfold/SaudiNewsNet, licence CC BY-NC-SA 4.0)
holds one archive a day of Arabic news (``2015-07-21.zip`` ...), each a JSON
list of articles. ``manifest.json`` names the archive and the address of every
article of each set (``a`` to ``f``); their hand annotation is ``a.json`` to
``f.json``. The articles are not kept in this repository: this
script writes them to ``benchmarks/realnews/corpus/<set>`` (title, a blank
line, then the body, with ``metadata.json``), where ``benchmarks/accuracy.py``
finds them. The archives may be given zipped or already unpacked (``2015-07-21.json``).
"""

from __future__ import annotations

import argparse
import json
import sys
import zipfile
from pathlib import Path

from geomap.io.atomic import atomic_write

HERE = Path(__file__).resolve().parent


def _archive(dataset: Path, name: str) -> list[dict]:
    """The articles of one day's archive, from the zip or its unpacked JSON file."""
    unpacked = dataset / name.replace(".zip", ".json")
    if unpacked.is_file():
        return json.loads(unpacked.read_text(encoding="utf-8"))
    with zipfile.ZipFile(dataset / name) as archive:
        member = next(n for n in archive.namelist() if n.endswith(".json"))
        return json.loads(archive.read(member).decode("utf-8"))


def build(dataset: Path, out: Path, manifest_path: Path = HERE / "manifest.json") -> dict[str, int]:
    """Write every article of the manifest under ``out/<set>``; return how many each set has."""
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    archives: dict[str, dict[str, dict]] = {}
    written: dict[str, int] = {}
    for name, articles in sorted(manifest.items()):
        folder = out / name
        folder.mkdir(parents=True, exist_ok=True)
        metadata = {}
        for key, entry in sorted(articles.items()):
            if entry["archive"] not in archives:
                archives[entry["archive"]] = {a["url"]: a for a in _archive(dataset, entry["archive"])}
            article = archives[entry["archive"]].get(entry["url"])
            if article is None:
                raise SystemExit(f"build: {entry['archive']}: no article at {entry['url']}")
            text = article["title"].strip() + "\n\n" + article["content"].strip() + "\n"
            with atomic_write(folder / f"{key}.txt") as handle:
                handle.write(text)
            metadata[key] = {k: entry[k] for k in ("published", "outlet", "url")}
        with atomic_write(folder / "metadata.json") as handle:
            handle.write(json.dumps({"articles": metadata}, ensure_ascii=False, indent=1) + "\n")
        written[name] = len(metadata)
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dataset", type=Path, help="the folder of SaudiNewsNet's daily archives")
    parser.add_argument("--out", type=Path, default=HERE / "corpus", help="where to write the sets")
    args = parser.parse_args()
    if not args.dataset.is_dir():
        print(f"build: {args.dataset}: no such folder", file=sys.stderr)
        return 2
    try:
        written = build(args.dataset, args.out)
    except (OSError, zipfile.BadZipFile, json.JSONDecodeError, KeyError) as err:
        print(f"build: {args.dataset}: {err}", file=sys.stderr)
        return 1
    for name, count in written.items():
        print(f"{args.out / name}: {count} articles")
    return 0


if __name__ == "__main__":
    sys.exit(main())
