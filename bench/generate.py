"""Synthetic playbooks for the benchmark, and the hand-assembled baseline with the same content.

`generate(root, journeys, languages, seed)` writes a complete MkDocs project that uses the
journeys plugin: half B2B journeys (6 stakeholders) paired with half B2C journeys (1-2
stakeholders) through `compare_with`, each with 6 stages of 4 touchpoints and text of the
lengths found in the reference playbook, plus one full translation file per journey for every
non-default language.

`generate_baseline(root, journeys, languages, seed)` writes what a team would assemble by hand
without the plugin: one plain Markdown page per journey and language (title, summary, a
```mermaid journey fence, a stakeholder table and a stage table, about 60 lines), every page in
the (automatic) navigation, the same languages by suffix, no journeys plugin.

Both are deterministic for a given seed and write a `bench.json` manifest at the root that
records what was generated and how many pages (`index.html` files) the build must produce.

    python bench/generate.py bench/out/journeys-100 --journeys 100 --languages en el ka fa vi ru
    python bench/generate.py bench/out/baseline-100 --journeys 100 --baseline
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import shutil
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

GENERATOR_VERSION = 1
DEFAULT_LANGUAGES = ["en", "el", "ka", "fa", "vi", "ru"]
MANIFEST = "bench.json"

# Pages the plugin generates per language, besides one page per journey and per pair:
# journeys index, comparisons index, roles, channels, review status, gap analysis.
PLUGIN_FIXED_PAGES = 6

LANGUAGE_NAMES = {
    "en": "English",
    "el": "Ελληνικά",
    "ka": "ქართული",
    "fa": "فارسی",
    "vi": "Tiếng Việt",
    "ru": "Русский",
    "de": "Deutsch",
    "fr": "Français",
    "es": "Español",
    "uk": "Українська",
    "ar": "العربية",
}

SECTORS = ["manufacturing", "software", "retail", "logistics", "healthcare", "finance", "energy", "telecom"]

B2B_STAKEHOLDERS = [  # (id, role, influence): a buying committee of six
    ("decision-maker", "decision-maker", "high"),
    ("economic-buyer", "economic-buyer", "high"),
    ("champion", "champion", "medium"),
    ("evaluator", "technical-evaluator", "medium"),
    ("end-users", "end-user", "low"),
    ("procurement", "procurement", "medium"),
]
B2C_STAKEHOLDERS = [("consumer", "consumer", "high"), ("household", "influencer", "medium")]

B2B_STAGES = ["awareness", "consideration", "evaluation", "purchase", "onboarding", "loyalty"]
# The B2C journey's fifth stage has its own id and lines up with onboarding via compare_as.
B2C_STAGES = ["awareness", "consideration", "evaluation", "purchase", "delivery", "loyalty"]
B2C_COMPARE_AS = {"delivery": "onboarding"}
PURCHASE_STAGE = 3

CHANNELS = [
    "website", "email", "social", "search", "event", "sales-call", "demo", "content", "webinar",
    "partner", "marketplace", "mobile-app", "store", "support", "community", "review-site", "chat",
    "phone", "in-product", "advertising", "referral", "newsletter", "crm", "portal",
]
CUSTOM_CHANNELS = ["meeting", "e-signature", "carrier", "packaging", "field-visit"]

def _split(words: str) -> list[str]:
    return words.split()


ENGLISH_WORDS = _split("""
account adoption advisor agreement analyst annual approval architecture audit automation
backlog baseline benchmark billing board brand budget buyer calendar campaign capacity case
catalog certificate channel checkout claim client committee community compliance contract
contractor conversion cost coverage credit customer dashboard data deadline deal decision
delivery demand demo deployment desk device discount dispatch document dossier draft
engineer equipment estimate evaluation evidence expansion experience export facility feedback
field finance fleet forecast form freight funding gateway goal growth guide handover helpdesk
household incident industry insight install integration inventory invoice journey kickoff
launch lead lease legal licence logistics loyalty maintenance manager margin market meeting
member migration milestone mobile model monitor network notice offer onboarding operations
order outage owner package panel parcel partner payment pilot pipeline plan platform policy
portal price pricing process procurement product profile programme project proposal
prospect provider purchase quality quarter quote rating record referral refund region
registration release reliability renewal report request requirement reseller retention
return review risk roadmap rollout route safety sample schedule scope security segment
service session shipment shortlist signature site software specification sponsor staff
standard statement stock store subscription supplier support survey system target team
technician template tender territory ticket timeline tool trial upgrade usage user value
vendor visit warehouse warranty webinar workflow workshop
""")
ENGLISH_SMALL = _split("the a of for and with to in on by before after across each every their")
ENGLISH_ADJ = _split("""
annual clear costly critical direct early fast first formal late local long manual new
online open personal quick real regional regular remote second shared short simple slow
standard strict typical unclear urgent weekly written
""")

# Syllables for the other scripts: enough to make words of the right shape and length.
SYLLABLES = {
    "el": _split("κα λο πε τρι στο νη μα ση ευ ρω γι δε θε κο λη μι νο πα ρε σι τα φο χα ψη ων ου αι ει"),
    "ka": _split("გა მო ყი და ვე ბა ლი სა ხე რი თა ნი კო მა ფე ში ცი ძე წა ჭი ხო ჯა ჰე ურ ებ ად ის"),
    "fa": _split("مه را نی سا دو کا بر ته ید خر مش تر فر وش اش ان ست گا هی زی پو چه من ور دی"),
    "ru": _split("ка ло про да ни ве ст ра ми то ре по на ко ль ны ен за ти ва ше бо ду ги жи чи ще"),
    "latin": _split("ka lo pre da ni ve sto ra mi to re po na ko li ne en za ti va be do gu ri mar sel"),
}
# Vietnamese writes one syllable per word.
VIETNAMESE = _split("""
khách hàng mua bán của người dùng trải nghiệm quyết định công ty giá hợp đồng sản phẩm dịch vụ
thanh toán giao nhận hỗ trợ đánh giá thời gian chi phí quản lý nhóm kênh kế hoạch phản hồi
đăng ký tài khoản cửa hàng điện thoại ứng dụng trang web nhà cung cấp đào tạo triển khai
gia hạn mở rộng lợi ích rủi ro bảo mật tích hợp báo cáo chỉ số mục tiêu giai đoạn bước đầu
cuối tuần tháng năm nhanh chậm rõ ràng chung riêng mới cũ lớn nhỏ tốt xấu đơn giản phức tạp
""")
ACRONYMS = ["CRM", "SLA", "NPS", "ERP", "ROI", "KPI", "API", "SSO", "CSAT", "B2B"]
PUNCTUATION = {"fa": ("،", "."), "default": (",", ".")}


@dataclass
class Manifest:
    kind: str  # journeys | baseline
    journeys: int
    languages: list[str]
    seed: int
    pairs: int
    pages: int  # index.html files the build must produce
    pages_per_language: int
    files: int  # Markdown files written (docs and journeys)
    generator: int = GENERATOR_VERSION
    extra: dict[str, Any] = field(default_factory=dict)


def expected_pages(kind: str, journeys: int, languages: list[str]) -> tuple[int, int]:
    """(pages in all, pages per language) that a build of the generated project produces."""
    pairs = _pairs(journeys)
    if kind == "baseline":
        per_language = 1 + journeys  # home page + one page per journey
    else:
        multilingual = 1 if len(languages) > 1 else 0
        per_language = 1 + journeys + pairs + PLUGIN_FIXED_PAGES + multilingual
    return per_language * len(languages), per_language


def _counts(journeys: int) -> tuple[int, int]:
    """(B2B journeys, B2C journeys): half each, the odd one out is B2C."""
    b2b = journeys // 2
    return b2b, journeys - b2b


def _pairs(journeys: int) -> int:
    # B2B i is paired with B2C i; an odd extra B2C is also paired with the first B2B journey.
    return _counts(journeys)[1]


# ---------------------------------------------------------------------------------------------
# Text


class Text:
    """Words in one language, shaped like real text: sentences, phrases, lists of a given length."""

    def __init__(self, language: str) -> None:
        self.language = language
        lexicon_rng = random.Random(f"lexicon:{language}")
        if language == "en":
            self.lexicon = ENGLISH_WORDS + ENGLISH_ADJ
            self.small = ENGLISH_SMALL
        elif language == "vi":
            self.lexicon = VIETNAMESE
            self.small = ["và", "của", "cho", "với", "trong", "khi", "để"]
        else:
            syllables = SYLLABLES.get(language, SYLLABLES["latin"])
            words = set()
            while len(words) < 600:
                words.add("".join(lexicon_rng.choice(syllables) for _ in range(lexicon_rng.randint(2, 4))))
            self.lexicon = sorted(words)
            self.small = sorted({"".join(lexicon_rng.choice(syllables) for _ in range(1)) for _ in range(8)})
        self.comma, self.period = PUNCTUATION.get(language, PUNCTUATION["default"])

    def _word(self, rng: random.Random) -> str:
        roll = rng.random()
        if roll < 0.18:
            return rng.choice(self.small)
        if roll < 0.21:
            return rng.choice(ACRONYMS)
        if roll < 0.23:
            return f"{rng.randint(2, 9)}-{rng.randint(10, 30)}"
        return rng.choice(self.lexicon)

    def words(self, rng: random.Random, chars: int, *, commas: bool = False) -> str:
        out: list[str] = []
        length = -1
        while length < chars:
            word = self._word(rng)
            if commas and out and rng.random() < 0.08:
                out[-1] += self.comma
            out.append(word)
            length += len(word) + 1
        return " ".join(out)

    def phrase(self, rng: random.Random, low: int, high: int) -> str:
        """A capitalised phrase without a final stop, such as a title or a list item."""
        text = self.words(rng, rng.randint(low, high))
        return text[:1].title() + text[1:]

    def sentence(self, rng: random.Random, low: int, high: int) -> str:
        return self.phrase(rng, low, high) + self.period

    def paragraph(self, rng: random.Random, low: int, high: int) -> str:
        target, sentences, length = rng.randint(low, high), [], 0
        while length < target:
            sentence = self.phrase(rng, 40, 120)
            sentences.append(sentence + self.period)
            length += len(sentence) + 2
        return " ".join(sentences)

    def items(self, rng: random.Random, count: tuple[int, int], low: int, high: int) -> list[str]:
        return [self.phrase(rng, low, high) for _ in range(rng.randint(*count))]


_TEXTS: dict[str, Text] = {}


def text_for(language: str) -> Text:
    if language not in _TEXTS:
        _TEXTS[language] = Text(language)
    return _TEXTS[language]


# ---------------------------------------------------------------------------------------------
# The synthetic playbook: structure once, text per language


def _structure(index: int, segment: str, seed: int) -> dict[str, Any]:
    """Ids, roles, stages, actors and scores of one journey (language independent)."""
    rng = random.Random(f"{seed}:{segment}:{index}:structure")
    sector = SECTORS[index % len(SECTORS)]
    slug = "-".join(rng.sample(ENGLISH_WORDS, 2))
    journey_id = f"{segment}-{index:04d}-{sector}-{slug}"
    if segment == "b2b":
        stakeholders = [{"id": i, "role": r, "influence": f} for i, r, f in B2B_STAKEHOLDERS]
        stage_ids = B2B_STAGES
    else:
        stakeholders = [{"id": i, "role": r, "influence": f} for i, r, f in B2C_STAKEHOLDERS[: rng.randint(1, 2)]]
        stage_ids = B2C_STAGES
    ids = [s["id"] for s in stakeholders]
    stages = []
    for number, stage_id in enumerate(stage_ids):
        touchpoints = []
        for k in range(4):
            tp: dict[str, Any] = {
                "id": f"{stage_id[:3]}-{k + 1}",
                "channel": rng.choice(CHANNELS) if rng.random() < 0.9 else rng.choice(CUSTOM_CHANNELS),
                "score": rng.randint(1, 5),
            }
            if len(ids) > 1:
                if number < 2:
                    # Everyone takes part before the purchase stage (no gap findings, as in a
                    # reviewed playbook): the first two stages cover the whole committee.
                    own = {ids[(number * 4 + k) % len(ids)]}
                    own |= set(rng.sample(ids, rng.randint(0, min(2, len(ids) - 1))))
                else:
                    own = set(rng.sample(ids, rng.randint(1, min(4, len(ids)))))
                actors = [i for i in ids if i in own]
                tp["actors"] = actors
                overrides = {a: rng.randint(1, 5) for a in actors if len(actors) > 1 and rng.random() < 0.35}
                if overrides:
                    tp["scores"] = overrides
            touchpoints.append(tp)
        stage: dict[str, Any] = {"id": stage_id, "touchpoints": touchpoints}
        if stage_id in B2C_COMPARE_AS and segment == "b2c":
            stage["compare_as"] = B2C_COMPARE_AS[stage_id]
        stages.append(stage)
    reviewed = f"2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}"
    tags = sorted(rng.sample(TAGS, rng.randint(2, 4)))
    return {
        "index": index,
        "id": journey_id,
        "sector": sector,
        "segment": segment,
        "reviewed": reviewed,
        "tags": tags,
        "stakeholders": stakeholders,
        "stages": stages,
        "compare_with": [],
    }


TAGS = [
    "saas", "mid-market", "enterprise", "smb", "subscription", "hardware", "services", "mobile",
    "e-commerce", "retail", "field-service", "public-sector", "renewal", "self-service",
    "partner-led", "high-touch", "low-touch", "regulated", "international", "seasonal",
]


def _tag(tag: str, language: str) -> str:
    if language == "en":
        return tag
    rng = random.Random(f"tag:{tag}:{language}")
    return text_for(language).words(rng, len(tag) - 2)


def _texts(structure: dict[str, Any], language: str, seed: int) -> dict[str, Any]:
    """Every text of one journey in one language, with realistic lengths."""
    t = text_for(language)
    rng = random.Random(f"{seed}:{structure['id']}:{language}:text")
    b2b = structure["segment"] == "b2b"
    stakeholders = {
        s["id"]: {
            "name": t.phrase(rng, 12, 40),
            "goals": t.items(rng, (2, 3) if b2b else (1, 2), 40, 90),
            "concerns": t.items(rng, (2, 3) if b2b else (1, 2), 40, 90),
        }
        for s in structure["stakeholders"]
    }
    stages = {}
    for stage in structure["stages"]:
        stages[stage["id"]] = {
            "name": t.phrase(rng, 12, 45),
            "goal": t.sentence(rng, 50, 110),
            "duration": t.phrase(rng, 8, 30),
            "touchpoints": [
                {"name": t.phrase(rng, 25, 75), "emotion": t.words(rng, rng.randint(6, 22))}
                for _ in stage["touchpoints"]
            ],
            "pains": t.items(rng, (2, 3), 50, 110),
            "opportunities": t.items(rng, (2, 3), 40, 100),
            "kpis": t.items(rng, (3, 5), 15, 50),
            "feedback": t.sentence(rng, 80, 200),
        }
    narrative = [
        t.paragraph(rng, 250, 500),
        t.paragraph(rng, 200, 400),
        f"## {t.phrase(rng, 15, 40)}",
        f"| {t.phrase(rng, 6, 14)} | {t.phrase(rng, 6, 20)} |\n| --- | --- |\n"
        + "\n".join(f"| {t.phrase(rng, 6, 16)} | {t.phrase(rng, 30, 90)} |" for _ in range(5)),
        f"## {t.phrase(rng, 15, 40)}",
        "\n".join(f"- {t.sentence(rng, 50, 120)}" for _ in range(4)),
        t.paragraph(rng, 150, 350),
    ]
    return {
        "title": t.phrase(rng, 35, 70),
        "summary": t.paragraph(rng, 200, 420),
        "owner": t.phrase(rng, 20, 55),
        "sales_cycle": t.phrase(rng, 25, 80) if b2b else t.phrase(rng, 15, 45),
        "deal_value": t.phrase(rng, 15, 50),
        "tags": [_tag(tag, language) for tag in structure["tags"]],
        "stakeholders": stakeholders,
        "stages": stages,
        "narrative": "\n\n".join(narrative) + "\n",
    }


def _playbook(journeys: int, seed: int) -> list[dict[str, Any]]:
    if journeys < 2:
        raise ValueError("a playbook needs at least 2 journeys (one B2B/B2C pair)")
    b2b_count, b2c_count = _counts(journeys)
    b2b = [_structure(i, "b2b", seed) for i in range(b2b_count)]
    b2c = [_structure(i, "b2c", seed) for i in range(b2c_count)]
    for i, journey in enumerate(b2b):
        journey["compare_with"].append(b2c[i]["id"])
    if b2c_count > b2b_count:  # odd size: the extra B2C journey is paired with the first B2B
        b2b[0]["compare_with"].append(b2c[-1]["id"])
    # Interleave so that each sector folder holds both segments.
    ordered = []
    for i in range(b2c_count):
        if i < b2b_count:
            ordered.append(b2b[i])
        ordered.append(b2c[i])
    return ordered


def fingerprint(structure: dict[str, Any]) -> str:
    """The plugin's structure fingerprint (`journeys fingerprint`), for `source_fingerprint`."""
    parts = ["s:" + ",".join(s["id"] for s in structure["stakeholders"])]
    for stage in structure["stages"]:
        parts.append(f"g:{stage['id']}[{','.join(tp['id'] for tp in stage['touchpoints'])}]")
    return "fp-" + hashlib.sha256("|".join(parts).encode()).hexdigest()[:12]


