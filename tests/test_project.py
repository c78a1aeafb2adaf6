"""The project's contract: committed OpenAPI, the Dockerfile, health."""

from __future__ import annotations

import importlib
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
    module, attr = re.search(r"uvicorn (\S+):(\S+)", dockerfile).groups()
    assert getattr(importlib.import_module(module), attr) is not None
    port = re.search(r"PORT=(\d+)", dockerfile).group(1)
    assert re.search(rf"^EXPOSE {port}$", dockerfile, re.M)
    assert "${WORKERS}" in dockerfile


def test_makefile_and_ci_use_the_readme_commands():
    readme = (ROOT / "README.md").read_text()
    assert "make run" in readme and "make test" in readme
    assert "make test" in (ROOT / ".ci" / "run").read_text()


DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def test_readme_is_a_doorway():
    """The README stays short: details belong in docs/."""
    size = len((ROOT / "README.md").read_bytes())
    assert size <= 16_000, f"README.md is {size} bytes; move details to docs/"


def anchors(doc: Path) -> set[str]:
    """The heading anchors a Markdown renderer makes (GitHub's slugs)."""
    headings = re.findall(r"^#+ (.+)$", doc.read_text(), re.M)
    return {re.sub(r"[^\w\- ]", "", h.lower()).replace(" ", "-") for h in headings}


def test_documentation_links_and_paths_exist():
    for doc in DOCS:
        text = doc.read_text()
        for target, anchor in re.findall(r"\]\(([^)#:]+)(?:#([^)]*))?\)", text):
            assert (doc.parent / target).exists(), f"{doc.name} links to missing {target}"
            if anchor:
                assert anchor in anchors(doc.parent / target), f"{doc.name}: {target}#{anchor}"
        for path in re.findall(r"`((?:service|tests|bench|tools|deploy|docs)/[\w./-]*)`", text):
            assert (ROOT / path).exists(), f"{doc.name} names missing {path}"
        assert "DEPLOY.md" not in text, f"{doc.name} refers to DEPLOY.md (now docs/operations.md)"


def test_readme_module_map_names_real_modules():
    readme = (ROOT / "README.md").read_text()
    tree = re.search(r"^```\nservice/\n(.*?)^```", readme, re.M | re.S).group(1)
    modules = {p.name for p in (ROOT / "service").rglob("*.py")}
    named = set(re.findall(r"\b\w+\.py\b", tree))
    assert len(named) > 20 and named <= modules, f"not in service/: {named - modules}"
