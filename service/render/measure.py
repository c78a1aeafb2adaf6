"""How much room text takes, estimated from average advances (no font is opened): lines broken
to fit a width, for the share image and the globe, whose text no browser lays out."""

from __future__ import annotations

import unicodedata

# Average advance of a Latin character in Noto Sans CJK, in ems; wide (CJK) characters take one.
LATIN_EM = 0.56


def _advance_em(ch: str) -> float:
    return 1.0 if unicodedata.east_asian_width(ch) in ("W", "F") else LATIN_EM


def wrap(text: str, font_px: float, width_px: float, max_lines: int) -> list[str]:
    """Lines that fit `width_px` at `font_px` (an estimate from average advances): broken at
    spaces, or anywhere between wide characters; the last line shortened with an ellipsis."""
    limit_em = width_px / font_px
    lines: list[str] = []
    line, line_em = "", 0.0
    for token in _tokens(text):
        token_em = sum(_advance_em(c) for c in token)
        if line and line_em + token_em > limit_em:
            lines.append(line.rstrip())
            line, line_em = token.lstrip(), sum(_advance_em(c) for c in token.lstrip())
        else:
            line, line_em = line + token, line_em + token_em
    if line.strip():
        lines.append(line.rstrip())
    if len(lines) > max_lines:
        last = lines[max_lines - 1]
        while last and sum(_advance_em(c) for c in last) + 1 > limit_em:
            last = last[:-1]
        lines = [*lines[: max_lines - 1], last.rstrip() + "…"]
    return lines


def _tokens(text: str) -> list[str]:
    """Words with their leading space; each wide character a token of its own."""
    tokens: list[str] = []
    for ch in text:
        wide = _advance_em(ch) == 1.0
        if not tokens or wide or ch == " " or _advance_em(tokens[-1][-1]) == 1.0:
            tokens.append(ch)
        else:
            tokens[-1] += ch
    return tokens
