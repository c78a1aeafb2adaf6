"""The attacks of the edge review, replayed against the production launcher on loopback.

Each test sends what the attack run sent (a foreign Host, a forged scheme, oversized fields,
repeated fields, a malformed page URL) to `python -m service.serve` on 127.0.0.1, and checks
that no request changes what another client receives and that every refusal is marked uncacheable.
Clients that dribble, bursts, SIGTERM and damaged caches are in test_edge_launcher.py.
"""

from __future__ import annotations

import http.client
import json
import re
import socket
import time
from collections.abc import Iterator
from urllib.parse import quote

import pytest
import yaml

from service.server import percent_encode_high_bytes
from tests.launcher import ROOT, Launcher, launcher, read_response

BROWSER = ("User-Agent", "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0")
CURL = ("User-Agent", "curl/8.5.0")
PUBLIC_URL = "https://wave.example.org"
# A second loopback address stands for the TLS proxy in front: only it may say the scheme.
PROXY = "127.0.0.2"
# The tests of the `served` launcher, on one test process (pytest-xdist): one start for all.
ON_SERVED = pytest.mark.xdist_group("edge-attacks")


class Answer:
    def __init__(self, status: int, fields: list[tuple[str, str]], body: bytes) -> None:
        self.status, self.body = status, body
        self.fields: dict[str, str] = {}
        for name, value in fields:
            key = name.lower()
            self.fields[key] = f"{self.fields[key]}, {value}" if key in self.fields else value

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")


def ask(
    port: int,
    path: str,
    *fields: tuple[str, str],
    method: str = "GET",
    source: str = "127.0.0.1",
) -> Answer:
    """One request on a new connection, the fields sent as given (repeated ones too)."""
    connection = http.client.HTTPConnection(
        "127.0.0.1", port, timeout=15, source_address=(source, 0)
    )
    try:
        sends_host = any(name.lower() == "host" for name, _ in fields)
        connection.putrequest(method, path, skip_host=sends_host, skip_accept_encoding=True)
        for name, value in fields:
            connection.putheader(name, value)
        connection.endheaders()
        response = connection.getresponse()
        return Answer(response.status, response.getheaders(), response.read())
    finally:
        connection.close()


@pytest.fixture(scope="module")
def served(tmp_path_factory, warm_cache) -> Iterator[Launcher]:
    """The launcher as deployed without PUBLIC_URL, behind a proxy it trusts at 127.0.0.2."""
    with launcher(
        tmp_path_factory.mktemp("served"), CACHE_DIR=str(warm_cache), FORWARDED_ALLOW_IPS=PROXY
    ) as started:
        yield started


@pytest.fixture(scope="module")
def public(tmp_path_factory, warm_cache) -> Iterator[Launcher]:
    """The launcher as deployed with PUBLIC_URL."""
    with launcher(
        tmp_path_factory.mktemp("public"), CACHE_DIR=str(warm_cache), PUBLIC_URL=PUBLIC_URL
    ) as started:
        yield started


def canonical(answer: Answer) -> str:
    found = re.search(r'<link rel="canonical" href="([^"]+)"', answer.text)
    assert found, answer.text[:300]
    return found.group(1)


# 1. The answer store poisoned through Host.


@ON_SERVED
def test_a_foreign_host_is_refused_and_cannot_reach_other_clients(served):
    own = f"127.0.0.1:{served.port}"
    for _ in range(3):  # the store admits an answer on its second asking: ask more than that
        refused = ask(served.port, "/?city=Toronto", ("Host", "evil.example"), BROWSER)
        assert refused.status == 400 and json.loads(refused.body)["error"]["code"] == (
            "host_not_allowed"
        )
        assert refused.fields["cache-control"] == "no-store"
        assert ask(served.port, "/", ("Host", "evil.example"), CURL).status == 400
    page = ask(served.port, "/?city=Toronto", ("Host", own), BROWSER)
    assert page.status == 200 and canonical(page) == f"http://{own}/?city=Toronto"
    assert "evil.example" not in page.text
    usage = ask(served.port, "/", ("Host", own), CURL)
    assert f"curl http://{own}/Toronto" in usage.text and "evil" not in usage.text


def test_with_a_public_url_every_link_is_its_whatever_the_host(public):
    for _ in range(3):
        page = ask(public.port, "/?city=Toronto", ("Host", "evil.example"), BROWSER)
        assert page.status == 200 and canonical(page) == f"{PUBLIC_URL}/?city=Toronto"
        assert "evil.example" not in page.text
        oembed = ask(
            public.port,
            f"/oembed?url={quote(PUBLIC_URL + '/?city=Toronto', safe='')}",
            ("Host", "evil.example"),
        )
        assert oembed.status == 200, oembed.text
        assert f'src="{PUBLIC_URL}/embed?city=Toronto"' in json.loads(oembed.body)["html"]
        usage = ask(public.port, "/", ("Host", "evil.example"), CURL)
        assert f"curl {PUBLIC_URL}/Toronto" in usage.text and "evil" not in usage.text


# 4. The scheme behind a TLS proxy: believed from the proxy only, and never shared.


