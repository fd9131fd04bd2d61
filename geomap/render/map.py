"""The interactive map (the last stage).

:func:`render_map` draws the :class:`~geomap.layers.Layers` of a corpus as a
:class:`folium.Map`:

- supply routes as arcs with an arrowhead towards the recipient (at 87% of
  the route, clear of the markers at its ends), coloured by commodity, wider
  with 1, 2 and 3 or more independent sources, dashed when speculative and
  dash-dotted when denied, with dashes scaled to the line's width (drawn in
  SVG; the basemap and countries are drawn on canvas, ``prefer_canvas``);
  routes in the same direction between the same two places share one path
  as side-by-side ribbons; a route across the antimeridian is drawn as one
  line whose longitudes run on past ±180° (the routes layer itself keeps it
  split at ±180°, as GIS software expects), with the basemap continued
  east of 180°;
- an initial view fitted to the routes and events;
- events as markers with a glyph per event type, clustered when dense;
- a time slider that plays events and routes through time;
- a panel that filters routes, events and countries by supplier, recipient,
  commodity, status and dates, with a sortable table of the flows and an
  export of the selection as CSV and GeoJSON (``static/geomap/panel.js``);
- a layer control grouped by commodity and by event type, a legend, a title
  naming the corpus and its date range (for a filtered selection of the
  layers, what it shows of the corpus), fullscreen and minimap controls;
- country names on the basemap (English or Arabic), and the names of the
  places of the routes and events when zoomed in;
- popups with an English summary and the few most recent quotes of the Arabic
  evidence, shown right-to-left, each citing its article (title, outlet,
  publication date, address), with the count of the other quotes and the
  numbers of the articles cited; a "Sources" list of every article cited,
  by number. Addresses are links only when they are ``http`` or ``https``.

The map works offline: the basemap is drawn from the bundled country outlines
and :func:`save_map` (and the inline Jupyter display) writes one
self-contained HTML file with Leaflet and every plugin inlined from the copies
vendored under ``geomap/static/`` (see ``scripts/vendor_js.py``). Online tiles
are added only when ``tiles=`` asks for them. Standard folium plugins can be
added to the returned map: the scripts folium ships (HeatMap's) are inlined
too; a plugin whose scripts are not bundled (MeasureControl) is loaded from
its online address, with a warning that the page is no longer self-contained.

The page stays small and quick for large corpora (10,000 events): its data is
stored as columns with every repeated string (names, places, outlets, labels)
stored once and coordinates as whole-number differences (:func:`_columns`,
:func:`_feature_table`), read back by ``geomap.rows`` and ``geomap.features``
in the page; the evidence quotes are a JSON data block (``<script
type="application/json">``) read when a popup first shows one; the view is
laid out before anything is drawn, the features are drawn once, on the
slider's last day, and popups, tooltips, event icons and place names are made
only when first needed.

Article text is untrusted: it reaches the page only as JSON data (with ``<``,
``>``, ``&``, ``{`` and ``}`` escaped, so that it can close no script element,
data block included) and is put into the document with
``textContent``, never as HTML; the few strings written into HTML by Python
are escaped with :func:`escape_html`. geomap's own scripts and the title are
added to the page as finished text, never rendered as Jinja2 templates (as
branca does with the output of every element), and what folium itself renders
(the layer names, the page title) has ``{`` and ``}`` escaped, so no article
text is ever template code.
"""

from __future__ import annotations

import base64
import calendar
import datetime as dt
import hashlib
import html
import json
import math
import re
import warnings
from functools import lru_cache
from importlib import resources
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from shapely.geometry import LineString

if TYPE_CHECKING:
    import folium

    from geomap.layers import Layers

__all__ = [
    "EVENT_STYLES",
    "MAX_QUOTES",
    "LABEL_LANGUAGES",
    "PLACE_LABEL_ZOOM",
    "render_map",
    "save_map",
    "inline_assets",
    "escape_html",
]


#: Event type -> (glyph, colour, English label) of its marker.
EVENT_STYLES: dict[str, tuple[str, str, str]] = {
    "visit": ("⚑", "#1f78b4", "Visit"),
    "meeting": ("⇄", "#33a02c", "Meeting"),
    "summit": ("★", "#6a3d9a", "Summit"),
    "flight": ("✈", "#1f9bb4", "Flight"),
    "shipment": ("⚓", "#b15928", "Shipment"),
    "transfer": ("➜", "#e31a1c", "Transfer"),
    "exhibition": ("◈", "#ff7f00", "Exhibition"),
    "statement": ("❝", "#525252", "Statement"),
    "accusation": ("⚠", "#d95f02", "Accusation"),
    "denial": ("✖", "#000000", "Denial"),
    "sanction": ("⊘", "#7570b3", "Sanction"),
    "attack": ("✸", "#a50f15", "Attack"),
    "test": ("⚡", "#e7298a", "Test"),
}
_OTHER_EVENT = ("●", "#636363", "Other")

_ROLE_COLOURS = {"supplier": "#e6550d", "recipient": "#8e44ad", "both": "#1b9e77", "mentioned": "#b4b4b4"}
_LAND = "#f4f1ea"
_SEP = "; "
_DAY_MS = 86_400_000
_POINT_DIGITS = 4
_LINE_DIGITS = 3
#: How far (degrees) a drawn route may pass from its full line: under half a pixel up to zoom 6, where the map's
#: view of the data stops zooming in.
_LINE_TOLERANCE = 0.01


# ---------------------------------------------------------------------------------------------------------------------
# escaping


def escape_html(text: Any) -> str:
    """``text`` escaped for HTML, for JavaScript template literals and for Jinja2.

    Besides ``& < > " '`` (:func:`html.escape`), backticks, ``$``, ``{`` and
    ``}`` are replaced by character references, so the result can sit in HTML
    that folium or a plugin places inside a JavaScript template literal
    without ``${...}`` being evaluated, and in the output of a folium element
    (which branca renders again as a Jinja2 template) without ``{{ ... }}``
    being evaluated.

    Examples
    --------
    >>> escape_html("<b>${x}</b> `y` {{z}}")
    '&lt;b&gt;&#36;&#123;x&#125;&lt;/b&gt; &#96;y&#96; &#123;&#123;z&#125;&#125;'
    """
    if text is None:
        return ""
    return html.escape(str(text), quote=True).translate(_HTML_EXTRA)


_HTML_EXTRA = str.maketrans({"`": "&#96;", "$": "&#36;", "{": "&#123;", "}": "&#125;"})


def _script_data(value: Any) -> str:
    """A JavaScript expression giving ``value``, safe inside a ``<script>`` element.

    Large data parses much faster as a ``JSON.parse`` of a string literal than
    as an object literal.
    """
    return "JSON.parse('" + _script_json(value).replace("\\", "\\\\").replace("'", "\\'") + "')"


_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_JSON_STRING_EXTRA = str.maketrans({"{": "\\u007b", "}": "\\u007d"})


def _script_json(value: Any) -> str:
    """JSON safe to place inside a ``<script>`` element, and inert as a template.

    ``<``, ``>``, ``&``, U+2028 and U+2029 are escaped everywhere (they occur
    only inside strings), and ``{`` and ``}`` inside strings, so that no text
    of the data can close the script element or open a Jinja2 block.

    Examples
    --------
    >>> print(_script_json({"t": "</script>{{ 6*7 }}"}))
    {"t":"\\u003c/script\\u003e\\u007b\\u007b 6*7 \\u007d\\u007d"}
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    text = (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )
    return _JSON_STRING.sub(lambda m: m.group(0).translate(_JSON_STRING_EXTRA), text)


# ---------------------------------------------------------------------------------------------------------------------
# vendored assets


@lru_cache(maxsize=1)
def _manifest() -> dict[str, str]:
    """CDN basename -> vendored path under ``geomap/static``."""
    data = json.loads(resources.files("geomap").joinpath("static/manifest.json").read_text("utf-8"))
    out = {}
    for package in data.values():
        for entry in package["files"]:
            for name in entry["replaces"]:
                out[name] = entry["path"]
    return out


def _static(path: str):
    return resources.files("geomap").joinpath("static").joinpath(path)


_CSS_URL = re.compile(r"url\(\s*(['\"]?)([^'\")]+)\1\s*\)")
_MIME = {".png": "image/png", ".svg": "image/svg+xml", ".gif": "image/gif", ".jpg": "image/jpeg"}


@lru_cache(maxsize=64)
def _asset(path: str) -> str:
    """A vendored file, ready to inline (stylesheet images become data URIs)."""
    text = _static(path).read_text("utf-8")
    if path.endswith(".css"):
        folder = PurePosixPath(path).parent

        def inline(match: re.Match) -> str:
            url = match.group(2)
            if url.startswith(("data:", "#")):
                return match.group(0)
            target = (folder / url).as_posix()
            mime = _MIME.get(PurePosixPath(url).suffix.lower())
            try:
                data = _static(target).read_bytes()
            except (FileNotFoundError, OSError):
                data = None
            if data is None or mime is None:
                return "none" if match.string[: match.start()].rstrip().endswith(":") else match.group(0)
            return f'url("data:{mime};base64,{base64.b64encode(data).decode("ascii")}")'

        return _CSS_URL.sub(inline, text)
    return _inert_script(text)


def _inert_script(text: str) -> str:
    """A script's text that cannot close its ``<script>`` element early."""
    return re.sub(r"</(script)", r"<\\/\1", text, flags=re.IGNORECASE).replace("<!--", "<\\!--")


