"""Shared test helpers: real journey files and real MkDocs builds in temporary folders."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

GOOD_B2B = """\
---
title: SaaS purchase
segment: b2b
owner: Revenue Operations
reviewed: 2026-10-15
sales_cycle: 3-9 months
deal_value: high
tags: [saas]
compare_with: shop
stakeholders:
  - id: cfo
    name: Chief Financial Officer
    role: economic-buyer
    influence: high
    goals: [Predictable total cost]
    concerns: [Vendor lock-in]
  - id: agent
    name: Support agent
    role: end-user
    influence: low
stages:
  - id: awareness
    name: Awareness
    goal: Recognise the problem
    touchpoints:
      - name: Analyst report
        channel: content
        actors: [cfo]
        score: 3
        emotion: curious
    pains: [Too many vendors look alike]
    opportunities: [Publish a cost calculator]
    kpis: [Marketing-qualified accounts]
    feedback: Win/loss interviews
  - id: purchase
    name: Purchase
    touchpoints:
      - name: Trial
        channel: in-product
        actors: [cfo, agent]
        score: 4
        scores: {cfo: 2}
---
The committee decides slowly.
"""

GOOD_B2C = """\
---
title: Shop checkout
segment: b2c
reviewed: 2026-11-01
stakeholders:
  - id: shopper
    name: Shopper
    role: consumer
stages:
  - id: awareness
    name: Awareness
    touchpoints:
      - name: Instagram reel
        channel: social
        score: 4
  - id: purchase
    name: Purchase
    touchpoints:
      - name: Checkout
        channel: website
        score: 2
        emotion: impatient
---
One person, one evening.
"""

MKDOCS_YML = """\
site_name: Test playbook
theme:
  name: material
  font: false
plugins:
  - search
  - journeys
"""


LANGUAGE_NAMES = {"en": "English", "ru": "Русский", "fa": "فارسی", "ka": "ქართული", "de": "Deutsch"}


def i18n_yml(*languages: str, journeys: str = "  - journeys\n") -> str:
    """A multilingual site with mkdocs-static-i18n (suffix structure); the first language is the default."""
    lines = [
        "site_name: Test playbook",
        "theme:\n  name: material\n  font: false",
        (
            "plugins:\n  - search\n  - i18n:\n      docs_structure: suffix\n      fallback_to_default: true\n"
            "      reconfigure_material: true\n      languages:"
        ),
    ]
    for index, code in enumerate(languages):
        default = ", default: true" if index == 0 else ""
        lines.append(f"        - {{locale: {code}, name: {LANGUAGE_NAMES[code]}{default}, build: true}}")
    return "\n".join(lines) + "\n" + journeys


def journeys_cli(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run `python -m mkdocs_journeys.cli ARGS` in `cwd`, as a user would."""
    environ = {k: v for k, v in os.environ.items() if k != "JOURNEYS_DEBUG"}
    environ.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "mkdocs_journeys.cli", *args],
        check=False,
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=environ,
        timeout=120,
    )


@dataclass
class BuildResult:
    returncode: int
    log: str
    site: Path

    def html(self, page: str) -> str:
        return (self.site / page).read_text("utf-8")


def write_site(root: Path, journeys: dict[str, str], mkdocs_yml: str = MKDOCS_YML, docs: dict[str, str] | None = None) -> Path:
    """A real MkDocs project: mkdocs.yml, docs/ and journeys/ with the given files."""
    (root / "docs").mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(textwrap.dedent(mkdocs_yml), "utf-8")
    for name, text in {"index.md": "# Home\n", **(docs or {})}.items():
        path = root / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    (root / "journeys").mkdir(exist_ok=True)
    for name, text in journeys.items():
        path = root / "journeys" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return root


def mkdocs_build(root: Path, *args: str, env: dict[str, str] | None = None) -> BuildResult:
    """Run `mkdocs build` as a user would, in a subprocess."""
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(root / "mkdocs.yml"), "-d", str(root / "site"), *args],
        check=False,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
        timeout=300,
    )
    return BuildResult(proc.returncode, proc.stdout + proc.stderr, root / "site")


@pytest.fixture
def site(tmp_path: Path):
    """Write and build a site: `site({"a.md": text}, "--strict")`."""

    def make(journeys: dict[str, str], *args: str, mkdocs_yml: str = MKDOCS_YML, docs: dict[str, str] | None = None, env: dict[str, str] | None = None) -> BuildResult:
        write_site(tmp_path, journeys, mkdocs_yml, docs)
        return mkdocs_build(tmp_path, *args, env=env)

    return make
