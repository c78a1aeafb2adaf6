"""One settings object, from the environment, refusing bad values at start."""

from __future__ import annotations

import pytest

from service.settings import Settings


def test_defaults():
    settings = Settings.from_env({})
    assert (settings.port, settings.workers, settings.log_level, settings.allowed_origins) == (
        8000,
        1,
        "info",
        ("*",),
    )
    assert (
        settings.access_log is True
        and settings.cache_max_age_s == 86_400
        and settings.fast_local is True
    )
    assert settings.telemetry is False


def test_reads_the_environment():
    settings = Settings.from_env(
        {
            "PORT": "9000",
            "WORKERS": "4",
            "LOG_LEVEL": "WARNING",
            "ALLOWED_ORIGINS": "https://a.org, https://b.org",
            "MAX_QUERY_CHARS": "1000",
            "MAX_PATH_CHARS": "500",
            "MAX_HEADER_BYTES": "8192",
            "MAX_HEADERS": "50",
            "CACHE_MAX_AGE_S": "3600",
            "CACHE_STALE_S": "60",
            "ERROR_MAX_AGE_S": "5",
            "ACCESS_LOG": "off",
            "SHUTDOWN_TIMEOUT_S": "5",
            "FAST_LOCAL": "0",
            "TELEMETRY": "1",
        }
    )
    assert settings.port == 9000 and settings.workers == 4 and settings.log_level == "warning"
    assert settings.allowed_origins == ("https://a.org", "https://b.org")
    assert (settings.max_query_chars, settings.max_path_chars) == (1000, 500)
    assert (settings.max_header_bytes, settings.max_headers) == (8192, 50)
    assert (settings.cache_max_age_s, settings.cache_stale_s, settings.error_max_age_s) == (
        3600,
        60,
        5,
    )
    assert (
        settings.access_log is False
        and settings.shutdown_timeout_s == 5
        and settings.fast_local is False
        and settings.telemetry is True
    )


@pytest.mark.parametrize(
    ("name", "value", "says"),
    [
        ("PORT", "eighty", "whole number"),
        ("PORT", "70000", "between"),
        ("WORKERS", "0", "between"),
        ("LOG_LEVEL", "loud", "LOG_LEVEL"),
        ("ACCESS_LOG", "maybe", "true or false"),
        ("MAX_QUERY_CHARS", "10", "between"),
        ("SHUTDOWN_TIMEOUT_S", "-1", "between"),
    ],
)
def test_bad_values_fail_at_start_naming_the_variable(name, value, says):
    with pytest.raises(ValueError, match=says) as error:
        Settings.from_env({name: value})
    assert name in str(error.value)
