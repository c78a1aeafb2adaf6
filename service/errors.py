"""Domain errors. Each carries what a caller needs to fix the request; none knows about HTTP."""

from __future__ import annotations

from typing import Any


class ServiceError(Exception):
    """Base of every error the service reports to a caller.

    `code` is the stable machine-readable name; `details` are extra fields (suggestions,
    candidates, known ids) that tell the caller how to fix the call.
    """

    code = "error"

    def __init__(self, message: str, **details: Any) -> None:
        super().__init__(message)
        self.message = message
        self.details = details


class InvalidParameter(ServiceError):
    """A parameter is malformed, out of range, or missing."""

    code = "invalid_parameter"


class InvalidUtcOffset(InvalidParameter):
    """A fixed UTC offset was given but lies outside -14:00..+14:00 or has bad minutes."""

    code = "invalid_utc_offset"


class UnknownEvent(ServiceError):
    """No event has this id."""

    code = "unknown_event"


class UnknownArticle(ServiceError):
    """No article of the corpus has this id; carries the known ids."""

    code = "unknown_article"


class UnknownTimeZone(ServiceError):
    """The text names no IANA zone, link, or fixed offset."""

    code = "unknown_time_zone"


class NotReady(ServiceError):
    """Start-up work has not finished; the request can be retried in a moment."""

    code = "not_ready"


class UnknownPlace(ServiceError):
    """No city of the gazetteer (nor zone, for a path) has this name; carries suggestions."""

    code = "unknown_place"


class NoSearchTerms(InvalidParameter):
    """A search text with no word in it (only punctuation or operators) has nothing to look for."""

    code = "no_search_terms"


class IngestRefused(ServiceError):
    """An article could not be fetched or read: `reason` says which limit or check stopped it."""

    code = "ingest_refused"


class UnsupportedEmbedUrl(ServiceError):
    """An oEmbed request names a URL this site does not serve an answer at."""

    code = "unsupported_url"


class FormatNotImplemented(ServiceError):
    """An oEmbed response format other than JSON was asked for."""

    code = "format_not_implemented"