_SCRIPT_SRC = re.compile(r"<script\s+src=\"([^\"]+)\"\s*>\s*</script>")
_LINK_HREF = re.compile(r"<link\s+rel=\"stylesheet\"\s+href=\"([^\"]+)\"\s*/?>")


def _folium_asset(name: str) -> str | None:
    """A script that folium itself ships (``folium/templates``, such as HeatMap's), ready to inline."""
    if not name.endswith(".js") or "/" in name:
        return None
    try:
        text = resources.files("folium").joinpath("templates").joinpath(name).read_text("utf-8")
    except (FileNotFoundError, OSError, ModuleNotFoundError):
        return None
    return _inert_script(text)


def inline_assets(page: str, *, online: bool = False) -> str:
    """Replace each ``<script src>`` and stylesheet ``<link>`` of ``page`` by its vendored copy, inlined.

    Parameters
    ----------
    page : str
        A rendered folium page.
    online : bool
        What to do with a script or stylesheet that has no vendored copy
        (that of a folium plugin added to the map, such as MeasureControl):
        when True it stays a link to its online address, with a warning that
        the page is no longer self-contained; when False (default) it is an
        error.

    Returns
    -------
    str
        The page with every vendored script and stylesheet inlined.

    Raises
    ------
    ValueError
        When a script or stylesheet has no vendored copy and ``online`` is
        False (the page would need the network).

    Warns
    -----
    UserWarning
        When ``online`` is True and the page loads scripts or stylesheets
        from the network.
    """
    manifest = _manifest()
    online_urls: list[str] = []

    def vendored(url: str) -> str | None:
        name = PurePosixPath(url.split("?", 1)[0]).name
        if name in manifest:
            return _asset(manifest[name])
        shipped = _folium_asset(name)
        if shipped is not None:
            return shipped
        if not online:
            raise ValueError(f"no vendored copy of {url}; add it to scripts/vendor_js.py")
        online_urls.append(url)
        return None

    seen: set[str] = set()

    def inline(tag: str):
        """A substitution putting the vendored file of a matched address inside ``<tag>``, once per address."""

        def replace(match: re.Match) -> str:
            url = match.group(1)
            if url in seen:
                return ""
            seen.add(url)
            text = vendored(url)
            if text is None:
                return match.group(0)
            return f"<{tag}>/* {PurePosixPath(url).name} */\n{text}\n</{tag}>"

        return replace

    page = _LINK_HREF.sub(inline("style"), _SCRIPT_SRC.sub(inline("script"), page))
    if online_urls:
        warnings.warn(
            "the map is no longer self-contained: it loads "
            + ", ".join(online_urls)
            + " from the network (a plugin whose scripts geomap does not bundle); offline it shows without them",
            UserWarning,
            stacklevel=2,
        )
    return page


# ---------------------------------------------------------------------------------------------------------------------
# GeoJSON payloads


def _day_ms(day: str | None, end: bool = False) -> int | None:
    if not day:
        return None
    try:
        date = dt.date.fromisoformat(day[:10])
    except ValueError:
        return None
    ms = calendar.timegm(date.timetuple()) * 1000
    return ms + _DAY_MS - 1 if end else ms


def _round_coords(coords: Any, digits: int) -> Any:
    if isinstance(coords[0], (int, float)):
        return [round(float(c), digits) for c in coords]
    return [_round_coords(c, digits) for c in coords]


def _geometry(geom, digits: int) -> dict | None:
    if geom is None or geom.is_empty:
        return None
    from shapely.geometry import mapping

    data = mapping(geom)
    return {"type": data["type"], "coordinates": _round_coords(data["coordinates"], digits)}


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)


def _items(value: Any) -> list[str]:
    """The items of a list column (a list, or a ``"; "``-joined string)."""
    if not isinstance(value, str) and hasattr(value, "__iter__"):  # a list, tuple or array
        return [item for item in (_text(v).strip() for v in value) if item]
    return [item for item in (i.strip() for i in _text(value).split(_SEP)) if item]


def _names(value: Any) -> str:
    """``"; "``-joined actors, with country codes spelled out."""
    from geomap.layers import world_countries

    world = world_countries()
    return ", ".join(world.get(item, {}).get("name") or item for item in _items(value))


_EVIDENCE_KEYS = ("article", "title", "source", "outlet", "url", "published", "start", "end", "text")


def _evidence(value: Any) -> list[dict]:
    """The evidence items of a row: its ``evidence`` JSON (or the list it holds)."""
    if isinstance(value, (list, tuple)):
        items = list(value)
    else:
        try:
            items = json.loads(_text(value) or "[]")
        except json.JSONDecodeError:
            return []
    out = []
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict):
            out.append({k: item.get(k) for k in _EVIDENCE_KEYS})
    return out


def _link(url: Any) -> str | None:
    """``url`` when it is an ``http`` or ``https`` address the page may link to, else None.

    Examples
    --------
    >>> _link("https://example.org/a?b=1"), _link("javascript:alert(1)"), _link("data:text/html,x")
    ('https://example.org/a?b=1', None, None)
    """
    text = _text(url).strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return text
    return None


def _period(start: Any, end: Any) -> str:
    start, end = _text(start), _text(end)
    if start and end and start != end:
        return f"{start} – {end}"
    return start or end


def _interval(start: Any, end: Any, span: tuple[int, int], cumulative: bool) -> tuple[int, int]:
    """The time a feature shows on the slider (undated features show throughout)."""
    first = _day_ms(_text(start) or None)
    last = _day_ms(_text(end) or _text(start) or None, end=True)
    if first is None:
        return span
    if cumulative or last is None:
        return first, span[1]
    return first, max(last, first + _DAY_MS - 1)


def _span(layers: Layers) -> tuple[int, int] | None:
    days = []
    for layer in (layers.routes, layers.events):
        for col in ("start", "end"):
            if col in layer:
                days += [d for d in (_text(v) for v in layer[col]) if d]
    if not days:
        corpus = layers.corpus or {}
        days = [d for d in (corpus.get("first_published"), corpus.get("last_published")) if d]
    stamps = [ms for ms in (_day_ms(d) for d in days) if ms is not None]
    if not stamps:
        return None
    return min(stamps), max(stamps) + _DAY_MS - 1


def _commodity_colours(commodities: list[str]) -> dict[str, str]:
    from geomap.render.style import commodity_colours

    return commodity_colours(commodities)


def _route_style(row: dict, colour: str, scale: float = 1.0) -> dict:
    from geomap.render.style import route_width

    width = route_width(row.get("sources"), scale)
    kind = "denied" if bool(row.get("denied")) else _text(row.get("status"))
    style = {"_c": colour, "_w": width, "_d": _dash_pattern(kind, width), "_o": 0.85}
    if kind == "historical":
        style["_o"] = 0.5
    return style


# ---------------------------------------------------------------------------------------------------------------------
# drawn routes: widths, dashes, continuous longitudes, parallel ribbons


#: Dash, gap (, dash, gap) of dashed routes, in multiples of the line's width.
_DASHES = {"speculative": (2.6, 1.8), "denied": (4.0, 1.6, 1.0, 1.6)}
#: Pixels between parallel ribbons (routes in the same direction between the same two places).
_RIBBON_GAP = 1.5
#: Where a route's arrowhead sits, as a fraction of its length (clear of the markers at its ends), and how much
#: earlier the arrowhead of each further parallel ribbon sits, so that every one shows.
_ARROW_AT = 0.87
_ARROW_STAGGER = 0.05


