"""Static figures of the layers, for slides and reports (PNG, PDF, SVG).

:func:`render_figure` draws the :class:`~geomap.layers.Layers` of a corpus as a
:class:`matplotlib.figure.Figure` in the manner of a printed map: a muted
basemap of the bundled country outlines with country labels, supply routes
coloured by commodity (the colours of :mod:`geomap.render.style`, as on the
interactive map) with an arrowhead towards the recipient and a width that grows
with the number of independent sources, event symbols by type, the names of the
places at route ends and events, a legend, a title, the corpus line and a
note of the sources. :func:`save_figure` writes it as PNG, PDF or SVG, chosen
by the file's extension, without any network access.

Arabic text is drawn joined and right to left: matplotlib 3.11 and later do
this themselves (libraqm); for older releases :func:`display_text` shapes and
reorders it first.
"""

from __future__ import annotations

import functools
import io
import json
import math
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geomap import __version__
from geomap.io.atomic import atomic_write
from geomap.render.map import (  # the map's wording and symbols
    _country_names,
    _described,
    _event_style,
    _subtitle,
    _text,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from geomap.layers import Layers

__all__ = ["FIGURE_SIZE", "FIGURE_FORMATS", "render_figure", "save_figure", "display_text", "shape_arabic"]

#: A 16:9 slide (PowerPoint's widescreen, 13.333 x 7.5 inches).
FIGURE_SIZE = (40 / 3, 7.5)
#: File extension -> matplotlib format.
FIGURE_FORMATS = {".png": "png", ".pdf": "pdf", ".svg": "svg"}
#: Pixels per inch of a PNG: a slide-sized figure is 1920 x 1080 pixels.
PNG_DPI = 144

_FONT = "DejaVu Sans"  # shipped with matplotlib: Latin, Arabic presentation forms and the event glyphs
_SEA = "#f4f7f9"
_LAND = "#e3e0d8"
_LAND_INVOLVED = "#d2cdc1"
_BORDER = "#ffffff"
_INK = "#222222"
_MUTED = "#5f5a50"
_FAINT = "#8d877b"
_HALO = "#ffffff"
_MANY_SYMBOLS = 300  # above this many event symbols, no glyphs on them
_PLACE_LABELS = 30  # at most this many place names, the busiest places first
_ARROW_AT = 0.87  # arrowheads sit at this fraction of a route, clear of the markers at its ends
_FILE_SUFFIXES = frozenset({".txt", ".md", ".html", ".htm", ".jsonl", ".ndjson", ".json"})
_STATUS_DASHES: dict[str, Any] = {"speculative": (0, (3.0, 2.0)), "denied": (0, (5.0, 1.6, 1.2, 1.6))}


# ---------------------------------------------------------------------------------------------------------------------
# public


def display_text(text: Any) -> str:
    """``text`` as matplotlib must be given it to draw Arabic joined and right to left.

    matplotlib 3.11 and later lay text out with libraqm, which joins Arabic
    letters and orders right-to-left runs itself: the text is passed unchanged.
    Older releases draw code points one by one from left to right: the text
    is then shaped and reordered by :func:`shape_arabic`. Text without Arabic
    is always returned unchanged.

    Parameters
    ----------
    text : str or None
        One line of text.

    Returns
    -------
    str
        The text to draw; ``""`` for ``None``.

    Examples
    --------
    >>> display_text("Moscow")
    'Moscow'
    >>> display_text("روسيا") in ("روسيا", shape_arabic("روسيا"))
    True
    """
    if text is None:
        return ""
    from geomap.text.arabic import is_arabic

    text = str(text)
    if not is_arabic(text) or _matplotlib_lays_out_text():
        return text
    return shape_arabic(text)


def shape_arabic(text: str) -> str:
    """Arabic ``text`` shaped and in visual order, for a renderer that does neither.

    Arabic letters become their contextual presentation forms
    (``arabic_reshaper``) and the line is put in visual (left-to-right) order
    by the Unicode bidirectional algorithm (``python-bidi``).

    Examples
    --------
    >>> shape_arabic("روسيا") == "\ufe8e\ufef4\ufeb3\ufeed\ufead"
    True
    """
    import arabic_reshaper
    from bidi import get_display

    return get_display(arabic_reshaper.reshape(text))


def _matplotlib_lays_out_text() -> bool:
    """Whether matplotlib shapes and orders complex text itself (libraqm, matplotlib 3.11 and later)."""
    from matplotlib import ft2font

    return getattr(ft2font, "__libraqm_version__", None) is not None


def render_figure(
    layers: Layers,
    title: str | None = None,
    size: tuple[float, float] = FIGURE_SIZE,
    labels: str = "en",
) -> Figure:
    """A static map of the layers of a corpus.

    Parameters
    ----------
    layers : Layers
        The layers to draw (:func:`geomap.layers.build_layers`).
    title : str, optional
        The figure's title; by default one naming the corpus.
    size : (float, float)
        Width and height in inches; a 16:9 slide by default.
    labels : {"en", "ar"}
        The language of the country names.

    Returns
    -------
    matplotlib.figure.Figure
        The figure, drawn with matplotlib's Agg canvas (no window, no
        pyplot state); it shows inline in Jupyter and :func:`save_figure`
        writes it.

    Raises
    ------
    ValueError
        For a ``size`` that is not two positive numbers or an unknown
        ``labels`` language.

    Examples
    --------
    >>> from geomap.layers import build_layers
    >>> figure = render_figure(build_layers([], corpus_name="empty"))
    >>> figure.texts[0].get_text()
    'Reported arms and supply flows: empty'
    """
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from geomap.io.export import flat_layers

    layers = flat_layers(layers)
    width, height = _size(size)
    if labels not in ("en", "ar"):
        raise ValueError(f"labels must be 'en' or 'ar', not {labels!r}")
    corpus = dict(layers.corpus or {})
    name = corpus.get("name")
    heading = title or (f"Reported arms and supply flows: {name}" if name else "Reported arms and supply flows")

    with matplotlib.rc_context({"font.family": _FONT, "axes.unicode_minus": False}):
        figure = Figure(figsize=(width, height), facecolor="white")
        FigureCanvasAgg(figure)
        scale = min(width / FIGURE_SIZE[0], height / FIGURE_SIZE[1]) ** 0.5
        figure.text(0.025, 0.955, display_text(heading), fontsize=20 * scale, fontweight="bold", color=_INK,
                    va="top", ha="left")
        figure.text(0.025, 0.895, display_text(_subtitle(_described(layers))), fontsize=11 * scale, color=_MUTED,
                    va="top", ha="left")
        map_box = (0.025, 0.085, 0.735, 0.78)
        ax = figure.add_axes(map_box)
        _draw_map(figure, ax, layers, labels, scale)
        _legend(figure, layers, 0.785, 0.865, scale)
        figure.text(0.025, 0.045, display_text(_sources_note(layers)), fontsize=8 * scale, color=_FAINT,
                    va="top", ha="left", wrap=True)
    figure._repr_png_ = functools.partial(_png_bytes, figure)  # shows inline in Jupyter without pyplot
    return figure


def _png_bytes(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=96, facecolor="white")
    return buffer.getvalue()


def save_figure(
    figure_or_layers: Figure | Layers,
    path: str | Path,
    *,
    dpi: int = PNG_DPI,
) -> Path:
    """Write a figure (or the figure of some layers) as PNG, PDF or SVG, by the file's extension.

    The file is written whole or not at all: the figure goes to a temporary
    file in the same folder, which then replaces ``path``, so a failure leaves
    any earlier file in place. The same figure gives the same bytes (no dates
    are written into PDF or SVG files).

    Parameters
    ----------
    figure_or_layers : matplotlib.figure.Figure or Layers
        A figure from :func:`render_figure`, or layers to draw with it.
    path : str or Path
        The file to write, ending in ``.png``, ``.pdf`` or ``.svg``; its
        folder is created if missing.
    dpi : int
        Resolution of a PNG (a slide-sized figure is 1920 x 1080 pixels at
        the default); PDF and SVG are vector files.

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    ValueError
        When the extension is not one of :data:`FIGURE_FORMATS`.
    OSError
        When the file cannot be written.
    """
    import matplotlib

    path = Path(path)
    fmt = FIGURE_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise ValueError(f"{path}: a figure is written as .png, .pdf or .svg, not {path.suffix or 'no extension'!r}")
    from geomap.layers import Layers

    figure = render_figure(figure_or_layers) if isinstance(figure_or_layers, Layers) else figure_or_layers
    metadata = {
        "png": {"Software": f"geomap {__version__}"},
        "pdf": {"Creator": f"geomap {__version__}", "Producer": None, "CreationDate": None},
        "svg": {"Creator": f"geomap {__version__}", "Date": None},
    }[fmt]
    path.parent.mkdir(parents=True, exist_ok=True)
    with matplotlib.rc_context({"svg.hashsalt": "geomap", "pdf.fonttype": 42, "svg.fonttype": "path"}):
        with atomic_write(path, "wb", encoding=None) as handle:
            figure.savefig(handle, format=fmt, dpi=dpi, metadata=metadata, facecolor="white")
    return path


# ---------------------------------------------------------------------------------------------------------------------
# the map


def _size(size: Sequence[float]) -> tuple[float, float]:
    try:
        width, height = (float(v) for v in size)
    except (TypeError, ValueError):
        raise ValueError(f"a figure size is two numbers (width, height in inches), not {size!r}") from None
    if not (0 < width <= 100 and 0 < height <= 100):
        raise ValueError(f"a figure size is two positive numbers of inches up to 100, not {size!r}")
    return width, height


def _draw_map(figure: Figure, ax: Axes, layers: Layers, labels: str, scale: float) -> None:
    from geomap.render.style import commodity_colours, route_scale

    routes = _route_paths(layers)
    events, outside = _events_in_view(routes, _event_points(layers))
    west, east, south, north = _extent(routes, events, ax, figure)
    ax.set_aspect(1 / max(math.cos(math.radians((south + north) / 2)), 0.2), adjustable="box", anchor="NW")
    ax.set_xlim(west, east)
    ax.set_ylim(south, north)
    ax.apply_aspect()
    ax.set_facecolor(_SEA)
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_edgecolor("#c9c4b8")
        spine.set_linewidth(0.6)

    highlighted = set()
    if len(layers.countries):
        for row in layers.countries.to_dict("records"):
            if _text(row.get("role")) != "mentioned" or int(row.get("events") or 0):
                highlighted.add(_text(row.get("code")))
    _basemap(ax, highlighted, west, east)
    placed = _Placed(figure, ax)
    colours = commodity_colours(r["commodity"] for r in routes)
    thinner = route_scale(len(layers.routes))  # thinner lines when there are many, as on the map
    for route in sorted(routes, key=lambda r: -r["sources"]):  # thin routes on top of wide ones
        for shift in (-360.0, 0.0, 360.0):  # a route leaving one edge of a world map enters at the other
            if min(route["lons"]) + shift < east and max(route["lons"]) + shift > west:
                moved = {**route, "lons": [lon + shift for lon in route["lons"]]} if shift else route
                _draw_route(ax, moved, colours[route["commodity"]], scale, thinner)
    markers = _draw_events(figure, ax, events, placed, scale)
    _place_labels(ax, placed, routes, events, markers, scale)
    _country_labels(ax, placed, highlighted, labels, scale, west, east, south, north)
    if outside:
        note = "Not on this map: " + "; ".join(outside[:4]) + (f"; {len(outside) - 4} more" if len(outside) > 4 else "")
        ax.text(0.008, 0.012, display_text(note), transform=ax.transAxes, fontsize=8 * scale, color=_MUTED,
                ha="left", va="bottom", zorder=10, path_effects=_halo())


def _route_paths(layers: Layers) -> list[dict]:
    """Each route as one continuous line of (lon, lat), longitudes unwrapped across the antimeridian."""
    from geomap.layers import continuous_line

    out = []
    for row in layers.routes.to_dict("records"):
        geom = row.get("geometry")
        if geom is None or geom.is_empty:
            continue
        points = continuous_line(geom)
        lons, lats = [p[0] for p in points], [p[1] for p in points]
        out.append(
            {
                "lons": lons,
                "lats": lats,
                "commodity": _text(row.get("commodity")) or "unspecified",
                "sources": max(int(row.get("sources") or 1), 1),
                "status": "denied" if bool(row.get("denied")) else (_text(row.get("status")) or "asserted"),
                "origin": _text(row.get("origin")),
                "destination": _text(row.get("destination")),
            }
        )
    return out


def _event_points(layers: Layers) -> list[dict]:
    """Events grouped by place and type: one symbol each, with a count."""
    groups: dict[tuple, dict] = {}
    for row in layers.events.to_dict("records"):
        geom = row.get("geometry")
        if geom is None or geom.is_empty or geom.geom_type != "Point":
            continue
        kind = _text(row.get("type")) or "other"
        key = (round(geom.x, 2), round(geom.y, 2), kind)
        group = groups.setdefault(key, {"lon": geom.x, "lat": geom.y, "type": kind, "count": 0,
                                        "place": _text(row.get("place"))})
        group["count"] += 1
    return [groups[k] for k in sorted(groups, key=lambda k: (k[1], k[0], k[2]))]


def _events_in_view(routes: list[dict], events: list[dict]) -> tuple[list[dict], list[str]]:
    """The events near the routes, and a description of each far-off one (which would shrink the routes)."""
    if not routes:
        return events, []
    lons = [lon for r in routes for lon in r["lons"]]
    lats = [lat for r in routes for lat in r["lats"]]
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    centre = (west + east) / 2
    reach = max(east - west, north - south, 20.0) * 0.5
    near, far = [], []
    for event in events:
        lon = event["lon"] + 360.0 * round((centre - event["lon"]) / 360.0)
        if west - reach <= lon <= east + reach and south - reach <= event["lat"] <= north + reach:
            near.append({**event, "lon": lon})
        else:
            label = _event_style(event["type"])[2].lower()
            far.append(f"{label} in {event['place']}" + (f" (×{event['count']})" if event["count"] > 1 else ""))
    return near, far


def _extent(routes: list[dict], events: list[dict], ax: Axes, figure: Figure) -> tuple[float, float, float, float]:
    """West, east, south, north: the routes and events with a margin, widened to the shape of the axes."""
    lons = [lon for r in routes for lon in r["lons"]]
    lats = [lat for r in routes for lat in r["lats"]]
    if routes:
        centre = (min(lons) + max(lons)) / 2
        lons += [e["lon"] + 360.0 * round((centre - e["lon"]) / 360.0) for e in events]
    else:
        lons += [e["lon"] for e in events]
    lats += [e["lat"] for e in events]
    if not lons:
        return -180.0, 180.0, -58.0, 84.0
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    if east - west > 300.0:  # the whole world: one turn of longitude, routes wrap around
        west, east = (west + east) / 2 - 180.0, (west + east) / 2 + 180.0
    span_x = max(east - west, 12.0)
    span_y = max(north - south, 8.0)
    margin = 0.08 * span_x if span_x < 300.0 else 0.0
    west, east = (west + east - span_x) / 2 - margin, (west + east + span_x) / 2 + margin
    south, north = (south + north - span_y) / 2 - 0.12 * span_y, (south + north + span_y) / 2 + 0.12 * span_y
    south, north = max(south, -80.0), min(north, 84.0)
    box = ax.get_position()
    fig_w, fig_h = figure.get_size_inches()
    target = (box.width * fig_w) / (box.height * fig_h)
    for _ in range(3):  # widening north-south moves the middle latitude, so settle in a few rounds
        squeeze = max(math.cos(math.radians((south + north) / 2)), 0.2)
        ratio = (east - west) * squeeze / (north - south)
        if ratio < target:
            extra = ((north - south) * target / squeeze - (east - west)) / 2
            west, east = west - extra, east + extra
        elif ratio > target * 1.001:
            extra = ((east - west) * squeeze / target - (north - south)) / 2
            south, north = max(south - extra, -80.0), min(north + extra, 84.0)
    return west, east, south, north


def _basemap(ax: Axes, highlighted: set[str], west: float, east: float) -> None:
    """The bundled country outlines (and their copies east or west of the antimeridian when in view)."""
    from matplotlib.collections import PatchCollection
    from matplotlib.patches import PathPatch
    from matplotlib.path import Path as MplPath

    from geomap.layers import world_countries

    shifts = [s for s in (-360.0, 0.0, 360.0) if west < 180.0 + s and east > -180.0 + s]
    patches: dict[bool, list] = {False: [], True: []}
    for code, country in sorted(world_countries().items()):
        geometry = country["geometry"]
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        for shift in shifts:
            vertices: list = []
            codes: list = []
            for rings in polygons:
                for ring in rings:
                    if len(ring) < 3:
                        continue
                    vertices += [(x + shift, y) for x, y, *_ in ring]
                    codes += [MplPath.MOVETO] + [MplPath.LINETO] * (len(ring) - 2) + [MplPath.CLOSEPOLY]
            if vertices:
                patches[code in highlighted].append(PathPatch(MplPath(vertices, codes)))
    for is_highlighted, items in patches.items():
        ax.add_collection(
            PatchCollection(
                items, facecolor=_LAND_INVOLVED if is_highlighted else _LAND, edgecolor=_BORDER,
                linewidth=0.5, zorder=1 + is_highlighted,
            ),
            autolim=False,
        )


#: Points to the CSS pixel: the figure draws routes as wide as the map does.
_POINTS_PER_PIXEL = 0.75


def _route_width(sources: object, scale: float = 1.0) -> float:
    """Line width in points of a route with ``sources`` independent sources, as on the map (:func:`route_width`)."""
    from geomap.render.style import route_width

    return route_width(sources, scale) * _POINTS_PER_PIXEL


def _draw_route(ax: Axes, route: dict, colour: str, scale: float, thinner: float = 1.0) -> None:
    from matplotlib import patheffects
    from matplotlib.patches import FancyArrowPatch

    width = _route_width(route["sources"], thinner) * scale
    status = route["status"]
    alpha = 0.5 if status == "historical" else 0.92
    halo = [patheffects.Stroke(linewidth=width + 1.6, foreground=_HALO, alpha=0.75), patheffects.Normal()]
    ax.plot(
        route["lons"], route["lats"], color=colour, linewidth=width, alpha=alpha, zorder=4,
        linestyle=_STATUS_DASHES.get(status, "solid"), solid_capstyle="round", dash_capstyle="butt",
        path_effects=halo,
    )
    head = _along(route, _ARROW_AT)
    tail = _along(route, _ARROW_AT - 0.04)
    if head is None or tail is None or head == tail:
        return
    size = 9.0 + 2.4 * width
    ax.add_patch(
        FancyArrowPatch(
            tail, head, arrowstyle="-|>,head_length=0.55,head_width=0.32", mutation_scale=size,
            facecolor=colour, edgecolor=_HALO, alpha=min(alpha + 0.05, 1.0), linewidth=0.0, shrinkA=0, shrinkB=0,
            zorder=5,
        )
    )


def _along(route: dict, fraction: float) -> tuple[float, float] | None:
    """The point at ``fraction`` of the route's drawn length (longitudes shrunk by the cosine of latitude)."""
    lons, lats = route["lons"], route["lats"]
    if len(lons) < 2:
        return None
    steps = []
    for i in range(len(lons) - 1):
        squeeze = math.cos(math.radians((lats[i] + lats[i + 1]) / 2))
        steps.append(math.hypot((lons[i + 1] - lons[i]) * squeeze, lats[i + 1] - lats[i]))
    goal = sum(steps) * fraction
    for i, step in enumerate(steps):
        if goal <= step and step > 0:
            t = goal / step
            return lons[i] + t * (lons[i + 1] - lons[i]), lats[i] + t * (lats[i + 1] - lats[i])
        goal -= step
    return lons[-1], lats[-1]


def _draw_events(figure: Figure, ax: Axes, events: list[dict], placed: _Placed, scale: float) -> dict:
    """Symbols (the interactive map's glyph on a disc of the type's colour), side by side at a shared place.

    One scatter per event type; glyphs and collision boxes only while there are
    few enough symbols to read them. Returns the width in points of the row of
    symbols at each place.
    """
    few = len(events) <= _MANY_SYMBOLS
    size = (13.0 if few else 6.0) * scale
    at_place: dict[tuple, list[dict]] = {}
    for event in events:
        key = _point_key(event["lon"], event["lat"])
        at_place.setdefault(key if few else (key, event["type"]), []).append(event)
    pixels_per_point = figure.dpi / 72.0
    box = ax.get_window_extent(placed.renderer)
    west, east = ax.get_xlim()
    degrees_per_point = (east - west) / box.width * pixels_per_point
    by_type: dict[str, list[tuple[float, float, dict]]] = {}
    widths = {}
    for key, group in at_place.items():
        if few:
            widths[key] = len(group) * size * 1.05
        for i, event in enumerate(group):
            lon = event["lon"] + (i - (len(group) - 1) / 2) * size * 1.05 * degrees_per_point
            by_type.setdefault(event["type"], []).append((lon, event["lat"], event))
    for kind, points in sorted(by_type.items()):
        glyph, colour, _ = _event_style(kind)
        ax.scatter([p[0] for p in points], [p[1] for p in points], s=size**2, c=colour, edgecolors="white",
                   linewidths=1.0 if few else 0.4, zorder=6, alpha=1.0 if few else 0.8)
        for lon, lat, event in points:
            if few:
                ax.text(lon, lat, glyph, fontsize=size * 0.55, color="white", ha="center", va="center_baseline",
                        zorder=7, clip_on=True)
                centre = ax.transData.transform((lon, lat))
                half = size / 2 * pixels_per_point
                placed.take(_bbox(centre[0] - half, centre[1] - half, centre[0] + half, centre[1] + half))
            if event["count"] > 1 and few:
                badge = ax.text(lon, lat, str(event["count"]), zorder=8, fontsize=size * 0.6, color=_INK,
                                fontweight="bold", ha="left", va="bottom", clip_on=True, path_effects=_halo(1.6),
                                transform=_offset(ax, size * 0.3, size * 0.3))
                placed.take(placed.box(badge))
    return widths


def _bbox(x0: float, y0: float, x1: float, y1: float):
    from matplotlib.transforms import Bbox

    return Bbox.from_extents(x0, y0, x1, y1)


def _offset(ax: Axes, dx: float, dy: float):
    from matplotlib.transforms import offset_copy

    return offset_copy(ax.transData, fig=ax.figure, x=dx, y=dy, units="points")


def _point_key(lon: float, lat: float) -> tuple[float, float]:
    return round(lon, 2), round(lat, 2)


class _Placed:
    """Display boxes already taken on the map, so labels cover neither each other nor the symbols."""

    def __init__(self, figure: Figure, ax: Axes) -> None:
        self.renderer = figure.canvas.get_renderer()
        self.inside = ax.get_window_extent(self.renderer)
        self.boxes: list = []

    def box(self, artist):
        return artist.get_window_extent(self.renderer)

    def free(self, box) -> bool:
        inside = self.inside
        if not (inside.x0 <= box.x0 and box.x1 <= inside.x1 and inside.y0 <= box.y0 and box.y1 <= inside.y1):
            return False
        return not any(box.overlaps(other) for other in self.boxes)

    def take(self, box) -> None:
        self.boxes.append(box)


def _halo(width: float = 2.2) -> list:
    from matplotlib import patheffects

    return [patheffects.withStroke(linewidth=width, foreground=_HALO)]


def _place_labels(
    ax: Axes, placed: _Placed, routes: list[dict], events: list[dict], markers: dict, scale: float
) -> None:
    """The names of the places at route ends and of the events, beside their point where there is room."""
    points: dict[str, tuple[float, float]] = {}
    weight: dict[str, int] = {}
    for route in routes:
        for name, lon, lat in ((route["origin"], route["lons"][0], route["lats"][0]),
                               (route["destination"], route["lons"][-1], route["lats"][-1])):
            points.setdefault(name, (lon, lat))
            weight[name] = weight.get(name, 0) + route["sources"]
    for event in events:
        points.setdefault(event["place"], (event["lon"], event["lat"]))
        weight[event["place"]] = weight.get(event["place"], 0) + event["count"]
    limit = _PLACE_LABELS if len(events) <= _MANY_SYMBOLS else _PLACE_LABELS // 3
    busiest = sorted((n for n in points if n), key=lambda n: (-weight[n], n))[:limit]
    for name in sorted(busiest):
        lon, lat = points[name]
        row = markers.get(_point_key(lon, lat))
        if row is None:
            (dot,) = ax.plot(lon, lat, marker="o", markersize=4.0 * scale, markerfacecolor=_INK,
                             markeredgecolor="white", markeredgewidth=0.8, zorder=6, linestyle="none")
            placed.take(placed.box(dot))
        side = (row or 0) / 2 + 4.0 * scale
        above = (6.5 * scale + 2.0) if row else 4.0 * scale
        for dx, dy, ha, va in ((side, 0, "left", "center"), (-side, 0, "right", "center"),
                               (0, above, "center", "bottom"), (0, -above, "center", "top")):
            text = ax.text(lon, lat, display_text(name), fontsize=8.5 * scale, color=_INK, ha=ha, va=va, zorder=9,
                           transform=_offset(ax, dx, dy),
                           path_effects=_halo(), clip_on=True)
            box = placed.box(text)
            if placed.free(box):
                placed.take(box)
                break
            text.remove()


def _country_labels(
    ax: Axes, placed: _Placed, highlighted: set[str], labels: str, scale: float,
    west: float, east: float, south: float, north: float,
) -> None:
    """Country names at a point inside each outline: the corpus's countries first, then large neighbours."""
    from shapely.geometry import shape

    from geomap.layers import world_countries

    names = _country_names("ar") if labels == "ar" else {}
    candidates = []
    for code, country in world_countries().items():
        if country["lon"] is None:
            continue
        lon = country["lon"] + 360.0 * round(((west + east) / 2 - country["lon"]) / 360.0)
        if not (west <= lon <= east and south <= country["lat"] <= north):
            continue
        area = shape(country["geometry"]).area
        candidates.append((code not in highlighted, -area, code, lon, country["lat"], country["name"]))
    view = (east - west) * (north - south)
    for other, negative_area, code, lon, lat, name in sorted(candidates):
        if other and -negative_area < view / 900:
            continue
        label = display_text(names.get(code, name) if labels == "ar" else name.upper())
        shifts = ((0, 0),) if other else ((0, 0), (0, 14), (0, -14), (0, 28), (0, -28))
        for dx, dy in shifts:
            text = ax.text(
                lon, lat, label, zorder=3, fontsize=(7.5 if other else 8.5) * scale, color=_FAINT if other else _MUTED,
                ha="center", va="center", fontweight="normal" if other else "bold", path_effects=_halo(1.6),
                transform=_offset(ax, dx * scale, dy * scale),
                clip_on=True,
            )
            box = placed.box(text)
            if placed.free(box):
                placed.take(box)
                break
            text.remove()


# ---------------------------------------------------------------------------------------------------------------------
# legend, corpus line, sources


def _legend(figure: Figure, layers: Layers, left: float, top: float, scale: float) -> None:
    """The legend, one block per part (commodities, status, sources, events) stacked from ``top`` down."""
    from matplotlib.lines import Line2D

    from geomap.render.style import commodity_colours, route_scale, source_steps

    blocks: list[tuple[str, list[tuple[Any, str]]]] = []
    if len(layers.routes):
        commodities = [_text(c) or "unspecified" for c in layers.routes["commodity"]]
        blocks.append(("Flows by commodity", [
            (Line2D([], [], color=colour, linewidth=3.2 * scale), commodity)
            for commodity, colour in commodity_colours(commodities).items()
        ]))
        statuses = {"denied" if bool(d) else _text(s) for s, d in zip(layers.routes["status"], layers.routes["denied"],
                                                                       strict=True)}
        direction = Line2D([], [], color=_MUTED, linewidth=1.6 * scale, marker=">", markersize=7 * scale,
                           markevery=[1])
        styles = [(direction, "direction of supply")]
        for status in ("asserted", "speculative", "denied", "historical"):
            if status in statuses or status == "asserted":
                line = Line2D([], [], color=_MUTED, linewidth=2.6 * scale, linestyle=_STATUS_DASHES.get(status, "-"),
                              alpha=0.5 if status == "historical" else 1.0, dash_capstyle="butt")
                styles.append((line, status))
        blocks.append(("Flow status", styles))
        thinner = route_scale(len(layers.routes))
        blocks.append(("Independent sources", [
            (Line2D([], [], color=_MUTED, linewidth=_route_width(count, thinner) * scale), text)
            for count, text in source_steps()
        ]))
    if len(layers.events):
        entries = []
        for kind in sorted({_text(k) or "other" for k in layers.events["type"]}):
            glyph, colour, label = _event_style(kind)
            disc = Line2D([], [], marker="o", markersize=11 * scale, markerfacecolor=colour, markeredgecolor="white",
                          linestyle="none")
            sign = Line2D([], [], marker=f"${glyph}$", markersize=6 * scale, color="white", markeredgewidth=0,
                          linestyle="none")
            entries.append(((disc, sign), label))
        blocks.append(("Events", entries))
    if blocks and len(layers.countries):
        from matplotlib.patches import Patch

        blocks.append(("Countries", [
            (Patch(facecolor=_LAND_INVOLVED, edgecolor="#b9b3a6", linewidth=0.5), "in the flows or events"),
        ]))
    if not blocks:
        figure.text(left, top, "No flows or events to show", fontsize=10 * scale, color=_MUTED, va="top")
        return
    rows = sum(len(entries) + 1.5 for _, entries in blocks)
    fontsize = 9.5 * scale * min(1.0, 30 / rows)
    renderer = figure.canvas.get_renderer()
    for title, entries in blocks:
        legend = figure.legend(
            [h for h, _ in entries], [display_text(t) for _, t in entries], title=display_text(title),
            loc="upper left", bbox_to_anchor=(left, top), bbox_transform=figure.transFigure, alignment="left",
            frameon=False, fontsize=fontsize, title_fontproperties={"weight": "bold", "size": fontsize * 1.05},
            handlelength=2.6, handleheight=1.0, borderaxespad=0, borderpad=0, labelspacing=0.4,
            labelcolor=_MUTED,
        )
        legend.get_title().set_color(_INK)
        box = legend.get_window_extent(renderer).transformed(figure.transFigure.inverted())
        top = box.y0 - 0.025


def _sources_note(layers: Layers) -> str:
    outlets = sorted(_outlets(layers), key=str.casefold)
    count = (layers.corpus or {}).get("articles")
    head = "Sources: "
    if count is not None:
        head += f"{count} news article{'s' if count != 1 else ''}"
    if outlets:
        shown = ", ".join(outlets[:6]) + (f" and {len(outlets) - 6} more" if len(outlets) > 6 else "")
        head += f" ({shown})" if count is not None else shown
    return (
        f"{head}, read by geomap {__version__}. Flows and events are as reported, not verified; a route joins the "
        "places named, or the capitals. Boundaries: Natural Earth (public domain); they imply no position."
    )


def _outlets(layers: Layers) -> Iterable[str]:
    seen: set[str] = set()
    for frame in (layers.routes, layers.events):
        if "evidence" not in frame:
            continue
        for value in frame["evidence"]:
            try:
                items = json.loads(_text(value) or "[]")
            except json.JSONDecodeError:
                continue
            for item in items if isinstance(items, list) else []:
                source = _text(item.get("source")) if isinstance(item, dict) else ""
                if Path(source).suffix.lower() in _FILE_SUFFIXES:  # no outlet known: the article's file name
                    continue
                if source and source not in seen:
                    seen.add(source)
                    yield source
