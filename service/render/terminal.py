"""Plain-text answers for terminals (curl): read in one glance, at most 80 columns, no markup.

The renderer takes the same typed answer the JSON carries, and its words come from the message
catalogue through `service.render.words`, so the text, the JSON and the page cannot disagree.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from datetime import datetime
from urllib.parse import quote

from service.application.corpus_schemas import ArticleAnswer, ClaimOut, ClaimsAnswer
from service.application.schemas import LocalAnswer, PlaceOut, SkyOut, SupportingExcerptOut
from service.events import Event
from service.render import i18n, words
from service.render.i18n import Messages

WIDTH = 80
LABEL = 9  # labels are padded to this many columns

HELP_EXAMPLES: tuple[tuple[str, str], ...] = (
    ("Toronto", "help.city"),
    ("Pasadena,CA", "help.qualified"),
    ("Sao%20Paulo", "help.spaces"),
    ("東京", "help.scripts"),
    ("@43.65,-79.38", "help.coordinates"),
    ("Europe/Moscow", "help.zone"),
    ("messenger-2013-07-19/Toronto", "help.event"),
    ("Toronto?format=json", "help.json"),
    ("Paris?lang=fr", "help.language"),
)


def local_answer(answer: LocalAnswer, event: Event, base_url: str, m: Messages) -> str:
    """The answer for one place: where, when, Sun, target body, verdict, a source, how to narrow."""
    lines = [
        *_wrap(words.labelled(_event_label(event, m), describe_place(answer.place, m), m)),
        *_field(m.text("text.when"), answer.local.display),
        *_sky(answer.sky, m),
        *_supporting(answer.excerpts, m),
        *_narrowing(answer.place, base_url, m),
    ]
    return "\n".join(lines) + "\n"


def _event_label(event: Event, m: Messages) -> str:
    return m.get(f"event.{event.id}", event.name)


def describe_place(place: PlaceOut, m: Messages) -> str:
    """`Toronto, Ontario, Canada (43.71°N, 79.42°W)`, or the point and zone, with any note."""
    label = words.place_label(place, place.resolved_from, m)
    if place.resolved_from == "city":
        label += f" ({words.latitude(place.lat)}, {words.longitude(place.lon)})"
    elif place.resolved_from == "timezone" and not place.note:  # a zone's note names its point
        label += f", {words.latitude(place.lat)}, {words.longitude(place.lon)}"
    return f"{label}. {place.note}" if place.note else label


def _sky(sky: SkyOut, m: Messages) -> list[str]:
    return [
        *_field(
            m.text("text.sun"),
            f"{words.phase_label(sky.sun.phase, m)}. {words.sun_text(sky.sun, m)}",
        ),
        *_field(m.text("text.look"), words.target_text(sky.target, m)),
        *_field(
            m.text("text.verdict"),
            f"{words.verdict_title(sky.in_picture, m)}. {words.reason_text(sky, m)}",
        ),
        *_changes(sky, m),
    ]


def _changes(sky: SkyOut, m: Messages) -> list[str]:
    """A line for what rose or set during the window, when anything did."""
    if not sky.transitions:
        return []
    body = words.body_name(sky.target.body, m)
    said = [
        m.text(
            f"transition.{t.kind}", time=i18n.clock(datetime.fromisoformat(t.local), m), body=body
        )
        for t in sky.transitions
    ]
    return _field(m.text("text.changes"), i18n.list_text(said, m))


def _supporting(excerpts: list[SupportingExcerptOut], m: Messages) -> list[str]:
    """One supporting sentence (the answer lists the most decisive first), and where it ran."""
    if not excerpts:
        return []
    first = excerpts[0]
    where = ""
    if first.sources:
        title = first.sources[0].title
        more = len(first.sources) - 1
        where = f" ({m.text('text.more_sources', title=title, count=more) if more else title})"
    doubted = [f for f in first.fact_checks if f.verdict != "agrees"]
    checked = (
        f" {m.text(f'fact_check.{doubted[0].verdict}')} {doubted[0].reason}" if doubted else ""
    )
    return _field(m.text("text.source"), f"“{first.text}”{where}{checked}")


def _narrowing(place: PlaceOut, base_url: str, m: Messages) -> list[str]:
    """When the name was ambiguous: the other places it could mean, and how to ask for each."""
    if not place.ambiguous:
        return []
    lines = _wrap(m.text("text.ambiguous", name=place.name))
    lines += [f"  curl {path_url(base_url, other.query)}" for other in place.alternatives]
    return lines


def path_url(base_url: str, query: str) -> str:
    """The curl URL that asks for a place query: `Pasadena, CA, US` -> `.../Pasadena,CA,US`."""
    return f"{base_url.rstrip('/')}/{quote(query.replace(', ', ','), safe=',@/')}"


def error(
    message: str, suggestions: Iterable[str], base_url: str, is_place: bool, m: Messages
) -> str:
    """An error as plain sentences, with the commands that would work instead."""
    lines = _wrap(message)
    suggestions = list(suggestions)
    if suggestions and is_place:
        lines += [m.text("text.try"), *(f"  curl {path_url(base_url, s)}" for s in suggestions)]
    elif suggestions:
        lines += _wrap(f"{m.text('text.try')} {', '.join(suggestions)}.")
    lines += _wrap(m.text("text.usage", command=f"curl {base_url.rstrip('/')}/:help"))
    return "\n".join(lines) + "\n"


def help_examples(base_url: str, m: Messages) -> list[tuple[str, str]]:
    """(URL, what it shows) for each example of the usage text."""
    return [(f"{base_url.rstrip('/')}/{path}", m.text(key)) for path, key in HELP_EXAMPLES]


def usage(base_url: str, main: Event, others: Iterable[str], m: Messages) -> str:
    """`/:help`: what to type, with examples against this very server."""
    base = base_url.rstrip("/")
    start: datetime = main.wave_window.start
    lines = _wrap(
        m.text(
            "help.intro",
            date=i18n.date_text(start, m),
            start=i18n.clock(start, m),
            end=i18n.clock(main.wave_window.end, m),
        )
    )
    lines.append("")
    for url, what in help_examples(base, m):
        lines += [f"  # {what}", f"  curl {url}"]
    lines.append("")
    lines += _wrap(m.text("help.events", main=main.id, others=", ".join(others)))
    lines += _wrap(
        m.text("help.more", autocomplete=f"{base}/v1/places?q=Toro", docs=f"{base}/docs")
    )
    return "\n".join(lines) + "\n"


def _field(label: str, text: str) -> list[str]:
    return textwrap.wrap(
        text,
        WIDTH,
        initial_indent=f"{label}:".ljust(LABEL),
        subsequent_indent=" " * LABEL,
        break_on_hyphens=False,
    ) or [f"{label}:"]


def _wrap(text: str) -> list[str]:
    return textwrap.wrap(text, WIDTH, break_on_hyphens=False, break_long_words=True)


def claims(answer: ClaimsAnswer | ArticleAnswer, m: Messages, title: str | None = None) -> str:
    """Each claim of a text: its verdict and quote on one line, the reason wrapped below."""
    lines = [*_wrap(title), ""] if title else []
    if not answer.claims:
        lines.append(m.text("check_none"))
    for claim in answer.claims:
        lines += _claim(claim, m)
    if answer.truncated:
        lines.append(m.text("check_truncated", count=len(answer.claims)))
    return "\n".join(lines) + "\n"


def _claim(claim: ClaimOut, m: Messages) -> list[str]:
    head = f"{words.claim_verdict(claim.verdict, m)}: “{' '.join(claim.quote.split())}”"
    reason = textwrap.wrap(
        claim.reason, WIDTH, initial_indent="  ", subsequent_indent="  ", break_on_hyphens=False
    )
    return [*_wrap(head), *reason, ""]
