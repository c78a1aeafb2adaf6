"""Check any text about the events: every checkable statement found (`service.claims.reading`),
judged against the catalogue's windows and the figures computed at start-up.

A claim's verdict is `agrees`, `partly` (one of two figures or ends right, or a right clock time
under a misused zone abbreviation), `disagrees`, or `unclear` (the text does not say enough: a
time without a zone, an abbreviation whose readings disagree). Its reason is a message key with
plain values; the words are the renderer's, in the reader's language.

Which event a statement is about comes from its sentence (Cassini, Saturn vs MESSENGER, Mercury),
else the caller's `event`, else the sentences before it, else the main event. What is not caught
is listed in docs/data.md ("Checking any text").
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from typing import Literal

from service.articles.facts import (
    Constants,
    InPictureCountry,
    angular_diameter_rad,
    saturday_from_offset,
)
from service.articles.figures import StatedFigure
from service.articles.sentences import split_sentences
from service.astronomy.ephemeris import EventAstronomy
from service.claims import reading as read
from service.claims.lexicon import Lexicon, Reading
from service.claims.reasons import Continents, Quoted, Reason, Value
from service.events import Event
from service.places.zones import format_offset

Verdict = Literal["agrees", "partly", "disagrees", "unclear"]


RANK = {"agrees": 3, "partly": 2, "disagrees": 1, "unclear": 0}
MAX_CLAIMS = 100
# A published time is to the minute: a stated minute matches an instant within the same minute.
MINUTE = timedelta(seconds=60)
# A distance further than this factor from the computed one is about something else.
UNRELATED_FACTOR = 10.0
RELATED_FACTOR = 3.0


@dataclass(frozen=True)
class CheckedClaim:
    """One checkable statement: `quote` is `text[start:end]`."""

    quote: str
    start: int
    end: int
    kind: str
    event_id: str
    verdict: Verdict
    stated: Mapping[str, object]
    computed: Mapping[str, object]
    reason: Reason


@dataclass(frozen=True)
class CheckedText:
    claims: tuple[CheckedClaim, ...]
    language: str
    truncated: bool


@dataclass(frozen=True)
class EventFacts:
    """What a statement about one event is judged against."""

    event_id: str
    spacecraft: str
    wave_start: datetime
    wave_end: datetime
    spacecraft_window: tuple[datetime, datetime] | None
    image_times: tuple[datetime, ...]
    distance_km: float
    light_time_s: float
    published_light_time_s: float
    in_picture: tuple[InPictureCountry, ...] | None = None


@dataclass(frozen=True)
class ClaimFacts:
    events: Mapping[str, EventFacts]
    main_event_id: str
    constants: Constants
    zone: Callable[[str], tzinfo]  # an IANA name to its rules

    def of_spacecraft(self, spacecraft: str) -> list[EventFacts]:
        return [e for e in self.events.values() if e.spacecraft.lower() == spacecraft]


@dataclass(frozen=True)
class Context:
    """What a sentence says around its statements."""

    text: str
    start: int
    event: EventFacts
    places: tuple[str, ...]  # zones of the places it names
    text_places: tuple[str, ...]  # zones of every place the text names
    event_named: bool  # the sentence names the event
    event_known: bool  # the sentence, the sentences before it or the caller name one
    mentions: tuple[tuple[int, EventFacts], ...] = ()
    # Which kinds of words the sentence has (wave, imaging, light, window, lit, only, negation).
    words: frozenset[str] = frozenset()

    def at(self, position: int) -> Context:
        """The context of a statement at `position`: about the event named last before it (else
        first after it), when the sentence names more than one."""
        if len({e.event_id for _, e in self.mentions}) < 2:
            return self
        before = [e for at, e in self.mentions if at <= position]
        return replace(self, event=before[-1] if before else self.mentions[0][1])


@dataclass(frozen=True)
class _Meaning:
    """One way to read a time's zone: a fixed offset, named as written, and the zone it is
    about when the text names one."""

    label: str
    offset: timedelta
    zone: str | None = None
    name: str | None = None


@dataclass(frozen=True)
class _Outcome:
    verdict: Verdict
    reason: Reason
    instants: tuple[datetime, ...]
    meaning: _Meaning


class ClaimChecker:
    """Built once at start-up from the facts and the words; `check` is a pure function of the
    text and the event asked about."""

    def __init__(self, facts: ClaimFacts, lexicon: Lexicon, max_claims: int = MAX_CLAIMS) -> None:
        self.facts = facts
        self.lexicon = lexicon
        self.max_claims = max_claims

    def check(self, text: str, event_id: str | None = None) -> CheckedText:
        """Every checkable statement of `text`, judged, in order of appearance."""
        lexicon = self.lexicon
        language = read.guess_language(text, lexicon)
        places = read.find_places(text, lexicon)
        text_places = tuple(dict.fromkeys(p.zone for p in places))
        asked = self.facts.events[event_id] if event_id else None
        times = read.find_times(text, lexicon, self.max_claims + 1)
        dates = read.find_dates(text, lexicon)
        statements: dict[str, list] = {
            "time": times,
            "date": dates,
            "weekday": read.find_weekdays(text, lexicon, dates),
            "figure": read.find_figures(text, language),
            "duration": read.find_durations(text, lexicon),
        }
        # No kind can make more claims than the cap: the rest are not judged at all.
        statements = {kind: found[: self.max_claims + 1] for kind, found in statements.items()}
        claims: list[CheckedClaim] = []
        previous: EventFacts | None = None
        for sentence in split_sentences("text", text):
            inside = {
                kind: [s for s in found if sentence.start <= s.start < sentence.end]
                for kind, found in statements.items()
            }
            mentions = self._mentions(sentence.text, sentence.start, dates)
            named = mentions[0][1] if mentions else None
            event = named or asked or previous
            context = Context(
                sentence.text,
                sentence.start,
                event or self.facts.events[self.facts.main_event_id],
                tuple(p.zone for p in places if sentence.start <= p.start < sentence.end),
                text_places,
                named is not None,
                event is not None,
                mentions,
                # a sentence with nothing to judge needs no more reading
                self._word_kinds(sentence.text)
                if self._judged(sentence.text, inside)
                else frozenset(),
            )
            previous = mentions[-1][1] if mentions else previous
            claims += self._sentence_claims(text, context, inside)
            if len(claims) >= self.max_claims:
                return CheckedText(tuple(claims[: self.max_claims]), language, True)
        return CheckedText(tuple(claims), language, False)

    def _mentions(
        self, sentence: str, offset: int, dates: Sequence[read.DateStatement]
    ) -> tuple[tuple[int, EventFacts], ...]:
        """Where the sentence names a spacecraft or its target, with the event it means (for
        MESSENGER, the day the sentence dates, else the first)."""
        p = self.lexicon.patterns
        days = {
            d
            for s in dates
            if offset <= s.start < offset + len(sentence) and s.month == 7
            for d in s.days
        }
        found: list[tuple[int, EventFacts]] = []
        for spacecraft, pattern in (("cassini", p.cassini), ("messenger", p.messenger)):
            events = self.facts.of_spacecraft(spacecraft)
            dated = [e for e in events if e.wave_start.day in days]
            event = (dated or events)[0] if events else None
            if event is not None:
                found += [(offset + m.start(), event) for m in pattern.finditer(sentence)]
        return tuple(sorted(found, key=lambda f: f[0]))

    def _sentence_claims(
        self, text: str, context: Context, inside: Mapping[str, list]
    ) -> list[CheckedClaim]:
        about_event = context.event_named or bool(inside["time"])
        found: list[CheckedClaim | None] = []
        zone_meanings: list[_Meaning] = []
        for statement in inside["time"]:
            claim, meaning = self._time(text, statement, context.at(statement.start))
            found.append(claim)
            if meaning is not None:
                zone_meanings.append(meaning)
        if about_event or {"wave", "imaging"} & context.words:
            found += [
                self._date(text, d, context.at(d.start), zone_meanings) for d in inside["date"]
            ]
            found += [
                self._weekday(text, w, context.at(w.start), zone_meanings)
                for w in inside["weekday"]
            ]
        if context.event_known or about_event:
            found += self._figures(text, inside["figure"], context)
            found += self._durations(text, inside["duration"], context)
            found += self._lit_regions(text, context)
        return sorted((c for c in found if c is not None), key=lambda c: c.start)

    def _judged(self, sentence: str, inside: Mapping[str, list]) -> bool:
        """Whether a sentence has anything to judge: a statement, or a continent named."""
        return any(inside.values()) or bool(self.lexicon.patterns.continent.search(sentence))

    def _word_kinds(self, sentence: str) -> frozenset[str]:
        """Which kinds of words a sentence has, looked for once per sentence."""
        p = self.lexicon.patterns
        kinds = {
            "wave": p.wave,
            "imaging": p.imaging,
            "light": p.light,
            "window": p.window,
            "lit": p.lit,
            "only": p.only,
            "negation": p.negation,
            "continent": p.continent,
        }
        return frozenset(kind for kind, pattern in kinds.items() if pattern.search(sentence))

    # --- times ----------------------------------------------------------------------------------

    def _meanings(
        self, mark: read.ZoneMark | None, context: Context
    ) -> tuple[list[_Meaning], bool]:
        """The ways to read a time's zone, and whether the text's context chose among them."""
        at = context.event.wave_start
        if mark is None or (mark.kind == "local" and mark.zone is None):
            zones = context.places or (
                context.text_places if mark is not None and len(context.text_places) == 1 else ()
            )
            return [self._zone_meaning(zones[0], at)] if zones else [], True
        if mark.kind == "offset":
            assert mark.offset is not None
            label = "UTC" if not mark.offset else f"UTC{format_offset(mark.offset)}"
            return [_Meaning(label, mark.offset)], True
        if mark.kind in ("zone", "local"):
            assert mark.zone is not None
            return [self._zone_meaning(mark.zone, at)], True
        assert mark.abbreviation is not None
        readings = self.lexicon.abbreviations[mark.abbreviation]
        named = [r for r in readings if r.zone in context.places] or [
            r for r in readings if r.zone in context.text_places
        ]
        chosen = named or list(readings)
        return [_reading_meaning(r) for r in chosen], len({r.utc_offset for r in chosen}) == 1

    def _zone_meaning(self, zone: str, at: datetime) -> _Meaning:
        local = at.astimezone(self.facts.zone(zone))
        offset = local.utcoffset() or timedelta(0)
        name = local.tzname() or ""
        label = name if name[:1].isalpha() and name != "UTC" else f"UTC{format_offset(offset)}"
        return _Meaning(label if offset or name else "UTC", offset, zone)

    def _time(
        self, text: str, st: read.TimeStatement, context: Context
    ) -> tuple[CheckedClaim, _Meaning | None]:
        event = context.event
        quote = text[st.start : st.end]
        meanings, settled = self._meanings(st.zone, context)
        if not meanings:
            return self._time_without_zone(quote, st, event), None
        by_offset: dict[timedelta, tuple[_Meaning, _Outcome]] = {}
        for meaning in meanings:
            o = self._time_outcome(quote, st, meaning, context)
            best = by_offset.get(meaning.offset)
            if best is None or RANK[o.verdict] > RANK[best[1].verdict]:
                by_offset[meaning.offset] = (meaning, o)
        groups = [o for _, o in by_offset.values()]
        if settled or len({o.verdict for o in groups}) == 1:
            chosen = max(groups, key=lambda o: RANK[o.verdict])
            return self._time_claim(quote, st, event, chosen), chosen.meaning
        readings = "; ".join(
            f"{m.name or m.label} (UTC{format_offset(m.offset)}) "
            f"{'✓' if o.verdict == 'agrees' else '~' if o.verdict == 'partly' else '✗'}"
            for m, o in by_offset.values()
        )
        abbr = st.zone.abbreviation if st.zone and st.zone.abbreviation else quote
        claim = self._time_claim(
            quote,
            st,
            event,
            _Outcome(
                "unclear",
                Reason("claim.time.readings", {"abbr": abbr, "readings": readings}),
                groups[0].instants,
                groups[0].meaning,
            ),
            readings=[
                {
                    "zone": m.zone,
                    "name": m.name,
                    "utc_offset": format_offset(m.offset),
                    "verdict": o.verdict,
                }
                for m, o in by_offset.values()
            ],
        )
        return claim, None

    def _time_outcome(
        self, quote: str, st: read.TimeStatement, meaning: _Meaning, context: Context
    ) -> _Outcome:
        """The best of the clock's readings (am or pm) under one meaning of its zone; a misused
        abbreviation is also read in the offset its zone really kept."""
        literal = self._best_clock(quote, st, meaning, context)
        actual = self._actual(meaning, context.event)
        if actual is None or literal.verdict == "agrees":
            return literal
        intended = self._best_clock(quote, st, actual, context)
        values = {
            "abbr": meaning.label,
            "offset": format_offset(meaning.offset),
            "actual": actual.label,
            "actual_offset": format_offset(actual.offset),
            "place": (meaning.zone or "").rsplit("/", 1)[-1].replace("_", " "),
        }
        if intended.verdict == "agrees":
            reason = Reason("claim.time.misused_right", {**intended.reason.values, **values})
            return _Outcome("partly", reason, intended.instants, actual)
        window = self._window_values(context.event, actual)
        reason = Reason("claim.time.misused_wrong", {**window, **values})
        return _Outcome("disagrees", reason, literal.instants, actual)

    def _actual(self, meaning: _Meaning, event: EventFacts) -> _Meaning | None:
        """The offset a misused abbreviation's zone really kept on the event date, else None."""
        if meaning.zone is None or meaning.name is None:
            return None
        kept = self._zone_meaning(meaning.zone, event.wave_start)
        return kept if kept.offset != meaning.offset else None

    def _best_clock(
        self, quote: str, st: read.TimeStatement, meaning: _Meaning, context: Context
    ) -> _Outcome:
        options = []
        for times in _clock_choices(st.clocks):
            instants = tuple(_instant(t, meaning.offset, context.event.wave_start) for t in times)
            options.append(self._judge_instants(quote, instants, meaning, context))
        return max(options, key=lambda o: RANK[o.verdict])

    def _judge_instants(
        self, quote: str, instants: tuple[datetime, ...], meaning: _Meaning, context: Context
    ) -> _Outcome:
        event = context.event
        utc = "–".join(f"{t:%H:%M}" for t in instants)
        values: dict[str, Value] = {
            "stated": quote,
            "utc": utc,
            **self._window_values(event, meaning),
        }
        if event.image_times:
            return self._judge_image_times(instants, values, meaning, event)
        start, end = event.wave_start, event.wave_end
        sc = event.spacecraft_window
        waving, imaging = "wave" in context.words, "imaging" in context.words
        if sc is not None and _near(instants, sc):
            values |= {
                "sc_start": f"{sc[0]:%H:%M}",
                "sc_end": f"{sc[1]:%H:%M}",
                "light_min": f"{event.light_time_s / 60:.0f}",
            }
            if waving and not imaging:
                return _Outcome(
                    "disagrees", Reason("claim.time.spacecraft_as_wave", values), instants, meaning
                )
            return _Outcome("agrees", Reason("claim.time.spacecraft", values), instants, meaning)
        if len(instants) == 2:
            a, b = instants
            if _same_minute(a, start) and _same_minute(b, end):
                return _Outcome("agrees", Reason("claim.time.window", values), instants, meaning)
            if _same_minute(a, start) or _same_minute(b, end):
                return _Outcome("partly", Reason("claim.time.half", values), instants, meaning)
            return _Outcome("disagrees", Reason("claim.time.wrong", values), instants, meaning)
        (t,) = instants
        if _same_minute(t, start):
            return _Outcome("agrees", Reason("claim.time.start", values), instants, meaning)
        if _same_minute(t, end):
            return _Outcome("agrees", Reason("claim.time.end", values), instants, meaning)
        if start < t < end:
            return _Outcome("partly", Reason("claim.time.inside", values), instants, meaning)
        return _Outcome("disagrees", Reason("claim.time.wrong", values), instants, meaning)

    def _judge_image_times(
        self,
        instants: tuple[datetime, ...],
        values: dict[str, Value],
        meaning: _Meaning,
        event: EventFacts,
    ) -> _Outcome:
        images = event.image_times
        values = values | {
            "times": ", ".join(f"{t:%H:%M}" for t in images),
            "local_times": ", ".join(f"{t + meaning.offset:%H:%M}" for t in images),
        }
        hits = [any(_same_minute(t, i) for i in images) for t in instants]
        if all(hits):
            key = "claim.time.image_range" if len(instants) == 2 else "claim.time.image"
            return _Outcome("agrees", Reason(key, values), instants, meaning)
        verdict: Verdict = "partly" if any(hits) else "disagrees"
        return _Outcome(verdict, Reason("claim.time.image_wrong", values), instants, meaning)

    def _window_values(self, event: EventFacts, meaning: _Meaning) -> dict[str, Value]:
        """The event's window in the zone the text meant, and in UTC."""
        start, end = event.wave_start, event.wave_end
        return {
            "start": f"{start + meaning.offset:%H:%M}",
            "end": f"{end + meaning.offset:%H:%M}",
            "zone": meaning.label,
            "utc_start": f"{start:%H:%M}",
            "utc_end": f"{end:%H:%M}",
            "spacecraft": event.spacecraft,
        }

    def _time_claim(
        self,
        quote: str,
        st: read.TimeStatement,
        event: EventFacts,
        outcome: _Outcome,
        readings: list[dict] | None = None,
    ) -> CheckedClaim:
        m = outcome.meaning
        stated: dict[str, object] = {
            "start_utc": _iso(outcome.instants[0]),
            "end_utc": _iso(outcome.instants[1]) if len(outcome.instants) > 1 else None,
            "zone": st.zone.text if st.zone else None,
            "utc_offset": format_offset(m.offset) if readings is None else None,
        }
        if readings is not None:
            stated["readings"] = readings
        local = timezone_of(m.offset)
        computed = {
            "start": _iso(event.wave_start.astimezone(local)),
            "end": _iso(event.wave_end.astimezone(local)),
            "zone": m.label,
            "tz": m.zone,
            "utc_offset": format_offset(m.offset),
            "image_times": [_iso(t.astimezone(local)) for t in event.image_times],
        }
        if event.spacecraft_window:
            computed["spacecraft_window_utc"] = [_iso(t) for t in event.spacecraft_window]
        return CheckedClaim(
            quote,
            st.start,
            st.end,
            "time",
            event.event_id,
            outcome.verdict,
            stated,
            computed,
            outcome.reason,
        )

    def _time_without_zone(
        self, quote: str, st: read.TimeStatement, event: EventFacts
    ) -> CheckedClaim:
        """No zone and no place: the offsets at which the clock time would be right."""
        fits: list[timedelta] = []
        targets = event.image_times or (event.wave_start,)
        for times in _clock_choices(st.clocks):
            first = times[0]
            for target in targets:
                offset = _offset_for(first, target)
                if offset is not None and offset not in fits:
                    fits.append(offset)
        offsets = ", ".join(f"UTC{format_offset(o)}" for o in sorted(fits))
        key = "claim.time.no_zone" if fits else "claim.time.no_zone_none"
        reason = Reason(key, {"stated": quote, "offsets": offsets, "spacecraft": event.spacecraft})
        return CheckedClaim(
            quote,
            st.start,
            st.end,
            "time",
            event.event_id,
            "unclear" if fits else "disagrees",
            {"zone": None, "fits_utc_offsets": [format_offset(o) for o in sorted(fits)]},
            {"start_utc": _iso(event.wave_start), "end_utc": _iso(event.wave_end)},
            reason,
        )

    # --- dates and weekdays ---------------------------------------------------------------------

    def _local_date(
        self, context: Context, meanings: Sequence[_Meaning]
    ) -> tuple[date, str] | None:
        """The wave's local date where the sentence says it happened (a zone or a place)."""
        start = context.event.wave_start
        if meanings:
            return (start + meanings[0].offset).date(), meanings[0].label
        if context.places:
            m = self._zone_meaning(context.places[0], start)
            return (start + m.offset).date(), m.label
        return None

    def _date(
        self, text: str, d: read.DateStatement, context: Context, meanings: Sequence[_Meaning]
    ) -> CheckedClaim | None:
        if d.year is not None and d.year != 2013:
            return None
        event = context.event
        stated_days = tuple(date(2013, d.month, day) for day in d.days if _valid(d.month, day))
        if not stated_days:
            return None
        stated: dict[str, object] = {"dates": [s.isoformat() for s in stated_days]}
        if d.weekday is not None:
            stated["weekday"] = _WEEKDAY_NAMES[d.weekday]
            if len(stated_days) == 1 and stated_days[0].weekday() != d.weekday:
                return _checked(
                    text,
                    d,
                    "date",
                    event,
                    "disagrees",
                    stated,
                    {},
                    Reason("claim.date.wrong_weekday", {"actual": stated_days[0]}),
                )
        return self._judge_days(text, d, "date", context, meanings, stated_days, stated)

    def _weekday(
        self, text: str, w: read.WeekdayStatement, context: Context, meanings: Sequence[_Meaning]
    ) -> CheckedClaim | None:
        start = context.event.wave_start
        stated: dict[str, object] = {"weekday": _WEEKDAY_NAMES[w.weekday]}
        candidates = [start.date() + timedelta(days=k) for k in (-1, 0, 1)]
        matching = [c for c in candidates if c.weekday() == w.weekday]
        if not matching:
            reason = Reason(
                "claim.date.wrong",
                {"utc_date": start.date(), "offset": saturday_from_offset(start)},
            )
            return _checked(
                text,
                w,
                "weekday",
                context.event,
                "disagrees",
                stated,
                {"utc_date": start.date().isoformat()},
                reason,
            )
        return self._judge_days(text, w, "weekday", context, meanings, (matching[0],), stated)

    def _judge_days(
        self,
        text: str,
        span: read.DateStatement | read.WeekdayStatement,
        kind: str,
        context: Context,
        meanings: Sequence[_Meaning],
        days: tuple[date, ...],
        stated: dict[str, object],
    ) -> CheckedClaim:
        event = context.event
        start = event.wave_start
        verdict: Verdict
        computed: dict[str, object]
        values: dict[str, Value]
        local = None if event.image_times else self._local_date(context, meanings)
        if event.image_times:  # MESSENGER imaged on both days
            both = tuple(
                e.wave_start.date() for e in self.facts.of_spacecraft(event.spacecraft.lower())
            )
            computed = {"dates": [b.isoformat() for b in both]}
            values = {"first": both[0], "last": both[-1], "spacecraft": event.spacecraft}
            if set(days) == set(both):
                verdict, key = "agrees", "claim.date.both_days"
            else:
                verdict = "partly" if set(days) & set(both) else "disagrees"
                key = "claim.date.one_of_both"
        elif local is not None:
            local_date, zone = local
            computed = {
                "utc_date": start.date().isoformat(),
                "next_day_from_utc_offset": saturday_from_offset(start),
                "local_date": local_date.isoformat(),
                "zone": zone,
            }
            values = {"local_date": local_date, "zone": zone}
            if days == (local_date,):
                verdict, key = "agrees", "claim.date.local"
            else:
                verdict, key = "disagrees", "claim.date.local_wrong"
        else:
            computed = {
                "utc_date": start.date().isoformat(),
                "next_day_from_utc_offset": saturday_from_offset(start),
            }
            next_date = start.date() + timedelta(days=1)
            values = {
                "utc_date": start.date(),
                "next_date": next_date,
                "offset": saturday_from_offset(start),
            }
            if days == (start.date(),):
                verdict, key = "agrees", "claim.date.utc"
            elif next_date in days or start.date() in days:
                verdict, key = "partly", "claim.date.next_day"
            else:
                verdict, key = "disagrees", "claim.date.wrong"
        return _checked(text, span, kind, event, verdict, stated, computed, Reason(key, values))

    # --- figures --------------------------------------------------------------------------------

    def _figures(
        self, text: str, figures: Sequence[StatedFigure], context: Context
    ) -> list[CheckedClaim]:
        claims = []
        for group in _figure_groups(text, figures):
            event = context.at(group[0].start).event
            claim = judge_figure_group(text, group, event, self.facts.constants)
            if claim is not None:
                claims.append(claim)
        return claims

    def _durations(
        self, text: str, durations: Sequence[read.DurationStatement], context: Context
    ) -> list[CheckedClaim]:
        claims = []
        for d in durations:
            event = context.at(d.start).event
            figure = StatedFigure(text[d.start : d.end], d.minutes, "min", d.precision_min, None)
            values: dict[str, Value] = {"stated": figure.text, "spacecraft": event.spacecraft}
            if "light" in context.words:
                computed_min = event.light_time_s / 60
                agrees = figure.agrees_with(computed_min)
                values |= {
                    "minutes": round(computed_min, 1),
                    "published": round(event.published_light_time_s / 60, 1),
                }
                key = "claim.light_time.agrees" if agrees else "claim.light_time.disagrees"
                computed = {
                    "light_time_s": round(event.light_time_s, 1),
                    "published_light_time_s": event.published_light_time_s,
                }
                kind = "light_time"
            elif not event.image_times and {"window", "wave"} & context.words:
                window_min = (event.wave_end - event.wave_start).total_seconds() / 60
                agrees = figure.agrees_with(window_min)
                values |= {
                    "minutes": round(window_min),
                    "utc_start": f"{event.wave_start:%H:%M}",
                    "utc_end": f"{event.wave_end:%H:%M}",
                }
                key = "claim.duration.agrees" if agrees else "claim.duration.disagrees"
                computed = {"window_s": round(window_min * 60)}
                kind = "duration"
            else:
                continue
            stated = {"minutes": d.minutes, "accepted_minutes": list(figure.accepted_range())}
            verdict: Verdict = "agrees" if agrees else "disagrees"
            claims.append(
                _checked(text, d, kind, event, verdict, stated, computed, Reason(key, values))
            )
        return claims

    def _lit_regions(self, text: str, context: Context) -> list[CheckedClaim]:
        p, event = self.lexicon.patterns, context.event
        if not {"continent", "lit"} <= context.words or "negation" in context.words:
            return []
        if event.in_picture is None:
            return []
        continents = list(p.continent.finditer(context.text))
        lit = list(p.lit.finditer(context.text))
        codes = tuple(
            dict.fromkeys(self.lexicon.continents[m.group(0).lower()] for m in continents)
        )
        start = context.start + min(m.start() for m in [*continents, *lit])
        end = context.start + max(m.end() for m in [*continents, *lit])
        only = "only" in context.words
        return [judge_lit(text, read.Span(start, end), codes, only, event)]


