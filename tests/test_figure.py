"""The static figure: written as PNG, PDF or SVG, with its legend, title, routes, symbols and Arabic shaped."""

from __future__ import annotations

import subprocess
import sys

import pytest
from matplotlib.colors import to_hex
from matplotlib.patches import FancyArrowPatch
from render_data import sample_layers

from geomap.layers import build_layers, route_geometry
from geomap.render.figure import FIGURE_SIZE, display_text, render_figure, save_figure, shape_arabic
from geomap.render.style import commodity_palette

MAGIC = {".png": b"\x89PNG\r\n\x1a\n", ".pdf": b"%PDF-", ".svg": b"<?xml"}


@pytest.fixture(scope="module")
def layers():
    return sample_layers()


@pytest.fixture(scope="module")
def figure(layers):
    return render_figure(layers)


def _map_axes(figure):
    [ax] = figure.axes
    return ax


def _texts(figure) -> list[str]:
    texts = [t.get_text() for t in figure.texts]
    texts += [t.get_text() for t in _map_axes(figure).texts]
    for legend in figure.legends:
        texts += [legend.get_title().get_text(), *(t.get_text() for t in legend.get_texts())]
    return texts


@pytest.mark.parametrize("suffix", [".png", ".pdf", ".svg"])
def test_the_figure_is_written_in_the_format_of_its_extension(tmp_path, figure, suffix):
    path = save_figure(figure, tmp_path / f"flows{suffix}")
    data = path.read_bytes()
    assert data.startswith(MAGIC[suffix])
    assert len(data) > 10_000
    if suffix == ".svg":
        assert b"<svg" in data[:1000]
    assert [p.name for p in tmp_path.iterdir()] == [f"flows{suffix}"]  # no temporary file left behind


@pytest.mark.parametrize("suffix", [".pdf", ".svg"])
def test_the_same_figure_gives_the_same_bytes(tmp_path, figure, suffix):
    first = save_figure(figure, tmp_path / f"a{suffix}").read_bytes()
    second = save_figure(figure, tmp_path / f"b{suffix}").read_bytes()
    assert first == second


def test_layers_can_be_saved_directly_and_a_png_is_slide_sized(tmp_path, layers):
    from PIL import Image

    path = save_figure(layers, tmp_path / "out" / "flows.png")
    with Image.open(path) as image:
        assert image.size == (1920, 1080)


def test_the_figure_has_a_title_a_corpus_line_a_legend_and_a_sources_note(figure):
    assert tuple(figure.get_size_inches()) == pytest.approx(FIGURE_SIZE)
    texts = _texts(figure)
    assert texts[0] == "Reported arms and supply flows: test corpus"
    assert texts[1].startswith("Corpus: test corpus, 3 articles")
    assert any(t.startswith("Sources: 3 news articles (Outlet 7, Outlet 8, Outlet 9)") for t in texts)
    assert figure.legends
    for entry in ("Flows by commodity", "drones", "missiles", "munitions", "speculative", "denied",
                  "Independent sources", "1 source", "2 sources", "Events", "Summit", "Visit"):
        assert entry in texts, entry


def test_a_title_replaces_the_default_one(layers):
    assert render_figure(layers, title="Briefing", size=(8, 4.5)).texts[0].get_text() == "Briefing"


