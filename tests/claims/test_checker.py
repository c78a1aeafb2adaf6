"""The claim checker on real and realistic statements: each one's quote, kind, event, verdict and
reason, read from free text.

Every window and figure they are judged against comes from the catalogue (service/data/
events.json, NASA/JPL and APL releases) and start-up astronomy; the verdicts below were worked
out by hand from those: the wave 21:27-21:42 UTC, Cassini's imaging 22:47:13-23:01:56 UTC
(spacecraft time), MESSENGER's images 11:49, 12:38 and 13:41 UTC on 19 and 20 July, Earth-Cassini
1.4447 billion km (897.7 million miles), light time 80 min. Zone offsets: IANA tzdata, 2013 rules.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from service.articles.facts import InPictureCountry
from service.claims.checker import judge_figures, judge_lit
from service.claims.reading import Span
from service.render.words import claim_reason

# (text, quote, kind, event, verdict, words in the English reason)
CASES = [
    # A US astronomy column, July 2013: the wave in Central time.
    ("Look up and wave at Saturn from 4:27-4:42 p.m. CDT on July 19.", "4:27-4:42 p.m. CDT",
     "time", "cassini-2013", "agrees", "the wave window, 16:27–16:42 CDT"),
    # A university astronomy page, July 2013: EST in July, and three minutes late.
    ("Go outside at 5:30 pm EST and wave at Saturn.", "5:30 pm EST", "time", "cassini-2013",
     "disagrees", "EST is UTC-05:00 (in July New York kept EDT, UTC-04:00)"),
    # A blog, July 2013.
    ("Cassini was 851 million miles from Earth when it took the picture.", "851 million miles",
     "distance", "cassini-2013", "disagrees", "897,700,000 miles"),
    # JPL, 19 July 2013: the miles fit, the kilometres (1.445 billion, so not 'nearly 1.5') not.
    ("Cassini captured Earth from nearly 900 million miles (nearly 1.5 billion kilometers) away.",
     "nearly 900 million miles (nearly 1.5 billion kilometers)", "distance", "cassini-2013",
     "partly", "fits “nearly 900 million miles” but not “nearly 1.5 billion kilometers”"),
    # A post from Belgium, July 2013: local time, the country named in the text.
    ("We waved at Saturn from 23:27-23:42 local time. Greetings from Belgium!",
     "23:27-23:42 local time", "time", "cassini-2013", "agrees", "23:27–23:42 CEST"),
    # MESSENGER imaged on both days.
    ("MESSENGER imaged Earth on Saturday July 20.", "Saturday July 20", "date",
     "messenger-2013-07-20", "partly", "on two days"),
    # The corpus (article 001): "98 million kilometres (61 million miles)", PIA17388's figures.
    ("NASA's Messenger spacecraft, in orbit around Mercury, took an image of the Earth from a "
     "distance of 98 million kilometres (61 million miles).",
     "98 million kilometres (61 million miles)", "distance", "messenger-2013-07-19", "agrees",
     "Earth–MESSENGER"),
    # The corpus (article 000).
    ("Earth itself is only 1.5 pixels wide in Cassini's photos.", "only 1.5 pixels",
     "earth_size", "cassini-2013", "agrees", "pixels of the narrow-angle camera"),
    ("Cassini showed Earth from more than one billion kilometres away.",
     "more than one billion kilometres", "distance", "cassini-2013", "agrees", "fits"),
    ("Cassini pointed its cameras back towards Earth on Friday to wave at Saturn.", "Friday",
     "weekday", "cassini-2013", "agrees", "at every offset below UTC+02:33"),
    ("North America and part of the Atlantic Ocean were the only illuminated parts of Earth "
     "when Cassini took the picture.",
     "North America and part of the Atlantic Ocean were the only illuminated", "lit_region",
     "cassini-2013", "partly", "but so were"),
    # Realistic statements, constructed for the cases above do not cover.
    ("Wave at Saturn at 2:27 p.m. PDT.", "2:27 p.m. PDT", "time", "cassini-2013", "agrees",
     "when the wave began"),
    ("Wave at Saturn at 2:27 p.m. PST.", "2:27 p.m. PST", "time", "cassini-2013", "partly",
     "PST is UTC-08:00; in July Los Angeles kept PDT (UTC-07:00)"),
    ("Wave at Saturn between 5:27 and 5:47 p.m. EDT.", "5:27 and 5:47 p.m. EDT", "time",
     "cassini-2013", "partly", "one end is right"),
    ("Wave at Saturn at 5:27 pm EDT.", "5:27 pm EDT", "time", "cassini-2013", "agrees",
     "21:27 UTC"),
    ("The wave at Saturn ends at 5:42 pm EDT.", "5:42 pm EDT", "time", "cassini-2013", "agrees",
     "when the wave ended"),
    ("Wave at Saturn at 5.27pm EDT.", "5.27pm EDT", "time", "cassini-2013", "agrees",
     "when the wave began"),
    ("Wave at Saturn at 21:27 UTC.", "21:27 UTC", "time", "cassini-2013", "agrees",
     "when the wave began"),
    ("Wave at Saturn at 21h27 GMT.", "21h27 GMT", "time", "cassini-2013", "agrees",
     "when the wave began"),
    ("Wave at Saturn at 10:27 pm GMT in London.", "10:27 pm GMT", "time", "cassini-2013",
     "partly", "GMT is UTC+00:00; in July London kept BST"),
    ("Wave at Saturn at 10:27 pm BST in London.", "10:27 pm BST", "time", "cassini-2013",
     "agrees", "22:27–22:42 BST"),
    ("Wave at Saturn at 10:27 pm BST.", "10:27 pm BST", "time", "cassini-2013", "unclear",
     "British Summer Time (UTC+01:00) ✓; Bangladesh Standard Time (UTC+06:00) ✗"),
    ("Wave at Saturn at 2:57 am IST in Mumbai.", "2:57 am IST", "time", "cassini-2013",
     "agrees", "02:57–03:12 IST"),
    ("Wave at Saturn at 4:27 pm CST.", "4:27 pm CST", "time", "cassini-2013", "unclear",
     "several meanings"),
    ("Wave at Saturn at 2:27 pm MST in Phoenix.", "2:27 pm MST", "time", "cassini-2013",
     "agrees", "14:27–14:42 MST"),
    ("Wave at Saturn at 3:27 pm MST in Denver.", "3:27 pm MST", "time", "cassini-2013",
     "partly", "in July Denver kept MDT"),
    ("Wave at Saturn at 5:27 pm (UTC-4).", "5:27 pm (UTC-4)", "time", "cassini-2013", "agrees",
     "17:27–17:42 UTC-04:00"),
    ("Wave at Saturn at 7:27 am AEST on Saturday 20 July.", "7:27 am AEST", "time",
     "cassini-2013", "agrees", "07:27–07:42 AEST"),
    ("Wave at Saturn at 7:27 am AEST on Saturday 20 July.", "Saturday 20 July", "date",
     "cassini-2013", "agrees", "In AEST the wave was on Saturday, 20 July 2013"),
    ("People waved at Saturn on Saturday, July 20.", "Saturday, July 20", "date", "cassini-2013",
     "partly", "only from UTC+02:33 eastward"),
    ("People waved at Saturn on Friday, July 20.", "Friday, July 20", "date", "cassini-2013",
     "disagrees", "does not go with the date"),
    ("People waved at Saturn on Thursday.", "Thursday", "weekday", "cassini-2013", "disagrees",
     "not on that day"),
    ("Cassini took the picture at 22:47 UTC, so wave at Saturn then.", "22:47 UTC", "time",
     "cassini-2013", "disagrees", "not the time to wave"),
    ("Cassini imaged Earth at 22:47 UTC, spacecraft time.", "22:47 UTC", "time",
     "cassini-2013", "agrees", "by its own clock"),
    ("MESSENGER imaged Earth at 7:49, 8:38 and 9:41 a.m. EDT on July 19 and 20.", "7:49",
     "time", "messenger-2013-07-19", "agrees", "one of MESSENGER's image times"),
    ("MESSENGER imaged Earth at 7:49, 8:38 and 9:41 a.m. EDT on July 19 and 20.",
     "July 19 and 20", "date", "messenger-2013-07-19", "agrees", "on both days"),
    ("MESSENGER photographed Earth from Mercury at 8:00 a.m. EDT.", "8:00 a.m. EDT", "time",
     "messenger-2013-07-19", "disagrees", "image times were 07:49, 08:38, 09:41 EDT"),
    ("Light from Earth took about 80 minutes to reach Cassini.", "80 minutes", "light_time",
     "cassini-2013", "agrees", "Light took 80.3 minutes"),
    ("Light from Earth took 90 minutes to reach Cassini.", "90 minutes", "light_time",
     "cassini-2013", "disagrees", "not “90 minutes”"),
    ("The light took an hour and 20 minutes to reach Saturn.", "an hour and 20 minutes",
     "light_time", "cassini-2013", "agrees", "fits"),
    ("The window to wave at Saturn lasted 15 minutes.", "15 minutes", "duration", "cassini-2013",
     "agrees", "lasted 15 minutes"),
    ("The window to wave at Saturn lasted 20 minutes.", "20 minutes", "duration", "cassini-2013",
     "disagrees", "not “20 minutes”"),
    ("In Cassini's photo Earth is less than a pixel wide.", "less than a pixel", "earth_size",
     "cassini-2013", "disagrees", "1.47 pixels"),
    ("Cassini was 1.44bn km from Earth.", "1.44bn km", "distance", "cassini-2013", "agrees",
     "fits"),
    ("Wave at Saturn at 5:27.", "5:27", "time", "cassini-2013", "unclear",
     "does not say which zone"),
    ("Europe was in the picture when Cassini looked back.", "Europe was in the picture",
     "lit_region", "cassini-2013", "agrees", "countries in Europe were sunlit"),
    # French, German, Spanish and Portuguese ways of writing.
    ("Les Belges ont salué Saturne de 23h27 à 23h42, heure de Bruxelles.", "23h27 à 23h42, "
     "heure de Bruxelles", "time", "cassini-2013", "agrees", "23:27–23:42 CEST"),
    ("On pouvait saluer Saturne à 23 h 27, heure de Paris.", "23 h 27, heure de Paris", "time",
     "cassini-2013", "agrees", "when the wave began"),
    ("Cassini était à 1,44 milliard de kilomètres de la Terre.", "1,44 milliard de kilomètres",
     "distance", "cassini-2013", "agrees", "fits"),
    ("Wir winkten Saturn um 23.27 Uhr MESZ zu.", "23.27 Uhr MESZ", "time", "cassini-2013",
     "agrees", "when the wave began"),
    ("Cassini war 1,5 Milliarden Kilometer von der Erde entfernt.", "1,5 Milliarden Kilometer",
     "distance", "cassini-2013", "disagrees", "not “1,5 Milliarden Kilometer”"),
    ("Saludamos a Saturno a las 23:27 hora peninsular del viernes 19 de julio.",
     "23:27 hora peninsular", "time", "cassini-2013", "agrees", "when the wave began"),
    ("Saludamos a Saturno a las 23:27 hora peninsular del viernes 19 de julio.",
     "viernes 19 de julio", "date", "cassini-2013", "agrees", "In CEST the wave was on Friday"),
    ("La sonda Cassini estaba a 1.440 millones de kilómetros de la Tierra.",
     "1.440 millones de kilómetros", "distance", "cassini-2013", "agrees", "fits"),
    ("Acenamos para Saturno às 18h27, horário de Brasília.", "18h27, horário de Brasília",
     "time", "cassini-2013", "agrees", "18:27–18:42 BRT"),
    ("A Cassini estava a 1,44 bilhão de quilômetros da Terra.", "1,44 bilhão de quilômetros",
     "distance", "cassini-2013", "agrees", "fits"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "quote", "kind", "event", "verdict", "reason"), CASES)
def test_each_statement(checker, english, text, quote, kind, event, verdict, reason):
    found = [c for c in checker.check(text).claims if c.quote == quote and c.kind == kind]
    assert found, [(c.quote, c.kind) for c in checker.check(text).claims]
    (claim,) = found
    assert text[claim.start : claim.end] == claim.quote
    assert (claim.event_id, claim.verdict) == (event, verdict)
    assert reason in claim_reason(claim.reason.key, claim.reason.values, english)


def test_the_table_is_large_enough():
    assert len(CASES) >= 40


@pytest.mark.parametrize(
    "text",
    [
        "",
        "The weather was lovely and everyone had a picnic.",
        "In 2013 the population was 20,000 people.",
        "The tower is 300 metres tall and 1,440 years old.",
    ],
)
def test_a_text_with_nothing_checkable(checker, text):
    assert checker.check(text).claims == ()


def test_the_caller_names_the_event_a_text_does_not(checker):
    text = "Earth was photographed at 7:49 a.m. EDT."
    (claim,) = checker.check(text, "messenger-2013-07-19").claims
    assert (claim.event_id, claim.verdict) == ("messenger-2013-07-19", "agrees")
    (claim,) = checker.check(text).claims
    assert (claim.event_id, claim.verdict) == ("cassini-2013", "disagrees")


def test_a_time_carries_the_utc_instant_and_the_right_local_time(checker):
    (claim,) = checker.check("Wave at Saturn at 5:30 pm EST.").claims
    # 5:30 pm at UTC-5 is 22:30 UTC; New York kept EDT (UTC-4): the wave 17:27-17:42 there.
    assert claim.stated["start_utc"] == "2013-07-19T22:30:00Z"
    assert claim.computed["start"] == "2013-07-19T17:27:00-04:00"
    assert claim.computed["zone"] == "EDT"


def test_claims_are_capped(checker):
    text = " ".join(["Wave at Saturn at 5:27 pm EDT."] * 150)
    checked = checker.check(text)
    assert checked.truncated and len(checked.claims) == checker.max_claims


def test_the_text_language_is_guessed(checker):
    assert checker.check("Les Belges ont salué Saturne de 23h27 à 23h42.").language == "fr"
    assert checker.check("Der Abstand war groß und die Erde war klein.").language == "de"


def _country(code, continent, name=None):
    return InPictureCountry(code, name or code, continent, (f"{code} city",))


@pytest.mark.parametrize(
    "countries, only, verdict, words",
    [
        (
            [_country("US", "NA"), _country("CA", "NA"), _country("MX", "NA")],
            True,
            "agrees",
            "Every place both sunlit and facing Cassini was in North America (3 countries)",
        ),
        (
            [_country("US", "NA"), _country("BR", "SA", "Brazil"), _country("PE", "SA", "Peru")],
            True,
            "partly",
            "but so were 2 elsewhere: South America",
        ),
        (
            [_country("US", "NA"), _country("BR", "SA", "Brazil")],
            False,
            "agrees",
            "countries in North America were sunlit and facing Cassini.",
        ),
        ([_country("FR", "EU"), _country("SN", "AF")], True, "disagrees", "No place in North"),
        ([], True, "disagrees", "No place in North America"),
    ],
)
def test_judge_lit_on_constructed_inputs(checker, english, countries, only, verdict, words):
    """The lit-regions judgement without the word lexicon, as the curated fact check uses it."""
    event = replace(checker.facts.events["cassini-2013"], in_picture=tuple(countries))
    text = "North America was lit"
    claim = judge_lit(text, Span(0, len(text)), ("NA",), only, event)
    assert (claim.kind, claim.verdict, claim.quote) == ("lit_region", verdict, text)
    assert words in claim_reason(claim.reason.key, claim.reason.values, english)
    assert claim.computed["outside_claim"] == [
        c.country_code for c in countries if c.continent != "NA"
    ]


def test_judge_figures_is_what_the_checker_judges(checker):
    """The figures' judging without the word lexicon gives what `check` gives."""
    text = "Cassini was 1.5 billion kilometres (nearly 900 million miles) away."
    event = checker.facts.events["cassini-2013"]
    (alone,) = judge_figures(text, event, checker.facts.constants)
    (checked,) = checker.check(text).claims
    assert alone == checked
    assert [f["agrees"] for f in alone.stated["figures"]] == [False, True]
