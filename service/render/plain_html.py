"""A plain HTML page around a text answer or an error, for browsers on the short paths."""

from __future__ import annotations

from html import escape


def page(title: str, body_text: str, language: str = "en") -> str:
    """The text, escaped, in a minimal page that reads well on a phone."""
    return (
        "<!doctype html>\n"
        f'<html lang="{escape(language)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title>"
        "<style>body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:44rem;"
        "padding:0 1rem}pre{white-space:pre-wrap;font-size:1rem;line-height:1.5}</style>"
        "</head>\n"
        f"<body><h1>{escape(title)}</h1>\n<pre>{escape(body_text)}</pre></body></html>\n"
    )
