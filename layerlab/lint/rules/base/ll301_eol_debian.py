"""LL301 eol-debian."""

from collections.abc import Iterator
from datetime import date
from typing import ClassVar

from layerlab.context import BuildContext
from layerlab.dockerfile import Dockerfile
from layerlab.lint.eol import ended_bases, ended_debian, supported_debian
from layerlab.lint.findings import Level
from layerlab.lint.registry import Example, Hit, Rule
from layerlab.text import Text


class EolDebian(Rule):
    code = "LL301"
    name = "eol-debian"
    level = Level.WARNING
    lesson = "05-keep-current"
    summary = Text(
        en="The base image names a Debian release past its end of life.",
        ja="ベースイメージのタグがサポート終了 (EOL) した Debian リリースを指しています。",
    )
    why = Text(
        en=(
            "A tag such as `python:3.11-slim-buster` pins the Debian release under your app. "
            "Once that release leaves Debian's long-term support, `apt-get upgrade` has no "
            "security fixes left to install, so the talk's advice to keep the base image and "
            "packages current cannot work. The date is checked on the day you lint: buster "
            "ended on 2024-06-30, bullseye on 2026-08-31."
        ),
        ja=(
            "`python:3.11-slim-buster` のようなタグは、アプリの下にある Debian のリリースを"
            "固定します。そのリリースが Debian の長期サポート (LTS) を外れると、"
            "`apt-get upgrade` で入るセキュリティ修正がもうありません。発表の「ベースイメージと"
            "パッケージを最新化する」が成り立たなくなります。判定は検査した日の日付で行います"
            " (buster は 2024-06-30、bullseye は 2026-08-31 に終了)。"
        ),
    )
    fix = Text(
        en="Move to a supported release: bookworm or trixie (e.g. `python:3.13-slim-trixie`).",
        ja=(
            "サポート中のリリースに移ります。bookworm か trixie です"
            " (例: `python:3.13-slim-trixie`)。"
        ),
    )
    messages: ClassVar[dict[str, Text]] = {
        "ended": Text(
            en=(
                "`{image}` is {release}, out of security support since {date}: move to a "
                "supported release ({supported})"
            ),
            ja=(
                "`{image}` は {release} で、{date} にセキュリティサポートが終了しています。"
                "サポート中のリリース ({supported}) に移行します。"
            ),
        ),
    }
    bad = (
        Example("FROM python:3.11-slim-buster\n", lines=(1,), note="slim on buster"),
        Example("FROM debian:stretch-slim\nRUN echo hi\n", lines=(1,), note="debian codename"),
        Example("FROM debian:10\n", lines=(1,), note="numeric Debian version"),
        Example(
            "FROM python:3.11-buster AS builder\nFROM python:3.11-slim-bookworm\n",
            lines=(1,),
            note="builder stage on buster",
        ),
        Example(
            "ARG DEBIAN=buster\nFROM python:3.11-slim-${DEBIAN}\n",
            lines=(2,),
            note="codename from an ARG default",
        ),
        Example("FROM gcr.io/distroless/python3-debian10\n", lines=(1,), note="distroless name"),
        Example(
            "FROM python:3.11-slim-buster AS base\nFROM base\n",
            lines=(1,),
            note="reported once, at the FROM that names the image",
        ),
    )
    good = (
        Example("FROM python:3.13-slim-trixie\n", note="supported release"),
        Example("FROM python:3.12-slim\n", note="no codename in the tag"),
        Example("FROM python:3.12-slim-bookworm AS base\nFROM base\n", note="FROM a stage"),
        Example("ARG DEBIAN\nFROM python:3.12-slim-${DEBIAN}\n", note="ARG without a default"),
    )

    def check(self, dockerfile: Dockerfile, context: BuildContext | None) -> Iterator[Hit]:
        today = date.today()
        for stage, release in ended_bases(dockerfile, ended_debian, today):
            params = {
                "image": stage.base,
                "release": release.label,
                "date": release.end_of_life.isoformat(),
                "supported": supported_debian(today),
            }
            yield Hit(stage.from_line, "ended", params)
