"""The one JSON Schema: editors read it, and the build validates with it."""

from __future__ import annotations

import copy
import difflib
import functools
import json
from collections.abc import Callable
from importlib import resources
from typing import Any

import jsonschema

from .problems import Problem, field_path
from .yaml_tree import LineMap, Path


@functools.cache
def journey_schema() -> dict[str, Any]:
    text = resources.files("mkdocs_journeys").joinpath("schema/journey.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


@functools.cache
def translation_schema() -> dict[str, Any]:
    text = resources.files("mkdocs_journeys").joinpath("schema/translation.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


@functools.cache
def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(journey_schema())


@functools.cache
def _compiled(name: str) -> Callable[[Any], Any]:
    """The schema compiled to Python by fastjsonschema: about 20 times faster than jsonschema.

    Only answers "valid or not"; jsonschema then explains every failure. The schema keeps to
    keywords both libraries read the same way (tests/test_loading.py checks they agree), and
    its relative `$id` is dropped so nothing is ever resolved outside this file.
    """
    import fastjsonschema

    schema = copy.deepcopy(journey_schema() if name == "journey" else translation_schema())
    schema.pop("$id", None)
    schema["$schema"] = "http://json-schema.org/draft-07/schema#"
    validate: Callable[[Any], Any] = fastjsonschema.compile(schema, handlers={}, use_default=False)
    return validate


def is_valid(data: Any, name: str = "journey") -> bool:
    """The fast check that lets the common case, a valid file, skip the detailed validation."""
    import fastjsonschema

    try:
        _compiled(name)(data)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


def line_for(lines: LineMap, path: Path) -> int | None:
    """The line of a path, or of its nearest ancestor that has one."""
    while True:
        if path in lines:
            return lines[path]
        if not path:
            return None
        path = path[:-1]


def schema_problems(data: Any, file: str, lines: LineMap) -> list[Problem]:
    """Validate against the schema and explain each failure in the author's terms."""
    if is_valid(data, "journey"):
        return []
    problems: list[Problem] = []
    errors = sorted(_validator().iter_errors(data), key=lambda e: (list(map(str, e.absolute_path)), e.validator))
    for error in errors:
        problems.extend(explain(error, file, lines))
    # jsonschema reports each missing required field as its own error, and `explain` lists all
    # of them for each: keep every problem once, in order.
    return list(dict.fromkeys(problems))


def _rule(error: jsonschema.ValidationError) -> Any:
    """The schema keyword's value (jsonschema types it as possibly unset; it never is here)."""
    return error.validator_value


def explain(error: jsonschema.ValidationError, file: str, lines: LineMap) -> list[Problem]:
    path: Path = tuple(error.absolute_path)
    schema = error.schema if isinstance(error.schema, dict) else {}
    kind = error.validator
    value = error.instance

    def problem(message: str, hint: str = "", at: Path = path) -> Problem:
        return Problem(file, line_for(lines, at), field_path(at), message, hint, code="schema")

    if kind == "additionalProperties" and isinstance(value, dict):
        allowed = sorted(schema.get("properties", {}))
        out = []
        for key in sorted(set(value) - set(allowed)):
            close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
            hint = f"Did you mean `{close[0]}`?" if close else f"Allowed fields here: {', '.join(allowed)}."
            out.append(problem(f"unknown field {key!r}", hint, (*path, key)))
        return out
    if kind == "required":
        missing = [name for name in _rule(error) if isinstance(value, dict) and name not in value]
        return [
            problem(f"the required field {name!r} is missing", f"Add `{name}:` here.", (*path, name))
            for name in missing
        ]
    if kind == "enum":
        allowed = [str(option) for option in _rule(error)]
        close = difflib.get_close_matches(str(value).lower(), allowed, n=1, cutoff=0.5)
        hint = f"Did you mean `{close[0]}`?" if close else ""
        return [problem(f"expected one of {', '.join(allowed)}; got {_show(value)}", hint)]
    if kind == "type":
        return [problem(f"expected {_type_words(_rule(error))}, got {_describe(value)}", _type_hint(_rule(error)))]
    if kind in ("minimum", "maximum"):  # scores are the only numbers in a journey
        return [problem(f"expected a score from 1 to 5, got {_show(value)}", "Use 1 (bad) to 5 (great).")]
    if kind == "pattern":
        if "[0-9]{4}" in str(_rule(error)):
            return [problem(f"expected a date written YYYY-MM-DD, got {_show(value)}", "For example: 2026-10-15.")]
        return [
            problem(
                f"expected an id of lowercase letters, digits and single hyphens, got {_show(value)}",
                "For example: `saas-procurement` or `stage-2`.",
            )
        ]
    if kind == "minLength":
        return [problem("must not be empty", "Write the text, or remove the field.")]
    if kind == "maxLength":
        return [problem(f"is too long ({len(str(value))} characters; at most {_rule(error)})", "Shorten it, or move detail to the narrative.")]
    if kind == "minItems":
        return [problem("needs at least one entry", "Add an entry, or remove the field.")]
    if kind == "uniqueItems":
        return [problem("lists the same value twice", "Remove the repeated entry.")]
    if kind == "oneOf" and path and path[-1] == "compare_with":
        return [problem(f"expected a journey id or a list of ids, got {_describe(value)}", "For example: `compare_with: fashion-checkout`.")]
    if kind == "propertyNames":
        return [problem(f"expected stakeholder ids as keys, got {_show(value)}", "Use the `id` of a stakeholder, like `cfo`.")]
    return [problem(error.message)]


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _describe(value: Any) -> str:
    kinds = {dict: "a mapping", list: "a list", str: "text", bool: "true/false", int: "a number", float: "a number"}
    if value is None:
        return "nothing (an empty value)"
    return f"{kinds.get(type(value), type(value).__name__)} ({_show(value)})"


def _type_words(expected: Any) -> str:
    names = {"object": "a mapping of fields", "array": "a list", "string": "text", "integer": "a whole number", "boolean": "true or false"}
    if isinstance(expected, list):
        return " or ".join(names.get(str(item), str(item)) for item in expected)
    return names.get(expected, str(expected))


def _type_hint(expected: Any) -> str:
    return {
        "array": "Write a list: `[a, b]` or one `- item` per line.",
        "string": "Quote the value if YAML reads it as something else: `\"...\"`.",
        "object": "Write `name: value` lines indented under this field.",
        "integer": "Write a whole number without quotes.",
        "boolean": "Write true or false.",
    }.get(expected if isinstance(expected, str) else "", "")
