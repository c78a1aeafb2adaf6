"""Quality values of Accept-style headers (RFC 9110, section 12.4.2), shared by the format and
language choices."""

from __future__ import annotations


def quality(params: str) -> float:
    """The `q` of one header element's parameters (`q=0.8;level=1`): 1 when absent, 0 when
    unreadable."""
    for param in params.split(";"):
        name, _, value = param.strip().partition("=")
        if name.strip().lower() == "q":
            try:
                return float(value)
            except ValueError:
                return 0.0
    return 1.0
