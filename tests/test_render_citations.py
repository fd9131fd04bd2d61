"""Citations on the map: each quote names its article, the page lists every source, popups stay small."""

from __future__ import annotations

import pytest
from render_data import ODD_URLS, cited_layers, sample_layers
from test_render import _features, _tables

from geomap.render.map import _link, render_map


@pytest.fixture(scope="module")
def cited() -> str:
    return render_map(cited_layers(10)).get_root().render()


def _props(page: str, feature_id: str) -> dict:
    return next(f["properties"] for f in _features(page) if f["properties"]["id"] == feature_id)


def test_every_cited_article_is_numbered_in_order_of_publication(cited):
    articles = _tables(cited)["articles"]
    assert sorted(articles) == [f"b{n:02d}" for n in range(1, 11)]
    assert [articles[f"b{n:02d}"]["n"] for n in range(1, 11)] == list(range(1, 11))
    third = articles["b03"]
    assert (third["title"], third["outlet"], third["published"]) == ("تقرير رقم 3", "Outlet 3", "2024-03-03")
    assert third["url"] == third["href"] == "https://news.example/article/3"


@pytest.mark.parametrize("number", sorted(ODD_URLS))
def test_an_address_that_is_not_http_is_shown_but_never_linked(cited, number):
    article = _tables(cited)["articles"][f"b{number:02d}"]
    assert article["url"] == ODD_URLS[number]
    assert "href" not in article


@pytest.mark.parametrize(
    ("url", "link"),
    [
        ("https://example.org/a", "https://example.org/a"),
        ("HTTP://example.org/", "HTTP://example.org/"),
        (" javascript:alert(1)", None),
        ("JavaScript:alert(1)", None),
        ("data:text/html,x", None),
        ("file:///etc/passwd", None),
        ("//example.org/a", None),
        ("https:no-host", None),
        ("", None),
        (None, None),
    ],
)
def test_only_web_addresses_are_links(url, link):
    assert _link(url) == link


def test_a_route_popup_shows_its_three_most_recent_quotes_and_counts_the_rest(cited):
    tables = _tables(cited)
    route = _props(cited, "IR-RU-drones")
    assert route["evn"] == 10
    assert [tables["sentences"][i][0] for i in route["ev"]] == ["b10", "b09", "b08"]
    assert route["src"] == list(range(1, 11))  # every source, by number


def test_the_number_of_quotes_is_a_choice_and_the_layers_keep_them_all():
    layers = cited_layers(10)
    page = render_map(layers, quotes=10).get_root().render()
    assert len(_props(page, "IR-RU-drones")["ev"]) == 10
    assert len(layers.routes["evidence"].iloc[0]) == 10


def test_a_route_with_many_sources_does_not_weigh_on_the_page():
    small = len(render_map(cited_layers(10)).get_root().render())
    large = len(render_map(cited_layers(200)).get_root().render())
    # 190 more articles add their line in the sources list, not their quotes
    assert large - small < 190 * 400


def test_quotes_and_sources_list_come_from_the_page_script(cited):
    assert "geomap.cite.sources(geomap.tables()).addTo(" in cited
    assert "function evidence(box, p, tables)" in cited  # the citations script is inlined
    assert ".gm-sources" in cited  # and its stylesheet


def test_event_popups_cite_their_article_too():
    page = render_map(sample_layers()).get_root().render()
    tables = _tables(page)
    visit = _props(page, "event-2")
    assert visit["src"] == [tables["articles"]["a1"]["n"]]
    assert tables["articles"]["a1"]["published"] == "2023-07-15"


def test_a_map_without_evidence_has_no_sources_list():
    from geomap.layers import build_layers

    assert "geomap.cite.sources(" not in render_map(build_layers([], corpus_name="empty")).get_root().render()
