"""Turning a question's outcome into an HTTP response in the format the question chose: the
terminal text, JSON, the page, or an error in any of them. Routes parse, call and hand over here.
"""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response

from service.application.question import Question, fields_of, header_fields
from service.errors import InvalidParameter, ServiceError, UnknownPlace
from service.render import page, plain_html, terminal, words
from service.render.answer_json import answer_json
from service.render.formats import Format, choose_format, fallback_format
from service.render.i18n import Messages, choose_language
from service.web.deps import Pages
from service.web.errors import service_error_body, status_for

# The page may load its own script and style; nothing else, and only this site may frame it.
PAGE_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'self'"
)
# A plain page (a text answer or an error for a browser): its one inline style, nothing else.
PLAIN_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'self'"
)
# Answers that negotiate their format vary on what chooses it.
NEGOTIATED_VARY = "Accept, User-Agent, Accept-Language"


def html(body: str, status: int, language: str, csp: str, framable: bool = False) -> HTMLResponse:
    """An HTML response with its Content-Security-Policy and frame rule."""
    headers = {
        "Content-Security-Policy": csp,
        "Content-Language": language,
        "Vary": NEGOTIATED_VARY,
    }
    if not framable:
        headers["X-Frame-Options"] = "SAMEORIGIN"
    return HTMLResponse(body, status_code=status, headers=headers)


def refusal(request: Request, pages: Pages, error: ServiceError) -> Response:
    """A request whose question could not be read: the error in the format it asked for, or if
    `format` itself is what is wrong, the one its headers choose."""
    fields = fields_of(
        request.scope.get("query_string", b""), header_fields(request.scope["headers"])
    )
    asked = [value for name, value in fields.query if name == "format"]
    try:
        fmt = choose_format(asked[0] if len(asked) == 1 else None, fields.accept, fields.user_agent)
    except InvalidParameter:
        fmt = fallback_format(fields.accept, fields.user_agent)
    language = choose_language(None, fields.accept_language, pages.asking.languages).used
    return error_in(fmt, request, pages, error, language)


def error_in(
    fmt: Format, request: Request, pages: Pages, error: ServiceError, language: str
) -> Response:
    """The error in the chosen format, with the status the JSON API gives it."""
    status = status_for(error)
    if fmt == "json":
        return JSONResponse(
            service_error_body(error),
            status_code=status,
            headers={"Vary": NEGOTIATED_VARY},
        )
    m = pages.site.messages[language]
    base = pages.links(request).base
    suggestions = error.details.get("suggestions") or []
    body = terminal.error(error.message, suggestions, base, isinstance(error, UnknownPlace), m)
    if fmt == "html":
        title = words.title(m.text("error_heading"), m)
        return html(plain_html.page(title, body, language), status, language, PLAIN_CSP)
    return PlainTextResponse(body, status_code=status, headers={"Vary": NEGOTIATED_VARY})


def page_response(request: Request, pages: Pages, q: Question) -> Response:
    """The page for the question, with the status its outcome deserves."""
    outcome = pages.answers.attempt(q)
    body = page.page(
        pages.site,
        pages.catalogue,
        pages.articles,
        q,
        outcome,
        pages.links(request),
    )
    status = status_for(outcome.error) if outcome.error else 200
    return html(body, status, q.language.used, PAGE_CSP)


def usage_text(pages: Pages, base: str, m: Messages) -> str:
    """`/:help`'s text: what to type, against this server, the main event first."""
    main = pages.catalogue.get(pages.asking.main_event_id)
    others = [e for e in pages.catalogue.ids() if e != main.id]
    return terminal.usage(base, main, others, m)


def terminal_response(request: Request, pages: Pages, q: Question) -> Response:
    """What a terminal or a program gets: the text (or JSON) answer, the usage text when the
    question names no place, or the error."""
    m = pages.site.messages.reader(q.language)
    base = pages.links(request).base
    if not q.where.given and q.format == "text":
        return PlainTextResponse(usage_text(pages, base, m), headers={"Vary": NEGOTIATED_VARY})
    try:
        answer = pages.answers.local(q)
        event = pages.answers.event(q.event_id)
    except ServiceError as error:
        return error_in(q.format, request, pages, error, q.language.used)
    if q.format == "json":
        return Response(
            answer_json(answer),
            media_type="application/json",
            headers={"Vary": NEGOTIATED_VARY},
        )
    return PlainTextResponse(
        terminal.local_answer(answer, event, base, m), headers={"Vary": NEGOTIATED_VARY}
    )
