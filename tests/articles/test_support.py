"""The excerpts behind each statement of a local answer, chosen by relevance through
data/topics.json."""

from __future__ import annotations

import pytest

from service.articles.support import statements_for

# (event, statement) -> words every chosen excerpt set must contain, one phrase per expected
# excerpt.
EXPECTED = [
    ("cassini-2013", "date_and_window", ["advance warning", "start timings", "on 19 July"]),
    ("cassini-2013", "sunlit", ["only illuminated parts of Earth"]),
    ("cassini-2013", "target_position", ["waving at Saturn", "1.44 billion kilometres"]),
    (
        "cassini-2013",
        "in_picture",
        ["North America and part of the Atlantic Ocean", "1.5 pixels wide"],
    ),
    ("messenger-2013-07-19", "messenger_view", ["98 million kilometres"]),
    ("messenger-2013-07-20", "date_and_window", ["Messenger spacecraft"]),
]


@pytest.mark.parametrize("event_id, statement, phrases", EXPECTED)
def test_each_statement_gets_the_relevant_excerpts(
    catalogue, support, event_id, statement, phrases
):
    event = catalogue.get(event_id)
    found = support.excerpts_for(event, [statement])
    assert [any(p in s.excerpt.text for s in found) for p in phrases] == [True] * len(phrases)
    assert all(s.supports == (statement,) for s in found)


def test_an_excerpt_behind_two_statements_comes_once_listing_both(catalogue, support):
    event = catalogue.get("cassini-2013")
    found = support.excerpts_for(event, ["sunlit", "in_picture"])
    (both,) = [s for s in found if "North America" in s.excerpt.text]
    assert both.supports == ("sunlit", "in_picture")
    assert len({s.excerpt.id for s in found}) == len(found)


def test_statements_follow_the_verdicts_the_answer_carries(catalogue):
    cassini = catalogue.get("cassini-2013")
    messenger = catalogue.get("messenger-2013-07-19")
    assert statements_for(cassini) == ["date_and_window"]
    assert statements_for(messenger) == ["messenger_view", "date_and_window"]
    # The most decisive statement first: the answer lists its excerpts in this order.
    assert statements_for(cassini, sunlit=False, target_altitude_deg=-12.0, in_picture=False) == [
        "in_picture",
        "sunlit",
        "target_position",
        "date_and_window",
    ]


def test_every_topic_names_a_known_statement_and_finds_excerpts(support):
    assert {statement for _, statement in support.chosen} <= set(support.statements)
    assert all(support.chosen.values())
