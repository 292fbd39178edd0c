"""LL303 unpinned-base."""

from collections.abc import Iterator
from typing import ClassVar

from layerlab.analysis import Facts
from layerlab.analysis.releases import Image, stage_images
from layerlab.context import BuildContext
from layerlab.dockerfile import Stage
from layerlab.lint.findings import Level
from layerlab.lint.registry import Example, Hit, Rule
from layerlab.text import Text


class UnpinnedBase(Rule):
    code = "LL303"
    name = "unpinned-base"
    level = Level.WARNING
    lesson = "05-keep-current"
    hadolint = ("DL3006", "DL3007")
    aliases = ("CKV_DOCKER_7", "DS-0001")
    summary = Text(
        en="FROM with no tag or with `:latest`.",
        ja="FROM にタグがないか、`:latest` です。",
    )
    why = Text(
        en=(
            "With no tag Docker pulls `latest`, which moves: today Python 3.13 on trixie, "
            "tomorrow something else. The same Dockerfile then builds a different image, a "
            "cached base hides the change on one machine and not on another, and an upgrade "
            "happens without anyone choosing it. Keeping current, as the talk asks, means "
            "choosing the version in the tag and raising it on purpose."
        ),
        ja=(
            "タグがないと Docker は `latest` を取得します。`latest` は動きます。今日は trixie "
            "上の Python 3.13 でも、明日は別物かもしれません。同じ Dockerfile から別のイメージが"
            "でき、キャッシュ済みのベースがあるマシンとないマシンで結果が変わり、誰も選んで"
            "いない更新が入ります。発表の「最新化する」は、タグでバージョンを選び、意図して"
            "上げることです。"
        ),
    )
    fix = Text(
        en="Name the version and variant in the tag, e.g. `python:3.13-slim-trixie`.",
        ja="タグでバージョンとバリアントを指定します (例: `python:3.13-slim-trixie`)。",
    )
    messages: ClassVar[dict[str, Text]] = {
        "no_tag": Text(
            en="`{image}` has no tag, so Docker pulls whatever `latest` is today",
            ja="`{image}` にはタグがないため、その時点の `latest` が pull されます。",
        ),
        "latest": Text(
            en="`{image}` uses `latest`, which changes under you: name a version",
            ja=(
                "`{image}` は `latest` を使っていて、知らないうちに中身が変わります。バージョンを指"
                "定します。"
            ),
        ),
    }
    versus_hadolint = Text(
        en=(
            "hadolint does not resolve variables: it skips `FROM ${IMAGE}`, takes a tag in a "
            "variable for a tag, and reports a name with a variable inside "
            "(`FROM target-$TARGETARCH`, which names earlier stages) as untagged. LayerLab "
            "resolves them through the ARG defaults as Docker does, so `ARG TAG=latest` + "
            "`FROM python:${TAG}` is reported; a variable without a default (BuildKit's "
            "automatic TARGETARCH included) is not guessed."
        ),
        ja=(
            "hadolint は変数を解決しません。`FROM ${IMAGE}` は検査せず、変数のタグはタグと"
            "みなし、名前の中に変数がある FROM (前のステージを指す `FROM target-$TARGETARCH` "
            "など) はタグなしと報告します。LayerLab は Docker と同じように ARG の既定値で解決"
            "するため、`ARG TAG=latest` と `FROM python:${TAG}` も報告します。既定値のない変数 "
            "(BuildKit が自動で渡す TARGETARCH も含む) は推測しません。"
        ),
    )
    bad = (
        Example("FROM python\n", lines=(1,), note="no tag"),
        Example("FROM python:latest\n", lines=(1,), note="latest"),
        Example("FROM docker.io/library/python:latest AS builder\n", lines=(1,), note="registry"),
        Example("ARG TAG=latest\nFROM python:${TAG}\n", lines=(2,), note="ARG default latest"),
        Example("ARG IMAGE=python\nFROM ${IMAGE}\n", lines=(2,), note="ARG default, no tag"),
    )
    good = (
        Example(
            "FROM python:3.12-slim AS target-amd64\nFROM python:3.12-alpine AS target-arm64\n"
            "FROM target-$TARGETARCH\n",
            note="earlier stages named through BuildKit's TARGETARCH",
        ),
        Example("FROM python:3.13-slim\n", note="tagged"),
        Example("FROM scratch\n", note="scratch has no tag"),
        Example(
            "FROM python:3.13-slim AS base\nFROM base\n",
            note="a stage name is not an image",
        ),
        Example("FROM python@sha256:" + "a" * 64 + "\n", note="pinned by digest"),
        Example("ARG PY=3.12\nFROM python:${PY}\n", note="ARG default resolves the tag"),
        Example("ARG PY\nFROM python:${PY}\n", note="ARG without a default: not guessed"),
        Example("FROM localhost:5000/app:1.2\n", note="registry port is not a tag"),
    )

    def check(self, facts: Facts, context: BuildContext | None) -> Iterator[Hit]:
        for stage, image in stage_images(facts.dockerfile):
            if image.resolved and image.digest is None:
                hit = _unpinned(stage, image)
                if hit is not None:
                    yield hit


def _unpinned(stage: Stage, image: Image) -> Hit | None:
    if image.tag is None:
        return Hit(stage.from_line, "no_tag", {"image": stage.base}, hadolint="DL3006")
    if image.tag.lower() == "latest":
        return Hit(stage.from_line, "latest", {"image": stage.base}, hadolint="DL3007")
    return None