# --- figures and lit regions, judged without the word lexicon: the curated fact check judges
# its claims with these at start-up, before the lexicon is built ------------------------------


def judge_figures(
    text: str, event: EventFacts, constants: Constants, language: str = "en"
) -> list[CheckedClaim]:
    """Every distance and Earth width `text` states, judged against `event`'s figures."""
    claims = []
    for group in _figure_groups(text, read.find_figures(text, language)):
        claim = judge_figure_group(text, group, event, constants)
        if claim is not None:
            claims.append(claim)
    return claims


def judge_figure_group(
    text: str, group: Sequence[StatedFigure], event: EventFacts, constants: Constants
) -> CheckedClaim | None:
    """Figures restating each other, judged as Earth's width in pixels or as the Earth-spacecraft
    distance; None for a mix of the two, or a distance that is about something else."""
    units = {f.unit for f in group}
    if units == {"px"}:
        return _earth_width(text, group, event, constants)
    if "px" in units:
        return None
    return _distance(text, group, event, constants)


def _accepted(figure: StatedFigure) -> list[float | None]:
    """The range a figure fits, as written; an open end is None."""
    low, high = figure.accepted_range()
    return [low, None if math.isinf(high) else high]


def _distance(
    text: str, group: Sequence[StatedFigure], event: EventFacts, c: Constants
) -> CheckedClaim | None:
    km = event.distance_km
    in_unit = {"km": km, "miles": km / c.km_per_mile}
    stated_km = [f.value * (c.km_per_mile if f.unit == "miles" else 1.0) for f in group]
    if all(not 1 / UNRELATED_FACTOR <= s / km <= UNRELATED_FACTOR for s in stated_km):
        return None
    stated = {
        "figures": [
            {
                "text": f.text,
                f"distance_{f.unit}": f.value,
                f"accepted_{f.unit}": _accepted(f),
                "distance_km": round(s),
                "qualifier": f.qualifier,
                "agrees": f.agrees_with(in_unit[f.unit]),
            }
            for f, s in zip(group, stated_km, strict=True)
        ]
    }
    computed = {"distance_km": round(km), "distance_miles": round(in_unit["miles"])}
    values: dict[str, Value] = {
        "km": round(km, -5),
        "miles": round(in_unit["miles"], -5),
        "spacecraft": event.spacecraft,
    }
    fits = [f.text for f in group if f.agrees_with(in_unit[f.unit])]
    misses = [f.text for f in group if not f.agrees_with(in_unit[f.unit])]
    span = _span(text, group)
    if all(not 1 / RELATED_FACTOR <= s / km <= RELATED_FACTOR for s in stated_km):
        reason = Reason("claim.distance.unrelated", values | {"stated": group[0].text})
        return _checked(text, span, "distance", event, "unclear", stated, computed, reason)
    verdict: Verdict = "agrees" if not misses else "disagrees" if not fits else "partly"
    key = {"agrees": "claim.distance.agrees", "disagrees": "claim.distance.disagrees"}.get(
        verdict, "claim.distance.partly"
    )
    values |= {"fits": Quoted(fits), "misses": Quoted(misses)}
    return _checked(text, span, "distance", event, verdict, stated, computed, Reason(key, values))


