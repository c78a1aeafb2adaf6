"""The API against its own OpenAPI document, fuzzed with schemathesis (in-process, over ASGI).

For every operation in the document, valid and invalid requests generated from the schema:
never a server error (but a 5xx the operation documents on purpose, like oEmbed's 501), and
every answer conforms to the schema declared for its status. Examples
are bounded so the module runs in seconds; the hostile-input battery covers what generation
may miss. (The schemathesis pytest plugin is not used: operations are parametrised here.)
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import response_schema_conformance

from service.web.app import create_app

MAX_EXAMPLES = 20
APP = create_app()
SCHEMA = schemathesis.openapi.from_dict(APP.openapi())
SCHEMA.app = APP  # requests go to the app in-process; its lifespan runs on the first one
OPERATIONS = {result.ok().label: result.ok() for result in SCHEMA.get_all_operations()}
CONSTRAINTS = ("maxLength", "minLength", "pattern", "enum", "minimum", "maximum", "format")


def can_be_invalid(parameter: dict) -> bool:
    """Whether the schema rules any value out: a bound, a pattern, a type other than text, or a
    required query parameter (which can be left out). A bare string in the path cannot be wrong."""
    schema = parameter.get("schema", {})
    options = [s for s in schema.get("anyOf", [schema]) if s.get("type") != "null"]
    constrained = any(
        s.get("type") not in (None, "string") or any(k in s for k in CONSTRAINTS) for s in options
    )
    return constrained or (parameter["in"] == "query" and parameter.get("required", False))


# Invalid requests exist only for operations with a parameter that can be wrong.
CASES = sorted(
    (label, mode)
    for label, operation in OPERATIONS.items()
    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
    if mode is GenerationMode.POSITIVE
    or any(map(can_be_invalid, operation.definition.raw.get("parameters", [])))
)


def declared(operation, status: int) -> bool:
    return str(status) in operation.definition.raw.get("responses", {})


def test_every_route_is_fuzzed():
    assert {"GET /v1/events/{event_id}/local", "GET /readyz"} <= OPERATIONS.keys()
    assert ("GET /v1/events/{event_id}/local", GenerationMode.NEGATIVE) in CASES


@pytest.mark.parametrize(
    ("label", "mode"), CASES, ids=[f"{label} {mode.value}" for label, mode in CASES]
)
def test_no_server_error_and_answers_match_the_schema(label, mode):
    operation = SCHEMA.find_operation_by_label(label)

    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(mode))
    def check(case):
        response = case.call()
        if (
            response.status_code >= 500
            and response.status_code != 500
            and declared(operation, response.status_code)
        ):
            # A 5xx the operation documents on purpose (oEmbed's 501): still in its schema.
            case.validate_response(response, checks=[response_schema_conformance])
            return
        case.validate_response(response, checks=[not_a_server_error, response_schema_conformance])

    check()
