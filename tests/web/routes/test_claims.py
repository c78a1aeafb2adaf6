"""The claim routes: /v1/claims (GET and POST), /v1/articles, the /check page and the article
view. The checker's verdicts are tested in tests/claims; these test the routes around it."""

from __future__ import annotations

import pytest

from service.application.question import MAX_CLAIM_TEXT_CHARS
from service.render.i18n import load_messages
from service.render.words import claim_reason

ARTICLE = "000_1ceea6555a71a055"


def test_get_checks_a_text(client):
    answer = client.get("/v1/claims", params={"text": "Wave at Saturn at 5:30 pm EST."}).json()
    (claim,) = answer["claims"]
    assert claim["quote"] == "5:30 pm EST"
    assert (claim["kind"], claim["event"], claim["verdict"]) == (
        "time",
        "cassini-2013",
        "disagrees",
    )
    assert claim["stated"]["start_utc"] == "2013-07-19T22:30:00Z"
    assert claim["computed"]["start"] == "2013-07-19T17:27:00-04:00"
    assert answer["counts"] == {"agrees": 0, "partly": 0, "disagrees": 1, "unclear": 0}


def test_post_checks_a_long_text_in_the_language_asked(client):
    text = "Cassini was 851 million miles away. " + "Nothing to check here. " * 700
    assert len(text) > 2048  # beyond the query-string limit: only POST takes it
    answer = client.post("/v1/claims", json={"text": text, "lang": "fr"}).json()
    (claim,) = answer["claims"]
    assert answer["language"] == "fr"
    assert claim["reason"].startswith("La distance Terre–Cassini calculée est de 1\u202f444")


def test_the_event_named_by_the_caller(client):
    text = "Earth was photographed at 7:49 a.m. EDT."
    (claim,) = client.post(
        "/v1/claims", json={"text": text, "event": "messenger-2013-07-19"}
    ).json()["claims"]
    assert (claim["event"], claim["verdict"]) == ("messenger-2013-07-19", "agrees")


def test_nothing_checkable_is_an_empty_list(client):
    answer = client.get("/v1/claims", params={"text": "A lovely day for a picnic."}).json()
    assert answer["claims"] == [] and answer["truncated"] is False


@pytest.mark.parametrize(
    ("request_args", "status", "code"),
    [
        ({"json": {"text": "x" * (MAX_CLAIM_TEXT_CHARS + 1)}}, 422, "invalid_parameter"),
        ({"json": {"text": ""}}, 422, "invalid_parameter"),
        ({"json": {"text": "5:27 pm EDT", "event": "voyager"}}, 404, "unknown_event"),
        ({"json": {"text": "5:27 pm EDT", "lang": "not a tag!"}}, 422, "invalid_parameter"),
        ({"json": {"text": "5:27 pm EDT", "extra": 1}}, 422, "invalid_parameter"),
        ({"content": b"{not json", "headers": {"content-type": "application/json"}}, 422,
         "invalid_parameter"),
        ({"content": b"x" * 300_000, "headers": {"content-type": "application/json"}}, 413,
         "body_too_large"),
    ],
)  # fmt: skip
def test_bad_posts_are_4xx_in_the_one_shape(client, request_args, status, code):
    response = client.post("/v1/claims", **request_args)
    assert response.status_code == status
    error = response.json()["error"]
    assert error["code"] == code and error["message"]


def test_a_declared_oversized_body_is_refused_before_reading(client):
    response = client.post("/v1/claims", content=b"{}", headers={"content-length": "999999999"})
    assert response.status_code == 413
    assert response.json()["error"]["max_bytes"] == 262_144


def test_articles_list_their_claim_counts(client):
    articles = {a["id"]: a for a in client.get("/v1/articles").json()["articles"]}
    assert set(articles) >= {ARTICLE, "001_0495b5b3dbc4bf37", "002_41bbc2439664b63b"}
    assert articles[ARTICLE]["publisher"] == "CBC News"
    assert sum(articles[ARTICLE]["claim_counts"].values()) >= 5


def test_one_article_and_its_claims_quoted_verbatim(client, resources):
    answer = client.get(f"/v1/articles/{ARTICLE}").json()
    text = resources.corpus.articles.get(ARTICLE).text
    assert answer["claims"]
    for claim in answer["claims"]:
        assert text[claim["start"] : claim["end"]] == claim["quote"]
    assert "1.44 billion kilometres" in [c["quote"] for c in answer["claims"]]


def test_an_unknown_article_is_a_404_naming_the_known_ones(client):
    error = client.get("/v1/articles/999_nope").json()["error"]
    assert error["code"] == "unknown_article" and ARTICLE in error["known_ids"]


def test_the_facts_are_the_checkers_where_they_overlap(client, resources):
    """Each curated claim the checker also reads (distances, Earth's width, the lit regions) gets
    the checker's verdict and reason (in English) for the sentence it is quoted from."""
    facts = {f["id"]: f for f in client.get("/v1/facts").json()["facts"]}
    checker = resources.corpus.checker
    english = load_messages()["en"]
    overlapping = {
        "cassini-earth-distance-more-than-a-billion-km": "distance",
        "cassini-earth-distance-1.44-billion-km": "distance",
        "cassini-earth-distance-1.5-billion-km": "distance",
        "messenger-earth-distance": "distance",
        "earth-width-pixels": "earth_size",
        "only-north-america-lit": "lit_region",
    }
    for fact_id, kind in overlapping.items():
        fact = facts[fact_id]
        sentence = fact["excerpts"][0]["text"]
        claims = [c for c in checker.check(sentence, fact["event"]).claims if c.kind == kind]
        assert [
            (c.verdict, claim_reason(c.reason.key, c.reason.values, english)) for c in claims
        ] == [(fact["verdict"], fact["reason"])], fact_id


def test_the_check_page_works_without_javascript(client):
    page = client.get("/check", params={"text": "Wave at Saturn at 5:30 pm EST."})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert '<form class="check-form" action="/check" method="get">' in page.text
    assert "5:30 pm EST" in page.text and "Wrong" in page.text
    empty = client.get("/check")
    assert empty.status_code == 200 and "<textarea" in empty.text


def test_the_home_page_has_the_check_box(client):
    assert 'action="/check" method="get"' in client.get("/").text


def test_curl_gets_the_claims_as_text(client):
    text = client.get(
        "/check",
        params={"text": "Wave at Saturn at 5:30 pm EST."},
        headers={"user-agent": "curl/8"},
    ).text
    assert text.startswith("Wrong: “5:30 pm EST”\n")
    assert all(len(line) <= 80 for line in text.splitlines())
    article = client.get(f"/articles/{ARTICLE}", headers={"user-agent": "curl/8"}).text
    assert "Right: “1.44 billion kilometres”" in article


def test_the_check_page_asks_for_text_in_json_and_text(client):
    response = client.get("/check", params={"format": "json"})
    assert response.status_code == 422 and response.json()["error"]["parameter"] == "text"


def test_the_article_view(client):
    page = client.get(f"/articles/{ARTICLE}?lang=de")
    assert page.status_code == 200 and 'lang="de"' in page.text
    assert "Aussagen dieses Artikels" in page.text
    assert client.get("/articles/999_nope").status_code == 404
