"""Fixtures the launcher and browser tests share."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from service.settings import Settings
from tests.launcher import ROOT
from tests.web import browser


@pytest.fixture(scope="session")
def warm_cache(tmp_path_factory) -> Path:
    """The derived start-up caches, as the image builds them (`python -m service.warm_caches`).

    The run's CACHE_DIR, warmed once before any test (tests/conftest.py); launchers given it only
    read it, and a test that damages a cache damages a copy. With CACHE_DIR off, a folder of its
    own, warmed here."""
    cache_dir = Settings.from_env().cache_dir
    if cache_dir is not None:
        assert any(cache_dir.glob("gazetteer-*.gaz")), f"{cache_dir} was not warmed"
        return cache_dir
    cache = tmp_path_factory.mktemp("cache")
    env = {**os.environ, "CACHE_DIR": str(cache)}
    subprocess.run([sys.executable, "-m", "service.warm_caches"], cwd=ROOT, env=env, check=True)
    return cache


@pytest.fixture(scope="session")
def live_server() -> Iterator[str]:
    """One real server for every browser test of the session."""
    with browser.live_server() as base:
        yield base


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    """Chromium for one test module: Playwright's synchronous API holds an event loop while it
    runs, which must be gone before other modules' tests start their own."""
    with browser.chromium() as launched:
        yield launched
