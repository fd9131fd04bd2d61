"""Everything extraction reads besides the article: the gazetteer and the compiled word lists.

One :class:`Resources` object is built from the bundled data plus an analyst's
vocabulary folder (``GEOMAP_VOCABULARY`` on the command line) and handed to
:func:`geomap.pipeline.extract_article`; the stages read nothing else, so two
objects with different vocabularies can be used side by side in one process.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from functools import lru_cache, partial
from pathlib import Path
from types import MappingProxyType
from typing import Any

from geomap.annotate import dates, stance
from geomap.annotate.gazetteer import Gazetteer, load_gazetteer
from geomap.extraction import events, flows
from geomap.text.arabic import WordMemo
from geomap.text.document import word_readings
from geomap.vocabulary import load_vocabulary, user_vocabulary_dir, vocabulary_file, vocabulary_names

__all__ = ["Resources", "default_resources"]


class Resources:
    """The gazetteer and the compiled vocabularies one extraction reads.

    Build it with :meth:`load`; it is not changed afterwards. It pickles as
    the inputs it was built from (the vocabulary folder, and the gazetteer
    when one was given), so a worker process rebuilds the same object.

    Attributes
    ----------
    gazetteer : Gazetteer
        The places and their names.
    vocabulary_dir : Path or None
        The analyst's folder whose files extend the bundled vocabularies.
    vocabularies : Mapping
        Vocabulary name (``flows``, ``weapons``...) -> its merged entries.
    flows, events, stance, actors, dates
        The compiled word lists of each stage.
    readings : WordMemo
        :func:`geomap.text.document.word_readings` of the words of the
        articles read so far, each word read once.
    trigger_readings : WordMemo
        :func:`geomap.extraction.events.trigger_readings` of the words read
        so far, each word read once.
    """

    def __init__(self, gazetteer: Gazetteer | None, vocabulary_dir: Path | None) -> None:
        self.vocabulary_dir = vocabulary_dir
        self._given_gazetteer = gazetteer
        self.gazetteer = gazetteer if gazetteer is not None else load_gazetteer(vocabulary_dir=vocabulary_dir)
        self.vocabularies: Mapping[str, Any] = MappingProxyType(
            {name: load_vocabulary(name, vocabulary_dir) for name in vocabulary_names()})
        self.flows = flows.build_vocabulary(self.vocabularies, str(vocabulary_file("flows", vocabulary_dir)))
        self.events = events.build_lexicon(self.vocabularies, str(vocabulary_file("events", vocabulary_dir)))
        self.stance = stance.build_lexicon(self.vocabularies)
        self.actors = stance.build_bodies(self.vocabularies)
        self.dates = dates.build_grammar(self.vocabularies, str(vocabulary_file("dates", vocabulary_dir)))
        self.readings = WordMemo(word_readings)
        self.trigger_readings = WordMemo(partial(events.trigger_readings, self.events))

    @classmethod
    def load(cls, vocabulary_dir: str | os.PathLike[str] | None = None,
             gazetteer: Gazetteer | None = None) -> Resources:
        """Build the resources from the bundled data and ``vocabulary_dir``.

        Parameters
        ----------
        vocabulary_dir
            A folder of YAML files that extend the bundled vocabularies and,
            with the bundled gazetteer, its places (``curated.yaml``,
            ``countries.yaml``, ``given_names.yaml``). By default the folder
            named by ``GEOMAP_VOCABULARY``, if any.
        gazetteer
            The places to find; the bundled gazetteer by default (it is not
            loaded when one is given).

        Raises
        ------
        ValueError
            When the folder does not exist or one of its files is malformed;
            the message names the file.

        Examples
        --------
        >>> from geomap.model import Article
        >>> from geomap.pipeline import extract_article
        >>> resources = Resources.load()
        >>> [f.recipient for f in extract_article(Article("a", "أرسلت روسيا صواريخ إلى سوريا."), resources).flows]
        ['SY']
        """
        if vocabulary_dir is None:
            folder = user_vocabulary_dir()
        else:
            folder = Path(vocabulary_dir)
            if not folder.is_dir():
                raise ValueError(f"{folder}: no such vocabulary folder")
        return cls(gazetteer, folder)

    def __reduce__(self) -> tuple[Any, ...]:
        return (Resources, (self._given_gazetteer, self.vocabulary_dir))

    def __repr__(self) -> str:
        return f"Resources(vocabulary_dir={self.vocabulary_dir!r}, gazetteer={len(self.gazetteer.places)} places)"


@lru_cache(maxsize=1)
def default_resources() -> Resources:
    """The bundled resources with the ``GEOMAP_VOCABULARY`` entries, built once per process.

    Only the top-level functions use it, when they are given no resources.
    """
    return Resources.load()
