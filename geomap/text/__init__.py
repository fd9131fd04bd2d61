"""Text: Arabic folding, character spans, sentences."""
