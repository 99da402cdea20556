"""Build synthetic playbooks of several sizes, and the plain-pages baseline, and compare them.

For each size it generates `bench/out/journeys-<n>/` (the journeys plugin) and, unless told
otherwise, `bench/out/baseline-<n>/` (the same content as plain Markdown pages, no plugin), runs
`mkdocs build` on each in a child process and prints one Markdown table:

    kind | journeys | languages | pages | wall s | peak MB | plugin s | plugin %

- wall s: wall-clock seconds of the whole `mkdocs build` process, interpreter start included;
- peak MB: the build's peak resident memory in MiB: the largest sum of RSS over the build
  process and any process it forks (sampled every 100 ms), or its own ru_maxrss from os.wait4
  if larger;
- pages: `index.html` files under site/, checked against what the generator promises;
- plugin s / %: seconds spent inside the journeys plugin's hooks, as the plugin reports them
  when MKDOCS_JOURNEYS_PROFILE is set, and their share of the wall time.

Below the table: seconds per hook, CPU seconds, processes and the largest process, ratios,
and warnings. bench/README.md explains each figure.

    python bench/run.py                                # sizes 100 500 2000, six languages
    python bench/run.py --sizes 100 500 --repeat 3     # median of three builds each
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate

DEFAULT_SIZES = [100, 500, 2000]
DEFAULT_BASELINE_MAX = 500


@dataclass
class Build:
    """One measured `mkdocs build`."""

    wall: float
    peak_mb: float
    pages: int
    returncode: int
    cpu: float = 0.0  # user + system seconds of the child and its workers
    largest_mb: float = 0.0  # the largest single process's peak RSS
    processes: int = 1  # the most processes seen at once
    hooks: dict[str, float] = field(default_factory=dict)
    calls: dict[str, int] = field(default_factory=dict)

    @property
    def plugin(self) -> float | None:
        return sum(self.hooks.values()) if self.hooks else None


@dataclass
class Row:
    kind: str
    journeys: int
    languages: int
    pages: int
    expected_pages: int
    wall: float
    cpu: float
    peak_mb: float
    largest_mb: float
    processes: int
    plugin: float | None
    hooks: dict[str, float]
    runs: list[float]
    calls: dict[str, int]

    @property
    def plugin_share(self) -> float | None:
        return None if self.plugin is None else self.plugin / self.wall


class TreeMemory(threading.Thread):
    """Samples, every 100 ms, the resident memory of a process and every process below it.

    MkDocs may fork workers (plugins can), and a worker's peak is not visible in the parent's
    ru_maxrss, which wait4 reports as the largest single process, not the sum. The sum of RSS
    counts pages shared copy-on-write after a fork once per process: with forked workers it
    is an upper bound of the memory the build takes. Linux only (reads /proc).
    """

    def __init__(self, pid: int, interval: float = 0.1) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak_kb = 0
        self.max_processes = 0
        self._stop_event = threading.Event()
        self._page_kb = os.sysconf("SC_PAGE_SIZE") // 1024

    def _tree(self) -> list[int]:
        pids, todo = [], [self.pid]
        while todo:
            pid = todo.pop()
            pids.append(pid)
            try:
                for task in os.listdir(f"/proc/{pid}/task"):
                    with open(f"/proc/{pid}/task/{task}/children") as children:
                        todo.extend(int(child) for child in children.read().split())
            except OSError:
                continue
        return pids

    def _rss_kb(self, pid: int) -> int:
        try:
            with open(f"/proc/{pid}/statm") as statm:
                return int(statm.read().split()[1]) * self._page_kb
        except (OSError, ValueError, IndexError):
            return 0

    def sample(self) -> None:
        pids = self._tree()
        total = sum(self._rss_kb(pid) for pid in pids)
        self.peak_kb = max(self.peak_kb, total)
        self.max_processes = max(self.max_processes, sum(1 for pid in pids if self._rss_kb(pid)))

    def run(self) -> None:
        while not self._stop_event.wait(self.interval):
            self.sample()

    def stop(self) -> None:
        self._stop_event.set()
        self.join()


def plugin_snapshot(rev: str, out: Path) -> tuple[Path, str]:
    """Extract plugin/ as of a git revision, to build with it instead of the working tree."""
    repo = HERE.parent
    commit = subprocess.run(
        ["git", "-C", str(repo), "rev-parse", "--short", f"{rev}^{{commit}}"], capture_output=True, text=True, check=True
    ).stdout.strip()
    dest = out / f"plugin-{commit}"
    if not (dest / "plugin" / "mkdocs_journeys" / "plugin.py").is_file():
        shutil.rmtree(dest, ignore_errors=True)
        dest.mkdir(parents=True)
        archive = subprocess.run(["git", "-C", str(repo), "archive", commit, "plugin"], capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)
    path = dest / "plugin"
    found = subprocess.run(
        [sys.executable, "-c", "import mkdocs_journeys; print(mkdocs_journeys.__file__)"],
        capture_output=True, text=True, check=True, env={**os.environ, "PYTHONPATH": str(path)},
    ).stdout.strip()
    if not found.startswith(str(path)):
        raise SystemExit(f"bench: the plugin snapshot {path} is not the one imported ({found})")
    return path, commit


def measure(root: Path, *, strict: bool = False, pythonpath: Path | None = None) -> Build:
    """Run `mkdocs build` on the project at root in a child process; time it and read its memory.

    Peak memory is the larger of: the sampled sum of RSS over the build's process tree, and
    the build's own ru_maxrss from os.wait4 (that one child and its waited-for children, not a
    maximum over every child this runner ever had, as RUSAGE_CHILDREN would be). CPU seconds
    from os.wait4 include the build's forked workers.
    """
    site = root / "site"
    profile = root / "profile.json"
    profile.unlink(missing_ok=True)
    shutil.rmtree(site, ignore_errors=True)
    cmd = [sys.executable, "-m", "mkdocs", "build", "-f", str(root / "mkdocs.yml"), "-d", str(site)]
    if strict:
        cmd.append("--strict")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "MKDOCS_JOURNEYS_PROFILE": str(profile)}
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    with open(root / "build.log", "wb") as log:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=root)
        sampler = TreeMemory(proc.pid)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        sampler.stop()
    proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, so tell Popen
    hooks: dict[str, float] = {}
    calls: dict[str, int] = {}
    if profile.is_file():
        data = json.loads(profile.read_text("utf-8"))
        hooks = {k: float(v) for k, v in data.get("hooks", {}).items()}
        calls = {k: int(v) for k, v in data.get("calls", {}).items()}
    pages = sum(1 for _ in site.rglob("index.html")) if site.is_dir() else 0
    cpu = usage.ru_utime + usage.ru_stime
    peak_kb = max(sampler.peak_kb, usage.ru_maxrss)
    largest = usage.ru_maxrss / 1024
    return Build(wall, peak_kb / 1024, pages, proc.returncode, cpu, largest, max(sampler.max_processes, 1), hooks, calls)


def bench(
    kind: str, size: int, languages: list[str], out: Path, *, repeat: int, seed: int, strict: bool, pythonpath: Path | None = None
) -> Row:
    root = out / f"{kind}-{size}"
    make = generate.generate if kind == "journeys" else generate.generate_baseline
    started = time.perf_counter()
    manifest = make(root, size, languages, seed)
    print(f"# {kind} {size}: generated {manifest.files} files in {time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)
    builds = []
    for run in range(repeat):
        build = measure(root, strict=strict, pythonpath=pythonpath if kind == "journeys" else None)
        if build.returncode != 0:
            tail = (root / "build.log").read_text("utf-8", "replace")[-3000:]
            raise SystemExit(f"bench: mkdocs build failed for {root} (exit {build.returncode}):\n{tail}")
        print(
            f"# {kind} {size} run {run + 1}/{repeat}: {build.wall:.1f} s (cpu {build.cpu:.1f} s), "
            f"{build.peak_mb:.0f} MB ({build.processes} processes), {build.pages} pages"
            + (f", plugin {build.plugin:.2f} s" if build.plugin is not None else ""),
            file=sys.stderr,
            flush=True,
        )
        builds.append(build)
    plugin_runs = [b.plugin for b in builds if b.plugin is not None]
    hook_names = sorted({name for b in builds for name in b.hooks})
    return Row(
        kind=kind,
        journeys=size,
        languages=len(languages),
        pages=builds[-1].pages,
        expected_pages=manifest.pages,
        wall=statistics.median(b.wall for b in builds),
        cpu=statistics.median(b.cpu for b in builds),
        peak_mb=statistics.median(b.peak_mb for b in builds),
        largest_mb=statistics.median(b.largest_mb for b in builds),
        processes=max(b.processes for b in builds),
        plugin=statistics.median(plugin_runs) if plugin_runs else None,
        hooks={name: statistics.median(b.hooks.get(name, 0.0) for b in builds) for name in hook_names},
        runs=[round(b.wall, 3) for b in builds],
        calls=builds[-1].calls,
    )


def plugin_version() -> str:
    """The commit the plugin was built from, with "+dirty" when plugin/ has uncommitted changes."""
    repo = HERE.parent
    try:
        commit = subprocess.run(["git", "-C", str(repo), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(repo), "status", "--porcelain", "--", "plugin"], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return commit + ("+dirty" if dirty else "")


def table(rows: list[Row], skipped: list[str]) -> str:
    lines = [
        "| kind | journeys | languages | pages | wall s | peak MB | plugin s | plugin % |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        plugin = "-" if row.plugin is None else f"{row.plugin:.2f}"
        share = "-" if row.plugin_share is None else f"{100 * row.plugin_share:.1f}"
        lines.append(
            f"| {row.kind} | {row.journeys} | {row.languages} | {row.pages} | {row.wall:.1f} | "
            f"{row.peak_mb:.0f} | {plugin} | {share} |"
        )
    out = "\n".join(lines) + "\n"
    notes = list(skipped)
    by = {(r.kind, r.journeys): r for r in rows}
    for kind in ("journeys", "baseline"):
        if (kind, 500) in by and (kind, 2000) in by:
            ratio = by[(kind, 2000)].wall / by[(kind, 500)].wall
            notes.append(f"{kind}: wall 2000/500 = {ratio:.2f}x")
    for (kind, size), row in sorted(by.items()):
        base = by.get(("baseline", size))
        if kind == "journeys" and base:
            notes.append(
                f"journeys vs baseline at {size}: {row.wall / base.wall:.2f}x the wall time for "
                f"{row.pages / base.pages:.2f}x the pages"
            )
    for row in rows:
        # One on_files per language build: more means the plugin counted some hook time twice.
        if row.calls.get("on_files", row.languages) > row.languages:
            notes.append(
                f"WARNING: {row.kind}-{row.journeys}: the plugin's timings count {row.calls['on_files']} "
                f"on_files calls for {row.languages} languages, so plugin s counts some hook time twice"
            )
    mismatch = [r for r in rows if r.pages != r.expected_pages]
    for row in mismatch:
        notes.append(f"WARNING: {row.kind}-{row.journeys} built {row.pages} pages, the generator promised {row.expected_pages}")
    hooks = [r for r in rows if r.hooks]
    if hooks:
        names = sorted({name for r in hooks for name in r.hooks})
        out += "\nPlugin hooks (seconds, summed over every language):\n\n"
        out += "| journeys | " + " | ".join(names) + " |\n"
        out += "| ---: | " + " | ".join("---:" for _ in names) + " |\n"
        for row in hooks:
            out += f"| {row.journeys} | " + " | ".join(f"{row.hooks.get(n, 0.0):.2f}" for n in names) + " |\n"
    out += (
        "\nCPU seconds (user + system, workers included; less sensitive than wall time to other "
        "work on the machine), processes seen at once, and the largest single process's peak RSS:\n\n"
    )
    out += "| kind | journeys | cpu s | cpu / wall | plugin % of cpu | processes | largest process MB |\n"
    out += "| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n"
    for row in rows:
        of_cpu = "-" if row.plugin is None or not row.cpu else f"{100 * row.plugin / row.cpu:.1f}"
        out += (
            f"| {row.kind} | {row.journeys} | {row.cpu:.1f} | {row.cpu / row.wall:.2f} | {of_cpu} | "
            f"{row.processes} | {row.largest_mb:.0f} |\n"
        )
    if notes:
        out += "\n" + "\n".join(f"- {note}" for note in notes) + "\n"
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=DEFAULT_SIZES, help="journey counts (default: %(default)s)")
    parser.add_argument("--languages", nargs="+", default=generate.DEFAULT_LANGUAGES, help="default first (default: %(default)s)")
    parser.add_argument("--baseline", action=argparse.BooleanOptionalAction, default=True, help="also build the plain-pages baseline (default: yes)")
    parser.add_argument(
        "--baseline-max",
        type=int,
        default=DEFAULT_BASELINE_MAX,
        help="skip the baseline above this size: its build time grows with the square of the "
        "pages (every page renders the whole navigation) (default: %(default)s)",
    )
    parser.add_argument("--repeat", type=int, default=1, help="builds per project; the table shows medians (default 1)")
    parser.add_argument("--out", type=Path, default=HERE / "out", help="where projects are generated (default: bench/out)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--strict", action="store_true", help="build with --strict (a warning fails the run)")
    parser.add_argument(
        "--plugin-rev",
        metavar="REV",
        help="build with the plugin as committed at this git revision (extracted under --out) "
        "instead of the working tree, e.g. HEAD while the working tree is being edited",
    )
    parser.add_argument("--json", type=Path, help="also write the rows as JSON to this file (default: <out>/results.json)")
    args = parser.parse_args(argv)
    if args.repeat < 1 or any(size < 2 for size in args.sizes):
        parser.error("--repeat must be at least 1 and every size at least 2")

    rows: list[Row] = []
    skipped: list[str] = []
    version, pythonpath = plugin_version(), None
    if args.plugin_rev:
        pythonpath, version = plugin_snapshot(args.plugin_rev, args.out)
    print(f"# plugin {version}, {os.cpu_count()} CPUs, Python {sys.version.split()[0]}", file=sys.stderr, flush=True)
    for size in args.sizes:
        rows.append(
            bench("journeys", size, args.languages, args.out, repeat=args.repeat, seed=args.seed, strict=args.strict, pythonpath=pythonpath)
        )
        if not args.baseline:
            continue
        if size > args.baseline_max:
            done = [r for r in rows if r.kind == "baseline"]
            estimate = ""
            if done:
                # Every page renders the whole navigation, which grows with the pages: quadratic.
                ref = done[-1]
                minutes = ref.wall * (size / ref.journeys) ** 2 / 60
                estimate = f"; about {minutes:.0f} min by the square law from baseline-{ref.journeys}"
            skipped.append(
                f"baseline {size}: skipped (above --baseline-max {args.baseline_max}: the plain-pages "
                f"build grows with the square of the pages, since every page renders the whole "
                f"navigation{estimate})"
            )
            continue
        rows.append(bench("baseline", size, args.languages, args.out, repeat=args.repeat, seed=args.seed, strict=args.strict))

    print(f"Plugin {version}; {os.cpu_count()} CPUs; Python {sys.version.split()[0]}.\n")
    print(table(rows, skipped), end="")
    results = args.json or args.out / "results.json"
    results.parent.mkdir(parents=True, exist_ok=True)
    payload = {
        "plugin": version,
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
        "rows": [{**asdict(r), "plugin_share": r.plugin_share} for r in rows],
        "skipped": skipped,
    }
    results.write_text(json.dumps(payload, indent=2) + "\n", "utf-8")
    return 1 if any(r.pages != r.expected_pages for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
