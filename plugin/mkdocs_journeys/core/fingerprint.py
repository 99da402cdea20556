"""A short fingerprint of a journey's structure, so a translation can tell it is out of date.

Only what a translation is matched on counts: the ids and order of stakeholders, stages and
touchpoints. Editing a score or a sentence in the default language does not make every
translation stale; adding, removing or reordering a stage does.
"""

from __future__ import annotations

import hashlib

from .model import Journey


def structure_fingerprint(journey: Journey) -> str:
    parts = ["s:" + ",".join(s.id for s in journey.stakeholders)]
    for stage in journey.stages:
        touchpoints = ",".join(tp.id or f"#{i}" for i, tp in enumerate(stage.touchpoints))
        parts.append(f"g:{stage.id}[{touchpoints}]")
    # The prefix keeps YAML from reading an all-digit hash as a number.
    return "fp-" + hashlib.sha256("|".join(parts).encode()).hexdigest()[:12]
