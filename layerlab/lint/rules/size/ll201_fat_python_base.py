"""LL201 fat-python-base."""

from collections.abc import Iterator
from datetime import date
from typing import ClassVar

from layerlab.analysis import Facts
from layerlab.analysis.image_role import is_development_image
from layerlab.analysis.releases import is_full_python, slim_tag
from layerlab.context import BuildContext
from layerlab.lint.findings import Level
from layerlab.lint.registry import Example, Hit, Rule, final_stages
from layerlab.text import Text

DJANGO_FULL = (
    "FROM python:3.12\nWORKDIR /code\nCOPY requirements.txt .\n"
    "RUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\n"
)
DJANGO_FULL_AND_CMD = DJANGO_FULL + 'CMD ["gunicorn", "--bind", ":8000", "site.wsgi"]\n'
COMPOSE_RUNSERVER = (
    "services:\n  web:\n    build: .\n"
    "    command: python manage.py runserver 0.0.0.0:8000  # the dev server\n"
)


class FatPythonBase(Rule):
    code = "LL201"
    name = "fat-python-base"
    level = Level.WARNING
    lesson = "06-no-unneeded-packages"
    summary = Text(
        en="The final image is built on the full python image, not -slim.",
        ja="最終イメージがフルの python イメージ上に作られています (-slim ではありません)。",
    )
    why = Text(
        en=(
            "The full `python:<ver>` image carries gcc, g++, make, header packages, git and "
            "more: over 1 GB, against about 130 MB for `-slim`. Those packages are needed to "
            "compile wheels, not to run the app, and each one is something to download, scan "
            "and patch. The talk's pattern keeps the full image in a builder stage, where it is "
            "welcome, and copies the installed packages into a `-slim` final stage. A "
            "development image is left alone (a dev container, or an image that names no CMD "
            "or ENTRYPOINT and installs the project editable or is built by a Compose service "
            "of the build context that runs a dev server or mounts the code): compilers are "
            "welcome there too."
        ),
        ja=(
            "フルの `python:<ver>` イメージには gcc、g++、make、ヘッダパッケージ、git などが"
            "入っていて 1 GB を超えます (`-slim` は約 130 MB)。これらは wheel のビルドに必要でも、"
            "アプリの実行には不要で、ダウンロード、脆弱性スキャン、更新の対象が増えるだけです。"
            "発表のパターンでは、フルイメージはビルダーステージで使い、インストール済みの"
            "パッケージを `-slim` の最終ステージにコピーします。開発用のイメージ (dev コンテナや、"
            "CMD も ENTRYPOINT も持たず、プロジェクトを editable でインストールするか、ビルド"
            "コンテキストの Compose ファイルで開発サーバーを動かすサービスやコードをマウントする"
            "サービス用にビルドされるイメージ) は対象外です。そこではコンパイラも役に立ちます。"
        ),
    )
    fix = Text(
        en=(
            "Run on `python:<ver>-slim`, with a Python and a Debian release that are still "
            "supported (LL302, LL301); if packages need compiling, build them in a full-image "
            "builder stage and `COPY --from` the result."
        ),
        ja=(
            "サポート中の Python と Debian の `python:<ver>-slim` で実行します (LL302、LL301)。"
            "ビルドが必要なパッケージは、フルイメージの"
            "ビルダーステージでビルドし、`COPY --from` で結果だけを持ってきます。"
        ),
    )
    messages: ClassVar[dict[str, Text]] = {
        "full_image": Text(
            en=(
                "the final image starts from the full `{image}` (compilers, headers, over 1 GB): "
                "run on `python:{slim}`"
            ),
            ja=(
                "最終イメージがフルの `{image}` (コンパイラやヘッダ入りで 1 GB 超) から始まっていま"
                "す。`python:{slim}` で動かします。"
            ),
        ),
    }
    versus_hadolint = Text(
        en="hadolint has no check for the base image variant.",
        ja="hadolint にはベースイメージのバリアントを見る検査はありません。",
    )
    bad = (
        Example('FROM python:3.12\nCMD ["python"]\n', lines=(1,), note="single stage"),
        Example("FROM python:3.12-bookworm\n", lines=(1,), note="full image with codename"),
        Example("FROM python\n", lines=(1,), note="no tag: latest is the full image"),
        Example(
            "FROM python:3.12 AS base\nRUN useradd app\nFROM base\nUSER app\n",
            lines=(1,),
            note="final stage built FROM a stage on the full image",
        ),
        Example(
            DJANGO_FULL_AND_CMD,
            lines=(1,),
            context={"Dockerfile": DJANGO_FULL_AND_CMD, "compose.yaml": COMPOSE_RUNSERVER},
            note="its own CMD makes it the app image, though Compose runs it with runserver",
        ),
    )
    good = (
        Example(
            "FROM python:3.12 AS builder\nRUN pip wheel -w /w psycopg2\n"
            "FROM python:3.12-slim\nCOPY --from=builder /w /w\n",
            note="the talk's pattern: full image only in the builder",
        ),
        Example("FROM python:3.12-slim-bookworm\n", note="slim"),
        Example("FROM python:3.12-alpine\n", note="alpine is LL305's business"),
        Example("ARG PY\nFROM python:${PY}\n", note="ARG without a default: not guessed"),
        Example(
            "FROM python:3.12-slim\nFROM python:3.12 AS test\nRUN pytest\nFROM python:3.12-slim\n",
            note="a side stage on the full image",
        ),
        Example(
            "FROM python:3.12\nWORKDIR /app\nCOPY requirements_dev.txt .\n"
            "RUN pip install --no-cache-dir -r requirements_dev.txt\nCOPY . .\n"
            "RUN pip install --no-cache-dir -e .\n",
            note="a development image: an editable install and no CMD (sqlfluff's)",
        ),
        Example(
            "FROM mcr.microsoft.com/devcontainers/python:3.12\n",
            note="a dev container",
        ),
        Example(
            DJANGO_FULL,
            context={"Dockerfile": DJANGO_FULL, "compose.yaml": COMPOSE_RUNSERVER},
            note="no CMD, and the Compose file builds it for Django's dev server",
        ),
    )

    def check(self, facts: Facts, context: BuildContext | None) -> Iterator[Hit]:
        dockerfile = facts.dockerfile
        if is_development_image(facts, context):
            return
        for stage in final_stages(dockerfile):
            image = facts.images[stage.index]
            if image is not None and is_full_python(image):
                params = {"image": stage.base, "slim": slim_tag(image, date.today())}
                yield Hit(stage.from_line, "full_image", params)
