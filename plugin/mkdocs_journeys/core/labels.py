"""Generated text in the reader's language: message catalogs, site overrides, locale formats."""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import string
from collections.abc import Mapping
from importlib import resources

import yaml
from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.numbers import format_decimal

DEFAULT_LANGUAGE = "en"


@functools.cache
def catalog(language: str) -> Mapping[str, str]:
    """The package's catalog for a language; empty when the package has none."""
    path = resources.files("mkdocs_journeys").joinpath(f"messages/{language}.yaml")
    if not path.is_file():
        return {}
    data = yaml.load(path.read_text("utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return {str(key): str(value) for key, value in (data or {}).items()}


def available_languages() -> list[str]:
    folder = resources.files("mkdocs_journeys").joinpath("messages")
    return sorted(item.name[:-5] for item in folder.iterdir() if item.name.endswith(".yaml"))


@functools.cache
def _locale(language: str) -> Locale:
    try:
        return Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse(DEFAULT_LANGUAGE)


@functools.lru_cache(maxsize=4096)
def _number(value: float, digits: int, language: str) -> str:
    """Scores and averages repeat a few values thousands of times a build: format each once."""
    pattern = "0" if digits == 0 else "0." + "#" * digits
    return format_decimal(value, format=pattern, locale=_locale(language))


class Labels:
    """Looks a key up in: the site's overrides, the language's catalog, then English."""

    def __init__(self, language: str = DEFAULT_LANGUAGE, overrides: Mapping[str, str] | None = None) -> None:
        self.language = language
        self._chain = (dict(overrides or {}), catalog(language), catalog(DEFAULT_LANGUAGE))

    def has_own(self, key: str) -> bool:
        """Whether the text exists in this language (not only via the English fallback)."""
        return any(key in layer for layer in self._chain[:2])

    def __call__(self, key: str, **params: object) -> str:
        for layer in self._chain:
            if key in layer:
                try:
                    return layer[key].format(**params) if params else layer[key]
                except (KeyError, IndexError, ValueError):
                    continue  # a bad override or catalog entry: the next layer has a good one
        return key

    def optional(self, key: str) -> str | None:
        for layer in self._chain:
            if key in layer:
                return layer[key]
        return None

    def date(self, value: dt.date) -> str:
        return format_date(value, format="medium", locale=_locale(self.language))

    def number(self, value: float, digits: int = 1) -> str:
        return _number(value, digits, self.language)

    def language_name(self, language: str) -> str:
        """A language's name in this language (Babel's CLDR data), e.g. `fa` in Russian."""
        try:
            name = Locale.parse(language.replace("-", "_")).get_display_name(_locale(self.language))
        except (UnknownLocaleError, ValueError):
            return language
        return name or language

    def channel(self, channel: str) -> str:
        key = "channel." + "-".join(channel.lower().split())
        return self.optional(key) or channel


def placeholders(text: str) -> set[str]:
    """The `{name}` fields of a message (empty for text with broken braces)."""
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}
    except ValueError:
        return {"{"}


def check_overrides(language: str, overrides: object) -> list[str]:
    """What is wrong with a site's `labels:` entry for one language, as sentences to show."""
    if not isinstance(overrides, Mapping):
        return [f"labels.{language}: expected a mapping of message keys to text, got {type(overrides).__name__}"]
    english = catalog(DEFAULT_LANGUAGE)
    messages = []
    for key, text in overrides.items():
        where = f"labels.{language}.{key}"
        if key not in english:
            close = difflib.get_close_matches(str(key), list(english), n=1)
            hint = f" Did you mean `{close[0]}`?" if close else " The keys are listed in the user guide (Translations)."
            messages.append(f"{where}: no such message key.{hint}")
        elif not isinstance(text, str):
            messages.append(f"{where}: expected text, got {type(text).__name__}")
        else:
            known, used = placeholders(english[key]), placeholders(text)
            if not used <= known:
                expected = ", ".join(f"{{{name}}}" for name in sorted(known)) or "none"
                unknown = ", ".join(f"{{{name}}}" for name in sorted(used - known))
                messages.append(
                    f"{where}: unknown placeholder {unknown}; this message can use: {expected}"
                    " (write {{ and }} for literal braces)"
                )
    return messages