@ON_SERVED
def test_the_scheme_is_believed_from_the_trusted_proxy_only(served):
    page_url = quote(f"https://localhost:{served.port}/?city=Lima", safe="")
    for _ in range(3):
        via_proxy = ask(
            served.port,
            f"/oembed?url={page_url}",
            ("Host", f"localhost:{served.port}"),
            ("X-Forwarded-Proto", "https"),
            source=PROXY,
        )
        assert via_proxy.status == 200, via_proxy.text
        assert f'src="https://localhost:{served.port}/embed' in json.loads(via_proxy.body)["html"]
        forged = ask(
            served.port,
            "/?city=Lima",
            ("Host", f"localhost:{served.port}"),
            ("X-Forwarded-Proto", "https"),
            BROWSER,
        )
        assert canonical(forged).startswith(f"http://localhost:{served.port}/")


# 5. Refusals are never cacheable, and the limits run before the answer store.


@ON_SERVED
def test_refusals_carry_no_store_and_stored_answers_still_meet_the_limits(served):
    local = "/v1/events/cassini-2013/local?tz=UTC"
    for _ in range(3):
        assert ask(served.port, local).status == 200  # asked often enough to be stored
    big = ("X-Big", "a" * 17_000)
    for path, extra, status in [
        (local, [big], 431),
        ("/?city=Toronto", [big], 431),
        ("/" + "a" * 2000, [], 414),
        ("/v1/places?q=" + "a" * 3000, [], 422),
    ]:
        refused = ask(served.port, path, *extra)
        assert refused.status == status, path[:40]
        assert refused.fields["cache-control"] == "no-store", path[:40]
        assert "error" in json.loads(refused.body)


# 8. The smaller defects.


@ON_SERVED
def test_every_405_names_the_methods_allowed(served):
    for path in ("/v1/events", "/v1/events/cassini-2013/local?tz=UTC", "/Toronto"):
        refused = ask(served.port, path, method="POST")
        assert refused.status == 405 and refused.fields["allow"] == "GET, HEAD", path


@ON_SERVED
def test_a_repeated_accept_language_is_read_as_one_list_everywhere(served):
    local = "/v1/events/cassini-2013/local?tz=America/Toronto"
    for _ in range(3):  # the third is served from the store
        both = ask(served.port, local, ("Accept-Language", "tlh"), ("Accept-Language", "fr"))
        assert json.loads(both.body)["local"]["display"].startswith("vendredi 19 juillet 2013")
    alone = ask(served.port, local, ("Accept-Language", "tlh"))
    assert json.loads(alone.body)["language"] == {
        "requested": "tlh",
        "used": "en",
        "fallback": True,
        "locale": "en_GB",
    }


@ON_SERVED
def test_oembed_reads_the_page_url_by_the_question_parser(served):
    for bad in ("lang=!!", "lat=91&lon=0", "city=Toronto&city=Paris"):
        page = quote(f"http://127.0.0.1:{served.port}/?city=Toronto&{bad}", safe="")
        refused = ask(served.port, f"/oembed?url={page}")
        assert refused.status == 422, (bad, refused.text)
        assert json.loads(refused.body)["error"]["parameter"] == "url"


@ON_SERVED
@pytest.mark.parametrize(
    "path",
    ["/:help", "/?format=xml", "/Qwxzvbnm", "/?city=Toronto", "/Toronto", "/?lat=91&lon=0"],
)
def test_every_html_response_has_a_policy_nosniff_and_a_frame_rule(served, path):
    answer = ask(served.port, path, BROWSER)
    assert answer.fields["content-type"].startswith("text/html"), path
    assert "default-src 'none'" in answer.fields["content-security-policy"]
    assert answer.fields["x-content-type-options"] == "nosniff"
    assert answer.fields["x-frame-options"] == "SAMEORIGIN"


@ON_SERVED
def test_the_card_alone_may_be_framed_anywhere(served):
    card = ask(served.port, "/embed?city=Toronto", BROWSER)
    assert "frame-ancestors *" in card.fields["content-security-policy"]
    assert "x-frame-options" not in card.fields


# 9. The access log keeps out the places people ask about, in paths as in query strings.


@ON_SERVED
def test_short_paths_are_logged_as_their_template(served):
    for path in ("/Reykjavik", "/@64.1466,-21.9426", "/messenger-2013-07-19/Reykjavik"):
        assert ask(served.port, path, CURL).status == 200
    log = served.log_when('"path": "/{place}"', '"path": "/{event}/{place}"')
    assert "Reykjavik" not in log and "64.1466" not in log
    assert '"path": "/{place}"' in log and '"path": "/{event}/{place}"' in log


