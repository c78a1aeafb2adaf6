"""The excerpts a local answer carries, each with the statements it supports and its fact checks.

These ask the app (`client`); choosing the excerpts is tested in tests/articles/test_support.py.
"""

from __future__ import annotations


def test_the_local_answer_carries_its_supporting_excerpts(client):
    answer = client.get("/v1/events/cassini-2013/local", params={"tz": "America/Toronto"}).json()
    assert answer["excerpts"]
    for excerpt in answer["excerpts"]:
        assert excerpt["sources"] and excerpt["text"]
    # Toronto was sunlit and facing Saturn: the answer makes every sky statement, each supported.
    supported = {s for excerpt in answer["excerpts"] for s in excerpt["supports"]}
    assert supported == {"date_and_window", "sunlit", "target_position", "in_picture"}
    assert "in_picture" in answer["excerpts"][0]["supports"]  # the verdict's support comes first
    assert answer["excerpts"][-1]["supports"] == ["date_and_window"]
    (lit,) = [e for e in answer["excerpts"] if "sunlit" in e["supports"]]
    assert "only illuminated parts of Earth" in lit["text"]
    # That sentence overstates the case, and the answer says so with the fact check's verdict.
    assert [f["verdict"] for f in lit["fact_checks"]] == ["partly"]
    messenger = client.get(
        "/v1/events/messenger-2013-07-20/local", params={"tz": "Europe/Paris"}
    ).json()
    (excerpt,) = messenger["excerpts"]
    assert excerpt["supports"] == ["messenger_view", "date_and_window"]