# ---------------------------------------------------------------------------------------------
# Writing YAML by hand keeps the files readable and shaped like the reference playbook.


def _q(value: str) -> str:
    """A YAML double-quoted scalar (JSON's escaping is valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def _list(lines: list[str], indent: str, key: str, values: list[str]) -> None:
    lines.append(f"{indent}{key}:")
    lines.extend(f"{indent}  - {_q(v)}" for v in values)


def journey_file(structure: dict[str, Any], text: dict[str, Any]) -> str:
    lines = [
        "---",
        f"id: {structure['id']}",
        f"title: {_q(text['title'])}",
        f"segment: {structure['segment']}",
        "summary: " + _q(text["summary"]),
        f"owner: {_q(text['owner'])}",
        f"reviewed: {structure['reviewed']}",
        "status: published",
        "tags: [" + ", ".join(_q(tag) for tag in text["tags"]) + "]",
        f"sales_cycle: {_q(text['sales_cycle'])}",
        f"deal_value: {_q(text['deal_value'])}",
    ]
    if structure["compare_with"]:
        lines.append("compare_with: [" + ", ".join(structure["compare_with"]) + "]")
    lines += ["", "stakeholders:"]
    for s in structure["stakeholders"]:
        st = text["stakeholders"][s["id"]]
        lines += [
            f"  - id: {s['id']}",
            f"    name: {_q(st['name'])}",
            f"    role: {s['role']}",
            f"    influence: {s['influence']}",
        ]
        _list(lines, "    ", "goals", st["goals"])
        _list(lines, "    ", "concerns", st["concerns"])
        lines.append("")
    lines.append("stages:")
    for stage in structure["stages"]:
        sg = text["stages"][stage["id"]]
        lines += [f"  - id: {stage['id']}", f"    name: {_q(sg['name'])}"]
        if "compare_as" in stage:
            lines.append(f"    compare_as: {stage['compare_as']}")
        lines += [f"    goal: {_q(sg['goal'])}", f"    duration: {_q(sg['duration'])}", "    touchpoints:"]
        for tp, tt in zip(stage["touchpoints"], sg["touchpoints"]):
            lines += [
                f"      - id: {tp['id']}",
                f"        name: {_q(tt['name'])}",
                f"        channel: {tp['channel']}",
            ]
            if "actors" in tp:
                lines.append("        actors: [" + ", ".join(tp["actors"]) + "]")
            lines.append(f"        score: {tp['score']}")
            if "scores" in tp:
                lines.append("        scores: {" + ", ".join(f"{k}: {v}" for k, v in tp["scores"].items()) + "}")
            lines.append(f"        emotion: {_q(tt['emotion'])}")
        _list(lines, "    ", "pains", sg["pains"])
        _list(lines, "    ", "opportunities", sg["opportunities"])
        _list(lines, "    ", "kpis", sg["kpis"])
        lines += [f"    feedback: {_q(sg['feedback'])}", ""]
    lines += ["---", "", text["narrative"]]
    return "\n".join(lines)


def translation_file(structure: dict[str, Any], text: dict[str, Any]) -> str:
    """A complete text overlay, as in the reference translations: no structure, every text."""
    lines = [
        "---",
        f"source_fingerprint: {fingerprint(structure)}",
        f"title: {_q(text['title'])}",
        "summary: " + _q(text["summary"]),
        f"owner: {_q(text['owner'])}",
        "tags: [" + ", ".join(_q(tag) for tag in text["tags"]) + "]",
        f"sales_cycle: {_q(text['sales_cycle'])}",
        f"deal_value: {_q(text['deal_value'])}",
        "",
        "stakeholders:",
    ]
    for s in structure["stakeholders"]:
        st = text["stakeholders"][s["id"]]
        lines += [f"  - id: {s['id']}", f"    name: {_q(st['name'])}"]
        _list(lines, "    ", "goals", st["goals"])
        _list(lines, "    ", "concerns", st["concerns"])
        lines.append("")
    lines.append("stages:")
    for stage in structure["stages"]:
        sg = text["stages"][stage["id"]]
        lines += [
            f"  - id: {stage['id']}",
            f"    name: {_q(sg['name'])}",
            f"    goal: {_q(sg['goal'])}",
            f"    duration: {_q(sg['duration'])}",
            "    touchpoints:",
        ]
        for tp, tt in zip(stage["touchpoints"], sg["touchpoints"]):
            lines += [f"      - id: {tp['id']}", f"        name: {_q(tt['name'])}", f"        emotion: {_q(tt['emotion'])}"]
        _list(lines, "    ", "pains", sg["pains"])
        _list(lines, "    ", "opportunities", sg["opportunities"])
        _list(lines, "    ", "kpis", sg["kpis"])
        lines += [f"    feedback: {_q(sg['feedback'])}", ""]
    lines += ["---", "", text["narrative"]]
    return "\n".join(lines)


def _cell(value: str) -> str:
    return value.replace("|", "\\|")


def baseline_page(structure: dict[str, Any], text: dict[str, Any]) -> str:
    """The hand-assembled page: title, summary, a Mermaid journey, two tables (about 60 lines)."""
    names = {sid: st["name"] for sid, st in text["stakeholders"].items()}
    lines = [f"# {text['title']}", "", text["summary"], "", "## Journey map", "", "```mermaid", "journey"]
    lines.append(f"    title {text['title']}")
    for stage in structure["stages"]:
        sg = text["stages"][stage["id"]]
        lines.append(f"    section {sg['name']}")
        for tp, tt in zip(stage["touchpoints"], sg["touchpoints"]):
            actors = tp.get("actors") or [s["id"] for s in structure["stakeholders"]]
            lines.append(f"      {tt['name']}: {tp['score']}: {', '.join(names[a] for a in actors)}")
    lines += ["```", "", "## Stakeholders", ""]
    lines += ["| Stakeholder | Role | Influence | Goals | Concerns |", "| --- | --- | --- | --- | --- |"]
    for s in structure["stakeholders"]:
        st = text["stakeholders"][s["id"]]
        lines.append(
            f"| {_cell(st['name'])} | {s['role']} | {s['influence']} | "
            f"{_cell('; '.join(st['goals']))} | {_cell('; '.join(st['concerns']))} |"
        )
    lines += ["", "## Stages", ""]
    lines += ["| Stage | Goal | Duration | Touchpoints | Average score | Pains |", "| --- | --- | --- | --- | --- | --- |"]
    for stage in structure["stages"]:
        sg = text["stages"][stage["id"]]
        scores = [tp["score"] for tp in stage["touchpoints"]]
        lines.append(
            f"| {_cell(sg['name'])} | {_cell(sg['goal'])} | {_cell(sg['duration'])} | {len(scores)} | "
            f"{sum(scores) / len(scores):.1f} | {_cell('; '.join(sg['pains']))} |"
        )
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------
# Projects


def _mkdocs_yml(kind: str, languages: list[str]) -> str:
    langs = []
    for number, code in enumerate(languages):
        name = LANGUAGE_NAMES.get(code, code)
        default = ", default: true" if number == 0 else ""
        langs.append(f"        - {{locale: {code}, name: {_q(name)}{default}, build: true}}")
    plugins = ["  - search"]
    if len(languages) > 1:
        plugins += [
            "  - i18n:",
            "      docs_structure: suffix",
            "      fallback_to_default: true",
            "      reconfigure_material: true",
            "      languages:",
            *langs,
        ]
    if kind == "journeys":
        plugins += ["  - journeys:", "      journeys_dir: journeys"]
    extensions = [
        "  - admonition",
        "  - attr_list",
        "  - tables",
        "  - toc:",
        "      permalink: true",
        "      slugify: !!python/name:markdown.extensions.toc.slugify_unicode",
    ]
    if kind == "baseline":
        # Material's documented way to render ```mermaid fences.
        extensions += [
            "  - pymdownx.superfences:",
            "      custom_fences:",
            "        - name: mermaid",
            "          class: mermaid",
            "          format: !!python/name:pymdownx.superfences.fence_code_format",
        ]
    return "\n".join(
        [
            f"site_name: Synthetic playbook ({kind})",
            "docs_dir: docs",
            "theme:",
            "  name: material",
            f"  language: {languages[0]}",
            "  font: false",
            "  features:",
            "    - navigation.sections",
            "    - navigation.top",
            "    - search.highlight",
            "plugins:",
            *plugins,
            "markdown_extensions:",
            *extensions,
            "",
        ]
    )


def _home(kind: str, language: str, journeys: int) -> str:
    t = text_for(language)
    rng = random.Random(f"home:{language}")
    links = ""
    if kind == "journeys":
        links = (
            "\n\n- [Journeys](journeys/)\n- [Comparisons](compare/)\n- [Roles](catalog/roles/)\n"
            "- [Channels](catalog/channels/)\n"
        )
    return f"# {t.phrase(rng, 20, 40)}\n\n{t.paragraph(rng, 300, 500)}\n\n{journeys} journeys.{links}\n"


def _prepare(root: Path) -> None:
    """Empty `root` for a new project; refuse to wipe a folder this generator did not write."""
    if root.exists():
        if any(root.iterdir()) and not (root / MANIFEST).is_file():
            raise SystemExit(f"generate: {root} is not empty and was not written by bench/generate.py; refusing to clear it")
        shutil.rmtree(root)
    root.mkdir(parents=True)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")


def _suffix(language: str, languages: list[str]) -> str:
    return "" if language == languages[0] else f".{language}"


def _finish(root: Path, kind: str, journeys: int, languages: list[str], seed: int, files: int) -> Manifest:
    pages, per_language = expected_pages(kind, journeys, languages)
    manifest = Manifest(kind, journeys, list(languages), seed, _pairs(journeys), pages, per_language, files)
    (root / MANIFEST).write_text(json.dumps(asdict(manifest), indent=2) + "\n", "utf-8")
    return manifest


def generate(root: Path, journeys: int, languages: list[str], seed: int = 0) -> Manifest:
    """A complete MkDocs project using the journeys plugin, with `journeys` journeys."""
    root, languages = Path(root), list(languages)
    _prepare(root)
    (root / "mkdocs.yml").write_text(_mkdocs_yml("journeys", languages), "utf-8")
    files = 0
    for language in languages:
        _write(root / "docs" / f"index{_suffix(language, languages)}.md", _home("journeys", language, journeys))
        files += 1
    for structure in _playbook(journeys, seed):
        folder = root / "journeys" / structure["sector"]
        _write(folder / f"{structure['id']}.md", journey_file(structure, _texts(structure, languages[0], seed)))
        files += 1
        for language in languages[1:]:
            _write(folder / f"{structure['id']}.{language}.md", translation_file(structure, _texts(structure, language, seed)))
            files += 1
    return _finish(root, "journeys", journeys, languages, seed, files)


def generate_baseline(root: Path, journeys: int, languages: list[str], seed: int = 0) -> Manifest:
    """The hand-assembled stack: plain pages with the same content, no journeys plugin."""
    root, languages = Path(root), list(languages)
    _prepare(root)
    (root / "mkdocs.yml").write_text(_mkdocs_yml("baseline", languages), "utf-8")
    files = 0
    for language in languages:
        _write(root / "docs" / f"index{_suffix(language, languages)}.md", _home("baseline", language, journeys))
        files += 1
    for structure in _playbook(journeys, seed):
        for language in languages:
            page = baseline_page(structure, _texts(structure, language, seed))
            path = root / "docs" / "journeys" / structure["sector"] / f"{structure['id']}{_suffix(language, languages)}.md"
            _write(path, page)
            files += 1
    return _finish(root, "baseline", journeys, languages, seed, files)


def read_manifest(root: Path) -> dict[str, Any] | None:
    try:
        return json.loads((Path(root) / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        return None


def ensure(root: Path, kind: str, journeys: int, languages: list[str], seed: int = 0) -> dict[str, Any]:
    """Reuse the project at `root` if it was generated with these parameters, else generate it."""
    manifest = read_manifest(root)
    wanted = {"kind": kind, "journeys": journeys, "languages": list(languages), "seed": seed, "generator": GENERATOR_VERSION}
    if manifest and all(manifest.get(k) == v for k, v in wanted.items()):
        return manifest
    make = generate if kind == "journeys" else generate_baseline
    return asdict(make(root, journeys, languages, seed))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("root", type=Path, help="folder to write the MkDocs project into (emptied first)")
    parser.add_argument("--journeys", "-n", type=int, default=100, help="number of journeys (default 100)")
    parser.add_argument("--languages", nargs="+", default=DEFAULT_LANGUAGES, help="language codes, default first (default: %(default)s)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--baseline", action="store_true", help="write the plain-pages baseline instead")
    args = parser.parse_args(argv)
    make = generate_baseline if args.baseline else generate
    try:
        manifest = make(args.root, args.journeys, args.languages, args.seed)
    except ValueError as error:
        parser.error(str(error))
    print(json.dumps(asdict(manifest)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
