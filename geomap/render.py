"""The interactive map (the last stage).

:func:`render_map` draws the :class:`~geomap.layers.Layers` of a corpus as a
:class:`folium.Map`:

- supply routes as arcs with an arrowhead at the recipient end, coloured
  by commodity, wider with more independent sources, dashed when speculative
  and dash-dotted when denied (drawn in SVG; the basemap and countries are
  drawn on canvas, ``prefer_canvas``);
- events as markers with a glyph per event type, clustered when dense;
- a time slider that plays events and routes through time;
- a panel that filters routes, events and countries by supplier, recipient,
  commodity, status and dates, with a sortable table of the flows and an
  export of the selection as CSV and GeoJSON (``static/geomap/panel.js``);
- a layer control grouped by commodity and by event type, a legend, a title
  naming the corpus and its date range, fullscreen and minimap controls;
- popups with an English summary, the Arabic evidence shown right-to-left and
  the article and source of each piece of evidence.

The map works offline: the basemap is drawn from the bundled country outlines
and :func:`save_map` (and the inline Jupyter display) writes one
self-contained HTML file with Leaflet and every plugin inlined from the copies
vendored under ``geomap/static/`` (see ``scripts/vendor_js.py``). Online tiles
are added only when ``tiles=`` asks for them.

Article text is untrusted: it reaches the page only as JSON data (with ``<``,
``>``, ``&``, ``{`` and ``}`` escaped) and is put into the document with
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
import html
import json
import math
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

if TYPE_CHECKING:
    import folium

    from .layers import Layers

__all__ = [
    "EVENT_STYLES",
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
    return re.sub(r"</(script)", r"<\\/\1", text, flags=re.IGNORECASE).replace("<!--", "<\\!--")


_SCRIPT_SRC = re.compile(r"<script\s+src=\"([^\"]+)\"\s*>\s*</script>")
_LINK_HREF = re.compile(r"<link\s+rel=\"stylesheet\"\s+href=\"([^\"]+)\"\s*/?>")


def inline_assets(page: str) -> str:
    """Replace each ``<script src>`` and stylesheet ``<link>`` of ``page`` by its vendored copy, inlined.

    Parameters
    ----------
    page : str
        A rendered folium page.

    Returns
    -------
    str
        The page with every script and stylesheet inlined.

    Raises
    ------
    ValueError
        When a script or stylesheet has no vendored copy (the page would
        need the network).
    """
    manifest = _manifest()

    def vendored(url: str) -> str:
        name = PurePosixPath(url.split("?", 1)[0]).name
        if name not in manifest:
            raise ValueError(f"no vendored copy of {url}; add it to scripts/vendor_js.py")
        return _asset(manifest[name])

    seen: set[str] = set()

    def script(match: re.Match) -> str:
        url = match.group(1)
        if url in seen:
            return ""
        seen.add(url)
        return f"<script>/* {PurePosixPath(url).name} */\n{vendored(url)}\n</script>"

    def style(match: re.Match) -> str:
        url = match.group(1)
        if url in seen:
            return ""
        seen.add(url)
        return f"<style>/* {PurePosixPath(url).name} */\n{vendored(url)}\n</style>"

    return _LINK_HREF.sub(style, _SCRIPT_SRC.sub(script, page))


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


def _names(value: Any) -> str:
    """``"; "``-joined actors, with country codes spelled out."""
    from .layers import world_countries

    world = world_countries()
    out = []
    for item in _text(value).split(_SEP):
        item = item.strip()
        if item:
            out.append(world.get(item, {}).get("name") or item)
    return ", ".join(out)


def _evidence(value: Any) -> list[dict]:
    try:
        items = json.loads(_text(value) or "[]")
    except json.JSONDecodeError:
        return []
    out = []
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict):
            out.append({k: item.get(k) for k in ("article", "title", "source", "start", "end", "text")})
    return out


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
    return first, max(last, first)


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
    from .style import commodity_colours

    return commodity_colours(commodities)


def _route_style(row: dict, colour: str) -> dict:
    sources = int(row.get("sources") or 1)
    style = {"_c": colour, "_w": round(2.0 + 1.6 * min(max(sources, 1), 6), 1), "_d": None, "_o": 0.85}
    if bool(row.get("denied")):
        style["_d"] = "12 5 2 5"
    elif row.get("status") == "speculative":
        style["_d"] = "9 7"
    elif row.get("status") == "historical":
        style["_o"] = 0.5
    return style


#: Popup rows of a route and of an event; features carry the values in this order.
ROUTE_FIELDS = (
    "Route", "Supplier → recipient", "Commodity", "Weapons", "Quantities", "Dates", "Status", "Claimed by",
    "Denied by", "Independent sources", "Articles",
)
EVENT_FIELDS = (
    "Event", "Place", "Dates", "Actors", "Status", "Claimed by", "Denied by", "Independent sources", "Articles",
)


class _Evidence:
    """The evidence of the page, each sentence stored once, and the title and source of each article."""

    def __init__(self) -> None:
        self.sentences: list[list] = []
        self.articles: dict[str, list[str]] = {}
        self._index: dict[tuple, int] = {}

    def add(self, value: Any) -> list[int]:
        """Indices of the evidence items of one row (its ``evidence`` JSON)."""
        out = []
        for item in _evidence(value):
            article = _text(item["article"])
            key = (article, item["start"], item["end"], _text(item["text"]))
            if key not in self._index:
                self._index[key] = len(self.sentences)
                self.sentences.append(list(key))
            self.articles.setdefault(article, [_text(item["title"]), _text(item["source"])])
            out.append(self._index[key])
        return out

    def payload(self) -> dict:
        return {
            "sentences": self.sentences,
            "articles": self.articles,
            "routeFields": ROUTE_FIELDS,
            "eventFields": EVENT_FIELDS,
        }


def _route_features(
    layers: Layers, colours: dict[str, str], span: tuple[int, int], cumulative: bool, evidence: _Evidence
) -> dict:
    groups: dict[str, list[dict]] = {}
    scale = 1.0 if len(layers.routes) <= 40 else 0.7  # thinner lines when there are many
    for row in layers.routes.to_dict("records"):
        geometry = _geometry(row.get("geometry"), _LINE_DIGITS)
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
            _text(row.get("articles")).replace(_SEP, ", "),
        ]
        style = _route_style(row, colours[commodity])
        style["_w"] = round(style["_w"] * scale, 1)
        props = {
            "id": _text(row.get("id")),
            "summary": _text(row.get("summary")),
            "label": f"{flow}: {commodity}",
            "f": values,
            "ev": evidence.add(row.get("evidence")),
            "start": start,
            "end": end,
            **style,
        }
        groups.setdefault(commodity, []).append({"type": "Feature", "properties": props, "geometry": geometry})
    return {k: {"type": "FeatureCollection", "features": v} for k, v in sorted(groups.items())}


def _event_features(layers: Layers, span: tuple[int, int], cumulative: bool, evidence: _Evidence) -> dict:
    groups: dict[str, list[dict]] = {}
    for row in layers.events.to_dict("records"):
        geometry = _geometry(row.get("geometry"), _POINT_DIGITS)
        if geometry is None or geometry["type"] != "Point":
            continue
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
            _text(row.get("articles")).replace(_SEP, ", "),
        ]
        props = {
            "id": _text(row.get("id")),
            "summary": _text(row.get("summary")),
            "f": values,
            "ev": evidence.add(row.get("evidence")),
            "start": start,
            "end": end,
        }
        groups.setdefault(kind, []).append({"type": "Feature", "properties": props, "geometry": geometry})
    return {k: {"type": "FeatureCollection", "features": v} for k, v in sorted(groups.items())}


def _event_style(kind: str) -> tuple[str, str, str]:
    return EVENT_STYLES.get(kind, (_OTHER_EVENT[0], _OTHER_EVENT[1], kind.replace("_", " ").capitalize()))


def _country_rows(layers: Layers) -> list[dict]:
    """The countries of the flows: code, tooltip and colour (the outline comes from the basemap)."""
    from .layers import world_countries

    world = world_countries()
    rows = []
    for row in layers.countries.to_dict("records"):
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


def _codes(value: Any) -> list[str]:
    return [item.strip() for item in _text(value).split(_SEP) if item.strip()]


def _day_number(day: Any) -> int | None:
    """Days since 1970-01-01 of an ISO day (the date range filter compares these)."""
    ms = _day_ms(_text(day) or None)
    return None if ms is None else ms // _DAY_MS


def _panel_data(layers: Layers, routes: dict, events: dict, bounds: list[list[float]] | None) -> dict:
    """The rows of the filter panel and flow table, linked to the drawn routes and events by feature id.

    A flow is a record; an event, of which there may be tens of thousands, is
    ``[id, countries, first day, last day, status]`` with the countries
    space-separated and the days counted from 1970-01-01.
    """
    drawn = {f["properties"]["id"]: f["properties"] for group in routes.values() for f in group["features"]}
    shown = {f["properties"]["id"] for group in events.values() for f in group["features"]}
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
    happenings = []
    for row in layers.events.to_dict("records"):
        if _text(row.get("id")) not in shown:
            continue
        happenings.append([
            _text(row.get("id")),
            " ".join(sorted(set(_codes(row.get("actors")) + _codes(row.get("country"))))),
            _day_number(row.get("start")),
            _day_number(_text(row.get("end")) or row.get("start")),
            _text(row.get("status")),
        ])
    codes = {c for f in flows for c in f["supplier"] + f["recipient"]} | {c for e in happenings for c in e[1].split()}
    return {
        "names": {code: _names(code) for code in sorted(codes)},
        "flows": flows,
        "events": happenings,
        "bounds": bounds,
    }


@lru_cache(maxsize=1)
def _world_outlines() -> str:
    from .layers import world_countries

    features = [
        {"type": "Feature", "properties": {"code": code}, "geometry": country["geometry"]}
        for code, country in sorted(world_countries().items())
    ]
    return _script_data({"type": "FeatureCollection", "features": features})


# ---------------------------------------------------------------------------------------------------------------------
# page pieces




def _legend_html(colours: dict[str, str], event_types: list[str], roles: list[str]) -> str:
    def line(colour: str, width: float, dash: str | None, opacity: float = 0.9) -> str:
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        return (
            f'<svg width="34" height="12"><line x1="2" y1="6" x2="32" y2="6" stroke="{colour}" '
            f'stroke-width="{width}" stroke-opacity="{opacity}" stroke-linecap="round"{dash_attr}/></svg>'
        )

    rows = ['<details class="gm-legend" open><summary>Legend</summary>']
    if colours:
        rows.append("<h4>Flows by commodity</h4>")
        for commodity, colour in colours.items():
            rows.append(f'<div class="gm-row">{line(colour, 4, None)}{escape_html(commodity)}</div>')
        rows.append("<h4>Flow status</h4>")
        rows.append(f'<div class="gm-row">{line("#555", 4, None)}asserted (arrowhead at the recipient)</div>')
        rows.append(f'<div class="gm-row">{line("#555", 4, "9 7")}speculative</div>')
        rows.append(f'<div class="gm-row">{line("#555", 4, "12 5 2 5")}denied</div>')
        rows.append(f'<div class="gm-row">{line("#555", 4, None, 0.45)}historical</div>')
        rows.append(
            f'<div class="gm-row">{line("#555", 3.6, None)}{line("#555", 11.6, None)}1 → 6+ independent sources</div>'
        )
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
    if count is not None:
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
            return inline_assets(super().render(**kwargs))

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
                f"var {self.get_name()} = geomap.clusteredTimeline(\n    {self.payload}, {self.style},\n"
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
                f"var {name} = L.timeline({self.payload}, {{\n"
                '    renderer: geomap.routeRenderer, className: "gm-route",\n'
                "    style: geomap.routeStyle, onEachFeature: geomap.eachRoute\n"
                f"}});\n{name}.addTo({self._parent.get_name()});"
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

    Returns
    -------
    folium.Map
        The map; it displays inline in Jupyter and :func:`save_map` writes it
        as one self-contained HTML file.

    Raises
    ------
    ValueError
        When ``tiles`` holds ``{{``, ``{%`` or ``{#`` (not a tile URL template).

    Examples
    --------
    >>> from geomap.layers import build_layers
    >>> m = render_map(build_layers([], corpus_name="empty"))
    >>> "Corpus: empty" in m.get_root().render()
    True
    """
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
    figure.header.add_child(parts["Text"](f"<style>\n{_asset('geomap/panel.css')}</style>"), name="geomap_panel_css")

    # basemap: bundled outlines in a pane under the tiles, so they show whenever the tiles do not
    m.add_child(
        parts["Script"](
            "{map}.setMinZoom(2); {map}.setMaxZoom(12);\n{map}.createPane('geomap-basemap').style.zIndex = 150;\n"
            f"var geomapWorld = {_world_outlines()};\n"
            "L.geoJSON(geomapWorld, {pane: 'geomap-basemap', interactive: false, "
            f"style: {{color: '#a9a39a', weight: 0.6, fillColor: '{_LAND}', fillOpacity: 1}}}}).addTo({{map}});"
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
    m.add_child(parts["Script"](_asset("geomap/map.js")))
    m.add_child(parts["Script"](_asset("geomap/panel.js")))

    span = _span(layers) or (0, _DAY_MS - 1)
    commodities = [_text(c) or "unspecified" for c in layers.routes["commodity"]] if len(layers.routes) else []
    colours = _commodity_colours(commodities)
    evidence = _Evidence()
    routes = _route_features(layers, colours, span, cumulative, evidence)
    events = _event_features(layers, span, cumulative, evidence)
    m.add_child(parts["Script"](f"geomap.setup({_script_data(evidence.payload())});"))

    countries_group = folium.FeatureGroup(name="Countries in the flows", overlay=True, control=True)
    countries_group.add_to(m)
    countries_group.add_child(
        parts["Script"](
            f"geomap.countries({_script_data(_country_rows(layers))}, geomapWorld).addTo({{map}});"
        )
    )

    timelines = []
    event_groups = []
    for kind, data in events.items():
        glyph, colour, label = _event_style(kind)
        group = folium.FeatureGroup(name=escape_html(f"{label} ({len(data['features'])})")).add_to(m)
        timeline = parts["EventTimeline"](_script_data(data), _script_json({"glyph": glyph, "colour": colour}))
        group.add_child(timeline)
        timelines.append(timeline)
        event_groups.append(group)
    route_groups = []
    for commodity, data in routes.items():
        group = folium.FeatureGroup(name=escape_html(f"{commodity} ({len(data['features'])})")).add_to(m)
        timeline = parts["RouteTimeline"](_script_data(data))
        group.add_child(timeline)
        timelines.append(timeline)
        route_groups.append(group)

    groups = {}
    if route_groups:
        groups["Flows by commodity"] = route_groups
    if event_groups:
        groups["Events by type"] = event_groups
    groups["Background"] = [countries_group]
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
    # open on the last day, so the whole corpus shows until the analyst plays or moves the slider
    m.add_child(parts["Script"](f"{{slider}}.setTime({span[1]});", slider=slider))

    parts["Fullscreen"](position="topleft").add_to(m)
    m.add_child(
        parts["MiniMap"](
            "new L.Control.MiniMap(L.geoJSON(geomapWorld, {interactive: false, "
            f"style: {{color: '#a9a39a', weight: 0.4, fillColor: '{_LAND}', fillOpacity: 1}}}}), "
            "{position: 'bottomright', toggleDisplay: true, zoomLevelOffset: -4, mapOptions: {minZoom: -2}, "
            "width: 180, height: 120, "
            "aimingRectOptions: {color: '#c0392b', weight: 1.5, fillOpacity: 0.08}, "
            "shadowRectOptions: {opacity: 0, fillOpacity: 0}})"
            ".addTo({map});"
        )
    )

    header = (
        f'<div class="gm-title"><h1>{escape_html(heading)}</h1><div>{escape_html(_subtitle(corpus))}</div></div>'
    )
    legend = _legend_html(
        {c: colours[c] for c in routes},
        list(events),
        sorted({_text(r) for r in layers.countries["role"]}) if len(layers.countries) else [],
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

    bounds = _bounds(layers)
    if bounds is not None:
        # keep the data clear of the legend (left), the title (top) and the slider (bottom)
        m.fit_bounds(bounds, padding_top_left=(290, 80), padding_bottom_right=(40, 110), max_zoom=6)
    panel = _panel_data(layers, routes, events, bounds)
    m.add_child(parts["Script"](f"geomap.panel({{map}}, {{slider}}, {_script_data(panel)});", slider=slider))
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
        A map from :func:`render_map` (or any folium map whose scripts and
        stylesheets are vendored under ``geomap/static``).
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
    """
    from .atomic import atomic_write

    page = m.get_root().render()
    if "<script src=" in page or 'rel="stylesheet"' in page:
        page = inline_assets(page)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_write(path) as fh:
        fh.write(page)
    return path
