"""The fixed look shared by the interactive map and the static figure.

Each commodity class has one colour on every map, legend and figure, read from
``geomap/data/style/commodities.yaml`` (the Okabe-Ito palette and three dark
colours that stay apart from it under protanopia and deuteranopia), so a
commodity keeps its colour from one corpus to the next.

A route is as wide as its independent sources, in three steps (1, 2, and 3 or
more sources) that the map, the figure and both legends share
(:func:`route_width`, :func:`source_steps`).
"""

from __future__ import annotations

from collections.abc import Iterable
from importlib import resources
from pathlib import Path

__all__ = [
    "COMMODITY_STYLE",
    "ROUTE_WIDTHS",
    "commodity_palette",
    "commodity_colours",
    "route_scale",
    "route_width",
    "source_steps",
]

#: The colour file inside the package.
COMMODITY_STYLE = "data/style/commodities.yaml"
_OTHER = "other"

#: Width in CSS pixels of a route with 1, 2, and 3 or more independent sources (the figure draws the same widths
#: in points, 0.75 pt to the pixel).
ROUTE_WIDTHS = (2.5, 4.5, 6.5)
#: Routes on a map or figure above which every route is drawn thinner, and by how much.
_MANY_ROUTES = (40, 0.7)


def route_scale(count: int) -> float:
    """How much thinner every route is drawn when a map or figure has ``count`` routes (1.0: as wide as listed).

    Examples
    --------
    >>> route_scale(12), route_scale(500)
    (1.0, 0.7)
    """
    return 1.0 if count <= _MANY_ROUTES[0] else _MANY_ROUTES[1]


def route_width(sources: object, scale: float = 1.0) -> float:
    """The width of a route with ``sources`` independent sources (one of :data:`ROUTE_WIDTHS`, times ``scale``).

    Examples
    --------
    >>> route_width(1), route_width(2), route_width(9), route_width(None), route_width(3, 0.7)
    (2.5, 4.5, 6.5, 2.5, 4.5)
    """
    try:
        count = int(sources or 1)
    except (TypeError, ValueError):
        count = 1
    return round(ROUTE_WIDTHS[min(max(count, 1), len(ROUTE_WIDTHS)) - 1] * scale, 1)


def source_steps() -> list[tuple[int, str]]:
    """The steps of route width as a legend lists them: sources, and the legend's words.

    Examples
    --------
    >>> source_steps()
    [(1, '1 source'), (2, '2 sources'), (3, '3+ sources')]
    """
    last = len(ROUTE_WIDTHS)
    return [(n, f"{n}{'+' if n == last else ''} source{'s' if n > 1 else ''}") for n in range(1, last + 1)]


def commodity_palette(path: str | Path | None = None) -> dict[str, str]:
    """Every commodity class with its colour, in the order of the colour file.

    Parameters
    ----------
    path : str or Path, optional
        A colour file of the same form; the bundled one by default.

    Returns
    -------
    dict
        ``commodity -> "#rrggbb"``, and ``"other"`` for commodities the file
        does not list.

    Raises
    ------
    ValueError
        When the file is not valid YAML or a colour is not ``#rrggbb``; the
        message names the file.

    Examples
    --------
    >>> palette = commodity_palette()
    >>> palette["drones"], palette["munitions"]
    ('#0072B2', '#E69F00')
    """
    import yaml

    if path is None:
        source = resources.files("geomap").joinpath(COMMODITY_STYLE)
        name = f"geomap/{COMMODITY_STYLE}"
    else:
        source = Path(path)
        name = str(path)
    try:
        data = yaml.safe_load(source.read_text("utf-8"))
    except (OSError, yaml.YAMLError) as err:
        raise ValueError(f"{name}: cannot read the commodity colours ({err})") from err
    entries = dict((data or {}).get("commodities") or {})
    entries[_OTHER] = (data or {}).get(_OTHER) or {"colour": "#7F7F7F"}
    palette = {}
    for commodity, entry in entries.items():
        colour = entry.get("colour") if isinstance(entry, dict) else entry
        if not (isinstance(colour, str) and len(colour) == 7 and colour[0] == "#" and _is_hex(colour[1:])):
            raise ValueError(f"{name}: {commodity}: {colour!r} is not a colour of the form #rrggbb")
        palette[str(commodity)] = colour.upper()
    return palette


def commodity_colours(commodities: Iterable[str], palette: dict[str, str] | None = None) -> dict[str, str]:
    """The fixed colour of each commodity, commodities in alphabetical order.

    Parameters
    ----------
    commodities : iterable of str
        Commodity classes (repeats are fine).
    palette : dict, optional
        As given by :func:`commodity_palette` (read from the bundled file by default).

    Returns
    -------
    dict
        ``commodity -> "#rrggbb"``; a commodity the palette does not list
        gets the colour of ``"other"``.

    Examples
    --------
    >>> commodity_colours(["missiles", "drones", "missiles", "spare parts"])
    {'drones': '#0072B2', 'missiles': '#D55E00', 'spare parts': '#7F7F7F'}
    """
    palette = palette if palette is not None else commodity_palette()
    return {c: palette.get(c, palette[_OTHER]) for c in sorted(set(commodities))}


def _is_hex(text: str) -> bool:
    return all(ch in "0123456789abcdefABCDEF" for ch in text)
