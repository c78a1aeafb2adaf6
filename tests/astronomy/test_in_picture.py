"""The in-picture table: every gazetteer city judged at once, as the single-place answer would."""

from __future__ import annotations

import numpy as np

from service.astronomy.in_picture import in_picture
from service.astronomy.sky import sky_at


def test_table_agrees_with_the_single_place_answer(catalogue, astronomy, gazetteer):
    # Invariant: the vectorised table and the per-request closed form judge every city alike
    # (sampled: 400 cities, fixed seed).
    astro = astronomy["cassini-2013"]
    geometry = astro.geometry[catalogue.get("cassini-2013").wave_window.start]
    table = in_picture(gazetteer, geometry)
    pictured = {c.city.geonames_id for c in table.cities}
    rng = np.random.default_rng(7)
    cities = gazetteer.cities
    for i in rng.choice(len(cities), 400, replace=False):
        city = cities[i]
        assert sky_at(geometry, "saturn", city.lat, city.lon).in_picture == (
            city.geonames_id in pictured
        ), city.name
