"""Every file geomap writes is replaced whole or not at all.

Each writer is made to fail part-way (a full disk after half the bytes, a
GDAL or pyarrow error after a first table); the previous good file must be
intact and no temporary file left beside it.
"""

from __future__ import annotations

import errno
import os
import stat

import geopandas as gpd
import pytest
from common import fill_disk
from render_data import sample_layers

from geomap.io.atomic import atomic_path, atomic_write
from geomap.io.export import write_geojson, write_layers
from geomap.render.map import render_map, save_map


@pytest.fixture
def full_disk(monkeypatch):
    """Files opened by :func:`atomic_write` fill the disk half-way through their first write."""
    fill_disk(monkeypatch)


def _snapshot(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def layers():
    return sample_layers()


@pytest.fixture
def previous(tmp_path, layers):
    """A folder holding a good set of layer files, and its bytes."""
    folder = tmp_path / "layers"
    write_layers(layers, folder)
    return folder, _snapshot(folder)


def test_atomic_write_replaces_the_file(tmp_path):
    target = tmp_path / "a.txt"
    target.write_text("old")
    with atomic_write(target) as fh:
        fh.write("new\n")
    assert target.read_text() == "new\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_atomic_write_keeps_the_previous_file_when_the_block_fails(tmp_path):
    target = tmp_path / "a.bin"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_write(target, "wb") as fh:
        fh.write(b"partial")
        raise RuntimeError("stop")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.bin"]


def test_atomic_write_gives_new_files_the_usual_permissions_and_keeps_old_ones(tmp_path):
    mask = os.umask(0o022)
    try:
        with atomic_write(tmp_path / "new.txt") as fh:
            fh.write("x")
        old = tmp_path / "old.txt"
        old.write_text("x")
        old.chmod(0o640)
        with atomic_write(old) as fh:
            fh.write("y")
    finally:
        os.umask(mask)
    assert stat.S_IMODE((tmp_path / "new.txt").stat().st_mode) == 0o644
    assert stat.S_IMODE(old.stat().st_mode) == 0o640


def test_atomic_path_keeps_the_previous_file_when_the_writer_fails(tmp_path):
    target = tmp_path / "a.gpkg"
    target.write_bytes(b"old")
    with pytest.raises(OSError), atomic_path(target) as staged:
        staged.write_bytes(b"partial")
        raise OSError(errno.EIO, "I/O error")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.gpkg"]


def test_atomic_path_refuses_a_writer_that_wrote_nothing(tmp_path):
    with pytest.raises(OSError, match="nothing was written"), atomic_path(tmp_path / "a.gpkg"):
        pass
    assert list(tmp_path.iterdir()) == []


def test_a_full_disk_keeps_the_previous_geojson(previous, layers, full_disk):
    folder, before = previous
    with pytest.raises(OSError, match="No space left"):
        write_geojson(layers.events, folder / "events.geojson")
    assert _snapshot(folder) == before


def test_a_full_disk_keeps_the_previous_corpus_summary(previous, layers, full_disk):
    folder, before = previous
    with pytest.raises(OSError, match="No space left"):
        write_layers(layers, folder, formats=())
    assert _snapshot(folder) == before


def test_a_failing_parquet_writer_keeps_the_previous_file(previous, layers, monkeypatch):
    folder, before = previous

    def fail(frame, path, **kwargs):
        with open(path, "wb") as fh:
            fh.write(b"PAR1 partial")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(gpd.GeoDataFrame, "to_parquet", fail)
    with pytest.raises(OSError, match="No space left"):
        write_layers(layers, folder, formats=("parquet",))
    assert _snapshot(folder) == before


def test_a_geopackage_failing_after_its_first_table_keeps_the_previous_file(previous, layers, monkeypatch):
    import pyogrio

    folder, before = previous
    real = pyogrio.write_dataframe
    calls = []

    def second_fails(frame, path, **kwargs):
        calls.append(kwargs["layer"])
        if len(calls) > 1:
            raise pyogrio.errors.DataSourceError("disk full")
        return real(frame, path, **kwargs)

    monkeypatch.setattr(pyogrio, "write_dataframe", second_fails)
    with pytest.raises(pyogrio.errors.DataSourceError):
        write_layers(layers, folder, formats=("gpkg",))
    assert len(calls) == 2
    assert _snapshot(folder) == before


def test_a_geopackage_is_replaced_whole(previous, layers):
    import pyogrio

    folder, _ = previous
    write_layers(layers, folder, formats=("gpkg",))
    assert [name for name, _ in pyogrio.list_layers(folder / "layers.gpkg")] == [
        "places", "events", "routes", "countries",
    ]
    assert sorted(p.name for p in folder.iterdir() if p.name.startswith(".")) == []


def test_a_full_disk_keeps_the_previous_map(tmp_path, layers, monkeypatch):
    path = tmp_path / "map.html"
    m = render_map(layers)
    save_map(m, path)
    before = path.read_bytes()
    fill_disk(monkeypatch)
    with pytest.raises(OSError, match="No space left"):
        save_map(m, path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["map.html"]


def test_a_kill_in_the_middle_keeps_the_previous_file(tmp_path):
    import subprocess
    import sys

    target = tmp_path / "map.html"
    target.write_text("previous good map")
    child = subprocess.Popen(
        [sys.executable, "-c", (
            "import sys, time\n"
            "from geomap.io.atomic import atomic_write\n"
            "with atomic_write(sys.argv[1]) as fh:\n"
            "    fh.write('half a map'); fh.flush(); print('writing', flush=True); time.sleep(60)\n"
        ), str(target)],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert child.stdout.readline().strip() == "writing"
    finally:
        child.kill()
        child.wait(timeout=30)
    assert target.read_text() == "previous good map"
