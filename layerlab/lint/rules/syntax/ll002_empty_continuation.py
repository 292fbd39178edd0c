"""LL002 empty-continuation."""

from collections.abc import Iterator
from typing import ClassVar

from layerlab.context import BuildContext
from layerlab.dockerfile import Dockerfile
from layerlab.lint.findings import Level
from layerlab.lint.registry import Example, Hit, Rule
from layerlab.text import Text


class EmptyContinuation(Rule):
    code = "LL002"
    name = "empty-continuation"
    level = Level.WARNING
    lesson = "04-fewer-layers"
    aliases = ("NoEmptyContinuation",)
    summary = Text(
        en="A blank line inside a '\\' continuation.",
        ja="行継続 '\\' の途中に空行があります。",
    )
    why = Text(
        en=(
            "Docker joins the lines around a blank line inside a continuation, so the blank "
            "line hides nothing but looks like the end of the command. Docker warns about it "
            "today and plans to make it an error."
        ),
        ja=(
            "行継続の途中の空行は無視され、前後の行はつながります。コマンドの終わりに見えて"
            "読み手を誤解させます。Docker は現在警告を出し、将来はエラーにする予定です。"
        ),
    )
    fix = Text(
        en="Delete the blank line, or end the command before it.",
        ja="空行を削除するか、その前でコマンドを終えます。",
    )
    messages: ClassVar[dict[str, Text]] = {
        "blank_line": Text(
            en="empty continuation line: Docker joins across it",
            ja="行継続の途中に空行があります。Docker は空行を飛ばして前後の行をつなげます。",
        ),
    }
    bad = (
        Example(
            "FROM python:3.12-slim\nRUN apt-get update && \\\n\n    apt-get upgrade -y\n",
            lines=(3,),
        ),
    )
    good = (Example("FROM python:3.12-slim\nRUN apt-get update && \\\n    apt-get upgrade -y\n"),)

    def check(self, dockerfile: Dockerfile, context: BuildContext | None) -> Iterator[Hit]:
        for problem in dockerfile.problems:
            if problem.code == self.code:
                yield Hit(problem.line, problem.key, problem.params)
