"""One settings object, read from the environment and validated at start.

`Settings.from_env()` reads the environment: each field is the variable of the same name in
capitals (`port` is PORT), and an empty variable counts as unset. `Settings(...)` takes keyword
arguments only, so a test that builds one never picks up the shell's variables. A bad value
raises `InvalidSettings`, whose message names the variable and what it must be, so a
misconfigured replica fails at start, not on its first request.
"""

from __future__ import annotations

import ipaddress
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, get_args
from urllib.parse import SplitResult, urlsplit

import annotated_types
from pydantic import Field, ValidationError, field_validator, model_validator
from pydantic_core import ErrorDetails
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

if TYPE_CHECKING:
    from fastapi.telemetry import TelemetryConfig

LogLevel = Literal["critical", "error", "warning", "info", "debug"]
LOG_LEVELS: tuple[str, ...] = get_args(LogLevel)
# Host names every deployment answers to: loopback, and the Host of Starlette's TestClient.
LOCAL_HOSTS = ("localhost", "127.0.0.1", "[::1]", "testserver")
# Bind addresses that mean "every interface": no Host header names them.
WILDCARD_BINDS = ("0.0.0.0", "::")
_DOMAIN = r"[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*"
_HOST_NAME = re.compile(_DOMAIN)
_HOST_PATTERN = re.compile(r"(\*\.)?" + _DOMAIN)  # TrustedHostMiddleware's: `*.` leads, or none


