"""Splitting an article into sentences, with offsets into the original text."""

from __future__ import annotations

import re

from geomap.model import Span

__all__ = ["split_sentences", "MAX_SENTENCE_CHARS"]

# A longer stretch without a full stop or line break (a page without punctuation, a
# table flattened into one line) is read in windows of this size, cut between words:
# the work on a sentence grows faster than its length.
MAX_SENTENCE_CHARS = 2000

# A sentence ends at a full stop, question or exclamation mark (Latin or
# Arabic), or a line break; a full stop between digits (3.5) does not end one.
_BOUNDARY = re.compile(r"(?<!\d)[.!?؟](?!\d)[\"”»’']?|\n+")


def split_sentences(text: str) -> list[Span]:
    """The sentences of ``text`` as spans, stripped of surrounding white space.

    A sentence longer than :data:`MAX_SENTENCE_CHARS` is cut into pieces no
    longer than that, at the last white space before the limit (or at the
    limit, inside a word longer than that).

    >>> [s.text for s in split_sentences("وصل الوفد. هل يعود؟\\nنعم")]
    ['وصل الوفد.', 'هل يعود؟', 'نعم']
    """
    spans: list[Span] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        _add(text, start, match.end(), spans)
        start = match.end()
    _add(text, start, len(text), spans)
    return spans


def _add(text: str, start: int, end: int, spans: list[Span]) -> None:
    while True:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end - start <= MAX_SENTENCE_CHARS:
            break
        cut = start + MAX_SENTENCE_CHARS
        while cut > start and not text[cut].isspace():
            cut -= 1
        cut = cut if cut > start else start + MAX_SENTENCE_CHARS
        _add(text, start, cut, spans)
        start = cut
    if end > start:
        spans.append(Span(start, end, text[start:end]))
