"""The fixed look shared by the interactive map and the static figure.

Each commodity class has one colour on every map, legend and figure, read from
``geomap/data/style/commodities.yaml`` (the Okabe-Ito palette and three dark
colours that stay apart from it under protanopia and deuteranopia), so a
commodity keeps its colour from one corpus to the next.
"""

from __future__ import annotations

from collections.abc import Iterable
from importlib import resources
from pathlib import Path

__all__ = ["COMMODITY_STYLE", "commodity_palette", "commodity_colours"]

#: The colour file inside the package.
COMMODITY_STYLE = "data/style/commodities.yaml"
_OTHER = "other"


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
