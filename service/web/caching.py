"""HTTP caching for every GET answer, whatever the route, applied by the gate (`service.web.gate`).

Every answer is a pure function of the request and the data version, and the events are in
the past, so a 200 answer gets a strong ETag (a hash of the data version, content type and body),
`Cache-Control: public` for a day with stale-while-revalidate, and `Vary: Accept,
Accept-Language` (merged with any Vary the route sets itself, e.g. `User-Agent` where curl gets
text); `If-None-Match` is answered with 304 (RFC 9110 13.1.2, weak comparison). 4xx answers are
cached briefly, 5xx and the health probes never. HEAD is answered as GET without the body.

Recent 200 answers are also kept in a bounded in-process store keyed like an HTTP cache
(path, query and the values of the request headers the answer varies on), so a popular place
is computed once per replica, not once per request. An answer is admitted on the second time its
question is asked (a doorkeeper, as in TinyLFU): the one-off questions that make most of the
traffic (a pair of coordinates) would otherwise push popular answers out and cost a copy each.
"""

from __future__ import annotations

import hashlib
import re
from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache

from starlette.types import Message, Scope, Send

from service.values import value_type

Headers = list[tuple[bytes, bytes]]

UNCACHED_PATHS = frozenset({"/healthz", "/readyz"})
# Fields a 304 leaves out of the 200 it stands for: the content's own metadata (RFC 9110 15.4.5).
# It keeps the rest: validators and caching fields, and the CORS and security fields with them.
NOT_MODIFIED_DROPS = frozenset(
    {
        b"content-length",
        b"content-type",
        b"content-encoding",
        b"content-language",
        b"content-disposition",
        b"transfer-encoding",
    }
)
_ENTITY_TAG = re.compile(rb'(?:W/)?("[\x21\x23-\x7e\x80-\xff]*")')


@dataclass(frozen=True)
class CachePolicy:
    max_age_s: int = 86_400
    stale_s: int = 604_800
    error_max_age_s: int = 60
    store_entries: int = 4096
    store_bytes: int = 32 * 1024 * 1024
    store_max_body_bytes: int = 1024 * 1024

    def ok(self) -> bytes:
        return (
            f"public, max-age={self.max_age_s}, stale-while-revalidate={self.stale_s}, "
            f"stale-if-error={self.stale_s}"
        ).encode()

    def client_error(self) -> bytes:
        return f"public, max-age={self.error_max_age_s}".encode()


@value_type
class Answer:
    """A complete response as sent: status, headers and body; `etag` is None when untagged.

    `vary` holds the lower-cased request fields the answer varies on; `storable` says whether
    the in-process store may keep it.
    """

    status: int
    headers: Headers
    body: bytes
    etag: bytes | None
    vary: tuple[bytes, ...] = ()
    storable: bool = False


def entity_tag(version: bytes, content_type: bytes, body: bytes) -> bytes:
    """SHA-256 (96 bits of it) over the data version, content type and body. SHA-256 rather than
    blake2b: OpenSSL's runs on the CPU's SHA instructions, twice as fast on a 6 KB answer here."""
    digest = hashlib.sha256(version + b"\0" + content_type + b"\0")
    digest.update(body)
    return b'"' + digest.hexdigest()[:24].encode() + b'"'


def none_match(if_none_match: bytes, etag: bytes) -> bool:
    """True when `If-None-Match` names this tag or `*`; W/ prefixes are ignored (weak
    comparison)."""
    if if_none_match.strip() == b"*":
        return True
    return any(match.group(1) == etag for match in _ENTITY_TAG.finditer(if_none_match))


def header(headers: Headers, name: bytes) -> bytes | None:
    """The value of a field, repeated fields joined with commas (RFC 9110 5.3)."""
    values = [value for key, value in headers if key == name]
    return b", ".join(values) if values else None


DEFAULT_VARY = b"Accept, Accept-Language"


# Keyed by a route's own Vary value: five distinct values in this app, so 64 is never reached.
@lru_cache(maxsize=64)
def merged_vary(current: bytes | None) -> bytes:
    """The route's own Vary plus Accept and Accept-Language, each named once."""
    if current is None:
        return DEFAULT_VARY
    names = [n.strip() for n in current.split(b",") if n.strip()]
    lowered = {n.lower() for n in names}
    names += [n for n in DEFAULT_VARY.split(b", ") if n.lower() not in lowered]
    return b", ".join(names)


