"""Results remembered between rebuilds of a long-running process (`mkdocs serve`).

Parsing is cached by file content, so an unchanged journey comes back as the very same object
on the next rebuild; what was rendered from it can then be reused by identity. Entries hold
their inputs, so an identity is never reused by another object while its entry lives.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")


class IdentityMemo:
    def __init__(self, maxsize: int = 20_000) -> None:
        self.maxsize = maxsize
        self.entries: OrderedDict[Hashable, tuple[tuple[Any, ...], Any]] = OrderedDict()
        self.hits = self.misses = 0

    def get(self, inputs: tuple[Any, ...], extra: Hashable, make: Callable[[], T]) -> T:
        """`make()`, or what it returned before for the same input objects and `extra`."""
        key = (tuple(id(item) for item in inputs), extra)
        found = self.entries.get(key)
        if found is not None:
            self.entries.move_to_end(key)
            self.hits += 1
            return found[1]  # type: ignore[no-any-return]
        self.misses += 1
        result = make()
        self.entries[key] = (inputs, result)
        if len(self.entries) > self.maxsize:
            self.entries.popitem(last=False)
        return result


def no_memo(inputs: tuple[Any, ...], extra: Hashable, make: Callable[[], T]) -> T:
    """What a one-off build uses: nothing is kept."""
    return make()
