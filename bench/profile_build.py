"""Where a build's time goes: cProfile one `mkdocs build` and sum the time by package.

    python bench/profile_build.py bench/out/journeys-500            # profile, then summarise
    python bench/profile_build.py --stats build.prof                # summarise an existing profile

The build runs in one process (the plugin option `parallel: false`, in a copy of the project's
config, `mkdocs-profile.yml`), so the profile sees every language.

The first table is exclusive time by package (markdown, jinja2, material, mkdocs,
mkdocs_static_i18n, mkdocs_journeys...). Time in built-ins and the standard library (str.join,
re, xml.etree...) is charged to the package that called them directly, so that, for example,
the regular expressions of Python-Markdown count as markdown. The second table lists the
functions with the most cumulative time. Times are CPU seconds (the machine may be shared).
cProfile slows the build down (often 2-3x), and more so for code that makes many small calls:
compare shares, not seconds, with bench/run.py.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import re
import runpy
import subprocess
import sys
import sysconfig
import time
from collections import defaultdict
from pathlib import Path

STDLIB = os.path.realpath(sysconfig.get_paths()["stdlib"])


def package(filename: str) -> str:
    """'markdown', 'mkdocs_journeys', 'stdlib' or 'builtins' for a profile entry's file."""
    if filename == "~" or filename.startswith("<"):
        return "builtins"
    path = os.path.realpath(filename)
    parts = Path(path).parts
    if "site-packages" in parts:
        name = parts[parts.index("site-packages") + 1]
        return name.removesuffix(".py")
    if "mkdocs_journeys" in parts:
        return "mkdocs_journeys"
    if path.startswith(STDLIB):
        return "stdlib"
    return "other"


def by_package(stats: pstats.Stats) -> dict[str, float]:
    """Exclusive seconds per package; built-in and stdlib time goes to the nearest calling package.

    A built-in or stdlib function's own time, as recorded per caller, is charged to that caller's
    package; when the caller is itself built-in or stdlib, to that caller's callers in proportion
    to the time they spent in it, and so on up (cycles stay with "stdlib").
    """
    entries = stats.stats  # type: ignore[attr-defined]
    owners: dict[tuple, dict[str, float]] = {}

    def owner(func: tuple, seen: frozenset) -> dict[str, float]:
        """How a call of `func` is shared among packages (fractions summing to 1)."""
        name = package(func[0])
        if name not in ("builtins", "stdlib"):
            return {name: 1.0}
        if func in owners:
            return owners[func]
        callers = entries.get(func, (0, 0, 0, 0, {}))[4]
        weights = {c: v[3] for c, v in callers.items() if isinstance(v, tuple)}
        total = sum(weights.values())
        if func in seen or not total:
            return {"stdlib" if name == "stdlib" else "builtins": 1.0}
        share: dict[str, float] = defaultdict(float)
        for caller, weight in weights.items():
            for pkg, fraction in owner(caller, seen | {func}).items():
                share[pkg] += fraction * weight / total
        owners[func] = dict(share)
        return owners[func]

    totals: dict[str, float] = defaultdict(float)
    for func, (_, _, tottime, _, callers) in entries.items():
        if package(func[0]) not in ("builtins", "stdlib") or not callers:
            totals[package(func[0])] += tottime
            continue
        for caller, value in callers.items():
            seconds = value[2] if isinstance(value, tuple) else 0.0
            for pkg, fraction in owner(caller, frozenset({func})).items():
                totals[pkg] += seconds * fraction
    return dict(totals)


def summarise(path: Path, top: int) -> str:
    stats = pstats.Stats(str(path))
    total = stats.total_tt  # type: ignore[attr-defined]  # every function's own time, summed
    outer = max(v[3] for v in stats.stats.values())  # type: ignore[attr-defined]
    lines = [f"Profile {path}: {total:.1f} s of profiled time", "", "| package | seconds | share |", "| --- | ---: | ---: |"]
    for name, seconds in sorted(by_package(stats).items(), key=lambda item: -item[1]):
        if seconds / total >= 0.002:
            lines.append(f"| {name} | {seconds:.1f} | {100 * seconds / total:.1f}% |")
    lines += ["", f"Top {top} functions by cumulative time:", "", "| function | calls | cumulative s | share |", "| --- | ---: | ---: | ---: |"]
    rows = []
    for func, (_, ncalls, _, cumtime, _) in stats.stats.items():  # type: ignore[attr-defined]
        if package(func[0]) in ("builtins", "stdlib") or cumtime > 0.99 * outer:
            continue  # the standard library, and the wrappers around the whole run
        rows.append((cumtime, ncalls, f"{package(func[0])}: {func[2]} ({Path(func[0]).name}:{func[1]})"))
    for cumtime, ncalls, name in sorted(rows, reverse=True)[:top]:
        lines.append(f"| {name} | {ncalls} | {cumtime:.1f} | {100 * cumtime / outer:.1f}% |")
    return "\n".join(lines) + "\n"


def serial_config(text: str) -> str:
    """The project's mkdocs.yml with `parallel: false` under the journeys plugin.

    Not an INHERIT file: MkDocs replaces a list of plugins by the child's plugins instead of
    merging them, so `plugins: {journeys: {parallel: false}}` would drop search and i18n.
    """
    match = re.search(r"^( *)- journeys:[ \t]*$", text, re.MULTILINE)
    if match is None:
        raise SystemExit("profile_build: no `- journeys:` entry with options in mkdocs.yml")
    indent = " " * (len(match.group(1)) + 4)
    return text[: match.end()] + f"\n{indent}parallel: false" + text[match.end() :]


