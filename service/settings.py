"""One settings object, read from the environment and validated at start."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

LOG_LEVELS = ("critical", "error", "warning", "info", "debug")


def default_corpus_dir() -> Path:
    """`corpus/` beside the package in a checkout, else `./corpus` (the image's working
    directory)."""
    beside = Path(__file__).resolve().parent.parent / "corpus"
    return beside if beside.is_dir() else Path("corpus")


@dataclass(frozen=True)
class Settings:
    port: int = 8000
    workers: int = 1
    log_level: str = "info"
    allowed_origins: tuple[str, ...] = ("*",)
    max_param_chars: int = 200
    max_query_chars: int = 2048
    corpus_dir: Path = field(default_factory=default_corpus_dir)
    cache_dir: str | None = None
    max_path_chars: int = 1024
    max_header_bytes: int = 16_384
    max_headers: int = 100
    cache_max_age_s: int = 86_400
    cache_stale_s: int = 604_800
    error_max_age_s: int = 60
    access_log: bool = True
    shutdown_timeout_s: int = 20
    fast_local: bool = True
    telemetry: bool = False
    host: str = "0.0.0.0"
    header_timeout_s: int = 10
    max_connections: int = 1000

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> Settings:
        """Read HOST, PORT, WORKERS, LOG_LEVEL, ALLOWED_ORIGINS, CORPUS_DIR, CACHE_DIR and the
        limits below; raise ValueError naming a bad one (so a misconfigured replica fails at
        start, not on its first request).
        """
        settings = cls(
            port=_int(env, "PORT", cls.port, 1, 65535),
            workers=_int(env, "WORKERS", cls.workers, 1, 64),
            log_level=env.get("LOG_LEVEL", cls.log_level).lower(),
            allowed_origins=tuple(
                o.strip() for o in env.get("ALLOWED_ORIGINS", "*").split(",") if o.strip()
            )
            or ("*",),
            corpus_dir=Path(env["CORPUS_DIR"]) if env.get("CORPUS_DIR") else default_corpus_dir(),
            cache_dir=_cache_dir(env),
            max_query_chars=_int(env, "MAX_QUERY_CHARS", cls.max_query_chars, 64, 65_536),
            max_path_chars=_int(env, "MAX_PATH_CHARS", cls.max_path_chars, 64, 65_536),
            max_header_bytes=_int(env, "MAX_HEADER_BYTES", cls.max_header_bytes, 1024, 1_048_576),
            max_headers=_int(env, "MAX_HEADERS", cls.max_headers, 8, 1000),
            cache_max_age_s=_int(env, "CACHE_MAX_AGE_S", cls.cache_max_age_s, 0, 31_536_000),
            cache_stale_s=_int(env, "CACHE_STALE_S", cls.cache_stale_s, 0, 31_536_000),
            error_max_age_s=_int(env, "ERROR_MAX_AGE_S", cls.error_max_age_s, 0, 86_400),
            access_log=_bool(env, "ACCESS_LOG", cls.access_log),
            shutdown_timeout_s=_int(env, "SHUTDOWN_TIMEOUT_S", cls.shutdown_timeout_s, 0, 3_600),
            fast_local=_bool(env, "FAST_LOCAL", cls.fast_local),
            telemetry=_bool(env, "TELEMETRY", cls.telemetry),
            host=env.get("HOST", "").strip() or cls.host,
            header_timeout_s=_int(env, "HEADER_TIMEOUT_S", cls.header_timeout_s, 1, 300),
            max_connections=_int(env, "MAX_CONNECTIONS", cls.max_connections, 1, 100_000),
        )
        if settings.log_level not in LOG_LEVELS:
            raise ValueError(f"LOG_LEVEL must be one of {', '.join(LOG_LEVELS)}")
        return settings


def telemetry_config(enabled: bool) -> dict:
    """FastAPI's own OpenTelemetry spans, metrics and logs (`TELEMETRY`). Off by default: nothing
    here exports them, and asking on every request whether anything would costs several percent
    of the request."""
    return {"tracing": enabled, "metrics": enabled, "logs": enabled}


def _int(env: Mapping[str, str], name: str, default: int, low: int, high: int) -> int:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ValueError(f"{name} must be a whole number, not {raw!r}") from None
    if not low <= value <= high:
        raise ValueError(f"{name} must be between {low} and {high}, not {value}")
    return value


def _bool(env: Mapping[str, str], name: str, default: bool) -> bool:
    raw = env.get(name, "").strip().lower()
    if raw == "":
        return default
    if raw in ("1", "true", "yes", "on"):
        return True
    if raw in ("0", "false", "no", "off"):
        return False
    raise ValueError(f"{name} must be true or false, not {raw!r}")


def _cache_dir(env: Mapping[str, str]) -> str | None:
    """CACHE_DIR, else $XDG_CACHE_HOME/wave-at-saturn, else ~/.cache/wave-at-saturn; `off` for
    none."""
    raw = env.get("CACHE_DIR", "").strip()
    if raw.lower() == "off":
        return None
    if raw:
        return raw
    base = env.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "wave-at-saturn")
