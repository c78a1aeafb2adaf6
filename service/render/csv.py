"""Tables as CSV downloads."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from fastapi.responses import Response


def csv_value(value: object) -> object:
    """Booleans as `true`/`false` and lists joined by `; `, so the cells read like the JSON."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return value


def csv_response(rows: Iterable[dict], fields: list[str], filename: str) -> Response:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields)
    writer.writeheader()
    writer.writerows({k: csv_value(v) for k, v in row.items()} for row in rows)
    return Response(
        out.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
