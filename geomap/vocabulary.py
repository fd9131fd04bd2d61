"""Word lists that analysts may extend: loaded from ``geomap/data/vocabulary/*.yaml``.

Each file is plain YAML. A user directory (named by the ``GEOMAP_VOCABULARY``
environment variable on the command line) is read after the bundled one; its lists are appended to
the bundled lists of the same file and key, and its mappings update them.
The gazetteer's ``curated.yaml``, ``countries.yaml`` and ``given_names.yaml``
may be extended the same way from that directory.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

__all__ = ["load_vocabulary", "user_vocabulary_dir", "with_user_entries", "vocabulary_names", "vocabulary_file",
           "read_yaml", "MAX_YAML_BYTES"]

MAX_YAML_BYTES = 5 * 1024 * 1024
MAX_YAML_DEPTH = 50


def user_vocabulary_dir() -> Path | None:
    """The folder named by ``GEOMAP_VOCABULARY``, or ``None`` when the variable is unset or empty.

    Raises
    ------
    ValueError
        When ``GEOMAP_VOCABULARY`` names no folder.
    """
    user_dir = os.environ.get("GEOMAP_VOCABULARY")
    if not user_dir:
        return None
    if not Path(user_dir).is_dir():
        raise ValueError(f"GEOMAP_VOCABULARY={user_dir}: no such folder")
    return Path(user_dir)


def with_user_entries(name: str, data: Any, user_dir: Path | None) -> Any:
    """``data`` with the entries of the user's ``name.yaml`` (in ``user_dir``) merged in.

    The user's file must have the shape of the bundled one (``data``): the
    same kinds of values at the same places, and in lists of records the keys
    every bundled record has.

    Raises
    ------
    ValueError
        When ``user_dir`` is not a folder, or the user's file is too
        large, not valid YAML, uses aliases, or has a wrong type; the message
        names the file, the entry and the expected type.
    """
    if user_dir is None:
        return data
    if not Path(user_dir).is_dir():
        raise ValueError(f"{user_dir}: no such vocabulary folder")
    path = Path(user_dir) / f"{name}.yaml"
    if not path.is_file():
        return data
    extra = read_yaml(path)
    _check_shape(extra, [data], path, "")
    return _merge(data, extra)


def _merge(base: Any, extra: Any) -> Any:
    if isinstance(base, dict) and isinstance(extra, dict):
        merged = dict(base)
        for key, value in extra.items():
            merged[key] = _merge(base[key], value) if key in base else value
        return merged
    if isinstance(base, list) and isinstance(extra, list):
        return base + [item for item in extra if item not in base]
    return extra


_KINDS = {dict: "a mapping", list: "a list", str: "a string", bool: "true or false", int: "a number",
          float: "a number", type(None): "nothing"}


def _kind(value: Any) -> str:
    return _KINDS.get(type(value), type(value).__name__)


def _check_shape(value: Any, samples: list[Any], path: Path, where: str, record: bool = False) -> None:
    """Check ``value`` against the bundled values found at the same place (``samples``).

    A key the bundled mappings lack is checked against all their values (an
    open mapping such as country code -> names); list items against all
    bundled items; a record (a mapping in a list) must have the keys that
    every bundled record has.
    """
    if not samples:
        return
    expected = sorted({_kind(s) for s in samples})
    if _kind(value) not in expected:
        entry = where or "(the whole file)"
        raise ValueError(f"{path}: entry {entry}: expected {' or '.join(expected)}, got {_kind(value)}")
    if isinstance(value, dict):
        mappings = [s for s in samples if isinstance(s, dict)]
        if record and len(mappings) > 1:
            required = set.intersection(*(set(m) for m in mappings))
            missing = sorted(str(k) for k in required if k not in value)
            if missing:
                raise ValueError(f"{path}: entry {where}: lacks {', '.join(repr(k) for k in missing)}")
        for key, item in value.items():
            known = [m[key] for m in mappings if key in m]
            known = known or [v for m in mappings for v in m.values()]
            _check_shape(item, known, path, f"{where}.{key}" if where else str(key))
    elif isinstance(value, list):
        items = [item for s in samples if isinstance(s, list) for item in s]
        for number, item in enumerate(value):
            _check_shape(item, items, path, f"{where}[{number}]", record=True)


def load_vocabulary(name: str, user_dir: Path | None = None) -> Any:
    """The vocabulary file ``name`` (without ``.yaml``), bundled and user entries merged.

    Parameters
    ----------
    name
        The file's name without ``.yaml``.
    user_dir
        The analyst's folder of extra entries (see :func:`user_vocabulary_dir`);
        ``None`` reads the bundled file alone.

    Raises
    ------
    FileNotFoundError
        When no bundled file of that name exists.
    ValueError
        When a file is too large, not valid YAML or of the wrong shape;
        the message names the file (see :func:`with_user_entries`).
    """
    path = vocabulary_file(name)
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such vocabulary file")
    return with_user_entries(name, read_yaml(path), user_dir)


def vocabulary_file(name: str, user_dir: Path | None = None) -> Path:
    """The file to name in an error about vocabulary ``name``: the user's, when there is one, else the bundled one.

    Parameters
    ----------
    name
        The file's name without ``.yaml``.
    user_dir
        The analyst's folder of extra entries, or ``None``.
    """
    if user_dir is not None and (Path(user_dir) / f"{name}.yaml").is_file():
        return Path(user_dir) / f"{name}.yaml"
    return Path(str(resources.files("geomap") / "data" / "vocabulary" / f"{name}.yaml"))


def read_yaml(path: Path, max_bytes: int = MAX_YAML_BYTES) -> Any:
    """Parse the YAML file ``path`` safely: size-limited, no aliases, no deep nesting.

    Aliases (``*name``) are refused, so a few hundred bytes cannot expand
    into gigabytes.

    Raises
    ------
    ValueError
        When the file cannot be read, is larger than ``max_bytes``, is not
        UTF-8 or valid YAML, uses an alias or nests deeper than 50 levels.
    """
    try:
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as err:
        raise ValueError(f"{path}: cannot be read ({err.strerror or err})") from err
    if len(data) > max_bytes:
        raise ValueError(f"{path}: too large (more than {max_bytes:,} bytes)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise ValueError(f"{path}: not UTF-8 text ({err.reason} at byte {err.start})") from err
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        depth = 0
        for event in yaml.parse(text, Loader=loader):
            if isinstance(event, yaml.AliasEvent):
                raise ValueError(f"{path}: line {event.start_mark.line + 1}: aliases (*{event.anchor}) are not allowed")
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_YAML_DEPTH:
                    raise ValueError(f"{path}: line {event.start_mark.line + 1}: nested deeper than {MAX_YAML_DEPTH}")
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
        return yaml.load(text, Loader=loader) or {}
    except yaml.YAMLError as err:
        raise ValueError(f"{path}: not valid YAML ({err})") from err
    except (ValueError, TypeError, OverflowError) as err:
        if str(err).startswith(str(path)):
            raise
        raise ValueError(f"{path}: not valid YAML ({err})") from err


def vocabulary_names() -> list[str]:
    """The names of the bundled vocabulary files."""
    folder = resources.files("geomap") / "data" / "vocabulary"
    return sorted(p.name[: -len(".yaml")] for p in folder.iterdir() if p.name.endswith(".yaml"))
