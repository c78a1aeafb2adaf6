"""The page, the card and oEmbed: rendered on the server, escaped, framable only where meant to
be."""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest

BROWSER = {
    "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0 Safari/537.36",
    "Accept": "text/html",
}
PAYLOAD = "<script>alert(1)</script>"


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text of every <style> element."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.styles.append(data)

    def find(self, tag: str, **attrs) -> list[dict]:
        return [
            a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in attrs.items())
        ]


def parse(html: str) -> Tags:
    tags = Tags()
    tags.feed(html)
    return tags


def page(client, url: str, **headers):
    return client.get(url, headers={**BROWSER, **headers})


# --- the page -----------------------------------------------------------------------------------


def test_the_page_answers_on_the_server_without_javascript(client):
    response = page(client, "/?city=Toronto")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    html = response.text
    # 21:27-21:42 UTC is 17:27-17:42 EDT (NASA/JPL: "5:27-5:42 pm EDT").
    assert "17:27" in html and "17:42" in html
    assert "Friday, 19 July 2013, 17:27–17:42 EDT (UTC-04:00)" in html
    assert "Toronto, Ontario, Canada" in html


def test_the_page_carries_link_preview_and_oembed_discovery_tags(client):
    tags = parse(page(client, "/?city=Toronto").text)
    title = tags.find("meta", property="og:title")[0]["content"]
    assert title == "Wave at Saturn: Toronto, Ontario, Canada"
    assert "17:27" in tags.find("meta", property="og:description")[0]["content"]
    assert tags.find("meta", property="og:url")[0]["content"] == "http://testserver/?city=Toronto"
    oembed = tags.find("link", rel="alternate", type="application/json+oembed")[0]["href"]
    query = parse_qs(urlsplit(oembed).query)
    assert query == {"url": ["http://testserver/?city=Toronto"], "format": ["json"]}


def test_the_page_has_labels_and_text_alternatives(client):
    tags = parse(page(client, "/?city=Toronto").text)
    box = tags.find("input", id="place")[0]
    assert tags.find("label", **{"for": "place"}) and box["role"] == "combobox"
    assert box["aria-controls"] == "place-list" and tags.find("ul", id="place-list", role="listbox")
    image = tags.find("img")[0]
    assert (
        image["src"].startswith("/v1/events/cassini-2013/map.svg?") and "World map" in image["alt"]
    )
    assert "Toronto" in image["alt"]


def test_the_page_without_a_place_asks_for_one(client):
    response = page(client, "/")
    assert response.status_code == 200
    assert "Type a city" in response.text
    assert parse(response.text).find("img")[0]["src"] == "/v1/events/cassini-2013/map.svg"


def test_an_unknown_place_is_a_404_page_with_suggestions(client):
    response = page(client, "/?city=Toronot")
    assert response.status_code == 404
    links = [
        a["href"] for a in parse(response.text).find("a") if a.get("href", "").startswith("/?city=")
    ]
    assert "/?city=Toronto" in links


@pytest.mark.parametrize(
    ("query", "says"),
    [
        ("lat=abc&lon=1", "is not a number"),
        ("lat=1&lon=1e999", "must be a number from -180 to 180"),
        ("lat=91&lon=0", "must be a number from -90 to 90"),
    ],
)
def test_malformed_coordinates_are_a_422_page_not_raw_json(client, query, says):
    for path in ("/", "/embed"):
        response = page(client, f"{path}?{query}")
        assert response.status_code == 422
        assert response.headers["content-type"].startswith("text/html") and says in response.text
    terminal = client.get(f"/?{query}", headers={"User-Agent": "curl/8.5"})
    assert terminal.status_code == 422 and says in terminal.text
    error = client.get(f"/?{query}&format=json").json()["error"]
    assert error["code"] == "invalid_parameter" and says in error["message"]


def test_the_event_switcher_keeps_the_place(client):
    tags = parse(page(client, "/?city=Toronto").text)
    hrefs = [a["href"] for a in tags.find("a") if "event=" in a.get("href", "")]
    assert "/?event=messenger-2013-07-19&city=Toronto" in hrefs
    current = [a for a in tags.find("a") if a.get("aria-current") == "page"]
    assert current and current[0]["href"] == "/?city=Toronto"


def test_a_short_path_in_a_browser_is_the_page(client):
    response = page(client, "/Toronto")
    assert (
        response.status_code == 200 and 'id="place"' in response.text and "17:27" in response.text
    )
    assert (
        parse(response.text).find("link", rel="canonical")[0]["href"]
        == "http://testserver/?city=Toronto"
    )
    assert page(client, "/messenger-2013-07-19/Toronto").text.count("MESSENGER") >= 1


