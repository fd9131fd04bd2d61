"""Geocoding place names: offline over the gazetteer, optionally online.

:class:`GazetteerGeocoder` implements geopy's geocoder interface over the
shipped gazetteer, so code written for geopy works offline. For names the
gazetteer lacks, :class:`CachedGeocoder` asks an online service through
geopy (Nominatim by default), at most once a second (geopy's
``RateLimiter``), remembering every answer in a JSON file under the user's
cache directory. Online geocoding is off by default, and it fails soft: with
no network it warns and answers ``None``.
"""

from __future__ import annotations

import json
import os
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

from geopy.exc import GeopyError
from geopy.geocoders.base import Geocoder
from geopy.location import Location
from geopy.point import Point

from .arabic import fold
from .gazetteer import Gazetteer, default_gazetteer
from .model import Place

__all__ = ["GazetteerGeocoder", "CachedGeocoder", "Geocoding", "default_cache_path"]


def _location(place: Place) -> Location:
    raw = {
        "id": place.id, "name": place.name, "kind": place.kind, "country": place.country,
        "lat": place.lat, "lon": place.lon, "population": place.population, "source": place.source,
    }
    return Location(f"{place.name}, {place.country}", Point(place.lat, place.lon), raw)


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

    def geocode(
        self, query: str, *, exactly_one: bool = True, timeout: Any = None, country_codes: Any = None, **kwargs: Any
    ) -> Location | list[Location] | None:
        """Geocode ``query`` (a place name): the most prominent place first.

        A query that is not itself a known name is searched for names, as an
        article is (``"ميناء الحديدة"`` finds الحديدة).

        Parameters
        ----------
        query
            A place name, in Arabic (Latin names of curated places work too).
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
        if not places:
            from .places import find_places
            from .resolve import resolve_places

            mentions = find_places(query, self.gazetteer)
            resolved = resolve_places(query, mentions, self.gazetteer).places
            places = [r.place for r in resolved]
        if not places:
            places = [p for p in self.gazetteer.places.values() if fold(p.name) == fold(query)]
        if country_codes:
            codes = {country_codes.upper()} if isinstance(country_codes, str) else {c.upper() for c in country_codes}
            places = [p for p in places if p.country in codes]
        if not places:
            return None
        locations = [_location(p) for p in places]
        return locations[0] if exactly_one else locations


def default_cache_path() -> Path:
    """Return the cache file of online answers: ``$XDG_CACHE_HOME/geomap/geocode.json`` (or ``~/.cache/...``)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "geomap" / "geocode.json"


class CachedGeocoder:
    """An online geopy geocoder, rate-limited, with a persistent cache, failing soft.

    Parameters
    ----------
    geocoder
        Any geopy geocoder; Nominatim (OpenStreetMap) when ``None``.
    cache_path
        The JSON file of answers (:func:`default_cache_path` when ``None``).
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
        self._cache: dict[str, Any] | None = None
        self.failed = False  # set after a failure: no more requests in this session

    def _load(self) -> dict[str, Any]:
        if self._cache is None:
            try:
                self._cache = json.loads(self.cache_path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                self._cache = {}
        return self._cache

    def _save(self) -> None:
        try:
            self.cache_path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.cache_path.with_suffix(".tmp")
            tmp.write_text(json.dumps(self._load(), ensure_ascii=False, sort_keys=True, indent=0), encoding="utf-8")
            tmp.replace(self.cache_path)
        except OSError as err:
            warnings.warn(f"geomap: cannot write the geocoding cache {self.cache_path}: {err}", stacklevel=3)

    def geocode(self, query: str) -> Location | None:
        """Geocode ``query`` online, or from the cache; ``None`` when unknown or unreachable."""
        cache = self._load()
        key = fold(query).strip()
        if key in cache:
            hit = cache[key]
            return None if hit is None else Location(hit["address"], Point(hit["lat"], hit["lon"]), hit.get("raw", {}))
        if self.failed:
            return None
        try:
            loc = self._geocode(query, exactly_one=True)
        except (GeopyError, OSError, ValueError) as err:
            self.failed = True
            warnings.warn(f"geomap: online geocoding unavailable ({type(err).__name__}: {err}); "
                          "continuing with the offline gazetteer only", stacklevel=2)
            return None
        cache[key] = None if loc is None else {
            "address": loc.address, "lat": loc.latitude, "lon": loc.longitude,
            "raw": loc.raw if isinstance(loc.raw, dict) else {},
        }
        self._save()
        return loc


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
