"""Languages: negotiation, the message catalogue, and dates written each language's way."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from service.places.zones import ZoneIndex, local_window, zone_label
from service.render import i18n

WAVE_START = datetime(2013, 7, 19, 21, 27, tzinfo=UTC)
WAVE_END = datetime(2013, 7, 19, 21, 42, tzinfo=UTC)
OFFERED = ("en", "fr", "de", "es", "pt", "ja")


@pytest.fixture(scope="module")
def catalogue():
    return i18n.load_messages()


@pytest.fixture(scope="module")
def zones():
    return ZoneIndex()


def test_the_catalogue_offers_the_six_languages(catalogue):
    assert set(OFFERED) <= set(catalogue.offered)


def test_a_language_missing_a_key_is_refused():
    with pytest.raises(i18n.MessageError, match="lacks greeting"):
        i18n.load_messages({"en": {"greeting": "Hello {name}"}, "fr": {}})


def test_a_translation_with_other_placeholders_is_refused():
    with pytest.raises(i18n.MessageError, match="placeholders"):
        i18n.load_messages(
            {"en": {"greeting": "Hello {name}"}, "fr": {"greeting": "Bonjour {nom}"}}
        )


@pytest.mark.parametrize(
    ("lang", "accept", "expected"),
    [
        ("fr", None, ("fr", "fr", False)),
        ("pt-BR", "de", ("pt-BR", "pt", False)),  # lang wins over Accept-Language
        ("sv", None, ("sv", "en", True)),  # not offered: English, and it says so
        (None, "de-CH, de;q=0.9, en;q=0.5", ("de-CH", "de", False)),
        (
            None,
            "sv, ja;q=0.4",
            ("ja", "ja", False),
        ),  # the first offered language in preference order
        (None, "es;q=0.2, fr;q=0.8", ("fr", "fr", False)),  # q-values, not order
        (None, "sv, nb;q=0.5", ("sv", "en", True)),
        (None, "ja;q=0, fr", ("fr", "fr", False)),  # q=0 means "not this one"
        (None, "*", (None, "en", False)),
        (None, None, (None, "en", False)),
    ],
)
def test_choose_language(lang, accept, expected):
    choice = i18n.choose_language(lang, accept, OFFERED)
    assert (choice.requested, choice.used, choice.fallback) == expected


# Month and weekday names from CLDR (Unicode Common Locale Data Repository), as Babel ships them:
# July is juillet, Juli, julio, julho and 7月; Friday is vendredi, Freitag, viernes, sexta-feira,
# 金曜日.
@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "Friday 19 July 2013, 17:27-17:42 EDT (UTC-04:00)"),
        ("fr", "vendredi 19 juillet 2013, 17:27–17:42 EDT (UTC-04:00)"),
        ("de", "Freitag, 19. Juli 2013, 17:27–17:42 EDT (UTC-04:00)"),
        ("es", "viernes, 19 de julio de 2013, 17:27–17:42 EDT (UTC-04:00)"),
        ("pt", "sexta-feira, 19 de julho de 2013, 17:27–17:42 EDT (UTC-04:00)"),
        ("ja", "2013年7月19日金曜日 17:27～17:42 EDT (UTC-04:00)"),
    ],
)
def test_window_display_in_each_language(catalogue, zones, lang, expected):
    window = local_window(WAVE_START, WAVE_END, zones.resolve("America/Toronto"))
    assert i18n.window_display(window, catalogue[lang]) == expected


def english_display(window) -> str:
    """The English line the API always gave, written out here as the reference."""
    start, end = window.start.instant, window.end.instant
    day = f"{start:%A} {start.day} {start:%B %Y}"
    if end.date() != start.date():
        end_text = f"{end:%A} {end.day} {end:%B %Y} {end:%H:%M}"
        return f"{day} {start:%H:%M} to {end_text} {zone_label(window.start)}"
    return f"{day}, {start:%H:%M}-{end:%H:%M} {zone_label(window.start)}"


def test_english_display_is_the_one_the_api_always_gave(catalogue, zones):
    for tz in ("America/Toronto", "Asia/Tokyo", "Pacific/Kiritimati", "UTC-04:30"):
        window = local_window(WAVE_START, WAVE_END, zones.resolve(tz))
        assert i18n.window_display(window, catalogue["en"]) == english_display(window)


def test_a_window_across_midnight_names_both_days(catalogue, zones):
    # 21:27-21:42 UTC at UTC+02:25 runs 23:52-00:07, from Friday 19 into Saturday 20 July.
    window = local_window(WAVE_START, WAVE_END, zones.resolve("UTC+02:25"))
    assert (
        i18n.window_display(window, catalogue["fr"])
        == "du vendredi 19 juillet 2013 23:52 au samedi 20 juillet 2013 00:07 UTC+02:25"
    )


def test_lists_are_joined_each_languages_way(catalogue):
    assert i18n.list_text(["11:49", "12:38", "13:41"], catalogue["fr"]) == "11:49, 12:38 et 13:41"
    assert i18n.list_text(["11:49", "12:38", "13:41"], catalogue["en"]) == "11:49, 12:38, and 13:41"
