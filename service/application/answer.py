"""`Answers.local(question)`: the one answer to "when was it here, and was this place in the
picture?".

Every entry point (the JSON route, the terminal paths, the page, the card, oEmbed) asks through
`Answers`; the renderers turn what it returns into JSON, text or HTML. The answer types are the
response schemas of `service.application.schemas`: one definition per response.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, TypeVar, cast

from service.application import schemas as out
from service.application.articles import support_out
from service.application.question import Question, Where
from service.articles.support import statements_for
from service.astronomy.disk import Disk
from service.astronomy.ephemeris import EventAstronomy
from service.astronomy.sky import SkyAt, SkyTrack, Transition, WindowSky
from service.astronomy.view import EarthView
from service.errors import InvalidParameter, ServiceError
from service.events import Catalogue, Event, Window
from service.places.resolve import Place, PlaceResolver
from service.places.zones import LocalWindow, ResolvedZone, ZoneIndex, local_window
from service.render import words
from service.render.i18n import (
    DEFAULT_LANGUAGE,
    LanguageChoice,
    MessageCatalogue,
    Messages,
    default_locale,
    window_display,
)

if TYPE_CHECKING:
    from service.application.resources import CorpusResources

T = TypeVar("T")

SAY_WHERE = "Say where you are: city (e.g. Toronto), tz (e.g. America/Toronto), or lat and lon."


def say_where(*examples: str) -> InvalidParameter:
    """The error for a question that names no place, with queries that would."""
    return InvalidParameter(SAY_WHERE, examples=list(examples))


class Memo:
    """Parts of answers that depend on a few values (an event, a zone, a locale) and the
    start-up data, not on the place: made once, kept least-recently-used up to `max_entries`.

    Worst case without the bound: 3 events x ~600 zone names and ~1,700 fixed offsets (every
    quarter hour, typed several ways), about 7,000 entries of under 2 KB per locale in use; the
    bound keeps it to `max_entries` (default 4,096, about 8 MB)."""

    def __init__(self, max_entries: int = 4096) -> None:
        self.max_entries = max_entries
        self._entries: OrderedDict[Hashable, object] = OrderedDict()

    def get(self, key: Hashable, make: Callable[[], T]) -> T:
        try:
            found = cast(T, self._entries[key])
        except KeyError:
            found = self._entries[key] = make()
            if len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)
            return found
        self._entries.move_to_end(key)
        return found

    def __len__(self) -> int:
        return len(self._entries)


@dataclass(frozen=True)
class Outcome:
    """An event asked about for a place: its answer, none yet (no place given), or the error that
    stopped it. Pages show all three; an unknown event shows the main event beside its error."""

    event: Event
    answer: out.LocalAnswer | None = None
    error: ServiceError | None = None
    # Earth as the event's camera saw it, with the place on it when one was given.
    view: out.ViewAnswer | None = None


@dataclass(frozen=True)
class Answers:
    """What a local answer needs from the start-up data, and nothing else."""

    catalogue: Catalogue
    places: PlaceResolver
    zones: ZoneIndex
    sky_tracks: Mapping[str, SkyTrack]
    corpus: CorpusResources
    messages: MessageCatalogue
    memo: Memo
    # Earth as each event's camera saw it, and its disk (`service.astronomy.view`, `disk`).
    views: Mapping[str, EarthView] = field(default_factory=dict)
    disks: Mapping[str, Disk] = field(default_factory=dict)

    def event(self, event_id: str) -> Event:
        return self.catalogue.get(event_id)

    def place(self, where: Where) -> Place | None:
        """The place a question names: a city first, then coordinates, then free text, else the
        zone's point; None when it names none. A `tz` beside a city or coordinates sets the clock
        the answer is read on; the sky stays the place's."""
        if where.city is not None:
            place = self.places.from_city(where.city, where.country)
            if where.lat is not None or where.lon is not None:
                place = replace(place, note="lat and lon were ignored: city takes precedence.")
        elif where.lat is not None and where.lon is not None:
            place = self.places.from_coordinates(where.lat, where.lon)
        elif where.text is not None:
            return self.places.from_text(where.text)
        elif where.tz is not None:
            return self.places.from_timezone(where.tz)
        else:
            return None
        if where.tz is None:
            return place
        zone = self.zones.resolve(where.tz)
        return replace(place, tz=zone.name, canonical_tz=zone.canonical)

    def local(self, question: Question) -> out.LocalAnswer:
        """The answer for the question's event and place; InvalidParameter when it names none."""
        event = self.event(question.event_id)
        return self.for_place(event, self._asked_place(question.where), question.language)

    def _asked_place(self, where: Where) -> Place:
        """The place `where` names; InvalidParameter, with queries that would do, when none."""
        place = self.place(where)
        if place is None:
            raise say_where("?city=Toronto", "?tz=America/Toronto", "?lat=43.65&lon=-79.38")
        return place

    def attempt(self, question: Question) -> Outcome:
        """The answer, or the error that stopped it, for renderers that show either."""
        try:
            event = self.event(question.event_id)
        except ServiceError as error:
            return Outcome(self.catalogue.events[0], error=error)
        try:
            place = self._asked_place(question.where) if question.where.given else None
        except ServiceError as error:
            return Outcome(event, error=error)
        view = self.view_of(event, place, question.language)
        if place is None:
            return Outcome(event, view=view)
        return Outcome(event, self.for_place(event, place, question.language), view=view)

    def for_place(self, event: Event, place: Place, language: LanguageChoice) -> out.LocalAnswer:
        zone = self.zones.resolve(place.tz)
        seen = self.sky_tracks[event.id].window_sky(place.lat, place.lon)
        m = self.messages.reader(language)
        key = (event.id, zone.name, language.locale)
        return out.LocalAnswer(
            event=event.id,
            wave_window=self.memo.get(("wave_window", event.id), lambda: window(event.wave_window)),
            place=place_out(place),
            local=self.memo.get(("local", *key), lambda: local_out(event, zone, m)),
            sky=sky_out(seen, zone, place, m),
            excerpts=self._excerpts(event, seen.start),
            language=language_out(language),
        )

    def view(self, question: Question) -> out.ViewAnswer:
        """Earth as the event's camera saw it, and where the question's place (if any) lay on
        it."""
        event = self.event(question.event_id)
        return self.view_of(event, self.place(question.where), question.language)

    def view_of(
        self, event: Event, place: Place | None, language: LanguageChoice
    ) -> out.ViewAnswer:
        """`view` for a place already found (or none)."""
        view = self.views[event.id]
        m = self.messages.reader(language)
        seen = None
        if place is not None:
            seen = view_place_out(place, self.disks[event.id], event.target_body, m)
        return replace(
            self.memo.get(("view", event.id), lambda: view_out(event, view)),
            place=seen,
            language=language_out(language),
        )

    def _excerpts(self, event: Event, seen: SkyAt) -> list[out.SupportingExcerptOut]:
        """The article excerpts behind the statements this answer makes."""
        statements = statements_for(
            event,
            sunlit=seen.sunlit,
            target_altitude_deg=seen.target.altitude_deg,
            in_picture=seen.in_picture,
        )
        corpus = self.corpus
        return self.memo.get(
            ("excerpts", event.id, tuple(statements)),
            lambda: [
                support_out(s, corpus.articles, corpus.facts)
                for s in corpus.support.excerpts_for(event, statements)
            ],
        )


