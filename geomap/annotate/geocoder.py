"""Geocoding place names: offline over the gazetteer, optionally online.

:class:`GazetteerGeocoder` implements geopy's geocoder interface over the
shipped gazetteer, so code written for geopy works offline: ``geocode`` takes
Arabic names, and the English names of countries, GeoNames cities and curated
places; ``reverse`` gives the nearest place to a point. For names the
gazetteer lacks, :class:`CachedGeocoder` asks an online service through
geopy (Nominatim by default), at most once a second (geopy's
``RateLimiter``), remembering every answer in an SQLite database under the
user's cache directory (one row per query, so concurrent runs keep each
other's answers). Online geocoding is off by default, and it fails soft: with
no network it warns and answers ``None``.
"""

from __future__ import annotations

import json
import math
import os
import re
import sqlite3
import unicodedata
import warnings
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any

from geopy.exc import GeopyError
from geopy.geocoders.base import Geocoder
from geopy.location import Location
from geopy.point import Point

from geomap.annotate.gazetteer import Gazetteer, default_gazetteer, prominence
from geomap.model import Place
from geomap.read.articles import load_json
from geomap.text.arabic import fold, is_arabic

__all__ = ["GazetteerGeocoder", "CachedGeocoder", "Geocoding", "default_cache_path", "latin_key"]


def _location(place: Place, **extra: Any) -> Location:
    raw = {
        "id": place.id, "name": place.name, "kind": place.kind, "country": place.country,
        "lat": place.lat, "lon": place.lon, "population": place.population, "source": place.source, **extra,
    }
    return Location(f"{place.name}, {place.country}", Point(place.lat, place.lon), raw)


