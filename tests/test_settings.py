"""One settings object, from the environment, refusing bad values at start."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from service.settings import InvalidSettings, Settings, telemetry_config

ROOT = Path(__file__).resolve().parent.parent

# Every whole-number variable with its default and its bounds (both ends allowed).
WHOLE_NUMBERS = [
    ("PORT", 8000, 1, 65_535),
    ("WORKERS", 1, 1, 64),
    ("MAX_QUERY_CHARS", 2048, 64, 65_536),
    ("MAX_PATH_CHARS", 1024, 64, 65_536),
    ("MAX_BODY_BYTES", 262_144, 1024, 16_777_216),
    ("MAX_HEADER_BYTES", 16_384, 1024, 1_048_576),
    ("MAX_HEADERS", 100, 8, 1000),
    ("HEADER_TIMEOUT_S", 10, 1, 300),
    ("MAX_CONNECTIONS", 1000, 1, 100_000),
    ("CACHE_MAX_AGE_S", 86_400, 0, 31_536_000),
    ("CACHE_STALE_S", 604_800, 0, 31_536_000),
    ("ERROR_MAX_AGE_S", 60, 0, 86_400),
    ("SHUTDOWN_TIMEOUT_S", 20, 0, 3_600),
]
SWITCHES = [("ACCESS_LOG", True), ("FAST_LOCAL", True), ("TELEMETRY", False)]


def field(variable: str) -> str:
    return variable.lower()


def test_every_field_is_a_documented_variable():
    for name, info in Settings.model_fields.items():
        assert info.description and info.description.startswith(f"{name.upper()}:"), name
    tested = {variable for variable, *_ in WHOLE_NUMBERS + SWITCHES}
    numbers = {
        name.upper() for name, info in Settings.model_fields.items() if info.annotation is int
    }
    switches = {
        name.upper() for name, info in Settings.model_fields.items() if info.annotation is bool
    }
    assert numbers | switches == tested


def test_defaults():
    settings = Settings.from_env({"HOME": "/home/wave"})
    for variable, default, _, _ in WHOLE_NUMBERS:
        assert getattr(settings, field(variable)) == default, variable
    for variable, default in SWITCHES:
        assert getattr(settings, field(variable)) is default, variable
    assert settings.log_level == "info" and settings.host == "0.0.0.0"
    assert settings.allowed_origins == ("*",) and settings.forwarded_allow_ips == ("127.0.0.1",)
    assert settings.allowed_hosts == ("localhost", "127.0.0.1", "[::1]", "testserver")
    assert settings.public_url is None
    assert settings.cache_dir == Path("/home/wave/.cache/wave-at-saturn")
    assert settings.corpus_dir == ROOT / "corpus"


def test_keyword_arguments_never_read_the_environment(monkeypatch):
    monkeypatch.setenv("PORT", "9999")
    monkeypatch.setenv("FAST_LOCAL", "0")
    settings = Settings()
    assert settings.port == 8000 and settings.fast_local is True and settings.cache_dir is None
    assert Settings(fast_local=False).port == 8000
    assert Settings.from_env().port == 9999


def test_keyword_arguments_are_validated_too():
    with pytest.raises(ValueError, match="less than or equal to 65535"):
        Settings(port=70_000)
    with pytest.raises(ValueError, match="max_param_chars"):
        Settings(max_param_chars=200)  # type: ignore[call-arg]


def test_reads_the_environment():
    settings = Settings.from_env(
        {
            "PORT": "9000",
            "HOST": "127.0.0.1",
            "WORKERS": "4",
            "LOG_LEVEL": "WARNING",
            "PUBLIC_URL": "https://wave.example.org/",
            "ALLOWED_HOSTS": "wave.example.org, *.wave.example.org",
            "FORWARDED_ALLOW_IPS": "10.0.0.0/8, 192.168.1.7",
            "ALLOWED_ORIGINS": "https://a.org, https://b.org",
            "CORPUS_DIR": "/srv/corpus",
            "CACHE_DIR": "/var/cache/wave",
            "MAX_QUERY_CHARS": "1000",
            "MAX_PATH_CHARS": "500",
            "MAX_HEADER_BYTES": "8192",
            "MAX_HEADERS": "50",
            "HEADER_TIMEOUT_S": "5",
            "MAX_CONNECTIONS": "200",
            "CACHE_MAX_AGE_S": "3600",
            "CACHE_STALE_S": "60",
            "ERROR_MAX_AGE_S": "5",
            "ACCESS_LOG": "off",
            "SHUTDOWN_TIMEOUT_S": "5",
            "FAST_LOCAL": "0",
            "TELEMETRY": "1",
        }
    )
    assert (settings.port, settings.host, settings.workers) == (9000, "127.0.0.1", 4)
    assert settings.log_level == "warning"
    assert settings.public_url == "https://wave.example.org"
    assert settings.allowed_hosts == ("wave.example.org", "*.wave.example.org")
    assert settings.forwarded_allow_ips == ("10.0.0.0/8", "192.168.1.7")
    assert settings.allowed_origins == ("https://a.org", "https://b.org")
    assert (settings.corpus_dir, settings.cache_dir) == (
        Path("/srv/corpus"),
        Path("/var/cache/wave"),
    )
    assert (settings.max_query_chars, settings.max_path_chars) == (1000, 500)
    assert (settings.max_header_bytes, settings.max_headers) == (8192, 50)
    assert (settings.header_timeout_s, settings.max_connections) == (5, 200)
    assert (settings.cache_max_age_s, settings.cache_stale_s, settings.error_max_age_s) == (
        3600,
        60,
        5,
    )
    assert settings.access_log is False and settings.shutdown_timeout_s == 5
    assert settings.fast_local is False and settings.telemetry is True


def test_an_empty_variable_is_unset():
    assert Settings.from_env({"PORT": "", "ACCESS_LOG": " ", "ALLOWED_ORIGINS": ""}) == (
        Settings.from_env({})
    )


@pytest.mark.parametrize(("variable", "default", "low", "high"), WHOLE_NUMBERS)
def test_whole_numbers_are_held_to_their_bounds(variable, default, low, high):
    assert low <= default <= high
    for allowed in (low, high):
        assert getattr(Settings.from_env({variable: str(allowed)}), field(variable)) == allowed
    for refused in (low - 1, high + 1):
        with pytest.raises(InvalidSettings) as error:
            Settings.from_env({variable: str(refused)})
        assert str(error.value) == f"{variable} must be between {low} and {high}, not {refused}"
    with pytest.raises(InvalidSettings) as error:
        Settings.from_env({variable: "lots"})
    assert str(error.value) == f"{variable} must be a whole number, not 'lots'"


@pytest.mark.parametrize(("variable", "default"), SWITCHES)
def test_switches_read_true_and_false(variable, default):
    for word in ("1", "true", "Yes", "ON"):
        assert getattr(Settings.from_env({variable: word}), field(variable)) is True
    for word in ("0", "false", "No", "OFF"):
        assert getattr(Settings.from_env({variable: word}), field(variable)) is False
    with pytest.raises(InvalidSettings) as error:
        Settings.from_env({variable: "maybe"})
    assert str(error.value) == f"{variable} must be true or false, not 'maybe'"


def test_log_level_is_one_of_uvicorns():
    assert Settings.from_env({"LOG_LEVEL": " Debug "}).log_level == "debug"
    with pytest.raises(InvalidSettings, match=r"^LOG_LEVEL must be one of .*'debug', not 'loud'$"):
        Settings.from_env({"LOG_LEVEL": "loud"})


@pytest.mark.parametrize(
    ("raw", "public_url"),
    [
        ("https://wave.example.org", "https://wave.example.org"),
        ("https://wave.example.org/", "https://wave.example.org"),
        ("http://localhost:8000/wave/", "http://localhost:8000/wave"),
    ],
)
def test_public_url_loses_its_trailing_slash(raw, public_url):
    assert Settings.from_env({"PUBLIC_URL": raw}).public_url == public_url


@pytest.mark.parametrize(
    "raw",
    [
        "wave.example.org",
        "/wave",
        "ftp://wave.example.org",
        "https://wave.example.org/?lang=fr",
        "https://wave.example.org/#top",
        "https://wave.example.org:port",
        "https://user:secret@wave.example.org",
    ],
)
def test_public_url_must_be_an_absolute_web_address(raw):
    with pytest.raises(InvalidSettings, match="^PUBLIC_URL must "):
        Settings.from_env({"PUBLIC_URL": raw})


def test_allowed_hosts_default_to_local_names_the_bind_host_and_the_public_host():
    local = ("localhost", "127.0.0.1", "[::1]", "testserver")
    assert Settings.from_env({"HOST": "0.0.0.0"}).allowed_hosts == local
    assert Settings.from_env({"HOST": "::"}).allowed_hosts == local
    assert Settings.from_env({"HOST": "10.1.2.3"}).allowed_hosts == (*local, "10.1.2.3")
    assert Settings.from_env({"HOST": "fd00::7"}).allowed_hosts == (*local, "[fd00::7]")
    public = Settings.from_env({"PUBLIC_URL": "https://Wave.Example.org:8443/x"})
    assert public.allowed_hosts == (*local, "wave.example.org")
    assert Settings(public_url="https://wave.example.org").allowed_hosts == (
        *local,
        "wave.example.org",
    )


def test_allowed_hosts_as_given():
    assert Settings.from_env({"ALLOWED_HOSTS": "*"}).allowed_hosts == ("*",)
    given = Settings.from_env({"ALLOWED_HOSTS": "A.org, ::1, [::2], 10.0.0.1", "HOST": "10.9.9.9"})
    assert given.allowed_hosts == ("a.org", "[::1]", "[::2]", "10.0.0.1")


@pytest.mark.parametrize(
    "raw", ["https://a.org", "a.org:8000", "a.org/x", "a.*.org", "*a.org", "a org"]
)
def test_allowed_hosts_are_host_names(raw):
    with pytest.raises(
        InvalidSettings, match=f"^ALLOWED_HOSTS lists host names .* not '{re.escape(raw)}'"
    ):
        Settings.from_env({"ALLOWED_HOSTS": f"localhost, {raw}"})


def test_forwarded_allow_ips():
    assert Settings.from_env({"FORWARDED_ALLOW_IPS": "*"}).forwarded_allow_ips == ("*",)
    assert Settings.from_env({"FORWARDED_ALLOW_IPS": "::1,10.1.0.0/16"}).forwarded_allow_ips == (
        "::1",
        "10.1.0.0/16",
    )
    for raw in ("proxy.local", "10.0.0.0/99", "300.1.1.1"):
        with pytest.raises(
            InvalidSettings, match=f"^FORWARDED_ALLOW_IPS lists .* not '{re.escape(raw)}'"
        ):
            Settings.from_env({"FORWARDED_ALLOW_IPS": raw})


def test_allowed_origins():
    origins = Settings.from_env({"ALLOWED_ORIGINS": "https://a.org/, http://b.org:8080"})
    assert origins.allowed_origins == ("https://a.org", "http://b.org:8080")
    for raw in ("a.org", "https://a.org/embed", "ftp://a.org"):
        with pytest.raises(
            InvalidSettings, match=f"^ALLOWED_ORIGINS lists origins .* not '{re.escape(raw)}'"
        ):
            Settings.from_env({"ALLOWED_ORIGINS": raw})


def test_host():
    assert Settings.from_env({"HOST": "Wave-1.internal"}).host == "wave-1.internal"
    assert Settings.from_env({"HOST": "::1"}).host == "::1"
    for raw in ("http://0.0.0.0", "0.0.0.0:8000", "*"):
        with pytest.raises(
            InvalidSettings, match=f"^HOST must be an IP address .* not '{re.escape(raw)}'"
        ):
            Settings.from_env({"HOST": raw})


def test_cache_dir():
    assert Settings.from_env({"XDG_CACHE_HOME": "/xdg", "HOME": "/home/wave"}).cache_dir == Path(
        "/xdg/wave-at-saturn"
    )
    assert Settings.from_env({"CACHE_DIR": "/c", "XDG_CACHE_HOME": "/xdg"}).cache_dir == Path("/c")
    assert Settings.from_env({"CACHE_DIR": "Off"}).cache_dir is None
    assert Settings(cache_dir="off").cache_dir is None


def test_every_bad_variable_is_named_at_once():
    with pytest.raises(InvalidSettings) as error:
        Settings.from_env({"PORT": "0", "WORKERS": "100", "HOST": "?", "LOG_LEVEL": "info"})
    assert [problem.split()[0] for problem in error.value.problems] == ["PORT", "HOST", "WORKERS"]
    assert isinstance(error.value, ValueError)


def test_the_server_stops_at_start_naming_the_variable():
    env = {**os.environ, "PORT": "0"}
    done = subprocess.run(
        [sys.executable, "-m", "service.serve"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode != 0
    assert "PORT must be between 1 and 65535, not 0" in done.stderr


def test_telemetry_config_switches_all_three():
    assert telemetry_config(False) == {"tracing": False, "metrics": False, "logs": False}
    assert set(telemetry_config(True).values()) == {True}
