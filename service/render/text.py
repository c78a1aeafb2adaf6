"""Plain-text answers for terminals: read in one glance, at most 80 columns, no markup.

The renderers take the same dicts the JSON answers carry, so text and JSON cannot disagree.
Parts of an answer that another part of the service adds (`sky`, `excerpts`) are shown when
present and left out when not.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from urllib.parse import quote

WIDTH = 80
LABEL = 9  # "Verdict: " and the other labels are padded to this many columns


def local_answer(answer: dict, event_name: str, base_url: str) -> str:
    """The answer for one place: where, when, Sun, target body, verdict, a source, how to narrow."""
    lines = [
        *_wrap(f"{event_name}: {describe_place(answer['place'])}"),
        *_field("When", answer["local"]["display"]),
        *_sky(answer.get("sky")),
        *_supporting(answer.get("excerpts")),
        *_narrowing(answer["place"], base_url),
    ]
    return "\n".join(lines) + "\n"


def describe_place(place: dict) -> str:
    """`Toronto, Ontario, Canada (43.71°N, 79.42°W)`, or the point and zone for a bare location."""
    point = _point(place["lat"], place["lon"])
    if place["resolved_from"] == "city":
        region = (
            place["admin1"]
            if place["admin1"] and place["admin1"] != place.get("admin1_code")
            else None
        )
        names = [place["name"], region, place["country"] or place["country_code"]]
        return f"{', '.join(n for n in names if n)} ({point})"
    if place["resolved_from"] == "coordinates":
        return f"{point}, zone {place['tz']}"
    note = f". {place['note']}" if place.get("note") else ""
    return f"zone {place['tz']}, at {point}{note}"


def _point(lat: float, lon: float) -> str:
    return f"{abs(lat):.2f}°{'N' if lat >= 0 else 'S'}, {abs(lon):.2f}°{'E' if lon >= 0 else 'W'}"


def _sky(sky: dict | None) -> list[str]:
    if not sky:
        return []
    sun, target = sky["sun"], sky["target"]
    sun_text = f"{_height(sun['altitude_deg'])} ({sun['phase'].replace('_', ' ')})"
    target_text = f"{_height(target['altitude_deg'])}, towards {target['compass']}"
    return [
        *_field("Sun", sun_text),
        *_field(target["body"].capitalize(), target_text),
        *_field("Verdict", verdict(sky)),
        *_changes(sky.get("transitions") or []),
    ]


def _changes(transitions: list[dict]) -> list[str]:
    """A line for what rose or set during the window, when anything did."""
    return _field("Changes", ", ".join(_change(t) for t in transitions)) if transitions else []


def verdict(sky: dict) -> str:
    """`In the picture: sunlit and facing Saturn.`, or which of the two was missing."""
    body = sky["target"]["body"].capitalize()
    sunlit, facing = sky["sunlit"], sky["target"]["above_horizon"]
    if sunlit and facing:
        return f"In the picture: sunlit and facing {body}."
    if sunlit:
        return f"Not in the picture: sunlit, but {body} was below the horizon."
    if facing:
        return f"Not in the picture: facing {body}, but the Sun was down."
    return f"Not in the picture: the Sun was down and {body} below the horizon."


def _change(transition: dict) -> str:
    """`sunset at 17:35` on the answer's clock."""
    kind = transition["kind"].replace("target_", f"{transition['body']} ").replace("_", " ")
    return f"{kind} at {transition['local'][11:16]}"


def _height(altitude_deg: float) -> str:
    return f"{abs(altitude_deg):.0f}° {'above' if altitude_deg >= 0 else 'below'} the horizon"


def _supporting(excerpts: list[dict] | None) -> list[str]:
    """One supporting sentence (the answer lists the most decisive first), and where it ran."""
    if not excerpts:
        return []
    first = excerpts[0]
    sources = first.get("sources") or []
    title = sources[0].get("title") if sources else None
    more = f" and {len(sources) - 1} more" if len(sources) > 1 else ""
    doubted = [f for f in first.get("fact_checks") or () if f["verdict"] != "agrees"]
    checked = f" Our fact check: {doubted[0]['verdict']}. {doubted[0]['reason']}" if doubted else ""
    return _field("Source", f"“{first['text']}”" + (f" ({title}{more})" if title else "") + checked)


def _narrowing(place: dict, base_url: str) -> list[str]:
    """When the name was ambiguous: the other places it could mean, and how to ask for each."""
    if not place.get("ambiguous"):
        return []
    lines = _wrap(
        f"Other places are called {place['name']}; this is the one with the most people. "
        "To ask for another:"
    )
    for other in place["alternatives"]:
        lines.append(f"  curl {path_url(base_url, other['query'])}")
    return lines


def path_url(base_url: str, query: str) -> str:
    """The curl URL that asks for a place query: `Pasadena, CA, US` -> `.../Pasadena,CA,US`."""
    return f"{base_url.rstrip('/')}/{quote(query.replace(', ', ','), safe=',@/')}"


def error(message: str, suggestions: Iterable[str], base_url: str, is_place: bool) -> str:
    """An error as plain sentences, with the commands that would work instead."""
    lines = _wrap(message)
    suggestions = list(suggestions)
    if suggestions and is_place:
        lines += ["Try:", *(f"  curl {path_url(base_url, s)}" for s in suggestions)]
    elif suggestions:
        lines += _wrap(f"Try: {', '.join(suggestions)}.")
    lines += _wrap(f"Usage: curl {base_url.rstrip('/')}/:help")
    return "\n".join(lines) + "\n"


HELP_EXAMPLES: tuple[tuple[str, str], ...] = (
    ("Toronto", "a city of 15,000 people or more, in any script the data holds"),
    ("Pasadena,CA", "a city narrowed by region and/or country (City,Region,Country)"),
    ("Sao%20Paulo", "spaces as %20; accents and case do not matter"),
    ("東京", "other scripts: 東京, Москва, München"),
    ("@43.65,-79.38", "coordinates in decimal degrees, at sea too"),
    ("Europe/Moscow", "a time zone alone: its reference city"),
    ("messenger-2013-07-19/Toronto", "another event: its id first"),
    ("Toronto?format=json", "JSON (also text or html; or send an Accept header)"),
)


def usage(base_url: str, event_ids: Iterable[str], main_event: str) -> str:
    """`/:help`: what to type, with examples against this very server."""
    base = base_url.rstrip("/")
    lines = _wrap(
        "Wave at Saturn: on 19 July 2013 Cassini photographed Earth from Saturn's shadow, "
        "21:27-21:42 UTC. Ask for a place and get the local time of the window, the Sun, "
        "Saturn in your sky, and whether you were in the picture."
    )
    lines.append("")
    for path, what in HELP_EXAMPLES:
        lines += [f"  # {what}", f"  curl {base}/{path}"]
    lines.append("")
    others = [e for e in event_ids if e != main_event]
    lines += _wrap(f"Events: {main_event} (the default), {', '.join(others)}.")
    lines += _wrap(
        f"Ambiguous names answer for the city with the most people and list the others. "
        f"Autocomplete: {base}/v1/places?q=Toro. The API: {base}/docs."
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
