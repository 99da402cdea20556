"""Keep drawings and repeated content out of the search index, and out of its HTML parser.

Material's search plugin parses every page's HTML to index its text: on journey pages that
parse was half of the build, and much of it went through markup with no words worth finding
(the experience curve's SVG, the Mermaid source of the journey diagram, which repeats the
touchpoint table in Mermaid's syntax) or with words found elsewhere (blocks the core marks
`data-search-exclude`: catalogs, comparison grids, the engagement matrix). At 100 journeys
in six languages the index was 60 MB before. Before the page is indexed, each such element is swapped
for a comment holding its number; after the page is rendered, the element goes back in. What a
reader gets is unchanged byte for byte (tests/test_site_build.py builds with and without).
"""

from __future__ import annotations

import re

# Both are written by the core renderers (render/curve.py, render/blocks.py) with escaped text
# inside, so neither can contain the other's end tag or a comment of this form.
_DRAWINGS = re.compile(
    r'<div class="journeys-noindex" data-search-exclude>.*?<!--/journeys-noindex--></div>'
    r'|<svg class="journeys-curve__svg".*?</svg>'
    r'|<pre class="journeys-diagram__source">.*?</pre>',
    re.DOTALL,
)
_PLACEHOLDER = re.compile(r"<!--journeys-drawing:(\d+)-->")


def set_aside(html: str) -> tuple[str, list[str]]:
    """The page without its drawings, and the drawings in order."""
    drawings: list[str] = []

    def keep(match: re.Match[str]) -> str:
        drawings.append(match.group(0))
        return f"<!--journeys-drawing:{len(drawings) - 1}-->"

    return _DRAWINGS.sub(keep, html), drawings


def put_back(output: str, drawings: list[str]) -> str:
    """The rendered page with each drawing where its placeholder is."""
    if not drawings:
        return output
    return _PLACEHOLDER.sub(lambda m: drawings[int(m.group(1))], output)
