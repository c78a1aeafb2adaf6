"""Add a news article to the corpus by URL: `python -m service.articles.ingest URL [--corpus DIR]`.

Fetching is defensive, since the page is someone else's server: connect and read timeouts, a
deadline for the whole body (a server dripping bytes cannot hold us), a size limit checked before
and while reading, an HTML or plain-text content type, a bounded number of redirects. The article
text is extracted with trafilatura (boilerplate, menus and comments dropped) and written with its
metadata as `<nnn>_<hash>.txt` and `.json`; the running service picks it up at its next start.

Limitation: the deadline is checked as the body arrives; while headers arrive only the per-read
timeout applies.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from service.articles.corpus import load_corpus, metadata_record
from service.errors import IngestRefused
from service.settings import default_corpus_dir

ACCEPTED_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
MIN_TEXT_CHARS = 200
USER_AGENT = "wave-at-saturn-ingest/1.0"
_NUMBERED = re.compile(r"^(\d+)_")


@dataclass(frozen=True)
class FetchLimits:
    max_bytes: int = 5_000_000
    connect_timeout_s: float = 5.0
    read_timeout_s: float = 10.0
    total_timeout_s: float = 30.0
    max_redirects: int = 5


@dataclass(frozen=True)
class Fetched:
    url: str
    content_type: str
    charset: str | None
    body: bytes


@dataclass(frozen=True)
class Extracted:
    text: str
    date: str | None
    publisher: str | None
    language: str | None


def _refuse(reason: str, message: str, **details: Any) -> IngestRefused:
    return IngestRefused(message, reason=reason, **details)


def _check_url(url: str) -> None:
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL:
        raise _refuse("bad_url", f"Give an http or https URL, not {url!r}.") from None
    if parsed.scheme not in ("http", "https") or not parsed.host:
        raise _refuse("bad_url", f"Give an http or https URL, not {url!r}.")


def _check_headers(response: httpx.Response, limits: FetchLimits) -> str:
    """The response's media type, once status, type and declared size pass."""
    if response.status_code != 200:
        raise _refuse(
            "http_status",
            f"{response.url} answered {response.status_code}.",
            status=response.status_code,
        )
    media_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type not in ACCEPTED_TYPES:
        raise _refuse(
            "wrong_type",
            f"{response.url} is {media_type or 'untyped'}, not an HTML or text page.",
            content_type=media_type,
            accepted=list(ACCEPTED_TYPES),
        )
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limits.max_bytes:
        raise _refuse(
            "too_large",
            f"{response.url} declares {declared} bytes; the limit is {limits.max_bytes}.",
            max_bytes=limits.max_bytes,
        )
    return media_type


def _read_body(chunks: Iterator[bytes], limits: FetchLimits, deadline: float) -> bytes:
    """Read until the end, the size limit, or the deadline, whichever comes first."""
    body = bytearray()
    for chunk in chunks:
        body += chunk
        if len(body) > limits.max_bytes:
            raise _refuse(
                "too_large",
                f"The page is over the {limits.max_bytes}-byte limit.",
                max_bytes=limits.max_bytes,
            )
        if time.monotonic() > deadline:
            raise _refuse(
                "too_slow",
                f"The page took over {limits.total_timeout_s:g} s to arrive.",
                total_timeout_s=limits.total_timeout_s,
            )
    return bytes(body)


def fetch(url: str, limits: FetchLimits = FetchLimits()) -> Fetched:
    """GET `url` within `limits`; every failure is an IngestRefused with a `reason`."""
    _check_url(url)
    deadline = time.monotonic() + limits.total_timeout_s
    timeout = httpx.Timeout(limits.read_timeout_s, connect=limits.connect_timeout_s)
    client = httpx.Client(
        timeout=timeout,
        follow_redirects=True,
        max_redirects=limits.max_redirects,
        headers={"User-Agent": USER_AGENT, "Accept": "text/html, text/plain;q=0.8"},
    )
    try:
        with client, client.stream("GET", url) as response:
            media_type = _check_headers(response, limits)
            body = _read_body(response.iter_bytes(), limits, deadline)
            return Fetched(str(response.url), media_type, response.charset_encoding, body)
    except httpx.TooManyRedirects:
        raise _refuse(
            "too_many_redirects",
            f"{url} redirects more than {limits.max_redirects} times.",
            max_redirects=limits.max_redirects,
        ) from None
    except httpx.TimeoutException:
        raise _refuse(
            "too_slow",
            f"{url} did not answer within {limits.read_timeout_s:g} s.",
            read_timeout_s=limits.read_timeout_s,
        ) from None
    except httpx.HTTPError as exc:
        raise _refuse("unreachable", f"{url} could not be fetched: {type(exc).__name__}.") from None