# Keyed by the merged Vary values above: as few.
@lru_cache(maxsize=64)
def vary_names(vary: bytes) -> tuple[bytes, ...]:
    return tuple(sorted(n.strip().lower() for n in vary.split(b",") if n.strip()))


DEFAULT_VARY_NAMES = vary_names(DEFAULT_VARY)


class ResponseStore:
    """Least-recently-used 200 answers, bounded by entry count and bytes.

    An entry is keyed by (path, query) and holds one answer per combination of the values of the
    request headers its Vary names, as an HTTP cache would (RFC 9111 4.1).
    """

    MAX_VARIANTS = 16
    SEEN_PER_ENTRY = 4

    def __init__(self, max_entries: int, max_bytes: int) -> None:
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self.bytes = 0
        self._entries: OrderedDict[tuple[str, bytes], tuple[tuple[bytes, ...], dict]] = (
            OrderedDict()
        )
        self._seen: set[int] = set()

    def admit(self, key: tuple[str, bytes]) -> bool:
        """Whether to keep an answer to `key`: yes if the key was asked before, since the doorkeeper
        was last emptied (it holds hashes of up to four times as many keys as the store keeps)."""
        marker = hash(key)
        if marker in self._seen:
            return True
        if len(self._seen) >= self.SEEN_PER_ENTRY * self.max_entries:
            self._seen.clear()
        self._seen.add(marker)
        return False

    @staticmethod
    def _values(names: tuple[bytes, ...], request_headers: Headers) -> tuple[bytes | None, ...]:
        return tuple(header(request_headers, name) for name in names)

    def get(self, key: tuple[str, bytes], request_headers: Headers) -> Answer | None:
        entry = self._entries.get(key)
        if entry is None:
            return None
        names, variants = entry
        answer = variants.get(self._values(names, request_headers))
        if answer is not None:
            self._entries.move_to_end(key)
        return answer

    def put(self, key: tuple[str, bytes], request_headers: Headers, answer: Answer) -> None:
        names = answer.vary
        if b"*" in names or self.max_entries <= 0:
            return
        entry = self._entries.get(key)
        if entry is None or entry[0] != names:
            if entry is not None:
                self._drop(key)
            entry = self._entries[key] = (names, {})
        variants = entry[1]
        values = self._values(names, request_headers)
        if values not in variants and len(variants) >= self.MAX_VARIANTS:
            return
        replaced = variants.get(values)
        self.bytes += len(answer.body) - (len(replaced.body) if replaced else 0)
        variants[values] = answer
        self._entries.move_to_end(key)
        while self._entries and (
            len(self._entries) > self.max_entries or self.bytes > self.max_bytes
        ):
            self._drop(next(iter(self._entries)))

    def _drop(self, key: tuple[str, bytes]) -> None:
        _, variants = self._entries.pop(key)
        self.bytes -= sum(len(answer.body) for answer in variants.values())

    def __len__(self) -> int:
        return len(self._entries)