def test_as_deployed_the_ingress_scheme_and_the_public_url_make_the_links(tmp_path, warm_cache):
    """The manifest's own settings, behind its TLS ingress (127.0.0.2 here): a CMS asking for the
    embed gets an https iframe, whatever Host and scheme reached the pod."""
    manifest = yaml.safe_load((ROOT / "deploy" / "deployment.yaml").read_text())
    (container,) = manifest["spec"]["template"]["spec"]["containers"]
    env = {item["name"]: str(item["value"]) for item in container["env"]}
    wanted = {name: env[name] for name in ("PUBLIC_URL", "FORWARDED_ALLOW_IPS")}
    with launcher(tmp_path, CACHE_DIR=str(warm_cache), **wanted) as started:
        public = env["PUBLIC_URL"]
        page = quote(f"{public}/?city=Toronto", safe="")
        oembed = ask(
            started.port,
            f"/oembed?url={page}",
            ("Host", f"10.1.2.3:{started.port}"),
            ("X-Forwarded-Proto", "https"),
            source=PROXY,
        )
        assert oembed.status == 200, oembed.text
        frame = json.loads(oembed.body)["html"]
        assert f'src="{public}/embed?city=Toronto"' in frame and public.startswith("https://")


# 9. Any way a query is typed: raw UTF-8 and raw `+` from curl, and requests the parser cannot read.


def exchange(port: int, *parts: bytes, pause_s: float = 0.0) -> tuple[int, dict[str, str], bytes]:
    """Raw bytes on a new connection, in `parts` (a pause between them), and the one answer."""
    with socket.create_connection(("127.0.0.1", port), timeout=15) as sock:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        for part in parts:
            sock.sendall(part)
            time.sleep(pause_s)
        return read_response(sock)


def get(target: bytes, *fields: bytes) -> bytes:
    return b"GET " + target + b" HTTP/1.1\r\nHost: localhost\r\n" + b"".join(fields) + b"\r\n"


@ON_SERVED
@pytest.mark.parametrize(
    ("raw", "encoded"),
    [
        (
            "/v1/events/cassini-2013/local?city=東京",
            "/v1/events/cassini-2013/local?city=%E6%9D%B1%E4%BA%AC",
        ),
        ("/v1/events/cassini-2013/local?city=São Paulo", None),
        ("/東京?format=json", "/%E6%9D%B1%E4%BA%AC?format=json"),
        ("/v1/places?q=Zürich&limit=2", "/v1/places?q=Z%C3%BCrich&limit=2"),
    ],
)
def test_raw_utf8_in_a_request_line_answers_as_its_percent_encoded_form(served, raw, encoded):
    status, fields, body = exchange(served.port, get(raw.encode()))
    if encoded is None:  # a raw space ends the target: the parser cannot read the line
        assert status == 400 and json.loads(body)["error"]["code"] == "unreadable_request"
        return
    assert status == 200, body[:300]
    assert body == exchange(served.port, get(encoded.encode()))[2]


@ON_SERVED
@pytest.mark.parametrize(
    "target", [b"/\xff\xfe", b"/v1/events/cassini-2013/local?city=\xc3", b"/v1/places?q=\xe6\x9d"]
)
def test_raw_bytes_that_are_no_utf8_answer_as_their_percent_encoded_form(served, target):
    status, _, body = exchange(served.port, get(target, b"Accept: application/json\r\n"))
    encoded = percent_encode_high_bytes(target)
    assert (
        status < 500
        and (status, body)
        == exchange(served.port, get(encoded, b"Accept: application/json\r\n"))[::2]
    )


@ON_SERVED
def test_raw_utf8_survives_a_request_line_split_across_packets_and_kept_alive(served):
    line = get("/v1/events/cassini-2013/local?city=東京".encode())
    want = exchange(served.port, get(b"/v1/events/cassini-2013/local?city=Tokyo"))[2]
    assert exchange(served.port, line[:40], line[40:], pause_s=0.1)[2] == want
    with socket.create_connection(("127.0.0.1", served.port), timeout=15) as sock:
        for _ in range(2):  # the second request line on the connection is read the same way
            sock.sendall(line)
            assert read_response(sock)[2] == want


@ON_SERVED
@pytest.mark.parametrize(
    ("tz", "named"),
    [("UTC+05:30", "UTC+05:30"), ("Etc/GMT+5", "Etc/GMT+5"), ("+0530", "UTC+05:30")],
)
def test_a_raw_plus_in_a_zone_is_a_plus_on_the_real_server(served, tz, named):
    status, _, body = exchange(served.port, get(f"/v1/events/cassini-2013/local?tz={tz}".encode()))
    assert status == 200 and json.loads(body)["local"]["tz"] == named


@ON_SERVED
@pytest.mark.parametrize(
    "raw",
    [
        b"GET /a b HTTP/1.1\r\nHost: localhost\r\n\r\n",
        b"GET /\x01 HTTP/1.1\r\nHost: localhost\r\n\r\n",
        b"HELLO\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost localhost\r\n\r\n",
    ],
)
def test_a_request_the_parser_cannot_read_gets_the_one_error_shape(served, raw):
    status, fields, body = exchange(served.port, raw)
    assert status == 400
    assert fields["content-type"] == "application/json"
    assert fields["cache-control"] == "no-store" and fields["connection"] == "close"
    error = json.loads(body)["error"]
    assert error["code"] == "unreadable_request" and "percent-encoded" in error["message"]
    assert error["example"].startswith("GET /")
