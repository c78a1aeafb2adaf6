"""The terminal text, rendered from real answers: every part within 80 columns, every word from
the message catalogue (English and French here), variants made by changing one fact."""

from __future__ import annotations

from dataclasses import replace

import pytest

from service.application.question import Question, Where
from service.application.schemas import TransitionOut
from service.render import terminal
from service.render.i18n import LanguageChoice, default_locale

BASE = "http://example.test"


@pytest.fixture(scope="module")
def answers(resources):
    return resources.answers


@pytest.fixture(scope="module")
def english(resources):
    return resources.site.messages["en"]


def answer_for(answers, where: Where, lang: str = "en", event_id: str = "cassini-2013"):
    language = LanguageChoice(
        requested=lang, used=lang, fallback=False, locale=default_locale(lang)
    )
    return answers.local(Question(event_id=event_id, where=where, language=language))


def lines(body: str) -> list[str]:
    assert body.endswith("\n")
    return body.splitlines()


def test_an_answer_has_every_part_within_80_columns(answers, english):
    answer = answer_for(answers, Where(city="Pasadena"))
    body = terminal.local_answer(answer, answers.event("cassini-2013"), BASE, english)
    assert all(len(line) <= 80 for line in lines(body)), body
    # Pasadena, Texas (the most people of that name) in CDT: 21:27 UTC is 16:27 (NASA/JPL window).
    assert lines(body)[0].startswith("Cassini, 19 July: Pasadena, Texas, United States (29.")
    assert "When:    Friday, 19 July 2013, 16:27–16:42 CDT (UTC-05:00)" in body
    assert "Verdict: Yes: in the picture. The place was sunlit and facing Saturn." in body
    assert "Source:  “" in body
    # Ambiguous: the other Pasadenas, each with the command that asks for it.
    assert "  curl http://example.test/Pasadena,CA,US" in body


def test_the_text_speaks_the_answers_language(answers, resources):
    french = resources.site.messages["fr"]
    answer = answer_for(answers, Where(city="Paris"), "fr")
    body = terminal.local_answer(answer, answers.event("cassini-2013"), BASE, french)
    assert lines(body)[0].startswith("Cassini, 19 juillet\u00a0: Paris")  # French spacing
    assert "Quand:   vendredi 19 juillet 2013, 23:27\u2009–\u200923:42 CEST (UTC+02:00)" in body
    assert "Verdict: Pas sur la photo." in body


def test_a_place_in_the_dark_says_which_half_was_missing(answers, english):
    # Tokyo at 06:27 JST: the Sun up, Saturn set (the sky module's tests hold the positions).
    answer = answer_for(answers, Where(city="Tokyo"))
    body = terminal.local_answer(answer, answers.event("cassini-2013"), BASE, english)
    sky = answer.sky
    reason = {
        (True, False): "sunlit but turned away from Saturn",
        (False, True): "faced Saturn but was in the dark",
        (False, False): "in the dark and turned away from Saturn",
    }[(sky.sunlit, sky.target.above_horizon)]
    assert "Not in the picture." in body and reason in " ".join(lines(body))


def test_rises_and_sets_in_the_window_are_listed_on_the_answers_clock(answers, english):
    answer = answer_for(answers, Where(city="Toronto"))
    sunset = TransitionOut(
        instant="2013-07-19T21:35:12Z",
        local="2013-07-19T17:35:12-04:00",
        body="sun",
        kind="sunset",
    )
    changed = replace(answer, sky=replace(answer.sky, transitions=[sunset]))
    body = terminal.local_answer(changed, answers.event("cassini-2013"), BASE, english)
    assert "Changes: sunset at 17:35" in body


def test_describe_place_for_coordinates_and_zones(answers, english):
    point = answer_for(answers, Where(lat=-33.9, lon=18.4)).place
    assert terminal.describe_place(point, english) == "33.90°S, 18.40°E (zone Africa/Johannesburg)"
    zone = answer_for(answers, Where(tz="Europe/Moscow")).place
    # The zone's note names the point, so the coordinates are not repeated before it.
    assert terminal.describe_place(zone, english) == (
        "zone Europe/Moscow. The sky is for Europe/Moscow at Moscow (55.76°N, 37.62°E), its point "
        "in tzdata's zone tables."
    )


def test_path_url_quotes_spaces_and_keeps_commas():
    assert terminal.path_url(BASE, "Sao Paulo") == "http://example.test/Sao%20Paulo"
    assert terminal.path_url(BASE, "Pasadena, CA, US") == "http://example.test/Pasadena,CA,US"
    assert terminal.path_url(BASE, "Europe/Moscow") == "http://example.test/Europe/Moscow"


def test_errors_are_sentences_with_commands_to_try(english):
    body = terminal.error("No city is called 'Torontoo'.", ["Toronto"], BASE, True, english)
    assert lines(body) == [
        "No city is called 'Torontoo'.",
        "Try:",
        "  curl http://example.test/Toronto",
        "Usage: curl http://example.test/:help",
    ]


def test_usage_lists_every_example_against_this_server(answers, english):
    body = terminal.usage(BASE, answers.event("cassini-2013"), ["messenger-2013-07-19"], english)
    assert all(len(line) <= 80 for line in lines(body))
    for path, _ in terminal.HELP_EXAMPLES:
        assert f"  curl {BASE}/{path}" in body
    assert "Events: cassini-2013 (the default), messenger-2013-07-19." in body
