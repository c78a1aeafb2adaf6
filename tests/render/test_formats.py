"""The one function that picks JSON, text or HTML."""

from __future__ import annotations

from urllib.parse import parse_qsl

import pytest

from service.errors import InvalidParameter
from service.render.formats import choose_format, from_accept, from_agent

BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


def choose(query: str = "", accept: str | None = None, agent: str | None = None) -> str:
    """The format for a request with this query string and these headers."""
    return choose_format(dict(parse_qsl(query)).get("format"), accept, agent)


@pytest.mark.parametrize(
    "query, accept, agent, expected",
    [
        ("format=json", BROWSER_ACCEPT, FIREFOX, "json"),  # the parameter beats everything
        ("format=TEXT", "application/json", FIREFOX, "text"),
        ("format=html", "*/*", "curl/8.5.0", "html"),
        ("", "application/json", "curl/8.5.0", "json"),  # then an explicit Accept
        ("", "text/plain", FIREFOX, "text"),
        ("", BROWSER_ACCEPT, "curl/8.5.0", "html"),
        ("", "*/*", "curl/8.5.0", "text"),  # wildcards name nothing: the agent decides
        ("", None, "Wget/1.21.4", "text"),
        ("", "*/*", "HTTPie/3.2.2", "text"),
        ("", "*/*", "xh/0.22.0", "text"),
        (
            "",
            None,
            "Mozilla/5.0 (Windows NT 10.0; Microsoft Windows 10.0.19045; en-US) PowerShell/7.4.1",
            "text",
        ),
        ("", None, "lwp-request/6.77 libwww-perl/6.77", "text"),
        ("", "*/*", "python-requests/2.32.3", "json"),
        ("", "*/*", "Go-http-client/1.1", "json"),
        ("", BROWSER_ACCEPT, FIREFOX, "html"),
        ("", None, None, "html"),
    ],
)
def test_choose_format(query, accept, agent, expected):
    assert choose(query, accept, agent) == expected


def test_unknown_format_parameter_is_rejected():
    with pytest.raises(InvalidParameter, match="format must be one of"):
        choose("format=xml")


@pytest.mark.parametrize(
    "accept, expected",
    [
        ("application/json;q=0.5, text/plain", "text"),
        ("text/plain;q=0.2, text/html;q=0.9", "html"),
        ("text/html, application/json", "html"),  # equal quality: the first listed
        ("application/json;q=0, */*", None),  # q=0 means "not this"
        ("image/png", None),
        ("text/*", None),
        ("application/json;q=oops", None),
    ],
)
def test_accept_header(accept, expected):
    assert from_accept(accept) == expected


def test_unknown_agents_get_html():
    assert from_agent("SomeBot/1.0") == "html"