def test_a_terminal_at_the_root_gets_text(client):
    usage = client.get("/", headers={"User-Agent": "curl/8.5.0"})
    assert usage.headers["content-type"].startswith("text/plain") and "curl" in usage.text
    answer = client.get("/?city=Toronto", headers={"User-Agent": "curl/8.5.0"})
    assert "Friday, 19 July 2013, 17:27–17:42 EDT" in answer.text


def test_the_page_escapes_what_was_typed(client):
    response = page(client, f"/?city={PAYLOAD}")
    assert response.status_code == 404
    assert PAYLOAD not in response.text and "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text
    assert list(parse(response.text).find("script")) == [{"src": "/static/app.js", "defer": None}]


def test_pages_carry_a_content_security_policy(client):
    headers = page(client, "/?city=Toronto").headers
    csp = headers["content-security-policy"]
    assert (
        "script-src 'self'" in csp
        and "frame-ancestors 'self'" in csp
        and "unsafe-inline" not in csp
    )
    assert headers["x-frame-options"] == "SAMEORIGIN"


# Month names from CLDR via Babel: July in each language offered.
MONTHS = {"en": "July", "fr": "juillet", "de": "Juli", "es": "julio", "pt": "julho", "ja": "7月"}


@pytest.mark.parametrize(("lang", "month"), sorted(MONTHS.items()))
def test_each_language_renders_its_month_name(client, lang, month):
    response = page(client, f"/?city=Toronto&lang={lang}")
    assert response.headers["content-language"] == lang
    assert f'<html lang="{lang}">' in response.text
    display = re.sub(r"<[^>]+>", "", re.search(r'<p class="display">(.+?)</p>', response.text)[1])
    assert month in display
    other_months = [m for code, m in MONTHS.items() if code != lang and m not in month]
    assert not any(m in display for m in other_months)


def test_accept_language_chooses_the_page_language(client):
    response = page(client, "/?city=Toronto", **{"Accept-Language": "de-AT,de;q=0.9,en;q=0.5"})
    assert (
        response.headers["content-language"] == "de" and "Freitag, 19. Juli 2013" in response.text
    )


def test_an_unknown_language_falls_back_to_english_and_says_so(client):
    response = page(client, "/?city=Toronto&lang=sv")
    assert response.headers["content-language"] == "en"
    assert "The language you asked for (sv) is not available yet" in response.text


def test_the_static_script_and_style_are_served(client):
    script = client.get("/static/app.js")
    assert script.status_code == 200 and "aria-activedescendant" in script.text
    assert client.get("/static/app.css").status_code == 200


# --- the card -----------------------------------------------------------------------------------


def test_the_card_is_framable_from_anywhere(client):
    response = page(client, "/embed?city=Toronto&lang=fr")
    assert response.status_code == 200
    assert "frame-ancestors *" in response.headers["content-security-policy"]
    assert "x-frame-options" not in response.headers
    # French writes the range with thin spaces around the dash (CLDR 49, Babel 2.19).
    assert (
        "17:27\u2009–\u200917:42" in response.text and "vendredi 19 juillet 2013" in response.text
    )


def test_the_card_makes_no_outside_request(client):
    response = page(client, "/embed?city=Toronto")
    tags = parse(response.text)
    assert (
        not tags.find("script") and not tags.find("img") and not tags.find("link", rel="stylesheet")
    )
    assert not [a for t, a in tags.tags if t not in ("a", "link") and ("src" in a or "href" in a)]
    # Its one inline style is the one its policy allows, by hash.
    digest = base64.b64encode(hashlib.sha256(tags.styles[0].encode()).digest()).decode()
    assert f"style-src 'sha256-{digest}'" in response.headers["content-security-policy"]


@pytest.mark.parametrize("parameter", ["city", "tz", "country"])
def test_the_card_escapes_a_script_payload(client, parameter):
    url = f"/embed?{parameter}={PAYLOAD}" + ("&city=Toronto" if parameter == "country" else "")
    response = page(client, url)
    assert response.status_code in (404, 422)
    assert PAYLOAD not in response.text and "<script" not in response.text


def test_the_card_without_a_place_is_a_422_card(client):
    response = page(client, "/embed")
    assert response.status_code == 422 and "Say where" in response.text


# --- oEmbed -------------------------------------------------------------------------------------

# oEmbed 1.0 (oembed.com), section 2.3.4: every response has `type` and `version` ("1.0");
# a `rich` one also `html`, `width` and `height`.
REQUIRED_RICH = {"type", "version", "html", "width", "height"}


@pytest.mark.parametrize(
    "url",
    [
        "http://testserver/?city=Toronto",
        "http://testserver/Toronto",
        "http://testserver/embed?city=Toronto&lang=fr",
        "http://testserver/messenger-2013-07-19/Toronto",
    ],
)
def test_oembed_answers_a_rich_response_with_the_required_fields(client, url):
    response = client.get("/oembed", params={"url": url, "format": "json"})
    assert response.status_code == 200 and response.headers["content-type"] == "application/json"
    body = response.json()
    assert REQUIRED_RICH <= set(body) and body["type"] == "rich" and body["version"] == "1.0"
    assert isinstance(body["width"], int) and isinstance(body["height"], int)
    frame = parse(body["html"]).find("iframe")[0]
    assert frame["src"].startswith("http://testserver/embed?") and "city=Toronto" in frame["src"]
    assert int(frame["width"]) == body["width"] and int(frame["height"]) == body["height"]
    assert body["provider_name"] == "Wave at Saturn" and "Toronto" in body["title"]


