"""Fixes for plugins the journeys plugin is used alongside; each names the bug it works around."""

from __future__ import annotations

import re

# mkdocs-mermaid2-plugin 1.2.x, with `javascript:` set to a Mermaid file inside the site, writes
# `import mermaid from "js/mermaid.esm.min.mjs"` into pages at the top of the site. Browsers
# refuse a module path that does not start with "/", "./" or "../", so Mermaid never loads
# there (deeper pages get "../../js/..." and work). Adding "./" gives the same file.
_MERMAID2_BARE_IMPORT = re.compile(r'(import\s+mermaid\s+from\s+")(?![./]|[a-zA-Z][a-zA-Z0-9+.-]*:)')


def fix_mermaid2_import(html: str) -> str:
    """Make mermaid2's site-relative module import a valid relative URL."""
    if "import mermaid" not in html:
        return html
    return _MERMAID2_BARE_IMPORT.sub(r"\1./", html)


def dedupe_search_entries(search_index_entries: list[dict], build_languages: list[str]) -> None:
    """mkdocs-static-i18n's search de-duplication, in linear time.

    mkdocs-static-i18n 1.3 (`reconfigure_search_duplicates`) compares every default-language
    search entry with every other-language entry: at 500 journeys in six languages that is
    hundreds of millions of comparisons, most of a build's time. It removes an other-language
    entry whose title and text equal a default-language entry's and whose location ends with
    that entry's location. This does the same, looking candidates up by (title, text).
    """
    prefixes = tuple(f"{lang}/" for lang in build_languages)
    by_content: dict[tuple[str, str], list[int]] = {}
    defaults = []
    for index, entry in enumerate(search_index_entries):
        if entry["location"].startswith(prefixes):
            by_content.setdefault((entry["title"], entry["text"]), []).append(index)
        else:
            defaults.append(entry)
    removed: set[int] = set()
    for entry in defaults:
        for index in by_content.get((entry["title"], entry["text"]), ()):
            if index not in removed and search_index_entries[index]["location"].endswith(entry["location"]):
                removed.add(index)
    if removed:
        search_index_entries[:] = [e for i, e in enumerate(search_index_entries) if i not in removed]


def speed_up_static_i18n(i18n_plugin: object) -> None:
    """Swap the quadratic search de-duplication of this static-i18n instance for the linear one."""
    if not callable(getattr(i18n_plugin, "reconfigure_search_duplicates", None)):
        return  # another version: leave it alone

    def reconfigure_search_duplicates(search_index_entries: list[dict]) -> None:
        dedupe_search_entries(search_index_entries, list(getattr(i18n_plugin, "build_languages", [])))

    i18n_plugin.reconfigure_search_duplicates = reconfigure_search_duplicates  # type: ignore[attr-defined]
