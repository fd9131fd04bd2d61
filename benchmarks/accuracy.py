"""Accuracy against the hand annotations: places, flows and events, per corpus.

    python benchmarks/accuracy.py                      # every annotated corpus found
    python benchmarks/accuracy.py --scorer ../shared/eval/score.py

Each annotated corpus is a folder of articles with its annotation: the bundled
seed corpus (annotation ``../shared/gold/seeds.json``, beside the repository)
the sets of articles written and annotated apart from the rules,
``tests/data/heldout`` to ``tests/data/heldout7`` (annotation ``gold.json``
inside each), and the 40 real development articles beside the repository
(``../shared/corpus/dev``, annotation ``../shared/gold/dev.json``), and the six
sets of real news annotated apart from the rules, once
``benchmarks/realnews/build.py`` has written their articles. The articles
are extracted as ``geomap extract`` does, and scored with the project's scorer
(``../shared/eval/score.py``), whose summary lines are printed per corpus.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from geomap.io.record import to_record
from geomap.pipeline import extract
from geomap.read.articles import read_corpus

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPORA = {
    "seeds": (ROOT / "geomap" / "data" / "corpus" / "seeds", SHARED / "gold" / "seeds.json"),
    "heldout": (ROOT / "tests" / "data" / "heldout", ROOT / "tests" / "data" / "heldout" / "gold.json"),
    "heldout2": (ROOT / "tests" / "data" / "heldout2", ROOT / "tests" / "data" / "heldout2" / "gold.json"),
    "heldout3": (ROOT / "tests" / "data" / "heldout3", ROOT / "tests" / "data" / "heldout3" / "gold.json"),
    "heldout4": (ROOT / "tests" / "data" / "heldout4", ROOT / "tests" / "data" / "heldout4" / "gold.json"),
    "heldout5": (ROOT / "tests" / "data" / "heldout5", ROOT / "tests" / "data" / "heldout5" / "gold.json"),
    "heldout6": (ROOT / "tests" / "data" / "heldout6", ROOT / "tests" / "data" / "heldout6" / "gold.json"),
    "heldout7": (ROOT / "tests" / "data" / "heldout7", ROOT / "tests" / "data" / "heldout7" / "gold.json"),
    "dev": (SHARED / "corpus" / "dev", SHARED / "gold" / "dev.json"),
    "news-a": (ROOT / "benchmarks" / "realnews" / "corpus" / "a", ROOT / "benchmarks" / "realnews" / "a.json"),
    "news-b": (ROOT / "benchmarks" / "realnews" / "corpus" / "b", ROOT / "benchmarks" / "realnews" / "b.json"),
    "news-c": (ROOT / "benchmarks" / "realnews" / "corpus" / "c", ROOT / "benchmarks" / "realnews" / "c.json"),
    "news-d": (ROOT / "benchmarks" / "realnews" / "corpus" / "d", ROOT / "benchmarks" / "realnews" / "d.json"),
    "news-e": (ROOT / "benchmarks" / "realnews" / "corpus" / "e", ROOT / "benchmarks" / "realnews" / "e.json"),
    "news-f": (ROOT / "benchmarks" / "realnews" / "corpus" / "f", ROOT / "benchmarks" / "realnews" / "f.json"),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scorer", type=Path, default=SHARED / "eval" / "score.py", help="the scoring script")
    args = parser.parse_args()
    if not args.scorer.is_file():
        print(f"accuracy: {args.scorer}: no scorer there; nothing measured", file=sys.stderr)
        return 0
    for name, (folder, gold) in CORPORA.items():
        if not gold.is_file():
            print(f"== {name}: no annotation at {gold}; skipped")
            continue
        if not folder.is_dir():
            print(f"== {name}: no articles at {folder} (benchmarks/realnews/build.py writes them); skipped")
            continue
        articles = [a for a in read_corpus(folder).articles if a.source.endswith(".txt")]
        with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8", delete=False) as out:
            for extraction in extract(articles):
                out.write(json.dumps(to_record(extraction), ensure_ascii=False) + "\n")
        result = subprocess.run(
            [sys.executable, str(args.scorer), out.name, str(gold), "--quiet"], capture_output=True, text=True
        )
        Path(out.name).unlink()
        print(f"== {name}: {len(articles)} articles")
        print(result.stdout.rstrip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
