"""The ``geomap`` command."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import signal
import sys
import traceback
import warnings
from collections.abc import Iterator, Sequence
from pathlib import Path

from geomap import __version__
from geomap.read.articles import DEFAULT_MAX_CHARS

__all__ = ["main", "terminal_safe"]

EXIT_OK, EXIT_SKIPPED, EXIT_ERROR = 0, 1, 2
EXIT_INTERRUPTED, EXIT_TERMINATED = 128 + signal.SIGINT, 128 + signal.SIGTERM

EXTRACT_EXAMPLES = """\
examples:
  geomap extract                                  # the bundled sample corpus
  geomap extract articles/ --format jsonl > out.jsonl
  geomap extract news.jsonl page.html --format json

Writes one record per article to standard output (its fields: the README's
section "The extraction record", or `python -m pydoc geomap.io.record`); progress,
warnings and the summary go to standard error. Exit status: 0 when every input
was read, 1 when some were skipped (the summary says how many), 2 on an error.
"""

BUILD_EXAMPLES = """\
examples:
  geomap build                                    # bundled corpus -> out/supply-map.html
  geomap build articles/ --output briefing.html --layers layers/
  geomap build news.jsonl --tiles OpenStreetMap   # online tiles over the offline basemap
  geomap build articles/ --figure briefing.png    # also a static map for slides (.png .pdf .svg)

