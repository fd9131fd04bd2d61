"""The committed ``layers/`` files are what the bundled corpus gives today."""

from pathlib import Path

import pytest

from geomap.export import write_current_layers

COMMITTED = Path(__file__).resolve().parents[1] / "layers"


def committed_files():
    return sorted(COMMITTED.glob("*.geojson")) if COMMITTED.is_dir() else []


@pytest.mark.skipif(not committed_files(), reason="layers/ holds no committed GeoJSON yet (python -m geomap.export)")
def test_bundled_corpus_rebuilds_the_committed_layers(tmp_path):
    written = {p.name: p for p in write_current_layers(tmp_path, formats=("geojson",))}
    stale = [p.name for p in committed_files()
             if p.name not in written or p.read_bytes() != written[p.name].read_bytes()]
    assert not stale, f"layers/ is out of date for {stale}: rebuild with `python -m geomap.export`"
    corpus = COMMITTED / "corpus.json"
    if corpus.exists():
        assert corpus.read_bytes() == written["corpus.json"].read_bytes()