#: Latin letters that do not decompose into a base letter and a mark.
_LATIN_LETTERS = str.maketrans({"ı": "i", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe"})
_APOSTROPHES = re.compile("['\u2018\u2019\u02bb\u02bc\u02be\u02bf`]")
_NOT_ALNUM = re.compile(r"[\W_]+")


def latin_key(name: str) -> str:
    """The form of a Latin-script name that lookups compare: no case, accents, apostrophes or punctuation.

    Examples
    --------
    >>> latin_key("Sana'a"), latin_key("Punggye-ri"), latin_key("ŞANLIURFA")
    ('sanaa', 'punggye ri', 'sanliurfa')
    """
    text = unicodedata.normalize("NFKD", name.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).translate(_LATIN_LETTERS)
    return _NOT_ALNUM.sub(" ", _APOSTROPHES.sub("", text)).strip()


#: Kinds of place that ``reverse`` answers with: points, not the middle of an area.
REVERSE_KINDS = ("city", "facility", "other")
_EARTH_KM = 6371.0


class GazetteerGeocoder(Geocoder):
    """A geopy geocoder over the offline gazetteer: Arabic names, any spelling.

    Examples
    --------
    >>> loc = GazetteerGeocoder().geocode("بيونغ يانغ")
    >>> loc.raw["country"], round(loc.latitude)
    ('KP', 39)

    """

    def __init__(self, gazetteer: Gazetteer | None = None, **kwargs: Any):
        super().__init__(**kwargs)
        self.gazetteer = gazetteer or default_gazetteer()
        self._latin: dict[str, tuple[str, ...]] | None = None
        self._points: tuple[list[str], Any, Any] | None = None

    def geocode(
        self, query: str, *, exactly_one: bool = True, timeout: Any = None, country_codes: Any = None, **kwargs: Any
    ) -> Location | list[Location] | None:
        """Geocode ``query`` (a place name): the most prominent place first.

        A query that is not itself a known name is searched for names, as an
        article is (``"ميناء الحديدة"`` finds الحديدة).

        Parameters
        ----------
        query
            A place name: in Arabic, or the English name of a country, a
            GeoNames city or a curated place (any case and accents; the first
            words of a curated place's name are enough: ``Vostochny``).
        exactly_one
            Return the best :class:`geopy.location.Location` rather than a list.
        timeout
            Unused: the gazetteer is local.
        country_codes
            Keep only places in these ISO alpha-2 countries (a code or a list).
        **kwargs
            Other geopy arguments, ignored.
        """
        places = list(self.gazetteer.lookup(query))
        if not places and not is_arabic(query):
            places = self._latin_lookup(query)
        elif not places:
            from geomap.annotate.places import find_places
            from geomap.annotate.resolve import resolve_places

            mentions = find_places(query, self.gazetteer)
            resolved = resolve_places(query, mentions, self.gazetteer).places
            places = [r.place for r in resolved]
        if country_codes:
            codes = {country_codes.upper()} if isinstance(country_codes, str) else {c.upper() for c in country_codes}
            places = [p for p in places if p.country in codes]
        if not places:
            return None
        locations = [_location(p) for p in places]
        return locations[0] if exactly_one else locations

    def reverse(
        self, query: Any, *, exactly_one: bool = True, timeout: Any = None, limit: int = 10, **kwargs: Any
    ) -> Location | list[Location] | None:
        """The gazetteer's nearest places to a point: towns, facilities and landmarks.

        Parameters
        ----------
        query
            The point: a :class:`geopy.point.Point` or :class:`geopy.location.Location`,
            a ``(latitude, longitude)`` pair or a ``"latitude, longitude"`` string.
        exactly_one
            Return the nearest place rather than a list.
        timeout
            Unused: the gazetteer is local.
        limit
            With ``exactly_one=False``, at most this many places, nearest first.
        **kwargs
            Other geopy arguments, ignored.

        Returns
        -------
        Location or list of Location or None
            ``raw["distance_km"]`` is the great-circle distance from the point;
            ``None`` (or ``[]``) when the gazetteer has no place.

        Examples
        --------
        >>> loc = GazetteerGeocoder().reverse("39.0, 125.8")
        >>> loc.raw["name"], loc.raw["distance_km"] < 10
        ('Pyongyang', True)
        """
        import numpy as np

        if isinstance(query, Location):
            query = query.point
        try:
            with warnings.catch_warnings():  # geopy warns before it refuses a latitude past a pole
                warnings.simplefilter("ignore")
                point = Point(query)
        except (TypeError, ValueError) as err:
            raise ValueError(f"not a point (latitude, longitude): {query!r}") from err
        ids, lats, lons = self._reverse_points()
        if not ids:
            return None if exactly_one else []
        lat, lon = math.radians(point.latitude), math.radians(point.longitude)
        h = np.sin((lats - lat) / 2) ** 2 + np.cos(lat) * np.cos(lats) * np.sin((lons - lon) / 2) ** 2
        km = 2 * _EARTH_KM * np.arcsin(np.minimum(1.0, np.sqrt(h)))
        order = np.argsort(km, kind="stable")[: 1 if exactly_one else max(int(limit), 0)]
        locations = [_location(self.gazetteer.places[ids[i]], distance_km=round(float(km[i]), 3)) for i in order]
        return locations[0] if exactly_one else locations

    def _reverse_points(self) -> tuple[list[str], Any, Any]:
        """Ids, latitudes and longitudes (radians) of the places ``reverse`` answers with, built on first use."""
        if self._points is None:
            import numpy as np

            places = [p for p in self.gazetteer.places.values() if p.kind in REVERSE_KINDS]
            self._points = (
                [p.id for p in places],
                np.radians(np.array([p.lat for p in places], dtype=float)),
                np.radians(np.array([p.lon for p in places], dtype=float)),
            )
        return self._points

    def _latin_lookup(self, query: str) -> list[Place]:
        """Places whose English name is ``query``, most prominent first; else curated places whose name starts so."""
        key = latin_key(query)
        if not key:
            return []
        places = self.gazetteer.places
        if self._latin is None:
            index: dict[str, list[str]] = {}
            for place in places.values():
                index.setdefault(latin_key(place.name), []).append(place.id)
            self._latin = {k: tuple(ids) for k, ids in index.items() if k}
        found = [places[i] for i in self._latin.get(key, ())]
        if not found:
            curated = (p for p in places.values() if p.id.startswith("curated:"))
            found = [p for p in curated if latin_key(p.name).startswith(key + " ")]
        return sorted(found, key=lambda p: -prominence(p, self.gazetteer))  # stable: curated places in file order


def default_cache_path() -> Path:
    """Return the cache of online answers: ``$XDG_CACHE_HOME/geomap/geocode.sqlite3`` (or ``~/.cache/...``)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "geomap" / "geocode.sqlite3"


class CachedGeocoder:
    """An online geopy geocoder, rate-limited, with a persistent cache, failing soft.

    The cache is an SQLite database (write-ahead log, one row per query), so
    runs at the same time keep each other's answers; an entry that cannot be
    read is ignored with a warning and asked again.

    Parameters
    ----------
    geocoder
        Any geopy geocoder; Nominatim (OpenStreetMap) when ``None``.
    cache_path
        The SQLite file of answers (:func:`default_cache_path` when ``None``).
    min_delay_seconds
        The least time between two requests (Nominatim's usage policy asks
        for one second).
    max_retries, error_wait_seconds
        A failed request is tried again this many times, after this long.
    """

    def __init__(
        self,
        geocoder: Geocoder | None = None,
        cache_path: Path | None = None,
        min_delay_seconds: float = 1.0,
        max_retries: int = 1,
        error_wait_seconds: float = 2.0,
    ):
        from geopy.extra.rate_limiter import RateLimiter

        if geocoder is None:
            from geopy.geocoders import Nominatim

            geocoder = Nominatim(user_agent="geomap (https://github.com/geomap)", timeout=10)
        self.geocoder = geocoder
        self._geocode: Callable[..., Any] = RateLimiter(
            geocoder.geocode, min_delay_seconds=min_delay_seconds, max_retries=max_retries,
            error_wait_seconds=error_wait_seconds,
            swallow_exceptions=False,
        )
        self.cache_path = cache_path or default_cache_path()
        self.failed = False  # set after a failure: no more requests in this session

    def _connect(self) -> sqlite3.Connection:
        self.cache_path.parent.mkdir(parents=True, exist_ok=True)
        new = not self.cache_path.exists()
        db = sqlite3.connect(self.cache_path, timeout=60, isolation_level=None)
        try:
            db.execute("PRAGMA busy_timeout = 60000")
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("CREATE TABLE IF NOT EXISTS answers (query TEXT PRIMARY KEY, answer TEXT NOT NULL)")
            if new:
                self._import_json_cache(db)
        except sqlite3.Error:
            db.close()
            raise
        return db

    def _import_json_cache(self, db: sqlite3.Connection) -> None:
        """Keep the answers of the JSON cache that earlier versions wrote beside the database."""
        legacy = self.cache_path.with_suffix(".json")
        try:
            with open(legacy, "rb") as fh:
                entries = load_json(fh.read(64 * 1024 * 1024).decode("utf-8"))
        except (OSError, UnicodeDecodeError, ValueError):
            return
        if not isinstance(entries, dict):
            return
        rows = []
        for key, value in entries.items():
            try:
                rows.append((key, json.dumps(_answer(json.dumps(value)), ensure_ascii=False, sort_keys=True)))
            except (TypeError, ValueError):
                continue
        db.executemany("INSERT OR IGNORE INTO answers (query, answer) VALUES (?, ?)", rows)

    def _cached(self, key: str) -> tuple[bool, dict[str, Any] | None]:
        """Whether ``key`` has a usable cached answer, and the answer."""
        try:
            with closing(self._connect()) as db:
                row = db.execute("SELECT answer FROM answers WHERE query = ?", (key,)).fetchone()
        except (OSError, sqlite3.Error) as err:
            warnings.warn(f"geomap: cannot read the geocoding cache {self.cache_path}: {err}", stacklevel=3)
            return False, None
        if row is None:
            return False, None
        try:
            return True, _answer(row[0])
        except (TypeError, ValueError):
            warnings.warn(f"geomap: ignored a malformed entry of the geocoding cache {self.cache_path} "
                          f"for {key!r}", stacklevel=3)
            return False, None

    def _store(self, key: str, answer: dict[str, Any] | None) -> None:
        try:
            with closing(self._connect()) as db:
                db.execute("INSERT OR REPLACE INTO answers (query, answer) VALUES (?, ?)",
                           (key, json.dumps(answer, ensure_ascii=False, sort_keys=True)))
        except (OSError, sqlite3.Error) as err:
            warnings.warn(f"geomap: cannot write the geocoding cache {self.cache_path}: {err}", stacklevel=3)

    def geocode(self, query: str) -> Location | None:
        """Geocode ``query`` online, or from the cache; ``None`` when unknown or unreachable."""
        key = fold(query).strip()
        known, hit = self._cached(key)
        if known:
            return None if hit is None else Location(hit["address"], Point(hit["lat"], hit["lon"]), hit["raw"])
        if self.failed:
            return None
        try:
            loc = self._geocode(query, exactly_one=True)
        except (GeopyError, OSError, ValueError) as err:
            self.failed = True
            warnings.warn(f"geomap: online geocoding unavailable ({type(err).__name__}: {err}); "
                          "continuing with the offline gazetteer only", stacklevel=2)
            return None
        self._store(key, None if loc is None else {
            "address": loc.address, "lat": loc.latitude, "lon": loc.longitude,
            "raw": loc.raw if isinstance(loc.raw, dict) else {},
        })
        return loc


def _answer(text: str) -> dict[str, Any] | None:
    """A cached answer checked: ``None`` or address, latitude, longitude and raw fields; ``ValueError`` if not."""
    answer = load_json(text)
    if answer is None:
        return None
    if not isinstance(answer, dict) or not isinstance(answer.get("address"), str):
        raise ValueError("not an answer")
    lat, lon = answer.get("lat"), answer.get("lon")
    if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in (lat, lon)):
        raise ValueError("no coordinates")
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise ValueError("coordinates out of range")
    raw = answer.get("raw", {})
    return {"address": answer["address"], "lat": lat, "lon": lon, "raw": raw if isinstance(raw, dict) else {}}


class Geocoding:
    """Geocode names: the offline gazetteer first, then (when enabled) online.

    Parameters
    ----------
    gazetteer
        The offline gazetteer (the shipped one when ``None``).
    online
        ``False`` (the default) for no network at all; ``True`` for
        Nominatim through :class:`CachedGeocoder`; or a ready
        :class:`CachedGeocoder`.
    """

    def __init__(self, gazetteer: Gazetteer | None = None, online: bool | CachedGeocoder = False):
        self.offline = GazetteerGeocoder(gazetteer)
        if online is True:
            self.online: CachedGeocoder | None = CachedGeocoder()
        else:
            self.online = online or None

    def geocode(self, query: str) -> Location | None:
        """Return the location of ``query``, or ``None`` when nobody knows it."""
        loc = self.offline.geocode(query)
        if loc is None and self.online is not None:
            loc = self.online.geocode(query)
        return loc  # type: ignore[return-value]
