"""The JSON renderer: an answer's types as compact UTF-8 JSON.

The local answer's types are plain dataclasses (`service.application.schemas`; frozen for the
type checker, see `service.values`; not slotted, which orjson reads three times slower), which
orjson writes directly, five times as fast as building and serialising validated models; the same
types are the OpenAPI document's schemas. `tests/render/test_answer_json.py` holds the bytes to
what the schema's own serialiser writes.
"""

from __future__ import annotations

from typing import Any

import orjson

from service.application.schemas import LocalAnswer

# A local answer's excerpts are one list shared by every answer that makes the same statements
# (the answer keeps them: `Answers._excerpts`), two thirds of its JSON's bytes and of the time to
# write them. Written once per list and kept with the list itself: a kept list is alive, so no
# other list can have its id. A few dozen lists at most (statements x languages).
MAX_KEPT_PARTS = 256
_written: dict[int, tuple[object, orjson.Fragment]] = {}


def answer_json(answer: object) -> bytes:
    """`answer` (a dataclass of the answer types, or plain data) as JSON bytes."""
    if isinstance(answer, LocalAnswer) and answer.excerpts:
        fields: dict[str, Any] = dict(vars(answer))
        fields["excerpts"] = _written_once(answer.excerpts)
        return orjson.dumps(fields)
    return orjson.dumps(answer)


def _written_once(part: object) -> orjson.Fragment:
    kept = _written.get(id(part))
    if kept is not None:
        return kept[1]
    fragment = orjson.Fragment(orjson.dumps(part))
    if len(_written) >= MAX_KEPT_PARTS:
        _written.clear()
    _written[id(part)] = (part, fragment)
    return fragment
