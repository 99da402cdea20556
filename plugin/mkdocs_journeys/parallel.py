"""Build static-i18n's languages on two cores: a forked child takes part of them.

mkdocs-static-i18n builds the default language, then, from its `on_post_build`, every other
language one after the other in the same process (`mkdocs.commands.build.build`). Each language
writes only under `site/<lang>/`, and what it hands back is its search entries. So the first
half of the other languages can be built by a forked copy of the process while this one builds
the rest; the child sends back its search entries, its log records (replayed here, so
`--strict` still counts them), its hook timings and its part of the site map, before
static-i18n writes the search index. Site-wide templates (404.html, sitemap.xml), which every
language build rewrites at the top of the site, are written by this process only, so the
result is the same, byte for byte, as one process's (tests/test_languages.py).

Used for `mkdocs build` on platforms with fork(); `mkdocs serve` and `--dirty` builds stay in
one process. Turned off with the plugin option `parallel: false`.
"""

from __future__ import annotations

import gzip
import logging
import os
import pickle
import re
import shutil
import struct
import tempfile
from collections.abc import Callable
from typing import Any

from mkdocs.exceptions import PluginError

from . import timings

log = logging.getLogger("mkdocs.plugins.journeys")


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


class LanguageSplitter:
    """Stands in for static-i18n's `build` function; see the module docstring."""

    def __init__(self, i18n: Any, build: Callable[..., None], languages: list[str]) -> None:
        self.i18n, self.build = i18n, build
        others = [lang for lang in languages if lang != languages[0]]
        self.child_languages = set(others[: (len(others) + 1) // 2])
        self.child: tuple[int, str] | None = None  # pid, result file

    def __call__(self, config: Any, dirty: bool = False) -> None:
        language = self.i18n.current_language
        if language not in self.child_languages:
            self.build(config, dirty=dirty)
        elif self.child is None:
            self.default_entries, self.site_dir = len(self.i18n.search_entries), config.site_dir
            self._fork(config, dirty, [lang for lang in self.i18n.build_languages if lang in self.child_languages])

    def _fork(self, config: Any, dirty: bool, languages: list[str]) -> None:
        fd, path = tempfile.mkstemp(prefix="journeys-languages-", suffix=".pickle")
        os.close(fd)
        pid = os.fork()
        if pid:
            self.child = (pid, path)
            return
        # The child: build its languages with logging captured, send back what the parent needs.
        status = 0
        collect = _Collect()
        # MkDocs logs through "mkdocs" (which does not propagate) and plugins' own loggers.
        for logger in (logging.getLogger(), logging.getLogger("mkdocs")):
            for handler in list(logger.handlers):
                logger.removeHandler(handler)
            logger.addHandler(collect)
        first_new = len(self.i18n.search_entries)
        inherited = timings.totals()  # the parent's figures so far: not the child's to report
        error = None
        sitemap_dir = tempfile.mkdtemp(prefix="journeys-sitemap-")
        _redirect_theme_templates(sitemap_dir)
        try:
            for language in languages:
                self.i18n.current_language = language
                self.build(config, dirty=dirty)
        except BaseException as exc:  # noqa: BLE001 - reported by the parent
            error, status = f"{type(exc).__name__}: {exc}", 1
        try:
            sitemap = _read(os.path.join(sitemap_dir, "sitemap.xml"))
            shutil.rmtree(sitemap_dir, ignore_errors=True)
            with open(path, "wb") as out:
                payload = (self.i18n.search_entries[first_new:], collect.records, error, timings.since(inherited), sitemap)
                pickle.dump(payload, out, pickle.HIGHEST_PROTOCOL)
        finally:
            os._exit(status)

    def join(self) -> None:
        """Wait for the child, replay its log, add its search entries (before the index is written)."""
        if self.child is None:
            return
        pid, path = self.child
        self.child = None
        os.waitpid(pid, 0)
        try:
            with open(path, "rb") as result:
                entries, records, error, child_timings, child_sitemap = pickle.load(result)
        except (OSError, EOFError, pickle.UnpicklingError) as exc:
            raise PluginError(f"journeys: the process building other languages failed ({exc})") from exc
        finally:
            os.unlink(path)
        for name, level, message in records:
            if level >= logging.INFO and not message.startswith("Documentation built in"):
                logging.getLogger(name).log(level, message)
        # The child built the languages right after the default one: its entries go there.
        self.i18n.search_entries[self.default_entries : self.default_entries] = entries
        timings.merge(child_timings)
        if child_sitemap:
            _merge_sitemaps(self.site_dir, child_sitemap)
        if error:
            raise PluginError(f"journeys: building languages {sorted(self.child_languages)} failed: {error}")


def _read(path: str) -> str | None:
    try:
        with open(path, encoding="utf-8") as text:
            return text.read()
    except OSError:
        return None


def _redirect_theme_templates(folder: str) -> None:
    """In the child: write the site-wide templates (404.html, sitemap.xml), which every language
    build rewrites at the top of the site, to `folder` instead. The parent keeps its own 404 page
    (the last language's, as in one process) and merges the site map."""
    from mkdocs.commands import build as build_module

    original = build_module._build_theme_template

    def build_theme_template(template_name: str, env: Any, files: Any, config: Any, nav: Any) -> None:
        site_dir = config.site_dir
        config.site_dir = folder
        try:
            return original(template_name, env, files, config, nav)
        finally:
            config.site_dir = site_dir

    build_module._build_theme_template = build_theme_template


_URL = re.compile(r"\n    <url>.*?</url>", re.DOTALL)


def _merge_sitemaps(site_dir: str, child: str) -> None:
    """Rewrite site/sitemap.xml(.gz) as one process would have: the default language's entries,
    then the child's languages, then this process's (static-i18n's template lists languages in
    build order). The gzip copy keeps the timestamp MkDocs gave it."""
    path = os.path.join(site_dir, "sitemap.xml")
    mine = _read(path)
    if mine is None:
        return
    ours, theirs = _URL.findall(mine), _URL.findall(child)
    shared = 0
    while shared < min(len(ours), len(theirs)) and ours[shared] == theirs[shared]:
        shared += 1
    merged_urls = ours[:shared] + theirs[shared:] + ours[shared:]
    first = _URL.search(mine)
    head = mine[: first.start()] if first else mine
    tail = mine[mine.rindex("</url>") + len("</url>") :] if first else ""
    merged = head + "".join(merged_urls) + tail
    with open(path, "w", encoding="utf-8") as out:
        out.write(merged)
    gz_path = path + ".gz"
    with open(gz_path, "rb") as old:
        mtime = struct.unpack("<I", old.read(8)[4:8])[0]
    with open(gz_path, "wb") as raw, gzip.GzipFile(fileobj=raw, filename=gz_path, mode="wb", mtime=mtime) as gz:
        gz.write(merged.encode("utf-8"))


def build_languages_in_parallel(i18n: Any) -> LanguageSplitter | None:
    """Install the splitter into static-i18n (1.3's layout); None when that layout is not there."""
    import mkdocs_static_i18n.plugin as i18n_module

    build = getattr(i18n_module, "build", None)
    original_index = getattr(i18n, "reconfigure_search_index", None)
    if build is None or original_index is None or not hasattr(os, "fork") or isinstance(build, LanguageSplitter):
        return None
    languages = list(getattr(i18n, "build_languages", []))
    if len(languages) < 3:
        return None
    splitter = LanguageSplitter(i18n, build, languages)
    i18n_module.build = splitter

    def reconfigure_search_index(config: Any) -> None:
        try:
            splitter.join()
        finally:
            i18n_module.build = build
        original_index(config)

    i18n.reconfigure_search_index = reconfigure_search_index
    return splitter
