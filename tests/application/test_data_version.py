"""The data version: changes when a data file or the package version does, and only then."""

from __future__ import annotations

from service.application.data_version import DATA_DIRS, data_version


def test_stable_and_sensitive_to_data_and_version(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "events.json").write_text('{"a": 1}')
    dirs = (tmp_path / "data", tmp_path / "absent")
    first = data_version(dirs, version="1.0")
    assert data_version(dirs, version="1.0") == first
    assert data_version(dirs, version="1.1") != first
    (tmp_path / "data" / "events.json").write_text('{"a": 2}')
    assert data_version(dirs, version="1.0") != first


def test_covers_the_event_catalogue(resources):
    assert any((d / "events.json").exists() for d in DATA_DIRS)
    assert resources.data_version == data_version()
