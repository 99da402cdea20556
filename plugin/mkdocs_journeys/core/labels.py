"""Generated text in the reader's language: message catalogs, site overrides, locale formats."""

from __future__ import annotations

import datetime as dt
import functools
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
                text = layer[key]
                break
        else:
            text = key
        return text.format(**params) if params else text

    def optional(self, key: str) -> str | None:
        for layer in self._chain:
            if key in layer:
                return layer[key]
        return None

    def date(self, value: dt.date) -> str:
        return format_date(value, format="medium", locale=_locale(self.language))

    def number(self, value: float, digits: int = 1) -> str:
        pattern = "0" if digits == 0 else "0." + "#" * digits
        return format_decimal(value, format=pattern, locale=_locale(self.language))

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
