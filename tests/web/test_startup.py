"""A lean start: the serving process reads the committed astronomy and never imports astropy;
what the busiest answers do not need is built after readiness."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.launcher import ROOT

# In a fresh interpreter: the session's own test process has imported astropy for the builder.
START_AND_ASK = """
import json, sys
from fastapi.testclient import TestClient
from service.web.app import create_app
with TestClient(create_app()) as client:
    first = client.get("/v1/events/cassini-2013/local", params={"city": "Lima"}).status_code
    warmed = client.app.state.warmup.wait(timeout_s=60)
    later = [client.get(p).status_code for p in (
        "/v1/events/cassini-2013/local?lat=10&lon=20", "/?city=Lima",
        "/v1/events/cassini-2013/in-picture?limit=3", "/v1/events/cassini-2013/regions",
    )]
print(json.dumps({"first": first, "warmed": warmed, "later": later,
                  "astropy": sorted(m for m in sys.modules if m.split(".")[0] == "astropy")}))
"""


@pytest.mark.slow
def test_the_service_starts_answers_and_warms_without_astropy():
    done = subprocess.run(
        [sys.executable, "-c", START_AND_ASK],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert found["first"] == 200 and found["warmed"] and found["later"] == [200] * 4
    assert found["astropy"] == [], "the serving process imported astropy"
