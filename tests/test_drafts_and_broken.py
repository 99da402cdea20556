"""Real builds: drafts leave no trace anywhere in the output, and broken journeys take nothing down.

- A draft journey, paired with a published one (declared on both sides) and translated, appears
  nowhere in `site/` (pages, navigation, search index, sitemap, catalogs, comparisons, assets)
  nor in `journeys export`; the same site with `include_drafts` shows it, so the search can fail.
- A non-strict build with broken journeys among good ones (the whole nasty corpus) builds every
  good journey completely, names each broken file with its line and field in the build log, and
  lists each on the review page; `max_file_bytes` set in mkdocs.yml is the size limit.
"""

from __future__ import annotations

import gzip
import html
import json
import re
from pathlib import Path

import pytest

from conftest import (
    GOOD_B2B,
    GOOD_B2C,
    MKDOCS_YML,
    i18n_yml,
    journeys_cli,
    mkdocs_build,
    write_site,
)
from test_nasty_corpus import CASES, FILES, VALID, Error

I18N_YML = i18n_yml("en", "ru", "fa")

# Every string below belongs to the draft alone.
SECRETS = (
    "secret-draft",
    "Secret draft title ZQX",
    "Hidden touchpoint QJX",
    "Hidden stakeholder WVK",
    "Тайный черновик ЖЩЭ",
    "پیش‌نویس پنهان ثخص",
    "Hidden stage XQV",
)

DRAFT = (
    GOOD_B2B.replace("title: SaaS purchase", "title: Secret draft title ZQX\nstatus: draft")
    .replace("name: Analyst report", "name: Hidden touchpoint QJX")
    .replace("name: Chief Financial Officer", "name: Hidden stakeholder WVK")
    .replace("    name: Awareness\n", "    name: Hidden stage XQV\n")
    .replace("The committee decides slowly.", "A narrative nobody may read yet.")
)
DRAFT_RU = """\
---
title: Тайный черновик ЖЩЭ
stages:
  - id: awareness
    name: Скрытый этап
---
Черновик.
"""
DRAFT_FA = DRAFT_RU.replace("Тайный черновик ЖЩЭ", "پیش‌نویس پنهان ثخص")
# The published B2C journey names the draft as a second counterpart; the draft names it back.
SHOP = GOOD_B2C.replace(
    "reviewed: 2026-11-01", "reviewed: 2026-11-01\ncompare_with: [saas, secret-draft]"
)
FILES_WITH_DRAFT = {
    "saas.md": GOOD_B2B,
    "shop.md": SHOP,
    "secret-draft.md": DRAFT,
    "secret-draft.ru.md": DRAFT_RU,
    "secret-draft.fa.md": DRAFT_FA,
}


def site_text(site: Path) -> dict[str, str]:
    """Every file of the built site as text (gzipped files unpacked), by path."""
    out = {}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        text = data.decode("utf-8", "replace")
        out[path.relative_to(site).as_posix()] = text + "\n" + html.unescape(text)
    return out


def traces(texts: dict[str, str]) -> list[tuple[str, str]]:
    return [(name, secret) for name, text in texts.items() for secret in SECRETS if secret in text]


@pytest.fixture(scope="module")
def draft_site(tmp_path_factory):
    root = write_site(tmp_path_factory.mktemp("drafts"), FILES_WITH_DRAFT, I18N_YML)
    result = mkdocs_build(root, "--strict")
    assert result.returncode == 0, result.log
    return root, result


def test_a_draft_leaves_no_trace_in_the_built_site(draft_site):
    _, result = draft_site
    texts = site_text(result.site)
    assert {
        "sitemap.xml",
        "sitemap.xml.gz",
        "search/search_index.json",
        "journeys/index.html",
        "ru/journeys/index.html",
    } <= set(texts)
    assert (
        "compare/saas-vs-shop/index.html" in texts and "fa/catalog/translations/index.html" in texts
    )
    assert traces(texts) == []
    assert not any("draft" in name for name in texts), [name for name in texts if "draft" in name]
    assert not any(secret in result.log for secret in SECRETS[1:]), (
        result.log
    )  # nothing about it in the log either


def test_the_published_counterpart_of_a_draft_is_built_without_it(draft_site):
    _, result = draft_site
    shop = result.html("journeys/shop/index.html")
    assert "Instagram reel" in shop and 'data-diagram="journey"' in shop
    assert "saas-vs-shop" in shop and "Secret" not in shop
    assert not (result.site / "compare" / "secret-draft-vs-shop").exists()


def test_the_same_site_with_drafts_included_shows_them(tmp_path):
    yml = I18N_YML.replace("  - journeys\n", "  - journeys:\n      include_drafts: true\n")
    root = write_site(tmp_path, FILES_WITH_DRAFT, yml)
    result = mkdocs_build(root, "--strict")
    assert result.returncode == 0, result.log
    found = {secret for _, secret in traces(site_text(result.site))}
    assert found == set(SECRETS), found  # every secret is findable, so the check above can fail


def export(root: Path, *args: str) -> str:
    result = journeys_cli("export", *args, cwd=root)
    assert result.returncode == 0, result.stderr
    return result.stdout + result.stderr


