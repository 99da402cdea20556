"""The MkDocs adapter: wires the core into MkDocs' events and nothing more."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import gc
import hashlib
import json
import logging
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, ClassVar

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from . import compat, parallel, search_slim, site_nav
from .config import JourneysConfig
from .core.labels import check_overrides
from .core.memo import IdentityMemo
from .core.playbook import load_playbook
from .core.problems import Problem
from .core.site import SitePages, build_site_pages
from .core.translate import parse_translation
from .html_stash import GeneratedHtmlExtension
from .timings import timed

log = logging.getLogger("mkdocs.plugins.journeys")
ASSETS = Path(__file__).parent / "assets"
ASSET_PREFIX = "assets/journeys"
BUNDLED_MERMAID = '"./mermaid/mermaid.esm.min.mjs"'


def build_date() -> dt.date:
    """Today, or SOURCE_DATE_EPOCH's day for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.date.today()


class JourneysPlugin(BasePlugin[JourneysConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.reported: set[Problem] = set()
        self.reported_config: set[str] = set()
        self.html_stash = GeneratedHtmlExtension()
        self.memo = IdentityMemo()  # rendered pages kept across `mkdocs serve` rebuilds
        self.drawings: dict[str, list[str]] = {}  # page URL -> drawings set aside while it is indexed
        self.pages: SitePages | None = None
        self.languages = Languages("en", "en", ("en",))

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command, self.dirty = command, dirty

    @timed
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        self.journeys_dir = Path(config.config_file_path or ".").parent / self.config.journeys_dir
        if not self.journeys_dir.is_dir():
            raise PluginError(
                f"journeys: the journeys folder {self.journeys_dir} does not exist; create it or set "
                "the plugin option `journeys_dir`"
            )
        self.languages = Languages.of(config)
        if "i18n" in config.plugins:
            compat.speed_up_static_i18n(config.plugins["i18n"])
            if self.config.parallel and getattr(self, "command", None) in ("build", "gh-deploy") and not self.dirty:
                parallel.build_languages_in_parallel(config.plugins["i18n"])
            if getattr(self, "command", None) == "serve" and self.config.serve_languages:
                _serve_only(config.plugins["i18n"], self.config.serve_languages)
        self._check_labels()
        if self.html_stash not in config.markdown_extensions:
            config.markdown_extensions.append(self.html_stash)  # type: ignore[arg-type]
        css = f"{ASSET_PREFIX}/journeys.css"
        if css not in config.extra_css:
            config.extra_css.append(css)
        if not any(str(script) == f"{ASSET_PREFIX}/journeys.js" for script in config.extra_javascript):
            script = ExtraScriptValue(f"{ASSET_PREFIX}/journeys.js")
            script.type = "module"
            config.extra_javascript.append(script)
        return config

    # After static-i18n (priority -100), which rebuilds the file list per language and drops
    # generated files it does not know; ours are added to the list it produced.
    @event_priority(-200)
    @timed
    def on_files(self, files: Files, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        project_dir = Path(config.config_file_path or ".").parent
        with _gc_paused():
            return self._generate(files, config, project_dir)

    def _generate(self, files: Files, config: MkDocsConfig, project_dir: Path) -> Files:
        playbook, translation_files = load_playbook(
            self.journeys_dir,
            project_dir,
            include_drafts=self.config.include_drafts,
            max_bytes=self.config.max_file_bytes,
        )
        language = self.languages.current
        serving = getattr(self, "command", None) == "serve"
        self.pages = build_site_pages(
            playbook,
            translation_files,
            language=language,
            default_language=self.languages.default,
            languages=self.languages.all,
            gap_level=self.config.gap_level,
            labels_overrides=_mapping((self.config.labels or {}).get(language)),
            today=build_date(),
            review_max_age_days=self.config.review_max_age_days,
            directory_urls=config.use_directory_urls,
            memo=self.memo if serving else None,
            search_detail=self.config.search_detail,
        )
        self._report(self.pages.problems)
        prefix = "" if language == self.languages.default else f"{language}/"
        for page in self.pages.pages:
            existing = files.get_file_from_path(page.src)
            if existing is not None and existing.generated_by is None:
                raise PluginError(
                    f"journeys: docs/{page.src} exists, but the journeys plugin generates that page; "
                    "rename or remove it"
                )
            file = GeneratedFile.of(config, page.src, page.markdown, prefix)
            files.append(file)
        # The Markdown now lives in the files; the navigation needs only paths, titles and kinds.
        self.pages = dataclasses.replace(self.pages, pages=tuple(dataclasses.replace(p, markdown="") for p in self.pages.pages))
        if not serving:
            # Each translation belongs to one language: a one-off build never reads it again.
            parse_translation.cache_clear()
        self._add_assets(files, config)
        return files

    def _add_assets(self, files: Files, config: MkDocsConfig) -> None:
        """Copy the package's CSS, script and Mermaid; with `mermaid_js`, point at that instead."""
        custom = self.config.mermaid_js or ""
        local = bool(custom) and "://" not in custom and not custom.startswith("/")
        if local and files.get_file_from_path(custom.removeprefix("./")) is None and custom not in self.reported_config:
            self.reported_config.add(custom)
            log.warning(
                f"journeys: mermaid_js: {custom} is not a file of the site; put it in docs/ "
                f"(docs/{custom.removeprefix('./')}) or give a URL, or remove the option to use the bundled Mermaid"
            )
        for asset in sorted(ASSETS.rglob("*")):
            relative = asset.relative_to(ASSETS).as_posix()
            uri = f"{ASSET_PREFIX}/{relative}"
            if not asset.is_file() or files.get_file_from_path(uri) is not None:
                continue
            if custom and relative.startswith("mermaid/"):
                continue
            if custom and relative == "journeys.js":
                script = asset.read_text("utf-8").replace(BUNDLED_MERMAID, json.dumps(mermaid_url(custom)), 1)
                files.append(File.generated(config, uri, content=script))
            else:
                files.append(File.generated(config, uri, abs_src_path=str(asset)))

    def _check_labels(self) -> None:
        """A bad override falls back to the package's text; say so once, naming the key."""
        labels = self.config.labels or {}
        for language in sorted(labels, key=str):
            for message in check_overrides(str(language), labels[language]):
                if message not in self.reported_config:
                    self.reported_config.add(message)
                    log.warning(f"journeys: {message}")

    def _report(self, problems: tuple[Problem, ...]) -> None:
        """Log each problem once per process, though static-i18n runs us once per language."""
        for problem in problems:
            if problem in self.reported:
                continue
            self.reported.add(problem)
            (log.error if problem.is_error else log.warning)(problem.format())

    # After static-i18n's navigation translation (priority -100).
    @event_priority(-200)
    @timed
    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation | None:
        if not self.config.enabled or not self.config.nav or self.pages is None:
            return None
        return site_nav.add_section(nav, self.pages, files, self.config.nav_max_journeys)

    # After static-i18n's own context handling (priority 50): its language switcher only knows
    # the pages it created, so point it at the same generated page in each language.
    @event_priority(40)
    @timed
    def on_page_context(self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation) -> TemplateContext | None:
        if not self.config.enabled or page.file.generated_by != "journeys":
            return None
        alternates = getattr(config.extra, "alternate", None) or config.extra.get("alternate")
        if self.languages.is_multilingual and alternates:
            # Material reads `config.extra.alternate`; static-i18n sets it as an attribute too.
            config.extra.alternate = [  # type: ignore[attr-defined]
                {**alternate, "link": self.languages.url_in(alternate.get("lang", ""), page.url)}
                for alternate in alternates
            ]
        return context

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        # Switched on for the pages generated here only, just before MkDocs converts the page.
        self.html_stash.active = self.config.enabled and page.file.generated_by == "journeys"
        return None

    # Before the search plugin indexes the page (on_page_context): see search_slim.
    @timed
    def _set_drawings_aside(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if not self.config.enabled or page.file.generated_by != "journeys":
            return None
        html, self.drawings[page.url] = search_slim.set_aside(html)
        return html

    # Last of all on_page_content handlers: the Markdown has become HTML.
    @event_priority(-1000)
    def _release_markdown(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """MkDocs converts every page of a language before it writes any: holding only the
        HTML of the generated pages, not their Markdown too, lowers that peak."""
        if self.config.enabled and page.file.generated_by == "journeys":
            page.markdown = ""  # not None: MkDocs reads None as "not read yet" (and drops the title)
            page.file.content_string = ""
        return None

    on_page_content = CombinedEvent(_set_drawings_aside, _release_markdown)

    # First of all on_post_page handlers, so that minifiers and the like see the whole page.
    @event_priority(100)
    @timed
    def _put_drawings_back(self, output: str, page: Page, config: MkDocsConfig) -> str | None:
        drawings = self.drawings.pop(page.url, None)
        return search_slim.put_back(output, drawings) if drawings else None

    # After mkdocs-mermaid2-plugin's on_post_page (priority 0), which writes the import it fixes.
    @event_priority(-100)
    def _fix_mermaid2(self, output: str, page: Page, config: MkDocsConfig) -> str | None:
        if not self.config.enabled or "mermaid2" not in config.plugins:
            return None
        return compat.fix_mermaid2_import(output)

    # Last of all on_post_page handlers: the page is rendered and about to be written.
    @event_priority(-1000)
    def _release(self, output: str, page: Page, config: MkDocsConfig) -> str | None:
        """Drop a generated page's HTML once it is rendered (its Markdown went at on_page_content).

        MkDocs keeps every page's HTML until the build ends, and static-i18n keeps each
        language's files until all languages are built: at 2,000 journeys in six languages that
        alone is gigabytes. Nothing reads it after this point; the written file remains.
        """
        if self.config.enabled and page.file.generated_by == "journeys":
            if isinstance(page.file, GeneratedFile):
                page.file.mark_built()
            page.content = None
        return None

    on_post_page = CombinedEvent(_put_drawings_back, _fix_mermaid2, _release)

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        if self.config.enabled:
            server.watch(str(self.journeys_dir))
        return server


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Parsing and rendering thousands of journeys allocate millions of small, acyclic objects:
    Python's cyclic collector would walk the whole heap again and again (about 30% of the
    plugin's time at 2,000 journeys, measured). It runs once, afterwards."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _serve_only(i18n: Any, wanted: Sequence[str] | str) -> None:
    """`serve_languages`: preview only these languages (and the default one), for fast rebuilds."""
    languages = [w.strip() for w in (wanted.split(",") if isinstance(wanted, str) else wanted) if w.strip()]
    for language in i18n.config.languages:
        language.build = language.default or language.locale in languages


class GeneratedFile(File):
    """A generated page that `mkdocs serve --dirty` rebuilds only when its content changed.

    MkDocs counts a file that has content in memory as always modified; this one compares the
    content's digest with what this process last wrote to the same place.
    """

    written: ClassVar[dict[str, str]] = {}  # destination -> digest, for this process

    digest: str

    @classmethod
    def of(cls, config: MkDocsConfig, src: str, markdown: str, dest_prefix: str) -> GeneratedFile:
        file = cls.generated(config, src, content=markdown)
        assert isinstance(file, GeneratedFile)  # File.generated builds an instance of cls
        if dest_prefix:
            file.dest_uri = dest_prefix + file.dest_uri
        file.digest = hashlib.sha1(markdown.encode("utf-8")).hexdigest()
        return file

    def is_modified(self) -> bool:
        return GeneratedFile.written.get(self.abs_dest_path) != self.digest or not os.path.isfile(self.abs_dest_path)

    def mark_built(self) -> None:
        GeneratedFile.written[self.abs_dest_path] = self.digest


def mermaid_url(option: str) -> str:
    """The `mermaid_js` option as journeys.js imports it: URLs as they are, site paths relative."""
    if "://" in option or option.startswith("/"):
        return option
    return "../../" + option.removeprefix("./")


def _mapping(value: object) -> dict[str, str]:
    return {str(k): v for k, v in value.items() if isinstance(v, str)} if isinstance(value, dict) else {}


class Languages:
    """The languages of the site: from static-i18n when present, else the theme's language."""

    def __init__(self, current: str, default: str, all_languages: tuple[str, ...]) -> None:
        self.current, self.default, self.all = current, default, all_languages

    @property
    def is_multilingual(self) -> bool:
        return len(self.all) > 1

    @classmethod
    def of(cls, config: MkDocsConfig) -> Languages:
        theme_language = str(config.theme.get("language") or "en")
        i18n = config.plugins.get("i18n")
        if i18n is None:
            return cls(theme_language, theme_language, (theme_language,))
        languages = [lang for lang in i18n.config.languages if lang.build]
        default = next((lang.locale for lang in languages if lang.default), languages[0].locale)
        current = getattr(i18n, "current_language", None) or theme_language
        return cls(str(current), str(default), tuple(str(lang.locale) for lang in languages))

    def url_in(self, language: str, current_url: str) -> str:
        """The URL of the same generated page in another language (what the switcher links to)."""
        base = current_url
        if self.current != self.default and base.startswith(f"{self.current}/"):
            base = base[len(self.current) + 1 :]
        return base if language == self.default else f"{language}/{base}"
