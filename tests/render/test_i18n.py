"""Languages: negotiation, the message catalogue, and dates written each language's way."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from service.places.zones import ZoneIndex, local_window
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
    """Which language, from `lang` or Accept-Language; its locale is tested below."""
    choice = i18n.choose_language(lang, accept, OFFERED)
    assert (choice.requested, choice.used, choice.fallback) == expected


# The reference is CLDR 49 as Babel 2.19 ships it (each locale's full date pattern, short time
# pattern and time-interval pattern, exact to the character: U+2009 thin and U+202F narrow
# no-break spaces are CLDR's). NASA/JPL announced the window as "5:27-5:42 pm EDT"; en-US writes
# the same times on its 12-hour clock, en-GB and the other languages on the 24-hour one.
THIN, NARROW = "\u2009", "\u202f"


@pytest.mark.parametrize(
    ("tag", "locale", "expected"),
    [
        (
            "en-US",
            "en_US",
            f"Friday, July 19, 2013, 5:27{THIN}–{THIN}5:42{NARROW}PM EDT (UTC-04:00)",
        ),
        ("en-CA", "en_CA", f"Friday, July 19, 2013, 5:27–5:42{NARROW}p.m. EDT (UTC-04:00)"),
        ("en-GB", "en_GB", "Friday, 19 July 2013, 17:27–17:42 EDT (UTC-04:00)"),
        ("en", "en_GB", "Friday, 19 July 2013, 17:27–17:42 EDT (UTC-04:00)"),
        ("fr", "fr", f"vendredi 19 juillet 2013, 17:27{THIN}–{THIN}17:42 EDT (UTC-04:00)"),
        (
            "fr-CA",
            "fr_CA",
            f"vendredi 19 juillet 2013, 17 h 27{THIN}–{THIN}17 h 42 EDT (UTC-04:00)",
        ),
        ("de", "de", "Freitag, 19. Juli 2013, 17:27–17:42 Uhr EDT (UTC-04:00)"),
        ("es", "es", "viernes, 19 de julio de 2013, 17:27–17:42 EDT (UTC-04:00)"),
        ("es-MX", "es_MX", f"viernes, 19 de julio de 2013, 5:27–5:42{NARROW}p.m. EDT (UTC-04:00)"),
        ("pt", "pt", f"sexta-feira, 19 de julho de 2013, 17:27{THIN}–{THIN}17:42 EDT (UTC-04:00)"),
        (
            "pt-PT",
            "pt_PT",
            f"sexta-feira, 19 de julho de 2013, 17:27{THIN}–{THIN}17:42 EDT (UTC-04:00)",
        ),
        ("ja", "ja", "2013年7月19日金曜日 17時27分～17時42分 EDT (UTC-04:00)"),
    ],
)
def test_window_display_in_each_locale(catalogue, zones, tag, locale, expected):
    choice = i18n.choose_language(tag, None, OFFERED)
    assert choice.locale == locale
    window = local_window(WAVE_START, WAVE_END, zones.resolve("America/Toronto"))
    assert i18n.window_display(window, catalogue.reader(choice)) == expected


@pytest.mark.parametrize(
    ("tag", "twelve_hour", "clock"),
    [
        ("en-US", True, f"9:27{NARROW}PM"),
        ("en-CA", True, f"9:27{NARROW}p.m."),
        ("en-AU", True, f"9:27{NARROW}pm"),
        ("en-GB", False, "21:27"),
        ("en", False, "21:27"),
        ("fr", False, "21:27"),
        ("de", False, "21:27"),
        ("es", False, "21:27"),
        ("pt", False, "21:27"),
        ("ja", False, "21:27"),
    ],
)
def test_the_clock_is_the_locales(catalogue, tag, twelve_hour, clock):
    choice = i18n.choose_language(tag, None, OFFERED)
    assert i18n.twelve_hour(choice.locale) is twelve_hour
    assert i18n.clock(WAVE_START, catalogue.reader(choice)) == clock


@pytest.mark.parametrize(
    ("lang", "accept", "locale"),
    [
        (None, "en-US,en;q=0.9", "en_US"),  # a browser in the United States
        (None, "en-GB,en-US;q=0.9", "en_GB"),
        (None, None, "en_GB"),  # curl sends no Accept-Language
        ("en", None, "en_GB"),
        ("en-ZZ", None, "en_GB"),  # a region CLDR does not know: the language's default
        ("en-us", None, "en_US"),  # case does not matter
        ("es-419", None, "es_419"),
        ("pt-BR", None, "pt_BR"),
        ("zh-Hant-TW", None, "en_GB"),  # not offered: English, and no en_TW in CLDR
        ("nl-NL", None, "en_NL"),  # not offered: English as the Netherlands write it
        (None, "sv-SE, fr-CA;q=0.5", "fr_CA"),
    ],
)
def test_the_region_of_the_tag_picks_the_locale(lang, accept, locale):
    assert i18n.choose_language(lang, accept, OFFERED).locale == locale


def test_a_reader_of_another_locale_is_made_once(catalogue):
    choice = i18n.choose_language("en-US", None, OFFERED)
    assert catalogue.reader(choice) is catalogue.reader(choice)
    assert catalogue.reader(choice).sentences is catalogue["en"]
    assert catalogue.reader(i18n.choose_language("en", None, OFFERED)) is catalogue["en"]


# CLDR 49 territory names (Babel 2.19): Germany, Canada and the United States in each language.
@pytest.mark.parametrize(
    ("lang", "names"),
    [
        ("fr", ("Allemagne", "Canada", "États-Unis")),
        ("de", ("Deutschland", "Kanada", "Vereinigte Staaten")),
        ("es", ("Alemania", "Canadá", "Estados Unidos")),
        ("pt", ("Alemanha", "Canadá", "Estados Unidos")),
        ("ja", ("ドイツ", "カナダ", "アメリカ合衆国")),
        ("en", ("Germany", "Canada", "United States")),  # English: the gazetteer's own names
    ],
)
def test_country_names_in_the_readers_language(catalogue, lang, names):
    english = ("Germany", "Canada", "United States")
    found = tuple(
        i18n.country_name(code, name, catalogue[lang])
        for code, name in zip(("DE", "CA", "US"), english, strict=True)
    )
    assert found == names


def test_a_country_cldr_does_not_name_keeps_the_gazetteers_name(catalogue):
    assert i18n.country_name("XK", "Kosovo", catalogue["fr"]) == "Kosovo"
    assert i18n.country_name("QQ", "Nowhere", catalogue["fr"]) == "Nowhere"


@pytest.mark.parametrize(
    ("name", "tz", "lang", "expected"),
    [
        ("Moscow", "Europe/Moscow", "de", "Moskau"),  # CLDR's exemplar city of the zone
        ("Vienna", "Europe/Vienna", "fr", "Vienne"),
        ("Tokyo", "Asia/Tokyo", "ja", "東京"),
        ("Kolkata", "Asia/Kolkata", "de", "Kalkutta"),
        ("Munich", "Europe/Berlin", "de", "Munich"),  # not the zone's city: the gazetteer's name
        ("Toronto", "America/Toronto", "fr", "Toronto"),  # CLDR has no French name: unchanged
        ("Moscow", "Europe/Moscow", "en", "Moscow"),
    ],
)
def test_city_names_in_the_readers_language_where_cldr_has_them(
    catalogue, name, tz, lang, expected
):
    assert i18n.city_name(name, tz, catalogue[lang]) == expected


def test_a_window_across_midnight_names_both_days(catalogue, zones):
    # 21:27-21:42 UTC at UTC+02:25 runs 23:52-00:07, from Friday 19 into Saturday 20 July.
    window = local_window(WAVE_START, WAVE_END, zones.resolve("UTC+02:25"))
    assert (
        i18n.window_display(window, catalogue["fr"])
        == "du vendredi 19 juillet 2013 23:52 au samedi 20 juillet 2013 00:07 UTC+02:25"
    )
    us = catalogue.reader(i18n.choose_language("en-US", None, OFFERED))
    assert i18n.window_display(window, us) == (
        "Friday, July 19, 2013 11:52\u202fPM to Saturday, July 20, 2013 12:07\u202fAM UTC+02:25"
    )


def test_lists_are_joined_each_languages_way(catalogue):
    assert i18n.list_text(["11:49", "12:38", "13:41"], catalogue["fr"]) == "11:49, 12:38 et 13:41"
    # en_GB, the bare `en`, writes no serial comma; en_US does.
    assert i18n.list_text(["11:49", "12:38", "13:41"], catalogue["en"]) == "11:49, 12:38 and 13:41"
    us = catalogue.reader(i18n.choose_language("en-US", None, OFFERED))
    assert i18n.list_text(["11:49", "12:38", "13:41"], us) == "11:49, 12:38, and 13:41"
