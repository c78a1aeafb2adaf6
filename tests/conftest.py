"""One app for the whole session: start-up (astropy, zones) runs once."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from service.web.app import create_app


@pytest.fixture(scope="session")
def client():
    with TestClient(create_app()) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def resources(client):
    return client.app.state.resources
