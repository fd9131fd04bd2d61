"""Extraction: the supply flows and the events each article reports."""