def _dash_pattern(kind: str | None, width: float) -> str | None:
    """The SVG dash array of a ``"speculative"`` or ``"denied"`` route, scaled with its width (drawn with butt caps).

    Examples
    --------
    >>> _dash_pattern("denied", 2.5), _dash_pattern("speculative", 5.0), _dash_pattern("asserted", 5.0)
    ('10 4 2.5 4', '13 9', None)
    """
    parts = _DASHES.get(kind or "")
    if parts is None:
        return None
    unit = max(width, 2.0)
    return " ".join(f"{round(part * unit, 1):g}" for part in parts)


def _drawn_routes(routes, scale: float) -> tuple[list[list[tuple[float, float]]], list[tuple[float, float]]]:
    """Each route's line as the map draws it, and its sideways offset in pixels and the place of its arrowhead.

    Lines have continuous longitudes (a route across the antimeridian is one
    line, its longitudes running past ±180°). Routes in the same direction
    between the same two places (several commodities) share one path, each
    offset to the right of travel by a fixed number of pixels, so that they
    read as parallel ribbons at every zoom.
    """
    from geomap.layers import continuous_line, route_geometry
    from geomap.render.style import route_width

    lines = [continuous_line(geom) for geom in routes.geometry]
    widths = [route_width(sources, scale) for sources in routes["sources"]] if len(routes) else []
    ids = [_text(rid) for rid in routes["id"]] if len(routes) else []
    groups: dict[tuple, list[int]] = {}
    for i, line in enumerate(lines):
        if len(line) >= 2:
            ends = tuple(round(v, 3) for v in (line[0][0] % 360.0, line[0][1], line[-1][0] % 360.0, line[-1][1]))
            groups.setdefault(ends, []).append(i)
    offsets = [(0.0, _ARROW_AT)] * len(lines)
    for members in groups.values():
        if len(members) < 2:
            continue
        first, last = lines[members[0]][0], lines[members[0]][-1]
        shared = continuous_line(route_geometry(first, last, lane=1))
        members = sorted(members, key=lambda i: ids[i])
        total = sum(widths[i] for i in members) + _RIBBON_GAP * (len(members) - 1)
        position = -total / 2
        for rank, i in enumerate(members):
            lines[i] = shared
            offsets[i] = (round(position + widths[i] / 2, 1), round(_ARROW_AT - _ARROW_STAGGER * rank, 3))
            position += widths[i] + _RIBBON_GAP
    return lines, offsets


def _frame_west(lines: list[list[tuple[float, float]]], lons: list[float]) -> float:
    """The west edge of the 360° of longitude the map draws its data in.

    -180 unless a route crosses the antimeridian; then the data is drawn east
    of the widest stretch of longitude without any route or event (the
    Pacific stays whole for routes across it).
    """
    points = [lon for line in lines for lon, _ in line]
    if not any(lon > 180.0 or lon < -180.0 for lon in points):
        return -180.0
    ring = sorted({round(lon % 360.0, 6) for lon in points + list(lons)})
    gaps = [(ring[(i + 1) % len(ring)] - ring[i]) % 360.0 or 360.0 for i in range(len(ring))]
    end = ring[(max(range(len(ring)), key=lambda i: (gaps[i], -i)) + 1) % len(ring)]
    return (end + 180.0) % 360.0 - 180.0 - 1e-6


def _into_frame(lon: float, west: float) -> float:
    """``lon`` moved by whole turns into ``[west, west + 360)``."""
    return lon if west == -180.0 and -180.0 <= lon <= 180.0 else west + (lon - west) % 360.0


def _framed_line(line: list[tuple[float, float]], west: float) -> dict | None:
    """A drawn line as GeoJSON, moved by whole turns so that it starts in the frame.

    The line keeps the points it needs to stay within :data:`_LINE_TOLERANCE`
    degrees of the full line (Douglas-Peucker): the page projects and clips
    every point it is given, and a route's arc needs a few dozen, not one per
    100 km.
    """
    if len(line) < 2:
        return None
    shift = _into_frame(line[0][0], west) - line[0][0]
    if len(line) > 2:
        line = list(LineString(line).simplify(_LINE_TOLERANCE, preserve_topology=False).coords)
    coords = [[round(lon + shift, _LINE_DIGITS), round(lat, _LINE_DIGITS)] for lon, lat in line]
    return {"type": "LineString", "coordinates": coords}


def _drawn_bounds(*collections: dict) -> list[list[float]] | None:
    """South-west and north-east corners of every drawn feature of ``collections`` (feature collections by name)."""
    lons: list[float] = []
    lats: list[float] = []
    for groups in collections:
        for collection in groups.values():
            for feature in collection["features"]:
                coords = feature["geometry"]["coordinates"]
                for lon, lat in [coords] if feature["geometry"]["type"] == "Point" else coords:
                    lons.append(lon)
                    lats.append(lat)
    if not lons:
        return None
    return [[min(lats), min(lons)], [max(lats), max(lons)]]


class _Strings:
    """The strings of the page that repeat (names, places, labels), each stored once and referred to by index."""

    def __init__(self) -> None:
        self.values: list[str] = [""]
        self._index: dict[str, int] = {"": 0}

    def __call__(self, text: str) -> int:
        """The index of ``text`` in the table (added when new)."""
        index = self._index.get(text)
        if index is None:
            index = self._index[text] = len(self.values)
            self.values.append(text)
        return index


def _is_text(value: Any) -> bool:
    return isinstance(value, str) or (isinstance(value, list) and all(isinstance(v, str) for v in value))


def _columns(rows: list[dict], strings: _Strings) -> dict:
    """Records as columns, as the page's ``geomap.rows`` reads them back.

    ``{"n": count, "p": {key: values}, "i": keys, "k": keys}``: a key
    missing from a record is ``null`` in its column; a column of strings (or
    of lists of strings) whose values repeat holds indices into ``strings``
    and is named in ``i``; a column with one value in every record is that
    value, named in ``k``. Large tables take far less room as columns than
    as records, with each repeated name, place and label stored once.

    Examples
    --------
    >>> strings = _Strings()
    >>> rows = [{"a": "x", "b": 1, "c": 0}, {"a": "x", "c": 0}, {"a": "x", "b": 2, "c": 0}, {"a": "y", "c": 0}]
    >>> _columns(rows, strings)
    {'n': 4, 'p': {'a': [1, 1, 1, 2], 'b': [1, None, 2, None], 'c': 0}, 'i': ['a'], 'k': ['c']}
    >>> strings.values
    ['', 'x', 'y']
    """
    keys = list(dict.fromkeys(key for row in rows for key in row))
    columns: dict[str, Any] = {key: [row.get(key) for row in rows] for key in keys}
    interned = []
    constant = []
    for key, values in columns.items():
        if len(values) > 1 and all(v == values[0] and type(v) is type(values[0]) for v in values):
            columns[key] = values[0]  # the same in every record: stored once
            constant.append(key)
            continue
        present = [v for v in values if v is not None]
        if not present or not all(_is_text(v) for v in present):
            continue
        distinct = {v if isinstance(v, str) else tuple(v) for v in present}
        if len(distinct) * 2 > len(present) and all(isinstance(v, str) for v in present):
            continue  # mostly distinct text (summaries, quotes): stored as it is
        interned.append(key)
        columns[key] = [
            None if v is None else strings(v) if isinstance(v, str) else [strings(item) for item in v] for v in values
        ]
    table = {"n": len(rows), "p": columns, "i": interned}
    if constant:
        table["k"] = constant
    return table


#: Coordinates of drawn lines are stored as differences of thousandths of a degree (_LINE_DIGITS).
_LINE_SCALE = 10**_LINE_DIGITS


def _feature_table(collection: dict, strings: _Strings) -> dict:
    """A feature collection of the map as columns (``geomap.features`` in the page reads it back).

    The properties are :func:`_columns`, with ``start`` and ``end`` (the
    time on the slider, from the first millisecond of a day to the last of
    a day) as day numbers; points are ``x`` and ``y`` columns, lines
    (``l``) the second differences of their points (:func:`_differences`).
    """
    features = collection["features"]
    rows = []
    for feature in features:
        props = dict(feature["properties"])
        for key in ("start", "end"):
            if key in props:
                props[key] = props[key] // _DAY_MS
        rows.append(props)
    table = _columns(rows, strings)
    if features and all(f["geometry"]["type"] == "Point" for f in features):
        table["x"] = [f["geometry"]["coordinates"][0] for f in features]
        table["y"] = [f["geometry"]["coordinates"][1] for f in features]
    else:
        table["l"] = [_differences(f["geometry"]["coordinates"], 2) for f in features]
    return table


