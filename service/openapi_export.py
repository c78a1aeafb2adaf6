"""Write the app's OpenAPI document: `python -m service.openapi_export openapi/openapi.json`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from service.web.app import create_app


def render() -> str:
    return json.dumps(create_app().openapi(), indent=2, sort_keys=True) + "\n"


if __name__ == "__main__":
    Path(sys.argv[1]).write_text(render())
