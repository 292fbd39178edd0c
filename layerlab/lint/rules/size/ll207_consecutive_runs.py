"""LL207 consecutive-runs."""

from collections.abc import Iterator
from typing import ClassVar

from layerlab.analysis import Facts
from layerlab.context import BuildContext
from layerlab.dockerfile import Instruction
from layerlab.lint.findings import Level
from layerlab.lint.registry import Example, Hit, Rule, final_stages
from layerlab.text import Text


class ConsecutiveRuns(Rule):
    code = "LL207"
    name = "consecutive-runs"
    level = Level.INFO
    lesson = "04-fewer-layers"
    hadolint = ("DL3059",)
    summary = Text(
        en="Consecutive one-command RUNs in the final image could be one RUN.",
        ja="最終イメージに、1つにまとめられる1コマンドだけの RUN が続いています。",
    )
    why = Text(
        en=(
            "Every RUN adds a layer to the image. Short RUNs one after another, with nothing "
            "in between, add layers without buying any caching, and files one of them creates "
            "and a later one deletes still take space. Only the final image matters here: in "
            "a builder stage, separate RUNs are cheap and give finer cache reuse. RUNs that "
            "already chain several commands, or use different --mount/--network flags, are "
            "deliberate units and stay separate."
        ),
        ja=(
            "RUN のたびにイメージのレイヤが1つ増えます。間に何もない短い RUN の連続は、"
            "キャッシュの利点もなくレイヤを増やすだけで、ある RUN が作り後の RUN が消した"
            "ファイルも容量を使い続けます。対象は最終イメージだけです。ビルド用のステージでは"
            "RUN を分けても害はなく、キャッシュも細かく効きます。すでに複数のコマンドをつないだ "
            "RUN や、--mount/--network が異なる RUN は、意図して分けた単位として扱います。"
        ),
    )
    fix = Text(
        en="Join the commands with `&&` in one RUN (or one `RUN <<EOF` heredoc).",
        ja=(
            "コマンドを `&&` でつないで1つの RUN にします "
            "(`RUN <<EOF` のヒアドキュメントでも構いません)。"
        ),
    )
    messages: ClassVar[dict[str, Text]] = {
        "consecutive": Text(
            en="this RUN directly follows the RUN on line {line}: join them with && into one layer",
            ja=(
                "この RUN は {line} 行目の RUN のすぐ後にあります。&& でつないで 1 つのレイヤーにま"
                "とめます。"
            ),
        ),
    }
    versus_hadolint = Text(
        en=(
            "DL3059 flags every stage, which is noise in builder stages (hadolint issue "
            "#1056); LayerLab checks only the final stage and the stages it is built FROM. "
            "Otherwise it follows DL3059: a RUN is reported when it and the RUN just before "
            "it (comments in between are fine) each run a single command with the same flags; "
            "a test such as `[ -d /x ]` is a condition, not a command."
        ),
        ja=(
            "DL3059 はすべてのステージを調べるため、ビルド用ステージでは雑音になります "
            "(hadolint issue #1056)。LayerLab は最終ステージとその FROM 元だけを調べます。"
            "それ以外は DL3059 と同じで、直前の RUN (間のコメントは可) と自分がどちらも"
            "1コマンドで、フラグも同じなら報告します。`[ -d /x ]` のようなテストは条件であって"
            "コマンドとは数えません。"
        ),
    )
    bad = (
        Example(
            "FROM python:3.12-slim\nRUN useradd --create-home app\n"
            "# the data folder\nRUN [ -d /data ] || mkdir /data\n",
            lines=(4,),
            note="a test and one command, after a comment",
        ),
        Example(
            "FROM python:3.12-slim\nRUN useradd --create-home app\n"
            "RUN mkdir -p /app/data\nRUN chown app /app/data\n",
            lines=(3, 4),
            note="every RUN after the first of a run",
        ),
        Example(
            "FROM python:3.12-slim\nRUN useradd --create-home app\n# data folder\n"
            "RUN mkdir -p /app/data\n",
            lines=(4,),
            note="a comment does not separate them",
        ),
    )
    good = (
        Example(
            "FROM python:3.12-slim AS build\nRUN pip wheel -w /wheels gunicorn==23.0.0\n"
            "RUN pip wheel -w /wheels django==5.1\n"
            "FROM python:3.12-slim\nCOPY --from=build /wheels /wheels\n",
            note="builder stages are exempt",
        ),
        Example(
            "FROM python:3.12-slim\nRUN useradd --create-home app\nWORKDIR /app\n"
            "RUN mkdir -p /app/data\n",
            note="another instruction in between",
        ),
        Example(
            "FROM python:3.12-slim\nRUN useradd --create-home app\n"
            "RUN --mount=type=cache,target=/root/.cache/pip pip install gunicorn==23.0.0\n",
            note="different --mount flags",
        ),
        Example(
            "FROM python:3.12-slim\nRUN apt-get update && apt-get install -y "
            "--no-install-recommends libpq5 && rm -rf /var/lib/apt/lists/*\n"
            "RUN useradd --create-home app\n",
            note="a RUN that already chains commands is a deliberate unit",
        ),
    )

    def check(self, facts: Facts, context: BuildContext | None) -> Iterator[Hit]:
        for stage in final_stages(facts.dockerfile):
            previous: Instruction | None = None  # the RUN just before, when it is one command
            for instruction in stage.instructions:
                if instruction.keyword != "RUN":
                    previous = None
                    continue
                if not _one_command(facts, instruction):
                    previous = None
                    continue
                if previous is not None and _same_flags(previous, instruction):
                    params = {"line": previous.start_line}
                    yield Hit(instruction.start_line, "consecutive", params)
                previous = instruction


def _same_flags(first: Instruction, second: Instruction) -> bool:
    return first.flags == second.flags or sorted(first.flags, key=repr) == sorted(
        second.flags, key=repr
    )


def _one_command(facts: Facts, run: Instruction) -> bool:
    """At most one command, a test (`[ -d x ]`, `[[ ... ]]`) not counted: it only decides
    whether the command after it runs (ShellCheck, which hadolint counts with, reads it as a
    condition too)."""
    commands = facts.commands(run)
    if len(commands) <= 1:
        return True
    return sum(1 for command in commands if command.program not in ("[", "[[")) <= 1