def _differences(coords: list, order: int) -> list[int]:
    """Points as ``[x, y, x, y, ...]`` in thousandths of a degree, differenced ``order`` times (lossless).

    The first point stays as it is, the second is its difference from the
    first, and from the third on (with ``order=2``) the change of that
    difference.

    Lines drawn as smooth arcs take least room with ``order=2`` (from point
    to point the step changes little); outlines with ``order=1``. The page
    reads them back by summing ``order`` times (``geomap.points``).

    Examples
    --------
    >>> _differences([[1.0, 2.0], [1.5, 2.0], [2.0, 2.0]], 1), _differences([[1.0, 2.0], [1.5, 2.0], [2.0, 2.0]], 2)
    ([1000, 2000, 500, 0, 500, 0], [1000, 2000, 500, 0, 0, 0])
    """
    values = [[round(c * _LINE_SCALE) for c in point] for point in coords]
    for start in range(1, order + 1):  # the n-th differences from the n-th point on
        steps = zip(values[start:], values[start - 1 : -1], strict=True)
        values = values[:start] + [[a - b for a, b in zip(p, q, strict=True)] for p, q in steps]
    return [v for point in values for v in point]


#: Popup rows of a route and of an event; features carry the values in this order. The articles are
#: listed under the evidence, by their number in the map's "Sources" list.
ROUTE_FIELDS = (
    "Route", "Supplier → recipient", "Commodity", "Weapons", "Quantities", "Dates", "Status", "Claimed by",
    "Denied by", "Independent sources",
)
EVENT_FIELDS = (
    "Event", "Place", "Dates", "Actors", "Status", "Claimed by", "Denied by", "Independent sources",
)


#: Quotes a popup shows (the most recent); the others are counted, and stay in the layers.
MAX_QUOTES = 3


class _Evidence:
    """The evidence of the page and the articles it cites.

    Each feature keeps its :data:`MAX_QUOTES` most recent quotes (each
    sentence stored once for the page), the number of its quotes, and the
    numbers of the articles it cites. Articles are numbered in order of
    publication (then id) by :meth:`finish`, once every feature is added.
    """

    def __init__(self, keep: int = MAX_QUOTES) -> None:
        self.keep = keep
        self.sentences: list[list] = []
        self.articles: dict[str, dict] = {}
        self._index: dict[tuple, int] = {}
        self._cited: list[list] = []

    def add(self, value: Any) -> dict:
        """The popup evidence of one row (its ``evidence`` JSON): ``ev`` (quote indices), ``evn`` and ``src``."""
        items = _evidence(value)
        for item in items:
            article = _text(item["article"])
            if article not in self.articles:
                self.articles[article] = _article_entry(item)
        # most recent first: by publication, newest first; then by article and position
        items.sort(key=lambda i: (_text(i["article"]), _int(i["start"])))
        items.sort(key=lambda i: _text(i["published"]), reverse=True)
        quotes = []
        for item in items[: self.keep]:
            key = (_text(item["article"]), item["start"], item["end"], _text(item["text"]))
            if key not in self._index:
                self._index[key] = len(self.sentences)
                self.sentences.append(list(key))
            quotes.append(self._index[key])
        cited = sorted({_text(i["article"]) for i in items})
        self._cited.append(cited)
        return {"ev": quotes, "evn": len(items), "src": cited}

    def finish(self) -> None:
        """Number the articles and turn each feature's ``src`` article ids into numbers."""
        order = sorted(self.articles, key=lambda a: (self.articles[a]["published"], a))
        for number, article in enumerate(order, start=1):
            self.articles[article]["n"] = number
        for cited in self._cited:
            cited[:] = sorted(self.articles[a]["n"] for a in cited)
        self._cited = []

    def payload(self, strings: _Strings) -> dict:
        """The tables the page's script is set up with (after :meth:`finish`), as columns.

        Articles are listed in the order of their numbers; each sentence names
        its article by number.
        """
        order = sorted(self.articles, key=lambda a: self.articles[a]["n"])
        articles = [{"id": a, **{k: v for k, v in self.articles[a].items() if k != "n"}} for a in order]
        sentences = [
            {"a": self.articles[article]["n"], "s": start, "e": end, "t": text}
            for article, start, end, text in self.sentences
        ]
        return {
            "sentences": _columns(sentences, strings),
            "articles": _columns(articles, strings),
            "routeFields": ROUTE_FIELDS,
            "eventFields": EVENT_FIELDS,
        }


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def _article_entry(item: dict) -> dict:
    """How the page cites an article: title, outlet, publication date, address (``href`` only for http/https)."""
    url = _text(item["url"]).strip()
    source = _text(item["source"])
    entry = {
        "title": _text(item["title"]),
        "outlet": _text(item["outlet"]) or (source if source != url else ""),
        "published": _text(item["published"]),
        "url": url,
    }
    href = _link(url)
    if href is not None:
        entry["href"] = href
    return entry


def _route_features(
    layers: Layers, colours: dict[str, str], span: tuple[int, int], cumulative: bool, evidence: _Evidence,
    drawn: tuple[list, list[tuple[float, float]]], west: float = -180.0,
) -> dict:
    from geomap.render.style import route_scale

    groups: dict[str, list[dict]] = {}
    scale = route_scale(len(layers.routes))
    for row, line, (offset, arrow) in zip(layers.routes.to_dict("records"), *drawn, strict=True):
        geometry = _framed_line(line, west)
        if geometry is None:
            continue
        commodity = _text(row.get("commodity")) or "unspecified"
        start, end = _interval(row.get("start"), row.get("end"), span, cumulative)
        status = _text(row.get("status")) + (", denied" if row.get("denied") else "")
        flow = f"{_names(row.get('supplier'))} → {_names(row.get('recipient'))}"
        values = [
            f"{_text(row.get('origin'))} → {_text(row.get('destination'))}",
            flow,
            commodity,
            _text(row.get("weapons")).replace(_SEP, ", "),
            _text(row.get("quantities")).replace(_SEP, ", "),
            _period(row.get("first_date"), row.get("last_date")),
            status,
            _names(row.get("claimed_by")),
            _names(row.get("denied_by")),
            _text(row.get("sources")),
        ]
        style = _route_style(row, colours[commodity], scale)
        style["_a"] = arrow
        if offset:
            style["_k"] = offset
        props = {
            "id": _text(row.get("id")),
            "summary": _text(row.get("summary")),
            "label": f"{flow}: {commodity}",
            "f": values,
            **evidence.add(row.get("evidence")),
            "start": start,
            "end": end,
            **style,
        }
        groups.setdefault(commodity, []).append({"type": "Feature", "properties": props, "geometry": geometry})
    return {k: {"type": "FeatureCollection", "features": v} for k, v in sorted(groups.items())}


def _event_features(
    layers: Layers, span: tuple[int, int], cumulative: bool, evidence: _Evidence, west: float = -180.0
) -> dict:
    groups: dict[str, list[dict]] = {}
    for row in layers.events.to_dict("records"):
        geometry = _geometry(row.get("geometry"), _POINT_DIGITS)
        if geometry is None or geometry["type"] != "Point":
            continue
        geometry["coordinates"][0] = round(_into_frame(geometry["coordinates"][0], west), _POINT_DIGITS)
        kind = _text(row.get("type")) or "other"
        label = _event_style(kind)[2]
        start, end = _interval(row.get("start"), row.get("end"), span, cumulative)
        place = _text(row.get("place"))
        if row.get("country"):
            place += f" ({_names(row.get('country'))})"
        values = [
            label,
            place,
            _period(row.get("date_start"), row.get("date_end")),
            _names(row.get("actors")),
            _text(row.get("status")),
            _names(row.get("claimed_by")),
            _names(row.get("denied_by")),
            _text(row.get("sources")),
        ]
        props = {
            "id": _text(row.get("id")),
            "summary": _text(row.get("summary")),
            "f": values,
            **evidence.add(row.get("evidence")),
            "start": start,
            "end": end,
            # what the panel filters events on: countries, first and last day (days since 1970), status
            "cc": " ".join(sorted(set(_codes(row.get("actors")) + _codes(row.get("country"))))),
            "d0": _day_number(row.get("start")),
            "d1": _day_number(_text(row.get("end")) or row.get("start")),
            "st": _text(row.get("status")),
        }
        groups.setdefault(kind, []).append({"type": "Feature", "properties": props, "geometry": geometry})
    return {k: {"type": "FeatureCollection", "features": v} for k, v in sorted(groups.items())}