def earth_width_px(distance_km: float, constants: Constants) -> dict[str, float]:
    """Earth's apparent width at `distance_km` in microradians and in each Cassini camera's
    pixels."""
    width_urad = angular_diameter_rad(constants.earth_equatorial_radius_km, distance_km) * 1e6
    return {
        "angular_diameter_urad": round(width_urad, 3),
        "width_px": round(width_urad / constants.nac_pixel_scale_urad, 3),
        "width_px_wide_angle": round(width_urad / constants.wac_pixel_scale_urad, 3),
    }


def _earth_width(
    text: str, group: Sequence[StatedFigure], event: EventFacts, c: Constants
) -> CheckedClaim:
    width = earth_width_px(event.distance_km, c)
    agrees = all(f.agrees_with(width["width_px"]) for f in group)
    stated = {
        "figures": [
            {
                "text": f.text,
                "width_px": f.value,
                "accepted_px": _accepted(f),
                "qualifier": f.qualifier,
                "agrees": f.agrees_with(width["width_px"]),
            }
            for f in group
        ]
    }
    values: dict[str, Value] = {
        "stated": " + ".join(f.text for f in group),
        "px": round(width["width_px"], 2),
        "px_wide": round(width["width_px_wide_angle"], 2),
        "diameter_km": round(2 * c.earth_equatorial_radius_km),
        "km": round(event.distance_km, -5),
    }
    key = "claim.earth_size.agrees" if agrees else "claim.earth_size.disagrees"
    return _checked(
        text,
        _span(text, group),
        "earth_size",
        event,
        "agrees" if agrees else "disagrees",
        stated,
        {**width, "camera": "narrow-angle"},
        Reason(key, values),
    )


