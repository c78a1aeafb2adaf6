"""The production command line: one definition in service/serve.py, spelt out in the Dockerfile."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from service.serve import APP, PRODUCTION_FLAGS, uvicorn_args
from service.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


def test_arguments_follow_the_settings():
    args = uvicorn_args(
        Settings(port=9001, workers=3, log_level="warning", shutdown_timeout_s=7), host="127.0.0.1"
    )
    assert args[0] == APP
    pairs = dict(zip(args[1::2], args[2::2]))
    assert (
        pairs["--host"] == "127.0.0.1" and pairs["--port"] == "9001" and pairs["--workers"] == "3"
    )
    assert pairs["--log-level"] == "warning" and pairs["--timeout-graceful-shutdown"] == "7"
    assert args[-len(PRODUCTION_FLAGS) :] == list(PRODUCTION_FLAGS)


def test_dockerfile_runs_the_same_command():
    dockerfile = (ROOT / "Dockerfile").read_text()
    env = dict(re.findall(r"\b([A-Z_]+)=(\S+)", dockerfile.split("WORKDIR")[0]))
    cmd = re.search(r'^CMD \["sh", "-c", "exec (.+)"\]$', dockerfile, re.M).group(1)
    for name in ("PORT", "WORKERS", "LOG_LEVEL", "SHUTDOWN_TIMEOUT_S"):
        assert "${" + name + "}" in cmd, name
    words = shlex.split(re.sub(r"\$\{(\w+)\}", lambda m: env[m.group(1)], cmd))
    assert words[0] == "uvicorn"
    assert words[1:] == uvicorn_args(Settings.from_env(env), host="0.0.0.0")
