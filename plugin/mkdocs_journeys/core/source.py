"""Turn a journey file's bytes into front-matter text and a Markdown body, or say why not."""

from __future__ import annotations

from dataclasses import dataclass

from .problems import Problem

DEFAULT_MAX_BYTES = 512 * 1024
_FENCE = "---"


@dataclass(frozen=True)
class SplitSource:
    """A journey file cut in two. Line numbers are 1-based lines of the original file."""

    front_matter: str
    front_matter_line: int  # line of the first front-matter line (after the opening ---)
    body: str
    body_line: int  # line of the first body line


def decode(raw: bytes, file: str, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[str | None, list[Problem]]:
    """Check size and encoding; strip a BOM and normalise line endings to `\\n`."""
    if len(raw) > max_bytes:
        return None, [
            Problem(
                file,
                None,
                "",
                f"the file is {len(raw):,} bytes, over the limit of {max_bytes:,} bytes",
                "Split the journey into smaller journeys, or raise the plugin option "
                "`max_file_bytes` if this size is intended.",
                code="too-large",
            )
        ]
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        return None, [
            Problem(
                file,
                line,
                "",
                f"the file is not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})",
                "Save the file as UTF-8 (most editors offer 'Save with encoding').",
                code="encoding",
            )
        ]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        return None, [
            Problem(
                file,
                line,
                "",
                "the file contains a NUL byte: it looks like a binary file",
                "Journey files are UTF-8 text; check that the right file was saved here.",
                code="encoding",
            )
        ]
    return text, []


def split_front_matter(text: str, file: str) -> tuple[SplitSource | None, list[Problem]]:
    """Find the `---` fenced YAML block that must open a journey file."""
    if not text.strip():
        return None, [
            Problem(
                file,
                1,
                "",
                "the file is empty",
                "A journey starts with front matter between two `---` lines; run "
                "`journeys new <id> --segment b2b` for a template.",
                code="empty",
            )
        ]
    lines = text.split("\n")
    if lines[0].rstrip() != _FENCE:
        return None, [
            Problem(
                file,
                1,
                "",
                f"expected the first line to be `---` (the start of the front matter), found {lines[0][:40]!r}",
                "Put the journey's YAML between a `---` line at the very top and a closing `---` line.",
                code="no-front-matter",
            )
        ]
    for index in range(1, len(lines)):
        if lines[index].rstrip() in (_FENCE, "..."):
            return (
                SplitSource(
                    front_matter="\n".join(lines[1:index]),
                    front_matter_line=2,
                    body="\n".join(lines[index + 1 :]),
                    body_line=index + 2,
                ),
                [],
            )
    return None, [
        Problem(
            file,
            1,
            "",
            "the front matter opened on line 1 is never closed",
            "Add a line with only `---` after the last YAML line, before the narrative.",
            code="unclosed-front-matter",
        )
    ]
