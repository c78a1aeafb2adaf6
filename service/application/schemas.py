"""Response schemas: what the API promises, published in its OpenAPI document."""

from __future__ import annotations

from dataclasses import field
from typing import Annotated, Literal

from pydantic import BaseModel, Field

from service.application.corpus_schemas import SupportingExcerptOut
from service.values import value_type

# The domain's words for these, checked by the answer types' tests.
ResolvedFrom = Literal["city", "coordinates", "timezone"]
Phase = Literal["day", "civil_twilight", "nautical_twilight", "astronomical_twilight", "night"]
TransitionKind = Literal["sunrise", "sunset", "target_rise", "target_set"]


class ErrorDetail(BaseModel, extra="allow"):
    code: str = Field(description="Stable machine-readable error name")
    message: str = Field(description="What went wrong and how to fix the request")


class ErrorResponse(BaseModel):
    error: ErrorDetail


class SourceOut(BaseModel):
    id: str
    title: str
    publisher: str | None
    date: str | None
    url: str | None


@value_type
class WindowOut:
    start: Annotated[str, Field(description="UTC, ISO 8601", examples=["2013-07-19T21:27:00Z"])]
    end: Annotated[str, Field(description="UTC, ISO 8601", examples=["2013-07-19T21:42:00Z"])]
    note: str | None = None
    sources: list[str] = field(default_factory=list)


FigureBasis = Literal["published", "derived"]
BASIS_DESCRIPTION = (
    "How the `published_` figure came from the sources: `published`, as a source states it; "
    "`derived`, worked out from figures they state, as `derived_from` says"
)


class LightTimeOut(BaseModel):
    published_s: float
    basis: FigureBasis = Field(description=BASIS_DESCRIPTION)
    derived_from: str | None = Field(
        default=None, description="For a derived figure: the published figures behind it"
    )
    computed_s: float
    difference_s: float = Field(description="computed minus published")
    computed_from: str = Field(description="Which published window the light path was anchored on")
    note: str
    sources: list[str]


class DistanceOut(BaseModel):
    published_km: float
    basis: FigureBasis = Field(description=BASIS_DESCRIPTION)
    derived_from: str | None = Field(
        default=None, description="For a derived figure: the published figures behind it"
    )
    computed_km: float
    note: str
    sources: list[str]


class ComputedOut(BaseModel):
    wave_window: WindowOut = Field(description="Earth window implied by the computed light-time")
    spacecraft_window: WindowOut = Field(
        description="Spacecraft window implied by the computed light-time"
    )
    image_arrivals: list[str] = Field(
        description="When each published image time's light reached the body"
    )


class FactOut(BaseModel):
    fact: str
    value: str
    sources: list[str]


class EventOut(BaseModel):
    id: str
    name: str
    spacecraft: str
    target_body: str
    date: str
    wave_window: WindowOut
    spacecraft_window: WindowOut | None
    mosaic_window: WindowOut | None
    image_times: list[str]
    light_time: LightTimeOut
    distance: DistanceOut
    computed: ComputedOut
    facts: list[FactOut]
    sources: list[SourceOut]


class EventList(BaseModel):
    events: list[EventOut]


@value_type
class LocalWindowOut:
    start: Annotated[str, Field(examples=["2013-07-20T01:27:00+04:00"])]
    end: Annotated[str, Field(examples=["2013-07-20T01:42:00+04:00"])]
    tz: Annotated[
        str,
        Field(
            description="The zone as asked or as the place's data gives it (an IANA name, a "
            "link kept as a link), or UTC±hh:mm for a fixed offset",
            examples=["Asia/Calcutta"],
        ),
    ]
    canonical_tz: Annotated[
        str,
        Field(
            description="The canonical IANA zone whose rules `tz` follows (`tz` itself unless "
            "it is a link)",
            examples=["Asia/Kolkata"],
        ),
    ]
    abbreviation: str
    utc_offset: Annotated[str, Field(examples=["-04:00"])]
    dst: bool
    display: Annotated[
        str,
        Field(
            description="Date and window in the answer's language (`lang`, Accept-Language)",
            examples=["vendredi 19 juillet 2013, 17:27–17:42 EDT (UTC-04:00)"],
        ),
    ]
    date: Annotated[str, Field(description="Local calendar date at the window start")]
    utc_date: str
    date_differs_from_utc: bool
    day_offset: Annotated[int, Field(description="Local date minus UTC date: -1, 0 or +1")]


