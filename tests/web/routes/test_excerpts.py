"""Excerpt search through the app: user text is never FTS5 syntax, the same sentence never comes
twice, answers are relevant.

These ask the app (`client`); query terms and highlighting are tested in
tests/articles/test_search.py.
"""

from __future__ import annotations

import pytest

from service.articles.search import match_expression

HOSTILE = [
    '"',
    '""',
    '"pale blue',
    'pale"blue',
    "NEAR(pale blue)",
    "NEAR(pale blue, 2)",
    "pale*",
    "*",
    "^pale",
    "text:pale",
    "other_wordings:distinct",
    "{text}: pale",
    "pale AND",
    "OR",
    "NOT NOT",
    "AND OR NOT",
    "pale + blue",
    "(pale",
    "pale)",
    "-pale",
    "'; DROP TABLE excerpt; --",
    "\\",
    "%_%",
    "\x00",
    "\u202e\u0000Saturn",
    "😀 Saturn",
    "Säturn",
    "café",
    "a" * 200,
    "1.44",
    "20,000",
    "x" * 199 + "*",
]


@pytest.mark.parametrize("q", HOSTILE)
def test_hostile_text_searches_as_words_or_is_refused(client, q):
    response = client.get("/v1/excerpts", params={"q": q})
    assert response.status_code in (200, 422), response.text
    if response.status_code == 422:
        assert response.json()["error"]["code"] in ("no_search_terms", "invalid_parameter")
    else:
        assert isinstance(response.json()["results"], list)


@pytest.mark.parametrize("q", ["*", "()", "^:", '"""', "-- ;", "   "])
def test_text_without_words_is_a_422_that_says_what_to_send(client, q):
    error = client.get("/v1/excerpts", params={"q": q}).json()["error"]
    assert error["code"] == "no_search_terms" and error["example"]


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"q": ""},
        {"q": "x" * 201},
        {"q": "saturn", "limit": 0},
        {"q": "saturn", "limit": 51},
        {"q": "saturn", "limit": "ten"},
    ],
)
def test_bad_parameters_are_422(client, params):
    response = client.get("/v1/excerpts", params=params)
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid_parameter"


def test_operators_are_searched_as_the_words_they_are(client):
    results = client.get("/v1/excerpts", params={"q": "NEAR(pale blue)*"}).json()["results"]
    assert "pale blue dot" in results[0]["text"]
    assert match_expression('NEAR("pale" blue*') == '"near" OR "pale" OR "blue"'


def test_results_never_repeat_a_sentence_and_keep_every_source(client):
    results = client.get(
        "/v1/excerpts", params={"q": "Cassini Earth moon Saturn image", "limit": 50}
    ).json()["results"]
    texts = [r["text"] for r in results]
    assert len(texts) == len(set(texts)) > 10
    places = [(s["article_id"], s["start"]) for r in results for s in r["sources"]]
    assert len(places) == len(set(places))
    scores = [r["score"] for r in results]
    assert scores == sorted(scores, reverse=True)


def test_a_word_only_in_another_wording_finds_and_highlights_that_wording(client):
    (result,) = client.get("/v1/excerpts", params={"q": "distinct", "limit": 5}).json()["results"]
    assert "<mark>distinct</mark>" in result["highlighted"]
    assert [v["article_ids"] for v in result["variants"]] == [
        ["001_0495b5b3dbc4bf37", "002_41bbc2439664b63b"],
        ["000_1ceea6555a71a055"],
    ]


# Questions a reader would ask, and words the best answer must contain.
READER_QUESTIONS = [
    ("How far away was Cassini from Earth?", "billion kilometres"),
    ("How far was MESSENGER from Earth?", "98 million kilometres"),
    ("How many people waved at Saturn?", "20,000 people"),
    ("How big was Earth in Cassini's picture?", "1.5 pixels wide"),
    ("Could people see continents?", "individual continents"),
    ("Why is the Sun a problem for photographing Earth?", "glare from the sun"),
    ("Who leads the Cassini imaging team?", "leader of the Cassini imaging team"),
    ("When did MESSENGER photograph Earth?", "Messenger spacecraft"),
    ("pale blue dot", "pale blue dot"),
]


@pytest.mark.parametrize("question, answer", READER_QUESTIONS)
def test_the_top_result_answers_the_question(client, question, answer):
    top = client.get("/v1/excerpts", params={"q": question, "limit": 1}).json()["results"][0]
    assert answer in top["text"]
    assert "<mark>" in top["highlighted"]
