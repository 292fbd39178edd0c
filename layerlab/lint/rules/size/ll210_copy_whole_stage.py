"""LL210 copy-whole-stage."""

import posixpath
from collections.abc import Iterator
from typing import ClassVar

from layerlab.analysis import Facts
from layerlab.analysis.releases import is_full_python
from layerlab.context import BuildContext
from layerlab.dockerfile import Stage
from layerlab.lint.findings import Level
from layerlab.lint.registry import Example, Hit, Rule, final_stages
from layerlab.text import Text


class CopyWholeStage(Rule):
    code = "LL210"
    name = "copy-whole-stage"
    level = Level.WARNING
    lesson = "07-multi-stage"
    hadolint = ("DL3067",)
    summary = Text(
        en="`COPY --from=<stage> / /` copies a whole filesystem into the final image.",
        ja="`COPY --from=<stage> / /` でファイルシステム全体を最終イメージにコピーしています。",
    )
    why = Text(
        en=(
            "A multi-stage build pays off because the final stage takes only what it needs "
            "from the builder: the installed packages, a binary. Copying `/` brings the "
            "builder's compilers, caches and base image along, so the final image is as big "
            "as the builder and the stage split gains nothing."
        ),
        ja=(
            "マルチステージビルドの利点は、最終ステージがビルダーから必要なもの (インストール済み"
            "パッケージやバイナリ) だけを受け取ることです。`/` をコピーすると、ビルダーの"
            "コンパイラ、キャッシュ、ベースイメージまで付いてきて、最終イメージはビルダーと"
            "同じ大きさになり、ステージを分けた意味がなくなります。"
        ),
    )
    fix = Text(
        en="Copy the directories the app needs, e.g. `COPY --from=builder /opt/venv /opt/venv`.",
        ja=(
            "アプリに必要なディレクトリだけをコピーします"
            " (例: `COPY --from=builder /opt/venv /opt/venv`)。"
        ),
    )
    messages: ClassVar[dict[str, Text]] = {
        "whole_stage": Text(
            en=(
                "COPY --from={stage} / / brings the whole filesystem of `{stage}` into the final "
                "image: copy only what the app needs"
            ),
            ja=(
                "COPY --from={stage} / / は `{stage}` のファイルシステムを丸ごと最終イメージに持ち"
                "込みます。アプリに必要なものだけをコピーします。"
            ),
        ),
    }
    versus_hadolint = Text(
        en=(
            "hadolint checks every stage; LayerLab only the stages whose files end up in the "
            "image built without --target, where the size is paid. `FROM scratch` followed "
            "by `COPY --from=<stage> / /` of a slim or Alpine stage squashes that stage into "
            "one layer on purpose and is not reported; from a full Python image it is."
        ),
        ja=(
            "hadolint はすべてのステージを検査します。LayerLab は --target なしでビルドされる"
            "イメージに入るステージだけを検査します。サイズの代償はそこで払うからです。"
            "`FROM scratch` の後に slim や Alpine のステージを `COPY --from=<stage> / /` "
            "するのは、そのステージを 1 つのレイヤにまとめる意図的な手法なので報告しません。"
            "フルの Python イメージから作ったステージなら報告します。"
        ),
    )
    bad = (
        Example(
            "FROM python:3.12 AS builder\nRUN pip install flask\n"
            "FROM python:3.12-slim\nCOPY --from=builder / /\n",
            lines=(4,),
        ),
        Example(
            "FROM python:3.12 AS builder\nFROM scratch\nCOPY --from=builder /. /\n",
            lines=(3,),
            note="a spelling of / that still means the root",
        ),
    )
    good = (
        Example(
            "FROM python:3.12 AS builder\nRUN python -m venv /opt/venv\n"
            "FROM python:3.12-slim\nCOPY --from=builder /opt/venv /opt/venv\n",
            note="only the venv",
        ),
        Example(
            "FROM python:3.12-slim AS a\nFROM a AS merge\nCOPY --from=a / /\n"
            "FROM python:3.12-slim\n",
            note="a builder stage that is not in the final image",
        ),
        Example("FROM python:3.12-slim\nCOPY / /app/\n", note="no --from: the build context"),
        Example(
            "FROM python:3.12-alpine AS build\nRUN apk add --no-cache --virtual .build gcc "
            "musl-dev && pip install --no-cache-dir mkdocs==1.6.1 && apk del .build\n"
            'FROM scratch\nCOPY --from=build / /\nENTRYPOINT ["mkdocs"]\n',
            note="a squash: the Alpine runtime stage flattened into one layer",
        ),
    )

    def check(self, facts: Facts, context: BuildContext | None) -> Iterator[Hit]:
        for stage in final_stages(facts.dockerfile):
            for inst in stage.instructions:
                copy = facts.copy(inst)
                if copy is None or copy.from_stage is None or not _is_root(copy.destination):
                    continue
                if not any(_is_root(source) for source in copy.sources):
                    continue
                if not _squash(facts, stage, copy.from_stage):
                    yield Hit(inst.start_line, "whole_stage", {"stage": copy.from_stage})


def _squash(facts: Facts, stage: Stage, source: str) -> bool:
    """`FROM scratch` + `COPY --from=runtime / /`: the runtime stage's files as one layer.

    That flattens a slim or Alpine runtime stage on purpose (its deleted build files then
    take no room); from a full Python image it still ships the compilers."""
    if stage.base.strip().lower() != "scratch":
        return False
    copied = facts.dockerfile.stage_for_reference(source, before=stage.index)
    if copied is None:
        return False
    image = facts.root_images[copied.index]
    return image is not None and not is_full_python(image)


def _is_root(path: str) -> bool:
    return posixpath.normpath(path) in ("/", "//")