@value_type
class CandidateOut:
    name: str
    admin1: Annotated[
        str | None,
        Field(description="Region name (GeoNames admin1); null where the data names none"),
    ]
    admin1_code: str
    country_code: str
    country: str | None
    population: int
    geonames_id: int
    lat: float
    lon: float
    tz: str
    query: Annotated[
        str,
        Field(description="The city query that finds this place", examples=["Pasadena, CA, US"]),
    ]


@value_type
class PlaceOut:
    name: str | None
    admin1: Annotated[
        str | None,
        Field(description="Region name (GeoNames admin1); null where the data names none"),
    ]
    country_code: str | None
    country: str | None
    lat: float
    lon: float
    tz: Annotated[
        str,
        Field(
            description="The zone that keeps the place's clocks, as asked or as GeoNames gives "
            "it (a link stays a link: Atlantic/Reykjavik)"
        ),
    ]
    canonical_tz: Annotated[
        str, Field(description="The canonical IANA zone whose rules `tz` follows")
    ]
    population: int | None
    geonames_id: int | None
    resolved_from: ResolvedFrom
    note: Annotated[str | None, Field(description="Caveats about how the place was resolved")]
    admin1_code: Annotated[
        str | None, Field(description="GeoNames admin1 code of a city's region")
    ] = None
    query: Annotated[
        str | None, Field(description="For a city: the shortest query that finds it again")
    ] = None
    ambiguous: Annotated[
        bool,
        Field(
            description="Another city of this name has at least half as many people: "
            "check `alternatives`"
        ),
    ] = False
    alternatives: Annotated[
        list[CandidateOut],
        Field(description="Up to five other cities the name could mean, best first"),
    ] = field(default_factory=list)
    matched: Annotated[
        str | None,
        Field(
            description="Autocomplete: the alternate name the text matched (`Kiev` for Kyiv); "
            "null when it matched the place's own name",
            examples=["Kiev"],
        ),
    ] = None


class PlacesAnswer(BaseModel):
    query: str
    count: int
    places: list[PlaceOut] = Field(
        description="Population-ranked; each with its zone and coordinates"
    )


@value_type
class LanguageOut:
    requested: Annotated[
        str | None,
        Field(description="The `lang` given, else the first Accept-Language tag; null if neither"),
    ]
    used: Annotated[
        str,
        Field(
            description="The language of `local.display` and other human-facing text",
            examples=["fr"],
        ),
    ]
    fallback: Annotated[
        bool,
        Field(
            description="True when a language was asked for that is not offered: the text is "
            "English"
        ),
    ]
    locale: Annotated[
        str,
        Field(
            description="The CLDR locale whose patterns write dates, clocks and country names: "
            "the language with the tag's region when CLDR has the pair (en-US: en_US, 12-hour); "
            "a bare en, or no language at all, is en_GB (24-hour, as the window was announced)",
            examples=["en_US"],
        ),
    ]


@value_type
class SunOut:
    altitude_deg: Annotated[
        float,
        Field(
            description="Geometric altitude of the Sun's centre, no refraction "
            "(astropy AltAz with zero pressure)"
        ),
    ]
    apparent_altitude_deg: Annotated[
        float | None,
        Field(
            description="With standard refraction (Saemundsson's formula, Meeus eq. 16.4; "
            "10 C, 1010 hPa); null when the geometric altitude is below -1 deg, where no light "
            "of the Sun reaches the place and it has no apparent position"
        ),
    ]
    azimuth_deg: Annotated[float, Field(description="From north through east: north 0, east 90")]
    compass: Annotated[str, Field(description="Nearest of 16 compass points", examples=["W"])]
    phase: Annotated[
        Phase,
        Field(
            description="day: geometric altitude above -0.833 deg "
            "(upper limb above the horizon with standard refraction); "
            "civil above -6, nautical above -12, astronomical above -18; night below"
        ),
    ]


@value_type
class TargetOut:
    body: Annotated[
        str, Field(description="The body the spacecraft imaged Earth from", examples=["saturn"])
    ]
    altitude_deg: Annotated[
        float, Field(description="Geometric altitude of the body's centre, no refraction")
    ]
    azimuth_deg: Annotated[float, Field(description="From north through east: north 0, east 90")]
    compass: Annotated[str, Field(examples=["SSE"])]
    above_horizon: Annotated[
        bool, Field(description="The body's centre above 0 deg geometric altitude")
    ]


