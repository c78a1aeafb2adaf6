"""The JSON renderer writes what the answer types' own schema serialiser writes, and every built
answer is valid against its types (the builders skip no check: a wrong field type fails here)."""

from __future__ import annotations

import json

import pytest
from pydantic import TypeAdapter

from service.application.question import Question, Where
from service.application.schemas import LocalAnswer
from service.render.answer_json import answer_json
from service.render.i18n import LanguageChoice, default_locale

SCHEMA = TypeAdapter(LocalAnswer)
WHERE = [
    Where(city="Toronto"),
    Where(city="Pasadena"),  # ambiguous: alternatives
    Where(city="東京"),
    Where(lat=-90.0, lon=180.0),
    Where(lat=0.0, lon=-160.0),
    Where(tz="UTC+05:30"),
    Where(tz="Europe/Moscow"),  # a zone's representative point, with a note
    Where(text="@51.5,-0.12"),
]


@pytest.mark.parametrize("where", WHERE, ids=repr)
@pytest.mark.parametrize("event_id", ["cassini-2013", "messenger-2013-07-19"])
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_json_is_the_schemas_own_and_the_answer_is_valid(resources, where, event_id, lang):
    language = LanguageChoice(
        requested=lang, used=lang, fallback=False, locale=default_locale(lang)
    )
    answer = resources.answers.local(Question(event_id, where, language))
    written = answer_json(answer)
    assert written == SCHEMA.dump_json(answer)
    assert SCHEMA.validate_python(json.loads(written)) == answer


def test_shared_excerpts_are_written_once_and_never_mistaken(resources):
    """The excerpts list many answers share is written once; every other list is written for
    itself, and what is kept stays bounded."""
    from dataclasses import replace

    from service.render import answer_json as renderer

    language = LanguageChoice(requested="en", used="en", fallback=False, locale="en_GB")
    answer = resources.answers.local(Question("cassini-2013", Where(city="Toronto"), language))
    assert answer.excerpts
    first = answer_json(answer)
    assert answer_json(answer) == first == SCHEMA.dump_json(answer)
    for n in range(2 * renderer.MAX_KEPT_PARTS):
        other = replace(answer, excerpts=list(answer.excerpts[: 1 + n % len(answer.excerpts)]))
        assert answer_json(other) == SCHEMA.dump_json(other)
    assert len(renderer._written) <= renderer.MAX_KEPT_PARTS