class InvalidSettings(ValueError):
    """Values the service cannot start with; each of `problems` names its variable."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = tuple(problems)


def default_corpus_dir() -> Path:
    """`corpus/` beside the package in a checkout, else `./corpus` (the image's work directory)."""
    beside = Path(__file__).resolve().parent.parent / "corpus"
    return beside if beside.is_dir() else Path("corpus")


def default_cache_dir(env: Mapping[str, str]) -> Path:
    """$XDG_CACHE_HOME/wave-at-saturn, else $HOME/.cache/wave-at-saturn."""
    if env.get("XDG_CACHE_HOME"):
        return Path(env["XDG_CACHE_HOME"]) / "wave-at-saturn"
    home = Path(env["HOME"]) if env.get("HOME") else Path.home()
    return home / ".cache" / "wave-at-saturn"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)

    port: int = Field(8000, ge=1, le=65_535)
    """PORT: the TCP port to listen on."""
    host: str = "0.0.0.0"
    """HOST: the address to bind; 0.0.0.0 (or ::) listens on every interface."""
    workers: int = Field(1, ge=1, le=64)
    """WORKERS: uvicorn worker processes. In Kubernetes, one, and scale with replicas."""
    log_level: LogLevel = "info"
    """LOG_LEVEL: uvicorn's log level, any case."""
    public_url: str | None = None
    """PUBLIC_URL: where the public reaches the service, an absolute http(s) URL without query or
    fragment (https://wave.example.org); a trailing slash is dropped. None: not known."""
    allowed_hosts: tuple[str, ...] = ()
    """ALLOWED_HOSTS: the Host header values to answer, comma-separated; `*` for any, `*.a.org`
    for a.org's subdomains. Unset: localhost, 127.0.0.1, [::1] and testserver, plus HOST when it
    names one interface and PUBLIC_URL's host when it is set."""
    forwarded_allow_ips: tuple[str, ...] = ("127.0.0.1",)
    """FORWARDED_ALLOW_IPS: the proxies whose X-Forwarded-* headers are believed, comma-separated
    addresses or networks (10.0.0.0/8), or `*` for any."""
    allowed_origins: tuple[str, ...] = ("*",)
    """ALLOWED_ORIGINS: the browser origins CORS lets in, comma-separated; `*` for any."""
    corpus_dir: Path = Field(default_factory=default_corpus_dir)
    """CORPUS_DIR: the articles the corpus routes search."""
    cache_dir: Path | None = None
    """CACHE_DIR: the gazetteer's derived cache; `off` for none. `from_env` defaults it to
    $XDG_CACHE_HOME/wave-at-saturn (else ~/.cache/wave-at-saturn); `Settings()` to none."""
    max_query_chars: int = Field(2048, ge=64, le=65_536)
    """MAX_QUERY_CHARS: the longest query string answered (414 beyond)."""
    max_body_bytes: int = Field(262_144, ge=1024, le=16_777_216)
    """MAX_BODY_BYTES: the largest request body answered (413 beyond); a claim check's 20,000
    characters of text fit whatever the script."""
    max_path_chars: int = Field(1024, ge=64, le=65_536)
    """MAX_PATH_CHARS: the longest path answered (414 beyond)."""
    max_header_bytes: int = Field(16_384, ge=1024, le=1_048_576)
    """MAX_HEADER_BYTES: the most header bytes a request may carry (431 beyond)."""
    max_headers: int = Field(100, ge=8, le=1000)
    """MAX_HEADERS: the most header fields a request may carry (431 beyond)."""
    header_timeout_s: int = Field(10, ge=1, le=300)
    """HEADER_TIMEOUT_S: how long a client may take to send its request's headers."""
    max_connections: int = Field(1000, ge=1, le=100_000)
    """MAX_CONNECTIONS: open connections per worker before new ones are refused."""
    cache_max_age_s: int = Field(86_400, ge=0, le=31_536_000)
    """CACHE_MAX_AGE_S: how long shared caches may keep an answer."""
    cache_stale_s: int = Field(604_800, ge=0, le=31_536_000)
    """CACHE_STALE_S: how long past that a cache may serve it while it revalidates."""
    error_max_age_s: int = Field(60, ge=0, le=86_400)
    """ERROR_MAX_AGE_S: how long caches may keep a 4xx answer."""
    access_log: bool = True
    """ACCESS_LOG: one JSON line per request."""
    shutdown_timeout_s: int = Field(20, ge=0, le=3_600)
    """SHUTDOWN_TIMEOUT_S: how long a stopping worker lets requests in flight finish."""
    fast_local: bool = True
    """FAST_LOCAL: answer the commonest request outside the framework (same parser, same answer)."""
    telemetry: bool = False
    """TELEMETRY: FastAPI's OpenTelemetry spans, metrics and logs (see `telemetry_config`)."""

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> Settings:
        """The settings `env` names, the rest at their defaults; `InvalidSettings` on a bad one."""
        values: dict[str, Any] = {
            name: raw for name in cls.model_fields if (raw := env.get(name.upper(), "").strip())
        }
        values.setdefault("cache_dir", default_cache_dir(env))
        try:
            return cls(**values)
        except ValidationError as error:
            raise InvalidSettings([_problem(error) for error in error.errors()]) from None

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Keyword arguments only: the environment comes in through `from_env` alone."""
        return (init_settings,)

    @model_validator(mode="before")
    @classmethod
    def _derive_allowed_hosts(cls, data: Any) -> Any:
        if not isinstance(data, dict) or data.get("allowed_hosts"):
            return data
        return {**data, "allowed_hosts": _default_allowed_hosts(data)}

    @field_validator("log_level", mode="before")
    @classmethod
    def _lower_case(cls, value: Any) -> Any:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("allowed_hosts", "forwarded_allow_ips", "allowed_origins", mode="before")
    @classmethod
    def _split_commas(cls, value: Any) -> Any:
        if isinstance(value, str):
            return tuple(item.strip() for item in value.split(",") if item.strip())
        return value

    @field_validator("host")
    @classmethod
    def _check_host(cls, value: str) -> str:
        return _bind_address(value)

    @field_validator("public_url")
    @classmethod
    def _check_public_url(cls, value: str | None) -> str | None:
        return None if value is None else _public_url(value)

    @field_validator("allowed_hosts")
    @classmethod
    def _check_allowed_hosts(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(_host_pattern(host) for host in value)

    @field_validator("forwarded_allow_ips")
    @classmethod
    def _check_forwarded_allow_ips(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(_proxy_address(item) for item in value)

    @field_validator("allowed_origins")
    @classmethod
    def _check_allowed_origins(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(_origin(origin) for origin in value)

    @field_validator("cache_dir", mode="before")
    @classmethod
    def _cache_off(cls, value: Any) -> Any:
        return None if isinstance(value, str) and value.strip().lower() == "off" else value


def telemetry_config(enabled: bool) -> TelemetryConfig:
    """FastAPI's own OpenTelemetry spans, metrics and logs (`TELEMETRY`). Off by default: nothing
    here exports them, and asking on every request whether anything would costs several percent
    of the request."""
    return {"tracing": enabled, "metrics": enabled, "logs": enabled}


def _bind_address(value: str) -> str:
    """An IP address or a host name, as uvicorn's --host takes it."""
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        pass
    if _HOST_NAME.fullmatch(value.lower()):
        return value.lower()
    raise ValueError(f"must be an IP address or a host name, not {value!r}")


