"""What start-up leaves for later: values built on first use, or by the warm-up after readiness.

A replica is ready once it can answer the busiest requests (the local answer for a city, a zone or
coordinates). What only other routes need (the page's templates and map, the in-picture tables)
is a `Lazy`: the warm-up builds each in a background thread just after readiness, and a request
that comes first builds it itself, once. `/readyz` lists what is still warming.
"""

from __future__ import annotations

import ctypes
import gc
import logging
import threading
import time
from collections.abc import Callable, Sequence

from service.lazy import Lazy

log = logging.getLogger("uvicorn.error")


class Warmup:
    """Builds its values one after another in a daemon thread; says which are not built yet."""

    def __init__(self, values: Sequence[Lazy], then: Callable[[], None] | None = None) -> None:
        self.values = tuple(values)
        # Run once every value is built (the resources give back the mapped pages it read).
        self.then = then
        self.thread: threading.Thread | None = None

    def pending(self) -> list[str]:
        return [value.name for value in self.values if not value.built]

    def start(self) -> None:
        self.thread = threading.Thread(target=self.run, name="warmup", daemon=True)
        self.thread.start()

    def run(self) -> None:
        began = time.monotonic()
        for value in self.values:
            try:
                value.get()
            except Exception:  # the request that needs it will meet the error, in its shape
                log.exception("Warm-up of %s failed; it will be built on first use.", value.name)
        # What the warm-up made lives as long as the process, like start-up's objects. No full
        # collection first: it would hold the interpreter while requests are being answered.
        gc.freeze()
        trim_heap()
        if self.then is not None:
            self.then()
        log.info("Warm-up done in %.2f s.", time.monotonic() - began)

    def wait(self, timeout_s: float | None = None) -> bool:
        """Whether every value is built (waiting up to `timeout_s` for the thread)."""
        if self.thread is not None:
            self.thread.join(timeout_s)
        return not self.pending()


def trim_heap() -> None:
    """Give the C heap's free pages back to the system (glibc's malloc_trim): start-up and the
    warm-up parse a few MB of JSON into objects they then drop, and the heap keeps the freed
    pages otherwise (3 to 4 MB, measured after the warm-up). Elsewhere than glibc, nothing."""
    libc = ctypes.CDLL(None)
    trim = getattr(libc, "malloc_trim", None)
    if trim is not None:
        trim(0)
