"""Annotation: places, their resolution to the gazetteer, dates, actors and stance."""