def _public_url(value: str) -> str:
    url = urlsplit(value.strip())
    if not _is_web_address(url) or url.query or url.fragment:
        raise ValueError(
            f"must be an absolute http(s) URL without query or fragment, like "
            f"https://wave.example.org, not {value!r}"
        )
    if url.username is not None or url.password is not None:
        raise ValueError(f"must not carry credentials, not {value!r}")
    return value.strip().rstrip("/")


def _host_pattern(value: str) -> str:
    """A Host header value to match as Starlette's TrustedHostMiddleware does: a host name, an
    IP address (IPv6 in brackets), `*.` and a domain, or `*`."""
    host = value.lower()
    if host == "*" or _HOST_PATTERN.fullmatch(host):
        return host
    try:
        address = ipaddress.ip_address(host.removeprefix("[").removesuffix("]"))
    except ValueError:
        raise ValueError(
            f"lists host names without scheme or port (wave.example.org, *.example.org, "
            f"127.0.0.1, [::1]), not {value!r}"
        ) from None
    return f"[{address}]" if address.version == 6 else str(address)


def _proxy_address(value: str) -> str:
    """An address or a network of trusted proxies, as uvicorn's --forwarded-allow-ips takes it."""
    if value == "*":
        return value
    try:
        if "/" in value:
            return str(ipaddress.ip_network(value, strict=False))
        return str(ipaddress.ip_address(value))
    except ValueError:
        raise ValueError(
            f"lists IP addresses or networks (127.0.0.1, 10.0.0.0/8), or *, not {value!r}"
        ) from None


def _origin(value: str) -> str:
    """`*`, or an origin as browsers send it: scheme and host, perhaps a port, no path."""
    if value == "*":
        return value
    url = urlsplit(value.rstrip("/"))
    if not _is_web_address(url) or url.path or url.query or url.fragment:
        raise ValueError(f"lists origins like https://example.org (no path), or *, not {value!r}")
    return value.rstrip("/")


def _is_web_address(url: SplitResult) -> bool:
    """An http(s) URL with a host and, if it has one, a port that is a number."""
    try:
        url.port  # noqa: B018 (reading it is the check: a port that is no number raises)
    except ValueError:
        return False
    return url.scheme in ("http", "https") and bool(url.hostname)


def _default_allowed_hosts(data: Mapping[str, Any]) -> tuple[str, ...]:
    """LOCAL_HOSTS, HOST when it names one interface, and PUBLIC_URL's host. A HOST or PUBLIC_URL
    that is malformed adds nothing here; its own field reports it."""
    hosts = list(LOCAL_HOSTS)
    try:
        bind = _bind_address(str(data.get("host") or "0.0.0.0"))
        if bind not in WILDCARD_BINDS:
            hosts.append(_host_pattern(bind))
        if data.get("public_url"):
            hosts.append(
                _host_pattern(urlsplit(_public_url(str(data["public_url"]))).hostname or "")
            )
    except ValueError:
        pass
    return tuple(dict.fromkeys(hosts))


def _problem(error: ErrorDetails) -> str:
    """One validation error as a sentence that names the environment variable."""
    field = str(error["loc"][0]) if error["loc"] else ""
    variable, value, kind = field.upper(), error.get("input"), error["type"]
    if kind in ("greater_than_equal", "less_than_equal"):
        low, high = _bounds(field)
        return f"{variable} must be between {low} and {high}, not {value}"
    if kind.startswith("int_"):
        return f"{variable} must be a whole number, not {value!r}"
    if kind.startswith("bool_"):
        return f"{variable} must be true or false, not {value!r}"
    if kind == "literal_error":
        return f"{variable} must be one of {error.get('ctx', {}).get('expected')}, not {value!r}"
    if kind == "value_error":
        return f"{variable} {error.get('ctx', {}).get('error')}"
    return f"{variable}: {error['msg']}"


def _bounds(field: str) -> tuple[object, object]:
    metadata = Settings.model_fields[field].metadata
    low = next(m.ge for m in metadata if isinstance(m, annotated_types.Ge))
    high = next(m.le for m in metadata if isinstance(m, annotated_types.Le))
    return low, high
