"""One settings object, read from the environment and validated at start."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

LOG_LEVELS = ("critical", "error", "warning", "info", "debug")


def default_corpus_dir() -> Path:
    """`corpus/` beside the package in a checkout, else `./corpus` (the image's working directory)."""
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

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> Settings:
        """Read PORT, WORKERS, LOG_LEVEL, ALLOWED_ORIGINS, CORPUS_DIR, CACHE_DIR; raise ValueError
        naming a bad one."""
        settings = cls(
            port=_int(env, "PORT", cls.port, 1, 65535),
            workers=_int(env, "WORKERS", cls.workers, 1, 64),
            log_level=env.get("LOG_LEVEL", cls.log_level).lower(),
            allowed_origins=tuple(
                o.strip() for o in env.get("ALLOWED_ORIGINS", "*").split(",") if o.strip()
            ) or ("*",),
            corpus_dir=Path(env["CORPUS_DIR"]) if env.get("CORPUS_DIR") else default_corpus_dir(),
            cache_dir=_cache_dir(env),
        )
        if settings.log_level not in LOG_LEVELS:
            raise ValueError(f"LOG_LEVEL must be one of {', '.join(LOG_LEVELS)}")
        return settings


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


def _cache_dir(env: Mapping[str, str]) -> str | None:
    """CACHE_DIR, else $XDG_CACHE_HOME/wave-at-saturn, else ~/.cache/wave-at-saturn; `off` for none."""
    raw = env.get("CACHE_DIR", "").strip()
    if raw.lower() == "off":
        return None
    if raw:
        return raw
    base = env.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "wave-at-saturn")
