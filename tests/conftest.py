"""One app per test process: start-up (astropy, zones) runs once in each.

Domain tests do not start it: they take the resources they use from `tests/domain_fixtures.py`.

The suite runs on every core (pytest-xdist, flags in pyproject.toml). Before the worker processes
start, the controlling process points CACHE_DIR at one cache folder for the run and warms it as
the image does (`python -m service.warm_caches`), so workers, launchers and servers only read it:
no two processes ever write the same cache file.
"""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from _pytest.nodeid import NodeId

from tests.launcher import ROOT

pytest_plugins = ("tests.domain_fixtures",)

# The checkout's own cache folder (build/ is ignored by git), unless CACHE_DIR names another:
# kept between runs, and rebuilt by the service itself when its fingerprint changes.
TEST_CACHE_DIR = ROOT / "build" / "test-cache"
# Locks by which test processes let a test marked `alone` run by itself (see `machine_share`).
LOCKS_DIR = ROOT / "build" / "test-locks"


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


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked `slow` first: test processes then end close together, rather than one still
    running a long test it picked up last. Tests marked `alone` last: the other processes wait
    for the tests they are running to end before an `alone` test starts, and at the end there
    is no long test left for them to wait on. Under `--dist loadgroup`, each test's group in its
    id."""
    items.sort(
        key=lambda item: (
            item.get_closest_marker("slow") is None,
            item.get_closest_marker("alone") is not None,
        )
    )
    if config.getoption("loadgroup", default=False):  # an xdist worker, tests sent by group
        for item in items:
            name_the_group(item)


def name_the_group(item: pytest.Item) -> None:
    """pytest-xdist sends the tests of one `xdist_group` to one process by the `@group` its
    workers append to their node ids. Its 3.8 writes them to `_nodeid`, which pytest 9.2 no longer
    reads (the id is a `NodeId` in `_id`): without this every test went its own way, and a group's
    server or browser was started in each process. Nothing is done where the id has it already."""
    groups = sorted(
        {
            str(mark.args[0] if mark.args else mark.kwargs.get("name", "default"))
            for mark in item.iter_markers("xdist_group")
        }
    )
    nodeid = item.nodeid
    if groups and nodeid.rfind("@") <= nodeid.rfind("]"):
        item._id = NodeId.parse(f"{nodeid}@{'_'.join(groups)}")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None):
    with machine_share(item):
        return (yield)


@contextmanager
def machine_share(item: pytest.Item) -> Iterator[None]:
    """Between test processes (pytest-xdist), a test marked `alone`, whose bound is on time, has
    the machine to itself: it waits for the tests running elsewhere to end and holds the next
    ones back until it ends, fixtures included. Others share the machine lock; the turnstile
    keeps a stream of them from starving a test waiting to be alone."""
    if not hasattr(item.config, "workerinput"):  # one test process: nothing runs beside it
        yield
        return
    alone = item.get_closest_marker("alone") is not None
    LOCKS_DIR.mkdir(parents=True, exist_ok=True)
    with (
        (LOCKS_DIR / "turnstile.lock").open("a") as turnstile,
        (LOCKS_DIR / "machine.lock").open("a") as machine,
    ):
        fcntl.flock(turnstile, fcntl.LOCK_EX)
        fcntl.flock(machine, fcntl.LOCK_EX if alone else fcntl.LOCK_SH)
        if not alone:
            fcntl.flock(turnstile, fcntl.LOCK_UN)
        yield  # closing the files releases the locks


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
