"""The page and the card on several screens, in Chromium: a phone shows the place, the local time
and the verdict above the fold, nothing overflows and no text is under 11 CSS px; the card keeps
the time and the verdict inside any frame from 200 x 180; each reader gets their own clock.
Screenshots are kept in test-artifacts/ (desktop, phone, card sizes, two languages)."""

from __future__ import annotations

import pytest

from tests.web.browser import box, opened, screenshot

# One server and one Chromium for these tests: on the same test process (pytest-xdist).
pytestmark = pytest.mark.xdist_group("browser")

PHONE = (390, 844)  # CSS px of a current mid-size phone, portrait
DESKTOP = (1600, 1000)
MIN_TEXT_PX = 11

# Every element that draws text of its own, with its font size, when under MIN_TEXT_PX and shown;
# SVG text counts at the size it is drawn (its font size times the drawing's scale).
SMALL_TEXT = """min => {
    const small = [];
    for (const el of document.querySelectorAll("body *")) {
        const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
        if (!own) continue;
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.height === 0) continue;
        const style = getComputedStyle(el);
        if (style.visibility === "hidden" || style.display === "none") continue;
        let px = parseFloat(style.fontSize);
        const svg = el.closest("svg");
        if (svg && svg.viewBox && svg.viewBox.baseVal && svg.viewBox.baseVal.width) {
            px *= svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        }
        const text = el.textContent.trim().slice(0, 30);
        if (px < min - 0.05) small.push(`${el.tagName} ${px.toFixed(1)}px ${text}`);
    }
    return small;
}"""


def no_wider_than_the_screen(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"the page scrolls sideways: {width} px"


@pytest.mark.parametrize(
    ("locale", "query", "name"),
    [
        ("en-US", "city=Toronto", "phone-en-US.png"),
        ("de-DE", "city=Munich", "phone-de.png"),
    ],
)
def test_on_a_phone_the_answer_is_above_the_fold(chromium, live_server, locale, query, name):
    width, height = PHONE
    with opened(chromium, f"{live_server}/?{query}", width, height, locale) as page:
        for selector in ("#answer-title", ".when .big", "#verdict"):
            found = box(page, selector)
            assert found["visible"] and 0 <= found["top"] and found["bottom"] <= height, selector
        no_wider_than_the_screen(page)
        assert page.evaluate(SMALL_TEXT, MIN_TEXT_PX) == []
        snippet = box(page, "#embed-snippet")
        assert snippet["right"] <= width
        screenshot(page, name)
        screenshot(page, name.replace(".png", "-full.png"), full_page=True)


def test_on_a_desktop_the_zone_stays_on_one_line(chromium, live_server):
    with opened(chromium, f"{live_server}/?city=Toronto", *DESKTOP, locale="en-GB") as page:
        zones = page.locator(".when .nowrap")
        assert zones.inner_text() == "EDT (UTC-04:00)"
        assert page.evaluate("el => el.getClientRects().length", zones.element_handle()) == 1
        no_wider_than_the_screen(page)
        assert page.evaluate(SMALL_TEXT, MIN_TEXT_PX) == []
        screenshot(page, "desktop-en-GB.png", full_page=True)


# NASA/JPL announced the window as "5:27-5:42 pm EDT" for Toronto's zone; a browser in the United
# States gets CLDR 49's en_US range (thin spaces around the dash, a narrow no-break space before
# PM), a British one CLDR's en_GB 24-hour range.
@pytest.mark.parametrize(
    ("locale", "times"),
    [("en-US", "5:27\u2009–\u20095:42\u202fPM"), ("en-GB", "17:27–17:42")],
)
def test_the_readers_browser_sets_the_clock(chromium, live_server, locale, times):
    with opened(chromium, f"{live_server}/?city=Toronto", *DESKTOP, locale=locale) as page:
        assert page.locator(".when .big").text_content() == times


@pytest.mark.parametrize(
    ("width", "height", "locale", "query"),
    [
        (200, 180, "en-GB", "city=Toronto"),
        (300, 200, "en-GB", "city=Toronto"),
        (200, 300, "en-GB", "city=Toronto"),
        (440, 300, "en-GB", "city=Toronto"),
        (200, 180, "de-DE", "city=Munich"),
        (440, 300, "de-DE", "city=Munich"),
        (300, 200, "ja-JP", "city=Tokyo"),
    ],
)
def test_the_card_keeps_the_time_and_the_verdict_in_its_frame(
    chromium, live_server, width, height, locale, query
):
    """The card fills its iframe, whose viewport is the frame: the same as a frame of that size."""
    with opened(chromium, f"{live_server}/embed?{query}", width, height, locale) as page:
        for selector in (".time", ".verdict", "h1"):
            found = box(page, selector)
            assert found["visible"], selector
            assert 0 <= found["left"] and found["right"] <= width, (selector, found)
            assert 0 <= found["top"] and found["bottom"] <= height, (selector, found)
        no_wider_than_the_screen(page)
        assert page.evaluate(SMALL_TEXT, MIN_TEXT_PX) == []
        screenshot(page, f"card-{width}x{height}-{locale}.png")


def test_an_oembed_frame_shows_the_card_it_promises(chromium, live_server):
    """oEmbed's maxwidth=300 gives a frame of at most 300 px; the card inside shows its answer."""
    host = (
        "<!doctype html><html lang='en'><title>host</title><body style='margin:0'>"
        "<div id='frame'></div></body></html>"
    )
    with opened(chromium, f"{live_server}/healthz", 800, 600) as page:
        oembed = page.request.get(
            f"{live_server}/oembed",
            params={"url": f"{live_server}/?city=Toronto", "maxwidth": "300", "maxheight": "200"},
        ).json()
        assert oembed["width"] <= 300 and oembed["height"] <= 200
        page.set_content(host)
        page.eval_on_selector("#frame", "(el, html) => { el.innerHTML = html; }", oembed["html"])
        frame = page.frame_locator("iframe")
        frame.locator(".verdict").wait_for()
        inside = frame.locator(".verdict").bounding_box()
        assert inside is not None
        assert inside["x"] + inside["width"] <= oembed["width"]
        assert inside["y"] + inside["height"] <= oembed["height"]
