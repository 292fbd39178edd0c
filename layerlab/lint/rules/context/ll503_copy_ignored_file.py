"""LL503 copy-ignored-file."""

from collections.abc import Iterator
from typing import ClassVar

from layerlab.context import BuildContext
from layerlab.dockerfile import Dockerfile
from layerlab.lint.findings import Level
from layerlab.lint.registry import Example, Hit, Rule
from layerlab.lint.rules.context.sources import context_sources
from layerlab.text import Text

IGNORE = ".git\n.env\n**/__pycache__\ndocs\n!docs/usage.md\n"
CONTEXT = {
    ".dockerignore": IGNORE,
    "app.py": "",
    "requirements.txt": "",
    ".env": "SECRET=1\n",
    "docs/design.md": "",
    "docs/usage.md": "",
    "pkg/__init__.py": "",
    "pkg/__pycache__/x.pyc": "",
}


class CopyIgnoredFile(Rule):
    code = "LL503"
    name = "copy-ignored-file"
    level = Level.WARNING
    lesson = "03-dockerignore"
    needs_context = True
    aliases = ("CopyIgnoredFile",)
    summary = Text(
        en="COPY/ADD of a path that .dockerignore excludes.",
        ja=".dockerignore で除外したパスを COPY/ADD しています。",
    )
    why = Text(
        en=(
            ".dockerignore decides what the builder can see at all. A COPY of an excluded path "
            "finds nothing: the build fails with 'not found', or a glob silently copies fewer "
            "files than you meant. Either the COPY or the .dockerignore is wrong."
        ),
        ja=(
            ".dockerignore はビルダーに見えるファイルそのものを決めます。除外したパスを COPY "
            "しても何も見つからず、ビルドが 'not found' で失敗するか、グロブが意図より少ない"
            "ファイルを黙ってコピーします。COPY か .dockerignore のどちらかが間違っています。"
        ),
    )
    fix = Text(
        en=(
            "Remove the COPY if the file must stay out of the image (secrets belong in "
            "`RUN --mount=type=secret`), or add a `!path` exception to .dockerignore."
        ),
        ja=(
            "イメージに入れてはいけないファイルなら COPY を削除します（秘密情報は "
            "`RUN --mount=type=secret` で渡します）。必要なら .dockerignore に `!path` の例外を"
            "追加します。"
        ),
    )
    messages: ClassVar[dict[str, Text]] = {
        "ignored": Text(
            en="{keyword} source {source} is excluded by .dockerignore: the builder cannot see it",
            ja=(
                "{keyword} のコピー元 {source} は .dockerignore で除外されているため、ビルダーから"
                "は見えません。"
            ),
        ),
    }
    versus_hadolint = Text(
        en=(
            "hadolint never sees the build context. BuildKit's CopyIgnoredFile compares the "
            "source text with the patterns; LayerLab looks at the files, so copying a folder "
            "whose excluded part is only its caches, or one re-included with `!`, is fine."
        ),
        ja=(
            "hadolint はビルドコンテキストを見ません。BuildKit の CopyIgnoredFile はソースの"
            "文字列をパターンと比べますが、LayerLab は実際のファイルを見るので、キャッシュだけが"
            "除外されたフォルダや `!` で戻したファイルのコピーは問題にしません。"
        ),
    )
    bad = (
        Example(
            "FROM python:3.12-slim\nWORKDIR /app\nCOPY .env .\n",
            lines=(3,),
            context=CONTEXT,
            note="copies an excluded file",
        ),
        Example(
            "FROM python:3.12-slim\nWORKDIR /app\nCOPY docs/design.md ./docs/\n",
            lines=(3,),
            context=CONTEXT,
            note="a file inside an excluded folder",
        ),
        Example(
            "FROM python:3.12-slim\nWORKDIR /app\nCOPY pkg/__pycache__/ ./cache/\n",
            lines=(3,),
            context=CONTEXT,
            note="a folder excluded by a ** pattern",
        ),
        Example(
            'FROM python:3.12-slim\nWORKDIR /app\nADD ["app.py", ".env*", "./"]\n',
            lines=(3,),
            context=CONTEXT,
            note="ADD in JSON form with a glob that only finds excluded files",
        ),
        Example(
            "FROM python:3.12-slim\nARG CONF=.env\nWORKDIR /app\nCOPY ${CONF} .\n",
            lines=(4,),
            context=CONTEXT,
            note="the source comes from an ARG default",
        ),
    )
    good = (
        Example(
            "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\n",
            context=CONTEXT,
            note="COPY . . is what .dockerignore is for",
        ),
        Example(
            "FROM python:3.12-slim\nWORKDIR /app\nCOPY pkg/ ./pkg/\nCOPY docs/usage.md ./\n",
            context=CONTEXT,
            note="a folder with excluded caches, and a file re-included with !",
        ),
        Example(
            "FROM python:3.12-slim AS build\nRUN touch /.env\n"
            "FROM python:3.12-slim\nCOPY --from=build /.env /app/\n",
            context=CONTEXT,
            note="a --from copy does not read the context",
        ),
        Example(
            "# syntax=docker/dockerfile:1\nFROM python:3.12-slim\nCOPY <<EOF /app/.env\nX=1\nEOF\n",
            context=CONTEXT,
            note="a heredoc does not read the context",
        ),
        Example(
            "FROM python:3.12-slim\nARG CONF\nCOPY ${CONF} /app/\n",
            context=CONTEXT,
            note="a source known only at build time is skipped",
        ),
    )

    def check(self, dockerfile: Dockerfile, context: BuildContext | None) -> Iterator[Hit]:
        if context is None or not context.dockerignore:
            return
        for sources in context_sources(dockerfile):
            for source in sources:
                if context.exists(source.path) and not context.select(source.path):
                    inst = source.instruction
                    params = {"keyword": inst.keyword, "source": source.shown}
                    yield Hit(inst.start_line, "ignored", params)