def _paragraphs(text: str) -> str:
    """One paragraph per line, a blank line between them, as the corpus articles are kept."""
    return "\n\n".join(line.strip() for line in text.splitlines() if line.strip())


def _html_language(html: str | bytes) -> str | None:
    from lxml import html as lxml_html

    try:
        return lxml_html.fromstring(html).get("lang") or None
    except (ValueError, TypeError):
        return None


def _decoded(fetched: Fetched) -> str | None:
    """The body as text by its declared charset; None when it declares none (or an unknown one)."""
    try:
        return fetched.body.decode(fetched.charset, errors="replace") if fetched.charset else None
    except LookupError:
        return None


def extract(fetched: Fetched) -> Extracted:
    """The article text and what the page says about itself."""
    text = _decoded(fetched)
    if fetched.content_type == "text/plain":
        plain = text if text is not None else fetched.body.decode("utf-8", errors="replace")
        return Extracted(_paragraphs(plain), None, None, None)
    import trafilatura
    from trafilatura.settings import Document

    # Without a usable charset the bytes go as they are: trafilatura detects the encoding.
    markup = text if text is not None else fetched.body
    document = trafilatura.bare_extraction(
        markup,
        url=fetched.url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
    )
    if not isinstance(document, Document) or not document.text:
        raise _refuse("no_article", f"No article text found at {fetched.url}.")
    return Extracted(
        _paragraphs(document.text), document.date, document.sitename, _html_language(markup)
    )


def next_article_id(corpus_dir: Path, url: str) -> str:
    """`<nnn>_<16 hex>`: the next sequence number in the folder and a digest of the URL."""
    numbers = [int(m.group(1)) for p in corpus_dir.glob("*.txt") if (m := _NUMBERED.match(p.name))]
    return f"{max(numbers, default=-1) + 1:03d}_{hashlib.sha256(url.encode()).hexdigest()[:16]}"


def _check_new(corpus_dir: Path, url: str, text: str) -> None:
    for article in load_corpus(corpus_dir).articles:
        if article.url == url or article.text == text:
            raise _refuse(
                "duplicate",
                f"The corpus already has this article as {article.id}.",
                article_id=article.id,
            )


def _write_atomically(path: Path, content: str) -> None:
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(content, encoding="utf-8")
    os.replace(temporary, path)


def ingest(url: str, corpus_dir: Path, limits: FetchLimits = FetchLimits()) -> Path:
    """Fetch, extract and write an article; returns the text file's path."""
    fetched = fetch(url, limits)
    extracted = extract(fetched)
    if len(extracted.text) < MIN_TEXT_CHARS:
        raise _refuse(
            "no_article", f"Only {len(extracted.text)} characters of text at {fetched.url}."
        )
    _check_new(corpus_dir, fetched.url, extracted.text)
    article_id = next_article_id(corpus_dir, fetched.url)
    record = metadata_record(
        article_id,
        extracted.text,
        language=extracted.language,
        date=extracted.date,
        publisher=extracted.publisher,
        url=fetched.url,
    )
    text_path = corpus_dir / f"{article_id}.txt"
    _write_atomically(
        corpus_dir / f"{article_id}.json", json.dumps(record, indent=2, ensure_ascii=False) + "\n"
    )
    _write_atomically(text_path, extracted.text)
    return text_path


def argument_parser(prog: str) -> argparse.ArgumentParser:
    """The command line of an ingest: the URL, the corpus folder and the fetch limits."""
    parser = argparse.ArgumentParser(prog=prog, description="Add a news article to the corpus.")
    parser.add_argument("url")
    parser.add_argument(
        "--corpus", type=Path, default=None, help="corpus folder (default: CORPUS_DIR or ./corpus)"
    )
    parser.add_argument("--max-bytes", type=int, default=FetchLimits.max_bytes)
    parser.add_argument(
        "--timeout",
        type=float,
        default=FetchLimits.total_timeout_s,
        help="seconds for the whole body",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = argument_parser("python -m service.articles.ingest").parse_args(argv)
    corpus_dir = args.corpus or Path(os.environ.get("CORPUS_DIR") or default_corpus_dir())
    limits = FetchLimits(max_bytes=args.max_bytes, total_timeout_s=args.timeout)
    try:
        path = ingest(args.url, corpus_dir, limits)
    except IngestRefused as exc:
        print(f"error ({exc.details['reason']}): {exc.message}", file=sys.stderr)
        return 2
    print(f"added {path.stem}: {path} and {path.with_suffix('.json').name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
