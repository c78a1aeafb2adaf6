"""Ingest against a loopback HTTP server, friendly and hostile: huge, slow, mistyped, looping."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from service.articles.corpus import load_corpus
from service.articles.ingest import FetchLimits, fetch, ingest, main, next_article_id
from service.errors import IngestRefused

PARAGRAPHS = [
    "NASA's Cassini spacecraft photographed Earth from Saturn's shadow on Friday, July 19, 2013.",
    "People across North America went outside at 5:27 p.m. EDT to wave at the ringed planet, which "
    "was more than a billion kilometres away.",
    "The U.S. space agency said the narrow-angle camera saw Earth and the Moon as two dots.",
]
ARTICLE = (
    '<!doctype html><html lang="en"><head><title>Earth waves at Saturn | Example Post</title>\n'
    f"""<meta property="og:site_name" content="Example Post"></head><body>
<nav><a href="/">Home</a> <a href="/science">Science</a></nav>
<article><h1>Earth waves at Saturn</h1>{"".join(f"<p>{p}</p>" for p in PARAGRAPHS)}</article>
<footer>Copyright Example Post. All rights reserved.</footer></body></html>"""
).encode()
LIMITS = FetchLimits(
    max_bytes=64_000,
    connect_timeout_s=1.0,
    read_timeout_s=0.5,
    total_timeout_s=0.8,
    max_redirects=3,
)


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep test output quiet
        pass

    def _head(
        self,
        status: int = 200,
        content_type: str = "text/html; charset=utf-8",
        length: int | None = None,
    ):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        if length is not None:
            self.send_header("Content-Length", str(length))
        self.end_headers()

    def _stream(self, chunks: Iterator[bytes], pause_s: float = 0.0) -> None:
        """Write until the client hangs up (or the generator ends), so no server thread lingers."""
        try:
            for chunk in chunks:
                self.wfile.write(chunk)
                self.wfile.flush()
                time.sleep(pause_s)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def do_GET(self) -> None:
        route = getattr(self, "route_" + self.path.strip("/").replace("-", "_"), None)
        if route is None:
            self._head(404, "text/plain", 0)
            return
        route()

    def route_article(self):
        self._head(length=len(ARTICLE))
        self.wfile.write(ARTICLE)

    def route_plain(self):
        body = "\n".join(PARAGRAPHS).encode()
        self._head(content_type="text/plain", length=len(body))
        self.wfile.write(body)

    def route_moved(self):
        self.send_response(301)
        self.send_header("Location", "/article")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def route_loop(self):
        self.send_response(302)
        self.send_header("Location", "/loop")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def route_huge(self):  # no Content-Length: the size is only found by reading
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Connection", "close")
        self.end_headers()
        self._stream(b"<p>" + b"x" * 16_000 + b"</p>" for _ in range(1_000))

    def route_huge_declared(self):
        self._head(length=10**9)
        self._stream(b"x" * 16_000 for _ in range(1_000))

    def route_drip(self):  # one byte every 50 ms: each read is fast, the whole is too slow
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Connection", "close")
        self.end_headers()
        self._stream((b"<" for _ in range(200)), pause_s=0.05)

    def route_stall(self):
        self._head(length=len(ARTICLE))
        time.sleep(1.5)
        self._stream(iter([ARTICLE]))

    def route_pdf(self):
        self._head(content_type="application/pdf", length=8)
        self.wfile.write(b"%PDF-1.4")

    def route_empty_page(self):
        body = b"<html><body><nav>Home</nav></body></html>"
        self._head(length=len(body))
        self.wfile.write(body)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_ingest_writes_the_text_and_metadata_and_the_corpus_loads_it(server, tmp_path):
    path = ingest(f"{server}/article", tmp_path, LIMITS)
    assert path.name.startswith("000_") and path.suffix == ".txt"
    meta = json.loads(path.with_suffix(".json").read_text())
    assert meta["url"] == f"{server}/article"
    assert meta["publisher"] == "Example Post"
    assert meta["language"] == "en"
    (article,) = load_corpus(tmp_path).articles
    assert article.title == "Earth waves at Saturn"
    for paragraph in PARAGRAPHS:
        assert paragraph in article.text
    assert "Home" not in article.text and "Copyright" not in article.text


def test_a_second_article_gets_the_next_number_and_a_duplicate_is_refused(server, tmp_path):
    ingest(f"{server}/article", tmp_path, LIMITS)
    second = ingest(f"{server}/plain", tmp_path, LIMITS)
    assert second.name.startswith("001_")
    with pytest.raises(IngestRefused) as refused:
        ingest(f"{server}/moved", tmp_path, LIMITS)  # redirects to /article, already in
    assert refused.value.details["reason"] == "duplicate"
    assert next_article_id(tmp_path, "http://x").startswith("002_")


def test_a_redirect_is_followed_and_the_final_url_recorded(server):
    assert fetch(f"{server}/moved", LIMITS).url == f"{server}/article"


@pytest.mark.parametrize(
    "route, reason",
    [
        ("huge", "too_large"),
        ("huge-declared", "too_large"),
        ("drip", "too_slow"),
        ("stall", "too_slow"),
        ("pdf", "wrong_type"),
        ("loop", "too_many_redirects"),
        ("missing", "http_status"),
    ],
)
def test_hostile_servers_are_refused_within_the_limits(server, tmp_path, route, reason):
    started = time.monotonic()
    with pytest.raises(IngestRefused) as refused:
        ingest(f"{server}/{route}", tmp_path, LIMITS)
    assert refused.value.details["reason"] == reason
    # Bound: the total deadline (0.8 s) or one read timeout (0.5 s) past the last byte, with slack.
    assert time.monotonic() - started < 2.0
    assert list(tmp_path.iterdir()) == []


def test_a_page_without_an_article_is_refused(server, tmp_path):
    with pytest.raises(IngestRefused) as refused:
        ingest(f"{server}/empty-page", tmp_path, LIMITS)
    assert refused.value.details["reason"] == "no_article"


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://127.0.0.1/x", "not a url", "http://", "http://[::1"]
)
def test_only_http_urls_are_fetched(url):
    with pytest.raises(IngestRefused) as refused:
        fetch(url, LIMITS)
    assert refused.value.details["reason"] == "bad_url"


def test_nothing_listening_is_unreachable():
    with pytest.raises(IngestRefused) as refused:
        fetch("http://127.0.0.1:9/", LIMITS)
    assert refused.value.details["reason"] == "unreachable"


def test_command_line(server, tmp_path, capsys):
    assert main([f"{server}/article", "--corpus", str(tmp_path)]) == 0
    assert "added 000_" in capsys.readouterr().out
    assert main([f"{server}/pdf", "--corpus", str(tmp_path)]) == 2
    assert "wrong_type" in capsys.readouterr().err
