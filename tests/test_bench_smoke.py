"""A tiny run of the benchmark scripts, so bench/ keeps working (CI does not run the big sizes)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
COLUMNS = ["kind", "journeys", "languages", "pages", "wall s", "peak MB", "plugin s", "plugin %"]


def script(*args: object, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [sys.executable, *map(str, args)], check=False, capture_output=True, text=True, env=ENV, cwd=ROOT, timeout=timeout
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc


def table_rows(output: str) -> list[dict[str, str]]:
    lines = output.splitlines()
    header = lines.index("| " + " | ".join(COLUMNS) + " |")
    rows = []
    for line in lines[header + 2 :]:
        if not line.startswith("|"):
            break
        rows.append(dict(zip(COLUMNS, (cell.strip() for cell in line.strip("|").split("|")))))
    return rows


def test_run_prints_both_kinds_with_positive_figures_and_the_promised_pages(tmp_path):
    out = tmp_path / "out"
    proc = script(BENCH / "run.py", "--sizes", 4, 5, "--languages", "en", "ru", "--baseline-max", 4, "--out", out)
    rows = table_rows(proc.stdout)
    assert [(r["kind"], r["journeys"]) for r in rows] == [("journeys", "4"), ("baseline", "4"), ("journeys", "5")]
    for row in rows:
        manifest = json.loads((out / f"{row['kind']}-{row['journeys']}" / "bench.json").read_text("utf-8"))
        assert int(row["pages"]) == manifest["pages"] > 0
        assert row["languages"] == "2"
        assert float(row["wall s"]) > 0 and float(row["peak MB"]) > 0
        if row["kind"] == "journeys":
            assert float(row["plugin s"]) > 0 and 0 < float(row["plugin %"]) < 100
        else:
            assert row["plugin s"] == row["plugin %"] == "-"
    # Per language: home, 4 journeys, 2 comparisons, 2 indexes, 4 catalogs, translation status.
    assert rows[0]["pages"] == str(2 * (1 + 4 + 2 + 2 + 4 + 1))
    assert rows[1]["pages"] == str(2 * (1 + 4))
    # An odd size pairs its extra B2C journey too: 3 comparison pages.
    assert rows[2]["pages"] == str(2 * (1 + 5 + 3 + 2 + 4 + 1))
    assert re.search(r"^- baseline 5: skipped \(above --baseline-max 4: .*square", proc.stdout, re.MULTILINE)
    assert "journeys vs baseline at 4:" in proc.stdout
    results = json.loads((out / "results.json").read_text("utf-8"))
    assert [r["kind"] for r in results["rows"]] == ["journeys", "baseline", "journeys"]


def test_generated_playbook_is_deterministic_and_builds_strict_fully_translated(tmp_path):
    languages = ["en", "el", "fa"]
    for name in ("a", "b"):
        script(BENCH / "generate.py", tmp_path / name, "--journeys", 4, "--languages", *languages, "--seed", 7)
    files_a = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*") if p.is_file())
    assert files_a == files_b and len(files_a) == 1 + 3 + 4 * 3 + 1  # mkdocs.yml, homes, journeys, manifest
    assert all((tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes() for f in files_a)

    site = tmp_path / "site"
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", tmp_path / "a" / "mkdocs.yml", "-d", site],
        check=False, capture_output=True, text=True, env=ENV, timeout=120,
    )  # fmt: skip
    assert build.returncode == 0, build.stdout + build.stderr
    manifest = json.loads((tmp_path / "a" / "bench.json").read_text("utf-8"))
    assert sum(1 for _ in site.rglob("index.html")) == manifest["pages"]
    # Every translation is complete and records the current source fingerprint.
    status = (site / "catalog/translations/index.html").read_text("utf-8")
    assert status.count("journeys-translation--current") == 4 * 2
    assert "not yet translated" not in (site / "el/journeys/index.html").read_text("utf-8")
    assert not any("not yet translated" in p.read_text("utf-8") for p in (site / "fa/journeys").rglob("index.html"))


def test_serve_refresh_times_an_edit_in_both_languages_and_restores_the_files(tmp_path):
    out = tmp_path / "out"
    proc = script(BENCH / "serve_refresh.py", "-n", 2, "--languages", "en", "ru", "--out", out, "--timeout", 60, "--start-timeout", 60)
    summary = json.loads(proc.stdout.strip().splitlines()[-1])
    assert [r["language"] for r in summary["results"]] == ["en", "ru"]
    assert all(r["seconds"] > 0 for r in summary["results"])
    after = {p: p.read_bytes() for p in (out / "journeys-2" / "journeys").rglob("*.md")}
    generated = tmp_path / "fresh"
    script(BENCH / "generate.py", generated, "--journeys", 2, "--languages", "en", "ru")
    fresh = {p: p.read_bytes() for p in (generated / "journeys").rglob("*.md")}
    assert {p.relative_to(out / "journeys-2"): b for p, b in after.items()} == {
        p.relative_to(generated): b for p, b in fresh.items()
    }
