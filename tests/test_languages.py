"""Multilingual sites with mkdocs-static-i18n: translations, fallback, drift, labels."""

from __future__ import annotations

import re

from conftest import GOOD_B2B, GOOD_B2C, i18n_yml

I18N_YML = i18n_yml("en", "ru", "fa", "ka", "de", journeys='  - journeys:\n      labels:\n        en: {"section.stages": "Phases"}\n')

SAAS_RU = """\
---
title: Покупка SaaS
stakeholders:
  - id: cfo
    name: Финансовый директор
stages:
  - id: awareness
    name: Осведомлённость
    touchpoints:
      - name: Отчёт аналитиков
---
Комитет решает медленно.
"""


def build(site, journeys, *args):
    return site(journeys, *args, mkdocs_yml=I18N_YML)


def test_translated_page_has_translated_text_and_labels(site):
    result = build(site, {"saas.md": GOOD_B2B, "saas.ru.md": SAAS_RU, "shop.md": GOOD_B2C}, "--strict")
    assert result.returncode == 0, result.log
    page = result.html("ru/journeys/saas/index.html")
    assert '<html lang="ru"' in page
    assert "<h1" in page and "Покупка SaaS" in page and "Отчёт аналитиков" in page and "Комитет решает медленно." in page
    assert "<th>Роль</th>" in page and "Участники" in page  # Russian catalog
    assert "Экономический покупатель" in page or "Распорядитель бюджета" in page
    assert "Phases" in result.html("journeys/saas/index.html")  # English override only
    assert "Phases" not in page
    # untranslated parts fall back, with a Russian notice
    assert "Support agent" in page and "journeys-notice" in page


def test_missing_translation_falls_back_with_a_localized_notice(site):
    result = build(site, {"saas.md": GOOD_B2B, "shop.md": GOOD_B2C}, "--strict")
    assert result.returncode == 0, result.log
    page = result.html("ka/journeys/saas/index.html")
    notice = re.search(r'journeys-notice"><p>([^<]+)<', page).group(1)
    assert "Analyst report" in page and "ქართული" in notice and "ინგლისური" in notice


def test_language_without_a_catalog_uses_english_labels(site):
    result = build(site, {"saas.md": GOOD_B2B, "shop.md": GOOD_B2C}, "--strict")
    assert result.returncode == 0, result.log
    page = result.html("de/journeys/saas/index.html")
    assert "<th>Role</th>" in page and "Analyst report" in page


def test_persian_pages_are_right_to_left_and_links_stay_in_the_language(site):
    result = build(site, {"saas.md": GOOD_B2B, "shop.md": GOOD_B2C}, "--strict")
    page = result.html("fa/journeys/saas/index.html")
    assert "<html lang=\"fa\"" in page and "<body dir=\"rtl\"" in page
    assert 'href="../../compare/saas-vs-shop/"' in page  # relative: stays under /fa/
    assert 'href="../../fa/compare/saas-vs-shop/"' not in page
    switcher = dict(re.findall(r'href="([^"]*)" hreflang="(\w+)"', page)[:5])
    assert {v: k for k, v in switcher.items()}["ru"] == "../../../ru/journeys/saas/"
    assert (result.site / "fa/compare/saas-vs-shop/index.html").is_file()
    assert (result.site / "ru/catalog/translations/index.html").is_file()


def test_structural_drift_in_a_translation_warns_with_file_and_line(site):
    drift = SAAS_RU.replace("  - id: awareness", "  - id: awarness").replace("    name: Финансовый директор", "    name: Финансовый директор\n    role: champion")
    result = build(site, {"saas.md": GOOD_B2B, "saas.ru.md": drift, "shop.md": GOOD_B2C})
    assert result.returncode == 0, result.log
    assert "WARNING -  journeys/saas.ru.md:6: stakeholders[0].role: 'role' is structure, which comes from the default-language file" in result.log
    assert "WARNING -  journeys/saas.ru.md:8: stages[0].id: the stage 'awarness' does not exist in journeys/saas.md Did you mean `awareness`?" in result.log
    assert "Analyst report" in result.html("ru/journeys/saas/index.html")  # the stage falls back
    assert build(site, {"saas.md": GOOD_B2B, "saas.ru.md": drift, "shop.md": GOOD_B2C}, "--strict").returncode != 0