def test_routes_have_their_commodity_colour_a_width_by_sources_and_an_arrowhead_towards_the_recipient(figure):
    ax = _map_axes(figure)
    palette = commodity_palette()
    lines = {to_hex(line.get_color()).upper(): line for line in ax.lines if len(line.get_xdata()) > 2}
    assert {palette["drones"], palette["missiles"], palette["munitions"]} <= set(lines)
    munitions, drones = lines[palette["munitions"]], lines[palette["drones"]]
    assert munitions.get_linewidth() > drones.get_linewidth()  # two independent sources against one
    assert lines[palette["missiles"]].get_linestyle() != "-"  # speculative
    arrows = [p for p in ax.patches if isinstance(p, FancyArrowPatch)]
    assert len(arrows) == 3
    for arrow in arrows:
        colour = to_hex(arrow.get_facecolor()).upper()
        line = lines[colour]
        (x0, y0), (x1, y1) = arrow._posA_posB
        start, end = (line.get_xdata()[0], line.get_ydata()[0]), (line.get_xdata()[-1], line.get_ydata()[-1])
        distance = lambda a, b: ((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5  # noqa: E731
        assert distance((x1, y1), end) < distance((x1, y1), start) / 3  # near the recipient end
        assert distance((x1, y1), end) > 0.05 * distance(start, end)  # but clear of its marker
        assert distance((x1, y1), end) < distance((x0, y0), end)  # pointing towards it


def test_events_are_drawn_as_symbols_and_places_are_named(figure):
    ax = _map_axes(figure)
    discs = [c for c in ax.collections if type(c).__name__ == "PathCollection"]
    assert sum(len(c.get_offsets()) for c in discs) == 2  # the summit and the visit
    assert {"★", "⚑"} <= {t.get_text() for t in ax.texts}  # the glyphs of the interactive map
    texts = _texts(figure)
    for place in ("Moscow", "Tehran", "Sanaa", "Vostochny Cosmodrome", "Pyongyang"):
        assert place in texts, place
    assert "RUSSIA" in texts and "IRAN" in texts


def test_the_view_is_fitted_to_the_routes_and_events(layers, figure):
    ax = _map_axes(figure)
    west, east = ax.get_xlim()
    south, north = ax.get_ylim()
    bounds = layers.routes.total_bounds
    assert west < bounds[0] and east > bounds[2] and south < bounds[1] and north > bounds[3]
    assert east - west < 1.5 * (bounds[2] - bounds[0])  # a margin, not the whole world
    assert all(not t.get_xticks().size for t in [ax]) and not ax.get_yticks().size


def test_a_route_across_the_antimeridian_is_drawn_as_one_line():
    layers = sample_layers()
    layers.routes = layers.routes.copy()
    crossing = route_geometry((170.0, -40.0), (-150.0, -20.0))
    assert crossing.geom_type == "MultiLineString"
    layers.routes.geometry = [crossing] * len(layers.routes)
    layers.events = layers.events.iloc[:0]
    ax = _map_axes(render_figure(layers))
    drawn = [line.get_xdata() for line in ax.lines if len(line.get_xdata()) > 2]
    assert drawn
    for xs in drawn:
        assert max(abs(b - a) for a, b in zip(xs, xs[1:], strict=False)) < 10
    west, east = ax.get_xlim()
    assert west < 170 and east > 210  # the view spans the antimeridian


def test_an_empty_corpus_gives_a_world_map_with_a_title():
    figure = render_figure(build_layers([], corpus_name="empty"))
    assert figure.texts[0].get_text() == "Reported arms and supply flows: empty"
    assert _map_axes(figure).get_xlim() == (-180.0, 180.0)


def test_arabic_is_shaped_into_presentation_forms_in_visual_order():
    shaped = shape_arabic("روسيا")
    assert len(shaped) == 5
    assert all("\ufe70" <= ch <= "\ufeff" for ch in shaped)
    assert shaped[0] == "\ufe8e"  # the final alef comes first when drawn left to right
    mixed = shape_arabic("Flows to روسيا")
    assert mixed.startswith("Flows to ") and mixed.endswith("\ufead")


def test_arabic_is_handed_to_matplotlib_as_it_can_draw_it():
    from matplotlib import ft2font

    lays_out = getattr(ft2font, "__libraqm_version__", None) is not None
    assert display_text("روسيا") == ("روسيا" if lays_out else shape_arabic("روسيا"))
    assert display_text("Moscow → Tehran") == "Moscow → Tehran"
    assert display_text(None) == ""


def test_arabic_is_drawn_right_to_left():
    """Where matplotlib puts each letter of the text it is given: the first letter rightmost."""
    import unicodedata

    from matplotlib import _text_helpers, font_manager
    from matplotlib.ft2font import FT2Font

    font = FT2Font(font_manager.findfont("DejaVu Sans"))
    font.set_size(20, 72)
    drawn = {unicodedata.name(item.char).split()[2]: item.x for item in _text_helpers.layout(display_text("دار"), font)}
    assert drawn["DAL"] > drawn["ALEF"] > drawn["REH"]


def test_arabic_country_labels(layers):
    figure = render_figure(layers, labels="ar")
    labels = [t.get_text() for t in _map_axes(figure).texts]
    assert display_text("روسيا") in labels
    assert "RUSSIA" not in labels


@pytest.mark.parametrize(
    "kwargs, problem",
    [({"size": (0, 5)}, "figure size"), ({"size": "big"}, "figure size"), ({"labels": "fr"}, "labels")],
)
def test_bad_arguments_are_named(layers, kwargs, problem):
    with pytest.raises(ValueError, match=problem):
        render_figure(layers, **kwargs)


def test_an_unknown_extension_is_refused_before_writing(tmp_path, figure):
    with pytest.raises(ValueError, match=r"flows\.jpg: a figure is written as \.png, \.pdf or \.svg"):
        save_figure(figure, tmp_path / "flows.jpg")
    assert not any(tmp_path.iterdir())


def test_a_failure_while_writing_leaves_the_previous_file_intact(tmp_path, monkeypatch, figure):
    path = save_figure(figure, tmp_path / "flows.png")
    before = path.read_bytes()

    def broken(handle, **kwargs):
        handle.write(b"\x89PNG half a picture")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(figure, "savefig", broken)
    with pytest.raises(OSError, match="No space left"):
        save_figure(figure, path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["flows.png"]


def test_the_figure_shows_inline_in_jupyter_and_can_be_pickled(figure):
    import pickle

    assert figure._repr_png_().startswith(MAGIC[".png"])
    copy = pickle.loads(pickle.dumps(figure))
    assert copy.texts[0].get_text() == figure.texts[0].get_text()


def test_importing_the_figure_module_leaves_the_matplotlib_backend_alone():
    code = (
        "import sys, geomap.render.figure, geomap; geomap.render_figure; "
        "print('matplotlib.pyplot' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_build_writes_the_figure(tmp_path):
    figure = tmp_path / "slides" / "flows.svg"
    result = subprocess.run(
        [sys.executable, "-m", "geomap.cli", "build", "--quiet", "--output", str(tmp_path / "map.html"),
         "--figure", str(figure), "--figure-size", "8,4.5"],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert figure.read_bytes().startswith(b"<?xml")
    assert b'width="576pt" height="324pt"' in figure.read_bytes()[:2000]


@pytest.mark.parametrize(
    "args, message",
    [
        (["--figure", "flows.jpg"], "flows.jpg: the figure is written as PNG, PDF or SVG"),
        (["--figure", "flows.png", "--figure-size", "wide"], "is not a width and a height in inches"),
    ],
)
def test_build_refuses_a_bad_figure_argument_without_a_traceback(tmp_path, args, message):
    result = subprocess.run([sys.executable, "-m", "geomap.cli", "build", "--output", str(tmp_path / "m.html"), *args],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def _legend_widths(figure, title: str) -> dict[str, float]:
    """The line width of each entry of a legend block of the figure, by its text."""
    [legend] = [legend for legend in figure.legends if legend.get_title().get_text() == title]
    return {text.get_text(): line.get_linewidth() for text, line in zip(legend.get_texts(), legend.get_lines(),
                                                                          strict=True)}


def _map_legend_widths(page: str) -> dict[str, float]:
    import json
    import re

    start = page.index("d.innerHTML = ") + len("d.innerHTML = ")
    legend = json.JSONDecoder().raw_decode(page, start)[0]
    rows = re.findall(r'stroke-width="([\d.]+)" stroke-opacity="0.9" stroke-linecap="round"/></svg>'
                      r"(\d\+? sources?)</div>", legend)
    return {text: float(width) for width, text in rows}


@pytest.mark.parametrize("many", [False, True])
def test_the_figure_and_the_map_draw_and_list_the_same_widths_for_one_two_and_three_sources(many):
    from geomap.render.map import render_map

    layers = sample_layers()
    if many:  # a map of many routes draws every route thinner, and so does the figure
        layers.routes = layers.routes.iloc[[0] * 50].reset_index(drop=True)
        layers.routes["id"] = [f"r{i}" for i in range(50)]
    figure = render_figure(layers)
    on_map = _map_legend_widths(render_map(layers).get_root().render())
    in_figure = _legend_widths(figure, "Independent sources")
    assert list(in_figure) == list(on_map) == ["1 source", "2 sources", "3+ sources"]
    assert [in_figure[k] / on_map[k] for k in on_map] == pytest.approx([0.75] * 3)  # the same widths, in points
    # the routes are drawn with the widths their legend lists
    drawn = {round(line.get_linewidth(), 6) for line in _map_axes(figure).lines if len(line.get_xdata()) > 2}
    assert drawn and drawn <= {round(w, 6) for w in in_figure.values()}


def test_a_figure_of_a_selection_describes_what_it_shows_as_the_map_does():
    import re

    from geomap.render.map import render_map

    layers = sample_layers()
    layers.routes = layers.routes[layers.routes["commodity"] == "drones"]
    layers.events = layers.events[layers.events["type"] == "visit"]
    line = _texts(render_figure(layers))[1]
    assert line.startswith("Corpus: test corpus; showing 1 of 3 flows and 1 of 2 events, cited by 2 of 3 articles")
    assert "published 2023-07-15 – 2023-08-15" in line
    page = render_map(layers).get_root().render()
    assert re.search(r'<div class="gm-title"><h1>.*?</h1><div>(.*?)</div></div>', page).group(1) == line
