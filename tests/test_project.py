"""The project's contract: committed OpenAPI, the Dockerfile, the Makefile, the lock files."""

from __future__ import annotations

import importlib.metadata
import importlib.util
import json
import re
import tomllib
from pathlib import Path

import pytest

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


def test_the_image_installs_only_what_the_lock_pins():
    dockerfile = (ROOT / "Dockerfile").read_text()
    installs = re.findall(r"pip install ([^&\n]+)", dockerfile)
    assert [i.strip() for i in installs] == [
        "--require-hashes -r requirements.lock",
        "--no-deps .",
    ]
    # The dependency layer comes before the sources, so a change to them does not rebuild it.
    assert dockerfile.index("requirements.lock ./") < dockerfile.index("COPY service")


def test_makefile_installs_from_the_dev_lock():
    makefile = (ROOT / "Makefile").read_text()
    stamp = re.search(r"^\$\(STAMP\): (.+) \|", makefile, re.M).group(1).split()
    assert set(stamp) == {"requirements.lock", "requirements-dev.lock", "pyproject.toml"}
    installs = re.findall(r"pip install (?:--quiet )?(.+)$", makefile, re.M)
    assert "--require-hashes -r requirements-dev.lock" in installs
    assert "--no-deps -e ." in installs
    assert re.search(r"^test: lint\b", makefile, re.M), "make test runs the linters first"
    lint = re.search(r"^lint:.*\n((?:\t.*\n)+)", makefile, re.M).group(1)
    assert ["ruff check .", "ruff format --check .", "mypy"] == [
        line.split("/")[-1] for line in lint.strip().splitlines()
    ]


def locked(name: str) -> dict[str, tuple[str, list[str]]]:
    """A lock file's pins: each name (normalised) with its version and its hashes."""
    pins: dict[str, tuple[str, list[str]]] = {}
    text = (ROOT / name).read_text()
    for block in re.split(r"\n(?=\S)", text):
        pin = re.match(r"([A-Za-z0-9._-]+)==(\S+)", block)
        if pin:
            hashes = re.findall(r"--hash=sha256:([0-9a-f]{64})", block)
            pins[normalised(pin.group(1))] = (pin.group(2), hashes)
    return pins


def normalised(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def declared(*extras: str) -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    requirements = project["dependencies"] + [
        r for extra in extras for r in project["optional-dependencies"][extra]
    ]
    return {normalised(re.match(r"[A-Za-z0-9._-]+", r).group()) for r in requirements}


@pytest.mark.parametrize(
    ("lock", "extras"), [("requirements.lock", ()), ("requirements-dev.lock", ("test",))]
)
def test_lock_pins_every_declared_dependency_with_hashes(lock, extras):
    pins = locked(lock)
    assert declared(*extras) <= pins.keys(), "run `make lock`"
    for name, (version, hashes) in pins.items():
        assert hashes, f"{name}=={version} has no hash"
    assert "--python-version 3.11" in (ROOT / lock).read_text().split("\n", 3)[1]


def test_dev_lock_is_the_runtime_lock_plus_the_test_tools():
    runtime, dev = locked("requirements.lock"), locked("requirements-dev.lock")
    assert {name: dev.get(name) for name in runtime} == runtime
    assert not {"pytest", "ruff", "mypy"} & runtime.keys(), "the image carries no test tools"


def test_the_environment_is_the_locked_one():
    """A stale environment (the lock changed, `make` not run since) fails here, not later."""
    for name, (version, _) in locked("requirements-dev.lock").items():
        assert importlib.metadata.version(name) == version, f"{name}: run `make`"


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


def test_module_map_names_every_module_and_no_other():
    """docs/architecture.md's tree names every module of service/ that is not a package's
    `__init__.py`, and nothing else."""
    doc = (ROOT / "docs" / "architecture.md").read_text()
    tree = re.search(r"^```\nservice/\n(.*?)^```", doc, re.M | re.S).group(1)
    modules = {p.name for p in (ROOT / "service").rglob("*.py") if p.name != "__init__.py"}
    named = set(re.findall(r"\b\w+\.py\b", tree))
    assert named <= modules, f"not in service/: {named - modules}"
    assert modules <= named, f"not in docs/architecture.md: {modules - named}"
