"""The kinds of check an exercise declares, each judging an effect of the answer.

lesson.toml declares them (see `manifest`); every kind names itself in both languages, so a
learner reads what the lesson wants, not which regular expression matched.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from layerlab.analysis import Facts
from layerlab.exercises import stage_facts
from layerlab.exercises.answer import Answer
from layerlab.exercises.cache_verdict import Edit, install_verdicts
from layerlab.exercises.context_facts import copied_from_context
from layerlab.lint.registry import rules_by_code
from layerlab.text import Text

PATTERN_FLAGS = re.MULTILINE | re.IGNORECASE


@dataclass(frozen=True)
class CheckResult:
    label: Text
    passed: bool


class Check(Protocol):
    @property
    def label(self) -> Text: ...

    def passed(self, answer: Answer) -> bool: ...


PARSES = Text(en="Docker can parse it (no LL001)", ja="Docker が解釈できる (LL001 がない)")


@dataclass(frozen=True)
class Parses:
    @property
    def label(self) -> Text:
        return PARSES

    def passed(self, answer: Answer) -> bool:
        return "LL001" not in answer.codes and answer.dockerfile is not None


@dataclass(frozen=True)
class CodeAbsent:
    code: str

    @property
    def label(self) -> Text:
        name = rules_by_code()[self.code].name
        return Text(en=f"{self.code} {name} is gone", ja=f"{self.code} {name} が出ない")

    def passed(self, answer: Answer) -> bool:
        return self.code not in answer.codes


@dataclass(frozen=True)
class CodePresent:
    code: str

    @property
    def label(self) -> Text:
        name = rules_by_code()[self.code].name
        return Text(en=f"{self.code} {name} is reported", ja=f"{self.code} {name} が出る")

    def passed(self, answer: Answer) -> bool:
        return self.code in answer.codes


@dataclass(frozen=True)
class TextPattern:
    """Only where the text itself is the lesson."""

    regex: str
    label: Text

    def passed(self, answer: Answer) -> bool:
        return re.search(self.regex, answer.text, PATTERN_FLAGS) is not None


@dataclass(frozen=True)
class Fact:
    name: str
    label: Text
    judge: Callable[[Facts], bool]


FACTS = {
    fact.name: fact
    for fact in (
        Fact(
            "slim-base",
            Text(en="the final image is built on a slim base", ja="最終イメージのベースは slim"),
            stage_facts.slim_base,
        ),
        Fact(
            "non-root",
            Text(
                en="the final image runs as a non-root user (its last USER)",
                ja="最終イメージは root 以外のユーザーで動く (最後の USER)",
            ),
            stage_facts.runs_as_non_root,
        ),
        Fact(
            "unprivileged-ports",
            Text(
                en="every port it exposes or listens on is 1024 or above",
                ja="EXPOSE するポートも待ち受けるポートもすべて 1024 以上",
            ),
            stage_facts.unprivileged_ports,
        ),
        Fact(
            "exec-command",
            Text(
                en="the container starts the app with an exec-form command",
                ja="コンテナは exec 形式のコマンドでアプリを起動する",
            ),
            stage_facts.exec_form_command,
        ),
        Fact(
            "uses-builder-stage",
            Text(
                en="the final image takes what it needs from an earlier stage",
                ja="最終イメージは前のステージで作ったものを受け取っている",
            ),
            stage_facts.uses_another_stage,
        ),
        Fact(
            "deps-built-elsewhere",
            Text(
                en="dependencies are installed in a stage outside the final image",
                ja="依存パッケージは最終イメージ以外のステージでインストールしている",
            ),
            stage_facts.dependencies_built_elsewhere,
        ),
        Fact(
            "deps-bind-mounted",
            Text(
                en="the dependency install reads its requirements through a bind mount",
                ja="依存のインストールは、依存ファイルをバインドマウントで読んでいる",
            ),
            stage_facts.manifests_bind_mounted,
        ),
        Fact(
            "installer-cache-mounted",
            Text(
                en="pip (or uv) keeps its download cache in a cache mount",
                ja="pip (や uv) のダウンロードキャッシュはキャッシュマウントに置いている",
            ),
            stage_facts.installer_cache_mounted,
        ),
    )
}


@dataclass(frozen=True)
class FinalImage:
    """A fact about the image built without --target."""

    fact: Fact

    @property
    def label(self) -> Text:
        return self.fact.label

    def passed(self, answer: Answer) -> bool:
        return answer.facts is not None and self.fact.judge(answer.facts)


@dataclass(frozen=True)
class Installs:
    """OS packages the app needs at run time are still in the final image."""

    packages: tuple[str, ...]

    @property
    def label(self) -> Text:
        names = ", ".join(self.packages)
        return Text(
            en=f"the runtime packages {names} are in the final image",
            ja=f"実行時に要るパッケージ {names} は最終イメージに入っている",
        )

    def passed(self, answer: Answer) -> bool:
        if answer.facts is None:
            return False
        return set(self.packages) <= stage_facts.os_packages_kept(answer.facts)


CACHE_LABELS = {
    (Edit.CODE, True): Text(
        en="after a code-only edit the dependency install comes from the cache (predicted)",
        ja="コードだけを変えたとき、依存のインストールはキャッシュが使われる (予測)",
    ),
    (Edit.CODE, False): Text(
        en="after a code-only edit the dependency install runs again (predicted)",
        ja="コードだけを変えたとき、依存のインストールが再実行される (予測)",
    ),
    (Edit.DEPS, True): Text(
        en="after a dependency edit the dependency install comes from the cache (predicted)",
        ja="依存関係を変えたとき、依存のインストールはキャッシュが使われる (予測)",
    ),
    (Edit.DEPS, False): Text(
        en="after a dependency edit the dependency install runs again (predicted)",
        ja="依存関係を変えたとき、依存のインストールは再実行される (予測)",
    ),
}


@dataclass(frozen=True)
class CacheVerdict:
    """The cache predictor's verdict on the dependency install after an edit."""

    edit: Edit
    cached: bool

    @property
    def label(self) -> Text:
        return CACHE_LABELS[self.edit, self.cached]

    def passed(self, answer: Answer) -> bool:
        if answer.facts is None or answer.project is None:
            return False
        verdicts = install_verdicts(answer.facts, answer.project, self.edit)
        return bool(verdicts) and all(cached is self.cached for cached in verdicts)


@dataclass(frozen=True)
class ContextCopies:
    """Files of the build context that must reach the image (after .dockerignore)."""

    paths: tuple[str, ...]

    @property
    def label(self) -> Text:
        names = ", ".join(self.paths)
        return Text(
            en=f"{names} come from the build context",
            ja=f"{names} をビルドコンテキストから COPY している",
        )

    def passed(self, answer: Answer) -> bool:
        if answer.dockerfile is None or answer.context is None:
            return False
        return set(self.paths) <= copied_from_context(answer.dockerfile, answer.context)


def run_checks(checks: Sequence[Check], answer: Answer) -> list[CheckResult]:
    return [CheckResult(check.label, check.passed(answer)) for check in checks]


def passed(results: Sequence[CheckResult]) -> bool:
    return bool(results) and all(result.passed for result in results)
