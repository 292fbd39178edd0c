"""LL011 same-env-reference."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import ClassVar

from layerlab.analysis import Facts
from layerlab.context import BuildContext
from layerlab.dockerfile import Instruction, parse_arg
from layerlab.lint.findings import Level
from layerlab.lint.registry import Example, Hit, Rule
from layerlab.text import Text

# `$NAME`, `${NAME}`, `${NAME:-default}`: the name Docker substitutes.
REFERENCE_RE = re.compile(r"\$(\{)?([A-Za-z_][A-Za-z0-9_]*)")


@dataclass(frozen=True)
class Reference:
    name: str  # the variable whose value uses it
    written: str  # `$VIRTUAL_ENV` or `${VIRTUAL_ENV}`


class SameEnvReference(Rule):
    code = "LL011"
    name = "same-env-reference"
    level = Level.WARNING
    lesson = "07-multi-stage"
    hadolint = ("DL3044",)
    summary = Text(
        en="An ENV uses a variable that the same ENV sets.",
        ja="ENV が、同じ ENV で設定する変数を参照しています。",
    )
    why = Text(
        en=(
            "Docker substitutes every variable of an ENV with its value from before that "
            'instruction. In `ENV VIRTUAL_ENV=/opt/venv PATH="$VIRTUAL_ENV/bin:$PATH"` the '
            "`$VIRTUAL_ENV` is still empty, so PATH gets `/bin:...` and the venv copied from "
            "the builder is never on it: `python` and `uwsgi` come from the base image, or "
            "are not found. The build succeeds; the mistake shows only when the container "
            "runs. `$PATH` on its own line is fine: it is meant to be the old value."
        ),
        ja=(
            "Docker は ENV の中の変数を、その命令より前の値で置き換えます。"
            '`ENV VIRTUAL_ENV=/opt/venv PATH="$VIRTUAL_ENV/bin:$PATH"` の `$VIRTUAL_ENV` は'
            "まだ空なので、PATH は `/bin:...` になり、builder からコピーした venv は PATH に"
            "入りません。`python` や `uwsgi` はベースイメージのものが使われるか、見つからなく"
            "なります。ビルドは成功し、間違いはコンテナを動かしたときに初めて分かります。"
            "`PATH=/opt/venv/bin:$PATH` のように自分自身を参照するのは問題ありません。"
            "前の値を使うのが狙いだからです。"
        ),
    )
    fix = Text(
        en=(
            "Set the variable in its own ENV first: `ENV VIRTUAL_ENV=/opt/venv`, then "
            '`ENV PATH="$VIRTUAL_ENV/bin:$PATH"`; or write the value out '
            "(`ENV PATH=/opt/venv/bin:$PATH`)."
        ),
        ja=(
            "変数を先に別の ENV で設定します (`ENV VIRTUAL_ENV=/opt/venv` の次に "
            '`ENV PATH="$VIRTUAL_ENV/bin:$PATH"`)。または値をそのまま書きます '
            "(`ENV PATH=/opt/venv/bin:$PATH`)。"
        ),
    )
    messages: ClassVar[dict[str, Text]] = {
        "same_env": Text(
            en=(
                "{name} uses `{reference}`, which this same ENV sets: Docker substitutes the "
                "value from before this ENV, not the new one; set it in an ENV of its own first"
            ),
            ja=(
                "{name} が、同じ ENV で設定する `{reference}` を参照しています。Docker が使うのは"
                "この ENV より前の値で、ここで設定する値ではありません。先に別の ENV で設定します。"
            ),
        ),
    }
    versus_hadolint = Text(
        en=(
            "hadolint remembers every ENV and ARG above, in any stage; LayerLab, as Docker "
            "does, only those of the same stage and the stages it is built FROM. So the venv "
            "trap in a final stage is found even when the builder stage set VIRTUAL_ENV, which "
            "hadolint misses. LayerLab also reads `${VAR:-default}` as a use of VAR, and takes "
            "a `$` in single quotes or after the escape character as the literal character "
            "Docker keeps it as (hadolint flags both). Warning rather than hadolint's error: "
            "the build itself succeeds."
        ),
        ja=(
            "hadolint は、どのステージかに関係なく、それより上のすべての ENV と ARG を覚えて"
            "います。LayerLab は Docker と同じく、同じステージと、その FROM 元のステージの"
            "ものだけを見ます。そのため、builder ステージで VIRTUAL_ENV を設定していても、"
            "最終ステージの venv の落とし穴を見つけます (hadolint は見逃します)。また "
            "`${VAR:-default}` も VAR の参照とみなし、シングルクォートの中やエスケープ文字の後の "
            "`$` は Docker と同じく文字どおりの `$` として扱います (hadolint はどちらも指摘"
            "します)。ビルド自体は成功するので、hadolint のようなエラーではなく警告にしています。"
        ),
    )
    bad = (
        Example(
            'FROM python:3.12-slim\nENV VIRTUAL_ENV=/opt/venv PATH="$VIRTUAL_ENV/bin:$PATH"\n',
            lines=(2,),
            note="the venv and PATH trap",
        ),
        Example(
            "FROM python:3.12-slim\nENV APP_HOME=/app \\\n    DATA_DIR=${APP_HOME}/data\n",
            lines=(2,),
            note="braces, across a continuation",
        ),
        Example(
            "FROM python:3.12-slim\nENV PATH=/opt/tools/bin:$PATH PATH=/opt/venv/bin:$PATH\n",
            lines=(2,),
            note="the same variable set twice: the second PATH drops the first",
        ),
        Example(
            "FROM python:3.12 AS builder\nENV VIRTUAL_ENV=/opt/venv\n"
            "RUN python -m venv $VIRTUAL_ENV\nFROM python:3.12-slim\n"
            "COPY --from=builder /opt/venv /opt/venv\n"
            "ENV VIRTUAL_ENV=/opt/venv PATH=$VIRTUAL_ENV/bin:$PATH\n",
            lines=(6,),
            note="a variable of another stage is not set in this one",
        ),
        Example(
            "FROM python:3.12-slim\nENV LANG=C.UTF-8 LC_ALL=${LANG:-C}\n",
            lines=(2,),
            note="a default does not help: LANG is still the old value",
        ),
    )
    good = (
        Example(
            'FROM python:3.12-slim\nENV VIRTUAL_ENV=/opt/venv\nENV PATH="$VIRTUAL_ENV/bin:$PATH"\n',
            note="set first, used in the next ENV",
        ),
        Example(
            "FROM python:3.12-slim\nENV PATH=/opt/venv/bin:$PATH PYTHONUNBUFFERED=1\n",
            note="a variable's own old value",
        ),
        Example(
            "FROM python:3.12-slim AS base\nENV VIRTUAL_ENV=/opt/venv\nFROM base\n"
            "ENV VIRTUAL_ENV=/opt/venv PATH=$VIRTUAL_ENV/bin:$PATH\n",
            note="set before in the stage it is built FROM",
        ),
        Example(
            "FROM python:3.12-slim\nARG APP_HOME=/app\n"
            "ENV APP_HOME=$APP_HOME DATA_DIR=$APP_HOME/data\n",
            note="an ARG of the stage gives the value",
        ),
        Example(
            "FROM python:3.12-slim\nENV APP=web LOG_FILE=/var/log/$APP_NAME.log\n",
            note="another variable whose name starts the same",
        ),
        Example(
            "FROM python:3.12-slim\nENV HOME=/home/app GREETING='$HOME stays as written'\n",
            note="single quotes keep the $ literal",
        ),
        Example(
            "FROM python:3.12-slim\nENV HOME=/home/app HINT=\\$HOME/.config\n",
            note="so does the escape character",
        ),
    )

    def check(self, facts: Facts, context: BuildContext | None) -> Iterator[Hit]:
        dockerfile = facts.dockerfile
        # Before the first FROM (LL001, but still linted), then each stage, which starts
        # with what the stage it is built FROM had set.
        before_from = [inst for inst in dockerfile.instructions if inst.stage < 0]
        yield from _check_scope(before_from, set(), dockerfile.escape)
        defined: dict[int, set[str]] = {}
        for stage in dockerfile.stages:
            known = set(defined[stage.parent]) if stage.parent is not None else set()
            yield from _check_scope(stage.instructions, known, dockerfile.escape)
            defined[stage.index] = known


def _check_scope(instructions: list[Instruction], known: set[str], escape: str) -> Iterator[Hit]:
    """Findings of one stage; `known` gains every name an ENV or ARG of it sets."""
    for inst in instructions:
        if inst.keyword == "ENV":
            pairs = env_pairs(inst, escape)
            found = same_env_reference(pairs, known, escape)
            if found is not None:
                params = {"name": found.name, "reference": found.written}
                yield Hit(inst.start_line, "same_env", params)
            known.update(name for name, _ in pairs)
        elif inst.keyword == "ARG":
            known.update(name for name, _ in parse_arg(inst.arguments))


def same_env_reference(
    pairs: list[tuple[str, str]], known: set[str], escape: str
) -> Reference | None:
    """The first use of a variable that another pair of the same ENV sets, unless an
    earlier ENV or ARG gave it a value (then the old value is most likely meant)."""
    times_set = Counter(name for name, _ in pairs)
    for name, value in pairs:
        for written, variable in references(value, escape):
            by_another = times_set[variable] > (1 if variable == name else 0)
            if by_another and variable not in known:
                return Reference(name, written)
    return None


def env_pairs(inst: Instruction, escape: str) -> list[tuple[str, str]]:
    """`ENV A=1 B="$A x"` -> [("A", "1"), ("B", '"$A x"')], values as written (quotes kept);
    the legacy space form (`ENV A 1 2`) sets one variable."""
    words = _raw_words(inst.arguments, escape)
    if words and "=" not in words[0]:
        return [(words[0], " ".join(words[1:]))]
    return [(name, value) for name, _, value in (w.partition("=") for w in words if "=" in w)]


def references(value: str, escape: str) -> Iterator[tuple[str, str]]:
    """(as written, name) of each variable Docker substitutes in an ENV value: not in single
    quotes, not after the escape character."""
    quote = ""
    index = 0
    while index < len(value):
        char = value[index]
        if quote == "'":
            quote = "" if char == "'" else quote
        elif char == escape:
            index += 1
        elif char in "'\"":
            quote = "" if quote == char else quote or char
        elif char == "$" and (match := REFERENCE_RE.match(value, index)):
            brace, name = match.groups()
            yield (f"${{{name}}}" if brace else f"${name}"), name
            index = match.end() - 1
        index += 1


def _raw_words(text: str, escape: str) -> list[str]:
    """Words split at unquoted, unescaped blanks, quotes and escapes kept as written."""
    words: list[str] = []
    current = ""
    quote = ""
    index = 0
    while index < len(text):
        char = text[index]
        if char == escape and quote != "'" and index + 1 < len(text):
            current += text[index : index + 2]
            index += 2
            continue
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char.isspace():
            if current:
                words.append(current)
            current = ""
            index += 1
            continue
        current += char
        index += 1
    if current:
        words.append(current)
    return words
