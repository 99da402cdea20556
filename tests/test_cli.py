"""The `journeys` command, run as a subprocess on real files (tests/cli_cases/ and tmp_path)."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from conftest import journeys_cli as journeys

ROOT = Path(__file__).resolve().parents[1]
CASES = Path(__file__).parent / "cli_cases"
SCHEMAS = ROOT / "plugin" / "mkdocs_journeys" / "schema"
JOURNEY_SCHEMA = json.loads((SCHEMAS / "journey.schema.json").read_text("utf-8"))
TRANSLATION_SCHEMA = json.loads((SCHEMAS / "translation.schema.json").read_text("utf-8"))
COMMANDS = ("new", "lint", "schema", "export", "render", "fingerprint")


def project(tmp_path: Path, *cases: str) -> Path:
    """A project folder with `journeys/` holding copies of the named case files."""
    folder = tmp_path / "journeys"
    folder.mkdir()
    for case in cases:
        shutil.copy(CASES / case, folder / case)
    return tmp_path


def one_error_line(result: subprocess.CompletedProcess[str], code: int = 2) -> str:
    """The command failed with `code` and said why in one `journeys: error:` line."""
    assert result.returncode == code, (result.stdout, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("journeys: error: ")
    assert "Traceback" not in result.stderr
    return lines[0]


class _Loader(yaml.SafeLoader):
    """Reads dates as the text they are, as the core does (the schema says `string`)."""


_Loader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def front_matter(path: Path) -> dict[str, Any]:
    text = path.read_text("utf-8")
    assert text.startswith("---\n")
    data = yaml.load(text.split("\n---\n", 1)[0][4:], Loader=_Loader)
    assert isinstance(data, dict)
    return data


# The adapter stays thin ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("--help",),
        ("lint", "--journeys-dir", str(ROOT / "journeys")),
        ("render", "--journeys-dir", str(ROOT / "journeys"), "--markdown", "out"),
        ("export", "--format", "json", "--journeys-dir", str(ROOT / "journeys")),
    ],
)
def test_never_imports_mkdocs(tmp_path: Path, args: tuple[str, ...]) -> None:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "mkdocs_journeys.cli", *args],
        check=False,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert result.returncode == 0, result.stderr[-2000:]
    imported = {line.split("|")[-1].strip() for line in result.stderr.splitlines() if "|" in line}
    assert "mkdocs_journeys.cli" in imported
    assert not [name for name in imported if name == "mkdocs" or name.startswith("mkdocs.")]


def test_help_of_every_command_has_an_example(tmp_path: Path) -> None:
    for command in COMMANDS:
        result = journeys(command, "--help", cwd=tmp_path)
        assert result.returncode == 0
        assert "examples:" in result.stdout
        assert f"journeys {command} " in result.stdout.split("examples:")[1]


def test_console_script_is_installed(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("journeys")
    if not script.exists():
        pytest.skip("the console script is not installed next to this Python")
    result = subprocess.run([str(script), "--version"], check=False, capture_output=True, text=True)
    assert result.returncode == 0
    assert result.stdout.startswith("journeys ")


# lint ----------------------------------------------------------------------------------------


def test_lint_reference_playbook_is_clean() -> None:
    result = journeys("lint", cwd=ROOT)
    assert result.returncode == 0, result.stdout
    assert re.search(r"^0 errors, \d+ warnings? in \d+ files$", result.stdout, re.MULTILINE)


def test_lint_reports_file_line_and_field(tmp_path: Path) -> None:
    cwd = project(
        tmp_path, "valid-b2b.md", "valid-b2c.md", "bad-yaml.md", "unknown-field.md", "score-7.md"
    )
    result = journeys("lint", cwd=cwd)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith(
        "journeys/bad-yaml.md:6: invalid YAML: mapping values are not allowed"
    )
    assert (
        "journeys/score-7.md:9: stages[0].touchpoints[0].score: expected a score from 1 to 5, got 7"
        in result.stdout
    )
    assert (
        "journeys/unknown-field.md:7: stakeholders[0].rol: unknown field 'rol' Did you mean `role`?"
        in lines
    )
    assert lines[-1] == "4 errors, 0 warnings in 5 files"
    assert result.stderr == ""


def test_lint_named_files_load_the_whole_folder(tmp_path: Path) -> None:
    cwd = project(tmp_path, "valid-b2b.md", "valid-b2c.md", "score-7.md", "compare-missing.md")
    # valid-b2b.md pairs with valid-b2c.md: that check needs the folder, not just the file.
    result = journeys("lint", "journeys/valid-b2b.md", cwd=cwd)
    assert result.returncode == 0, result.stdout
    assert result.stdout == "0 errors, 0 warnings in 1 file\n"

    result = journeys("lint", "journeys/compare-missing.md", "journeys/valid-b2c.md", cwd=cwd)
    assert result.returncode == 1
    assert (
        "journeys/compare-missing.md:4: compare_with: no journey has the id 'no-such-journey' "
        "Use the `id` (or file name) of an existing journey."
    ) in result.stdout.splitlines()
    assert "score-7" not in result.stdout
    # Being unpaired is listed on the gap page, never logged.
    assert result.stdout.endswith("1 error, 0 warnings in 2 files\n")


def test_lint_named_folder_and_other_journeys_dir(tmp_path: Path) -> None:
    cwd = project(tmp_path, "valid-b2b.md", "valid-b2c.md")
    (cwd / "journeys" / "sub").mkdir()
    shutil.copy(CASES / "score-7.md", cwd / "journeys" / "sub" / "score-7.md")
    result = journeys("lint", "journeys/sub", cwd=cwd)
    assert result.returncode == 1
    assert result.stdout.startswith("journeys/sub/score-7.md:9: stages[0].touchpoints[0].score:")
    assert result.stdout.endswith("1 error, 0 warnings in 1 file\n")

    (cwd / "journeys").rename(cwd / "maps")
    result = journeys("lint", "--journeys-dir", "maps", cwd=cwd)
    assert result.returncode == 1
    assert result.stdout.startswith("maps/sub/score-7.md:9: ")
    result = journeys("lint", "maps/valid-b2b.md", cwd=cwd)  # a folder other than ./journeys
    assert result.returncode == 0, result.stdout
    # A folder and a file inside it: loaded once, each file counted once.
    result = journeys("lint", "maps", "maps/sub/score-7.md", cwd=cwd)
    assert result.stdout.endswith("1 error, 0 warnings in 3 files\n")


def test_lint_json(tmp_path: Path) -> None:
    cwd = project(tmp_path, "valid-b2b.md", "valid-b2c.md", "score-7.md", "unknown-marker.md")
    result = journeys("lint", "--format", "json", cwd=cwd)
    assert result.returncode == 1
    document = json.loads(result.stdout)
    assert set(document) == {"problems", "files", "errors", "warnings"}
    assert document["files"] == 4
    assert document["errors"] == 1
    assert document["warnings"] == len(document["problems"]) - 1
    score = next(p for p in document["problems"] if p["severity"] == "error")
    assert score == {
        "file": "journeys/score-7.md",
        "line": 9,
        "field": "stages[0].touchpoints[0].score",
        "message": "expected a score from 1 to 5, got 7",
        "hint": "Use 1 (bad) to 5 (great).",
        "severity": "error",
        "code": "schema",
    }


def test_lint_warnings_strict_and_gap_level(tmp_path: Path) -> None:
    # unknown-marker.md: an unknown narrative marker (found while rendering) and a stage without
    # touchpoints (a gap finding from core.gaps; "no counterpart" is never logged).
    cwd = project(tmp_path, "unknown-marker.md")
    result = journeys("lint", cwd=cwd)
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert "narrative: unknown block marker <!-- journeys:diagramm -->" in result.stdout
    assert any("journeys/unknown-marker.md:15: stages[1]: The stage Loyalty has no touchpoint." in line for line in lines)
    assert not any("counterpart" in line for line in lines)
    assert all(line.endswith(" [warning]") for line in lines[:-1])
    assert lines[-1] == "0 errors, 2 warnings in 1 file"
    assert journeys("lint", "--strict", cwd=cwd).returncode == 1

    result = journeys("lint", "--gap-level", "info", cwd=cwd)
    assert result.stdout.splitlines()[-1] == "0 errors, 1 warning in 1 file"
    result = journeys("lint", "--gap-level", "error", cwd=cwd)
    assert result.returncode == 1
    assert result.stdout.splitlines()[-1] == "1 error, 1 warning in 1 file"


def test_lint_checks_translations(tmp_path: Path) -> None:
    cwd = project(tmp_path, "valid-b2b.md", "valid-b2c.md", "valid-b2b.de.md")
    result = journeys("lint", cwd=cwd)
    assert result.returncode == 0
    assert result.stdout.startswith(
        "journeys/valid-b2b.de.md:4: stages[0].id: the stage 'awarenes' does not exist in "
        "journeys/valid-b2b.md Did you mean `awareness`? [warning]"
    )
    assert result.stdout.endswith("0 errors, 1 warning in 3 files\n")


def test_lint_drafts(tmp_path: Path) -> None:
    cwd = project(tmp_path, "draft.md")
    # A draft is checked, but only as a build with include_drafts sees it is its empty stage a gap.
    assert journeys("lint", cwd=cwd).stdout == "0 errors, 0 warnings in 1 file\n"
    result = journeys("lint", "--include-drafts", cwd=cwd)
    assert result.stdout.endswith("0 errors, 1 warning in 1 file\n")


def test_lint_unreadable_file(tmp_path: Path) -> None:
    cwd = project(tmp_path, "valid-b2c.md")
    (cwd / "journeys" / "gone.md").symlink_to(cwd / "nowhere.md")
    result = journeys("lint", cwd=cwd)
    assert result.returncode == 1
    assert result.stdout.startswith(
        "journeys/gone.md: cannot read the file: No such file or directory"
    )
    assert "Traceback" not in result.stderr


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads anything")
def test_lint_file_without_permission(tmp_path: Path) -> None:
    cwd = project(tmp_path, "valid-b2c.md")
    (cwd / "journeys" / "valid-b2c.md").chmod(0)
    result = journeys("lint", cwd=cwd)
    assert result.returncode == 1
    assert result.stdout.startswith(
        "journeys/valid-b2c.md: cannot read the file: Permission denied"
    )


def test_lint_missing_paths(tmp_path: Path) -> None:
    line = one_error_line(journeys("lint", cwd=tmp_path))
    assert "no `journeys` folder" in line and "--journeys-dir" in line
    line = one_error_line(journeys("lint", "--journeys-dir", "nope", cwd=tmp_path))
    assert line == "journeys: error: the journeys folder nope does not exist"
    cwd = project(tmp_path, "valid-b2c.md")
    line = one_error_line(journeys("lint", "journeys/missing.md", cwd=cwd))
    assert line == "journeys: error: no such file or folder: journeys/missing.md"
    (cwd / "notes.txt").write_text("x")
    line = one_error_line(journeys("lint", "notes.txt", cwd=cwd))
    assert "notes.txt is not a journey file" in line


@pytest.mark.parametrize(
    "args",
    [
        (),
        ("lint", "--format", "xml"),
        ("frobnicate",),
        ("export",),
        ("new", "Not An Id", "--segment", "b2b"),
        ("new", "crm"),
        ("new", "crm", "--segment", "b2x"),
        ("new", "crm", "--lang", "German"),
        ("new", "crm", "--lang", "de", "--segment", "b2b"),
        ("render",),
    ],
)
def test_bad_arguments_are_one_line_usage_errors(tmp_path: Path, args: tuple[str, ...]) -> None:
    one_error_line(journeys(*args, cwd=tmp_path), code=2)


# new -----------------------------------------------------------------------------------------


def _keys(schema: dict[str, Any]) -> set[str]:
    properties = schema.get("properties", {})
    assert isinstance(properties, dict)
    return set(properties)


def _every_field_commented(text: str, fields: set[str]) -> None:
    """The first line that sets each field is preceded by a comment explaining it."""
    lines = text.splitlines()
    for name in fields:
        pattern = re.compile(rf"^\s*(- )?#? ?{re.escape(name)}:")
        index = next(i for i, line in enumerate(lines) if pattern.match(line))
        assert lines[index - 1].lstrip().startswith("#"), f"{name} has no comment"


@pytest.mark.parametrize("segment", ["b2b", "b2c"])
def test_new_journey_uses_every_field_and_validates(tmp_path: Path, segment: str) -> None:
    result = journeys("new", "fleet-tracking", "--segment", segment, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        f"Created journeys/fleet-tracking.md ({segment}, draft). Edit it, then run: journeys lint\n"
    )
    path = tmp_path / "journeys" / "fleet-tracking.md"
    data = front_matter(path)
    jsonschema.validate(data, JOURNEY_SCHEMA)

    defs = JOURNEY_SCHEMA["$defs"]
    stakeholders, stages = data["stakeholders"], data["stages"]
    assert isinstance(stakeholders, list) and isinstance(stages, list)
    used_top = set(data)
    used_stakeholder = set().union(*stakeholders)
    used_stage = set().union(*stages)
    used_touchpoint = set().union(*(tp for stage in stages for tp in stage.get("touchpoints", [])))
    # compare_with needs an existing counterpart (--compare-with); B2C has one stakeholder, so
    # per-stakeholder `scores` would say nothing: both are written as commented-out examples.
    assert used_top == _keys(JOURNEY_SCHEMA) - {"compare_with"}
    assert used_stakeholder == _keys(defs["stakeholder"])
    assert used_stage == _keys(defs["stage"])
    optional_tp = {"scores"} if segment == "b2c" else set()
    assert used_touchpoint == _keys(defs["touchpoint"]) - optional_tp
    text = path.read_text("utf-8")
    assert "# compare_with: " in text
    if segment == "b2c":
        assert "`scores: {consumer: 3}`" in text
    all_fields = (
        _keys(JOURNEY_SCHEMA)
        | _keys(defs["stakeholder"])
        | _keys(defs["stage"])
        | _keys(defs["touchpoint"])
    )
    _every_field_commented(text, all_fields - optional_tp)

    roles = [s["role"] for s in stakeholders]
    if segment == "b2b":
        assert len(roles) >= 4 and len(set(roles)) == len(roles)
    else:
        assert roles == ["consumer"]

    for args in (("lint",), ("lint", "--include-drafts", "--gap-level", "info")):
        result = journeys(*args, cwd=tmp_path)
        assert result.stdout == "0 errors, 0 warnings in 1 file\n", args


def test_new_pair_with_compare_with(tmp_path: Path) -> None:
    assert journeys("new", "home-energy", "--segment", "b2c", cwd=tmp_path).returncode == 0
    result = journeys(
        "new", "energy-contract", "--segment", "b2b", "--compare-with", "home-energy", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    data = front_matter(tmp_path / "journeys" / "energy-contract.md")
    assert set(data) == _keys(JOURNEY_SCHEMA)
    assert data["compare_with"] == "home-energy"
    # Paired, with drafts included: no gap, no problem at all.
    result = journeys("lint", "--include-drafts", "--strict", cwd=tmp_path)
    assert result.stdout == "0 errors, 0 warnings in 2 files\n"
    assert result.returncode == 0

    line = one_error_line(
        journeys("new", "x", "--segment", "b2b", "--compare-with", "energy-contract", cwd=tmp_path),
        1,
    )
    assert "'energy-contract' is a B2B journey" in line
    line = one_error_line(
        journeys("new", "y", "--segment", "b2b", "--compare-with", "nope", cwd=tmp_path), 1
    )
    assert "no journey has the id 'nope'" in line
    args = ("new", "z", "--segment", "b2c", "--compare-with", "energy-contract")
    line = one_error_line(journeys(*args, cwd=tmp_path), 1)
    assert "journeys/energy-contract.md declares its counterparts (home-energy)" in line


def test_new_refuses_to_overwrite(tmp_path: Path) -> None:
    assert journeys("new", "crm", "--segment", "b2b", cwd=tmp_path).returncode == 0
    path = tmp_path / "journeys" / "crm.md"
    path.write_text("mine", "utf-8")
    line = one_error_line(journeys("new", "crm", "--segment", "b2c", cwd=tmp_path), code=1)
    assert line == "journeys: error: journeys/crm.md already exists; use --force to overwrite it"
    assert path.read_text("utf-8") == "mine"
    assert journeys("new", "crm", "--segment", "b2c", "--force", cwd=tmp_path).returncode == 0
    assert front_matter(path)["segment"] == "b2c"


def test_new_refuses_an_id_used_elsewhere(tmp_path: Path) -> None:
    cwd = project(tmp_path)
    (cwd / "journeys" / "sub").mkdir()
    shutil.copy(CASES / "valid-b2c.md", cwd / "journeys" / "sub" / "gym.md")  # id: gym-membership
    line = one_error_line(journeys("new", "gym-membership", "--segment", "b2c", cwd=cwd), 1)
    assert line == (
        "journeys: error: the id 'gym-membership' is already used by journeys/sub/gym.md; "
        "choose another id"
    )


def test_new_in_another_folder(tmp_path: Path) -> None:
    result = journeys("new", "crm", "--segment", "b2b", "--dir", "maps/b2b", cwd=tmp_path)
    assert result.returncode == 0
    assert (tmp_path / "maps" / "b2b" / "crm.md").is_file()


def test_new_translation_skeleton(tmp_path: Path) -> None:
    cwd = project(tmp_path, "valid-b2c.md")
    sub = cwd / "journeys" / "sales"
    sub.mkdir()
    for name in ("saas-procurement.md", "streaming-subscription.md"):  # a pair
        shutil.copy(ROOT / "journeys" / name, sub / name)
    result = journeys("new", "saas-procurement", "--lang", "de", cwd=cwd)
    assert result.returncode == 0, result.stderr
    target = sub / "saas-procurement.de.md"
    assert result.stdout.startswith("Created journeys/sales/saas-procurement.de.md")

    data = front_matter(target)
    jsonschema.validate(data, TRANSLATION_SCHEMA)
    source = front_matter(sub / "saas-procurement.md")
    fingerprint = journeys("fingerprint", "saas-procurement", cwd=cwd).stdout.split()
    assert fingerprint[0] == "saas-procurement"
    assert data["source_fingerprint"] == fingerprint[1]
    for key in ("title", "summary", "owner", "sales_cycle", "deal_value", "tags"):
        assert data[key] == source[key]
    assert [s["id"] for s in data["stakeholders"]] == [s["id"] for s in source["stakeholders"]]
    assert data["stakeholders"][0] == {
        key: source["stakeholders"][0][key] for key in ("id", "name", "goals", "concerns")
    }
    for stage, original in zip(data["stages"], source["stages"], strict=True):
        assert stage["id"] == original["id"]
        for key in ("name", "goal", "duration", "pains", "opportunities", "kpis", "feedback"):
            assert stage[key] == original[key]
        for tp, tp_source in zip(stage["touchpoints"], original["touchpoints"], strict=True):
            assert tp["id"] == tp_source["id"] and tp["name"] == tp_source["name"]
            assert tp.get("emotion") == tp_source.get("emotion")
    # The narrative is copied as written.
    body = target.read_text("utf-8").split("\n---\n", 1)[1]
    assert body == (sub / "saas-procurement.md").read_text("utf-8").split("\n---\n", 1)[1]

    # The core reads it as an up-to-date, complete translation: no warning at all.
    result = journeys("lint", "journeys/sales", cwd=cwd)
    assert result.stdout.endswith("0 errors, 0 warnings in 3 files\n"), result.stdout

    line = one_error_line(journeys("new", "saas-procurement", "--lang", "de", cwd=cwd), 1)
    assert line.endswith(
        "journeys/sales/saas-procurement.de.md already exists; use --force to overwrite it"
    )
    assert journeys("new", "saas-procurement", "--lang", "de", "--force", cwd=cwd).returncode == 0


def test_new_translation_of_positional_touchpoints(tmp_path: Path) -> None:
    cwd = project(tmp_path, "valid-b2c.md")  # touchpoints without ids; standard channels
    assert (
        journeys("new", "valid-b2c", "--lang", "pt_BR", cwd=cwd).returncode == 1
    )  # the id is not the file name
    assert journeys("new", "gym-membership", "--lang", "pt_BR", cwd=cwd).returncode == 0
    data = front_matter(cwd / "journeys" / "valid-b2c.pt_BR.md")
    jsonschema.validate(data, TRANSLATION_SCHEMA)
    assert data["stages"][0]["touchpoints"] == [
        {"name": "Instagram post from a friend", "emotion": "inspired"}
    ]
    assert data["stakeholders"] == [
        {"id": "member", "name": "@member", "goals": ["-lose weight", "Meet friends"]}
    ]


def test_new_translation_errors(tmp_path: Path) -> None:
    cwd = project(tmp_path, "score-7.md")
    line = one_error_line(journeys("new", "score-7", "--lang", "de", cwd=cwd), 1)
    assert line == (
        "journeys: error: journeys/score-7.md has errors; "
        "fix them before translating (`journeys lint`)"
    )
    line = one_error_line(journeys("new", "nope", "--lang", "de", cwd=cwd), 1)
    assert line == "journeys: error: no journey has the id 'nope' under journeys"
    line = one_error_line(journeys("new", "nope", "--lang", "de", "--dir", "missing", cwd=cwd), 2)


# schema --------------------------------------------------------------------------------------


def test_schema(tmp_path: Path) -> None:
    result = journeys("schema", cwd=tmp_path)
    assert result.returncode == 0
    assert json.loads(result.stdout) == JOURNEY_SCHEMA
    result = journeys("schema", "--translation", cwd=tmp_path)
    assert json.loads(result.stdout) == TRANSLATION_SCHEMA
    result = journeys("schema", "--output", ".vscode/journey.schema.json", cwd=tmp_path)
    assert result.returncode == 0
    assert (
        json.loads((tmp_path / ".vscode" / "journey.schema.json").read_text("utf-8"))
        == JOURNEY_SCHEMA
    )
    (tmp_path / "file").write_text("")
    line = one_error_line(journeys("schema", "--output", "file/schema.json", cwd=tmp_path), 1)
    assert line.startswith("journeys: error: cannot write file/schema.json: ")


# export --------------------------------------------------------------------------------------


def test_export_json_is_whole_and_deterministic(tmp_path: Path) -> None:
    cwd = project(tmp_path, "valid-b2c.md", "valid-b2b.md", "draft.md")
    result = journeys("export", "--format", "json", cwd=cwd)
    assert result.returncode == 0, result.stderr
    assert journeys("export", "--format", "json", cwd=cwd).stdout == result.stdout
    document = json.loads(result.stdout)
    assert list(document) == ["journeys"]
    assert [j["id"] for j in document["journeys"]] == ["crm-rollout", "gym-membership"]
    crm = document["journeys"][0]
    assert list(crm) == [
        "id", "title", "segment", "language", "status", "summary", "owner", "reviewed", "tags",
        "sales_cycle", "deal_value", "compare_with", "source", "fingerprint", "stakeholders",
        "stages", "narrative",
    ]  # fmt: skip
    assert crm["language"] == "en" and crm["compare_with"] == ["gym-membership"]
    assert crm["stakeholders"][0] == {
        "id": "cfo", "name": "Finance director", "role": "economic-buyer", "influence": "high",
        "goals": [], "concerns": [],
    }  # fmt: skip
    touchpoint = crm["stages"][0]["touchpoints"][0]
    assert touchpoint["actors"] == ["cfo", "reps"]
    assert touchpoint["score"] == 4
    assert touchpoint["scores"] == {"cfo": 3}
    assert touchpoint["actor_scores"] == {"cfo": 3, "reps": 4}
    assert crm["stages"][1]["purchase"] is False and crm["stages"][1]["compare_as"] is None
    assert crm["narrative"].strip() == "A sales team replaces spreadsheets with a CRM."
    # The single consumer is every touchpoint's actor when none are named.
    assert document["journeys"][1]["stages"][0]["touchpoints"][0]["actors"] == ["member"]

    with_drafts = json.loads(
        journeys("export", "--format", "json", "--include-drafts", cwd=cwd).stdout
    )
    assert [j["id"] for j in with_drafts["journeys"]] == ["crm-rollout", "draft", "gym-membership"]


def test_export_csv_rows_and_formula_defusing(tmp_path: Path) -> None:
    cwd = project(tmp_path, "valid-b2c.md", "valid-b2b.md", "draft.md")
    result = journeys("export", "--format", "csv", "--output", "out/journeys.csv", cwd=cwd)
    assert result.returncode == 0, result.stderr
    raw = (cwd / "out" / "journeys.csv").read_bytes()
    assert raw.count(b"\r\n") == raw.count(b"\n") == 8  # RFC 4180 line ends; 1 header + 7 rows
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))
    assert list(rows[0]) == [
        "record", "journey", "segment", "language", "stage", "touchpoint", "channel", "actors",
        "score", "scores", "emotion", "stakeholder", "role", "influence", "goals", "concerns",
    ]  # fmt: skip
    kinds = [(r["record"], r["journey"]) for r in rows]
    assert kinds == [
        ("touchpoint", "crm-rollout"), ("touchpoint", "crm-rollout"),
        ("stakeholder", "crm-rollout"), ("stakeholder", "crm-rollout"),
        ("touchpoint", "gym-membership"), ("touchpoint", "gym-membership"),
        ("stakeholder", "gym-membership"),
    ]  # fmt: skip
    webinar = rows[0]
    assert webinar["touchpoint"] == '\'=HYPERLINK("http://evil.example","Webinar")'
    assert webinar["emotion"] == "'+curious"
    assert webinar["actors"] == "Finance director; Sales reps"
    assert webinar["scores"] == "Finance director: 3"
    assert (webinar["stage"], webinar["channel"], webinar["score"]) == ("Awareness", "webinar", "4")
    assert webinar["stakeholder"] == webinar["role"] == webinar["goals"] == ""
    member = rows[6]
    assert member["stakeholder"] == "'@member"
    assert member["goals"] == "'-lose weight; Meet friends"
    assert (member["role"], member["influence"], member["language"]) == ("consumer", "high", "en")
    assert member["touchpoint"] == member["score"] == ""
    assert rows[4]["actors"] == "'@member"


def test_export_refuses_files_with_errors(tmp_path: Path) -> None:
    cwd = project(tmp_path, "valid-b2c.md", "score-7.md")
    result = journeys("export", "--format", "csv", cwd=cwd)
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0].startswith("journeys/score-7.md:9: stages[0].touchpoints[0].score: ")
    assert lines[-1].startswith("journeys: error: nothing exported: 1 journey file with errors")


def test_export_translation(tmp_path: Path) -> None:
    cwd = project(tmp_path, "valid-b2b.md", "valid-b2c.md", "valid-b2b.de.md")
    result = journeys("export", "--format", "json", "--lang", "de", cwd=cwd)
    assert result.returncode == 0
    crm, gym = json.loads(result.stdout)["journeys"]
    assert (crm["language"], crm["title"]) == ("de", "CRM-Einführung in einem Vertriebsteam")
    assert (gym["language"], gym["title"]) == ("en", "Gym membership")
    assert "'awarenes' does not exist" in result.stderr  # the translation's warning


# render --------------------------------------------------------------------------------------


def test_render_markdown(tmp_path: Path) -> None:
    cwd = project(tmp_path, "valid-b2b.md", "valid-b2c.md")
    result = journeys("render", "--markdown", "md", cwd=cwd)
    assert result.returncode == 0, result.stderr
    written = sorted(p.relative_to(cwd / "md").as_posix() for p in (cwd / "md").rglob("*.md"))
    assert "journeys/crm-rollout.md" in written and "journeys/index.md" in written
    assert "compare/crm-rollout-vs-gym-membership.md" in written
    assert result.stdout == f"Wrote {len(written)} pages to md\n"
    page = (cwd / "md" / "journeys" / "crm-rollout.md").read_text("utf-8")
    assert page.startswith('---\ntitle: "CRM rollout in a sales team"\n---\n')
    assert "A sales team replaces spreadsheets with a CRM." in page


def test_render_broken_journey(tmp_path: Path) -> None:
    cwd = project(tmp_path, "valid-b2c.md", "score-7.md")
    result = journeys("render", "--markdown", "md", cwd=cwd)
    assert result.returncode == 1
    assert result.stderr.startswith("journeys/score-7.md:9: stages[0].touchpoints[0].score: ")
    page = (cwd / "md" / "journeys" / "score-7.md").read_text("utf-8")
    assert "expected a score from 1 to 5, got 7" in page
    (cwd / "file").write_text("")
    one_error_line(journeys("render", "--markdown", "file", cwd=cwd), 2)


# fingerprint ---------------------------------------------------------------------------------


def test_fingerprint(tmp_path: Path) -> None:
    cwd = project(tmp_path, "valid-b2b.md", "valid-b2c.md", "draft.md")
    result = journeys("fingerprint", cwd=cwd)
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines] == ["crm-rollout", "draft", "gym-membership"]
    pattern = TRANSLATION_SCHEMA["properties"]["source_fingerprint"]["pattern"]
    assert all(re.match(pattern, line.split(" ")[1]) for line in lines)
    assert journeys("fingerprint", "gym-membership", cwd=cwd).stdout == lines[2] + "\n"

    # Text and scores do not change the fingerprint; a new touchpoint does.
    path = cwd / "journeys" / "valid-b2c.md"
    path.write_text(
        path.read_text("utf-8").replace("score: 4", "score: 2").replace("Sign-up", "Join"), "utf-8"
    )
    assert journeys("fingerprint", "gym-membership", cwd=cwd).stdout == lines[2] + "\n"
    path.write_text(
        path.read_text("utf-8").replace(
            "        score: 3\n",
            "        score: 3\n      - name: Welcome email\n        score: 4\n",
        ),
        "utf-8",
    )
    assert journeys("fingerprint", "gym-membership", cwd=cwd).stdout != lines[2] + "\n"

    result = journeys("fingerprint", "crm-rollout", "nope", cwd=cwd)
    assert result.returncode == 1
    assert result.stdout.startswith("crm-rollout ")
    assert result.stderr == "journeys: error: no journey has the id 'nope'\n"


# pre-commit ----------------------------------------------------------------------------------


def test_pre_commit_hook() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    hook = next(h for h in hooks if h["id"] == "journeys-lint")
    assert hook["entry"] == "journeys lint"
    assert hook["language"] == "python"
    assert re.match(hook["files"], "journeys/manufacturing/industrial-equipment.md")
    assert not re.match(hook["files"], "docs/index.md")


def test_lint_reads_the_sites_mkdocs_yml(tmp_path: Path) -> None:
    # The journeys live in maps/, and the site turns gap findings into errors; MkDocs' own
    # tags (!ENV, !!python/name) are not evaluated, only tolerated.
    (tmp_path / "maps").mkdir()
    shutil.copy(CASES / "unknown-marker.md", tmp_path / "maps" / "unknown-marker.md")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: x\n"
        "markdown_extensions:\n  - toc:\n      slugify: !!python/name:markdown.extensions.toc.slugify_unicode\n"
        "plugins:\n  - search\n  - journeys:\n      journeys_dir: maps\n      gap_level: error\n"
        "      serve_languages: !ENV [JOURNEYS_SERVE_LANGUAGES, []]\n",
        "utf-8",
    )
    result = journeys("lint", cwd=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "maps/unknown-marker.md:15: stages[1]: The stage Loyalty has no touchpoint." in result.stdout
    assert result.stdout.splitlines()[-1] == "1 error, 1 warning in 1 file"
    # A flag still wins over the file.
    assert journeys("lint", "--gap-level", "info", cwd=tmp_path).stdout.splitlines()[-1] == "0 errors, 1 warning in 1 file"
