"""Gap analysis: what a reviewer would want to know about a journey map before trusting it."""

from __future__ import annotations

from dataclasses import dataclass

from .labels import Labels
from .model import Journey, Playbook
from .problems import Problem, Severity, field_path
from .schema import line_for

# Findings that `gap_level` may log. A journey without a counterpart is only listed on the
# Gap analysis page: a playbook of one segment, or a first journey, is not a mistake.
LOGGED_KINDS = frozenset({"empty_stage", "late_stakeholder", "idle_stakeholder"})


@dataclass(frozen=True)
class Gap:
    journey: Journey
    kind: str  # empty_stage | late_stakeholder | idle_stakeholder | no_counterpart
    stage: str | None = None  # stage id
    stakeholder: str | None = None  # stakeholder id

    def _names(self) -> dict[str, str]:
        stage = next((s for s in self.journey.stages if s.id == self.stage), None)
        person = self.journey.stakeholder(self.stakeholder) if self.stakeholder else None
        purchase = self.journey.purchase_stage_index()
        return {
            "stage": stage.name if stage else (self.journey.stages[purchase].name if purchase is not None else ""),
            "stakeholder": person.name if person else "",
        }

    def text(self, labels: Labels) -> str:
        """The finding in the reader's language (the journey itself may be translated)."""
        return labels(f"gap.{self.kind}", **self._names())

    def problem(self, severity: Severity) -> Problem:
        english = Labels("en")
        path: tuple[str | int, ...] = ()
        if self.stage is not None:
            path = ("stages", next(i for i, s in enumerate(self.journey.stages) if s.id == self.stage))
        elif self.stakeholder is not None:
            path = ("stakeholders", next(i for i, s in enumerate(self.journey.stakeholders) if s.id == self.stakeholder))
        hints = {
            "empty_stage": "Map at least one touchpoint, or remove the stage.",
            "late_stakeholder": "High-influence people who first appear at the purchase tend to block it; map how they are reached earlier.",
            "idle_stakeholder": "Add them to the `actors` of the touchpoints they take part in, or remove them.",
            "no_counterpart": "Pair it with a journey of the other segment with `compare_with`.",
        }
        line = line_for(self.journey.lines, path) if self.journey.lines else None
        return Problem(self.journey.source, line, field_path(path), self.text(english), hints[self.kind], severity, f"gap-{self.kind}")


def find_gaps(playbook: Playbook) -> list[Gap]:
    paired = {p.b2b for p in playbook.pairs} | {p.b2c for p in playbook.pairs}
    gaps: list[Gap] = []
    for journey in playbook.journeys:
        for stage in journey.stages:
            if not stage.touchpoints:
                gaps.append(Gap(journey, "empty_stage", stage=stage.id))
        purchase = journey.purchase_stage_index()
        for person in journey.stakeholders:
            stages_in = [i for i, s in enumerate(journey.stages) if any(person.id in tp.actors for tp in s.touchpoints)]
            if not stages_in:
                gaps.append(Gap(journey, "idle_stakeholder", stakeholder=person.id))
            elif person.influence == "high" and purchase is not None and min(stages_in) >= purchase:
                gaps.append(Gap(journey, "late_stakeholder", stakeholder=person.id))
        if journey.id not in paired:
            gaps.append(Gap(journey, "no_counterpart"))
    return gaps
