"""A value made on first use, once, however many threads ask for it at the same time."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Once(Generic[T]):
    """A value made on first use, once; threads that ask meanwhile wait for it."""

    def __init__(self, make: Callable[[], T]) -> None:
        self._make: Callable[[], T] | None = make
        self._lock = threading.Lock()
        self._value: T | None = None
        self.done = False

    @classmethod
    def made(cls, value: T) -> Once[T]:
        """One whose value is made already."""
        once = cls(lambda: value)
        once()
        return once

    def __call__(self) -> T:
        if not self.done:
            with self._lock:
                if not self.done:
                    self._value = self._make()
                    self._make = None  # let go of what making it needed
                    self.done = True
        return self._value  # type: ignore[return-value]