def test_export_leaves_drafts_out_but_includes_them_on_request(draft_site):
    root, _ = draft_site
    for args in (
        ("--format", "csv"),
        ("--format", "csv", "--lang", "ru"),
        ("--format", "json", "--lang", "fa"),
    ):
        output = export(root, *args)
        assert "Shop checkout" in output or "shop" in output
        # The JSON's `compare_with` still names the draft's id: see the xfail test below.
        secrets = SECRETS[1:] if "json" in args else SECRETS
        assert [s for s in secrets if s in output] == [], args
    included = export(root, "--format", "json", "--include-drafts", "--lang", "ru")
    assert "Тайный черновик ЖЩЭ" in included and "Hidden touchpoint QJX" in included


def test_json_export_does_not_name_a_draft_counterpart(draft_site):
    root, _ = draft_site
    output = export(root, "--format", "json")
    shop = next(j for j in json.loads(output)["journeys"] if j["id"] == "shop")
    assert shop["compare_with"] == ["saas"]
    assert "secret-draft" not in output


# Broken journeys among good ones --------------------------------------------------------------



@pytest.fixture(scope="module")
def corpus_site(tmp_path_factory):
    files: dict[str, str | bytes] = {"saas.md": GOOD_B2B, "shop.md": GOOD_B2C, **FILES}
    root = write_site(tmp_path_factory.mktemp("corpus"), files, MKDOCS_YML)
    result = mkdocs_build(root)
    assert result.returncode == 0, result.log
    assert "Traceback" not in result.log
    return result


GOOD = ("saas", "shop")


@pytest.mark.parametrize("journey", GOOD)
def test_good_journeys_are_complete_next_to_broken_ones(corpus_site, journey):
    page = corpus_site.html(f"journeys/{journey}/index.html")
    assert "This journey has errors" not in page
    assert page.count('<div class="journeys-diagram" data-diagram="journey"') == 1
    assert (
        "Analyst report: 3: Chief Financial Officer" in page or "Instagram reel: 4: Shopper" in page
    )
    assert '<div class="journeys-table journeys-stakeholders"><table>' in page
    assert (
        "journeys-matrix" in page
        and 'id="stage-awareness"' in page
        and 'id="stage-purchase"' in page
    )
    assert (
        "<p>The committee decides slowly.</p>" in page or "<p>One person, one evening.</p>" in page
    )
    assert "journeys-touchpoints" in page and "journeys-curve" in page
    comparison = corpus_site.html("compare/saas-vs-shop/index.html")
    assert "Analyst report" in comparison and "Instagram reel" in comparison


BROKEN = sorted(
    name
    for name, expected in CASES.items()
    if isinstance(expected, Error) and expected.max_bytes is None
)


def test_the_build_log_names_every_broken_file_with_line_and_field(corpus_site):
    errors = [line for line in corpus_site.log.splitlines() if line.startswith("ERROR")]
    for name in BROKEN:
        expected = CASES[name]
        location = f"journeys/{name}:{expected.line}: " if expected.line else f"journeys/{name}: "
        field = f"{expected.field}: " if expected.field else ""
        assert any(
            line.startswith(f"ERROR   -  {location}{field}") and expected.message in line
            for line in errors
        ), name
    named = {re.match(r"ERROR   -  journeys/([^:]+):", line).group(1) for line in errors}
    assert named == set(BROKEN), named ^ set(BROKEN)  # and no good file is named


def test_the_review_page_lists_every_broken_file(corpus_site):
    review = corpus_site.html("catalog/review/index.html")
    listed = html.unescape(review.split('class="journeys-broken"', 1)[1])
    for name in BROKEN:
        expected = CASES[name]
        assert f"journeys/{name}" in listed, name
        assert (
            html.unescape(html.escape(expected.message)) in listed or expected.message in listed
        ), name
    index = html.unescape(corpus_site.html("journeys/index.html"))
    assert all(f"journeys/{name}" in index for name in BROKEN)
    assert not any(f"journeys/{name}.md</code>" in listed for name in ("saas", "shop"))


def test_every_broken_file_has_an_error_page(corpus_site):
    for name in BROKEN:
        pages = [
            p
            for p in (corpus_site.site / "journeys").glob("*/index.html")
            if f"journeys/{name}" in html.unescape(p.read_text("utf-8"))
        ]
        assert any("This journey has errors" in p.read_text("utf-8") for p in pages), name


def test_valid_corpus_files_are_built_as_journeys(corpus_site):
    for name in (n for n, e in CASES.items() if e == VALID):
        page = corpus_site.html(f"journeys/{name[:-3]}/index.html")
        assert "This journey has errors" not in page, name


def test_max_file_bytes_in_mkdocs_yml_is_the_limit(tmp_path):
    yml = MKDOCS_YML.replace("  - journeys\n", "  - journeys:\n      max_file_bytes: 2048\n")
    root = write_site(
        tmp_path,
        {"saas.md": GOOD_B2B, "shop.md": GOOD_B2C, "big.md": FILES["over-size-limit.md"]},
        yml,
    )
    result = mkdocs_build(root)
    assert result.returncode == 0, result.log
    assert (
        "ERROR   -  journeys/big.md: the file is 3,000 bytes, over the limit of 2,048 bytes"
        in result.log
    )
    assert "over the limit of 2,048 bytes" in result.html("journeys/big/index.html")
    assert "Analyst report" in result.html("journeys/saas/index.html")
    strict = mkdocs_build(root, "--strict")
    assert strict.returncode != 0