def test_oembed_keeps_within_maxwidth_and_maxheight(client):
    body = client.get(
        "/oembed",
        params={"url": "http://testserver/?city=Toronto", "maxwidth": 300, "maxheight": 200},
    ).json()
    assert body["width"] <= 300 and body["height"] <= 200


# The frames card.css lays out: the full card from 400 px wide, the compact card (220 px high at
# its most) below; never past the bounds given.
@pytest.mark.parametrize(
    ("bounds", "frame"),
    [
        ({}, (440, 300)),
        ({"maxwidth": 1000}, (440, 300)),
        ({"maxwidth": 400}, (400, 300)),
        ({"maxwidth": 300}, (300, 220)),
        ({"maxwidth": 200}, (200, 220)),
        ({"maxheight": 200}, (440, 200)),
        ({"maxwidth": 200, "maxheight": 180}, (200, 180)),
    ],
)
def test_oembed_picks_the_frame_that_fits(client, bounds, frame):
    body = client.get("/oembed", params={"url": "http://testserver/?city=Toronto", **bounds}).json()
    assert (body["width"], body["height"]) == frame
    assert f'width="{frame[0]}" height="{frame[1]}"' in body["html"]


@pytest.mark.parametrize(
    ("name", "value", "least"), [("maxwidth", 150, 200), ("maxheight", 100, 180)]
)
def test_oembed_refuses_a_frame_too_small_for_the_answer(client, name, value, least):
    response = client.get("/oembed", params={"url": "http://testserver/?city=Toronto", name: value})
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["parameter"] == name and error["minimum"] == least
    assert f"{name}={least} or more" in error["message"]


def test_the_compass_height_stays_off_the_line_to_the_body(client):
    """The figure sits under the horizon when the body is above it, above it when below: never
    on the line from the observer to the body."""
    html = page(client, "/?city=Toronto").text
    label = re.search(r'<text x="213.0" y="([0-9.]+)"[^>]*>28°</text>', html)
    assert label is not None and float(label[1]) > 160  # the horizon is drawn at y=160


def test_oembed_xml_is_not_implemented(client):
    response = client.get(
        "/oembed", params={"url": "http://testserver/?city=Toronto", "format": "xml"}
    )
    assert (
        response.status_code == 501 and response.json()["error"]["code"] == "format_not_implemented"
    )


@pytest.mark.parametrize(
    "url",
    [
        "http://elsewhere.example/?city=Toronto",
        "ftp://testserver/?city=Toronto",
        "http://testserver/?city=Toronot",
        "http://testserver/docs",
        "http://testserver/",
        "not a url",
    ],
)
def test_oembed_for_a_url_without_an_answer_is_a_404(client, url):
    response = client.get("/oembed", params={"url": url, "format": "json"})
    assert response.status_code == 404
    assert set(response.json()["error"]) >= {"code", "message"}


@pytest.mark.parametrize("lang", sorted(MONTHS))
@pytest.mark.parametrize("event", ["cassini-2013", "messenger-2013-07-19", "messenger-2013-07-20"])
def test_every_page_card_and_map_renders_in_every_language(client, lang, event):
    # A night-side place too, so that every sentence of the sky has been through each language.
    for city in ("Toronto", "Tokyo"):
        query = f"event={event}&city={city}&lang={lang}"
        assert f'<html lang="{lang}">' in page(client, f"/?{query}").text
        assert page(client, f"/embed?{query}").status_code == 200
        assert client.get(f"/v1/events/{event}/map.svg?city={city}&lang={lang}").status_code == 200


def test_an_ambiguous_name_links_the_other_places(client):
    html = page(client, "/?city=Pasadena").text
    assert "Other places are called Pasadena" in html
    assert re.search(r'href="/\?city=Pasadena%2C[^"]+"', html)


@pytest.mark.parametrize(
    ("lang", "label"),
    [
        ("en", "Our fact check: partly right."),
        ("fr", "Notre vérification : en partie exact.".replace(" :", ":")),
    ],
)
def test_page_flags_an_excerpt_our_fact_check_doubts(client, lang, label):
    # Article 000's "only illuminated parts" sentence supports Lima's answer, and is only partly
    # right.
    page = client.get("/", params={"city": "Lima", "lang": lang}).text
    assert "only illuminated parts of Earth" in page
    assert label in page
    assert 'href="/v1/facts"' in page
