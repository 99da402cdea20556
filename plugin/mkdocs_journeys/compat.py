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
