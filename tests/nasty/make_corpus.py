"""The corpus files that cannot be kept as plain text: exact bytes, or too big to keep.

    python tests/nasty/make_corpus.py            # (re)write the small ones next to this script
    python tests/nasty/make_corpus.py --check    # exit 1 if a checked-in file differs
    python tests/nasty/make_corpus.py --big DIR  # also write the big ones into DIR

The small ones (`FILES`, `TRANSLATION_FILES`) are checked in; `.gitattributes` keeps their bytes
as they are, and tests/test_nasty_corpus.py checks that they are still what this script writes.
The big ones (`BIG_FILES`, 100-400 KB each) are made by the tests when they run. The other
cases are ordinary text files next to this script.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

VALID = (
    "---\n"
    "title: Shop checkout\n"
    "segment: b2c\n"
    "stages:\n"
    "  - id: awareness\n"
    "    name: Awareness\n"
    "    touchpoints:\n"
    "      - {name: Reel, score: 4}\n"
    "---\n"
    "One person, one evening.\n"
)


def _many_stages(count: int) -> str:
    stages = "".join(
        f"  - id: stage-{i}\n    name: Stage {i}\n    touchpoints:\n"
        f"      - {{name: Touchpoint {i}, channel: email, actors: [a], score: {i % 5 + 1}}}\n"
        for i in range(count)
    )
    return (
        "---\ntitle: Fifteen hundred stages\nsegment: b2b\n"
        "stakeholders:\n  - {id: a, name: Buyer, role: economic-buyer}\n  - {id: b, name: User, role: end-user}\n"
        f"stages:\n{stages}---\n"
    )


def _pathological_narrative() -> str:
    """Inputs that make naive scanners quadratic: unmatched link openers, unclosed fences of
    ever longer runs, thousands of backtick runs and brackets."""
    parts = [
        "[a" + "](" * 20_000,
        "\n\n" + "]:" * 20_000,
        "\n\n" + "".join("`" * n + "\n" for n in range(3, 300)),
        "".join("~" * n + "x\n" for n in range(3, 300)),
        "\n\n" + "` " * 20_000,
        "\n\n" + "[" * 20_000 + "](javascript:alert(1))",
        "\n\n" + "![" * 10_000,
        "\n\n" + "<!-- journeys:bogus -->\n" * 500,
    ]
    return VALID.replace("One person, one evening.\n", "".join(parts) + "\n")


FILES: dict[str, bytes] = {
    # A byte-order mark and Windows line endings: a valid journey.
    "bom-crlf.md": b"\xef\xbb\xbf" + VALID.replace("\n", "\r\n").encode(),
    # Old Mac line endings (CR only): a valid journey.
    "cr-only.md": VALID.replace("\n", "\r").encode(),
    # Windows line endings with an error on line 3: the line is still right.
    "crlf-error.md": VALID.replace("segment: b2c", "segment: B2C").replace("\n", "\r\n").encode(),
    # Latin-1, not UTF-8: "café" on line 2.
    "latin1.md": "---\ntitle: Café\nsegment: b2c\nstages: [{id: a, name: A}]\n---\n".encode(
        "latin-1"
    ),
    # UTF-16 with its BOM.
    "utf16.md": VALID.encode("utf-16"),
    # A NUL byte on line 3.
    "nul-byte.md": VALID.replace("segment: b2c", "segment: b2c\x00").encode(),
    # A raw BEL control character in a value (YAML refuses it).
    "control-char.md": VALID.replace("title: Shop checkout", "title: Shop\x07checkout").encode(),
    # U+2028 (a line break for YAML, not for editors) in the title, then an error on line 3.
    "line-separator.md": VALID.replace("title: Shop checkout", "title: 'Shop\u2028checkout'")
    .replace("segment: b2c", "segment: b2x")
    .encode(),
    # 3,000 bytes: over the limit when the test sets `max_file_bytes` to 2,048.
    "over-size-limit.md": (VALID + "\n" + "Padding. " * 400).encode()[:3000],
}

BIG_FILES: dict[str, bytes] = {
    # 50,001 values in one list (the limit is 50,000).
    "many-values.md": (
        "---\ntitle: Many values\nsegment: b2b\nstages: [{id: a, name: A}]\ntags: ["
        + ", ".join(f"t{i}" for i in range(50_001))
        + "]\n---\n"
    ).encode(),
    # A title of 100,000 characters (text is at most 2,000).
    "long-title.md": (
        "---\ntitle: " + "long " * 20_000 + "\nsegment: b2b\nstages: [{id: a, name: A}]\n---\n"
    ).encode(),
    # 530,000 bytes: over the default limit of 512 KiB.
    "over-default-limit.md": (VALID + "Padding. " * 60_000).encode()[:530_000],
    # A valid but big journey: 1,500 stages.
    "many-stages.md": _many_stages(1_500).encode(),
    # A valid journey whose narrative is built to make naive scanners slow.
    "pathological-narrative.md": _pathological_narrative().encode(),
}

TRANSLATION_FILES: dict[str, bytes] = {
    # A translation in Windows-1251 instead of UTF-8.
    "not-utf8.ru.md": "---\ntitle: Покупка\n---\n".encode("cp1251"),
}


def expected() -> dict[Path, bytes]:
    files = {HERE / name: data for name, data in FILES.items()}
    files.update({HERE / "translations" / name: data for name, data in TRANSLATION_FILES.items()})
    return files


def main(argv: list[str]) -> int:
    files = expected()
    if "--big" in argv:
        folder = Path(argv[argv.index("--big") + 1])
        files.update({folder / name: data for name, data in BIG_FILES.items()})
    if "--check" in argv:
        stale = [
            path.name
            for path, data in files.items()
            if not path.is_file() or path.read_bytes() != data
        ]
        if stale:
            print("out of date: " + ", ".join(stale) + " (run python tests/nasty/make_corpus.py)")
            return 1
        return 0
    for path, data in files.items():
        path.write_bytes(data)
    print(f"wrote {len(files)} files")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
