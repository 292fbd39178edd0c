"""LL210 copy-whole-stage."""

import posixpath
from collections.abc import Iterator
from typing import ClassVar

from layerlab.context import BuildContext
from layerlab.dockerfile import Dockerfile
from layerlab.lint.copies import copy_of
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
            "image built without --target, where the size is paid."
        ),
        ja=(
            "hadolint はすべてのステージを検査します。LayerLab は --target なしでビルドされる"
            "イメージに入るステージだけを検査します。サイズの代償はそこで払うからです。"
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
    )

    def check(self, dockerfile: Dockerfile, context: BuildContext | None) -> Iterator[Hit]:
        for stage in final_stages(dockerfile):
            for inst in stage.instructions:
                copy = copy_of(inst)
                if copy is None or copy.from_stage is None or not _is_root(copy.destination):
                    continue
                if any(_is_root(source) for source in copy.sources):
                    yield Hit(inst.start_line, "whole_stage", {"stage": copy.from_stage})


def _is_root(path: str) -> bool:
    return posixpath.normpath(path) in ("/", "//")
