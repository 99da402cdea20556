"""`mkdocs serve` picks up edits to journey files (they live outside docs_dir).

MkDocs only watches files with live reload on (its default), so the test keeps it on.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

from conftest import GOOD_B2B, GOOD_B2C, write_site


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(url: str, expected: str, timeout: float) -> str:
    """Poll until the page contains `expected`; return the page."""
    deadline = time.monotonic() + timeout
    page = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                page = response.read().decode("utf-8")
            if expected in page:
                return page
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    raise AssertionError(f"{url} did not show {expected!r} within {timeout} s")


def test_serve_rebuilds_when_a_journey_changes(tmp_path):
    write_site(tmp_path, {"saas.md": GOOD_B2B, "shop.md": GOOD_B2C})
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", "-f", str(tmp_path / "mkdocs.yml")],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    try:
        url = f"http://127.0.0.1:{port}/journeys/shop/"
        _wait_for(url, "Shop checkout", timeout=60)
        (tmp_path / "journeys" / "shop.md").write_text(GOOD_B2C.replace("title: Shop checkout", "title: Renamed checkout"), "utf-8")
        page = _wait_for(url, "Renamed checkout", timeout=30)
        assert "Shop checkout" not in page
        # A new journey file appears too.
        (tmp_path / "journeys" / "extra.md").write_text(GOOD_B2C.replace("title: Shop checkout", "title: Extra journey"), "utf-8")
        _wait_for(f"http://127.0.0.1:{port}/journeys/extra/", "Extra journey", timeout=30)
    finally:
        server.terminate()
        server.wait(timeout=10)
