"""Support for answers: the article excerpts behind each statement a local answer makes.

`data/topics.json` names, per statement and event, searches of the excerpts; the best match of
each search supports that statement. The choice is made once at start-up (it depends only on the
corpus), so `excerpts_for` is a lookup: same statements in, same excerpts out.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources

from service.articles.excerpts import Excerpt
from service.articles.search import ExcerptIndex
from service.events import Catalogue, Event


@dataclass(frozen=True)
class Support:
    """An excerpt and the statements of the answer it supports."""

    excerpt: Excerpt
    supports: tuple[str, ...]


@dataclass(frozen=True)
class AnswerSupport:
    """Statement descriptions, and the excerpts chosen for each (event, statement)."""

    statements: dict[str, str]
    chosen: dict[tuple[str, str], tuple[Excerpt, ...]]

    def excerpts_for(self, event: Event, statements: Sequence[str]) -> list[Support]:
        """The excerpts supporting `statements` about `event`, each once, listing what it
        supports."""
        supports: dict[str, list[str]] = {}
        excerpts: dict[str, Excerpt] = {}
        for statement in statements:
            for excerpt in self.chosen.get((event.id, statement), ()):
                excerpts.setdefault(excerpt.id, excerpt)
                supports.setdefault(excerpt.id, []).append(statement)
        return [Support(excerpts[i], tuple(supports[i])) for i in excerpts]


def statements_for(
    event: Event,
    sunlit: bool | None = None,
    target_altitude_deg: float | None = None,
    in_picture: bool | None = None,
) -> list[str]:
    """The statements a local answer makes, the most decisive first (its excerpts follow this
    order): each sky verdict the answer carries, what MESSENGER saw, and always the date and
    window."""
    statements = []
    if in_picture is not None:
        statements.append("in_picture")
    if sunlit is not None:
        statements.append("sunlit")
    if target_altitude_deg is not None:
        statements.append("target_position")
    if event.spacecraft.upper() == "MESSENGER":
        statements.append("messenger_view")
    statements.append("date_and_window")
    return statements


def build_support(index: ExcerptIndex, catalogue: Catalogue) -> AnswerSupport:
    """Run every topic's searches; a search that finds nothing, or names an unknown event, is a
    data error."""
    raw = json.loads(
        resources.files("service").joinpath("data/topics.json").read_text(encoding="utf-8")
    )
    statements: dict[str, str] = raw["statements"]
    chosen: dict[tuple[str, str], tuple[Excerpt, ...]] = {}
    for topic in raw["topics"]:
        if topic["statement"] not in statements:
            raise ValueError(f"topic names an unknown statement {topic['statement']!r}")
        picked = tuple(dict.fromkeys(_best(index, query) for query in topic["queries"]))
        for event_id in topic["events"]:
            catalogue.get(event_id)
            key = (event_id, topic["statement"])
            chosen[key] = tuple(dict.fromkeys(chosen.get(key, ()) + picked))
    return AnswerSupport(statements=statements, chosen=chosen)


def _best(index: ExcerptIndex, query: str) -> Excerpt:
    hits = index.search(query, limit=1)
    if not hits:
        raise ValueError(f"topic search {query!r} finds no excerpt")
    return hits[0].excerpt
