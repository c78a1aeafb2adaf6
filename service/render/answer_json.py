"""The JSON renderer: an answer's types as compact UTF-8 JSON.

The local answer's types are plain dataclasses (`service.application.schemas`; frozen for the
type checker, see `service.values`; not slotted, which orjson reads three times slower), which
orjson writes directly, five times as fast as building and serialising validated models; the same
types are the OpenAPI document's schemas. `tests/render/test_answer_json.py` holds the bytes to
what the schema's own serialiser writes.
"""

from __future__ import annotations

import orjson


def answer_json(answer: object) -> bytes:
    """`answer` (a dataclass of the answer types, or plain data) as JSON bytes."""
    return orjson.dumps(answer)