def _event_style(kind: str) -> tuple[str, str, str]:
    return EVENT_STYLES.get(kind, (_OTHER_EVENT[0], _OTHER_EVENT[1], kind.replace("_", " ").capitalize()))


def _is_selection(layers: Layers) -> bool:
    """Whether the layers hold fewer routes or events than their corpus (a filtered selection)."""
    corpus = layers.corpus or {}
    return any(corpus.get(name) not in (None, len(getattr(layers, name))) for name in ("routes", "events"))


def _countries(layers: Layers) -> list[dict]:
    """The rows of the countries layer, for a selection only those of its routes and events, counted again."""
    records = layers.countries.to_dict("records")
    if not _is_selection(layers):
        return records
    flows_out: dict[str, int] = {}
    flows_in: dict[str, int] = {}
    events: dict[str, int] = {}
    involved: set[str] = set()
    for supplier, recipient in zip(layers.routes["supplier"], layers.routes["recipient"], strict=True):
        flows_out[_text(supplier)] = flows_out.get(_text(supplier), 0) + 1
        flows_in[_text(recipient)] = flows_in.get(_text(recipient), 0) + 1
    for code, actors in zip(layers.events["country"], layers.events["actors"], strict=True):
        events[_text(code)] = events.get(_text(code), 0) + 1
        involved.update(_items(actors))
    involved |= set(flows_out) | set(flows_in) | set(events)
    rows = []
    for row in records:
        code = _text(row.get("code"))
        if code not in involved:
            continue
        out_, in_ = flows_out.get(code, 0), flows_in.get(code, 0)
        role = "both" if out_ and in_ else "supplier" if out_ else "recipient" if in_ else "mentioned"
        rows.append({**row, "role": role, "flows_out": out_, "flows_in": in_, "events": events.get(code, 0)})
    return rows


def _described(layers: Layers, articles: dict[str, dict] | None = None) -> dict:
    """The corpus summary of the title line; for a selection, what it shows.

    ``articles`` are the articles the layers cite, by id (as
    :func:`_article_entry` gives them); by default they are read from the
    evidence of the routes and events. The map and the figure describe the
    layers with this summary (:func:`_subtitle`).
    """
    corpus = dict(layers.corpus or {})
    if not _is_selection(layers):
        return corpus
    if articles is None:
        articles = {}
        for frame in (layers.routes, layers.events):
            for value in frame["evidence"] if "evidence" in frame else []:
                for item in _evidence(value):
                    articles.setdefault(_text(item["article"]), _article_entry(item))
    corpus["shown"] = {
        "routes": (len(layers.routes), corpus.get("routes")),
        "events": (len(layers.events), corpus.get("events")),
        "articles": (len(articles), corpus.get("articles")),
    }
    published = sorted(a["published"] for a in articles.values() if a.get("published"))
    corpus["first_published"] = published[0] if published else None
    corpus["last_published"] = published[-1] if published else None
    days = sorted(
        d for layer in (layers.routes, layers.events) for col in ("start", "end") if col in layer
        for d in (_text(v)[:10] for v in layer[col]) if d
    )
    corpus["first_date"] = days[0] if days else None
    corpus["last_date"] = days[-1] if days else None
    return corpus


def _country_rows(countries: list[dict]) -> list[dict]:
    """The countries of the flows: code, tooltip and colour (the outline comes from the basemap)."""
    from geomap.layers import world_countries

    world = world_countries()
    rows = []
    for row in countries:
        code = _text(row.get("code"))
        role = _text(row.get("role")) or "mentioned"
        label = f"{_text(row.get('name'))}: {role}"
        counts = [
            f"{int(row.get(col) or 0)} {name}"
            for col, name in (("flows_out", "flows out"), ("flows_in", "flows in"), ("events", "events"))
            if int(row.get(col) or 0)
        ]
        if counts:
            label += f" ({', '.join(counts)})"
        out = {"code": code, "label": label, "_c": _ROLE_COLOURS.get(role, _ROLE_COLOURS["mentioned"])}
        if code not in world:
            out["geometry"] = _geometry(row.get("geometry"), _LINE_DIGITS)
            if out["geometry"] is None:
                continue
        rows.append(out)
    return rows


#: Languages of the country names on the map.
LABEL_LANGUAGES = ("en", "ar")
#: Zoom from which the places at route ends and of events are named on the map.
PLACE_LABEL_ZOOM = 5


def _country_names(language: str) -> dict[str, str]:
    """Country names by ISO code in ``language`` (Arabic from CLDR), English from the bundled outlines."""
    from geomap.layers import world_countries

    names = {code: country["name"] for code, country in world_countries().items()}
    if language == "ar":
        import babel

        territories = babel.Locale("ar").territories
        names = {code: territories.get(code) or name for code, name in names.items()}
    return names


def _label_zoom(area: float) -> int:
    """The zoom from which a country of ``area`` square degrees is named (large countries first)."""
    for zoom, least in ((3, 150.0), (4, 20.0), (5, 2.0)):
        if area >= least:
            return zoom
    return 6


def _labels(layers: Layers, language: str) -> dict:
    """The names on the map: every country of the basemap, and the places of the routes and events."""
    from shapely.geometry import shape

    from geomap.layers import world_countries

    names = _country_names(language)
    countries = []
    for code, country in sorted(world_countries().items()):
        if country["lon"] is None or country["lat"] is None:
            continue
        zoom = _label_zoom(shape(country["geometry"]).area)
        countries.append([names[code], round(country["lon"], 2), round(country["lat"], 2), zoom])
    places: dict[tuple, list] = {}

    def place(name: Any, point: Any) -> None:
        name = _text(name)
        if name and point is not None:
            lon, lat = round(float(point[0]), 3), round(float(point[1]), 3)
            places.setdefault((name, lon, lat), [name, lon, lat])

    for row in layers.routes[["origin", "destination", "geometry"]].itertuples(index=False):
        geometry = row.geometry
        if geometry is None or geometry.is_empty:
            continue
        lines = list(getattr(geometry, "geoms", [geometry]))
        place(row.origin, lines[0].coords[0])
        place(row.destination, lines[-1].coords[-1])
    for row in layers.events[["place", "geometry"]].itertuples(index=False):
        if row.geometry is not None and not row.geometry.is_empty:
            place(row.place, (row.geometry.x, row.geometry.y))
    return {
        "countries": countries,
        "places": [places[key] for key in sorted(places)],
        "placeZoom": PLACE_LABEL_ZOOM,
        "dir": "rtl" if language == "ar" else None,
        "lang": language,
    }


def _codes(value: Any) -> list[str]:
    return [item.strip() for item in _text(value).split(_SEP) if item.strip()]


def _day_number(day: Any) -> int | None:
    """Days since 1970-01-01 of an ISO day (the date range filter compares these)."""
    ms = _day_ms(_text(day) or None)
    return None if ms is None else ms // _DAY_MS


