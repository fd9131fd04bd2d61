"""Shared test data paths."""

from pathlib import Path

DATA = Path(__file__).parent / "data"
CORPUS = DATA / "corpus"
SEEDS = Path(__file__).parents[1] / "geomap" / "data" / "corpus" / "seeds"