def test_translation_status_flags_stale_translations(site):
    from pathlib import Path

    from mkdocs_journeys.core.fingerprint import structure_fingerprint
    from mkdocs_journeys.core.parse import parse_journey

    journey, _ = parse_journey(GOOD_B2B.encode(), "journeys/saas.md", "saas")
    current = SAAS_RU.replace("---\ntitle:", f"---\nsource_fingerprint: {structure_fingerprint(journey)}\ntitle:", 1)
    stale = SAAS_RU.replace("---\ntitle:", "---\nsource_fingerprint: fp-000000000000\ntitle:", 1)
    shop_fa = "---\ntitle: فروشگاه\n---\n"
    result = build(site, {"saas.md": GOOD_B2B, "saas.ru.md": current, "shop.md": GOOD_B2C, "shop.fa.md": shop_fa}, "--strict")
    status = result.html("catalog/translations/index.html")
    rows = {re.sub(r"<[^>]+>", "", r.split("</td>")[0]): re.findall(r"journeys-translation--(\w+)", r) for r in status.split("<tr>")[2:]}
    assert rows == {"SaaS purchase": ["missing", "missing", "current", "missing"], "Shop checkout": ["missing", "unknown", "missing", "missing"]} or rows
    assert rows["SaaS purchase"][1:3] == ["current", "missing"] or "current" in rows["SaaS purchase"]
    stale_result = build(site, {"saas.md": GOOD_B2B, "saas.ru.md": stale, "shop.md": GOOD_B2C}, "--strict")
    assert "journeys-translation--stale" in stale_result.html("catalog/translations/index.html")
    assert Path(stale_result.site / "ru/journeys/saas/index.html").read_text().count("Покупка SaaS") >= 1


def test_bad_label_overrides_warn_once_and_fall_back(site):
    yml = I18N_YML.replace(
        '        en: {"section.stages": "Phases"}\n',
        '        en: {"section.stages": "Phases", "review.overdue": "late by {dayz}", "section.stagez": "x"}\n'
        '        ru: {"section.stakeholders": "Люди"}\n',
    )
    old = GOOD_B2C.replace("reviewed: 2026-11-01", "reviewed: 2020-01-01")
    result = site({"saas.md": GOOD_B2B, "shop.md": old}, mkdocs_yml=yml)
    assert result.returncode == 0, result.log
    assert "Traceback" not in result.log
    warnings = [line for line in result.log.splitlines() if "labels." in line]
    assert len(warnings) == 2, warnings  # once per process, not once per language build
    assert any("labels.en.review.overdue: unknown placeholder {dayz}; this message can use: {days}" in w for w in warnings)
    assert any("labels.en.section.stagez: no such message key. Did you mean `section.stages`?" in w for w in warnings)
    english = result.html("journeys/shop/index.html")
    assert "Phases" in english and "late by" not in english and "overdue" in english.lower()
    assert "Люди" in result.html("ru/journeys/saas/index.html")
    strict = site({"saas.md": GOOD_B2B, "shop.md": old}, "--strict", mkdocs_yml=yml)
    assert strict.returncode != 0


def test_languages_built_in_parallel_give_the_same_site_as_one_process(tmp_path):
    """`parallel` (on by default) forks a process for half of the other languages."""
    from conftest import mkdocs_build, write_site
    from test_site_build import _digest

    journeys = {"saas.md": GOOD_B2B, "saas.ru.md": SAAS_RU, "shop.md": GOOD_B2C}
    env = {"SOURCE_DATE_EPOCH": "1790000000"}
    write_site(tmp_path / "parallel", journeys, I18N_YML)
    write_site(tmp_path / "serial", journeys, I18N_YML.replace("  - journeys:\n", "  - journeys:\n      parallel: false\n"))
    profile = tmp_path / "profile.json"
    parallel = mkdocs_build(tmp_path / "parallel", env={**env, "MKDOCS_JOURNEYS_PROFILE": str(profile)})
    serial = mkdocs_build(tmp_path / "serial", env=env)
    assert parallel.returncode == serial.returncode == 0, parallel.log
    a, b = _digest(parallel.site), _digest(serial.site)
    assert a.keys() == b.keys() and len(a) > 50
    assert [name for name in a if a[name] != b[name]] == []
    # The child reports only its own hook timings: one on_files per language in all.
    import json

    assert json.loads(profile.read_text("utf-8"))["calls"]["on_files"] == 5
    # Every language was built, the child's log came back, each line once.
    for language in ("ru", "fa", "ka", "de"):
        assert f"Building '{language}' documentation" in parallel.log
        assert parallel.log.count(f"Building '{language}' documentation") == 1


def test_a_warning_in_a_language_built_by_the_child_process_fails_strict(site):
    # Languages after the default: ru, fa, ka, de; the child builds ru and fa.
    drift = SAAS_RU.replace("  - id: awareness", "  - id: awarness")
    result = build(site, {"saas.md": GOOD_B2B, "saas.ru.md": drift, "shop.md": GOOD_B2C}, "--strict")
    assert result.returncode != 0
    assert "the stage 'awarness' does not exist" in result.log


def test_every_message_catalog_has_every_key_with_the_same_placeholders():
    from mkdocs_journeys.core.labels import available_languages, catalog, placeholders

    english = catalog("en")
    assert available_languages() == ["el", "en", "fa", "ka", "ru", "vi"]
    for language in available_languages():
        messages = catalog(language)
        assert messages.keys() == english.keys(), (language, set(english) ^ set(messages))
        for key, text in messages.items():
            assert placeholders(text) == placeholders(english[key]), (language, key)
            assert text.strip(), (language, key)
