"""Commodity colours: fixed, from the style file, and apart for readers with red-green colour blindness."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

from geomap.render.style import commodity_colours, commodity_palette

COMMODITIES = (
    "munitions", "missiles", "drones", "aircraft", "vehicles", "ships", "weapons", "technology", "personnel",
    "oil", "funds",
)

# Machado, Oliveira & Fernandes (2009), severity 1.0, applied to linear RGB.
PROTANOPIA = np.array(
    [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]]
)
DEUTERANOPIA = np.array(
    [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]]
)
VISIONS = {"normal": np.eye(3), "protanopia": PROTANOPIA, "deuteranopia": DEUTERANOPIA}
#: The closest pair of the Okabe-Ito palette (orange and yellow under deuteranopia) is 11.6 apart.
MIN_DELTA_E = 11.0


def _linear(colour: str) -> np.ndarray:
    srgb = np.array([int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)])
    return np.where(srgb <= 0.04045, srgb / 12.92, ((srgb + 0.055) / 1.055) ** 2.4)


def _lab(linear: np.ndarray) -> tuple[float, float, float]:
    """CIELAB (D65) of a linear RGB colour."""
    xyz = np.array([[0.4124564, 0.3575761, 0.1804375], [0.2126729, 0.7151522, 0.0721750],
                    [0.0193339, 0.1191920, 0.9503041]]) @ np.clip(linear, 0, 1)
    t = xyz / np.array([0.95047, 1.0, 1.08883])
    f = np.where(t > 216 / 24389, np.cbrt(t), (24389 / 27 * t + 16) / 116)
    return 116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])


def _ciede2000(lab1, lab2) -> float:
    """CIEDE2000 colour difference (Sharma, Wu & Dalal 2005)."""
    (l1, a1, b1), (l2, a2, b2) = lab1, lab2
    c_mean = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(c_mean**7 / (c_mean**7 + 25**7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p, h2p = math.degrees(math.atan2(b1, a1p)) % 360, math.degrees(math.atan2(b2, a2p)) % 360
    dh = 0.0 if c1p * c2p == 0 else (h2p - h1p + 180) % 360 - 180
    d_l, d_c, d_h = l2 - l1, c2p - c1p, 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dh / 2))
    l_mean, cp_mean = (l1 + l2) / 2, (c1p + c2p) / 2
    if c1p * c2p == 0:
        h_mean = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        h_mean = (h1p + h2p) / 2
    else:
        h_mean = (h1p + h2p + 360) / 2 if h1p + h2p < 360 else (h1p + h2p - 360) / 2
    t = (1 - 0.17 * math.cos(math.radians(h_mean - 30)) + 0.24 * math.cos(math.radians(2 * h_mean))
         + 0.32 * math.cos(math.radians(3 * h_mean + 6)) - 0.20 * math.cos(math.radians(4 * h_mean - 63)))
    rotation = 30 * math.exp(-(((h_mean - 275) / 25) ** 2))
    r_c = 2 * math.sqrt(cp_mean**7 / (cp_mean**7 + 25**7))
    s_l = 1 + 0.015 * (l_mean - 50) ** 2 / math.sqrt(20 + (l_mean - 50) ** 2)
    s_c, s_h = 1 + 0.045 * cp_mean, 1 + 0.015 * cp_mean * t
    r_t = -math.sin(math.radians(2 * rotation)) * r_c
    return math.sqrt((d_l / s_l) ** 2 + (d_c / s_c) ** 2 + (d_h / s_h) ** 2 + r_t * (d_c / s_c) * (d_h / s_h))


@pytest.mark.parametrize(
    ("lab1", "lab2", "expected"),
    [  # pairs from Sharma, Wu & Dalal's test data
        ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
        ((50.0, 2.5, 0.0), (73.0, 25.0, -18.0), 27.1492),
        ((2.0776, 0.0795, -1.1350), (0.9033, -0.0636, -0.5514), 0.9082),
    ],
)
def test_colour_difference_matches_published_values(lab1, lab2, expected):
    assert _ciede2000(lab1, lab2) == pytest.approx(expected, abs=1e-4)


def test_simulated_deuteranopia_merges_red_and_green():
    red, green = _linear("#D62728"), _linear("#2CA02C")
    assert _ciede2000(_lab(red), _lab(green)) > 50
    assert _ciede2000(_lab(DEUTERANOPIA @ red), _lab(DEUTERANOPIA @ green)) < 25


def test_every_commodity_class_has_its_own_colour():
    palette = commodity_palette()
    assert set(COMMODITIES) <= set(palette)
    assert len({palette[c] for c in COMMODITIES}) == len(COMMODITIES)
    assert palette["other"] not in {palette[c] for c in COMMODITIES}


@pytest.mark.parametrize("vision", sorted(VISIONS))
def test_commodity_colours_stay_apart_under_colour_blindness(vision):
    palette = commodity_palette()
    matrix = VISIONS[vision]
    seen = {c: _lab(matrix @ _linear(palette[c])) for c in COMMODITIES}
    closest = min(
        ((_ciede2000(seen[a], seen[b]), a, b) for a, b in itertools.combinations(COMMODITIES, 2)),
    )
    assert closest[0] >= MIN_DELTA_E, f"{closest[1]} and {closest[2]} are {closest[0]:.1f} apart under {vision}"


def test_colours_do_not_depend_on_the_other_commodities():
    alone = commodity_colours(["munitions"])
    crowded = commodity_colours(["aircraft", "drones", "munitions", "oil"])
    assert alone["munitions"] == crowded["munitions"]
    assert commodity_colours(["a new class"])["a new class"] == commodity_palette()["other"]


@pytest.mark.parametrize(
    ("text", "problem"),
    [("commodities: {drones: {colour: red}}", "is not a colour"), ("commodities: [", "cannot read")],
)
def test_a_broken_colour_file_is_named_in_the_error(tmp_path, text, problem):
    path = tmp_path / "commodities.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=problem) as err:
        commodity_palette(path)
    assert str(path) in str(err.value)
