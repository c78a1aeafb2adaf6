"""One app for the whole session: start-up (astropy, zones) runs once.

Domain tests do not start it: they take the resources they use from `tests/domain_fixtures.py`.
"""

from __future__ import annotations

import pytest

pytest_plugins = ("tests.domain_fixtures",)


@pytest.fixture(scope="session")
def client():
    # Imported here, not at the top: a run of domain tests alone never loads the web stack.
    from fastapi.testclient import TestClient

    from service.web.app import create_app

    with TestClient(create_app()) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def resources(client):
    return client.app.state.resources