def child(out: Path, mkdocs_args: list[str]) -> int:
    """Run `mkdocs <args>` in this process under cProfile, timed in CPU seconds.

    CPU time rather than wall time: the machine is shared, and waiting for a core is not the
    build's cost.
    """
    profiler = cProfile.Profile(time.process_time)
    sys.argv = ["mkdocs", *mkdocs_args]
    profiler.enable()
    try:
        runpy.run_module("mkdocs", run_name="__main__", alter_sys=True)
    except SystemExit as exit_:
        if exit_.code:
            raise
    finally:
        profiler.disable()
        profiler.dump_stats(str(out))
    return 0


def frame_package(frame: str) -> str:
    """The package of a py-spy frame such as `SearchIndex.add (material/plugins/search/plugin.py:90)`."""
    where = frame[frame.rfind("(") + 1 :].rstrip(")")
    path = where.rsplit(":", 1)[0]
    if path.startswith("<frozen"):
        return "stdlib"
    if path.endswith(".html"):
        return "templates"  # the theme's Jinja templates, compiled to Python
    if path == "<string>":
        return "jinja2"
    parts = Path(path).parts
    if "site-packages" in parts:
        parts = parts[parts.index("site-packages") + 1 :]
    if "mkdocs_journeys" in parts:
        return "mkdocs_journeys"
    top = parts[0].removesuffix(".py") if parts else "other"
    if top in sys.stdlib_module_names or path.startswith(STDLIB):
        return "stdlib"
    return top


def _function(frame: str) -> str:
    """`name (file:line)` without the line, which py-spy gives for the line being run."""
    name, _, where = frame.rpartition(" (")
    return f"{name} ({where.rsplit(':', 1)[0].rstrip(')')})"


def summarise_collapsed(path: Path, top: int) -> str:
    """The same tables from py-spy's raw (collapsed stacks) output: sample counts, not call times."""
    exclusive: dict[str, int] = defaultdict(int)
    cumulative: dict[str, int] = defaultdict(int)
    total = 0
    for line in path.read_text("utf-8").splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not stack or not count_text.isdigit():
            continue
        count, frames = int(count_text), stack.split(";")
        total += count
        owner = "stdlib"
        for frame in reversed(frames):  # the innermost frame that is not the standard library
            if frame_package(frame) != "stdlib":
                owner = frame_package(frame)
                break
        exclusive[owner] += count
        for function in {_function(frame) for frame in frames}:
            cumulative[function] += count
    lines = [f"Samples {path}: {total}", "", "| package | samples | share |", "| --- | ---: | ---: |"]
    for name, count in sorted(exclusive.items(), key=lambda item: -item[1]):
        if count / total >= 0.002:
            lines.append(f"| {name} | {count} | {100 * count / total:.1f}% |")
    lines += ["", f"Top {top} functions by samples in their stack:", "", "| function | share |", "| --- | ---: |"]
    rows = [(count, f) for f, count in cumulative.items() if frame_package(f) != "stdlib" and count < 0.99 * total]
    for count, frame in sorted(rows, reverse=True)[:top]:
        lines.append(f"| {frame_package(frame)}: {frame} | {100 * count / total:.1f}% |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("project", type=Path, nargs="?", help="a generated project (with mkdocs.yml) to build under cProfile")
    parser.add_argument("--stats", type=Path, help="summarise this existing cProfile output instead of building")
    parser.add_argument("--top", type=int, default=30, help="functions to list (default 30)")
    parser.add_argument(
        "--py-spy",
        metavar="PATH",
        help="sample with this py-spy executable (100 Hz) instead of cProfile: much less overhead "
        "and no bias towards code that makes many small calls (pip install py-spy)",
    )
    parser.add_argument("--collapsed", type=Path, help="summarise existing py-spy raw output instead of building")
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child"]:
        return child(Path(argv[1]), argv[2:])
    args = parser.parse_args(argv)
    if args.collapsed is not None:
        print(summarise_collapsed(args.collapsed, args.top), end="")
        return 0
    if args.py_spy and args.stats is None:
        if args.project is None:
            parser.error("give a project folder")
        config = args.project / "mkdocs-profile.yml"
        config.write_text(serial_config((args.project / "mkdocs.yml").read_text("utf-8")), "utf-8")
        out = args.project / "build.pyspy.txt"
        build = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(args.project / "site")]
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        subprocess.run([args.py_spy, "record", "-r", "100", "-f", "raw", "-o", str(out), "--", *build], check=True, env=env)
        print(summarise_collapsed(out, args.top), end="")
        return 0
    if args.stats is None:
        if args.project is None:
            parser.error("give a project folder or --stats FILE")
        args.stats = args.project / "build.prof"
        # One process: since dda6748 the plugin forks a second one for half of the languages,
        # and cProfile would see only the parent's half.
        config = args.project / "mkdocs-profile.yml"
        config.write_text(serial_config((args.project / "mkdocs.yml").read_text("utf-8")), "utf-8")
        build = ["build", "-q", "-f", str(config), "-d", str(args.project / "site")]
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        subprocess.run([sys.executable, __file__, "--child", str(args.stats), *build], check=True, env=env)
    print(summarise(args.stats, args.top), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
