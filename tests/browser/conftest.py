"""Browser test fixtures (Playwright's sync API with Debian's Chromium).

Generic on purpose: they serve any directory (a tmp page, a built MkDocs
site) over http on 127.0.0.1 and open pages that may not reach any other
origin.

* ``browser`` (session): Chromium from /usr/bin/chromium; the tests using it
  are skipped when that binary is missing.
* ``serve_dir`` (session): ``serve_dir(path) -> "http://127.0.0.1:PORT/"``,
  a static server for ``path`` (``.mjs`` served as ``text/javascript``),
  stopped at the end of the session.
* ``offline_page`` (function): ``offline_page(base_url, width=1280,
  height=800) -> PageProbe``, a page in a fresh browser context (empty cache)
  where every request to an origin other than ``base_url``'s is aborted and
  recorded; it also records console errors, uncaught exceptions, dialogs
  (which it dismisses) and responses.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar
from urllib.parse import urlsplit

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"browser tests need Chromium at {CHROMIUM} (Debian package 'chromium')")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map: ClassVar[dict[str, str]] = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".css": "text/css",
        ".svg": "image/svg+xml",
        ".json": "application/json",
        ".html": "text/html; charset=utf-8",
        ".woff2": "font/woff2",
    }

    def log_message(self, format, *args):
        pass

    def end_headers(self):
        # Every context starts with an empty cache; this keeps reloads honest too.
        self.send_header("Cache-Control", "no-store")
        super().end_headers()


@pytest.fixture(scope="session")
def serve_dir() -> Iterator[Callable[[os.PathLike | str], str]]:
    servers: list[http.server.ThreadingHTTPServer] = []

    def serve(path: os.PathLike | str) -> str:
        root = Path(path)
        if not root.is_dir():
            raise FileNotFoundError(f"serve_dir: {root} is not a directory")
        handler = functools.partial(_QuietHandler, directory=str(root))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, name=f"serve {root}", daemon=True).start()
        servers.append(server)
        host, port = server.server_address[:2]
        return f"http://{host}:{port}/"

    yield serve
    for server in servers:
        server.shutdown()
        server.server_close()


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@dataclass
class PageProbe:
    """A page plus what happened on it."""

    page: object
    base_url: str
    blocked: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    responses: list[object] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def responses_under(self, fragment: str) -> list:
        return [r for r in self.responses if fragment in urlsplit(r.url).path]

    def body_bytes_under(self, fragment: str) -> int:
        """Sum of the (decoded) response body sizes of requests whose path contains fragment."""
        return sum(len(r.body()) for r in self.responses_under(fragment) if r.status < 300)

    def paths_under(self, fragment: str) -> set[str]:
        return {urlsplit(r.url).path for r in self.responses_under(fragment)}

    def open_rendered(self) -> PageProbe:
        """Go to the page and wait until journeys.js has drawn (or given up on) every diagram."""
        self.page.goto(self.base_url)
        self.page.wait_for_function("window.journeysDiagrams !== undefined")
        self.page.evaluate("window.journeysDiagrams.ready")
        return self


@pytest.fixture
def offline_page(browser) -> Iterator[Callable[..., PageProbe]]:
    contexts = []

    def open_page(base_url: str, width: int = 1280, height: int = 800) -> PageProbe:
        origin = _origin(base_url)
        context = browser.new_context(
            viewport={"width": width, "height": height},
            service_workers="block",
        )
        contexts.append(context)
        page = context.new_page()
        probe = PageProbe(page=page, base_url=base_url)

        def route(route_obj):
            url = route_obj.request.url
            if url.startswith(("data:", "blob:", "about:")) or _origin(url) == origin:
                route_obj.continue_()
            else:
                probe.blocked.append(url)
                route_obj.abort("blockedbyclient")

        context.route("**/*", route)

        def on_console(msg):
            if msg.type == "error":
                probe.console_errors.append(f"{msg.text} ({msg.location.get('url', '')})")

        def on_dialog(dialog):
            probe.dialogs.append(f"{dialog.type}: {dialog.message}")
            dialog.dismiss()

        page.on("console", on_console)
        page.on("pageerror", lambda exc: probe.page_errors.append(str(exc)))
        page.on("dialog", on_dialog)
        page.on("response", lambda response: probe.responses.append(response))
        page.on("requestfailed", lambda req: probe.failed.append(f"{req.url} {req.failure}"))
        return probe

    yield open_page
    for context in contexts:
        context.close()