def judge_lit(
    text: str, span: read.Span, codes: Sequence[str], only: bool, event: EventFacts
) -> CheckedClaim:
    """Did the continents `codes` (GeoNames: NA, SA, EU, ...) have places sunlit and facing the
    spacecraft, and, when the text says `only`, nowhere else? Oceans are not judged: the
    gazetteer has no places there."""
    in_picture = event.in_picture or ()
    inside = [c for c in in_picture if c.continent in codes]
    outside = [c for c in in_picture if c.continent not in codes]
    # "only" means something once the claimed region is there at all
    parts = [bool(inside)] + ([not outside] if only and inside else [])
    verdict: Verdict = "agrees" if all(parts) else "disagrees" if not any(parts) else "partly"
    values: dict[str, Value] = {
        "regions": Continents(codes),
        "count_in": len(inside),
        "count_out": len(outside),
        "others": Continents(sorted({c.continent for c in outside})),
        "spacecraft": event.spacecraft,
    }
    if not inside:
        key = "claim.lit.none_inside"
    elif not only:
        key = "claim.lit.inside"
    else:
        key = "claim.lit.all_inside" if not outside else "claim.lit.also_outside"
    computed = {
        "continents": sorted({c.continent for c in in_picture}),
        "countries": [c.country_code for c in in_picture],
        "outside_claim": [c.country_code for c in outside],
    }
    stated = {"continents": list(codes), "only": only}
    return _checked(text, span, "lit_region", event, verdict, stated, computed, Reason(key, values))


