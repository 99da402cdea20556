"""The "Journeys" section of the MkDocs navigation, built from the generated pages."""

from __future__ import annotations

from mkdocs.structure import StructureItem
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from .core.site import SitePages


def _page(files: Files, src: str) -> Page | None:
    file = files.get_file_from_path(src)
    page = getattr(file, "page", None) if file else None
    return page if isinstance(page, Page) else None


def _without(items: list, srcs: set[str]) -> list:
    """Drop the entries MkDocs' automatic navigation made for our pages (and empty sections)."""
    kept = []
    for item in items:
        if isinstance(item, Page) and item.file.src_uri in srcs:
            continue
        if isinstance(item, Section):
            item.children = _without(item.children, srcs)
            if not item.children:
                continue
        kept.append(item)
    return kept


def add_section(nav: Navigation, pages: SitePages, files: Files, max_journeys: int) -> Navigation:
    """Append one section: the index, then journeys by segment (unless there are too many)."""
    t = pages.labels
    ours = {page.src for page in pages.pages}
    children: list = []
    index = next((p for p in pages.pages if p.kind == "index"), None)
    if index and (page := _page(files, index.src)):
        children.append(page)
    journeys = [p for p in pages.pages if p.kind in ("journey", "broken")]
    if len(journeys) <= max_journeys:
        for segment in ("b2b", "b2c"):
            mine = [_page(files, p.src) for p in journeys if p.segment == segment]
            if mine:
                children.append(Section(t(f"nav.{segment}"), [p for p in mine if p]))
        broken = [_page(files, p.src) for p in journeys if p.kind == "broken"]
        children.extend(p for p in broken if p)
    comparisons: list[StructureItem] = [page for p in pages.of_kind("compare") if (page := _page(files, p.src))]
    if comparisons:
        children.append(Section(t("nav.compare"), comparisons) if len(comparisons) <= max_journeys else comparisons[0])
    children.extend(page for p in pages.of_kind("catalog") if (page := _page(files, p.src)))
    nav.items = _without(list(nav.items), ours) + [Section(t("nav.journeys"), children)]
    _relink(nav)
    return nav


def _relink(nav: Navigation) -> None:
    """Recompute what MkDocs derives from the item tree: parents, page order, previous/next."""
    pages: list[Page] = []

    def walk(items: list, parent: Section | None) -> None:
        for item in items:
            item.parent = parent
            if isinstance(item, Section):
                walk(item.children, item)
            elif isinstance(item, Page):
                pages.append(item)

    walk(nav.items, None)
    for index, page in enumerate(pages):
        page.previous_page = pages[index - 1] if index else None
        page.next_page = pages[index + 1] if index + 1 < len(pages) else None
    nav.pages = pages
