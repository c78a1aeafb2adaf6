"""The project's contract: committed OpenAPI, the Dockerfile, health."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

from service.openapi_export import render

ROOT = Path(__file__).resolve().parent.parent


def test_committed_openapi_matches_the_app():
    committed = (ROOT / "openapi" / "openapi.json").read_text()
    assert json.loads(committed) == json.loads(render()), "run `make openapi` and commit the result"


def test_served_openapi_is_the_committed_one(client):
    committed = json.loads((ROOT / "openapi" / "openapi.json").read_text())
    assert client.get("/openapi.json").json() == committed
    assert client.get("/docs").status_code == 200


def test_healthz(client):
    assert client.get("/healthz").json() == {"status": "ok"}


def test_dockerfile_matches_the_project():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert re.search(r"^FROM python:3\.11-slim", dockerfile, re.M)
    for source in re.findall(r"^COPY (.+) \S+$", dockerfile, re.M):
        for path in source.split():
            assert (ROOT / path).exists(), f"Dockerfile copies missing {path}"
    assert re.search(r"^USER (?!root)\S+", dockerfile, re.M), "must run as a non-root user"
    assert "HEALTHCHECK" in dockerfile and "/healthz" in dockerfile
    module = re.search(r'^CMD \["python", "-m", "([\w.]+)"\]$', dockerfile, re.M).group(1)
    assert importlib.util.find_spec(module) is not None
    port = re.search(r"PORT=(\d+)", dockerfile).group(1)
    assert re.search(rf"^EXPOSE {port}$", dockerfile, re.M)
    assert "WORKERS=" in dockerfile


def test_makefile_and_ci_use_the_readme_commands():
    readme = (ROOT / "README.md").read_text()
    assert "make run" in readme and "make test" in readme
    assert "make test" in (ROOT / ".ci" / "run").read_text()
