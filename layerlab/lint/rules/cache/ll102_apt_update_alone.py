"""LL102 apt-update-alone."""

from collections.abc import Iterator
from typing import ClassVar

from layerlab.analysis import Facts
from layerlab.context import BuildContext
from layerlab.lint.findings import Level
from layerlab.lint.registry import Example, Hit, Rule
from layerlab.text import Text


class AptUpdateAlone(Rule):
    code = "LL102"
    name = "apt-update-alone"
    level = Level.WARNING
    lesson = "02-build-cache"
    aliases = ("CKV_DOCKER_5", "DS-0017")
    summary = Text(
        en="`apt-get update` (or `apk update`) runs in a RUN that installs nothing.",
        ja=(
            "`apt-get update` (または `apk update`) を、何もインストールしない RUN で"
            "実行しています。"
        ),
    )
    why = Text(
        en=(
            "Docker caches every layer. A RUN that only updates the package index is cached "
            "once and reused for months, while the RUN that installs changes and re-runs "
            "against that old index: packages that moved on the mirror fail with 404, or you "
            "silently get old versions. Update and install in one RUN, so the index is always "
            "as fresh as the install that uses it."
        ),
        ja=(
            "Docker はレイヤごとにキャッシュします。パッケージ一覧を更新するだけの RUN は一度"
            "キャッシュされると何か月も再利用され、後の RUN を書き換えてインストールし直すと、"
            "その古い一覧を使うことになります。ミラーから消えたパッケージは 404 で失敗し、"
            "そうでなくても古い版が入ります。update と install を同じ RUN に書けば、一覧は"
            "いつもインストールと同じだけ新しくなります。"
        ),
    )
    fix = Text(
        en=(
            "Join them: `RUN apt-get update && apt-get install -y --no-install-recommends "
            "<packages> && rm -rf /var/lib/apt/lists/*` (on Alpine, `apk add --no-cache`)."
        ),
        ja=(
            "1つにまとめます: `RUN apt-get update && apt-get install -y "
            "--no-install-recommends <パッケージ> && rm -rf /var/lib/apt/lists/*` "
            "(Alpine なら `apk add --no-cache`)。"
        ),
    )
    messages: ClassVar[dict[str, Text]] = {
        "update_alone": Text(
            en=(
                "`{command}` runs without an install in the same RUN: its cached layer keeps a "
                "stale package index for every later install"
            ),
            ja=(
                "`{command}` を、同じ RUN でインストールせずに実行しています。キャッシュされたレイ"
                "ヤーに古いパッケージインデックスが残り、後のインストールはすべてそれを使います。"
            ),
        ),
    }
    bad = (
        Example(
            "FROM python:3.12-slim\nRUN apt-get update\n"
            "RUN apt-get install -y --no-install-recommends libpq5\n",
            lines=(2,),
            note="update in its own RUN before the install",
        ),
        Example(
            "FROM python:3.12-alpine\nRUN apk update\nRUN apk add --no-cache libpq\n",
            lines=(2,),
            note="apk update alone",
        ),
        Example(
            "FROM python:3.12-slim\nRUN apt-get update -qq && echo done\n",
            lines=(2,),
            note="other commands are not an install",
        ),
    )
    good = (
        Example(
            "FROM python:3.12-slim\nRUN apt-get update && apt-get install -y "
            "--no-install-recommends libpq5 && rm -rf /var/lib/apt/lists/*\n",
            note="update and install in one RUN",
        ),
        Example(
            "FROM python:3.12-slim\nRUN apt-get update && apt-get upgrade -y "
            "&& rm -rf /var/lib/apt/lists/*\n",
            note="update and upgrade in one RUN",
        ),
        Example(
            "FROM python:3.12-alpine\nRUN apk update && apk upgrade --no-cache\n",
            note="apk update with an upgrade",
        ),
        Example(
            "FROM python:3.12-slim\nRUN echo 'apt-get update' > /tmp/note\n",
            note="apt-get update inside a string is not a command",
        ),
    )

    def check(self, facts: Facts, context: BuildContext | None) -> Iterator[Hit]:
        for instruction in facts.package_runs:
            commands = facts.package_commands(instruction)
            updates = [item for item in commands if item.is_update]
            if updates and not any(item.is_install or item.is_upgrade for item in commands):
                yield Hit(instruction.start_line, "update_alone", {"command": updates[0].text})
