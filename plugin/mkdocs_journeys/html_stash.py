"""Hand the generated pages' HTML blocks to Python-Markdown as already-rendered HTML.

A journey page is mostly raw HTML (tables, diagram, curve) between Markdown headings. Python-
Markdown would parse all of that HTML to find where each block ends, then walk it again for
links, for about half of a page's conversion time. The pages the plugin generates keep each
block between blank lines and never start a line of author text with "<" (narrative HTML is
escaped, and fenced code is stashed before this runs), so each such block can go straight to
Markdown's own HTML stash, as its HTML-block preprocessor would put it there, minus the parsing.
Hand-written pages are not touched: the preprocessor is switched on only for generated pages.
"""

from __future__ import annotations

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

# After normalising whitespace (30) and fenced code (25), before raw HTML blocks (20).
PRIORITY = 21


class StashGeneratedHtml(Preprocessor):
    def __init__(self, md: Markdown, extension: GeneratedHtmlExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        if not self.extension.active:
            return lines
        out: list[str] = []
        block: list[str] = []
        for line in lines:
            if block:
                if line.strip():
                    block.append(line)
                    continue
                out.append(self.md.htmlStash.store("\n".join(block)))
                block = []
                out.append(line)
            elif line.startswith("<") and (not out or not out[-1].strip()):
                block.append(line)
            else:
                out.append(line)
        if block:
            out.append(self.md.htmlStash.store("\n".join(block)))
        return out


class GeneratedHtmlExtension(Extension):
    """MkDocs makes a Markdown instance per page; `active` is set before each page is converted."""

    def __init__(self) -> None:
        super().__init__()
        self.active = False

    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(StashGeneratedHtml(md, self), "journeys_generated_html", PRIORITY)