def _checked(
    text: str,
    span: read.Span | read.DateStatement | read.WeekdayStatement | read.DurationStatement,
    kind: str,
    event: EventFacts,
    verdict: Verdict,
    stated: Mapping[str, object],
    computed: Mapping[str, object],
    reason: Reason,
) -> CheckedClaim:
    start, end = span.start, span.end
    return CheckedClaim(
        text[start:end], start, end, kind, event.event_id, verdict, stated, computed, reason
    )


_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _reading_meaning(r: Reading) -> _Meaning:
    return _Meaning(r.abbreviation, r.utc_offset, r.zone, r.name)


def _clock_choices(clocks: Sequence[read.Clock]) -> list[tuple[timedelta, ...]]:
    """Each way to read the clocks: a range's two ends share their half of the day."""
    if len(clocks) == 1:
        return [(t,) for t in clocks[0].readings()]
    first, second = clocks[0].readings(), clocks[1].readings()
    if len(first) == len(second):
        return list(zip(first, second, strict=True))
    return [(a, b) for a in first for b in second]


def _instant(time_of_day: timedelta, offset: timedelta, near: datetime) -> datetime:
    """The instant a local time of day at `offset` names, on the day nearest to `near`."""
    local_day = (near + offset).date()
    instant = (
        datetime(local_day.year, local_day.month, local_day.day, tzinfo=UTC) + time_of_day - offset
    )
    if instant - near > timedelta(hours=12):
        instant -= timedelta(days=1)
    elif near - instant > timedelta(hours=12):
        instant += timedelta(days=1)
    return instant


