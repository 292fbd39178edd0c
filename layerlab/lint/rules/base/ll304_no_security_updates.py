"""LL304 no-security-updates."""

from collections.abc import Iterator
from typing import ClassVar

from layerlab.analysis import Facts
from layerlab.analysis.installs.system import PackageCommand, is_debian_based
from layerlab.context import BuildContext
from layerlab.dockerfile import Stage
from layerlab.lint.findings import Level
from layerlab.lint.registry import Example, Hit, Rule, final_stages
from layerlab.lint.rules.base.base_image_build import (
    builds_base_image,
    is_dev_container,
    is_jupyter_stack,
)
from layerlab.text import Text


class NoSecurityUpdates(Rule):
    code = "LL304"
    name = "no-security-updates"
    level = Level.INFO
    lesson = "05-keep-current"
    summary = Text(
        en="The final image never installs security updates (`apt-get upgrade`).",
        ja="最終イメージでセキュリティ更新 (`apt-get upgrade`) を入れていません。",
    )
    why = Text(
        en=(
            "A base image tag is rebuilt only now and then, and your cached layers are older "
            "still; Debian publishes security fixes every week. `apt-get upgrade` in the final "
            'image installs them at build time. The old advice "avoid apt-get upgrade" was '
            "withdrawn: Docker's best-practice page dropped it (docker/docs #12571) and OWASP's "
            "cheat sheet too (CheatSheetSeries #614). The talk's point: keep the base image and "
            "its packages current."
        ),
        ja=(
            "ベースイメージのタグが作り直されるのはときどきで、キャッシュされたレイヤは"
            "さらに古いままです。一方 Debian のセキュリティ修正は毎週のように出ます。"
            "最終イメージで `apt-get upgrade` を実行すれば、ビルド時点の修正が入ります。"
            "「apt-get upgrade は避ける」という以前の助言は撤回されました。Docker の"
            "ベストプラクティス (docker/docs #12571) からも OWASP のチートシート "
            "(CheatSheetSeries #614) からも消えています。発表の主張どおり、ベースイメージと"
            "パッケージを最新に保ちましょう。"
        ),
    )
    fix = Text(
        en=(
            "Add `RUN apt-get update && apt-get upgrade -y && rm -rf /var/lib/apt/lists/*` "
            "(or put `apt-get upgrade -y` in your existing apt RUN; on Alpine `apk upgrade "
            "--no-cache`), and rebuild regularly with `--pull --no-cache`."
        ),
        ja=(
            "`RUN apt-get update && apt-get upgrade -y && rm -rf /var/lib/apt/lists/*` を"
            "追加します (既存の apt の RUN に `apt-get upgrade -y` を足しても構いません。"
            "Alpine なら `apk upgrade --no-cache`)。そして `--pull --no-cache` で定期的に"
            "ビルドし直します。"
        ),
    )
    messages: ClassVar[dict[str, Text]] = {
        "never_upgrades": Text(
            en=(
                "`{command}` runs in the final image, which never runs `{upgrade}`: security fixes "
                "released since the base image was built are missing"
            ),
            ja=(
                "最終イメージで `{command}` を実行していますが、`{upgrade}` は一度も実行していませ"
                "ん。ベースイメージのビルド後に出たセキュリティ修正が入りません。"
            ),
        ),
        "debian_never_upgrades": Text(
            en=(
                "the final image is Debian-based ({base}) and never runs `apt-get upgrade -y`: "
                "security fixes since the base image was built are missing"
            ),
            ja=(
                "最終イメージは Debian ベース ({base}) ですが、`apt-get upgrade -y` を一度も実行し"
                "ていません。ベースイメージのビルド後に出たセキュリティ修正が入りません。"
            ),
        ),
    }
    versus_hadolint = Text(
        en=(
            "hadolint used to forbid upgrades (DL3005) and removed the rule after the advice "
            "changed (PRs #596 and #964); no linter asks for them. LayerLab follows the talk "
            "and suggests an upgrade in the final image, at info level, except in a base "
            "image for others (a bare OS image whose CMD is just an interpreter, like the "
            "official python image), on Jupyter's docker-stacks images, whose foundation "
            "image upgrades, and on Dev Containers images, which are never deployed."
        ),
        ja=(
            "hadolint はかつて upgrade を禁止していました (DL3005) が、助言が変わったため"
            "ルールを削除しました (PR #596、#964)。upgrade を勧めるリンターはありません。"
            "LayerLab は発表に従い、最終イメージでの upgrade を info として勧めます。ただし、"
            "他のイメージの FROM に使うためのイメージ (素の OS イメージから作り、CMD が"
            "インタープリターだけのもの。公式 python イメージなど) と、土台のイメージで "
            "upgrade している Jupyter の docker-stacks のイメージ、デプロイされない "
            "Dev Containers のイメージは除きます。"
        ),
    )
    bad = (
        Example(
            "FROM python:3.12-slim\nRUN pip install --no-cache-dir gunicorn==23.0.0\n",
            lines=(1,),
            note="a Debian-based base and no upgrade: reported on FROM",
        ),
        Example(
            "FROM python:3.12-slim\nRUN apt-get update && apt-get install -y "
            "--no-install-recommends libpq5 && rm -rf /var/lib/apt/lists/*\n",
            lines=(2,),
            note="apt-get install without an upgrade: reported on the apt line",
        ),
        Example(
            "FROM python:3.12-alpine\nRUN apk add --no-cache libpq\n",
            lines=(2,),
            note="apk add without apk upgrade",
        ),
        Example(
            "FROM python:3.12-slim AS build\nRUN apt-get update && apt-get upgrade -y\n"
            "FROM python:3.12-slim\nCOPY --from=build /usr/local /usr/local\n",
            lines=(3,),
            note="an upgrade in a builder stage does not reach the final image",
        ),
    )
    good = (
        Example(
            "FROM python:3.12-slim\nRUN apt-get update && apt-get upgrade -y "
            "&& apt-get install -y --no-install-recommends libpq5 "
            "&& rm -rf /var/lib/apt/lists/*\n",
            note="upgrade in the final stage",
        ),
        Example(
            "FROM python:3.12-slim AS base\nRUN apt-get update && apt-get upgrade -y "
            "&& rm -rf /var/lib/apt/lists/*\nFROM base\nRUN pip install --no-cache-dir x==1\n",
            note="upgrade in the stage the final stage is built FROM",
        ),
        Example(
            "FROM python:3.12-alpine\nRUN apk upgrade --no-cache && apk add --no-cache libpq\n",
            note="apk upgrade",
        ),
        Example(
            "FROM python:3.12 AS build\nRUN pip wheel -w /w x==1\n"
            "FROM gcr.io/distroless/python3-debian12:nonroot\nCOPY --from=build /w /w\n",
            note="distroless has no package manager",
        ),
        Example("FROM scratch\nCOPY app /app\n", note="scratch"),
        Example(
            "FROM python:3.12-alpine\nRUN pip install --no-cache-dir x==1\n",
            note="alpine without apk is not flagged",
        ),
        Example(
            "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-"
            'recommends python3 && rm -rf /var/lib/apt/lists/*\nCMD ["python3"]\n',
            note="a base image for others, like the official python image: the upgrade "
            "belongs in the app images built FROM it",
        ),
        Example(
            "FROM quay.io/jupyter/scipy-notebook:2025-06-02\nUSER root\n"
            "RUN apt-get update --yes && apt-get install --yes --no-install-recommends "
            "ffmpeg && rm -rf /var/lib/apt/lists/*\nUSER ${NB_UID}\n",
            note="Jupyter's images upgrade in their foundation image",
        ),
        Example(
            "FROM mcr.microsoft.com/devcontainers/python:3.12\nRUN apt-get update && "
            "apt-get install -y --no-install-recommends postgresql-client "
            "&& rm -rf /var/lib/apt/lists/*\n",
            note="a dev container is an editor's environment, never deployed",
        ),
    )

    def check(self, facts: Facts, context: BuildContext | None) -> Iterator[Hit]:
        dockerfile = facts.dockerfile
        final = dockerfile.final_stage
        if final is None or builds_base_image(facts):
            return  # a base image: the upgrade belongs in the app images built FROM it
        root_image = facts.root_images[final.index]
        if root_image is not None and is_jupyter_stack(root_image):
            return  # its foundation image runs `apt-get upgrade --yes` at every rebuild
        if root_image is not None and is_dev_container(root_image):
            return  # an editor's environment, never deployed
        stages = final_stages(dockerfile)
        commands = [
            (instruction.start_line, item)
            for stage in stages
            for instruction in stage.instructions
            for item in facts.package_commands(instruction)
        ]
        if any(item.is_upgrade for _, item in commands):
            return
        if commands:
            line, item = commands[0]
            yield Hit(line, "never_upgrades", {"command": item.text, "upgrade": _upgrade(item)})
            return
        root = _root(stages, final)
        image = facts.images[root.index]
        if image is not None and is_debian_based(image):
            yield Hit(final.from_line, "debian_never_upgrades", {"base": root.base})


def _upgrade(item: PackageCommand) -> str:
    return "apt-get upgrade -y" if item.is_apt else "apk upgrade"


def _root(stages: list[Stage], final: Stage) -> Stage:
    """The stage of the final image's chain that starts FROM an external image."""
    return next((stage for stage in stages if stage.parent is None), final)
