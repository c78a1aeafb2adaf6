"""Accessibility in Chromium: axe-core (npm, pinned in tools/axe) finds no serious or critical
violation on the home page, an answer page, the card and an error page, in two languages; the
place box follows the WAI-ARIA combobox pattern; the map says the answer in words; the `lang`
attribute is the language of the text."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.web.browser import AXE_SCRIPT, opened, screenshot

# One server and one Chromium for these tests: on the same test process (pytest-xdist).
pytestmark = pytest.mark.xdist_group("browser")

PAGES = {
    "home": "/",
    "answer": "/?city=Toronto",
    "card": "/embed?city=Toronto",
    "error": "/?city=Torontoo",
}
BLOCKING = ("serious", "critical")


def axe_violations(page) -> list[dict]:
    assert AXE_SCRIPT.exists(), f"{AXE_SCRIPT} is missing: `make test` runs npm ci in tools/axe"
    page.add_script_tag(path=str(AXE_SCRIPT))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:3]}
        for v in result["violations"]
        if v["impact"] in BLOCKING
    ]


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("name", sorted(PAGES))
def test_axe_finds_nothing_serious(chromium, live_server, name, lang):
    joiner = "&" if "?" in PAGES[name] else "?"
    url = f"{live_server}{PAGES[name]}{joiner}lang={lang}"
    width, height = (440, 300) if name == "card" else (1280, 900)
    with opened(chromium, url, width, height, bypass_csp=True) as page:
        assert page.evaluate("document.documentElement.lang") == lang
        assert axe_violations(page) == []
        if name == "answer":
            screenshot(page, f"answer-{lang}.png", full_page=True)


def test_the_place_box_is_a_combobox(chromium, live_server):
    """WAI-ARIA APG combobox with list autocomplete: results announced, arrows move the active
    option, Escape closes the list, Enter picks."""
    with opened(chromium, f"{live_server}/", 1280, 900) as page:
        box = page.get_by_role("combobox", name="Your place")
        box.press_sequentially("Pari", delay=30)
        expect(box).to_have_attribute("aria-expanded", "true")
        expect(page.locator("#place-status")).to_contain_text("places found")
        box.press("ArrowDown")
        first = page.locator("#place-option-0")
        expect(first).to_have_attribute("aria-selected", "true")
        expect(box).to_have_attribute("aria-activedescendant", "place-option-0")
        box.press("ArrowDown")
        expect(box).to_have_attribute("aria-activedescendant", "place-option-1")
        box.press("ArrowUp")
        expect(box).to_have_attribute("aria-activedescendant", "place-option-0")
        box.press("Escape")
        expect(box).to_have_attribute("aria-expanded", "false")
        expect(page.get_by_role("listbox")).to_be_hidden()
        assert box.get_attribute("aria-activedescendant") is None
        box.press("ArrowDown")  # opens the list again
        expect(box).to_have_attribute("aria-expanded", "true")
        box.press("ArrowDown")
        with page.expect_navigation():
            box.press("Enter")
        expect(page.locator("#verdict")).to_be_visible()


def test_a_list_for_earlier_text_is_closed_while_the_new_one_comes(chromium, live_server):
    """Typing on, the list for what was typed before closes at once; the arrows cannot pick from
    it, and the new list opens with no option active."""
    with opened(chromium, f"{live_server}/", 1280, 900) as page:
        box = page.get_by_role("combobox", name="Your place")
        box.press_sequentially("Par", delay=30)
        expect(box).to_have_attribute("aria-expanded", "true")
        held = []  # the next look-up is held here until the test lets it go

        def hold(route) -> None:
            held.append(route)

        page.route("**/v1/places?*q=Pari*", hold)
        box.press("i")
        expect(box).to_have_attribute("aria-expanded", "false")
        expect(page.locator("#place-status")).to_have_text("")  # no count of a closed list
        page.wait_for_timeout(300)  # the look-up's delay has passed: it is waiting on the route
        box.press("ArrowDown")
        expect(box).to_have_attribute("aria-expanded", "false")
        assert box.get_attribute("aria-activedescendant") is None
        assert held, "the look-up for Pari was not sent"
        for route in held:
            route.continue_()
        expect(box).to_have_attribute("aria-expanded", "true")
        assert box.get_attribute("aria-activedescendant") is None
        box.press("ArrowDown")
        expect(box).to_have_attribute("aria-activedescendant", "place-option-0")


def test_the_map_says_the_answer_and_focus_is_visible(chromium, live_server):
    with opened(chromium, f"{live_server}/?city=Toronto", 1280, 900) as page:
        alt = page.locator(".map:not(.globe) img").get_attribute("alt")
        assert "Toronto, Ontario, Canada" in alt and "Yes: in the picture" in alt
        globe_alt = page.locator(".map.globe img").get_attribute("alt")
        assert "Cassini" in globe_alt and "Toronto, Ontario, Canada" in globe_alt
        compass = page.get_by_role("img", name="Compass: Saturn towards the southeast")
        expect(compass).to_be_visible()
        page.keyboard.press("Tab")  # the skip link first
        outline = page.evaluate(
            "() => { const s = getComputedStyle(document.activeElement);"
            " return [document.activeElement.className, s.outlineStyle, s.outlineWidth]; }"
        )
        assert outline[0] == "skip" and outline[1] != "none" and outline[2] != "0px"


def test_axe_sees_a_violation_when_there_is_one(chromium, live_server):
    """The checker itself: an image without a text alternative is a critical finding."""
    with opened(chromium, f"{live_server}/healthz", 800, 600, bypass_csp=True) as page:
        page.set_content("<!doctype html><html lang='en'><title>t</title><img src='x.png'></html>")
        assert [v["id"] for v in axe_violations(page)] == ["image-alt"]