def _offset_for(time_of_day: timedelta, target: datetime) -> timedelta | None:
    """The UTC offset at which `target` reads as this time of day, if one in -12:00..+14:00."""
    utc = timedelta(hours=target.hour, minutes=target.minute)
    offset = time_of_day - utc
    for candidate in (offset, offset - timedelta(days=1), offset + timedelta(days=1)):
        if timedelta(hours=-12) <= candidate <= timedelta(hours=14):
            return candidate
    return None


def _same_minute(stated: datetime, published: datetime) -> bool:
    """A time written to the minute names the published instant within that minute."""
    return timedelta(0) <= published - stated < MINUTE


def _near(instants: Sequence[datetime], window: tuple[datetime, datetime]) -> bool:
    """Stated to the minute, each instant is an end of the spacecraft window (either rounding)."""
    return all(any(abs(t - w) < MINUTE for w in window) for t in instants)


def _valid(month: int, day: int) -> bool:
    try:
        date(2013, month, day)
    except ValueError:
        return False
    return True


def _iso(instant: datetime) -> str:
    text = instant.isoformat()
    return text.replace("+00:00", "Z") if instant.utcoffset() == timedelta(0) else text


def timezone_of(offset: timedelta) -> tzinfo:
    return timezone(offset)


def _span(text: str, group: Sequence[StatedFigure]) -> read.Span:
    """A group's span, with the bracket closing a restatement ("900 million miles (1.5 billion
    km)")."""
    end = group[-1].end
    if len(group) > 1 and text[end : end + 1] in (")", "]"):
        end += 1
    return read.Span(group[0].start, end)


