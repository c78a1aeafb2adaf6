"""One question, one answer: the same question asked through every entry point (the JSON route,
the short paths, the page's JSON, the card and the oEmbed page URL) gets the same answer, in the
same language, and the same bad input gets the same error."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest

CURL = {"User-Agent": "curl/8.5.0"}
BROWSER = {
    "User-Agent": "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
    "Accept": "text/html",
}
QUESTIONS = [
    # (event, place as a path, the same place as query parameters, language)
    ("cassini-2013", "Paris", {"city": "Paris"}, "fr"),
    ("cassini-2013", "Toronto", {"city": "Toronto"}, "en"),
    ("messenger-2013-07-19", "Tokyo", {"city": "Tokyo"}, "ja"),
    ("cassini-2013", "@-33.9,18.4", {"lat": "-33.9", "lon": "18.4"}, "de"),
    ("messenger-2013-07-20", "Europe/Moscow", {"tz": "Europe/Moscow"}, "es"),
    ("cassini-2013", "America/Sao_Paulo", {"tz": "America/Sao_Paulo"}, "pt"),
]


def query(params: dict, **more: str) -> str:
    return "&".join(f"{k}={quote(v, safe='')}" for k, v in {**params, **more}.items())


def answers_through_every_path(client, event, path, params, lang):
    """The JSON answer from each entry point, the language given as `lang=` or as the header."""
    main = event == "cassini-2013"
    yield "route", client.get(f"/v1/events/{event}/local?{query(params, lang=lang)}")
    yield (
        "route+header",
        client.get(f"/v1/events/{event}/local?{query(params)}", headers={"Accept-Language": lang}),
    )
    short = f"/{path}" if main else f"/{event}/{path}"
    yield "short path", client.get(f"{short}?format=json&lang={lang}", headers=CURL)
    yield (
        "short path+header",
        client.get(f"{short}?format=json", headers={**CURL, "Accept-Language": lang}),
    )
    yield "event path", client.get(f"/{event}/{path}?format=json&lang={lang}", headers=CURL)
    which_event = {} if main else {"event": event}
    page = query(params, lang=lang, format="json", **which_event)
    yield "page json", client.get(f"/?{page}")
    place_box = query({"place": path}, lang=lang, format="json", **which_event)
    yield "page place box", client.get(f"/?{place_box}")


@pytest.mark.parametrize(("event", "path", "params", "lang"), QUESTIONS)
def test_the_same_question_gets_the_same_answer_everywhere(client, event, path, params, lang):
    reference = None
    for name, response in answers_through_every_path(client, event, path, params, lang):
        assert response.status_code == 200, f"{name}: {response.text[:300]}"
        body = response.json()
        assert body["language"]["used"] == lang, name
        comparable = {k: body[k] for k in ("event", "local", "sky", "excerpts")}
        comparable["place"] = {k: body["place"][k] for k in ("lat", "lon", "tz", "name")}
        if reference is None:
            reference = comparable
        assert comparable == reference, f"{name} differs from the JSON route"


@pytest.mark.parametrize(("event", "path", "params", "lang"), QUESTIONS)
def test_the_card_and_the_text_show_the_json_answer(client, event, path, params, lang):
    answer = client.get(f"/v1/events/{event}/local?{query(params, lang=lang)}").json()
    extra = {} if event == "cassini-2013" else {"event": event}
    card = client.get(f"/embed?{query(params, lang=lang, **extra)}", headers=BROWSER)
    assert card.status_code == 200
    shown = re.sub(r"<[^>]+>", "", card.text).replace("&#39;", "'")  # its words, not its markup
    assert answer["local"]["display"] in shown
    assert f'lang="{lang}"' in card.text
    short = f"/{path}" if event == "cassini-2013" else f"/{event}/{path}"
    text = client.get(f"{short}?lang={lang}", headers=CURL).text
    assert answer["local"]["display"][:20] in text


def test_oembed_reads_the_page_url_by_the_same_parser(client):
    page = "http://testserver/?city=Paris&lang=fr"
    frame = client.get(f"/oembed?url={quote(page, safe='')}").json()
    src = re.search(r'src="([^"]+)"', frame["html"]).group(1)
    assert "lang=fr" in src and "city=Paris" in src
    assert frame["title"].endswith("Paris, Île-de-France, France") or "Paris" in frame["title"]


@pytest.mark.parametrize(
    "bad",
    [
        {"lat": "91", "lon": "0"},
        {"lat": "abc", "lon": "0"},
        {"lat": "nan", "lon": "0"},
        {"lang": "x!"},
        {"tz": "Mars/Olympus"},
        {"city": "Qwxzvbnm"},
    ],
)
def test_a_bad_input_gets_one_error_shape_on_every_path(client, bad):
    params = {"city": "Toronto", **bad} if "lang" in bad else bad
    seen = set()
    for url, headers in [
        (f"/v1/events/cassini-2013/local?{query(params)}", {}),
        (f"/?{query(params, format='json')}", {}),
        (f"/embed?{query(params)}&format=json", {}),
        (f"/v1/events/cassini-2013/map.svg?{query(params)}", {}),
    ]:
        response = client.get(url, headers=headers)
        assert 400 <= response.status_code < 500, f"{url}: {response.status_code}"
        if response.headers["content-type"].startswith("application/json"):
            error = response.json()["error"]
            assert {"code", "message"} <= error.keys()
            if response.status_code == 422:
                assert error["parameter"] and error["problems"], url
            seen.add((response.status_code, error["code"]))
    assert len(seen) == 1, seen
