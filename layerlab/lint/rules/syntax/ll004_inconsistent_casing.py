"""LL004 inconsistent-casing."""

from collections.abc import Iterator
from typing import ClassVar

from layerlab.context import BuildContext
from layerlab.dockerfile import Dockerfile, Instruction
from layerlab.lint.findings import Level
from layerlab.lint.registry import Example, Hit, Rule
from layerlab.text import Text


class InconsistentCasing(Rule):
    code = "LL004"
    name = "inconsistent-casing"
    level = Level.STYLE
    lesson = "01-introduction"
    aliases = ("ConsistentInstructionCasing", "FromAsCasing")
    summary = Text(
        en="Instruction keywords in mixed case, or `AS` cased unlike its FROM.",
        ja="命令の大文字・小文字が混在しているか、`AS` の大文字・小文字が FROM と違います。",
    )
    why = Text(
        en=(
            "Docker accepts `run` and `RUN` alike, but a file that mixes them is harder to "
            "scan: the eye looks for the keywords to see the layers. Docker's build checks "
            "warn when instructions do not follow the casing most of the file uses, and when "
            "`as` in `FROM image AS name` is cased differently from FROM."
        ),
        ja=(
            "Docker は `run` も `RUN` も受け付けますが、混在したファイルは読みにくくなります。"
            "読み手は命令のキーワードを目印にレイヤを追うからです。Docker のビルドチェックも、"
            "ファイルの大半と違う書き方の命令や、`FROM image AS name` の `as` が FROM と違う"
            "書き方のときに警告します。"
        ),
    )
    fix = Text(
        en="Write every keyword in upper case (`FROM python:3.12-slim AS build`).",
        ja="キーワードをすべて大文字で書きます (`FROM python:3.12-slim AS build`)。",
    )
    messages: ClassVar[dict[str, Text]] = {
        "not_lower": Text(
            en="'{keyword}' is not lower case like most instructions in this file",
            ja="'{keyword}' は、このファイルのほとんどの命令と違って小文字ではありません。",
        ),
        "not_upper": Text(
            en="'{keyword}' is not upper case like most instructions in this file",
            ja="'{keyword}' は、このファイルのほとんどの命令と違って大文字ではありません。",
        ),
        "as_casing": Text(
            en="'{as_word}' is cased unlike '{keyword}': write {keyword} ... {expected} {name}",
            ja=(
                "'{as_word}' の大文字・小文字が '{keyword}' とそろっていません。{keyword}"
                " ... {expected} {name} と書きます。"
            ),
        ),
    }
    bad = (
        Example(
            'from python:3.12-slim\nrun pip install flask==3\nCMD ["flask", "run"]\n',
            lines=(3,),
            note="an upper-case CMD among lower-case instructions",
        ),
        Example(
            'FROM python:3.12-slim\nrun pip install flask\nCMD ["flask", "run"]\n',
            lines=(2,),
            note="one lower-case keyword in an upper-case file",
        ),
        Example(
            "FROM python:3.12-slim\nWorkdir /app\n",
            lines=(2,),
            note="a keyword in mixed case",
        ),
        Example(
            "FROM python:3.12 as build\nFROM python:3.12-slim\n",
            lines=(1,),
            note="lower-case as after upper-case FROM",
        ),
        Example(
            "from python:3.12 AS build\nfrom python:3.12-slim\n",
            lines=(1,),
            note="upper-case AS after lower-case from",
        ),
    )
    good = (
        Example("FROM python:3.12 AS build\nRUN pip wheel .\n", note="all upper case"),
        Example("from python:3.12 as build\nrun pip wheel .\n", note="all lower case"),
    )

    def check(self, dockerfile: Dockerfile, context: BuildContext | None) -> Iterator[Hit]:
        known = [inst for inst in dockerfile.instructions if inst.known]
        lower = sum(inst.written_keyword.islower() for inst in known)
        upper = sum(inst.written_keyword.isupper() for inst in known)
        # BuildKit's rule: the majority wins, a tie goes to upper case.
        want_lower = lower > upper
        for inst in known:
            written = inst.written_keyword
            if written != (written.lower() if want_lower else written.upper()):
                casing = "not_lower" if want_lower else "not_upper"
                yield Hit(inst.start_line, casing, {"keyword": written})
            elif inst.keyword == "FROM":
                yield from _from_as_casing(inst)


def _from_as_casing(inst: Instruction) -> Iterator[Hit]:
    words = inst.arguments.split()
    if len(words) < 3 or words[1].lower() != "as":
        return
    written, as_word = inst.written_keyword, words[1]
    expected = "AS" if written.isupper() else "as"
    if as_word != expected:
        params = {"as_word": as_word, "keyword": written, "expected": expected, "name": words[2]}
        yield Hit(inst.start_line, "as_casing", params)
