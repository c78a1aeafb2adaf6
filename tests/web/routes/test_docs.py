"""/docs and /redoc: served from this origin, from packaged assets, under a strict script policy.

The pages are read as HTML (every script is ours, none inline, none from elsewhere), and then
rendered by headless Chromium (Debian's) against the launcher on loopback, with every request
that leaves the origin refused, as it would be offline: both must render, with no policy
violation reported.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator

import pytest

from service.web.routes.docs import CSP, PREFIX
from tests.launcher import ROOT, free_port
from tests.web.test_load import wait_ready

PAGES = ("/docs", "/redoc")
# ReDoc's "API docs by Redocly" logo, which it fetches from its CDN whatever its options and hides
# when it fails: the policy blocks it (as being offline would), and nothing else.
BLOCKED_BY_DESIGN = ("https://cdn.redoc.ly/redoc/logo-mini.svg",)


def directives(policy: str) -> dict[str, list[str]]:
    return {name: rest for name, *rest in (part.split() for part in policy.split(";"))}


@pytest.mark.parametrize("path", PAGES)
def test_the_page_loads_only_our_own_scripts(client, path):
    response = client.get(path)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    policy = directives(response.headers["content-security-policy"])
    assert policy["script-src"] == ["'self'"] and policy["default-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"] and policy["base-uri"] == ["'none'"]
    html = response.text
    assert "http://" not in html and "https://" not in html, "nothing from another origin"
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
    assert scripts and all(body.strip() == "" for _, body in scripts), "no inline script"
    for attributes, _ in scripts:
        source = re.search(r'src="([^"]+)"', attributes).group(1)
        assert source.startswith(PREFIX + "/")
        asset = client.get(source)
        assert asset.status_code == 200 and asset.headers["content-type"].startswith(
            "text/javascript"
        )
        assert asset.headers["x-content-type-options"] == "nosniff"


def test_only_the_packaged_assets_are_served(client):
    assert client.get(f"{PREFIX}/swagger-ui.css").headers["content-type"].startswith("text/css")
    assert client.get(f"{PREFIX}/favicon.png").headers["content-type"] == "image/png"
    for name in ("core.py", "__init__.py", "..%2F..%2Fsettings.py", "swagger-ui-bundle.js.map"):
        response = client.get(f"{PREFIX}/{name}")
        assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"


def test_the_docs_are_not_in_the_openapi_document(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert not [path for path in paths if path in PAGES or path.startswith(PREFIX)]


@pytest.fixture(scope="module")
def launcher() -> Iterator[str]:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "HOST": "127.0.0.1", "PORT": str(port), "LOG_LEVEL": "warning"}
    server = subprocess.Popen([sys.executable, "-m", "service.serve"], cwd=ROOT, env=env)
    try:
        wait_ready(port, server)  # the docs need /openapi.json, answered once start-up is done
        yield base
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


@pytest.mark.xdist_group("docs-launcher")  # one `launcher` and Chromium for both: one process
@pytest.mark.parametrize(
    "path, rendered",
    [
        ("/docs", "#swagger-ui .opblock-summary-path"),  # one block per operation
        ("/redoc", "redoc [role=menuitem], redoc li[data-item-id]"),  # ReDoc's side menu
    ],
)
def test_the_page_renders_offline_within_its_policy(launcher, chromium, path, rendered):
    offsite: list[str] = []
    console: list[str] = []
    page = chromium.new_page()  # a context of its own, closed with the page
    try:

        def refuse_offsite(route):
            if route.request.url.startswith(launcher) or route.request.url.startswith(
                ("data:", "blob:")
            ):
                route.continue_()
            else:
                offsite.append(route.request.url)
                route.abort()

        page.route("**/*", refuse_offsite)
        page.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
        page.goto(launcher + path)
        page.wait_for_selector(rendered, timeout=20_000)
        page.wait_for_timeout(500)  # late violations (workers, fonts) are reported too
    finally:
        page.close()
    violations = [
        line
        for line in console
        if "Content Security Policy" in line and not any(url in line for url in BLOCKED_BY_DESIGN)
    ]
    assert violations == [] and offsite == [], (violations, offsite, CSP)
