"""The committed astronomy: current for these events and this builder, and what astropy gives.

Reference: a rebuild with astropy (builtin ephemeris, IERS-B from astropy-iers-data), in this
process, compared field by field within `build.TOLERANCES` (3.6 mas on apparent places, 1 km on
distances, 1 ms on light-times, 2e-4 deg on GeoJSON vertices and table altitudes, which are
stored rounded); everything else, the in-picture cities and countries among it, exactly.
"""

from __future__ import annotations

import json

import orjson
import pytest

from service.astronomy import build, precomputed
from service.astronomy.precomputed import BUILD_COMMAND, StaleAstronomy


@pytest.mark.slow
def test_a_rebuild_with_astropy_matches_the_committed_file(catalogue, gazetteer):
    rebuilt = orjson.loads(build.dumps(build.build(catalogue, gazetteer)))
    committed = precomputed.read()
    found = list(build.differences(committed, rebuilt))
    assert not found, f"run `{BUILD_COMMAND}`:\n" + "\n".join(found[:20])


def test_the_committed_file_is_built_from_these_events_and_this_builder():
    assert precomputed.read()["version"] == precomputed.expected_version(), (
        f"the events or the builder changed without a rebuild: run `{BUILD_COMMAND}`"
    )


def test_every_event_has_every_section(catalogue):
    events = precomputed.read()["events"]
    assert set(events) == set(catalogue.ids())
    assert all(set(sections) == set(build.SECTIONS) for sections in events.values())


def test_the_version_covers_the_events_and_the_builder(monkeypatch, tmp_path):
    events = precomputed.events_bytes()
    current = precomputed.expected_version(events)
    changed = json.loads(events)
    changed["events"][0]["wave_window"]["start"] = "2013-07-19T21:28:00Z"
    assert precomputed.expected_version(json.dumps(changed).encode()) != current
    # A builder source changed: the same events, another version.
    for name in precomputed.BUILDER_SOURCES:
        (tmp_path / name).write_bytes((precomputed.ASTRONOMY_DIR / name).read_bytes())
    (tmp_path / "regions.py").write_bytes(b"# another way to draw the regions\n")
    monkeypatch.setattr(precomputed, "ASTRONOMY_DIR", tmp_path)
    assert precomputed.expected_version(events) != current


def test_a_stale_file_is_refused_saying_how_to_rebuild(catalogue):
    with pytest.raises(StaleAstronomy) as stale:
        precomputed.load(catalogue, version="0" * 32)
    assert BUILD_COMMAND in str(stale.value) and "other events or another builder" in str(
        stale.value
    )


@pytest.mark.parametrize("content", [None, b"", b"{not json", b'{"format": 1}'])
def test_a_missing_or_damaged_file_is_refused_saying_how_to_build(catalogue, tmp_path, content):
    path = tmp_path / "astronomy.json"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(StaleAstronomy) as stale:
        precomputed.load(catalogue, path=path)
    assert BUILD_COMMAND in str(stale.value)


def test_a_file_lacking_an_event_is_refused(catalogue, tmp_path):
    data = precomputed.read()
    del data["events"]["messenger-2013-07-20"]
    path = tmp_path / "astronomy.json"
    path.write_bytes(orjson.dumps(data))
    with pytest.raises(StaleAstronomy, match="messenger-2013-07-20"):
        precomputed.load(catalogue, path=path)


def test_differences_hold_each_field_to_its_tolerance():
    ra = {"ra_deg": 10.0, "coordinates": [[1.0, 2.0]], "name": "saturn"}
    assert not list(build.differences(ra, {**ra, "ra_deg": 10.0 + 5e-7}))
    assert list(build.differences(ra, {**ra, "ra_deg": 10.0 + 5e-6}))
    assert not list(build.differences(ra, {**ra, "coordinates": [[1.0001, 2.0]]}))
    assert list(build.differences(ra, {**ra, "coordinates": [[1.001, 2.0]]}))
    assert list(build.differences(ra, {**ra, "name": "mercury"}))
    assert list(build.differences(ra, {**ra, "coordinates": []}))


def test_the_stored_tables_read_back_as_built(catalogue, committed, gazetteer):
    """What the service serves from the file is what `in_picture` computes (ids, order,
    altitudes to the stored 1e-4 deg, countries)."""
    from service.astronomy.in_picture import in_picture, served

    event = catalogue.get("cassini-2013")
    geometry = committed.events[event.id].astronomy.geometry[event.wave_window.start]
    computed = in_picture(gazetteer, geometry)
    stored = served(committed.events[event.id].in_picture, gazetteer)
    assert [c.city for c in stored.cities] == [c.city for c in computed.cities]
    assert all(
        abs(a.sun_altitude_deg - b.sun_altitude_deg) <= 5e-5
        and abs(a.target_altitude_deg - b.target_altitude_deg) <= 5e-5
        for a, b in zip(stored.cities, computed.cities)
    )
    assert stored.countries == computed.countries
