"""Corpus: merging the reports of many articles into routes and events."""
