"""A value made once, on first use: what start-up leaves for later (see
`service.application.warmup`)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Lazy(Generic[T]):
    """A value made once, by whichever asks first: a request or the warm-up."""

    def __init__(self, name: str, make: Callable[[], T]) -> None:
        self.name = name
        self._make: Callable[[], T] | None = make
        self._value: T | None = None
        self._lock = threading.Lock()

    @property
    def built(self) -> bool:
        return self._make is None

    def get(self) -> T:
        if self._make is not None:
            with self._lock:
                if self._make is not None:
                    self._value = self._make()
                    self._make = None  # and what it held with it
        return self._value  # type: ignore[return-value]