class HttpCaching:
    """ETag, 304, Cache-Control and Vary on GET and HEAD answers, and the answer store. The gate
    (`service.web.gate`) asks the store first (`stored`), has the app answer otherwise, and
    `prepare`s, `keep`s and `send`s what it answered."""

    def __init__(self, policy: CachePolicy, keyed_by_origin: bool = True) -> None:
        self.keyed_by_origin = keyed_by_origin
        self.policy = policy
        self.store = ResponseStore(policy.store_entries, policy.store_bytes)
        self._ok = policy.ok()
        self._client_error = policy.client_error()
        self._version: bytes | None = None

    def key(self, scope: Scope) -> tuple[str, bytes]:
        """What an answer is stored under: the path and query, and the scheme and Host too when
        absolute links in the body are built from them."""
        if not self.keyed_by_origin:
            return scope["path"], scope["query_string"]
        host = (header(scope["headers"], b"host") or b"").decode("latin-1")
        return f"{scope.get('scheme', 'http')}://{host}{scope['path']}", scope["query_string"]

    def stored(self, key: tuple[str, bytes], scope: Scope) -> Answer | None:
        return self.store.get(key, scope["headers"])

    def keep(self, key: tuple[str, bytes], scope: Scope, answer: Answer) -> None:
        """Store an answer that may be kept, from the second time its question is asked."""
        if answer.storable and self.store.admit(key):
            self.store.put(key, scope["headers"], answer)

    def _data_version(self, scope: Scope) -> bytes | None:
        """The data version, once start-up work has produced it (None before: nothing is tagged)."""
        if self._version is None:
            app = scope.get("app")
            resources = getattr(getattr(app, "state", None), "resources", None)
            version = getattr(resources, "data_version", None)
            self._version = version.encode() if version else None
        return self._version

    def prepare(self, scope: Scope, status: int, raw_headers: Headers, body: bytes) -> Answer:
        """Add the validator and caching fields to the app's answer; a route's own ETag and
        Cache-Control are kept."""
        headers, own = _fields(raw_headers)
        version = self._data_version(scope)
        policy = self._policy(scope["path"], status, version)
        etag = None
        if status == 200 and policy != b"no-store":
            assert version is not None  # no version yet means no-store (see _policy)
            etag = own.get(b"etag") or entity_tag(version, own.get(b"content-type", b""), body)
            headers.append((b"etag", etag))
        cache_control = own.get(b"cache-control") or policy
        if cache_control is not None:
            headers.append((b"cache-control", cache_control))
        if policy == b"no-store":
            headers += [(b"vary", own[b"vary"])] if b"vary" in own else []
            return Answer(status, headers, body, None)
        vary = merged_vary(own.get(b"vary"))
        headers.append((b"vary", vary))
        lowered = cache_control.lower() if cache_control else b""
        storable = (
            etag is not None
            and b"set-cookie" not in own
            and len(body) <= self.policy.store_max_body_bytes
            and b"no-store" not in lowered
            and b"private" not in lowered
        )
        names = DEFAULT_VARY_NAMES if vary is DEFAULT_VARY else vary_names(vary)
        return Answer(status, headers, body, etag, names, storable)

    def _policy(self, path: str, status: int, version: bytes | None) -> bytes | None:
        """Cache-Control by outcome: None leaves it to the route (2xx other than 200, 3xx)."""
        if path in UNCACHED_PATHS or status >= 500 or (status == 200 and version is None):
            return b"no-store"
        if status == 200:
            return self._ok
        return self._client_error if 400 <= status < 500 else None

    async def send(self, scope: Scope, answer: Answer, send: Send, head: bool) -> int:
        """Send an answer, or the 304 that stands for it; the status sent."""
        if answer.etag is not None:
            if_none_match = header(scope["headers"], b"if-none-match")
            if if_none_match is not None and none_match(if_none_match, answer.etag):
                kept = [(k, v) for k, v in answer.headers if k not in NOT_MODIFIED_DROPS]
                await send({"type": "http.response.start", "status": 304, "headers": kept})
                await send({"type": "http.response.body", "body": b""})
                return 304
        await send(
            {"type": "http.response.start", "status": answer.status, "headers": answer.headers}
        )
        await send({"type": "http.response.body", "body": b"" if head else answer.body})
        return answer.status


OWN_FIELDS = frozenset((b"etag", b"cache-control", b"vary", b"content-type", b"set-cookie"))
REPLACED_FIELDS = frozenset((b"etag", b"cache-control", b"vary"))


def _fields(raw: Headers) -> tuple[Headers, dict[bytes, bytes]]:
    """The response's fields without ETag, Cache-Control and Vary (set again after), and the
    values of the fields the caching decisions read (repeated Vary fields joined)."""
    headers: Headers = []
    own: dict[bytes, bytes] = {}
    for name, value in raw:
        if name in OWN_FIELDS:
            own[name] = own[name] + b", " + value if name == b"vary" and name in own else value
            if name in REPLACED_FIELDS:
                continue
        headers.append((name, value))
    return headers, own


class Capture:
    """An ASGI `send` that keeps the response instead of sending it."""

    def __init__(self) -> None:
        self.start: Message | None = None
        self.body: list[bytes] = []

    async def __call__(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.start = message
        elif message["type"] == "http.response.body":
            self.body.append(message.get("body", b""))
