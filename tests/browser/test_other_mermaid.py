"""Sites that bring their own Mermaid: the `mermaid_js` option, and mkdocs-mermaid2-plugin."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import GOOD_B2B, GOOD_B2C, MKDOCS_YML, mkdocs_build, write_site

VENDORED = Path(__file__).resolve().parents[2] / "plugin" / "mkdocs_journeys" / "assets" / "mermaid"
HANDWRITTEN = """\
# Hand-written

```mermaid
journey
  title Written by hand
  section Order
    Pick a plan: 4: Me
```
"""
JOURNEYS = {"saas.md": GOOD_B2B, "shop.md": GOOD_B2C}


def _states(probe) -> list[str]:
    return probe.page.evaluate("() => [...document.querySelectorAll('.journeys-diagram')].map(d => d.dataset.state)")


@pytest.fixture(scope="module")
def own_mermaid_site(tmp_path_factory, serve_dir) -> str:
    """`mermaid_js` pointing at a Mermaid copy the site keeps in docs/vendor/."""
    root = tmp_path_factory.mktemp("own-mermaid")
    yml = MKDOCS_YML.replace("  - journeys\n", "  - journeys:\n      mermaid_js: vendor/mermaid/mermaid.esm.min.mjs\n")
    write_site(root, JOURNEYS, yml)
    shutil.copytree(VENDORED, root / "docs" / "vendor" / "mermaid")
    result = mkdocs_build(root, "--strict")
    assert result.returncode == 0, result.log
    assert not (result.site / "assets/journeys/mermaid").exists()  # the bundled copy is not shipped
    return serve_dir(result.site)


def test_mermaid_js_option_loads_that_file_instead_of_the_bundled_one(own_mermaid_site, offline_page):
    probe = offline_page(own_mermaid_site + "journeys/saas/").open_rendered()
    assert _states(probe) == ["rendered"]
    assert probe.paths_under("/vendor/mermaid/") and not probe.paths_under("/assets/journeys/mermaid/")
    assert probe.blocked == [] and probe.console_errors == [] and probe.page_errors == []


def test_mermaid_js_option_naming_a_missing_file_warns(tmp_path):
    yml = MKDOCS_YML.replace("  - journeys\n", "  - journeys:\n      mermaid_js: js/nowhere.mjs\n")
    write_site(tmp_path, JOURNEYS, yml)
    result = mkdocs_build(tmp_path, "--strict")
    assert result.returncode != 0
    assert "mermaid_js: js/nowhere.mjs is not a file of the site; put it in docs/ (docs/js/nowhere.mjs)" in result.log


@pytest.fixture(scope="module")
def mermaid2_site(tmp_path_factory, serve_dir) -> str:
    """A site that draws its own diagrams with mkdocs-mermaid2-plugin, from a local Mermaid."""
    root = tmp_path_factory.mktemp("mermaid2")
    yml = MKDOCS_YML + "  - mermaid2:\n      javascript: js/mermaid.esm.min.mjs\n"
    write_site(root, JOURNEYS, yml, docs={"index.md": HANDWRITTEN, "team/page.md": HANDWRITTEN})
    shutil.copytree(VENDORED, root / "docs" / "js")
    result = mkdocs_build(root, "--strict")
    assert result.returncode == 0, result.log
    return serve_dir(result.site)


@pytest.mark.parametrize("path", ["", "team/page/"])
def test_mermaid2_draws_hand_written_diagrams_offline(mermaid2_site, offline_page, path):
    # The top page is the case mermaid2 gets wrong by itself (a bare "js/..." module path).
    probe = offline_page(mermaid2_site + path)
    probe.page.goto(mermaid2_site + path)
    # Mermaid may put a measuring <svg> in place before the drawing: wait for the drawn text.
    probe.page.wait_for_function(
        "() => { const d = document.querySelector('.mermaid');"
        " return !!d && !!d.querySelector('svg') && d.textContent.includes('Pick a plan'); }",
        timeout=15_000,
    )
    assert probe.page.eval_on_selector(".mermaid svg", "svg => svg.getBoundingClientRect().width") > 50
    assert probe.blocked == [] and probe.console_errors == [] and probe.page_errors == []


def test_journey_pages_render_alongside_mermaid2(mermaid2_site, offline_page):
    probe = offline_page(mermaid2_site + "journeys/saas/").open_rendered()
    assert _states(probe) == ["rendered"]
    assert probe.page.locator(".journeys-curve__svg circle").count() >= 2
    assert probe.blocked == [] and probe.console_errors == [] and probe.page_errors == []
