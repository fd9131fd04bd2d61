"""Honest exits: 0 all read, 1 some skipped, 2 an error in one line; workers end with the command."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from common import SEEDS, fill_disk

from geomap.cli import main, terminal_safe

SENTENCE = "قال مسؤولون إن إيران أرسلت طائرات مسيرة إلى روسيا عبر بحر قزوين في الأسبوع الماضي."
LINUX = sys.platform.startswith("linux") and Path("/proc/self/stat").exists()


def run(*args, **kwargs):
    return subprocess.run(
        [sys.executable, "-m", "geomap.cli", *args], capture_output=True, text=True, timeout=300, **kwargs
    )


def _lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line]


@pytest.fixture
def article(tmp_path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text("خبر\n\n" + SENTENCE + "\n", encoding="utf-8")
    return folder


# ---------------------------------------------------------------------------------------------------------------------
# one line, no traceback


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain.txt", "plain.txt"),
        ("صواريخ.txt", "صواريخ.txt"),
        ("a\x1b[2Jb", "a\\x1b[2Jb"),
        ("a\x1b]0;title\x07b", "a\\x1b]0;title\\x07b"),
        ("line\nbreak\rback", "line\\x0abreak\\x0dback"),
        ("csi\x9b31m", "csi\\x9b31m"),
        ("txt.\u202eexe", "txt.\\u202eexe"),
        ("bad\udcffbyte", "bad\\udcffbyte"),
        ("sep\u2028arator", "sep\\u2028arator"),
    ],
)
def test_terminal_safe(text, expected):
    assert terminal_safe(text) == expected


def test_file_names_with_terminal_escapes_are_shown_escaped(tmp_path):
    folder = tmp_path / "x\x1b[31mred"
    folder.mkdir()
    (folder / "empty\x1b]0;owned\x07.txt").write_bytes(b"")
    (folder / "a.txt").write_text("خبر\n\n" + SENTENCE + "\n", encoding="utf-8")
    result = run("extract", str(tmp_path), "--quiet")
    assert result.returncode == 1
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "x\\x1b[31mred/empty\\x1b]0;owned\\x07.txt" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "error: give a command"),
        (["extract", "--jobs", "0"], "error: argument --jobs/-j: '0' is not a whole number"),
        (["build", "--tiles"], "error: argument --tiles: expected one argument"),
        (["extract", "--format", "x\x1b[2J"], "invalid choice: 'x\\x1b[2J'"),
        (["extract", "missing-folder"], "missing-folder: no such file or folder"),
        (["build", "--tiles", "{{ 6*7 }}", "--output", "{tmp}/map.html"], "is not a tile name or URL template"),
    ],
)
def test_errors_are_one_line_with_exit_status_2(article, tmp_path, args, message):
    if args[:1] == ["build"]:
        args = [args[0], str(article), *(a.replace("{tmp}", str(tmp_path)) for a in args[1:])]
    result = run(*args)
    assert result.returncode == 2
    assert len(_lines(result.stderr)) == 1, result.stderr
    assert message in result.stderr
    assert "\x1b" not in result.stderr


def test_an_unexpected_error_is_one_line_and_debug_shows_the_traceback(article, tmp_path, monkeypatch, capsys):
    import geomap.layers

    def broken(*args, **kwargs):
        raise RuntimeError("the layers broke\nsecond line")

    monkeypatch.setattr(geomap.layers, "build_layers", broken)
    args = ["build", str(article), "--output", str(tmp_path / "map.html"), "--quiet"]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert _lines(err) == ["geomap: error: RuntimeError: the layers broke (--debug shows where)"]
    assert main([*args, "--debug"]) == 2
    err = capsys.readouterr().err
    assert "Traceback (most recent call last)" in err and "in broken" in err
    assert _lines(err)[-1] == "geomap: error: RuntimeError: the layers broke"
    assert not (tmp_path / "map.html").exists()


def test_skipped_inputs_give_exit_status_1(article):
    (article / "empty.txt").write_bytes(b"")
    result = run("extract", str(article), "--quiet")
    assert result.returncode == 1
    assert "skipped" in result.stderr and "Traceback" not in result.stderr


# ---------------------------------------------------------------------------------------------------------------------
# output errors


@pytest.mark.parametrize("target", ["map", "layers"])
def test_a_full_disk_is_one_line_naming_the_target_and_keeps_the_previous_files(
    article, tmp_path, monkeypatch, capsys, target
):
    out, layers = tmp_path / "out" / "map.html", tmp_path / "layers"
    args = ["build", str(article), "--output", str(out), "--layers", str(layers), "--quiet"]
    assert main(args) == 0
    before = {p: p.read_bytes() for p in [out, *layers.iterdir()]}
    capsys.readouterr()

    fill_disk(monkeypatch)
    if target == "map":  # the layers are written, then the map fails
        args = ["build", str(article), "--output", str(out), "--quiet"]
    assert main(args) == 2
    err = capsys.readouterr().err
    named = out if target == "map" else layers
    assert _lines(err) == [f"geomap: error: {named}: cannot write the {target} (No space left on device)"]
    assert {p: p.read_bytes() for p in before} == before
    assert sorted(p.name for p in out.parent.iterdir()) == ["map.html"]
    assert not [p for p in layers.iterdir() if p.name.startswith(".")]


def _read_only(folder: str) -> bool:
    import tempfile

    try:
        fd, name = tempfile.mkstemp(dir=folder)
    except OSError:
        return True
    os.close(fd)
    os.unlink(name)
    return False


@pytest.mark.skipif(not LINUX or not _read_only("/sys"), reason="needs a read-only /sys")
@pytest.mark.parametrize("option", ["--output", "--layers"])
def test_a_read_only_target_is_one_line_naming_it(article, tmp_path, option):
    target = "/sys/geomap-map.html" if option == "--output" else "/sys"
    args = ["build", str(article), "--quiet", option, target]
    if option == "--layers":
        args += ["--output", str(tmp_path / "map.html")]
    result = run(*args)
    assert result.returncode == 2
    assert len(_lines(result.stderr)) == 1, result.stderr
    assert f"geomap: error: {target}: cannot write the" in result.stderr
    assert not Path("/sys/geomap-map.html").exists()


# ---------------------------------------------------------------------------------------------------------------------
# worker processes end with the command


def _children(pid: int) -> set[int]:
    out = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.add(int(stat.parent.name))
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


@pytest.fixture(scope="module")
def big_corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("big")
    for i in range(400):  # 2,000 articles: a minute of work, so a signal always comes while the workers work
        for path in sorted(SEEDS.glob("*.txt")):
            shutil.copy(path, folder / f"{i:03d}_{path.name}")
    return folder


def _start_with_workers(big_corpus: Path, jobs: int = 2) -> tuple[subprocess.Popen, set[int]]:
    process = subprocess.Popen(
        [sys.executable, "-m", "geomap.cli", "extract", str(big_corpus), "--jobs", str(jobs), "--quiet"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True,
        # as from a terminal: a shell's background job (a CI runner's, say) would pass SIGINT on as ignored
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 120
    workers: set[int] = set()
    while time.monotonic() < deadline and process.poll() is None:
        workers = _children(process.pid)
        if len(workers) >= jobs:
            time.sleep(0.5)  # let them start working
            assert process.poll() is None, "the extraction ended before it could be stopped; make big_corpus larger"
            return process, _children(process.pid)
        time.sleep(0.1)
    process.kill()
    pytest.fail(f"the workers did not start: {process.stderr.read() if process.stderr else ''}")


def _wait_gone(pids: set[int], seconds: float = 20) -> set[int]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        left = {pid for pid in pids if _alive(pid)}
        if not left:
            return left
        time.sleep(0.1)
    return {pid for pid in pids if _alive(pid)}


@pytest.mark.skipif(not LINUX, reason="reads /proc")
@pytest.mark.parametrize(
    ("how", "status", "line"),
    [("SIGTERM", 143, "geomap: terminated"), ("SIGINT", 130, "geomap: interrupted")],
)
def test_workers_end_with_their_parent(big_corpus, how, status, line):
    process, workers = _start_with_workers(big_corpus)
    if how == "SIGINT":  # as a terminal's Ctrl-C does: to the whole process group
        os.killpg(process.pid, signal.SIGINT)
    else:
        process.send_signal(signal.SIGTERM)
    try:
        _, err = process.communicate(timeout=30)
    finally:
        for pid in workers:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
    assert process.returncode == status, err
    assert _lines(err) == [line]
    assert _wait_gone(workers) == set()


@pytest.mark.skipif(not LINUX, reason="reads /proc")
def test_workers_end_when_their_parent_is_killed(big_corpus):
    process, workers = _start_with_workers(big_corpus)
    process.kill()
    process.wait(timeout=30)
    try:
        assert _wait_gone(workers) == set()
    finally:
        for pid in workers:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
