"""LL211 useradd-log-bloat."""

from collections.abc import Iterator
from typing import ClassVar

from layerlab.analysis import Facts
from layerlab.analysis.shell import Command
from layerlab.analysis.useradd import is_numeric_id, useradd_of
from layerlab.context import BuildContext
from layerlab.lint.findings import Level
from layerlab.lint.registry import Example, Hit, Rule, final_stages
from layerlab.text import Text

HIGH_UID = 100_000  # hadolint's line: six digits or more
# Bytes per UID that useradd seeks past in /var/log/lastlog (struct lastlog, 292 on 64-bit
# Linux) and /var/log/faillog (struct faillog, 32).
LOG_BYTES_PER_UID = 292 + 32


class UseraddLogBloat(Rule):
    code = "LL211"
    name = "useradd-log-bloat"
    level = Level.INFO
    lesson = "08-case-study"
    hadolint = ("DL3046",)
    summary = Text(
        en="`useradd` with a high UID and no `-l` (`--no-log-init`).",
        ja="`-l` (`--no-log-init`) なしで、大きな UID の `useradd` を実行しています。",
    )
    why = Text(
        en=(
            "useradd resets the new user's entry in /var/log/lastlog and /var/log/faillog, "
            "at an offset of about 324 bytes times the UID. On disk that file is sparse, but "
            "an image layer is a tar archive that stores the holes as zeros: UID 100000 adds "
            "about 32 MB to the layer, a UID in the millions hundreds of MB, and a later `rm` "
            "never shrinks it. useradd from shadow 4.13 on (Debian bookworm and later) skips "
            "entries the files do not hold yet, older ones (Debian bullseye and before, many "
            "other distributions) do not; `-l` costs nothing on either."
        ),
        ja=(
            "useradd は新しいユーザーの /var/log/lastlog と /var/log/faillog のエントリを"
            "初期化します。書き込む位置は UID × 約 324 バイトです。ディスク上ではスパース"
            "ファイルになりますが、イメージのレイヤは tar アーカイブで、穴もゼロとして保存"
            "されます。UID 100000 でレイヤが約 32 MB、数百万の UID なら数百 MB 増え、後から "
            "`rm` しても減りません。shadow 4.13 以降の useradd (Debian bookworm 以降) は"
            "ファイルにまだないエントリを書きませんが、それより古いもの (Debian bullseye 以前や、"
            "ほかの多くのディストリビューション) は書きます。`-l` はどちらでも害がありません。"
        ),
    )
    fix = Text(
        en="Add `-l` (`--no-log-init`): `useradd -l --uid 100000 app`; or use a UID below 100000.",
        ja=(
            "`-l` (`--no-log-init`) を付けます: `useradd -l --uid 100000 app`。または 100000 "
            "未満の UID を使います。"
        ),
    )
    messages: ClassVar[dict[str, Text]] = {
        "high_uid": Text(
            en=(
                "useradd --uid {uid} without -l: an older useradd writes about {size} of zeros "
                "into /var/log/lastlog and faillog in this layer; add -l (--no-log-init)"
            ),
            ja=(
                "-l なしの useradd --uid {uid} です。古い useradd はこのレイヤの /var/log/lastlog "
                "と faillog に約 {size} のゼロを書き込みます。-l (--no-log-init) を付けます。"
            ),
        ),
    }
    versus_hadolint = Text(
        en=(
            "hadolint reads the UID only from `-u N` (not `-uN`, `--uid N` or `--uid=N`), "
            "checks every stage, and takes any six characters for a high UID, a variable "
            "such as `$UID` included. LayerLab reads every form useradd accepts, through "
            "wrappers such as sudo and a path such as /usr/sbin/useradd, leaves variables "
            "alone, and checks only the stages whose layers end up in the image."
        ),
        ja=(
            "hadolint は UID を `-u N` からしか読まず (`-uN`、`--uid N`、`--uid=N` は見ません)、"
            "すべてのステージを検査し、`$UID` のような変数も含めて 6 文字以上なら大きな UID と"
            "みなします。LayerLab は useradd が受け付けるすべての書き方を、sudo などのラッパーや "
            "/usr/sbin/useradd のようなパス越しにも読み、変数は判定せず、レイヤがイメージに入る"
            "ステージだけを検査します。"
        ),
    )
    bad = (
        Example(
            "FROM python:3.12-slim\nRUN useradd -u 100000 app\n",
            lines=(2,),
            note="a six-digit UID",
        ),
        Example(
            "FROM python:3.12-slim\nRUN groupadd --gid 1000000 app \\\n"
            " && useradd --uid=1000000 --gid app --create-home app\n",
            lines=(2,),
            note="--uid=, in a longer RUN",
        ),
        Example(
            "FROM python:3.12-slim\nRUN useradd -ou100000 app\n",
            lines=(2,),
            note="short options run together",
        ),
    )
    good = (
        Example("FROM python:3.12-slim\nRUN useradd -lu 100000 app\n", note="-l with -u"),
        Example(
            "FROM python:3.12-slim\nRUN useradd --no-log-init --uid 100000 app\n",
            note="--no-log-init",
        ),
        Example("FROM python:3.12-slim\nRUN useradd --uid 10001 app\n", note="a five-digit UID"),
        Example("FROM python:3.12-slim\nRUN useradd --system app\n", note="no UID given"),
        Example(
            'FROM python:3.12-slim\nARG UID=100000\nRUN useradd -u "$UID" app\n',
            note="a variable: not guessed",
        ),
        Example(
            "FROM python:3.12 AS builder\nRUN useradd -u 100000 build\n"
            "FROM python:3.12-slim\nRUN useradd -u 10001 app\n",
            note="a builder stage's layers do not reach the image",
        ),
    )

    def check(self, facts: Facts, context: BuildContext | None) -> Iterator[Hit]:
        for stage in final_stages(facts.dockerfile):
            for inst in stage.instructions:
                for command in facts.commands(inst):
                    uid = _high_uid_logged(command)
                    if uid is not None:
                        size = _size(uid * LOG_BYTES_PER_UID)
                        yield Hit(inst.start_line, "high_uid", {"uid": uid, "size": size})
                        break


def _high_uid_logged(command: Command) -> int | None:
    """The UID of a `useradd` that writes lastlog/faillog entries for a high UID."""
    added = useradd_of(command)
    if added is None or added.no_log_init or added.uid is None or not is_numeric_id(added.uid):
        return None
    uid = int(added.uid)
    return uid if uid >= HIGH_UID else None


def _size(count: int) -> str:
    """Bytes as a reader compares them: `32 MB`, `1.4 TB`."""
    for unit, scale in (("TB", 10**12), ("GB", 10**9)):
        if count >= scale:
            return f"{count / scale:.1f} {unit}"
    return f"{round(count / 10**6)} MB"