def _panel_data(
    layers: Layers, routes: dict, events: dict, bounds: list[list[float]] | None, strings: _Strings
) -> dict:
    """The rows of the filter panel and flow table (as :func:`_columns`), linked to the drawn routes by feature id.

    The panel filters events on what their features carry (``cc``, ``d0``,
    ``d1`` and ``st``, see :func:`_event_features`); here are the names of
    every country code of the flows and events, and the first and last day
    (days since 1970) the date filters offer.
    """
    drawn = {f["properties"]["id"]: f["properties"] for group in routes.values() for f in group["features"]}
    flows = []
    for row in layers.routes.to_dict("records"):
        props = drawn.get(_text(row.get("id")))
        if props is None:
            continue
        flows.append({
            "id": props["id"],
            "supplier": _codes(row.get("supplier")),
            "recipient": _codes(row.get("recipient")),
            "commodity": _text(row.get("commodity")) or "unspecified",
            "colour": props["_c"],
            "weapons": _text(row.get("weapons")).replace(_SEP, ", "),
            "quantities": _text(row.get("quantities")).replace(_SEP, ", "),
            "first_date": _text(row.get("first_date")),
            "last_date": _text(row.get("last_date")),
            "from": _day_number(row.get("start")),
            "to": _day_number(_text(row.get("end")) or row.get("start")),
            "status": "denied" if row.get("denied") else _text(row.get("status")),
            "sources": int(row.get("sources") or 0),
            "articles": _codes(row.get("articles")),
            "origin": _text(row.get("origin")),
            "destination": _text(row.get("destination")),
        })
    codes = {c for f in flows for c in f["supplier"] + f["recipient"]}
    codes |= {c for group in events.values() for f in group["features"] for c in f["properties"]["cc"].split()}
    event_props = [f["properties"] for group in events.values() for f in group["features"]]
    firsts = [f["from"] for f in flows] + [p["d0"] for p in event_props]
    lasts = [f["to"] for f in flows] + [p["d1"] for p in event_props]
    firsts = [day for day in firsts if day is not None]
    lasts = [day for day in lasts if day is not None]
    return {
        "names": {code: _names(code) for code in sorted(codes)},
        "flows": _columns(flows, strings),
        "bounds": bounds,
        # the range the date filters offer: the first day and the last of the flows and events
        "first": min(firsts) if firsts else None,
        "last": max(lasts) if lasts else None,
    }


@lru_cache(maxsize=1)
def _world_outlines() -> str:
    """The basemap's country outlines, ``{"code": [...], "polygons": [...]}`` (``geomap.world`` reads them).

    Each country is a list of polygons, each a list of rings, each ring its
    points differenced once (:func:`_differences`); ``multi`` names the
    countries drawn as a MultiPolygon.
    """
    from geomap.layers import world_countries

    codes, polygons, multi = [], [], []
    for code, country in sorted(world_countries().items()):
        geometry = country["geometry"]
        parts = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        codes.append(code)
        polygons.append([[_differences(ring, 1) for ring in polygon] for polygon in parts])
        if geometry["type"] == "MultiPolygon":
            multi.append(code)
    return _script_data({"code": codes, "polygons": polygons, "multi": multi})


# ---------------------------------------------------------------------------------------------------------------------
# page pieces




def _legend_html(
    colours: dict[str, str], event_types: list[str], roles: list[str], route_scale: float = 1.0
) -> str:
    from geomap.render.style import route_width, source_steps
    def line(colour: str, width: float, dash: str | None, opacity: float = 0.9) -> str:
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        cap = "butt" if dash else "round"
        return (
            f'<svg width="40" height="12"><line x1="4" y1="6" x2="36" y2="6" stroke="{colour}" '
            f'stroke-width="{width}" stroke-opacity="{opacity}" stroke-linecap="{cap}"{dash_attr}/></svg>'
        )

    rows = ['<details class="gm-legend" open><summary>Legend</summary>']
    if colours:
        rows.append("<h4>Flows by commodity</h4>")
        for commodity, colour in colours.items():
            rows.append(f'<div class="gm-row">{line(colour, 4, None)}{escape_html(commodity)}</div>')
        rows.append("<h4>Flow status</h4>")
        rows.append(f'<div class="gm-row">{line("#555", 3, None)}asserted (arrowhead towards the recipient)</div>')
        rows.append(f'<div class="gm-row">{line("#555", 3, _dash_pattern("speculative", 3))}speculative</div>')
        rows.append(f'<div class="gm-row">{line("#555", 3, _dash_pattern("denied", 3))}denied</div>')
        rows.append(f'<div class="gm-row">{line("#555", 3, None, 0.45)}historical</div>')
        rows.append("<h4>Independent sources</h4>")
        for count, text in source_steps():
            rows.append(f'<div class="gm-row">{line("#555", route_width(count, route_scale), None)}{text}</div>')
    if event_types:
        rows.append("<h4>Events</h4>")
        for kind in event_types:
            glyph, colour, label = _event_style(kind)
            rows.append(
                f'<div class="gm-row"><span class="gm-ev" style="background:{colour}">{escape_html(glyph)}</span>'
                f"{escape_html(label)}</div>"
            )
    if roles:
        rows.append("<h4>Countries</h4>")
        for role in roles:
            colour = _ROLE_COLOURS.get(role, _ROLE_COLOURS["mentioned"])
            rows.append(
                f'<div class="gm-row"><svg width="18" height="12"><rect x="1" y="1" width="16" height="10" '
                f'fill="{colour}" fill-opacity="0.35" stroke="{colour}"/></svg>{escape_html(role)}</div>'
            )
    rows.append("</details>")
    return "".join(rows)


def _subtitle(corpus: dict) -> str:
    parts = []
    name = corpus.get("name")
    count = corpus.get("articles")
    head = f"Corpus: {name}" if name else "Corpus"
    shown = corpus.get("shown")
    if shown:  # a selection of the corpus: what it shows, of how many
        parts.append(head)
        counts = []
        for key, noun in (("routes", "flow"), ("events", "event"), ("articles", "article")):
            part, whole = shown[key]
            counts.append(f"{part} of {whole} {noun}s" if whole is not None else f"{part} {noun}{'s' * (part != 1)}")
        head = f"showing {counts[0]} and {counts[1]}, cited by {counts[2]}"
    elif count is not None:
        head += f", {count} article{'s' if count != 1 else ''}"
    parts.append(head)
    published = _period(corpus.get("first_published"), corpus.get("last_published"))
    if published:
        parts.append(f"published {published}")
    dated = _period(corpus.get("first_date"), corpus.get("last_date"))
    if dated:
        parts.append(f"events and flows dated {dated}")
    return "; ".join(parts)


@lru_cache(maxsize=1)
def _elements() -> dict[str, Any]:
    """The folium element classes of the map (defined on first use, folium imports lazily).

    Elements name their scripts and stylesheets by CDN address, as folium's
    own do; :func:`inline_assets` swaps each for its vendored copy.
    """
    import folium
    from branca.element import Element, Figure, MacroElement
    from folium.elements import JSCSSMixin
    from folium.plugins import Fullscreen, GroupedLayerControl, MarkerCluster, Timeline, TimelineSlider
    from folium.template import Template

    class OfflineFigure(Figure):
        """A Figure whose page inlines the vendored scripts and stylesheets."""

        def render(self, **kwargs) -> str:
            return inline_assets(super().render(**kwargs), online=True)

    class Text(Element):
        """Finished HTML or JavaScript, put into the page as it is (never rendered as a template)."""

        def __init__(self, text: str):
            super().__init__()
            self._name = "GeomapText"
            self.text = text

        def render(self, **kwargs) -> str:
            return self.text

    class RawScript(MacroElement):
        """An element whose script is finished JavaScript (:meth:`code`), not a template.

        branca renders the output of every element's ``script`` macro again as
        a Jinja2 template; the code of these elements carries article data, so
        it goes into the page as :class:`Text` instead.
        """

        _template = Template("")  # no macros: the script is added by render, the rest as usual

        def code(self) -> str:
            raise NotImplementedError

        def render(self, **kwargs) -> None:
            self.get_root().script.add_child(Text(self.code()), name=self.get_name())
            super().render(**kwargs)

    class Script(RawScript):
        """JavaScript run after the map is created (``{map}`` stands for the map variable).

        Data in ``code`` comes from :func:`_script_data` or :func:`_script_json`,
        whose strings hold no ``{`` or ``}``, so a placeholder can only come
        from the code itself.
        """

        def __init__(self, code: str, **refs):
            super().__init__()
            self._name = "GeomapScript"
            self.source = code
            self.refs = refs

        def code(self) -> str:
            code = self.source.replace("{map}", self._parent.get_name())
            for key, element in self.refs.items():
                code = code.replace("{" + key + "}", element.get_name())
            return code

    class EventTimeline(JSCSSMixin, RawScript, Timeline):
        """A timeline whose markers go into the map's shared MarkerCluster (the timeline stays off the map)."""

        default_js = Timeline.default_js[:1] + MarkerCluster.default_js
        default_css = MarkerCluster.default_css

        def __init__(self, payload: str, style: str):
            Timeline.__init__(self, {"type": "FeatureCollection", "features": []})
            self._name = "EventTimeline"
            self.payload = payload
            self.style = style

        def code(self) -> str:
            return (
                f"var {self.get_name()} = geomap.clusteredTimeline(\n"
                f"    geomap.features({self.payload}), {self.style},\n"
                f"    {self._parent._parent.get_name()}, {self._parent.get_name()}\n);"
            )

    class RouteTimeline(JSCSSMixin, RawScript, Timeline):
        """A timeline of routes drawn on their own SVG renderer, with popups, tooltips and arrowheads."""

        default_js = Timeline.default_js[:1]

        def __init__(self, payload: str):
            Timeline.__init__(self, {"type": "FeatureCollection", "features": []})
            self._name = "RouteTimeline"
            self.payload = payload

        def code(self) -> str:
            name = self.get_name()
            return (
                f"var {name} = geomap.routeInteractions(L.timeline(geomap.features({self.payload}), {{\n"
                '    renderer: geomap.routeRenderer, className: "gm-route", drawOnSetTime: false,\n'
                "    getInterval: geomap.interval,\n"
                "    style: geomap.routeStyle, onEachFeature: geomap.eachRoute\n"
                f"}}));\n{name}.addTo({self._parent.get_name()});"
            )

    class Slider(TimelineSlider):
        """The time slider, without moment.js (dates are formatted by the page)."""

        default_js = TimelineSlider.default_js[:1]

    class MiniMap(JSCSSMixin, Script):
        """The minimap control, drawn from the bundled outlines instead of tiles."""

        default_js = [("minimap", "https://cdnjs.cloudflare.com/ajax/libs/leaflet-minimap/3.6.1/Control.MiniMap.js")]
        default_css = [("minimap_css", "https://cdnjs.cloudflare.com/ajax/libs/leaflet-minimap/3.6.1/Control.MiniMap.css")]

    return {
        "folium": folium,
        "Text": Text,
        "OfflineFigure": OfflineFigure,
        "Script": Script,
        "EventTimeline": EventTimeline,
        "RouteTimeline": RouteTimeline,
        "Slider": Slider,
        "MiniMap": MiniMap,
        "Fullscreen": Fullscreen,
        "GroupedLayerControl": GroupedLayerControl,
    }


