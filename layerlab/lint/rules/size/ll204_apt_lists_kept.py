"""LL204 apt-lists-kept."""

from collections.abc import Iterator
from typing import ClassVar

from layerlab.analysis import Facts
from layerlab.analysis.layer_paths import APT_LISTS, clears, mount_covers
from layerlab.context import BuildContext
from layerlab.dockerfile import Instruction
from layerlab.lint.findings import Level
from layerlab.lint.registry import Example, Hit, Rule, final_stages
from layerlab.text import Text


class AptListsKept(Rule):
    code = "LL204"
    name = "apt-lists-kept"
    level = Level.INFO
    lesson = "04-fewer-layers"
    hadolint = ("DL3009",)
    summary = Text(
        en="The apt package lists stay in the image.",
        ja="apt のパッケージ一覧がイメージに残っています。",
    )
    why = Text(
        en=(
            "`apt-get update` downloads the package index into /var/lib/apt/lists: tens of MB "
            "the running app never reads. A layer keeps whatever its RUN left behind, and a "
            "later `rm` cannot shrink it, so the lists must go in the same RUN that fetched "
            "them. Builder stages are exempt: only what you copy out of them reaches the image."
        ),
        ja=(
            "`apt-get update` はパッケージ一覧を /var/lib/apt/lists にダウンロードします。"
            "アプリが実行時に読むことのない数十 MB です。レイヤには RUN が残したものがすべて"
            "残り、後の `rm` では小さくできません。一覧は取得したのと同じ RUN で消します。"
            "ビルド用のステージは対象外です。そこからコピーしたものだけが最終イメージに入ります。"
        ),
    )
    fix = Text(
        en=(
            "End the RUN with `&& rm -rf /var/lib/apt/lists/*`, or keep the lists in a cache "
            "mount: `RUN --mount=type=cache,target=/var/lib/apt,sharing=locked ...`."
        ),
        ja=(
            "RUN の最後に `&& rm -rf /var/lib/apt/lists/*` を付けるか、キャッシュマウントに"
            "置きます: `RUN --mount=type=cache,target=/var/lib/apt,sharing=locked ...`。"
        ),
    )
    messages: ClassVar[dict[str, Text]] = {
        "lists_kept": Text(
            en=(
                "`{command}` leaves /var/lib/apt/lists in this layer: add `&& rm -rf "
                "/var/lib/apt/lists/*` to the same RUN"
            ),
            ja=(
                "`{command}` が取得した /var/lib/apt/lists がこのレイヤーに残ります。同じ RUN に"
                " `&& rm -rf /var/lib/apt/lists/*` を加えます。"
            ),
        ),
    }
    versus_hadolint = Text(
        en=(
            "Like DL3009 this looks at RUNs that run `apt-get update` in the final stage and "
            "the stages it is built FROM, and at every ONBUILD RUN. DL3009 also checks a "
            "builder stage that another builder is built FROM; its lists never reach the "
            "final image, so LayerLab leaves it alone. `apt-get dist-clean` (apt 2.7.8, Debian "
            "trixie) deletes the lists, and LayerLab accepts it; hadolint knows only "
            "`rm -rf /var/lib/apt/lists/*`. A cache mount on /var/lib/apt alone "
            "counts as clean (the lists live below it); hadolint also wants /var/cache/apt "
            "mounted."
        ),
        ja=(
            "DL3009 と同じく、`apt-get update` を実行する RUN を、最終ステージとその FROM 元の"
            "ステージで、また ONBUILD RUN はすべて調べます。DL3009 は別のビルダーの FROM 元に"
            "なっているビルダーステージも調べますが、その一覧は最終イメージに入らないので "
            "LayerLab は指摘しません。`apt-get dist-clean` (apt 2.7.8 以降、Debian trixie) は"
            "一覧も削除するので問題なしとします (hadolint が認めるのは "
            "`rm -rf /var/lib/apt/lists/*` だけです)。/var/lib/apt だけのキャッシュマウント"
            "でも一覧はその下にあるので問題なしとします (hadolint は /var/cache/apt の"
            "マウントも求めます)。"
        ),
    )
    bad = (
        Example(
            "FROM python:3.12-slim AS base\nONBUILD RUN apt-get update && apt-get install -y "
            '--no-install-recommends libpq5\nFROM python:3.12-slim\nCMD ["python"]\n',
            lines=(2,),
            note="an ONBUILD RUN leaves the lists in every image built FROM it",
        ),
        Example(
            "FROM python:3.12-slim\nRUN apt-get update && apt-get install -y "
            "--no-install-recommends libpq5\n",
            lines=(2,),
            note="no cleanup",
        ),
        Example(
            "FROM python:3.12-slim AS base\nRUN apt-get update && apt-get install -y "
            '--no-install-recommends libpq5\nFROM base\nCMD ["python"]\n',
            lines=(2,),
            note="a stage the final stage is built FROM",
        ),
        Example(
            "FROM python:3.12-slim\nRUN apt-get update && apt-get install -y "
            "--no-install-recommends libpq5 && apt-get clean\n",
            lines=(2,),
            note="apt-get clean does not delete the lists",
        ),
    )
    good = (
        Example(
            "FROM python:3.13-slim-trixie\nRUN apt-get update && apt-get install -y "
            "--no-install-recommends libpq5 && apt-get dist-clean\n",
            note="apt-get dist-clean deletes the lists too (apt 2.7.8+)",
        ),
        Example(
            "FROM python:3.12-slim\nRUN apt-get update && apt-get install -y "
            "--no-install-recommends libpq5 && rm -rf /var/lib/apt/lists/*\n",
            note="lists removed in the same RUN",
        ),
        Example(
            "FROM python:3.12-slim\nRUN --mount=type=cache,target=/var/lib/apt,sharing=locked "
            "apt-get update && apt-get install -y --no-install-recommends libpq5\n",
            note="cache mount on /var/lib/apt",
        ),
        Example(
            "FROM python:3.12 AS build\nRUN apt-get update && apt-get install -y "
            "--no-install-recommends build-essential\n"
            "FROM python:3.12-slim\nCOPY --from=build /usr/local /usr/local\n",
            note="builder stages are exempt",
        ),
    )

    def check(self, facts: Facts, context: BuildContext | None) -> Iterator[Hit]:
        final = {stage.index for stage in final_stages(facts.dockerfile)}
        for instruction in facts.package_runs:
            # An ONBUILD RUN runs in every image built FROM its stage: checked wherever it is.
            if instruction.stage not in final and instruction.start_line not in facts.onbuild_runs:
                continue
            packages = facts.package_commands(instruction)
            if not packages:
                continue
            update = next((item for item in packages if item.is_apt and item.is_update), None)
            if update is not None and not _lists_gone(facts, instruction):
                yield Hit(instruction.start_line, "lists_kept", {"command": update.text})


def _lists_gone(facts: Facts, instruction: Instruction) -> bool:
    if mount_covers(instruction, APT_LISTS):
        return True
    deleted = facts.deleted_paths(instruction, cwd="/")
    return any(clears(item.path, APT_LISTS) for item in deleted)
