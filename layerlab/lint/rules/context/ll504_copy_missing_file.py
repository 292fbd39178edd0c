"""LL504 copy-missing-file."""

from collections.abc import Iterator
from typing import ClassVar

from layerlab.context import BuildContext
from layerlab.dockerfile import Dockerfile
from layerlab.lint.findings import Level
from layerlab.lint.registry import Example, Hit, Rule
from layerlab.lint.rules.context.sources import Source, context_sources
from layerlab.text import Text

CONTEXT = {
    ".dockerignore": ".git\n",
    "pyproject.toml": "",
    "requirements.txt": "",
    "src/app/__init__.py": "",
    "dist/app-1.0-py3-none-any.whl": "",
}


class CopyMissingFile(Rule):
    code = "LL504"
    name = "copy-missing-file"
    level = Level.ERROR
    lesson = "03-dockerignore"
    needs_context = True
    summary = Text(
        en="COPY/ADD of a path that is not in the build context.",
        ja="ビルドコンテキストにないパスを COPY/ADD しています。",
    )
    why = Text(
        en=(
            "COPY and ADD read only from the build context, the folder given to `docker build`. "
            "A path that is not there fails the build with 'not found', often after minutes of "
            "earlier steps. Paths are relative to the context, not to the Dockerfile."
        ),
        ja=(
            "COPY と ADD は docker build に渡したフォルダ（ビルドコンテキスト）からしか読み"
            "ません。そこにないパスは、それまでの数分のステップの後で 'not found' としてビルドを"
            "失敗させます。パスは Dockerfile ではなくコンテキストからの相対パスです。"
        ),
    )
    fix = Text(
        en="Fix the path (relative to the context root), or build with the right context folder.",
        ja="パスをコンテキストのルートからの相対パスに直すか、正しいフォルダをコンテキストにします。",
    )
    messages: ClassVar[dict[str, Text]] = {
        "glob_matches_nothing": Text(
            en=(
                "{keyword} source {source} matches no file in the build context: the build fails, "
                "or copies nothing with BuildKit"
            ),
            ja=(
                "{keyword} のコピー元 {source} に一致するファイルがビルドコンテキストにありません。"
                "ビルドが失敗するか、BuildKit では何もコピーされません。"
            ),
        ),
        "missing": Text(
            en=(
                "{keyword} source {source} is not in the build context: the build fails with 'not "
                "found'"
            ),
            ja=(
                "{keyword} のコピー元 {source} がビルドコンテキストにありません。ビルドは"
                " 'not found' で失敗します。"
            ),
        ),
    }
    bad = (
        Example(
            "FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.lock .\n",
            lines=(3,),
            context=CONTEXT,
            note="a missing file",
        ),
        Example(
            "FROM python:3.12-slim\nWORKDIR /app\nCOPY app/ ./app/\n",
            lines=(3,),
            context=CONTEXT,
            note="a missing folder (the code is under src/)",
        ),
        Example(
            "FROM python:3.12-slim\nWORKDIR /app\nCOPY *.whl ./\n",
            lines=(3,),
            context=CONTEXT,
            note="a glob that matches nothing (the wheels are in dist/)",
        ),
        Example(
            "FROM python:3.12-slim\nENV SRC=lib\nWORKDIR /app\nCOPY ${SRC}/ ./\n",
            lines=(4,),
            context=CONTEXT,
            note="the source comes from an ENV value",
        ),
        Example(
            "FROM python:3.12-slim\nWORKDIR /app\nADD https://example.com/x.tgz vendor.tar.gz ./\n",
            lines=(3,),
            context=CONTEXT,
            note="ADD: the URL is skipped, the local archive is missing",
        ),
    )
    good = (
        Example(
            "FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt pyproject.toml ./\n"
            "COPY ./src/ ./src\nCOPY dist/*.whl /tmp/\nCOPY . .\n",
            context=CONTEXT,
            note="files, a folder written with ./ and /, a glob, the whole context",
        ),
        Example(
            "FROM python:3.12-slim\nWORKDIR /app\nCOPY pyproject.toml poetry.lock* ./\n",
            context=CONTEXT,
            note="an optional lock file: a glob may match nothing when another source exists",
        ),
        Example(
            "FROM python:3.12-slim AS build\nRUN mkdir /wheels\n"
            "FROM python:3.12-slim\nCOPY --from=build /wheels /wheels\n"
            "ADD https://example.com/tool.tgz /opt/\n",
            context=CONTEXT,
            note="--from copies and URLs do not read the context",
        ),
        Example(
            "FROM python:3.12-slim\nARG VERSION\nCOPY dist/app-${VERSION}-py3-none-any.whl /tmp/\n",
            context=CONTEXT,
            note="a build argument without a default cannot be resolved: skipped",
        ),
        Example(
            "# syntax=docker/dockerfile:1\nFROM python:3.12-slim\n"
            "COPY <<EOF /app/settings.py\nDEBUG = False\nEOF\n",
            context=CONTEXT,
            note="a heredoc is not a context file",
        ),
    )

    def check(self, dockerfile: Dockerfile, context: BuildContext | None) -> Iterator[Hit]:
        if context is None:
            return
        for sources in context_sources(dockerfile):
            found = [context.exists(source.path) for source in sources]
            for source, exists in zip(sources, found, strict=True):
                if not exists and not (source.is_glob and any(found)):
                    yield _hit(source)


def _hit(source: Source) -> Hit:
    key = "glob_matches_nothing" if source.is_glob else "missing"
    params = {"keyword": source.instruction.keyword, "source": source.shown}
    return Hit(source.instruction.start_line, key, params)
