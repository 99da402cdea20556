"""Comparison pages, catalogs and gap analysis in real builds."""

from __future__ import annotations

import re

from conftest import GOOD_B2B, GOOD_B2C, MKDOCS_YML

PAIR = {"saas.md": GOOD_B2B, "shop.md": GOOD_B2C}


def text(html: str) -> str:
    """The visible words of the page's article (without navigation)."""
    article = html.split('<article', 1)[-1].split("</article>", 1)[0]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", "<" + article))


def test_comparison_page_sets_both_journeys_side_by_side(site):
    result = site(PAIR, "--strict")
    assert result.returncode == 0, result.log
    page = result.html("compare/saas-vs-shop/index.html")
    words = text(page)
    assert "Users and buyers" in words and "Used by Support agent; bought by Chief Financial Officer." in words
    assert "The same person uses and buys." in words
    assert "3-9 months" in words and "Not stated" in words  # B2C has no sales cycle
    assert page.count('data-diagram="journey"') == 2 and page.count('class="journeys-curve__svg"') == 2
    assert 'href="../../journeys/saas/"' in page and 'href="../../journeys/shop/"' in page
    assert 'href="../../compare/saas-vs-shop/"' in result.html("journeys/saas/index.html")
    assert 'href="../../compare/saas-vs-shop/"' in result.html("journeys/shop/index.html")
    assert 'href="saas-vs-shop/"' in result.html("compare/index.html")


def test_stages_align_by_id_or_compare_as_and_one_sided_stages_show(site):
    b2c = GOOD_B2C.replace("  - id: awareness\n    name: Awareness", "  - id: discovery\n    compare_as: awareness\n    name: Discovery")
    b2c = b2c.replace("  - id: purchase\n", "  - id: unboxing\n    name: Unboxing\n    touchpoints:\n      - {name: Parcel, score: 5}\n  - id: purchase\n")
    result = site({"saas.md": GOOD_B2B, "shop.md": b2c}, "--strict")
    assert result.returncode == 0, result.log
    table = result.html("compare/saas-vs-shop/index.html").split("journeys-compare-stages")[1].split("</table>")[0]
    rows = [text(row) for row in table.split("<tr>")[2:]]
    assert "Awareness" in rows[0] and "Discovery" in rows[0]
    assert "Only in the B2C journey" in rows[1] and "Unboxing" in rows[1]
    assert "Purchase" in rows[2] and "Checkout" in rows[2]


def test_gaps_are_warnings_on_a_page_and_errors_when_configured(site):
    lonely = GOOD_B2B.replace("compare_with: shop\n", "").replace("    touchpoints:\n      - name: Trial", "    pains: [x]\n  - id: renewal\n    name: Renewal\n    touchpoints:\n      - name: Trial")
    lonely = lonely.replace("  - id: agent\n", "  - id: legal\n    name: Legal counsel\n    role: gatekeeper\n  - id: agent\n")
    result = site({"saas.md": lonely})
    assert result.returncode == 0, result.log
    warnings = [line for line in result.log.splitlines() if line.startswith("WARNING")]
    assert any("journeys/saas.md:" in w and "Legal counsel is declared but takes part in no touchpoint" in w for w in warnings), warnings
    assert any("The stage Purchase has no touchpoint." in w for w in warnings), warnings
    assert not any("counterpart" in w for w in warnings), warnings  # listed, never logged
    page = text(result.html("catalog/gaps/index.html"))
    assert "no counterpart in the other segment" in page
    assert "Legal counsel is declared but takes part in no touchpoint" in page and "The stage Purchase has no touchpoint." in page
    strict = site({"saas.md": lonely}, "--strict")
    assert strict.returncode != 0
    as_errors = site({"saas.md": lonely}, mkdocs_yml=MKDOCS_YML.replace("  - journeys\n", "  - journeys:\n      gap_level: error\n"))
    assert "ERROR   -  journeys/saas.md" in as_errors.log


def test_high_influence_stakeholder_first_met_at_purchase_is_a_gap(site):
    late = GOOD_B2B.replace("        actors: [cfo]\n", "        actors: [agent]\n")
    result = site({"saas.md": late, "shop.md": GOOD_B2C})
    assert "Chief Financial Officer has high influence but no touchpoint before the purchase stage (Purchase)." in result.log


def test_catalogs_list_roles_channels_and_overdue_reviews(site):
    old = GOOD_B2C.replace("reviewed: 2026-11-01", "reviewed: 2020-01-01\nowner: Web team")
    result = site({"saas.md": GOOD_B2B, "shop.md": old}, "--strict", env={"SOURCE_DATE_EPOCH": "1796000000"})
    assert result.returncode == 0, result.log
    roles = text(result.html("catalog/roles/index.html"))
    assert re.search(r"Economic buyer Stakeholder Journey .* Chief Financial Officer SaaS purchase B2B High Awareness, Purchase", roles), roles
    channels = text(result.html("catalog/channels/index.html"))
    assert "Social media" in channels and "Instagram reel" in channels and "In the product" in channels
    review = text(result.html("catalog/review/index.html"))
    assert "Shop checkout Web team" in review and "SaaS purchase" not in review
    index = result.html("journeys/index.html")
    assert "B2B journeys" in index and "B2C journeys" in index and 'class="journeys-tag">saas' in index
    nav = re.findall(r'md-ellipsis">\s*([^<]+?)\s*<', result.html("index.html"))
    for entry in ("Comparisons", "Stakeholders by role", "Channels", "Review status", "Gap analysis"):
        assert entry in nav, nav


def test_contradictory_compare_with_fails_the_build(site):
    b2c = GOOD_B2C.replace("reviewed:", "compare_with: other\nreviewed:")
    other = GOOD_B2B.replace("compare_with: shop\n", "compare_with: shop\n").replace("title: SaaS purchase", "title: Other")
    result = site({"saas.md": GOOD_B2B, "shop.md": b2c.replace("compare_with: other", "compare_with: [other]"), "other.md": other}, "--strict")
    assert result.returncode != 0
    assert "journeys/saas.md:9: compare_with: 'shop' (journeys/shop.md) declares other counterparts (other) but not 'saas'" in result.log
