"""The globe (`view.svg`) and the share image (`share.png`) with their words, from the typed
answers: the view of `Answers.view` and, for a place, the local answer. Every word comes from the
message catalogue through `service.render.words` and `i18n`.
"""

from __future__ import annotations

from datetime import datetime

from service.application.schemas import LocalAnswer, ViewAnswer, ViewPlaceOut
from service.astronomy.disk import Point2
from service.events import Event
from service.render import globe, i18n, share, words
from service.render.assets import Site
from service.render.i18n import Messages
from service.render.page import event_label, intro


def _marker(place: ViewPlaceOut | None) -> Point2 | None:
    """Where to mark the place: on the near side only."""
    if place is None or not place.visible:
        return None
    return (place.disk.x, place.disk.y)


def _label(place: ViewPlaceOut, m: Messages) -> str:
    return words.place_label(place.place, place.place.resolved_from, m)


def globe_text(event: Event, view: ViewAnswer, m: Messages) -> globe.GlobeText:
    """Every word on the globe, in the reader's language."""
    time = view.instant[11:16]
    date = i18n.date_text(_instant(view), m)
    percent = round(100 * view.illuminated_fraction)
    names = {"spacecraft": event.spacecraft, "body": words.body_name(event.target_body, m)}
    place_line, label = "", ""
    if view.place is not None:
        label = _label(view.place, m)
        key = "globe_near_side" if view.place.visible else "globe_far_side"
        place_line = m.text(key, place=label)
    return globe.GlobeText(
        title=m.text("globe_title", **names),
        description=m.text("globe_alt", **names, time=time, date=date, percent=percent)
        + (f" {place_line}" if place_line else ""),
        caption=m.text("globe_caption", time=time, date=date, percent=percent),
        place_line=place_line,
        marker_label=label,
        legend_lit=m.text("globe_legend.lit"),
        legend_dark=m.text("globe_legend.dark"),
        legend_place=m.text("legend.place"),
        language=m.language,
    )


def _instant(view: ViewAnswer) -> datetime:
    return datetime.fromisoformat(view.instant.replace("Z", "+00:00"))


def globe_svg(site: Site, event: Event, view: ViewAnswer, m: Messages) -> str:
    """The standalone globe for the event, the place marked when it faced the camera."""
    return globe.render(site.globes[event.id], _marker(view.place), globe_text(event, view, m))


def globe_alt(event: Event, view: ViewAnswer, m: Messages) -> str:
    return globe_text(event, view, m).description


def share_text(event: Event, answer: LocalAnswer | None, m: Messages) -> share.ShareText:
    """The share image's words: the place, its local time and the verdict; without a place, the
    event itself."""
    heading = f"{m.text('site_name')} · {event_label(event, m)}"
    if answer is None:
        start, end = event.wave_window.start, event.wave_window.end
        return share.ShareText(
            heading=m.text("site_name"),
            title=event_label(event, m),
            time=f"{i18n.time_range(start, end, m)} UTC",
            date=i18n.date_text(start, m),
            verdict=None,
            in_picture=False,
            reason=intro(event, m),
            language=m.language,
        )
    return share.ShareText(
        heading=heading,
        title=words.place_label(answer.place, answer.place.resolved_from, m),
        time=f"{answer.local.start[11:16]}–{answer.local.end[11:16]}",
        date=answer.local.display,
        verdict=words.verdict_title(answer.sky.in_picture, m),
        in_picture=answer.sky.in_picture,
        reason=words.reason_text(answer.sky, m),
        language=m.language,
    )


def share_alt(event: Event, answer: LocalAnswer | None, m: Messages) -> str:
    """The share image in words (`og:image:alt`)."""
    text = share_text(event, answer, m)
    if text.verdict is None:
        return f"{text.title}: {text.time}, {text.date}."
    return f"{text.title}: {text.date}. {text.verdict}. {text.reason}"


def share_svg(
    site: Site, event: Event, answer: LocalAnswer | None, view: ViewAnswer, m: Messages
) -> str:
    label = _label(view.place, m) if view.place is not None else ""
    return share.share_svg(
        site.globes[event.id], _marker(view.place), label, share_text(event, answer, m)
    )


def share_png(
    site: Site, event: Event, answer: LocalAnswer | None, view: ViewAnswer, m: Messages
) -> bytes:
    """The 1200 x 630 PNG of the share image."""
    return share.render_png(share_svg(site, event, answer, view, m), site.share_fonts, m.language)
