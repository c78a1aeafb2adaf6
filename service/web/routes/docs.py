"""The API's documentation pages, /docs (Swagger UI) and /redoc (ReDoc), served from this origin.

FastAPI's own pages load their scripts from a CDN, with no integrity check, and fail offline. Here
the scripts and styles come from a PyPI package (`fastapi-offline`, which ships both bundles) and
are served under /static/docs/; Swagger UI's start-up is a script of ours served there too, so the
pages carry no inline script and their Content-Security-Policy allows scripts from this origin
only. Styles may be inline: both bundles set styles from script (ReDoc writes <style> elements).
"""

from __future__ import annotations

from importlib import resources

from fastapi import APIRouter, Response
from fastapi.responses import HTMLResponse

ASSETS_PACKAGE = "fastapi_offline"
PREFIX = "/static/docs"
OPENAPI_URL = "/openapi.json"
TITLE = "Wave at Saturn"
ASSET_TYPES = {
    "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
    "swagger-ui.css": "text/css; charset=utf-8",
    "redoc.standalone.js": "text/javascript; charset=utf-8",
    "favicon.png": "image/png",
}
# Swagger UI's start-up, with FastAPI's own settings for it.
SWAGGER_INIT = f"""window.ui = SwaggerUIBundle({{
  url: "{OPENAPI_URL}",
  dom_id: "#swagger-ui",
  layout: "BaseLayout",
  deepLinking: true,
  showExtensions: true,
  showCommonExtensions: true,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset],
}});
"""
CSP = "; ".join(
    (
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "worker-src 'self' blob:",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
    )
)
SWAGGER_PAGE = f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{TITLE}: API (Swagger UI)</title>
<link rel="icon" href="{PREFIX}/favicon.png">
<link rel="stylesheet" href="{PREFIX}/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="{PREFIX}/swagger-ui-bundle.js"></script>
<script src="{PREFIX}/swagger-init.js"></script>
</body>
</html>
"""
REDOC_PAGE = f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{TITLE}: API (ReDoc)</title>
<link rel="icon" href="{PREFIX}/favicon.png">
</head>
<body>
<redoc spec-url="{OPENAPI_URL}"></redoc>
<script src="{PREFIX}/redoc.standalone.js"></script>
</body>
</html>
"""

router = APIRouter(include_in_schema=False)


@router.get("/docs", response_class=HTMLResponse)
async def swagger_ui() -> HTMLResponse:
    """Swagger UI: the OpenAPI document, to read and to try."""
    return HTMLResponse(SWAGGER_PAGE, headers={"Content-Security-Policy": CSP})


@router.get("/redoc", response_class=HTMLResponse)
async def redoc() -> HTMLResponse:
    """ReDoc: the OpenAPI document, to read."""
    return HTMLResponse(REDOC_PAGE, headers={"Content-Security-Policy": CSP})


@router.get(f"{PREFIX}/swagger-init.js")
async def swagger_init() -> Response:
    return Response(SWAGGER_INIT, media_type="text/javascript; charset=utf-8")


def _asset_route(name: str, media_type: str) -> None:
    """A route for one packaged bundle: only these are served (anything else under /static/docs/
    falls through to /static, which has none of them)."""

    async def asset() -> Response:
        return Response(_asset_bytes(name), media_type=media_type)

    router.add_api_route(f"{PREFIX}/{name}", asset, methods=["GET"], name=f"docs_{name}")


for _name, _media_type in ASSET_TYPES.items():
    _asset_route(_name, _media_type)


def _asset_bytes(name: str) -> bytes:
    """Read when asked (not kept: 2.8 MB in all, asked for only by people reading the docs)."""
    return resources.files(ASSETS_PACKAGE).joinpath("static", name).read_bytes()
