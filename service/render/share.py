"""The share image: a 1200 x 630 PNG for link previews (`og:image`), drawn as SVG and rasterised
on the server.

Social sites and chat apps read `og:image` and want a raster image; they ignore SVG. The picture
says the place, the local time, the verdict and shows the small globe. It is drawn as SVG (the
globe's path data made at start-up, `service.render.globe`) and rasterised by resvg through
resvg-py: a self-contained wheel (no system library such as Cairo), whose text shaping and
rendering do not depend on the machine's font configuration. Its fonts are named here and
nothing else: Noto Sans CJK (Debian's fonts-noto-cjk, installed by the Makefile and the image),
which covers the Latin of en, fr, de, es and pt and the kana and kanji of ja. The size is fixed:
no caller chooses dimensions.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from service.astronomy.disk import Point2
from service.render.globe import GlobeLayer, globe_group
from service.render.measure import wrap

WIDTH_PX = 1200
HEIGHT_PX = 630
FONT_DIR = "/usr/share/fonts/opentype/noto"
FONT_FILES = (f"{FONT_DIR}/NotoSansCJK-Regular.ttc", f"{FONT_DIR}/NotoSansCJK-Bold.ttc")
FONT_FAMILY = "Noto Sans CJK JP"
FONT_PACKAGE = "fonts-noto-cjk"
TEXT_LEFT_PX = 64
TEXT_WIDTH_PX = 560
GLOBE_CENTRE = (916.0, 315.0)
GLOBE_RADIUS_PX = 250.0
YES = "#ffd166"
NO = "#ff9eb1"


class FontsMissing(RuntimeError):
    """The share image's fonts are not installed: its text would not be drawn."""


@dataclass(frozen=True)
class ShareText:
    """Every word on the image, in the reader's language; `verdict` None without a place."""

    heading: str
    title: str
    time: str
    date: str
    verdict: str | None
    in_picture: bool
    reason: str
    language: str


def fonts(paths: Sequence[str] = FONT_FILES) -> tuple[str, ...]:
    """The font files, checked once at start-up: a missing one is an installation error."""
    missing = [p for p in paths if not os.path.isfile(p)]
    if missing:
        raise FontsMissing(
            f"The share image needs {', '.join(missing)}: install the Debian package "
            f"{FONT_PACKAGE} (make installs it; so does the image)."
        )
    return tuple(paths)


def _text_block(
    lines: Sequence[str], y_px: float, font_px: float, fill: str, bold: bool = False
) -> tuple[str, float]:
    """`<text>` lines from baseline `y_px`; returns them and the next free baseline."""
    weight = ' font-weight="bold"' if bold else ""
    out = []
    for line in lines:
        out.append(
            f'<text x="{TEXT_LEFT_PX}" y="{y_px:.0f}" font-size="{font_px:.0f}" fill="{fill}"'
            f"{weight}>{escape(line)}</text>"
        )
        y_px += font_px * 1.22
    return "".join(out), y_px


def share_svg(globe: GlobeLayer, marker: Point2 | None, marker_label: str, text: ShareText) -> str:
    """The share image as SVG, 1200 x 630."""
    parts = []
    block, y = _text_block(wrap(text.heading, 26, TEXT_WIDTH_PX, 1), 84, 26, "#b8c4dc")
    parts.append(block)
    block, y = _text_block(wrap(text.title, 52, TEXT_WIDTH_PX, 2), y + 44, 52, "#f1f4fb", True)
    parts.append(block)
    block, y = _text_block([text.time], y + 44, 84, "#ffffff", True)
    parts.append(block)
    block, y = _text_block(wrap(text.date, 26, TEXT_WIDTH_PX, 2), y - 34, 26, "#d6def0")
    parts.append(block)
    if text.verdict is not None:
        colour = YES if text.in_picture else NO
        block, y = _text_block(wrap(text.verdict, 40, TEXT_WIDTH_PX, 1), y + 30, 40, colour, True)
        parts.append(block)
    room = max(1, int((HEIGHT_PX - 40 - y) // (24 * 1.22)))
    block, _ = _text_block(wrap(text.reason, 24, TEXT_WIDTH_PX, min(room, 4)), y + 4, 24, "#d6def0")
    parts.append(block)
    band = YES if text.in_picture else "#3b4a6b"
    return "".join(
        [
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH_PX}" height="{HEIGHT_PX}" '
            f'viewBox="0 0 {WIDTH_PX} {HEIGHT_PX}" xml:lang={quoteattr(text.language)} '
            f"font-family={quoteattr(FONT_FAMILY)}>",
            f'<rect width="{WIDTH_PX}" height="{HEIGHT_PX}" fill="#0b1026"/>',
            f'<rect width="12" height="{HEIGHT_PX}" fill="{band}"/>',
            *parts,
            globe_group(globe, GLOBE_CENTRE, GLOBE_RADIUS_PX, marker, marker_label),
            "</svg>",
        ]
    )


def render_png(svg: str, font_files: Sequence[str], language: str) -> bytes:
    """The SVG as PNG, with only the named fonts (no system font scan, nothing fetched)."""
    import resvg_py

    return bytes(
        resvg_py.svg_to_bytes(
            svg_string=svg,
            skip_system_fonts=True,
            font_files=list(font_files),
            font_family=FONT_FAMILY,
            sans_serif_family=FONT_FAMILY,
            languages=[language],
        )
    )
