"""The fixes for plugins we run alongside behave like the code they replace."""

from __future__ import annotations

import copy
import random

from mkdocs_static_i18n.plugin import I18n

from mkdocs_journeys.compat import dedupe_search_entries, fix_mermaid2_import


def _entries(seed: int) -> list[dict]:
    rng = random.Random(seed)
    entries = []
    for page in range(40):
        title, text = f"Page {page}", f"text {page}"
        entries.append({"location": f"p{page}/", "title": title, "text": text})
        for lang in ("el", "fa"):
            same = rng.random() < 0.5  # an untranslated fallback page: identical entry
            entries.append({"location": f"{lang}/p{page}/", "title": title if same else f"{title} {lang}", "text": text})
    rng.shuffle(entries)
    return entries


def test_linear_search_dedup_matches_static_i18n():
    for seed in range(5):
        entries = _entries(seed)
        theirs, ours = copy.deepcopy(entries), copy.deepcopy(entries)
        I18n.reconfigure_search_duplicates(_Stub(["en", "el", "fa"]), theirs)
        dedupe_search_entries(ours, ["en", "el", "fa"])
        # Everything static-i18n removes, we remove too...
        assert all(entry in theirs for entry in ours)
        assert len(ours) < len(entries)
        # ...and what only we remove is a duplicate by its own rule: static-i18n filters the list
        # it is removing from, so it skips the second of two adjacent duplicates (el and fa).
        for entry in (e for e in theirs if e not in ours):
            assert any(
                d["title"] == entry["title"] and d["text"] == entry["text"] and entry["location"].endswith(d["location"])
                for d in entries
                if not d["location"].startswith(("el/", "fa/"))
            )


class _Stub:
    """Just what static-i18n's method reads from its plugin."""

    def __init__(self, languages: list[str]) -> None:
        self.build_languages = languages


def test_mermaid2_bare_module_path_gets_a_dot_slash_and_nothing_else_changes():
    page = '<script type="module">import mermaid from "js/mermaid.esm.min.mjs";</script>'
    assert fix_mermaid2_import(page) == '<script type="module">import mermaid from "./js/mermaid.esm.min.mjs";</script>'
    for fine in ('import mermaid from "../js/m.mjs"', 'import mermaid from "./m.mjs"', 'import mermaid from "https://x/m.mjs"', 'import mermaid from "/m.mjs"'):
        assert fix_mermaid2_import(fine) == fine
