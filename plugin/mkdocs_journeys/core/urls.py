"""Where generated pages live and how they link to each other, in MkDocs' URL scheme.

Generated HTML blocks are not seen by MkDocs' link resolver, so links between generated
pages are computed here, relative to the linking page; this keeps every link inside the
current language's tree and works when the site is hosted under a sub-path.
"""

from __future__ import annotations

import posixpath

JOURNEYS_INDEX = "journeys/index.md"
COMPARE_INDEX = "compare/index.md"
CATALOG = "catalog"


def journey_src(journey_id: str) -> str:
    return f"journeys/{journey_id}.md"


def compare_src(slug: str) -> str:
    return f"compare/{slug}.md"


def catalog_src(name: str) -> str:
    return f"{CATALOG}/{name}.md"


def page_url(src: str, directory_urls: bool = True) -> str:
    """The URL MkDocs gives the page built from `src` (relative to the language root)."""
    stem = src.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return f"{stem}/" if directory_urls else f"{stem}.html"


def _relpath(path: str, start: str) -> str:
    """posixpath.relpath for the site's relative paths, without asking the OS for the current
    directory (a catalog page links thousands of journeys)."""
    to = [part for part in posixpath.normpath(path).split("/") if part not in ("", ".")]
    base = [part for part in posixpath.normpath(start).split("/") if part not in ("", ".")]
    common = 0
    while common < min(len(to), len(base)) and to[common] == base[common]:
        common += 1
    parts = [".."] * (len(base) - common) + to[common:]
    return "/".join(parts) or "."


def relative_url(from_src: str, to_src: str, directory_urls: bool = True) -> str:
    """A link from the page built from `from_src` to the one built from `to_src`."""
    here = page_url(from_src, directory_urls)
    target = page_url(to_src, directory_urls)
    base = here if here.endswith("/") or not here else posixpath.dirname(here)
    rel = _relpath(target or ".", base.rstrip("/") or ".")
    if target.endswith("/") and not rel.endswith("/"):
        rel += "/"
    if not directory_urls and target.endswith("/"):
        rel += "index.html"
    return "./" if rel in ("./", "") else rel
