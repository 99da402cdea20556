"""Real MkDocs builds of real sites in temporary folders, asserting on the HTML."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import GOOD_B2B, GOOD_B2C, MKDOCS_YML, ROOT, mkdocs_build, write_site

PAIR = {"saas.md": GOOD_B2B, "shop.md": GOOD_B2C}


def test_journey_pages_index_and_navigation(site):
    result = site(PAIR, "--strict")
    assert result.returncode == 0, result.log
    page = result.html("journeys/saas/index.html")
    assert '<div class="journeys-diagram" data-diagram="journey"' in page
    assert "section Awareness" in page and "Analyst report: 3: Chief Financial Officer" in page
    assert '<div class="journeys-table journeys-stakeholders"><table>' in page
    assert "journeys-matrix" in page and 'id="stage-purchase"' in page
    assert "<p>The committee decides slowly.</p>" in page
    assert '<script src="../../assets/journeys/journeys.js" type="module">' in page
    assert (result.site / "assets/journeys/journeys.js").is_file()
    index = result.html("journeys/index.html")
    assert 'href="saas/"' in index and 'href="shop/"' in index
    home = result.html("index.html")
    nav = re.findall(r'md-ellipsis">\s*([^<]+?)\s*<', home)
    assert nav.index("Journeys") < nav.index("B2B journeys") < nav.index("SaaS purchase") < nav.index("B2C journeys") < nav.index("Shop checkout")
    # Pages written after the journeys (their Markdown released by then) still name them.
    for later in ("catalog/gaps/index.html", "compare/saas-vs-shop/index.html"):
        assert {"SaaS purchase", "Shop checkout"} <= set(re.findall(r'md-ellipsis">\s*([^<]+?)\s*<', result.html(later))), later


def test_strict_build_fails_on_a_journey_error_with_file_line_and_field(site):
    result = site({**PAIR, "bad.md": GOOD_B2C.replace("segment: b2c", "segment: b2x")}, "--strict")
    assert result.returncode != 0
    assert "ERROR   -  journeys/bad.md:3: segment: expected one of b2b, b2c; got 'b2x'" in result.log


def test_non_strict_build_keeps_good_journeys_and_shows_the_error(site):
    result = site({**PAIR, "bad.md": GOOD_B2C.replace("segment: b2c", "segment: b2x")})
    assert result.returncode == 0, result.log
    assert "Analyst report" in result.html("journeys/saas/index.html")
    assert "Instagram reel" in result.html("journeys/shop/index.html")
    broken = result.html("journeys/bad/index.html")
    assert "This journey has errors" in broken and "journeys/bad.md:3" in broken
    assert "Journeys with errors" in result.html("journeys/index.html") or "bad" in result.html("journeys/index.html")


def test_drafts_are_not_in_the_build(site):
    draft = GOOD_B2C.replace("title: Shop checkout", "title: Secret draft\nstatus: draft")
    result = site({**PAIR, "draft.md": draft}, "--strict")
    assert result.returncode == 0, result.log
    assert not (result.site / "journeys/draft").exists()
    everything = "".join(p.read_text("utf-8", "replace") for p in result.site.rglob("*") if p.suffix in (".html", ".json", ".xml"))
    assert "Secret draft" not in everything and "journeys/draft" not in everything


def test_a_broken_draft_is_logged_but_not_published(site):
    broken_draft = GOOD_B2C.replace("title: Shop checkout", "title: Secret broken draft\nstatus: draft").replace("score: 4", "score: 9")
    result = site({**PAIR, "wip.md": broken_draft})
    assert result.returncode == 0, result.log
    assert "journeys/wip.md" in result.log and "score" in result.log  # the author still learns of it
    assert not (result.site / "journeys/wip").exists()
    everything = "".join(p.read_text("utf-8", "replace") for p in result.site.rglob("*") if p.suffix in (".html", ".json", ".xml"))
    assert "Secret broken draft" not in everything and "wip" not in everything


def test_drafts_can_be_included_by_option(site):
    draft = GOOD_B2C.replace("title: Shop checkout", "title: Secret draft\nstatus: draft")
    yml = MKDOCS_YML.replace("  - journeys\n", "  - journeys:\n      include_drafts: true\n      gap_level: info\n")
    result = site({"draft.md": draft}, "--strict", mkdocs_yml=yml)
    assert result.returncode == 0, result.log
    assert "Secret draft" in result.html("journeys/draft/index.html")


def test_a_docs_page_in_the_way_is_a_clear_error(site):
    result = site(PAIR, docs={"journeys/saas.md": "# Mine\n"})
    assert result.returncode != 0
    assert "docs/journeys/saas.md exists, but the journeys plugin generates that page" in result.log


def test_missing_journeys_folder_is_a_clear_error(tmp_path):
    write_site(tmp_path, {})
    (tmp_path / "journeys").rmdir()
    result = mkdocs_build(tmp_path)
    assert result.returncode != 0 and "the journeys folder" in result.log and "does not exist" in result.log


def test_hostile_names_reach_the_site_as_text(site):
    evil = GOOD_B2C.replace("name: Shopper", "name: '<img src=x onerror=alert(1)>'").replace("title: Shop checkout", "title: '</title><script>alert(2)</script>'")
    result = site({"saas.md": GOOD_B2B, "shop.md": evil}, "--strict")
    assert result.returncode == 0, result.log
    pages = ["journeys/shop/index.html", "journeys/index.html", "index.html", "compare/saas-vs-shop/index.html", "catalog/roles/index.html"]
    for page in pages:
        html = result.html(page)
        assert "<img src=x" not in html and "<script>alert" not in html, page


def test_the_core_does_not_import_mkdocs():
    code = (
        "import sys, mkdocs_journeys.core.site, mkdocs_journeys.core.playbook;"
        "bad = sorted(m for m in sys.modules if m == 'mkdocs' or m.startswith('mkdocs.'));"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    proc = subprocess.run([sys.executable, "-c", code], check=False, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def _digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_builds_are_byte_identical(tmp_path):
    env = {"SOURCE_DATE_EPOCH": "1790000000"}
    write_site(tmp_path / "a", PAIR)
    write_site(tmp_path / "b", dict(reversed(list(PAIR.items()))))  # other creation order on disk
    first, second = mkdocs_build(tmp_path / "a", env=env), mkdocs_build(tmp_path / "b", env={**env, "LC_ALL": "C", "TZ": "Asia/Tehran"})
    assert first.returncode == second.returncode == 0
    a, b = _digest(first.site), _digest(second.site)
    assert a.keys() == b.keys()
    assert [name for name in a if a[name] != b[name]] == []
    search = json.loads((first.site / "search/search_index.json").read_text())
    assert any("Analyst report" in doc["text"] for doc in search["docs"])


def test_html_fast_path_gives_the_same_html_as_markdown_parsing_it():
    """The generated pages' HTML blocks skip Markdown's HTML parser: same output, line breaks aside."""
    import re

    import markdown

    from mkdocs_journeys.core.playbook import load_playbook
    from mkdocs_journeys.core.site import build_site_pages
    from mkdocs_journeys.html_stash import GeneratedHtmlExtension

    playbook, translations = load_playbook(ROOT / "journeys", ROOT)
    pages = []
    for language in ("en", "fa"):
        pages += build_site_pages(playbook, translations, language=language, languages=["en", "fa"]).pages
    assert len(pages) > 20
    kinds = set()
    for page in pages:
        body = page.markdown.split("---\n", 2)[2]
        fast = GeneratedHtmlExtension()
        fast.active = True
        extensions = ["tables", "toc", "attr_list", "admonition", "fenced_code"]
        slow_html = markdown.Markdown(extensions=extensions).convert(body)
        fast_html = markdown.Markdown(extensions=[*extensions, fast]).convert(body)
        # Markdown's HTML parser puts a line break between adjacent block elements; nothing else differs.
        assert re.sub(r">\s+<", "><", fast_html) == re.sub(r">\s+<", "><", slow_html), page.src
        kinds.add(page.kind)
    assert {"journey", "compare", "index", "catalog"} <= kinds


def test_search_index_has_the_words_but_not_the_drawings(site):
    result = site(PAIR, "--strict")
    assert result.returncode == 0, result.log
    page = result.html("journeys/saas/index.html")
    # The reader's page keeps both drawings (they are only set aside while the page is indexed).
    assert '<svg class="journeys-curve__svg"' in page and '<pre class="journeys-diagram__source">journey' in page
    assert "journeys-drawing" not in page
    index = (result.site / "search/search_index.json").read_text("utf-8")
    assert "Analyst report" in index and "Chief Financial Officer" in index
    assert "journey\\n  title" not in index and "journeys-curve__svg" not in index and "<svg" not in index
    # Repeated content (engagement matrix, catalog tables, comparison grids) stays out, titles stay in.
    assert "Touchpoints per stakeholder and stage" in page
    assert "Touchpoints per stakeholder and stage" not in index and "journeys-noindex" not in index
    assert '"title":"Stakeholders by role"' in index.replace(": ", ":")


@pytest.mark.parametrize("detail", ["full", "summary"])
def test_search_detail_decides_whether_stage_lists_are_indexed(site, detail):
    yml = MKDOCS_YML.replace("  - journeys\n", f"  - journeys:\n      search_detail: {detail}\n")
    result = site(PAIR, "--strict", mkdocs_yml=yml)
    assert result.returncode == 0, result.log
    page = result.html("journeys/saas/index.html")
    docs = json.loads((result.site / "search/search_index.json").read_text("utf-8"))["docs"]
    index = " ".join(d["text"] for d in docs if d["location"].startswith("journeys/saas/"))
    assert "Too many vendors look alike" in page and "Win/loss interviews" in page  # always on the page
    assert "Analyst report" in index  # touchpoints are always searchable
    assert ("Too many vendors look alike" in index) == (detail == "full")
    assert ("Win/loss interviews" in index) == (detail == "full")
