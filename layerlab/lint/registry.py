"""The rule protocol and the catalogue, discovered from the `rules` package.

Everything about a rule lives in its own module (ruff and sqlfluff do the same): code,
name, level, the lesson that teaches it, why it matters in both languages, the fix, its
finding messages as templates in both languages, the equivalent codes of other tools, and
bad/good examples that are also its tests.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import ClassVar, NamedTuple

from layerlab.analysis import Facts
from layerlab.context import BuildContext
from layerlab.dockerfile import Dockerfile, Stage
from layerlab.lint.findings import Level
from layerlab.text import Param, Text, fill

# Lesson folders under lessons/, in the talk's order; a rule names the one that teaches it.
LESSONS = (
    "01-introduction",
    "02-build-cache",
    "03-dockerignore",
    "04-fewer-layers",
    "05-keep-current",
    "06-no-unneeded-packages",
    "07-multi-stage",
    "08-case-study",
    "09-summary",
)


@dataclass(frozen=True)
class Example:
    """A Dockerfile that shows the rule; bad ones must trigger it, good ones must not."""

    dockerfile: str
    lines: tuple[int, ...] | None = None  # for a bad example: exactly the lines flagged
    context: Mapping[str, str] | None = None  # build-context files, for LL5xx
    note: str = ""  # what this case shows, for test ids and docs
    path: str | None = None  # the Dockerfile's path in its repository, when the case needs one


# A Hit's hadolint code when the rule's single equivalent applies; None means hadolint is silent.
AS_RULE = "as-rule"


class Hit(NamedTuple):
    """What a rule's check yields: where, and which of the rule's `messages` with what
    parameters; the runner fills the template in the language asked for. (A named tuple:
    a generated file makes tens of thousands, and a frozen dataclass costs three times more.)"""

    line: int
    key: str  # a key of the rule's `messages`
    params: Mapping[str, Param] = {}  # read only, never mutated: one shared empty default
    column: int = 1
    hadolint: str | None = AS_RULE  # a DL code, None (hadolint would not fire), or AS_RULE


class Rule:
    code: ClassVar[str]
    name: ClassVar[str]
    level: ClassVar[Level]
    lesson: ClassVar[str]
    summary: ClassVar[Text]  # one line: what it checks
    why: ClassVar[Text]  # why it matters, in the talk's terms
    fix: ClassVar[Text]
    # Finding messages by key: str.format templates with the same `{fields}` in en and ja.
    messages: ClassVar[dict[str, Text]]
    hadolint: ClassVar[tuple[str, ...]] = ()  # hadolint DL codes for the same problem
    aliases: ClassVar[tuple[str, ...]] = ()  # other tools: BuildKit checks, Checkov, Trivy
    versus_hadolint: ClassVar[Text | None] = None  # deliberate differences, explained
    needs_context: ClassVar[bool] = False
    bad: ClassVar[tuple[Example, ...]]
    good: ClassVar[tuple[Example, ...]]

    def check(self, facts: Facts, context: BuildContext | None) -> Iterator[Hit]:
        raise NotImplementedError

    def message(self, key: str, params: Mapping[str, Param], lang: str) -> str:
        return fill(self.messages, key, params, lang)

    def hadolint_for(self, hit: Hit) -> str | None:
        """The hadolint code a finding carries: the hit's own, else the rule's only one."""
        return self.own_hadolint() if hit.hadolint == AS_RULE else hit.hadolint

    def own_hadolint(self) -> str | None:
        """The hadolint code of a hit that names none: the rule's only equivalent, if one."""
        return self.hadolint[0] if len(self.hadolint) == 1 else None


def final_stages(dockerfile: Dockerfile) -> list[Stage]:
    """Stages whose filesystem ends up in the image built without --target."""
    return [stage for stage in dockerfile.stages if stage.in_final_image]


@cache
def all_rules() -> tuple[Rule, ...]:
    """Every rule, sorted by code; imports each module under layerlab.lint.rules."""
    from layerlab.lint import rules

    found = []
    for info in pkgutil.walk_packages(rules.__path__, rules.__name__ + "."):
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, Rule)
                and value is not Rule
                and value.__module__ == module.__name__
            ):
                found.append(value())
    return tuple(sorted(found, key=lambda rule: rule.code))


@cache
def rules_by_code() -> dict[str, Rule]:
    return {rule.code: rule for rule in all_rules()}


def rules_for_hadolint(code: str) -> list[Rule]:
    return [rule for rule in all_rules() if code in rule.hadolint]
