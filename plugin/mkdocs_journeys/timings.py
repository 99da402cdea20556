"""Time spent in the plugin's own hooks, so the benchmark can report the plugin's share.

Set ``MKDOCS_JOURNEYS_PROFILE=/path/file.json`` and the process writes, when it exits,
``{"hooks": {"on_files": seconds, ...}, "calls": {...}}``: wall time inside each hook,
summed over every language build, including those built by a parallel child process.
"""

from __future__ import annotations

import atexit
import functools
import json
import os
import time
from collections import defaultdict
from collections.abc import Callable
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])

ENV = "MKDOCS_JOURNEYS_PROFILE"
_seconds: dict[str, float] = defaultdict(float)
_calls: dict[str, int] = defaultdict(int)


def timed(hook: F) -> F:
    """Add the hook's wall time to the process totals (a perf_counter pair: negligible cost)."""
    name = hook.__name__

    @functools.wraps(hook)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return hook(*args, **kwargs)
        finally:
            _seconds[name] += time.perf_counter() - start
            _calls[name] += 1

    return wrapper  # type: ignore[return-value]


def totals() -> tuple[dict[str, float], dict[str, int]]:
    return dict(_seconds), dict(_calls)


def since(before: tuple[dict[str, float], dict[str, int]]) -> tuple[dict[str, float], dict[str, int]]:
    """What was added to the totals after `before` (a forked process reports only its own work)."""
    seconds, calls = before
    return (
        {name: value - seconds.get(name, 0.0) for name, value in _seconds.items()},
        {name: count - calls.get(name, 0) for name, count in _calls.items()},
    )


def merge(other: tuple[dict[str, float], dict[str, int]]) -> None:
    """Add a child process's totals (languages built in parallel): the figures stay CPU time."""
    seconds, calls = other
    for name, value in seconds.items():
        _seconds[name] += value
    for name, count in calls.items():
        _calls[name] += count


def _write() -> None:
    path = os.environ.get(ENV)
    if path:
        with open(path, "w", encoding="utf-8") as out:
            json.dump({"hooks": dict(_seconds), "calls": dict(_calls)}, out, indent=2, sort_keys=True)


atexit.register(_write)
