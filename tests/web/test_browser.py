"""The page in a real browser: headless Chromium (Debian's) against a real server on loopback.

Types "Toro", picks Toronto from the suggestions with the keyboard, and reads the answer the
server renders. The screenshot is kept in test-artifacts/ for people to look at.
`make test` installs Chromium when /usr/bin/chromium is missing.
"""

from __future__ import annotations

import re
import urllib.request
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from tests.web.browser import ARTIFACTS, STEP_TIMEOUT_MS

# One server and one Chromium for these tests: on the same test process (pytest-xdist).
pytestmark = pytest.mark.xdist_group("browser")


@pytest.fixture(scope="module")
def browser_page(chromium) -> Iterator[Page]:
    context = chromium.new_context(viewport={"width": 1600, "height": 1000}, locale="en-GB")
    context.set_default_timeout(STEP_TIMEOUT_MS)
    try:
        yield context.new_page()
    finally:
        context.close()


def test_type_toro_pick_toronto_and_read_the_answer(live_server, browser_page):
    page = browser_page
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )

    page.goto(f"{live_server}/")
    box = page.get_by_role("combobox", name="Your place")
    box.click()
    box.press_sequentially("Toro", delay=40)
    toronto = page.get_by_role("option", name="Toronto · Ontario, Canada")
    expect(toronto).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")

    box.press("ArrowDown")
    expect(toronto).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", "place-option-0")
    with page.expect_navigation():
        box.press("Enter")

    # 21:27-21:42 UTC is 17:27-17:42 EDT in Toronto (NASA/JPL: "5:27-5:42 pm EDT").
    expect(page.locator(".when .big")).to_have_text("17:27–17:42")
    expect(page.get_by_role("heading", name="For Toronto, Ontario, Canada")).to_be_visible()
    expect(page.locator("#verdict")).to_have_text("Yes: in the picture")
    expect(page.get_by_role("img", name="Compass: Saturn towards")).to_be_visible()
    map_image = page.get_by_role("img", name="World map")
    expect(map_image).to_be_visible()
    assert (
        page.evaluate("img => img.complete && img.naturalWidth", map_image.element_handle()) == 1000
    )

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "browser-toronto.png"), full_page=True)
    assert errors == []


def test_the_page_works_without_javascript(live_server):
    """The same answer, as a plain HTTP client sees it: the server renders everything."""
    request = urllib.request.Request(
        f"{live_server}/?city=Toronto", headers={"Accept": "text/html"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        html = response.read().decode()
    assert "17:27" in html and 'id="verdict"' in html


def test_the_globe_renders_in_chromium(live_server, browser_page):
    """The globe as the browser draws it: an image of its declared size, the place marked, and
    the share image beside it for people to look at (kept in test-artifacts/)."""
    page = browser_page
    page.goto(f"{live_server}/v1/events/cassini-2013/view.svg?city=Toronto")
    svg = page.locator("svg")
    expect(svg).to_have_attribute("width", "600")
    assert page.locator("#place").count() == 1
    box = page.locator("path.land").bounding_box()
    assert box is not None and box["width"] > 100 and box["height"] > 100
    # Every line of text inside the picture, as the browser lays it out.
    right = page.evaluate(
        "() => Math.max(...[...document.querySelectorAll('text')].map(t => { const b = t.getBBox();"
        " return b.x + b.width; }))"
    )
    assert right <= 600
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "globe-cassini-toronto.png"))

    page.goto(f"{live_server}/?city=Toronto")
    globe = page.locator(".map.globe img")
    expect(globe).to_have_attribute("alt", re.compile("Earth as Cassini saw it from Saturn"))
    globe.scroll_into_view_if_needed()
    expect(globe).to_be_visible()
    assert page.evaluate("img => img.complete && img.naturalWidth", globe.element_handle()) == 600
    # Drawn whole (600 x 720), not cropped to another picture's frame.
    drawn = globe.bounding_box()
    assert drawn is not None and abs(drawn["height"] / drawn["width"] - 720 / 600) < 0.02

    page.goto(f"{live_server}/v1/events/cassini-2013/share.png?city=Toronto&lang=en")
    size = page.evaluate(
        "() => [document.images[0].naturalWidth, document.images[0].naturalHeight]"
    )
    assert size == [1200, 630]
    with urllib.request.urlopen(
        f"{live_server}/v1/events/cassini-2013/share.png?city=Toronto&lang=en", timeout=10
    ) as response:
        (ARTIFACTS / "share-cassini-toronto.png").write_bytes(response.read())
