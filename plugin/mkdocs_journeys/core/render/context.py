"""What a renderer needs to know about the page it renders for, beyond the journey itself."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..labels import Labels
from ..problems import Problem


@dataclass(frozen=True)
class RenderContext:
    labels: Labels
    today: dt.date
    review_max_age_days: int = 180
    directory_urls: bool = True
    # (title, src path) of pages this journey links to, such as its comparison pages
    comparisons: tuple[tuple[str, str], ...] = ()
    problems: tuple[Problem, ...] = field(default=())
    notice: str | None = None  # shown above the page, e.g. that it falls back to English
    # "full": search indexes everything a journey page says; "summary": stage facts and the
    # pains/opportunities/KPI lists are left out (data-search-exclude), for large playbooks.
    search_detail: str = "full"

    def days_since(self, day: dt.date) -> int:
        return (self.today - day).days

    def is_overdue(self, reviewed: dt.date | None) -> bool:
        return reviewed is None or self.days_since(reviewed) > self.review_max_age_days