#: What opens a Jinja2 block: no tile name or URL template has it, and folium renders the URL as a template.
_TEMPLATE_SYNTAX = re.compile(r"\{[{%#]")

_LEAFLET_JS = [("leaflet", "https://cdn.jsdelivr.net/npm/leaflet@1.9.4/dist/leaflet.js")]
_LEAFLET_CSS = [("leaflet_css", "https://cdn.jsdelivr.net/npm/leaflet@1.9.4/dist/leaflet.css")]


def _bounds(layers: Layers) -> list[list[float]] | None:
    boxes = []
    for layer in (layers.routes, layers.events, layers.places):
        if len(layer) and not layer.geometry.is_empty.all():
            boxes.append(layer.total_bounds)
    if not boxes:
        return None
    west = min(b[0] for b in boxes)
    south = min(b[1] for b in boxes)
    east = max(b[2] for b in boxes)
    north = max(b[3] for b in boxes)
    if not all(map(math.isfinite, (west, south, east, north))):
        return None
    return [[south, west], [north, east]]


# ---------------------------------------------------------------------------------------------------------------------
# public


def render_map(
    layers: Layers,
    title: str | None = None,
    tiles: str | folium.TileLayer | None = None,
    *,
    cumulative: bool = True,
    quotes: int = MAX_QUOTES,
    labels: str | None = "en",
) -> folium.Map:
    """An interactive map of the layers of a corpus.

    Parameters
    ----------
    layers : Layers
        The layers to draw (:func:`geomap.layers.build_layers`).
    title : str, optional
        The map title; by default one naming the corpus.
    tiles : str or folium.TileLayer, optional
        Online tiles to draw over the bundled country outlines, as folium
        names them (``"OpenStreetMap"``, ``"CartoDB positron"``), a tile URL
        template or a TileLayer. By default the map uses no network at all.
    cumulative : bool
        When True (default) the time slider shows what is known up to the
        chosen day: each event and route appears at its first day and stays.
        When False each shows only during its own period.
    quotes : int
        The evidence quotes a popup shows, the most recent first (3 by
        default); the popup counts the others and lists every article it
        cites by its number in the map's "Sources" list. The layers keep all
        the evidence.
    labels : {"en", "ar"} or None
        The language of the country names drawn on the basemap (English by
        default, Arabic with ``"ar"``); None draws no names. The places at
        route ends and of events are named from zoom
        :data:`PLACE_LABEL_ZOOM`. The names are a layer of the layer control.

    Returns
    -------
    folium.Map
        The map; it displays inline in Jupyter and :func:`save_map` writes it
        as one self-contained HTML file.

    Raises
    ------
    ValueError
        When ``tiles`` holds ``{{``, ``{%`` or ``{#`` (not a tile URL template),
        or ``labels`` is not one of :data:`LABEL_LANGUAGES` or None.

    Examples
    --------
    >>> from geomap.layers import build_layers
    >>> m = render_map(build_layers([], corpus_name="empty"))
    >>> "Corpus: empty" in m.get_root().render()
    True
    """
    if labels is not None and labels not in LABEL_LANGUAGES:
        raise ValueError(f"labels={labels!r}: country names are drawn in {' or '.join(LABEL_LANGUAGES)} (or None)")
    from geomap.io.export import flat_layers
    from geomap.render.style import route_scale

    layers = flat_layers(layers)  # the popups, table and timeline show the text of GeoJSON
    parts = _elements()
    folium = parts["folium"]
    corpus = dict(layers.corpus or {})
    name = corpus.get("name")
    heading = title or (f"Reported arms and supply flows: {name}" if name else "Reported arms and supply flows")

    m = folium.Map(
        location=[30, 40], zoom_start=3, tiles=None, prefer_canvas=True, control_scale=True,
        world_copy_jump=False,
    )
    m.default_js = list(_LEAFLET_JS)
    m.default_css = list(_LEAFLET_CSS)
    figure = parts["OfflineFigure"](title=escape_html(heading))
    figure.add_child(m)
    figure.header.add_child(parts["Text"](f"<style>\n{_asset('geomap/map.css')}</style>"), name="geomap_css")
    figure.header.add_child(parts["Text"](f"<style>\n{_asset('geomap/cite.css')}</style>"), name="geomap_cite_css")
    figure.header.add_child(parts["Text"](f"<style>\n{_asset('geomap/labels.css')}</style>"), name="geomap_labels_css")
    figure.header.add_child(parts["Text"](f"<style>\n{_asset('geomap/panel.css')}</style>"), name="geomap_panel_css")

    span = _span(layers) or (0, _DAY_MS - 1)
    commodities = [_text(c) or "unspecified" for c in layers.routes["commodity"]] if len(layers.routes) else []
    colours = _commodity_colours(commodities)
    evidence = _Evidence(quotes)
    drawn = _drawn_routes(layers.routes, route_scale(len(layers.routes)))
    points = [p for p in layers.events.geometry if p is not None and not p.is_empty and p.geom_type == "Point"]
    west = _frame_west(drawn[0], [p.x for p in points])
    routes = _route_features(layers, colours, span, cumulative, evidence, drawn, west)
    events = _event_features(layers, span, cumulative, evidence, west)
    evidence.finish()
    corpus = _described(layers, evidence.articles)
    countries = _countries(layers)
    bounds = _drawn_bounds(routes, events) or _bounds(layers)

    m.add_child(parts["Script"](_asset("geomap/map.js")))
    m.add_child(parts["Script"](_asset("geomap/cite.js")))
    m.add_child(parts["Script"](_asset("geomap/labels.js")))
    m.add_child(parts["Script"](_asset("geomap/panel.js")))
    # the view is set before anything is drawn, so nothing is drawn twice; the data stays clear of the legend
    # (left), the title (top) and the slider (bottom)
    fit = ""
    if bounds is not None:
        fit = (
            f"{{map}}.fitBounds({_script_json(bounds)}, {{paddingTopLeft: [290, 80], paddingBottomRight: [40, 110], "
            "maxZoom: 6, animate: false});\n"
        )
    # basemap: bundled outlines in a pane under the tiles, so they show whenever the tiles do not
    m.add_child(
        parts["Script"](
            "{map}.setMinZoom(2); {map}.setMaxZoom(12);\n"
            + fit
            + "{map}.createPane('geomap-basemap').style.zIndex = 150;\n"
            f"var geomapWorld = geomap.world({_world_outlines()});\n"
            "geomap.later({map}, L.geoJSON(geomapWorld, {pane: 'geomap-basemap', interactive: false, "
            f"style: {{color: '#a9a39a', weight: 0.6, fillColor: '{_LAND}', fillOpacity: 1}}}}));"
        )
    )
    if isinstance(tiles, folium.TileLayer):
        tiles.add_to(m)
    elif tiles:
        if _TEMPLATE_SYNTAX.search(tiles):
            raise ValueError(f"{tiles!r} is not a tile name or URL template ({{x}}, {{y}}, {{z}} take single braces)")
        attr = None
        if "{z}" in tiles:  # a URL template: credit its host
            attr = f"Tiles: {escape_html(urlsplit(tiles).netloc)}"
        folium.TileLayer(tiles, attr=attr, control=False).add_to(m)

    copies = [] if west == -180.0 else [360]  # the basemap continues east of the antimeridian
    if copies:
        m.add_child(
            parts["Script"](
                f"geomap.later({{map}}, geomap.worldCopies(geomapWorld, {_script_json(copies)}, "
                f"{{pane: 'geomap-basemap', interactive: false, style: {{color: '#a9a39a', weight: 0.6, "
                f"fillColor: '{_LAND}', fillOpacity: 1}}}}));"
            )
        )
    strings = _Strings()
    route_tables = {commodity: _feature_table(data, strings) for commodity, data in routes.items()}
    event_tables = {kind: _feature_table(data, strings) for kind, data in events.items()}
    panel = _panel_data(layers, routes, events, bounds, strings)
    tables = evidence.payload(strings)
    tables["strings"] = strings.values
    # the quotes, most of a large page, are data the page reads when a popup first shows one, not script
    quotes = _script_json(tables.pop("sentences"))
    quotes_id = "geomap-quotes-" + hashlib.sha1(quotes.encode("utf-8")).hexdigest()[:12]
    m.get_root().html.add_child(
        parts["Text"](f'<script type="application/json" id="{quotes_id}">{quotes}</script>'), name="geomap_quotes"
    )
    m.add_child(parts["Script"](f"geomap.setup({_script_data(tables)}, {_script_json(quotes_id)});"))

    countries_group = folium.FeatureGroup(name="Countries in the flows", overlay=True, control=True)
    countries_group.add_to(m)
    countries_group.add_child(
        parts["Script"](
            f"geomap.later({{map}}, geomap.countries({_script_data(_country_rows(countries))}, geomapWorld, "
            f"{_script_json(copies)}));"
        )
    )
    background = [countries_group]
    if labels is not None:
        labels_group = folium.FeatureGroup(name="Names of countries and places", overlay=True, control=True)
        labels_group.add_to(m)
        labels_group.add_child(parts["Script"](f"geomap.labels({{map}}, {_script_data(_labels(layers, labels))});"))
        background.append(labels_group)

    timelines = []
    event_groups = []
    for kind, data in events.items():
        glyph, colour, label = _event_style(kind)
        group = folium.FeatureGroup(name=escape_html(f"{label} ({len(data['features'])})")).add_to(m)
        style = _script_json({"glyph": glyph, "colour": colour})
        timeline = parts["EventTimeline"](_script_data(event_tables[kind]), style)
        group.add_child(timeline)
        timelines.append(timeline)
        event_groups.append(group)
    route_groups = []
    for commodity, data in routes.items():
        group = folium.FeatureGroup(name=escape_html(f"{commodity} ({len(data['features'])})")).add_to(m)
        timeline = parts["RouteTimeline"](_script_data(route_tables[commodity]))
        group.add_child(timeline)
        timelines.append(timeline)
        route_groups.append(group)

    groups = {}
    if route_groups:
        groups["Flows by commodity"] = route_groups
    if event_groups:
        groups["Events by type"] = event_groups
    groups["Background"] = background
    _stable_ids(figure)  # the control names the groups now; later elements come after them
    parts["GroupedLayerControl"](groups, exclusive_groups=False, collapsed=True, position="topright").add_to(m)

    slider = parts["Slider"](
        auto_play=False, start=span[0], end=span[1], show_ticks=False, steps=200, playback_duration=20000,
        enable_keyboard_controls=True,
    )
    slider.options["format_output"] = folium.JsCode(
        "function (t) { return new Date(t).toISOString().slice(0, 10); }"
    )
    if timelines:
        slider.add_timelines(*timelines)
    slider.add_to(m)

    parts["Fullscreen"](position="topleft").add_to(m)
    if evidence.articles:
        m.add_child(parts["Script"]("geomap.cite.sources(geomap.tables()).addTo({map});"))
    m.add_child(
        parts["MiniMap"](
            # the minimap's outlines are drawn once the page is idle: the map itself comes first
            "(function () { var world = L.layerGroup();\n"
            "new L.Control.MiniMap(world, "
            "{position: 'bottomright', toggleDisplay: true, zoomLevelOffset: -4, "
            "mapOptions: {minZoom: -2, preferCanvas: true}, width: 180, height: 120, "
            "aimingRectOptions: {color: '#c0392b', weight: 1.5, fillOpacity: 0.08}, "
            "shadowRectOptions: {opacity: 0, fillOpacity: 0}})"
            ".addTo({map});\n"
            "geomap.idle(function () { world.addLayer(L.geoJSON(geomapWorld, {interactive: false, "
            f"style: {{color: '#a9a39a', weight: 0.4, fillColor: '{_LAND}', fillOpacity: 1}}}})); }}); }})();"
        )
    )

    header = (
        f'<div class="gm-title"><h1>{escape_html(heading)}</h1><div>{escape_html(_subtitle(corpus))}</div></div>'
    )
    legend = _legend_html(
        {c: colours[c] for c in routes},
        list(events),
        sorted({_text(r.get("role")) for r in countries}),
        route_scale=route_scale(len(layers.routes)),
    )
    m.get_root().html.add_child(parts["Text"](header), name="geomap_title")
    m.add_child(
        parts["Script"](
            "(function () { var legend = L.control({position: 'topleft'});\n"
            "legend.onAdd = function () { var d = L.DomUtil.create('div'); d.innerHTML = "
            f"{_script_json(legend)}; L.DomEvent.disableClickPropagation(d); "
            "L.DomEvent.disableScrollPropagation(d); return d; };\n"
            "legend.addTo({map});\n"
            "// on a small map (a notebook cell, a phone) the legend starts folded\n"
            "if ({map}.getSize().y < 640 || {map}.getSize().x < 700) {\n"
            "    legend.getContainer().querySelector('details').open = false; } })();"
        )
    )

    m.add_child(parts["Script"](f"geomap.panel({{map}}, {{slider}}, {_script_data(panel)});", slider=slider))
    # open on the last day, so the whole corpus shows until the analyst plays or moves the slider; the timelines
    # draw nothing before (not the first day the slider starts on), and the panel lays the map out first
    m.add_child(parts["Script"](f"geomap.draw({{slider}}, {span[1]});", slider=slider))
    _stable_ids(figure)
    return m


