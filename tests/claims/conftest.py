"""The claim checker as start-up builds it, from the domain fixtures (no web app)."""

from __future__ import annotations

import pytest

from service.application.resources import claim_checker, countries_in_picture
from service.articles.facts import load_claims
from service.claims.checker import ClaimChecker
from service.render.i18n import Messages, load_messages


@pytest.fixture(scope="session")
def checker(catalogue, astronomy, committed) -> ClaimChecker:
    pictured = {event_id: data.in_picture.countries for event_id, data in committed.events.items()}
    return claim_checker(
        catalogue, astronomy, countries_in_picture(pictured), load_claims().constants
    )


@pytest.fixture(scope="session")
def english() -> Messages:
    return load_messages()["en"]
