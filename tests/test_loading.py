"""Loading and validation: every bad input names its file, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import GOOD_B2B, GOOD_B2C
from mkdocs_journeys.core.model import BrokenJourney, Journey
from mkdocs_journeys.core.parse import parse_journey
from mkdocs_journeys.core.playbook import load_playbook


def parse(text: str | bytes, name: str = "journeys/x.md"):
    raw = text.encode() if isinstance(text, str) else text
    return parse_journey(raw, name, Path(name).stem[: -len(".md")] if name.endswith(".md.md") else Path(name).stem)


def only_error(text: str | bytes):
    result, problems = parse(text)
    assert isinstance(result, BrokenJourney), result
    errors = [p for p in problems if p.is_error]
    assert errors, problems
    return errors[0]


def test_good_journey_builds_the_model():
    journey, problems = parse(GOOD_B2B)
    assert isinstance(journey, Journey), problems
    assert problems == ()
    assert journey.id == "x" and journey.segment == "b2b"
    assert [s.id for s in journey.stages] == ["awareness", "purchase"]
    trial = journey.stages[1].touchpoints[0]
    assert trial.score_for("cfo") == 2 and trial.score_for("agent") == 4
    assert journey.reviewed.isoformat() == "2026-10-15"
    assert journey.purchase_stage_index() == 1
    assert journey.narrative.strip() == "The committee decides slowly."


def test_single_stakeholder_is_the_default_actor():
    journey, _ = parse(GOOD_B2C)
    assert all(tp.actors == ("shopper",) for _, tp in journey.touchpoints())


@pytest.mark.parametrize(
    "old, new, line, field, words",
    [
        ("segment: b2b", "segment: B2B", 3, "segment", "expected one of b2b, b2c"),
        ("        score: 3\n", "        score: 7\n", 29, "stages[0].touchpoints[0].score", "score from 1 to 5"),
        ("stakeholders:", "stakholders:", 10, "stakholders", "Did you mean `stakeholders`?"),
        ("title: SaaS purchase\n", "", 2, "title", "required field 'title' is missing"),
        ("        actors: [cfo]\n", "        actors: [cf0]\n", 28, "stages[0].touchpoints[0].actors[0]", "did you mean 'cfo'"),
        ("reviewed: 2026-10-15", "reviewed: 2026-02-30", 5, "reviewed", "not a real date"),
        ("reviewed: 2026-10-15", "reviewed: last week", 5, "reviewed", "YYYY-MM-DD"),
        ("  - id: agent", "  - id: cfo", 17, "stakeholders[1].id", "already used"),
        ("  - id: purchase", "  - id: Purchase!", 35, "stages[1].id", "lowercase letters"),
        ("        scores: {cfo: 2}", "        scores: {boss: 2}", 42, "stages[1].touchpoints[0].scores.boss", "not a declared stakeholder"),
        ("tags: [saas]", "tags: saas", 8, "tags", "expected a list"),
        ("compare_with: shop", "compare_with: x", 9, "compare_with", "compared with itself"),
    ],
)
def test_each_error_names_line_and_field(old, new, line, field, words):
    assert old in GOOD_B2B
    problem = only_error(GOOD_B2B.replace(old, new, 1))
    assert (problem.file, problem.line, problem.field) == ("journeys/x.md", line, field), problem
    assert words in problem.format()
    assert problem.format().startswith(f"journeys/x.md:{line}: {field}: ")


@pytest.mark.parametrize(
    "raw, line, words",
    [
        (b"", 1, "empty"),
        (b"title: no fence\n", 1, "first line to be `---`"),
        (b"---\ntitle: x\n", 1, "never closed"),
        (b"---\n---\nbody", 2, "front matter is empty"),
        (b"---\ntitle: a\nstages:\n\t- id: x\n---\n", 4, "tabs"),
        (b"---\ntitle: caf\xe9\n---\n", 2, "not valid UTF-8"),
        (b"---\na: &x [1, 2]\nb: *x\n---\n", 3, "aliases"),
        (b"---\ntitle: a\ntitle: b\n---\n", 3, "appears twice (first on line 2)"),
        (b"---\n- a\n- b\n---\n", 2, "must be a mapping"),
        (b"---\nx: !!python/object/apply:os.system [ls]\n---\n", 2, "tag"),
        (b"---\ntitle: a: b\n---\n", 2, "must be quoted"),
    ],
)
def test_unreadable_files_give_one_clear_error(raw, line, words):
    problem = only_error(raw)
    assert problem.line == line, problem
    assert words in problem.format(), problem.format()


def test_bom_and_windows_line_endings_are_accepted():
    raw = b"\xef\xbb\xbf" + GOOD_B2C.replace("\n", "\r\n").encode()
    journey, problems = parse(raw)
    assert isinstance(journey, Journey), problems


def test_size_limit_is_an_error_not_a_crash():
    result, problems = parse_journey(GOOD_B2C.encode() + b" " * 1000, "journeys/big.md", "big", 500)
    assert isinstance(result, BrokenJourney)
    assert "over the limit of 500 bytes" in problems[0].message


def write(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = folder / "journeys" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    return folder / "journeys"


def test_playbook_pairs_and_cross_journey_checks(tmp_path):
    folder = write(tmp_path, {"saas.md": GOOD_B2B, "shop.md": GOOD_B2C})
    playbook, _ = load_playbook(folder, tmp_path)
    assert [j.id for j in playbook.journeys] == ["saas", "shop"]
    assert [p.slug for p in playbook.pairs] == ["saas-vs-shop"]
    assert playbook.problems == ()


def test_duplicate_ids_across_files_keep_the_first(tmp_path):
    folder = write(tmp_path, {"a/shop.md": GOOD_B2C, "b/shop.md": GOOD_B2C})
    playbook, _ = load_playbook(folder, tmp_path)
    assert [j.source for j in playbook.journeys] == ["journeys/a/shop.md"]
    (problem,) = playbook.errors
    assert problem.format().startswith("journeys/b/shop.md:1: id: the journey id 'shop' is already used by journeys/a/shop.md")


@pytest.mark.parametrize(
    "files, words",
    [
        ({"saas.md": GOOD_B2B}, "no journey has the id 'shop'"),
        ({"saas.md": GOOD_B2B, "shop.md": GOOD_B2C.replace("segment: b2c", "segment: b2b")}, "is also a B2B journey"),
        (
            {"saas.md": GOOD_B2B, "shop.md": GOOD_B2C.replace("reviewed:", "compare_with: other\nreviewed:"), "other.md": GOOD_B2B.replace("compare_with: shop", "")},
            "declares other counterparts (other) but not 'saas'",
        ),
    ],
)
def test_compare_with_errors(tmp_path, files, words):
    folder = write(tmp_path, files)
    playbook, _ = load_playbook(folder, tmp_path)
    messages = [p.format() for p in playbook.errors]
    assert any(words in m and m.startswith("journeys/saas.md:9: compare_with:") for m in messages), messages
    assert playbook.pairs == () or all(p.b2b != "saas" for p in playbook.pairs)


def test_drafts_are_left_out_unless_asked(tmp_path):
    folder = write(tmp_path, {"shop.md": GOOD_B2C.replace("reviewed:", "status: draft\nreviewed:")})
    assert load_playbook(folder, tmp_path)[0].journeys == ()
    assert [j.id for j in load_playbook(folder, tmp_path, include_drafts=True)[0].journeys] == ["shop"]


def test_one_broken_file_does_not_touch_the_others(tmp_path):
    folder = write(tmp_path, {"saas.md": GOOD_B2B, "shop.md": GOOD_B2C, "bad.md": "---\ntitle: [\n---\n"})
    playbook, _ = load_playbook(folder, tmp_path)
    assert [j.id for j in playbook.journeys] == ["saas", "shop"]
    assert [b.id for b in playbook.broken] == ["bad"]
    assert all(p.file == "journeys/bad.md" for p in playbook.errors)


def _mutations(data):
    """The document with each value in turn replaced by values of every JSON type, and keys added."""
    import copy

    replacements = [None, True, 0, 7, 1.5, "", "x", "Bad Id!", "2026-02-30", [], ["x"], {}, {"x": 1}]

    def paths(node, path=()):
        yield path
        if isinstance(node, dict):
            for key, value in node.items():
                yield from paths(value, (*path, key))
        elif isinstance(node, list):
            for index, value in enumerate(node):
                yield from paths(value, (*path, index))

    for path in list(paths(data))[1:]:
        for value in replacements:
            doc = copy.deepcopy(data)
            node = doc
            for step in path[:-1]:
                node = node[step]
            node[path[-1]] = value
            yield doc
        doc = copy.deepcopy(data)
        node = doc
        for step in path[:-1]:
            node = node[step]
        if isinstance(node, dict):
            node["unexpected_field"] = "x"
            yield doc


SMALL_TRANSLATION = """\
---
title: Покупка SaaS
source_fingerprint: fp-0123456789ab
stakeholders:
  - id: cfo
    name: Финансовый директор
    goals: [Предсказуемая стоимость]
