"""The tutorial notebook runs from top to bottom, offline, and shows the map inline."""

from __future__ import annotations

import re
from pathlib import Path

import nbclient
import nbformat
import pytest

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "explore.ipynb"

# run first in the kernel: any connection outside this machine fails the notebook
NO_NETWORK = """
import socket
_connect = socket.socket.connect
def _local_only(self, address, *args):
    if isinstance(address, tuple) and address[0] not in ("127.0.0.1", "::1", "localhost"):
        raise OSError(f"network access from the notebook: {address}")
    return _connect(self, address, *args)
socket.socket.connect = _local_only
"""


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("notebook")
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    notebook.cells.insert(0, nbformat.v4.new_code_cell(NO_NETWORK))
    client = nbclient.NotebookClient(
        notebook, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(workdir)}}
    )
    client.execute()
    return notebook, workdir


def _outputs(notebook, output_type=None):
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            if output_type is None or output["output_type"] == output_type:
                yield cell, output


def test_notebook_runs_without_errors(executed):
    notebook, _ = executed
    assert not list(_outputs(notebook, "error"))
    assert all(cell.get("execution_count") for cell in notebook.cells if cell.cell_type == "code")


def test_notebook_shows_the_layers_as_tables(executed):
    notebook, _ = executed
    tables = [o for _, o in _outputs(notebook, "execute_result") if "<table" in o.get("data", {}).get("text/html", "")]
    assert len(tables) >= 3  # routes, events, filtered routes


def test_notebook_shows_the_map_inline_and_offline(executed):
    notebook, _ = executed
    maps = [
        o["data"]["text/html"]
        for _, o in _outputs(notebook, "execute_result")
        if "iframe" in o.get("data", {}).get("text/html", "")
    ]
    assert len(maps) == 2  # the corpus map and the filtered one
    for html in maps:
        assert "L.markerClusterGroup" in html
        assert not re.search(r"<script[^>]+src=(&quot;|\")https?:", html)


def test_notebook_saves_a_map_file(executed):
    _, workdir = executed
    saved = workdir / "supply-map.html"
    assert saved.exists()
    assert "<script src=" not in saved.read_text(encoding="utf-8")
