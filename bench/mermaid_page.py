"""What a reader's browser does for one journey page: Mermaid bytes, time to diagram, font size.

Builds the reference playbook (or uses `--site DIR`), serves it on 127.0.0.1, opens journey
pages in Debian's Chromium with every request to another origin aborted, and prints for each:
the bytes of Mermaid JavaScript transferred (response bodies under assets/journeys/mermaid/),
how many files, the time from navigation start until every diagram of the page is drawn
(`window.journeysDiagrams.ready`), and the smallest diagram text in CSS pixels at a 1280 px
window. Each page is opened `--repeat` times in a fresh browser context (empty cache); the
median is printed.

    .venv/bin/python bench/mermaid_page.py
    .venv/bin/python bench/mermaid_page.py --pages journeys/saas-procurement/ fa/compare/industrial-equipment-vs-fashion-checkout/
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import ClassVar

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
DEFAULT_PAGES = [
    "journeys/saas-procurement/",
    "fa/journeys/industrial-equipment/",
    "ka/journeys/fashion-checkout/",
    "compare/saas-procurement-vs-streaming-subscription/",
]

SMALLEST_FONT = """() => Math.min(...[...document.querySelectorAll('.journeys-diagram svg, svg.journeys-curve__svg')].flatMap(svg => {
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width || 1;
    return [...svg.querySelectorAll('text, span, div')].filter(e => e.textContent.trim())
        .map(e => parseFloat(getComputedStyle(e).fontSize) * scale);
}))"""


class _Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map: ClassVar[dict[str, str]] = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".mjs": "text/javascript", ".js": "text/javascript"}

    def log_message(self, *args: object) -> None:
        pass


def build_reference(site: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(ROOT / "mkdocs.yml"), "-d", str(site)], check=True, env=env)


def measure(browser: object, url: str, origin: str) -> dict[str, float]:
    context = browser.new_context(viewport={"width": 1280, "height": 800}, service_workers="block")  # type: ignore[attr-defined]
    blocked: list[str] = []
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(origin) else (blocked.append(route.request.url), route.abort())[1])
    page = context.new_page()
    responses: list[object] = []
    page.on("response", lambda response: responses.append(response))
    page.goto(url)
    page.wait_for_function("window.journeysDiagrams !== undefined")
    drawn_at = page.evaluate("window.journeysDiagrams.ready.then(() => performance.now())")
    mermaid = [r for r in responses if "/assets/journeys/mermaid/" in r.url and r.status == 200]  # type: ignore[attr-defined]
    result = {
        "bytes": float(sum(len(r.body()) for r in mermaid)),  # type: ignore[attr-defined]
        "files": float(len(mermaid)),
        "ms": float(drawn_at),
        "font": float(page.evaluate(SMALLEST_FONT)),
        "blocked": float(len(blocked)),
    }
    context.close()
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, help="an already built site (default: build the reference playbook)")
    parser.add_argument("--pages", nargs="+", default=DEFAULT_PAGES)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        site = args.site or Path(tmp) / "site"
        if args.site is None:
            build_reference(site)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        origin = f"http://127.0.0.1:{server.server_address[1]}/"
        print("| page | Mermaid JS bytes | files | diagram drawn after (ms) | smallest diagram font (px) | outside requests |")
        print("| --- | ---: | ---: | ---: | ---: | ---: |")
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            for path in args.pages:
                runs = [measure(browser, origin + path, origin) for _ in range(args.repeat)]
                median = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
                print(
                    f"| {path} | {median['bytes']:,.0f} | {median['files']:.0f} | {median['ms']:.0f} "
                    f"| {median['font']:.1f} | {median['blocked']:.0f} |"
                )
            browser.close()
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