stages:
  - id: awareness
    name: Осведомлённость
    pains: [Много похожих поставщиков]
    touchpoints:
      - name: Отчёт аналитиков
        emotion: любопытство
---
"""


@pytest.mark.parametrize("kind", ["journey", "translation"])
def test_fast_schema_check_agrees_with_jsonschema(kind):
    """The fast path (fastjsonschema) may only skip validation when jsonschema finds nothing."""
    from mkdocs_journeys.core import schema, translate, yaml_tree

    if kind == "journey":
        text, validator = GOOD_B2B, schema._validator()
    else:
        text, validator = SMALL_TRANSLATION, translate._validator()
    front = text.split("---\n")[1]
    data, _, problems = yaml_tree.load(front, "x.md", 2)
    assert data and not problems
    checked = invalid = 0
    for doc in _mutations(data):
        expected = not list(validator.iter_errors(doc))
        assert schema.is_valid(doc, kind) == expected, doc
        checked += 1
        invalid += not expected
    assert checked > 150 and invalid > checked / 3


@pytest.mark.parametrize(
    "line",
    [
        "source_fingerprint: fp-0123456789ab",
        "source_fingerprint: 'fp-0123456789ab'",
        'source_fingerprint: "fp-0123456789ab"  # from journeys fingerprint',
        "source_fingerprint: fp-0123456789AB",
        "source_fingerprint: fp-0123",
        "source_fingerprint: [fp-0123456789ab]",
        "source_fingerprint:\n  fp-0123456789ab",
        "summary: |\n  source_fingerprint: fp-0123456789ab",
        "# source_fingerprint: fp-0123456789ab",
        "",
    ],
)
def test_quick_fingerprint_reading_agrees_with_the_full_parse(tmp_path, line):
    from mkdocs_journeys.core.playbook import JourneyFile
    from mkdocs_journeys.core.translate import parse_translation, recorded_fingerprint

    path = tmp_path / "x.ru.md"
    path.write_text(f"---\ntitle: Заголовок\n{line}\n---\nТекст\n", "utf-8")
    file = JourneyFile(path, "journeys/x.ru.md", "x", "ru")
    full = parse_translation(path.read_bytes(), file.display, "ru").fingerprint
    assert recorded_fingerprint(file) == full
