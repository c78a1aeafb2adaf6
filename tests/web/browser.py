"""What the browser tests share: a real server on loopback and Debian's headless Chromium, started
once for the session, axe-core from `tools/axe` (npm, pinned by its lock file), and the folder the
screenshots are kept in for people to look at. `make test` installs Chromium, the CJK font and
axe-core when they are missing."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Browser, Page, sync_playwright

from tests.launcher import ROOT, free_port

ARTIFACTS = ROOT / "test-artifacts"
AXE_SCRIPT = ROOT / "tools" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
START_TIMEOUT_S = 90
STEP_TIMEOUT_MS = 15_000


def wait_until_healthy(base: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the server exited with {server.returncode}")
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"the server did not answer /healthz within {START_TIMEOUT_S} s")


@contextmanager
def live_server() -> Iterator[str]:
    """The app under uvicorn on 127.0.0.1 and a free port; its base URL."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "service.web.app:app",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
    )
    try:
        wait_until_healthy(base, server)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=20)


@contextmanager
def chromium() -> Iterator[Browser]:
    assert Path(CHROMIUM).exists(), (
        f"{CHROMIUM} is missing: `make test` installs it (apt-get install chromium)"
    )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def opened(
    browser: Browser,
    url: str,
    width: int,
    height: int,
    locale: str = "en-GB",
    bypass_csp: bool = False,
) -> Iterator[Page]:
    """A page at `url` in a fresh context of this viewport and browser locale (Accept-Language);
    `bypass_csp` lets a test inject a checker's script into the page."""
    context = browser.new_context(
        viewport={"width": width, "height": height}, locale=locale, bypass_csp=bypass_csp
    )
    context.set_default_timeout(STEP_TIMEOUT_MS)
    try:
        page = context.new_page()
        page.goto(url)
        page.wait_for_load_state("networkidle")
        yield page
    finally:
        context.close()


def screenshot(page: Page, name: str, full_page: bool = False) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=full_page)
    return path


def box(page: Page, selector: str) -> dict:
    """The element's box in CSS px of the viewport: top, bottom, left, right."""
    found = page.evaluate(
        """selector => {
            const element = document.querySelector(selector);
            if (!element) return null;
            const r = element.getBoundingClientRect();
            return {top: r.top, bottom: r.bottom, left: r.left, right: r.right,
                    visible: r.width > 0 && r.height > 0
                             && getComputedStyle(element).visibility !== "hidden"};
        }""",
        selector,
    )
    assert found is not None, f"{selector} is not on the page"
    return found
