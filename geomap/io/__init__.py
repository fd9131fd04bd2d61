"""Input and output: layer files, the JSON Lines record, the store, atomic writes."""
