"""service/api/json_body.py: the local answer's bytes are the response model's own serialisation.

The route returns pre-serialised JSON, so FastAPI no longer validates the dict against
`LocalAnswer`; this holds the shaping code to the model: the same bytes as the model's validation
and serialisation (extra keys, missing defaults, coerced types or another field order would differ).
"""

from __future__ import annotations

import pytest
from pydantic import TypeAdapter

from service.application.schemas import LocalAnswer

QUERIES = [
    "tz=Europe/Paris",
    "tz=UTC%2B05:30",
    "lat=43.65&lon=-79.38",
    "lat=-90&lon=180",
    "lat=0.00001&lon=-0.00001",
    "city=Toronto",
    "city=Springfield",
    "city=東京",
    "city=Paris&lang=fr",
    "tz=America/Toronto&lang=de",
    "lat=64.1&lon=-21.9&tz=Asia/Tokyo&lang=ja",
]


@pytest.mark.parametrize("event_id", ["cassini-2013", "messenger-2013-07-19"])
@pytest.mark.parametrize("query", QUERIES)
def test_local_answer_bytes_are_the_models_serialisation(client, event_id, query):
    response = client.get(f"/v1/events/{event_id}/local?{query}")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    model = TypeAdapter(LocalAnswer)
    assert response.content == model.dump_json(model.validate_json(response.content))
