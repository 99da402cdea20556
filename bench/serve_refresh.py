"""How long an edit takes to show while `mkdocs serve` runs on a large playbook.

It generates (or reuses) `bench/out/journeys-<n>/`, starts `mkdocs serve --livereload` on a
free port of 127.0.0.1, waits until a journey's page is served, then:

1. writes a new title into that journey's file and polls (HTTP GET every 100 ms) the journey's
   page in the default language until the new title is in the HTML;
2. writes a new title into the journey's translation and polls the translated page the same way.

Each edit is timed from the moment the file is written until the served HTML shows the change,
and the server log's "Documentation built in" tells the rebuild's own time. The files are
restored and the server stopped (SIGINT, as Ctrl+C) at the end.

    python bench/serve_refresh.py                    # 500 journeys, six languages
    python bench/serve_refresh.py --dirty            # mkdocs serve --dirty
    python bench/serve_refresh.py -n 100 --serve-arg=--no-strict
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate
import run

POLL = 0.1


class Server:
    """`mkdocs serve` in a child process, with its log lines timestamped as they arrive."""

    def __init__(self, root: Path, flags: list[str], pythonpath: Path | None = None) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}/"
        cmd = [
            sys.executable, "-m", "mkdocs", "serve",
            "-f", str(root / "mkdocs.yml"),
            "-a", f"127.0.0.1:{self.port}",
            "--livereload",
            *flags,
        ]  # fmt: skip
        self.command = cmd
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1"}
        if pythonpath is not None:
            env["PYTHONPATH"] = str(pythonpath)
        self.proc = subprocess.Popen(
            cmd, cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, encoding="utf-8", errors="replace"
        )
        self.memory = run.TreeMemory(self.proc.pid, interval=0.5)
        self.memory.start()
        self.max_rss_mb: float | None = None
        self.lines: list[tuple[float, str]] = []
        self._lock = threading.Lock()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            with self._lock:
                self.lines.append((time.perf_counter(), line.rstrip("\n")))

    def builds_after(self, since: float) -> list[tuple[float, float]]:
        """(when logged, seconds) of each "Documentation built in" line logged after `since`."""
        with self._lock:
            lines = list(self.lines)
        found = []
        for when, line in lines:
            match = re.search(r"Documentation built in ([0-9.]+) seconds", line)
            if match and when >= since:
                found.append((when, float(match.group(1))))
        return found

    def log_tail(self, count: int = 30) -> str:
        with self._lock:
            return "\n".join(line for _, line in self.lines[-count:])

    def get(self, path: str, timeout: float) -> str | None:
        """The page's HTML, or None when the server does not answer it (yet)."""
        try:
            with urllib.request.urlopen(self.base + path, timeout=timeout) as response:
                return response.read().decode("utf-8", "replace")
        except (urllib.error.URLError, OSError):
            return None

    def wait_for(self, path: str, needle: str, timeout: float) -> float:
        """Poll `path` every 100 ms until its HTML contains `needle`; the time it took.

        The server holds requests while it rebuilds, so a GET can take the rest of a rebuild.
        """
        start = time.perf_counter()
        while True:
            if self.max_rss_mb and self.memory.peak_kb / 1024 > self.max_rss_mb:
                self.stop()
                raise SystemExit(
                    f"serve_refresh: mkdocs serve went over --max-rss-mb {self.max_rss_mb:.0f} MB "
                    f"({self.peak_mb:.0f} MB); stopped it:\n{self.log_tail()}"
                )
            if self.proc.poll() is not None:
                raise SystemExit(f"serve_refresh: mkdocs serve exited ({self.proc.returncode}):\n{self.log_tail()}")
            left = timeout - (time.perf_counter() - start)
            if left <= 0:
                raise SystemExit(f"serve_refresh: {path} did not show {needle!r} within {timeout:.0f} s:\n{self.log_tail()}")
            html = self.get(path, timeout=max(left, 1.0))
            if html is not None and needle in html:
                return time.perf_counter() - start
            time.sleep(POLL)

    @property
    def peak_mb(self) -> float:
        return self.memory.peak_kb / 1024

    def stop(self) -> None:
        """Ctrl+C, as a user stops it; kill only if it does not stop within 20 s."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._reader.join(timeout=5)
        self.memory.stop()


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def set_title(path: Path, title: str) -> None:
    """Replace the first top-level `title:` line of a journey or translation file."""
    text = path.read_text("utf-8")
    new, count = re.subn(r"^title: .*$", lambda _: f"title: {json.dumps(title, ensure_ascii=False)}", text, count=1, flags=re.MULTILINE)
    if count != 1:
        raise SystemExit(f"serve_refresh: no title line in {path}")
    path.write_text(new, "utf-8")


def pick_journey(root: Path, journey: str | None) -> Path:
    files = sorted(p for p in (root / "journeys").rglob("*.md") if p.name.count(".") == 1)
    if journey:
        files = [p for p in files if p.stem == journey]
        if not files:
            raise SystemExit(f"serve_refresh: no journey {journey!r} under {root / 'journeys'}")
    # A journey in the middle of the playbook, not the first file MkDocs happens to render.
    return files[len(files) // 2]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--journeys", "-n", type=int, default=500, help="playbook size (default 500)")
    parser.add_argument("--languages", nargs="+", default=generate.DEFAULT_LANGUAGES, help="default first (default: %(default)s)")
    parser.add_argument("--language", help="the translated page to check (default: the second language)")
    parser.add_argument("--journey", help="id of the journey to edit (default: one in the middle)")
    parser.add_argument("--out", type=Path, default=HERE / "out", help="where the playbook is generated (default: bench/out)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--dirty", action="store_true", help="pass --dirty to mkdocs serve (only rebuild changed files)")
    parser.add_argument("--serve-arg", action="append", default=[], metavar="FLAG", help="another flag for mkdocs serve (repeatable), e.g. --serve-arg=--clean")
    parser.add_argument("--plugin-rev", metavar="REV", help="serve with the plugin as committed at this git revision (see run.py)")
    parser.add_argument(
        "--max-rss-mb",
        type=float,
        default=8192,
        help="stop the server if its resident memory goes over this (default 8192 MB): a server "
        "that grows without bound would otherwise take the shared machine down with it",
    )
    parser.add_argument("--start-timeout", type=float, default=1800, help="seconds to wait for the first build (default 1800)")
    parser.add_argument("--timeout", type=float, default=600, help="seconds to wait for each edit to show (default 600)")
    args = parser.parse_args(argv)

    root = args.out / f"journeys-{args.journeys}"
    generate.ensure(root, "journeys", args.journeys, args.languages, args.seed)
    source = pick_journey(root, args.journey)
    journey_id = source.stem
    checks = [(source, f"journeys/{journey_id}/", args.languages[0])]
    language = args.language or (args.languages[1] if len(args.languages) > 1 else None)
    if language:
        if language not in args.languages[1:]:
            parser.error(f"--language must be one of {args.languages[1:]}")
        checks.append((source.with_name(f"{journey_id}.{language}.md"), f"{language}/journeys/{journey_id}/", language))
    originals = {path: path.read_bytes() for path, _, _ in checks}

    flags = (["--dirty"] if args.dirty else []) + args.serve_arg
    version, pythonpath = run.plugin_version(), None
    if args.plugin_rev:
        pythonpath, version = run.plugin_snapshot(args.plugin_rev, args.out)
    print(f"# plugin {version}", file=sys.stderr, flush=True)
    server = Server(root, flags, pythonpath)
    server.max_rss_mb = args.max_rss_mb
    results = []
    try:
        page = checks[0][1]
        first = server.wait_for(page, "<html", args.start_timeout)
        print(f"# {' '.join(server.command[1:])}", file=sys.stderr)
        print(f"first build served {page} after {first:.1f} s; server memory {server.peak_mb:.0f} MB", flush=True)
        for number, (path, page, lang) in enumerate(checks, 1):
            time.sleep(1.0)  # let the watcher settle after the previous build
            marker = f"Edited {os.getpid()}x{number}"
            title = f"{generate.text_for(lang).phrase(random.Random(number), 20, 30)} {marker}"
            written = time.perf_counter()
            set_title(path, title)
            seconds = server.wait_for(page, marker, args.timeout)
            builds = server.builds_after(written)
            deadline = time.perf_counter() + 3
            while not builds and time.perf_counter() < deadline:  # the log line may trail the page
                time.sleep(POLL)
                builds = server.builds_after(written)
            built = f", rebuild logged {builds[0][1]:.1f} s" if builds else ""
            results.append(
                {
                    "language": lang,
                    "page": page,
                    "seconds": round(seconds, 3),
                    "rebuild": builds[0][1] if builds else None,
                    "server_peak_mb": round(server.peak_mb),
                }
            )
            print(
                f"edit {path.name}: {lang} page {page} shows the new title after {seconds:.2f} s{built}; "
                f"server memory peak so far {server.peak_mb:.0f} MB",
                flush=True,
            )
    finally:
        server.stop()
        for path, data in originals.items():
            path.write_bytes(data)
    summary = {"plugin": version, "journeys": args.journeys, "languages": len(args.languages), "flags": flags, "results": results}
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
