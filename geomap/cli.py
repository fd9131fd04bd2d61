"""The ``geomap`` command."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__

__all__ = ["main"]

EXIT_OK, EXIT_SKIPPED, EXIT_ERROR = 0, 1, 2

EXTRACT_EXAMPLES = """\
examples:
  geomap extract                                  # the bundled sample corpus
  geomap extract articles/ --format jsonl > out.jsonl
  geomap extract news.jsonl page.html --format json

Writes one record per article to standard output (its fields: the README's
section "The extraction record", or `python -m pydoc geomap.record`); progress,
warnings and the summary go to standard error. Exit status: 0 when every input
was read, 1 when some were skipped (the summary says how many), 2 on an error.
"""

BUILD_EXAMPLES = """\
examples:
  geomap build                                    # bundled corpus -> out/supply-map.html
  geomap build articles/ --output briefing.html --layers layers/
  geomap build news.jsonl --tiles OpenStreetMap   # online tiles over the offline basemap

The map is one self-contained HTML file that works offline. --layers writes
places, events, routes and countries as GeoJSON and GeoParquet, and all of
them in one GeoPackage. Exit status as for 'geomap extract'.
"""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``geomap`` command; returns the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help(sys.stderr)
        return EXIT_ERROR
    try:
        return args.run(args)
    except KeyboardInterrupt:
        _say("interrupted")
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except _CommandError as err:
        _say(f"error: {err}")
        return EXIT_ERROR


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
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
    build.set_defaults(run=_build)
    from .cli_store import add_ingest_command, add_store_options

    add_store_options(build)
    add_ingest_command(commands, _add_inputs)
    return parser


def _add_inputs(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                        help="article files (.txt .md .jsonl .html .jsonl.gz .parquet .warc .warc.gz) or folders; "
                             "default: the bundled sample corpus")
    parser.add_argument("--jobs", "-j", type=_positive, default=1, metavar="N",
                        help="extract with N worker processes (default: 1)")
    parser.add_argument("--quiet", "-q", action="store_true", help="no progress, only warnings and errors")


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of at least 1")
    return number


class _CommandError(Exception):
    pass


def _say(message: str) -> None:
    print(f"geomap: {message}", file=sys.stderr, flush=True)


def _read_and_extract(args: argparse.Namespace):
    from .corpus import CorpusError, read_corpus
    from .pipeline import extract_corpus

    try:
        corpus = read_corpus(args.paths or None)
    except CorpusError as err:
        raise _CommandError(str(err)) from err
    for skipped in corpus.skipped:
        _say(f"skipped {skipped}")
    _load_data()
    with _progress(len(corpus.articles), quiet=args.quiet) as advance:
        extractions, failures = extract_corpus(corpus.articles, progress=advance, jobs=args.jobs)
    for failure in failures:
        _say(f"skipped {failure}")
    problems = len(corpus.skipped) + len(failures)
    summary = f"{len(extractions)} articles extracted"
    if problems:
        summary += f", {problems} skipped"
    return corpus, extractions, problems, summary


def _load_data() -> None:
    """Load the gazetteer and vocabularies once, so a broken data file is one clear error."""
    from .gazetteer import default_gazetteer
    from .vocabulary import load_vocabulary, vocabulary_names

    try:
        default_gazetteer()
        for name in vocabulary_names():
            load_vocabulary(name)
    except (ValueError, OSError) as err:
        raise _CommandError(str(err)) from err


def _extract(args: argparse.Namespace) -> int:
    from .record import to_record

    _, extractions, problems, summary = _read_and_extract(args)
    records = [to_record(e) for e in extractions]
    if args.format == "jsonl":
        for record in records:
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(json.dumps(records, ensure_ascii=False, indent=1) + "\n")
    sys.stdout.flush()
    if not args.quiet or problems:
        _say(summary)
    return EXIT_SKIPPED if problems else EXIT_OK


def _build(args: argparse.Namespace) -> int:
    if args.output.suffix.lower() not in (".html", ".htm"):
        raise _CommandError(f"{args.output}: the map is written as HTML; give a file name ending in .html")
    from .cli_store import read_for_build
    from .export import write_layers
    from .layers import build_layers
    from .render import render_map, save_map

    corpus, extractions, problems, summary = read_for_build(args)
    if not extractions:
        raise _CommandError("no article could be read, so there is nothing to map")
    layers = build_layers(extractions, corpus_name=corpus.name)
    if args.layers:
        written = write_layers(layers, args.layers)
        _say(f"wrote {len(written)} layer files to {args.layers}")
    folium_map = render_map(layers, title=args.title, tiles=args.tiles)
    try:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        save_map(folium_map, args.output)
    except OSError as err:
        raise _CommandError(f"{args.output}: cannot write the map ({err.strerror or err})") from err
    _say(f"{summary}; {len(layers.routes)} routes, {len(layers.events)} events, {len(layers.places)} places")
    print(args.output)
    return EXIT_SKIPPED if problems else EXIT_OK


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