# --- building the answer types from domain objects -----------------------------------------------


# Window ends and image times repeat; a transition's instant is a place's own, so the bound
# matters: 1,024 short strings, about 150 KB.
@lru_cache(maxsize=1024)
def iso_utc(instant: datetime) -> str:
    """`2013-07-19T21:27:00Z`, rounded to the second. Kept: every answer writes the same few
    instants (the window's ends and samples), and strftime is slow."""
    return round_second(instant.astimezone(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")


def round_second(instant: datetime) -> datetime:
    return (instant + timedelta(microseconds=500_000)).replace(microsecond=0)


def window(w: Window) -> out.WindowOut:
    return out.WindowOut(
        start=iso_utc(w.start), end=iso_utc(w.end), note=w.note, sources=list(w.sources)
    )


def optional_window(w: Window | None) -> out.WindowOut | None:
    return window(w) if w is not None else None


def local_out(event: Event, zone: ResolvedZone, m: Messages) -> out.LocalWindowOut:
    w = local_window(event.wave_window.start, event.wave_window.end, zone)
    return out.LocalWindowOut(
        start=w.start.instant.isoformat(timespec="seconds"),
        end=w.end.instant.isoformat(timespec="seconds"),
        tz=w.zone.name,
        canonical_tz=w.zone.canonical,
        abbreviation=w.start.abbreviation,
        utc_offset=w.start.utc_offset,
        dst=w.start.dst,
        display=window_display(w, m),
        date=w.local_date,
        utc_date=w.utc_date,
        date_differs_from_utc=w.day_offset != 0,
        day_offset=w.day_offset,
    )


def world_row(w: LocalWindow) -> out.WorldRow:
    return out.WorldRow(
        tz=w.zone.name,
        canonical_tz=w.zone.canonical,
        link=w.zone.is_link,
        utc_offset=w.start.utc_offset,
        abbreviation=w.start.abbreviation,
        dst=w.start.dst,
        start=w.start.instant.isoformat(timespec="seconds"),
        end=w.end.instant.isoformat(timespec="seconds"),
    )


# Keyed by the language choice: a few per language tag people send, 256 of a few dozen bytes.
@lru_cache(maxsize=256)
def language_out(choice: LanguageChoice) -> out.LanguageOut:
    return out.LanguageOut(
        requested=choice.requested,
        used=choice.used,
        fallback=choice.fallback,
        locale=choice.locale,
    )


def place_out(p: Place) -> out.PlaceOut:
    return out.PlaceOut(
        name=p.name,
        admin1=p.admin1,
        country_code=p.country_code,
        country=p.country,
        lat=hundred_thousandths(p.lat),
        lon=hundred_thousandths(p.lon),
        tz=p.tz,
        canonical_tz=p.canonical_tz or p.tz,
        population=p.population,
        geonames_id=p.geonames_id,
        resolved_from=cast(out.ResolvedFrom, p.resolved_from),
        note=p.note,
        admin1_code=p.admin1_code,
        query=p.query,
        ambiguous=p.ambiguous,
        matched=p.matched,
        alternatives=[
            # A candidate's fields are the domain's, its point rounded as the place's is.
            out.CandidateOut(
                **(vars(c) | {"lat": hundred_thousandths(c.lat), "lon": hundred_thousandths(c.lon)})
            )
            for c in p.alternatives
        ],
    )


# A local answer's angles: to the hundredth of a degree, a point's coordinates to the
# hundred-thousandth (about a metre). Rounded through an integer, as `round(value, 2)` would
# round them (the same result for each of two million random angles tried), in a third of its
# time: `round` with digits goes through a decimal conversion, and an answer rounds a dozen.
def hundredths(value: float) -> float:
    return round(value * 100.0) / 100.0


def hundred_thousandths(value: float) -> float:
    return round(value * 100_000.0) / 100_000.0


def _optional_round(value: float | None) -> float | None:
    return None if value is None else hundredths(value)


def _azimuth(azimuth_deg: float) -> float:
    return hundredths(azimuth_deg) % 360.0


def _sky_at_fields(s: SkyAt, m: Messages) -> dict:
    """One instant's sky as the answer's fields."""
    return {
        "instant": iso_utc(s.instant),
        "sun": out.SunOut(
            altitude_deg=hundredths(s.sun.altitude_deg),
            apparent_altitude_deg=_optional_round(s.sun.apparent_altitude_deg),
            azimuth_deg=_azimuth(s.sun.azimuth_deg),
            compass=s.sun.compass,
            phase=cast(out.Phase, s.sun.phase),
        ),
        "sunlit": s.sunlit,
        "target": out.TargetOut(
            body=s.target.body,
            altitude_deg=hundredths(s.target.altitude_deg),
            azimuth_deg=_azimuth(s.target.azimuth_deg),
            compass=s.target.compass,
            above_horizon=s.target.above_horizon,
        ),
        "in_picture": s.in_picture,
        "summary": words.summary(s, m),
    }


def sky_at_out(s: SkyAt, m: Messages) -> out.SkyAtOut:
    return out.SkyAtOut(**_sky_at_fields(s, m))


def transition_out(t: Transition, zone: ResolvedZone) -> out.TransitionOut:
    instant = round_second(t.instant)
    return out.TransitionOut(
        instant=iso_utc(instant),
        local=instant.astimezone(zone.tz).isoformat(timespec="seconds"),
        body=t.body,
        kind=cast(out.TransitionKind, t.kind),
    )


def sky_out(w: WindowSky, zone: ResolvedZone, p: Place, m: Messages) -> out.SkyOut:
    note = None
    if p.resolved_from == "timezone":
        # The place's note names the zone asked and the point that stands for it.
        note = f"{p.note} Give lat and lon for your own place."
    return out.SkyOut(
        **_sky_at_fields(w.start, m),
        at_end=sky_at_out(w.end, m),
        transitions=[transition_out(t, zone) for t in w.transitions],
        note=note,
    )


# --- Earth as the camera saw it --------------------------------------------------------------

VIEW_NOTE = (
    "Computed with astropy (builtin ephemeris) at start-up for the light that left Earth at the "
    "start of the imaging window: the disk is centred where the body stood at the zenith, north "
    "up; the spacecraft's offset from its body and the aberration of the outgoing light (under "
    "0.05 deg) are left out. Lit is the Sun's upper limb above the horizon, as in the local answer."
)


def _camera_pixels(event: Event, urad: float) -> list[out.CameraPixelsOut]:
    return [
        out.CameraPixelsOut(
            id=c.id,
            name=c.name,
            ifov_urad=c.ifov_urad,
            pixels=round(urad / c.ifov_urad, 2),
            sources=list(c.sources),
        )
        for c in event.cameras
    ]


def view_out(event: Event, view: EarthView) -> out.ViewAnswer:
    """The view's numbers, without a place: the same for every request about the event."""
    diameter = view.apparent_diameter_urad
    separation = view.moon_separation_urad
    return out.ViewAnswer(
        event=event.id,
        spacecraft=event.spacecraft,
        body=event.target_body,
        instant=iso_utc(view.earth_instant),
        body_instant=iso_utc(view.body_instant),
        distance_km=round(view.distance_km),
        sub_spacecraft_point=out.LatLonOut(
            lat=round(view.sub_body_lat_deg, 3), lon=round(view.sub_body_lon_deg, 3)
        ),
        subsolar_point=out.LatLonOut(
            lat=round(view.subsolar_lat_deg, 3), lon=round(view.subsolar_lon_deg, 3)
        ),
        phase_angle_deg=round(view.phase_angle_deg, 3),
        illuminated_fraction=round(view.illuminated_fraction, 4),
        apparent_diameter=out.ApparentSizeOut(
            urad=round(diameter, 3), cameras=_camera_pixels(event, diameter)
        ),
        moon=out.MoonInFrameOut(
            separation_urad=round(separation, 2),
            separation_earth_diameters=round(separation / diameter, 2),
            position_angle_deg=round(view.moon_position_angle_deg, 2),
            east_urad=round(view.moon_east_urad, 2),
            north_urad=round(view.moon_north_urad, 2),
            nearer_than_earth=view.moon_distance_km < view.distance_km,
            diameter=out.ApparentSizeOut(
                urad=round(view.moon_apparent_diameter_urad, 3),
                cameras=_camera_pixels(event, view.moon_apparent_diameter_urad),
            ),
            separation_pixels=_camera_pixels(event, separation),
        ),
        place=None,
        note=VIEW_NOTE,
        sources=list(dict.fromkeys(s for c in event.cameras for s in c.sources)),
        language=language_out(
            LanguageChoice(None, DEFAULT_LANGUAGE, False, default_locale(DEFAULT_LANGUAGE))
        ),
    )


def view_place_out(place: Place, disk: Disk, body: str, m: Messages) -> out.ViewPlaceOut:
    """Where a place lay on the disk, whether it faced the camera and was lit."""
    seen = disk.place(place.lat, place.lon)
    label = words.place_label(place, place.resolved_from, m)
    return out.ViewPlaceOut(
        place=place_out(place),
        visible=seen.visible,
        lit=seen.lit,
        in_picture=seen.visible and seen.lit,
        sun_altitude_deg=hundredths(seen.sun_altitude_deg),
        disk=out.DiskPositionOut(
            x=round(seen.x, 4),
            y=round(seen.y, 4),
            angle_from_centre_deg=round(seen.angle_from_centre_deg, 2),
        ),
        summary=words.view_summary(label, seen.visible, seen.lit, body, m),
    )


# --- the catalogue ------------------------------------------------------------------------------


def _computed_windows(event: Event, astro: EventAstronomy) -> out.ComputedOut:
    first, last = astro.window_light_paths
    note = (
        "Computed with astropy (builtin ephemeris), light-time iterated; anchored on the "
        f"{event.light_time_from}"
    )
    published = (
        event.spacecraft_window
        if event.light_time_from == "spacecraft_window"
        else event.wave_window
    )
    other = (
        event.wave_window
        if event.light_time_from == "spacecraft_window"
        else event.spacecraft_window
    )
    if published and other:
        published_s = (published.end - published.start).total_seconds()
        other_s = (other.end - other.start).total_seconds()
        if abs(published_s - other_s) > 1:
            note += (
                f". The published windows last {published_s:.0f} s and {other_s:.0f} s: the "
                "longer one was rounded out to whole minutes, so only the start is expected to "
                "match"
            )

    def span(a: datetime, b: datetime) -> out.WindowOut:
        return out.WindowOut(start=iso_utc(a), end=iso_utc(b), note=note, sources=[])

    return out.ComputedOut(
        wave_window=span(first.earth_instant, last.earth_instant),
        spacecraft_window=span(first.body_instant, last.body_instant),
        image_arrivals=[iso_utc(p.body_instant) for p in astro.image_light_paths],
    )


def cited_sources(event: Event, catalogue: Catalogue) -> list[out.SourceOut]:
    ids = dict.fromkeys(
        [
            *event.date_sources,
            *event.wave_window.sources,
            *(event.spacecraft_window.sources if event.spacecraft_window else ()),
            *event.published_light_time.sources,
            *event.published_distance.sources,
            *(s for f in event.facts for s in f.sources),
        ]
    )
    return [out.SourceOut(**vars(catalogue.sources[i])) for i in ids]


def event_out(e: Event, astro: EventAstronomy, catalogue: Catalogue) -> out.EventOut:
    light = astro.window_light_paths[0]
    return out.EventOut(
        id=e.id,
        name=e.name,
        spacecraft=e.spacecraft,
        target_body=e.target_body,
        date=e.date,
        wave_window=window(e.wave_window),
        spacecraft_window=optional_window(e.spacecraft_window),
        mosaic_window=optional_window(e.mosaic_window),
        image_times=[iso_utc(t) for t in e.image_times],
        light_time=out.LightTimeOut(
            published_s=e.published_light_time.value,
            basis=cast(out.FigureBasis, e.published_light_time.basis),
            derived_from=e.published_light_time.derived_from,
            computed_s=round(light.light_time_s, 1),
            difference_s=round(light.light_time_s - e.published_light_time.value, 1),
            computed_from=e.light_time_from,
            note=e.published_light_time.note,
            sources=list(e.published_light_time.sources),
        ),
        distance=out.DistanceOut(
            published_km=e.published_distance.value,
            basis=cast(out.FigureBasis, e.published_distance.basis),
            derived_from=e.published_distance.derived_from,
            computed_km=round(light.distance_km),
            note=e.published_distance.note,
            sources=list(e.published_distance.sources),
        ),
        computed=_computed_windows(e, astro),
        facts=[out.FactOut(fact=f.fact, value=f.value, sources=list(f.sources)) for f in e.facts],
        sources=cited_sources(e, catalogue),
    )
