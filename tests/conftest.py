"""One app per test process: start-up (astropy, zones) runs once in each.

Domain tests do not start it: they take the resources they use from `tests/domain_fixtures.py`.

The suite runs on every core (pytest-xdist, flags in pyproject.toml). Before the worker processes
start, the controlling process points CACHE_DIR at one cache folder for the run and warms it as
the image does (`python -m service.warm_caches`), so workers, launchers and servers only read it:
no two processes ever write the same cache file.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.launcher import ROOT

pytest_plugins = ("tests.domain_fixtures",)

# The checkout's own cache folder (build/ is ignored by git), unless CACHE_DIR names another:
# kept between runs, and rebuilt by the service itself when its fingerprint changes.
TEST_CACHE_DIR = ROOT / "build" / "test-cache"


def pytest_configure(config: pytest.Config) -> None:
    if hasattr(config, "workerinput"):  # an xdist worker: its controller has done this
        return
    os.environ.setdefault("CACHE_DIR", str(TEST_CACHE_DIR))
    warm_caches()


def warm_caches() -> None:
    """The derived start-up caches in CACHE_DIR, built if missing or stale (unless it is off)."""
    from service.settings import Settings

    if Settings.from_env().cache_dir is None:
        return
    done = subprocess.run(
        [sys.executable, "-m", "service.warm_caches"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise pytest.UsageError(f"warming the start-up caches failed:\n{done.stderr}")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests marked `slow` first: test processes then end close together, rather than one still
    running a long test it picked up last."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


@pytest.fixture(scope="session")
def client():
    # Imported here, not at the top: a run of domain tests alone never loads the web stack.
    from fastapi.testclient import TestClient

    from service.web.app import create_app

    with TestClient(create_app()) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def resources(client):
    return client.app.state.resources
