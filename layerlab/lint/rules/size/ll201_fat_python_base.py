"""LL201 fat-python-base."""

from collections.abc import Iterator
from datetime import date
from typing import ClassVar

from layerlab.analysis import Facts
from layerlab.analysis.image_role import image_role
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
            "welcome there too. "
            "So is a test image, and an image whose path names a development or test image "
            "when the CLI knows the path (`docker/dev/Dockerfile`, `Dockerfile.test`, `tests/`)."
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
            "テスト用のイメージと、CLI がパスを知っているときにパスが開発用・テスト用を表す"
            "イメージ (`docker/dev/Dockerfile`、`Dockerfile.test`、`tests/`) も同様です。"
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
        Example(
            'FROM python:3.12\nCOPY . /app\nCMD ["python", "/app/demo.py"]\n',
            lines=(1,),
            path="demos/web/Dockerfile",
            note="a demo, by its path: readers copy it, so the size lesson stands",
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
            'FROM python:3.12\nRUN pip install --no-cache-dir tox==4.23.2\nCMD ["tox"]\n',
            path="Dockerfile.test",
            note="a test image, by its path: full on purpose",
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
        if image_role(facts, context).wants_dev_tools:
            return
        for stage in final_stages(dockerfile):
            image = facts.images[stage.index]
            if image is not None and is_full_python(image):
                params = {"image": stage.base, "slim": slim_tag(image, date.today())}
                yield Hit(stage.from_line, "full_image", params)