@value_type
class SkyAtOut:
    instant: Annotated[str, Field(description="UTC, ISO 8601", examples=["2013-07-19T21:27:00Z"])]
    sun: SunOut
    sunlit: Annotated[bool, Field(description="The Sun's phase is day")]
    target: TargetOut
    in_picture: Annotated[
        bool,
        Field(
            description="Sunlit and the target above the horizon: "
            "the lit side of Earth facing the camera"
        ),
    ]
    summary: Annotated[
        str,
        Field(
            description="In plain words: the Sun, the target, the verdict; in the answer's language"
        ),
    ]


@value_type
class TransitionOut:
    instant: Annotated[str, Field(description="UTC, ISO 8601, to the second")]
    local: Annotated[str, Field(description="The same instant on the answer's clock")]
    body: Annotated[str, Field(examples=["sun"])]
    kind: Annotated[
        TransitionKind,
        Field(
            description="Sunrise and sunset at -0.833 deg geometric altitude of the Sun's centre; "
            "the target rises and sets at 0 deg"
        ),
    ]


@value_type
class SkyOut(SkyAtOut):
    at_end: Annotated[SkyAtOut, Field(description="The same at the end of the wave window")]
    transitions: Annotated[
        list[TransitionOut], Field(description="Horizon crossings inside the window, in time order")
    ]
    note: Annotated[
        str | None,
        Field(description="Where the sky was computed, when that is not a point the caller gave"),
    ]


@value_type
class LocalAnswer:
    event: str
    wave_window: WindowOut
    place: PlaceOut
    local: LocalWindowOut
    sky: Annotated[
        SkyOut, Field(description="The sky over the place at the start of the wave window")
    ]
    excerpts: Annotated[
        list[SupportingExcerptOut],
        Field(description="Article excerpts supporting the answer's statements, verbatim"),
    ] = field(default_factory=list)
    language: Annotated[
        LanguageOut | None, Field(description="The language the human-facing text is in")
    ] = None


class AltitudeCondition(BaseModel):
    body: str
    min_altitude_deg: float | None
    max_altitude_deg: float | None


class RegionProperties(BaseModel):
    kind: Literal[
        "day",
        "civil_twilight",
        "nautical_twilight",
        "astronomical_twilight",
        "night",
        "facing_target",
        "in_picture",
        "subsolar_point",
        "sub_target_point",
    ]
    description: str
    conditions: list[AltitudeCondition] = Field(
        default_factory=list,
        description="Geometric altitudes that hold inside the region (all of them)",
    )


class RegionGeometry(BaseModel):
    type: Literal["MultiPolygon", "Point"]
    coordinates: list = Field(
        description="RFC 7946 [lon, lat] positions; exterior rings counter-clockwise"
    )


class RegionFeature(BaseModel):
    type: Literal["Feature"]
    properties: RegionProperties
    geometry: RegionGeometry


class RegionsAnswer(BaseModel):
    type: Literal["FeatureCollection"]
    event: str
    at: Literal["start", "end"]
    instant: str = Field(examples=["2013-07-19T21:27:00Z"])
    target_body: str
    features: list[RegionFeature]


class WorldRow(BaseModel):
    """One zone name's window; the CSV's columns in this order (the new ones last)."""

    tz: str
    utc_offset: str
    abbreviation: str
    dst: bool
    start: str
    end: str
    canonical_tz: str = Field(description="The zone whose rules it follows; itself if canonical")
    link: bool = Field(description="Whether `tz` is a tzdata link (another name for a zone)")


class WorldAnswer(BaseModel):
    event: str
    wave_window: WindowOut
    count: int
    zones: list[WorldRow]


class Health(BaseModel):
    status: str


class Readiness(BaseModel):
    status: str
    warming: list[str] = Field(
        description="What is still built in the background after readiness; empty once done"
    )


ERROR_RESPONSES: dict[int | str, dict] = {
    404: {"model": ErrorResponse, "description": "Unknown event, zone or place"},
    422: {"model": ErrorResponse, "description": "Malformed or out-of-range parameter"},
}


class CityInPictureOut(BaseModel):
    name: str
    admin1: str | None = Field(description="Region name; null where GeoNames names none")
    admin1_code: str | None
    country_code: str
    population: int
    lat: float
    lon: float
    sun_altitude_deg: float
    target_altitude_deg: float
    geonames_id: int


