"""A checked claim's reason: a message key and the plain values its sentence needs. The words are
the renderer's (`service.render.words.claim_reason`), in the reader's language."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date


class Quoted(tuple[str, ...]):
    """Words of the text, each to be shown in quotation marks."""


class Continents(tuple[str, ...]):
    """Continent codes (GeoNames: NA, SA, EU, ...), to be shown by name."""


Value = str | int | float | date | Quoted | Continents


@dataclass(frozen=True)
class Reason:
    """Why, as a message key of `data/messages.json` and the values its sentence needs."""

    key: str
    values: Mapping[str, Value] = field(default_factory=dict)