The map is one self-contained HTML file that works offline. --layers writes
places, events, routes and countries as GeoJSON and GeoParquet, and all of
them in one GeoPackage. --figure writes a static map (PNG, PDF or SVG, by the
file's extension; 16:9 slide size unless --figure-size). Exit status as for
'geomap extract'.
"""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``geomap`` command; returns the exit status.

    0 when every input was read, 1 when some were skipped, 2 on an error (one
    line on standard error; ``--debug`` adds the traceback), 130 when
    interrupted and 143 when terminated.
    """
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        _say("error: give a command, 'extract' or 'build' (see geomap --help)")
        return EXIT_ERROR
    debug = getattr(args, "debug", False)
    with warnings.catch_warnings(), _signals_end_the_run():
        warnings.showwarning = _show_warning
        try:
            return args.run(args)
        except KeyboardInterrupt:
            _say("interrupted")
            return EXIT_INTERRUPTED
        except _Terminated:
            _say("terminated")
            return EXIT_TERMINATED
        except BrokenPipeError:
            _silence_stdout()
            return EXIT_OK
        except Exception as err:  # noqa: BLE001 - every error is one line, the traceback only on request
            if debug:
                for line in traceback.format_exception(err):
                    sys.stderr.write(terminal_safe(line.rstrip("\n"), keep="\n") + "\n")
            hint = "" if debug or isinstance(err, _CommandError) else " (--debug shows where)"
            _say(f"error: {_describe(err)}{hint}")
            return EXIT_ERROR


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="geomap",
        description="Maps of alleged arms and supply flows between states, from Arabic news.",
    )
    parser.add_argument("--version", action="version", version=f"geomap {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", dest="command")

    extract = commands.add_parser(
        "extract",
        help="places, events and flows of each article, as JSON",
        description="Extract the places, events and supply flows of each article.",
        epilog=EXTRACT_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_inputs(extract)
    extract.add_argument(
        "--format", choices=("jsonl", "json"), default="jsonl", help="JSON Lines (default) or one JSON array"
    )
    extract.set_defaults(run=_extract)

    build = commands.add_parser(
        "build",
        help="the interactive map (and the layers) of a corpus",
        description="Build the route and event layers of a corpus and render them as an interactive map.",
        epilog=BUILD_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_inputs(build)
    build.add_argument("--output", "-o", type=Path, default=Path("out/supply-map.html"), metavar="FILE.html",
                       help="the map to write (default: out/supply-map.html)")
    build.add_argument("--layers", type=Path, metavar="DIR", help="also write the layers to this folder")
    build.add_argument("--title", help="the map's title (default: names the corpus)")
    build.add_argument("--tiles", metavar="NAME",
                       help="online tiles under the map, e.g. OpenStreetMap or 'CartoDB positron' (default: offline)")
    build.add_argument("--labels", choices=["en", "ar", "none"], default="en",
                       help="the language of the country names on the map: en (default), ar, or none")
    build.add_argument("--quotes", type=_positive, default=None, metavar="N",
                       help="quotes a popup shows, the most recent first (default: 3; the layers keep them all)")
    build.add_argument("--figure", type=Path, metavar="FILE",
                       help="also write a static map for slides and reports: .png, .pdf or .svg")
    build.add_argument("--figure-size", type=_figure_size, default=None, metavar="W,H",
                       help="the static map's width and height in inches (default: 13.333,7.5, a 16:9 slide)")
    build.set_defaults(run=_build)
    from geomap.cli_store import add_compact_command, add_ingest_command, add_store_options

    add_store_options(build)
    ingest = add_ingest_command(commands, _add_inputs)
    compact = add_compact_command(commands)
    for command in (extract, build, ingest, compact):
        command.add_argument("--debug", action="store_true", help="show the traceback of an error")
    return parser


class _Parser(argparse.ArgumentParser):
    """Usage errors as one line, like every other error."""

    def error(self, message: str):
        _say(f"error: {message} (see {self.prog} --help)")
        sys.exit(EXIT_ERROR)


def _add_inputs(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                        help="article files (.txt .md .jsonl .html .jsonl.gz .parquet .warc .warc.gz) or folders; "
                             "default: the bundled sample corpus")
    parser.add_argument("--jobs", "-j", type=_positive, default=1, metavar="N",
                        help="extract with N worker processes (default: 1)")
    parser.add_argument("--quiet", "-q", action="store_true", help="no progress, only warnings and errors")
    parser.add_argument("--max-chars", type=_positive, default=DEFAULT_MAX_CHARS, metavar="N",
                        help=f"skip articles longer than N characters (default: {DEFAULT_MAX_CHARS})")


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of at least 1")
    return number


def _figure_size(value: str) -> tuple[float, float]:
    try:
        width, height = (float(part) for part in value.split(","))
    except ValueError:
        width = height = 0.0
    if not (0 < width <= 100 and 0 < height <= 100):
        raise argparse.ArgumentTypeError(f"{value!r} is not a width and a height in inches, such as 13.333,7.5")
    return width, height


class _CommandError(Exception):
    pass


class _Terminated(BaseException):
    """SIGTERM or SIGHUP: the run stops as on an interrupt (worker processes end with it)."""


#: Control characters (C0, DEL, C1), bidirectional overrides and marks, line and paragraph separators, BOM, surrogates.
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]")


def terminal_safe(text: object, keep: str = "") -> str:
    """``text`` as one inert line for a terminal: control and bidi characters shown as escapes.

    File names, titles and other input reach warnings and errors; a terminal
    escape sequence (``\\x1b[...``), a carriage return or a right-to-left
    override in them would otherwise act on the terminal or disguise the line.

    Parameters
    ----------
    text : object
        The text (``str()`` of it).
    keep : str
        Characters to leave as they are (e.g. ``"\\n"`` for a traceback).

    Returns
    -------
    str
        The text with each unsafe character written as ``\\xNN`` or ``\\uNNNN``.

    Examples
    --------
    >>> terminal_safe("news\\x1b[2J\\nfile.txt")
    'news\\\\x1b[2J\\\\x0afile.txt'
    """

    def escape(match: re.Match) -> str:
        char = match.group()
        if char in keep:
            return char
        code = ord(char)
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return _UNSAFE.sub(escape, str(text))


def _say(message: str) -> None:
    print(f"geomap: {terminal_safe(message)}", file=sys.stderr, flush=True)


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    """Warnings from the library, as one ``geomap: warning: ...`` line each."""
    text = str(message)
    _say(f"warning: {text.removeprefix('geomap: ')}")


def _describe(err: BaseException) -> str:
    """One line saying what went wrong."""
    if isinstance(err, _CommandError):
        return str(err)
    if isinstance(err, OSError):
        reason = err.strerror or str(err)
        return f"{err.filename}: {reason}" if err.filename else reason
    first = (str(err).strip().splitlines() or [""])[0]
    return f"{type(err).__name__}: {first}" if first else type(err).__name__


def _reason(err: BaseException) -> str:
    """Why a file could not be written, in a few words."""
    if isinstance(err, OSError) and err.strerror:
        return err.strerror
    return (str(err).strip().splitlines() or [type(err).__name__])[0]


@contextlib.contextmanager
def _signals_end_the_run() -> Iterator[None]:
    """SIGTERM and SIGHUP raise :class:`_Terminated`, so that worker processes and temporary files are cleaned up."""

    def stop(signum, frame):
        raise _Terminated(signum)

    previous = {}
    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is None:
            continue
        try:
            previous[number] = signal.signal(number, stop)
        except ValueError:  # not the main thread: leave signals alone
            break
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _silence_stdout() -> None:
    """After a closed pipe, point standard output at the null device so the final flush stays quiet."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def _read_and_extract(args: argparse.Namespace, each=None):
    from geomap.pipeline import extract_corpus
    from geomap.read.articles import CorpusError, read_corpus

    try:
        corpus = read_corpus(args.paths or None, max_chars=args.max_chars)
    except CorpusError as err:
        raise _CommandError(str(err)) from err
    for notice in corpus.notices:
        _say(f"warning: {notice}")
    for skipped in corpus.skipped:
        _say(f"skipped {skipped}")
    _load_data()
    with _progress(len(corpus.articles), quiet=args.quiet) as advance:
        extractions, failures = extract_corpus(corpus.articles, progress=advance, jobs=args.jobs, each=each)
    for failure in failures:
        _say(f"skipped {failure}")
    problems = len(corpus.skipped) + len(failures)
    summary = f"{len(extractions)} articles extracted"
    if problems:
        summary += f", {problems} skipped"
    return corpus, extractions, problems, summary


def _load_data() -> None:
    """Load the gazetteer and vocabularies once, so a broken data file is one clear error."""
    from geomap.annotate.gazetteer import default_gazetteer
    from geomap.vocabulary import load_vocabulary, vocabulary_names

    try:
        default_gazetteer()
        for name in vocabulary_names():
            load_vocabulary(name)
    except (ValueError, OSError) as err:
        raise _CommandError(str(err)) from err


def _extract(args: argparse.Namespace) -> int:
    from geomap.io.record import to_record

    written = 0

    def write(extraction) -> None:
        # each record as soon as its article is done, in input order
        nonlocal written
        if args.format == "jsonl":
            sys.stdout.write(json.dumps(to_record(extraction), ensure_ascii=False) + "\n")
        else:  # one array, as json.dumps(records, indent=1) writes it
            item = json.dumps(to_record(extraction), ensure_ascii=False, indent=1).replace("\n", "\n ")
            sys.stdout.write(("[\n " if not written else ",\n ") + item)
        sys.stdout.flush()
        written += 1

    _, _, problems, summary = _read_and_extract(args, each=write)
    if args.format == "json":
        sys.stdout.write("\n]\n" if written else "[]\n")
    sys.stdout.flush()
    if not args.quiet or problems:
        _say(summary)
    return EXIT_SKIPPED if problems else EXIT_OK


def _build(args: argparse.Namespace) -> int:
    if args.output.suffix.lower() not in (".html", ".htm"):
        raise _CommandError(f"{args.output}: the map is written as HTML; give a file name ending in .html")
    if args.figure is not None and args.figure.suffix.lower() not in (".png", ".pdf", ".svg"):
        raise _CommandError(f"{args.figure}: the figure is written as PNG, PDF or SVG; give a file name ending in "
                            ".png, .pdf or .svg")
    from geomap.cli_store import read_for_build
    from geomap.io.export import write_layers
    from geomap.layers import build_layers
    from geomap.render.map import render_map, save_map

    corpus, extractions, problems, summary = read_for_build(args)
    if not extractions:
        raise _CommandError("no article could be read, so there is nothing to map")
    layers = build_layers(extractions, corpus_name=corpus.name)
    if args.layers:
        try:
            written = write_layers(layers, args.layers)
        except Exception as err:  # noqa: BLE001 - GDAL, pyarrow and SQLite report a full disk each their own way
            raise _CommandError(f"{args.layers}: cannot write the layers ({_reason(err)})") from err
        _say(f"wrote {len(written)} layer files to {args.layers}")
    try:
        quotes = {"quotes": args.quotes} if args.quotes else {}
        labels = None if args.labels == "none" else args.labels
        folium_map = render_map(layers, title=args.title, tiles=args.tiles, labels=labels, **quotes)
    except ValueError as err:
        raise _CommandError(str(err)) from err
    try:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        save_map(folium_map, args.output)
    except OSError as err:
        raise _CommandError(f"{args.output}: cannot write the map ({_reason(err)})") from err
    if args.figure is not None:
        _write_figure(layers, args)
    _say(f"{summary}; {len(layers.routes)} routes, {len(layers.events)} events, {len(layers.places)} places")
    print(args.output)
    return EXIT_SKIPPED if problems else EXIT_OK


def _write_figure(layers, args: argparse.Namespace) -> None:
    from geomap.render.figure import FIGURE_SIZE, render_figure, save_figure

    figure = render_figure(layers, title=args.title, size=args.figure_size or FIGURE_SIZE)
    try:
        save_figure(figure, args.figure)
    except OSError as err:
        raise _CommandError(f"{args.figure}: cannot write the figure ({_reason(err)})") from err
    _say(f"wrote the figure {args.figure}")


class _progress:
    """A progress bar on a terminal; nothing when standard error is not one."""

    def __init__(self, total: int, quiet: bool):
        self.total, self.quiet, self.bar = total, quiet, None

    def __enter__(self):
        if not self.quiet and sys.stderr.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=self.total, unit="article", file=sys.stderr, leave=False)
        return self.advance

    def advance(self, _article=None) -> None:
        if self.bar is not None:
            self.bar.update(1)

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.close()


if __name__ == "__main__":
    sys.exit(main())
