"""`/v1/events/{event_id}/in-picture`: the countries and largest cities sunlit and facing the
target."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response

from service.application.answer import hundredths, iso_utc
from service.application.schemas import (
    ERROR_RESPONSES,
    CityInPictureOut,
    CountryInPictureOut,
    InPictureAnswer,
)
from service.astronomy.in_picture import CityInPicture, CountryInPicture
from service.places.gazetteer import Regions
from service.render.csv import csv_response
from service.web.deps import EventDep, ResourcesDep

router = APIRouter(prefix="/v1/events", tags=["events"], responses=ERROR_RESPONSES)

DEFINITION = (
    "A city is in the picture when the Sun's upper limb is above its horizon (geometric altitude "
    "above -0.833 deg) and the target body's centre is above its horizon, at the window start."
)
CITY_FIELDS = list(CityInPictureOut.model_fields)
COUNTRY_FIELDS = list(CountryInPictureOut.model_fields)


@router.get(
    "/{event_id}/in-picture",
    response_model=InPictureAnswer,
    responses={200: {"content": {"text/csv": {}}, "description": "JSON, or CSV with ?format=csv"}},
)
async def in_picture(
    event: EventDep,
    resources: ResourcesDep,
    format: Annotated[Literal["json", "csv"], Query(description="json (default) or csv")] = "json",
    table: Annotated[
        Literal["cities", "countries"], Query(description="Which table a CSV holds")
    ] = "cities",
    limit: Annotated[
        int, Query(ge=1, le=50_000, description="How many cities the JSON lists, largest first")
    ] = 50,
) -> Response | InPictureAnswer:
    """Every gazetteer city judged at once; countries ranked by the population in the picture."""
    pictured = resources.in_picture[event.id]
    regions = resources.gazetteer.regions
    if format == "csv":
        if table == "cities":
            return csv_response(
                (dict(_city(c, regions)) for c in pictured.cities),
                CITY_FIELDS,
                f"{event.id}-in-picture-cities.csv",
            )
        return csv_response(
            (dict(_country(c)) for c in pictured.countries),
            COUNTRY_FIELDS,
            f"{event.id}-in-picture-countries.csv",
        )
    return InPictureAnswer(
        event=event.id,
        instant=iso_utc(pictured.instant),
        target_body=event.target_body,
        definition=DEFINITION,
        cities_checked=pictured.cities_checked,
        cities_in_picture=len(pictured.cities),
        continents=sorted({c.continent for c in pictured.countries}),
        countries=[_country(c) for c in pictured.countries],
        cities=[_city(c, regions) for c in pictured.cities[:limit]],
    )


def _city(seen: CityInPicture, regions: Regions) -> CityInPictureOut:
    city = seen.city
    return CityInPictureOut(
        name=city.name,
        admin1=regions.region_name(city),
        admin1_code=city.admin1_code or None,
        country_code=city.country_code,
        population=city.population,
        lat=city.lat,
        lon=city.lon,
        sun_altitude_deg=hundredths(seen.sun_altitude_deg),
        target_altitude_deg=hundredths(seen.target_altitude_deg),
        geonames_id=city.geonames_id,
    )


def _country(country: CountryInPicture) -> CountryInPictureOut:
    return CountryInPictureOut(
        country_code=country.country_code,
        country=country.country,
        continent=country.continent,
        cities_in_picture=country.cities_in_picture,
        cities_in_gazetteer=country.cities_in_gazetteer,
        population_in_picture=country.population_in_picture,
        largest_cities=list(country.largest_cities),
    )
