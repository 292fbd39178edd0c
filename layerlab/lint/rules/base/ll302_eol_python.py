"""LL302 eol-python."""

from collections.abc import Iterator
from datetime import date
from typing import ClassVar

from layerlab.context import BuildContext
from layerlab.dockerfile import Dockerfile
from layerlab.lint.eol import ended_bases, ended_python
from layerlab.lint.findings import Level
from layerlab.lint.registry import Example, Hit, Rule
from layerlab.text import Text


class EolPython(Rule):
    code = "LL302"
    name = "eol-python"
    level = Level.WARNING
    lesson = "05-keep-current"
    summary = Text(
        en="The python image's tag names a Python version past its end of life.",
        ja="python イメージのタグがサポート終了 (EOL) した Python のバージョンを指しています。",
    )
    why = Text(
        en=(
            "CPython gets security fixes for five years; after that no new `python:<ver>` "
            "image brings fixes for the interpreter, and libraries drop the version one by "
            "one. Keeping current, as the talk asks, starts with a supported Python. The date "
            "is checked on the day you lint: 3.8 ended on 2024-10-07, 3.9 on 2025-10-31."
        ),
        ja=(
            "CPython のセキュリティ修正は約5年で終わります。その後は `python:<ver>` "
            "イメージを更新してもインタプリタの修正は入らず、ライブラリも順にそのバージョンの"
            "サポートをやめます。発表の「最新化する」は、サポート中の Python を選ぶことから"
            "始まります。判定は検査した日の日付で行います (3.8 は 2024-10-07、3.9 は "
            "2025-10-31 に終了)。"
        ),
    )
    fix = Text(
        en="Move to a supported Python, e.g. `python:3.13-slim`, and run your tests on it.",
        ja="サポート中の Python に移り (例: `python:3.13-slim`)、その上でテストを実行します。",
    )
    messages: ClassVar[dict[str, Text]] = {
        "ended": Text(
            en="`{image}` is {release}, past its end of life on {date}: move to a supported Python",
            ja=(
                "`{image}` は {release} で、{date} にサポートが終了 (EOL) しています。サポート中の"
                " Python に移行します。"
            ),
        ),
    }
    bad = (
        Example("FROM python:3.8-slim\n", lines=(1,), note="minor version"),
        Example("FROM python:3.7.17-slim-bookworm\n", lines=(1,), note="patch version"),
        Example("FROM docker.io/library/python:2\n", lines=(1,), note="python:2 is 2.7"),
        Example(
            "ARG PY=3.8\nFROM python:${PY}-slim AS builder\nFROM python:3.13-slim\n",
            lines=(2,),
            note="version from an ARG default, builder stage",
        ),
    )
    good = (
        Example("FROM python:3.13-slim\n", note="supported"),
        Example("FROM python:3-slim\n", note="major only: follows the newest 3.x"),
        Example("FROM python:slim\n", note="no version"),
        Example("ARG PY\nFROM python:${PY}-slim\n", note="ARG without a default"),
        Example("FROM bitnami/python:3.8\n", note="not the official python image"),
    )

    def check(self, dockerfile: Dockerfile, context: BuildContext | None) -> Iterator[Hit]:
        for stage, release in ended_bases(dockerfile, ended_python, date.today()):
            params = {
                "image": stage.base,
                "release": release.label,
                "date": release.end_of_life.isoformat(),
            }
            yield Hit(stage.from_line, "ended", params)
