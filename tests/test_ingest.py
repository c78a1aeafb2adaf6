"""`python -m service.ingest URL`: an article fetched from a loopback server is added, its claims
are printed checked, and after a restart the service lists them at /v1/articles/{id}."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from fastapi.testclient import TestClient

from service import ingest
from service.settings import Settings
from tests.domain_fixtures import CORPUS_DIR

PARAGRAPHS = [
    "Skywatchers across the United States stepped outside on Friday, July 19, 2013, to wave at "
    "Saturn while NASA's Cassini spacecraft photographed Earth.",
    "In Chicago people waved from 4:27-4:42 p.m. CDT; a university page had told its readers to "
    "wave at 5:30 pm EST instead.",
    "Cassini was 851 million miles from Earth, according to one blog, and the light took about "
    "80 minutes to reach the spacecraft.",
]
PAGE = (
    '<!doctype html><html lang="en"><head><title>Waving at Saturn | Loopback Gazette</title>'
    '<meta property="og:site_name" content="Loopback Gazette"></head><body><article>'
    f"<h1>Waving at Saturn</h1>{''.join(f'<p>{p}</p>' for p in PARAGRAPHS)}</article>"
    "</body></html>"
).encode()


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(PAGE)))
        self.end_headers()
        self.wfile.write(PAGE)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/waving-at-saturn"
    httpd.shutdown()
    httpd.server_close()


def test_ingest_prints_the_claims_and_a_restart_serves_them(server, tmp_path, capsys):
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS_DIR, corpus)
    assert ingest.main([server, "--corpus", str(corpus)]) == 0
    printed = capsys.readouterr().out
    assert "Right: “4:27-4:42 p.m. CDT”" in printed
    assert "Wrong: “5:30 pm EST”" in printed
    assert "Wrong: “851 million miles”" in printed
    (added,) = [p.stem for p in corpus.glob("003_*.txt")]

    settings = Settings(corpus_dir=corpus, cache_dir=Settings.from_env().cache_dir)
    from service.web.app import create_app

    with TestClient(create_app(settings)) as restarted:
        listed = {a["id"] for a in restarted.get("/v1/articles").json()["articles"]}
        assert added in listed
        answer = restarted.get(f"/v1/articles/{added}").json()
    assert answer["publisher"] == "Loopback Gazette"
    verdicts = {c["quote"]: c["verdict"] for c in answer["claims"]}
    assert verdicts["4:27-4:42 p.m. CDT"] == "agrees"
    assert verdicts["5:30 pm EST"] == "disagrees"
    assert verdicts["851 million miles"] == "disagrees"
    assert verdicts["80 minutes"] == "agrees"
