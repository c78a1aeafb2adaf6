"""The claim checker as start-up builds it, from the domain fixtures (no web app)."""

from __future__ import annotations

import pytest

from service.application.resources import committed_claim_checker
from service.articles.facts import load_claims
from service.claims.checker import ClaimChecker
from service.render.i18n import Messages, load_messages


@pytest.fixture(scope="session")
def checker(catalogue, committed) -> ClaimChecker:
    return committed_claim_checker(catalogue, committed, load_claims().constants)


@pytest.fixture(scope="session")
def english() -> Messages:
    return load_messages()["en"]
