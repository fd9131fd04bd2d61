"""Word lists that analysts may extend: loaded from ``geomap/data/vocabulary/*.yaml``.

Each file is plain YAML. A user directory named by the ``GEOMAP_VOCABULARY``
environment variable is read after the bundled one; its lists are appended to
the bundled lists of the same file and key, and its mappings update them.
The gazetteer's ``curated.yaml``, ``countries.yaml`` and ``given_names.yaml``
may be extended the same way from that directory.
"""

from __future__ import annotations

import os
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

__all__ = ["load_vocabulary", "with_user_entries", "vocabulary_names"]


def with_user_entries(name: str, data: Any) -> Any:
    """``data`` with the entries of the user's ``name.yaml`` (in ``GEOMAP_VOCABULARY``) merged in."""
    user_dir = os.environ.get("GEOMAP_VOCABULARY")
    if user_dir and (Path(user_dir) / f"{name}.yaml").is_file():
        return _merge(data, _read(Path(user_dir) / f"{name}.yaml"))
    return data


def _merge(base: Any, extra: Any) -> Any:
    if isinstance(base, dict) and isinstance(extra, dict):
        merged = dict(base)
        for key, value in extra.items():
            merged[key] = _merge(base[key], value) if key in base else value
        return merged
    if isinstance(base, list) and isinstance(extra, list):
        return base + [item for item in extra if item not in base]
    return extra


@cache
def load_vocabulary(name: str) -> Any:
    """The vocabulary file ``name`` (without ``.yaml``), bundled and user entries merged.

    Raises
    ------
    FileNotFoundError
        When no bundled file of that name exists.
    ValueError
        When a file is not valid YAML; the message names the file.
    """
    bundled = resources.files("geomap") / "data" / "vocabulary" / f"{name}.yaml"
    return with_user_entries(name, _read(Path(str(bundled))))


def _read(path: Path) -> Any:
    try:
        with open(path, encoding="utf-8") as fh:
            return yaml.safe_load(fh) or {}
    except yaml.YAMLError as err:
        raise ValueError(f"{path}: not valid YAML ({err})") from err


def vocabulary_names() -> list[str]:
    """The names of the bundled vocabulary files."""
    folder = resources.files("geomap") / "data" / "vocabulary"
    return sorted(p.name[: -len(".yaml")] for p in folder.iterdir() if p.name.endswith(".yaml"))
