"""Accuracy floors on the annotated corpora, scored by the project's scorer (beside the repository)."""

import json
import re
import subprocess
import sys

import pytest
from common import DATA, SEEDS, SHARED, require

from geomap.io.record import to_record
from geomap.pipeline import extract
from geomap.read.articles import read_corpus

SCORER = SHARED / "eval" / "score.py"

# floors a little under the figures measured, so a regression fails
CORPORA = {
    "seeds": (SEEDS, SHARED / "gold" / "seeds.json", {"places": 0.97, "surfaces": 0.95, "flows": 0.9, "events": 0.9}),
    "heldout": (DATA / "heldout", DATA / "heldout" / "gold.json", {"places": 0.95, "flows": 0.93, "events": 0.9}),
    "heldout2": (DATA / "heldout2", DATA / "heldout2" / "gold.json", {"places": 0.93, "flows": 0.78, "events": 0.8}),
    "heldout3": (DATA / "heldout3", DATA / "heldout3" / "gold.json", {"places": 0.92, "flows": 0.73, "events": 0.66}),
    "heldout4": (DATA / "heldout4", DATA / "heldout4" / "gold.json", {"places": 0.82, "flows": 0.53, "events": 0.41}),
    "heldout5": (DATA / "heldout5", DATA / "heldout5" / "gold.json", {"places": 0.9, "flows": 0.66, "events": 0.7}),
    "heldout6": (DATA / "heldout6", DATA / "heldout6" / "gold.json", {"places": 0.87, "flows": 0.66, "events": 0.55}),
    "heldout7": (DATA / "heldout7", DATA / "heldout7" / "gold.json", {"places": 0.87, "flows": 0.55, "events": 0.31}),
    # 40 real articles of 2015 beside the repository (../shared/corpus/dev), never copied into it
    "dev": (SHARED / "corpus" / "dev", SHARED / "gold" / "dev.json", {"places": 0.93, "flows": 0.9, "events": 0.85}),
}


@pytest.mark.parametrize("name", sorted(CORPORA))
def test_extraction_meets_its_accuracy_floor(name, tmp_path):
    folder, gold, floors = CORPORA[name]
    require(folder.is_dir(), f"no corpus at {folder}")
    require(SCORER.is_file(), f"no scorer at {SCORER} (../shared beside the repository)")
    require(gold.is_file(), f"no annotation at {gold}")
    out = tmp_path / "out.jsonl"
    with open(out, "w", encoding="utf-8") as fh:
        for extraction in extract(read_corpus(folder).articles):
            fh.write(json.dumps(to_record(extraction), ensure_ascii=False) + "\n")
    bounds = [f"{area}={floor}" for area, floor in floors.items()]
    result = subprocess.run([sys.executable, str(SCORER), str(out), str(gold), "--quiet", "--min", *bounds],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
    assert re.search(r"places\s+P=", result.stdout)
