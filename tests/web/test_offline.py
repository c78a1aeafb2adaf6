"""The service starts and answers with no network at all: nothing it does reaches past loopback.

A fresh interpreter gets a `sitecustomize` that refuses every socket connection and name lookup
other than loopback and Unix sockets (child processes inherit it through PYTHONPATH), and empty
cache and config directories, as on a new machine: so if astropy, or anything else, tried to
download at start-up or on a request, start-up or that request would fail here. The app is then
started (its lifespan, with the astronomy child) and every GET route is asked once.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

GUARD = textwrap.dedent('''
    """Refuse the network: only loopback and Unix sockets (installed for the offline test)."""
    import ipaddress
    import os
    import socket

    LOG = os.environ["NETWORK_ATTEMPTS_LOG"]


    def _refuse(what):
        with open(LOG, "a") as log:
            log.write(f"{os.getpid()} {what}\\n")
        raise OSError(f"network disabled for this test: {what}")


    def _loopback(host):
        if host in ("localhost", "testserver"):
            return True
        try:
            return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
        except ValueError:
            return False


    _connect = socket.socket.connect
    _connect_ex = socket.socket.connect_ex
    _getaddrinfo = socket.getaddrinfo


    def connect(self, address):
        if self.family != socket.AF_UNIX and not _loopback(address[0]):
            _refuse(f"connect {address}")
        return _connect(self, address)


    def connect_ex(self, address):
        if self.family != socket.AF_UNIX and not _loopback(address[0]):
            _refuse(f"connect {address}")
        return _connect_ex(self, address)


    def getaddrinfo(host, *args, **kwargs):
        if host is not None and not _loopback(host):
            _refuse(f"getaddrinfo {host}")
        return _getaddrinfo(host, *args, **kwargs)


    socket.socket.connect = connect
    socket.socket.connect_ex = connect_ex
    socket.getaddrinfo = getaddrinfo
''')

PROBE = textwrap.dedent("""
    import json
    import socket

    from fastapi.testclient import TestClient

    from service.web.app import create_app
    from tests.routes import get_routes

    try:  # the guard is in place: a lookup of an outside name is refused before it is sent
        socket.getaddrinfo("example.org", 443)
        guarded = False
    except OSError:
        guarded = True
    app = create_app()
    answers = {}
    with TestClient(app) as client:
        for route in get_routes(app):
            answers[route.path] = client.get(route.url(query=route.valid_query())).status_code
    print(json.dumps({"guarded": guarded, "answers": answers}))
""")


@pytest.mark.slow
def test_starts_and_answers_with_the_network_refused(tmp_path):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "sitecustomize.py").write_text(GUARD)
    attempts = tmp_path / "network-attempts.log"
    attempts.touch()
    # Not the run's warm CACHE_DIR: the default, under the empty XDG_CACHE_HOME.
    inherited = {name: value for name, value in os.environ.items() if name != "CACHE_DIR"}
    env = {
        **inherited,
        "PYTHONPATH": os.pathsep.join([str(tmp_path / "site"), str(ROOT)]),
        "NETWORK_ATTEMPTS_LOG": str(attempts),
        "HOME": str(tmp_path / "home"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "ACCESS_LOG": "false",
    }
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["guarded"], "the network guard did not load"
    refused = [line for line in attempts.read_text().splitlines() if "example.org" not in line]
    assert refused == [], f"the service tried to reach the network: {refused}"
    answers = result["answers"]
    assert all(status < 500 for status in answers.values()), answers
    for path in (
        "/readyz",
        "/v1/events",
        "/v1/events/{event_id}",
        "/v1/events/{event_id}/local",
        "/v1/events/{event_id}/world",
    ):
        assert answers[path] == 200, answers
