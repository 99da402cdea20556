"""Options of the `journeys` MkDocs plugin (documented in docs/guide/configuration.md)."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as opt

from .core.source import DEFAULT_MAX_BYTES


class JourneysConfig(base.Config):
    enabled = opt.Type(bool, default=True)
    """Turn the plugin off without removing it (for example in a quick preview)."""
    journeys_dir = opt.Type(str, default="journeys")
    """Folder of journey files, relative to mkdocs.yml; outside docs_dir."""
    include_drafts = opt.Type(bool, default=False)
    """Build `status: draft` journeys too (useful with `mkdocs serve`)."""
    review_max_age_days = opt.Type(int, default=180)
    """A journey whose `reviewed` date is older than this is marked "review overdue"."""
    max_file_bytes = opt.Type(int, default=DEFAULT_MAX_BYTES)
    """Journey files larger than this are rejected with an error."""
    labels = opt.Type(dict, default={})
    """Per-language overrides of generated text: `{en: {"section.stages": "Phases"}}`."""
    nav = opt.Type(bool, default=True)
    """Add a "Journeys" section to the site navigation."""
    nav_max_journeys = opt.Type(int, default=60)
    """Above this many journeys, the navigation lists only the catalog pages (builds stay linear)."""
    gap_level = opt.Choice(("info", "warning", "error"), default="warning")
    """How gap findings are logged: warning (fails --strict), error, or info (page only)."""
    search_detail = opt.Choice(("auto", "full", "summary"), default="auto")
    """What search indexes on journey pages: all (full), or without stage facts and lists (summary)."""
    serve_languages = opt.Type((list, str), default=[])
    """`mkdocs serve` builds only these languages (plus the default one): `[fa]` or "fa,ru"."""
    parallel = opt.Type(bool, default=True)
    """`mkdocs build` builds half of static-i18n's other languages in a second process."""
    mermaid_js = opt.Optional(opt.Type(str))
    """Path (in the site) or URL of another Mermaid ESM build to load instead of the bundled one."""
