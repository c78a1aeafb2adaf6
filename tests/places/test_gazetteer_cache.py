"""The gazetteer's derived cache is disposable: any damaged file is reported, rebuilt, replaced.

Each test damages the cache file as a crash, a full disk, a bad sector or an older release would,
and requires the same three things: start-up goes on with a built gazetteer, a warning names the
file, and what is left on disk is a good cache again (the next start reads it, builds nothing).
"""

from __future__ import annotations

import logging
import mmap
import os
from pathlib import Path

import numpy as np
import pytest

from service.places import gazetteer_cache
from service.places.gazetteer import City, Gazetteer, NameIndex, Regions
from service.places.gazetteer_cache import cache_path, load_gazetteer, read_arrays, write_arrays

CITIES = [
    City(6167865, "Toronto", "toronto", "08", "CA", 43.70011, -79.4163, "America/Toronto", 2600000),
    City(3133880, "Tromsø", "tromso", "18", "NO", 69.6489, 18.95508, "Europe/Oslo", 77000),
]
ALTERNATES = [["Toronto", "Торонто"], ["Tromso"]]


@pytest.fixture(scope="module")
def regions() -> Regions:
    return Regions.from_packages()


@pytest.fixture
def builds(monkeypatch, regions):
    """Building hands back a two-city gazetteer, and counts how often it was asked to."""
    made: list[Gazetteer] = []

    def build(cls, regions: Regions) -> Gazetteer:
        made.append(Gazetteer(CITIES, NameIndex.build(CITIES, ALTERNATES), regions))
        return made[-1]

    monkeypatch.setattr(Gazetteer, "build", classmethod(build))
    monkeypatch.setattr(Regions, "from_packages", classmethod(lambda cls: regions))
    return made


@pytest.fixture
def cache(tmp_path, builds) -> Path:
    """A good cache file, as the first start leaves it."""
    load_gazetteer(tmp_path)
    path = cache_path(tmp_path)
    assert path.is_file() and len(builds) == 1
    return path


def truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def flip_a_bit(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x10  # inside an array's bytes: the file's CRC no longer matches
    path.write_bytes(bytes(data))


def empty(path: Path) -> None:
    path.write_bytes(b"")


def arrays_of(path: Path) -> dict[str, np.ndarray]:
    return {name: np.array(a) for name, a in read_arrays(path).items()}


def other_layout(path: Path) -> None:
    """A well-formed file from another version of the code: other arrays, other names."""
    write_arrays(path, {"format_version": np.array([0]), "names": np.array([1, 2, 3])})


def pickled_objects(path: Path) -> None:
    """Object arrays would need pickle, which loading must refuse (it would run code)."""
    arrays = arrays_of(path)
    arrays["keys_blob"] = np.array([{"a": 1}], dtype=object)
    write_arrays(path, arrays)


def dangling_index(path: Path) -> None:
    """Well-formed arrays, but an index entry names a city the file does not hold."""
    arrays = arrays_of(path)
    arrays["members"] = arrays["members"] + len(CITIES)
    write_arrays(path, arrays)


def unsorted_offsets(path: Path) -> None:
    """Well-formed arrays, but a name would run backwards through the text."""
    arrays = arrays_of(path)
    arrays["text_name_offsets"] = arrays["text_name_offsets"][::-1].copy()
    write_arrays(path, arrays)


@pytest.mark.parametrize(
    "damage",
    [truncate, flip_a_bit, empty, other_layout, pickled_objects, dangling_index, unsorted_offsets],
)
def test_a_damaged_cache_is_rebuilt_and_replaced(cache, builds, damage, caplog):
    damage(cache)
    with caplog.at_level(logging.WARNING, logger=gazetteer_cache.__name__):
        gazetteer = load_gazetteer(cache.parent)
    assert len(builds) == 2 and gazetteer.cities == CITIES
    assert any(cache.name in record.getMessage() for record in caplog.records), caplog.text
    # Replaced by a good file: the next start reads it and builds nothing.
    assert load_gazetteer(cache.parent).cities == CITIES and len(builds) == 2
    assert [p.name for p in cache.parent.iterdir()] == [cache.name]


def test_an_unreadable_cache_is_rebuilt(cache, builds, monkeypatch, caplog):
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(cache))

    monkeypatch.setattr(gazetteer_cache.np, "memmap", refuse)
    with caplog.at_level(logging.WARNING, logger=gazetteer_cache.__name__):
        assert load_gazetteer(cache.parent).cities == CITIES
    assert len(builds) == 2 and "Permission denied" in caplog.text


def test_a_directory_where_the_cache_file_should_be_still_starts(tmp_path, builds):
    cache_path(tmp_path).mkdir()
    assert load_gazetteer(tmp_path).cities == CITIES
    assert [p.suffix for p in tmp_path.iterdir()] == [".gaz"], "no temporary file left behind"


def test_the_replacement_is_atomic(cache, builds, monkeypatch):
    """Written to a temporary file in the same directory, then renamed over the old one, so a
    reader (another worker starting) never sees half a file."""
    renames: list[tuple[str, str]] = []
    real_replace = os.replace

    def replace(source, target):
        renames.append((str(source), str(target)))
        real_replace(source, target)

    monkeypatch.setattr(gazetteer_cache.os, "replace", replace)
    truncate(cache)
    load_gazetteer(cache.parent)
    ((source, target),) = renames
    assert Path(source).parent == cache.parent and Path(target) == cache


def test_a_write_that_fails_half_way_leaves_no_temporary_file(tmp_path, builds, monkeypatch):
    def full_disk(handle, *parts):
        handle.write(b"WASGAZ half a file")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(gazetteer_cache, "_dump", full_disk)
    assert load_gazetteer(tmp_path).cities == CITIES
    assert list(tmp_path.iterdir()) == []


def test_a_cached_gazetteer_answers_the_same_once_its_pages_are_given_back(cache, builds):
    """Read from its file, the gazetteer holds the file's mapping, which the place resolver
    gives back now and then (`service.places.mapped`); the next look-ups read the same bytes."""
    gazetteer = load_gazetteer(cache.parent)
    assert len(builds) == 1 and gazetteer.mapping is not None
    before = [gazetteer.named(name) for name in ("Toronto", "Торонто", "tromso")]
    gazetteer.mapping.madvise(mmap.MADV_DONTNEED)
    assert [gazetteer.named(name) for name in ("Toronto", "Торонто", "tromso")] == before
    assert [m.city for m in before[0] + before[1]] == [CITIES[0], CITIES[0]]
