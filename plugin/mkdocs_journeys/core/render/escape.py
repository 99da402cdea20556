"""Make journey text inert wherever it lands: HTML, Markdown inline text, Mermaid labels.

Everything from a journey file passes through one of these before it reaches a page.
"""

from __future__ import annotations

import html
import re

_WHITESPACE = re.compile(r"\s+")
# Characters Markdown (and its extensions: attr_list, emoji, tilde, caret, mark, keys...) may read
# as syntax; written as numeric character references, Python-Markdown passes them through
# untouched and the browser shows the character.
_MARKDOWN_SYNTAX = re.compile(r"[\\`*_{}\[\]()#+\-.!<>&|~^=:$%@\"'/]")
# Characters that Mermaid's journey grammar reads as syntax (`#` comment, `;` statement end, `:`
# field separator, `,` actor separator, `%%` directive), or that could become markup in its
# labels. Mermaid decodes `#<number>;` back to the character when it draws the label.
_MERMAID_SYNTAX = re.compile(r"[#;:,%<>&\"'`{}\[\]\\|=]")
# Words Mermaid's journey lexer reads as keywords where a token starts (case-insensitively):
# a touchpoint called "Title insurance" would become the diagram's title, "Section 8 review"
# a section, "Journey mapping" a syntax error. The first letter is entity-coded then.
_MERMAID_KEYWORD = re.compile(r"(?:journey|title|section|acc)", re.IGNORECASE | re.ASCII)


def h(text: object) -> str:
    """HTML-escape text for element content and attribute values."""
    return html.escape(str(text), quote=True)


def one_line(text: str) -> str:
    """Collapse newlines and runs of spaces: labels and headings are one line."""
    return _WHITESPACE.sub(" ", text).strip()


def md_inline(text: str) -> str:
    """Text for a Markdown heading or paragraph that shows exactly as written."""
    return _MARKDOWN_SYNTAX.sub(lambda m: f"&#{ord(m.group())};", one_line(text))


def mermaid_label(text: str, max_length: int = 80, empty: str = "–") -> str:
    """A Mermaid label: one line, bounded length, every grammar character entity-coded."""
    flat = one_line(text)
    if len(flat) > max_length:
        flat = flat[: max_length - 1].rstrip() + "…"
    if not flat:
        flat = empty
    coded = _MERMAID_SYNTAX.sub(lambda m: f"#{ord(m.group())};", flat)
    if _MERMAID_KEYWORD.match(coded):
        coded = f"#{ord(coded[0])};{coded[1:]}"
    return coded


_CODE_SPAN = re.compile(r"`([^`]+)`")


def code_spans(text: str) -> str:
    """Escaped text whose `backtick` spans (as in problem hints) become <code> elements."""
    return _CODE_SPAN.sub(lambda m: f"<code>{m.group(1)}</code>", h(text))
