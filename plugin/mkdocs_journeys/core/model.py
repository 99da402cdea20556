"""The journey model: plain, immutable data, independent of any documentation engine."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .problems import Problem

SEGMENTS = ("b2b", "b2c")
ROLES = (
    "decision-maker",
    "economic-buyer",
    "champion",
    "technical-evaluator",
    "end-user",
    "influencer",
    "procurement",
    "gatekeeper",
    "consumer",
)
# Who uses the product and who pays for it: the split that B2B maps must show.
USER_ROLES = frozenset({"end-user", "consumer", "champion"})
BUYER_ROLES = frozenset({"decision-maker", "economic-buyer", "procurement", "consumer"})
INFLUENCES = ("low", "medium", "high")


@dataclass(frozen=True)
class Stakeholder:
    id: str
    name: str
    role: str
    influence: str = "medium"
    goals: tuple[str, ...] = ()
    concerns: tuple[str, ...] = ()

    @property
    def is_user(self) -> bool:
        return self.role in USER_ROLES

    @property
    def is_buyer(self) -> bool:
        return self.role in BUYER_ROLES


@dataclass(frozen=True)
class Touchpoint:
    name: str
    score: int
    id: str | None = None
    channel: str | None = None
    actors: tuple[str, ...] = ()
    scores: tuple[tuple[str, int], ...] = ()  # per-stakeholder overrides, in file order
    emotion: str | None = None

    def score_for(self, stakeholder_id: str) -> int:
        """The experience score this stakeholder gives: their own, else the shared one."""
        return dict(self.scores).get(stakeholder_id, self.score)


@dataclass(frozen=True)
class Stage:
    id: str
    name: str
    goal: str | None = None
    duration: str | None = None
    purchase: bool = False
    compare_as: str | None = None
    touchpoints: tuple[Touchpoint, ...] = ()
    pains: tuple[str, ...] = ()
    opportunities: tuple[str, ...] = ()
    kpis: tuple[str, ...] = ()
    feedback: str | None = None

    @property
    def alignment_id(self) -> str:
        """The id comparison pages align this stage on."""
        return self.compare_as or self.id


@dataclass(frozen=True)
class Journey:
    id: str
    title: str
    segment: str
    stages: tuple[Stage, ...]
    source: str  # the file, as shown in messages (relative to the project)
    summary: str | None = None
    owner: str | None = None
    reviewed: dt.date | None = None
    status: str = "published"
    tags: tuple[str, ...] = ()
    sales_cycle: str | None = None
    deal_value: str | None = None
    compare_with: tuple[str, ...] = ()
    stakeholders: tuple[Stakeholder, ...] = ()
    narrative: str = ""
    narrative_line: int = 1
    language: str | None = None  # None: the default language; else the translation's language
    fallback_fields: tuple[str, ...] = ()  # fields a translation left in the default language
    lines: dict[tuple[str | int, ...], int] = field(default_factory=dict, compare=False, hash=False)

    @property
    def is_draft(self) -> bool:
        return self.status == "draft"

    def stakeholder(self, stakeholder_id: str) -> Stakeholder | None:
        for stakeholder in self.stakeholders:
            if stakeholder.id == stakeholder_id:
                return stakeholder
        return None

    def touchpoints(self) -> list[tuple[Stage, Touchpoint]]:
        return [(stage, touchpoint) for stage in self.stages for touchpoint in stage.touchpoints]

    def purchase_stage_index(self) -> int | None:
        """Index of the stage where the purchase is decided (explicit flag, else id `purchase`)."""
        for index, stage in enumerate(self.stages):
            if stage.purchase:
                return index
        for index, stage in enumerate(self.stages):
            if stage.id == "purchase":
                return index
        return None


@dataclass(frozen=True)
class BrokenJourney:
    """A file that could not become a journey: its page shows the problems instead."""

    id: str
    source: str
    problems: tuple[Problem, ...]
    title: str | None = None
    is_draft: bool = False  # `status: draft` was readable: its problems are logged, no page is made


@dataclass(frozen=True)
class Pair:
    """A B2B journey and its B2C counterpart, shown side by side on a comparison page."""

    b2b: str
    b2c: str

    @property
    def slug(self) -> str:
        return f"{self.b2b}-vs-{self.b2c}"


@dataclass(frozen=True)
class Playbook:
    """Everything loaded from a journeys folder: good journeys, broken files and all problems."""

    journeys: tuple[Journey, ...]
    broken: tuple[BrokenJourney, ...] = ()
    problems: tuple[Problem, ...] = ()
    pairs: tuple[Pair, ...] = ()
    translations: dict[str, dict[str, Journey]] = field(default_factory=dict)  # lang -> id -> journey

    def journey(self, journey_id: str) -> Journey | None:
        for journey in self.journeys:
            if journey.id == journey_id:
                return journey
        return None

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(problem for problem in self.problems if problem.is_error)
