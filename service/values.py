"""Value types that are built on every request: frozen for the type checker, plain at run time.

A frozen dataclass sets each field through `object.__setattr__`, two and a half times the cost
of a plain one's assignment; a local answer builds some ninety fields (its parts, the question,
the place), about 12 µs of its 100. Nothing assigns to a value once it is built, and the type
checker keeps it so (`dataclass_transform(frozen_default=True)`: an assignment is an error).
Values hash by their fields, as frozen ones do.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypeVar

from typing_extensions import dataclass_transform

T = TypeVar("T")


@dataclass_transform(frozen_default=True, field_specifiers=(field,))
def value_type(cls: type[T]) -> type[T]:
    """`@dataclass(frozen=True)` as far as the type checker sees, without its cost at run time."""
    return dataclass(unsafe_hash=True)(cls)
