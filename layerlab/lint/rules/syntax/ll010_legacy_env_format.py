"""LL010 legacy-env-format."""

from collections.abc import Iterator
from typing import ClassVar

from layerlab.context import BuildContext
from layerlab.dockerfile import Dockerfile
from layerlab.lint.findings import Level
from layerlab.lint.registry import Example, Hit, Rule
from layerlab.text import Text


class LegacyEnvFormat(Rule):
    code = "LL010"
    name = "legacy-env-format"
    level = Level.STYLE
    lesson = "01-introduction"
    aliases = ("LegacyKeyValueFormat",)
    summary = Text(
        en="`ENV key value` (space form); write `ENV key=value`.",
        ja="`ENV key value` (空白区切り) です。`ENV key=value` と書きます。",
    )
    why = Text(
        en=(
            "In the old space form everything after the name is the value, so "
            "`ENV A 1 B 2` sets A to `1 B 2`. The `key=value` form is unambiguous, sets "
            "several variables in one instruction and is the form Docker documents; Docker's "
            "build checks warn about the old one."
        ),
        ja=(
            "古い空白区切りの形式では、名前の後ろがすべて値になります。`ENV A 1 B 2` は A に "
            "`1 B 2` を設定します。`key=value` 形式なら曖昧さがなく、1つの命令で複数の変数を"
            "設定でき、Docker のドキュメントもこの形式です。Docker のビルドチェックも古い形式に"
            "警告を出します。"
        ),
    )
    fix = Text(
        en="Write `ENV PYTHONUNBUFFERED=1` (quote values with spaces).",
        ja="`ENV PYTHONUNBUFFERED=1` と書きます (空白を含む値は引用符で囲みます)。",
    )
    messages: ClassVar[dict[str, Text]] = {
        "legacy": Text(
            en="ENV {name} uses the legacy space form: write ENV {name}={value}",
            ja="ENV {name} は古い空白区切りの書き方です。ENV {name}={value} と書きます。",
        ),
    }
    bad = (
        Example(
            "FROM python:3.12-slim\nENV PYTHONUNBUFFERED 1\n",
            lines=(2,),
            note="space form",
        ),
        Example(
            "FROM python:3.12-slim\nENV GREETING hello world\n",
            lines=(2,),
            note="space form with a value holding spaces",
        ),
    )
    good = (
        Example(
            "FROM python:3.12-slim\nENV PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1\n",
            note="key=value",
        ),
        Example("FROM python:3.12-slim\nARG VERSION\n", note="ARG is not checked"),
    )

    def check(self, dockerfile: Dockerfile, context: BuildContext | None) -> Iterator[Hit]:
        for inst in dockerfile.instructions:
            words = inst.arguments.split(None, 1)
            if inst.keyword != "ENV" or not words or "=" in words[0]:
                continue
            value = words[1] if len(words) > 1 else ""
            quoted = len(value) > 1 and value[0] == value[-1] and value[0] in "\"'"
            if not quoted and (not value or any(char.isspace() for char in value)):
                value = '"' + value.replace('"', '\\"') + '"'
            yield Hit(inst.start_line, "legacy", {"name": words[0], "value": value})