def _figure_groups(text: str, figures: Sequence[StatedFigure]) -> list[list[StatedFigure]]:
    """Figures that restate each other ("900 million miles (1.5 billion km)") as one statement."""
    groups: list[list[StatedFigure]] = []
    for f in figures:
        if groups and text[groups[-1][-1].end : f.start].strip() in (
            "(",
            "[",
            "/",
            ", or",
            "or",
            "ou",
            "oder",
            "o",
            ",",
            "—",
            "–",
            "-",
        ):
            groups[-1].append(f)
        else:
            groups.append([f])
    return groups


def claim_facts(
    events: Sequence[EventFacts],
    main_event_id: str,
    constants: Constants,
    zone: Callable[[str], tzinfo],
) -> ClaimFacts:
    return ClaimFacts({e.event_id: e for e in events}, main_event_id, constants, zone)


def event_facts(
    event: Event, astronomy: EventAstronomy, in_picture: Sequence[InPictureCountry] | None
) -> EventFacts:
    """What statements about `event` are judged against: its published windows and the
    figures start-up computed."""
    sc = event.spacecraft_window
    return EventFacts(
        event_id=event.id,
        spacecraft=event.spacecraft,
        wave_start=event.wave_window.start.astimezone(UTC),
        wave_end=event.wave_window.end.astimezone(UTC),
        spacecraft_window=(sc.start.astimezone(UTC), sc.end.astimezone(UTC)) if sc else None,
        image_times=tuple(t.astimezone(UTC) for t in event.image_times),
        distance_km=astronomy.distance_km,
        light_time_s=astronomy.light_time_s,
        published_light_time_s=event.published_light_time.value,
        in_picture=tuple(in_picture) if in_picture is not None else None,
    )
