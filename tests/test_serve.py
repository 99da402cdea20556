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


def test_serve_dirty_with_serve_languages_rebuilds_only_what_changed(tmp_path):
    from test_languages import I18N_YML, SAAS_RU

    yml = I18N_YML.replace("  - journeys:\n", "  - journeys:\n      serve_languages: [ru]\n")
    write_site(tmp_path, {"saas.md": GOOD_B2B, "saas.ru.md": SAAS_RU, "shop.md": GOOD_B2C}, yml)
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}", "-f", str(tmp_path / "mkdocs.yml")],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    try:
        base = f"http://127.0.0.1:{port}/"
        _wait_for(base + "ru/journeys/saas/", "Покупка SaaS", timeout=60)
        _wait_for(base + "journeys/saas/", "SaaS purchase", timeout=10)  # the default language is always built
        try:
            urllib.request.urlopen(base + "fa/journeys/saas/", timeout=5)
            raise AssertionError("fa is not in serve_languages, yet it was built")
        except urllib.error.HTTPError as error:
            assert error.code == 404
        (tmp_path / "journeys" / "saas.ru.md").write_text(SAAS_RU.replace("Покупка SaaS", "Покупка облачного сервиса"), "utf-8")
        _wait_for(base + "ru/journeys/saas/", "Покупка облачного сервиса", timeout=30)
    finally:
        server.terminate()
        log, _ = server.communicate(timeout=10)
    # The rebuild after the edit skipped the pages whose content did not change.
    assert log.count("Documentation built in") >= 2, log


def test_generated_page_counts_as_modified_only_when_its_content_changed(tmp_path):
    from mkdocs.config.defaults import MkDocsConfig

    from mkdocs_journeys.plugin import GeneratedFile

    (tmp_path / "docs").mkdir()
    config = MkDocsConfig(config_file_path=str(tmp_path / "mkdocs.yml"))
    config.load_dict({"site_name": "x", "docs_dir": str(tmp_path / "docs"), "site_dir": str(tmp_path / "site")})
    assert config.validate() == ([], [])
    config.plugins._current_plugin = "journeys"  # as while MkDocs runs the plugin's on_files
    first = GeneratedFile.of(config, "journeys/a.md", "# A\n", "ru/")
    assert first.dest_uri == "ru/journeys/a/index.html" and first.is_modified()
    (tmp_path / "site/ru/journeys/a").mkdir(parents=True)
    (tmp_path / "site/ru/journeys/a/index.html").write_text("built", "utf-8")
    first.mark_built()
    assert not GeneratedFile.of(config, "journeys/a.md", "# A\n", "ru/").is_modified()
    assert GeneratedFile.of(config, "journeys/a.md", "# A, edited\n", "ru/").is_modified()