def _stable_ids(root) -> None:
    """Number the elements of the page in order, so the same layers give the same HTML."""
    count = 0
    stack = [root]
    while stack:
        element = stack.pop(0)
        element._id = f"{count:06d}"
        count += 1
        for child in getattr(element, "_children", {}).values():
            stack.append(child)
        for part in ("header", "html", "script"):
            sub = getattr(element, part, None)
            if sub is not None and hasattr(sub, "_children") and sub is not element:
                stack.append(sub)


def save_map(m: folium.Map, path: str | Path) -> Path:
    """Write the map as one self-contained HTML file.

    Parameters
    ----------
    m : folium.Map
        A map from :func:`render_map`, or any folium map. Scripts and
        stylesheets vendored under ``geomap/static`` (or shipped by folium)
        are inlined; those of other plugins (MeasureControl, say) stay links
        to their online addresses, with a warning.
    path : str or Path
        The file to write (atomically: a failure leaves the previous file as
        it was).

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    OSError
        When the file cannot be written.

    Warns
    -----
    UserWarning
        When a plugin added to the map loads its scripts from the network
        (the page is no longer self-contained).
    """
    from geomap.io.atomic import atomic_write

    root = m.get_root()
    page = root.render()
    if not isinstance(root, _elements()["OfflineFigure"]) and ("<script src=" in page or 'rel="stylesheet"' in page):
        page = inline_assets(page, online=True)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_write(path) as fh:
        fh.write(page)
    return path