class CountryInPictureOut(BaseModel):
    country_code: str
    country: str
    continent: str = Field(description="GeoNames continent code: AF, AN, AS, EU, NA, OC, SA")
    cities_in_picture: int
    cities_in_gazetteer: int
    population_in_picture: int
    largest_cities: list[str]


class InPictureAnswer(BaseModel):
    event: str
    instant: str
    target_body: str
    definition: str
    cities_checked: int
    cities_in_picture: int
    continents: list[str]
    countries: list[CountryInPictureOut]
    cities: list[CityInPictureOut]


# --- Earth as the camera saw it (`/v1/events/{event_id}/view`) ----------------------------------


@value_type
class LatLonOut:
    lat: Annotated[float, Field(description="Geodetic latitude, degrees")]
    lon: Annotated[float, Field(description="Longitude, degrees east")]


@value_type
class CameraPixelsOut:
    id: Annotated[str, Field(examples=["iss-nac"])]
    name: str
    ifov_urad: Annotated[float, Field(description="Angular size of one pixel, microradians")]
    pixels: Annotated[float, Field(description="The size in this camera's pixels")]
    sources: list[str]


@value_type
class ApparentSizeOut:
    urad: Annotated[float, Field(description="Angular diameter seen from the body, microradians")]
    cameras: Annotated[
        list[CameraPixelsOut], Field(description="The same in pixels of each catalogued camera")
    ]


@value_type
class MoonInFrameOut:
    separation_urad: Annotated[
        float, Field(description="From Earth's centre to the Moon's, microradians")
    ]
    separation_earth_diameters: float
    position_angle_deg: Annotated[
        float,
        Field(description="Direction from Earth in the frame, Earth's north up: 0 up, 90 right"),
    ]
    east_urad: Annotated[float, Field(description="Offset to the right (east), microradians")]
    north_urad: Annotated[float, Field(description="Offset upward (north), microradians")]
    nearer_than_earth: Annotated[bool, Field(description="The Moon was nearer the camera")]
    diameter: ApparentSizeOut
    separation_pixels: Annotated[
        list[CameraPixelsOut], Field(description="The separation in each camera's pixels")
    ]


@value_type
class DiskPositionOut:
    x: Annotated[float, Field(description="East of the disk's centre, in Earth radii (-1 to 1)")]
    y: Annotated[float, Field(description="North of the disk's centre, in Earth radii (-1 to 1)")]
    angle_from_centre_deg: Annotated[
        float, Field(description="Arc from the point under the body; above 90 on the far side")
    ]


@value_type
class ViewPlaceOut:
    place: PlaceOut
    visible: Annotated[
        bool,
        Field(description="On the hemisphere facing the camera (the body above the horizon)"),
    ]
    lit: Annotated[
        bool, Field(description="Sunlit: the Sun's upper limb above the horizon, with refraction")
    ]
    in_picture: Annotated[bool, Field(description="Visible and lit: on the lit part of the disk")]
    sun_altitude_deg: Annotated[float, Field(description="Geometric, at the view's instant")]
    disk: Annotated[
        DiskPositionOut,
        Field(description="Where on the disk, north up; on the far side, where it lay behind"),
    ]
    summary: Annotated[str, Field(description="In the answer's language")]


@value_type
class ViewAnswer:
    event: str
    spacecraft: str
    body: Annotated[str, Field(description="Where the camera was", examples=["saturn"])]
    instant: Annotated[
        str,
        Field(
            description="When the light the camera recorded left Earth (UTC): the light path "
            "of the start of the imaging window",
            examples=["2013-07-19T21:26:54Z"],
        ),
    ]
    body_instant: Annotated[str, Field(description="When that light reached the body (UTC)")]
    distance_km: float
    sub_spacecraft_point: Annotated[
        LatLonOut,
        Field(description="Where the spacecraft's body stood at the zenith: the disk's centre"),
    ]
    subsolar_point: Annotated[LatLonOut, Field(description="Where the Sun stood at the zenith")]
    phase_angle_deg: Annotated[
        float, Field(description="Sun-Earth-spacecraft angle: 0 a full Earth, 180 a new one")
    ]
    illuminated_fraction: Annotated[
        float, Field(description="Lit fraction of the disk's area, (1 + cos phase) / 2")
    ]
    apparent_diameter: ApparentSizeOut
    moon: MoonInFrameOut
    place: Annotated[
        ViewPlaceOut | None, Field(description="The place asked about (city, lat and lon, tz)")
    ]
    note: str
    sources: list[str]
    language: LanguageOut
