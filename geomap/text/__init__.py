"""Text: Arabic folding, character spans, sentences, and the document of one article."""
