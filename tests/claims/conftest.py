"""The claim checker as start-up builds it, from the domain fixtures (no web app)."""

from __future__ import annotations

import pytest

from service.application.resources import countries_in_picture, claim_checker
from service.articles.facts import load_claims
from service.astronomy.in_picture import in_picture
from service.claims.checker import ClaimChecker
from service.render.i18n import Messages, load_messages


@pytest.fixture(scope="session")
def checker(catalogue, astronomy, gazetteer, zones) -> ClaimChecker:
    pictured = {
        event_id: in_picture(gazetteer, astro.geometry[catalogue.get(event_id).wave_window.start])
        for event_id, astro in astronomy.items()
    }
    return claim_checker(
        catalogue, astronomy, countries_in_picture(pictured), load_claims().constants
    )


@pytest.fixture(scope="session")
def english() -> Messages:
    return load_messages()["en"]
