"""Reading a request's query string: a `+` in a zone is a `+`, raw UTF-8 reads as its encoding."""

from __future__ import annotations

import pytest

from service.application.question import query_pairs


@pytest.mark.parametrize(
    ("raw", "pairs"),
    [
        # A zone or offset typed unencoded keeps its sign.
        ("tz=UTC+05:30", [("tz", "UTC+05:30")]),
        ("tz=Etc/GMT+5&lang=fr", [("tz", "Etc/GMT+5"), ("lang", "fr")]),
        ("tz=UTC%2B05%3A30", [("tz", "UTC+05:30")]),
        # Elsewhere a `+` is a space, as in any form.
        ("city=Sao+Paulo&country=BR", [("city", "Sao Paulo"), ("country", "BR")]),
        ("text=5%3A30+pm+EST", [("text", "5:30 pm EST")]),
        ("city=&lat", [("city", ""), ("lat", "")]),
        ("a=1&&b=2", [("a", "1"), ("b", "2")]),
    ],
)
def test_query_pairs(raw, pairs):
    assert query_pairs(raw) == pairs
    assert query_pairs(raw.encode()) == pairs


def test_raw_utf8_reads_as_its_percent_encoded_form():
    raw = "city=東京&country=日本".encode()
    assert query_pairs(raw) == query_pairs(b"city=%E6%9D%B1%E4%BA%AC&country=%E6%97%A5%E6%9C%AC")
    assert query_pairs(raw) == [("city", "東京"), ("country", "日本")]


def test_bytes_that_are_not_utf8_are_read_byte_for_byte():
    assert query_pairs(b"city=Z\xfcrich") == [("city", "Zürich")]
