"""Text in the two languages LayerLab speaks, and message templates filled in either."""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass, field

from layerlab.once import once

LANGUAGES = ("ja", "en")

LIST_SEPARATOR = {"en": ", ", "ja": "、"}


def language(lang: str) -> str:
    """`lang` if LayerLab speaks it; a clear error otherwise."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}: use one of {', '.join(LANGUAGES)}")
    return lang


@dataclass(frozen=True)
class Part:
    """Another template of the same rule, filled in the same language: a message's clause
    that varies (which remedy, which reason) without a sentence per combination."""

    key: str
    params: Mapping[str, Param] = field(default_factory=dict)

    def __hash__(self) -> int:  # the mapping itself is not hashable; its items are
        return hash((self.key, tuple(self.params.items())))


# A template parameter: a word or number, a list joined the way each language lists, a Part.
Param = str | int | tuple[str, ...] | Part


@dataclass(frozen=True)
class Text:
    en: str
    ja: str

    def __call__(self, lang: str) -> str:
        return self.ja if lang == "ja" else self.en

    def fill(self, lang: str, params: Mapping[str, str]) -> str:
        """The template in `lang` with its `{name}` fields filled; exactly its fields allowed."""
        template = self(lang)
        expected = self._fields[template]
        if expected != params.keys():
            raise ValueError(f"template wants {sorted(expected)}, got {sorted(params)}")
        return template.format_map(params)

    @once
    def _fields(self) -> dict[str, frozenset[str]]:
        """Each language's template -> its fields, read once (a lint fills a template per
        finding, tens of thousands of times in a generated file)."""
        return {template: frozenset(fields(template)) for template in (self.en, self.ja)}


def fields(template: str) -> set[str]:
    """The `{name}` fields of a str.format template."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def fill(templates: Mapping[str, Text], key: str, params: Mapping[str, Param], lang: str) -> str:
    """templates[key] in `lang`, with Parts filled from the same templates."""
    return templates[key].fill(lang, render_params(templates, params, lang))


def render_params(
    templates: Mapping[str, Text], params: Mapping[str, Param], lang: str
) -> dict[str, str]:
    """Each parameter as the text it stands for in `lang`."""
    return {name: _render(templates, value, lang) for name, value in params.items()}


def _render(templates: Mapping[str, Text], value: Param, lang: str) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, Part):
        return fill(templates, value.key, value.params, lang)
    if isinstance(value, tuple):
        return LIST_SEPARATOR.get(lang, ", ").join(value)
    return str(value)


def positional(template: str) -> tuple[str, list[str]]:
    """A `{name}` template as SARIF writes one, `{0}`, `{1}`...: (text, names in index order)."""
    names = sorted(fields(template))
    parts = []
    for literal, name, _, _ in string.Formatter().parse(template):
        parts.append(literal.replace("{", "{{").replace("}", "}}"))
        if name is not None:
            parts.append(f"{{{names.index(name)}}}")
    return "".join(parts), names
