"""Fixtures the launcher tests share."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.launcher import ROOT


@pytest.fixture(scope="module")
def warm_cache(tmp_path_factory) -> Path:
    """The derived start-up caches, built once for the module, as the image builds them."""
    cache = tmp_path_factory.mktemp("cache")
    env = {**os.environ, "CACHE_DIR": str(cache)}
    subprocess.run([sys.executable, "-m", "service.warm_caches"], cwd=ROOT, env=env, check=True)
    return cache
