"""LL401 runs-as-root."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import ClassVar

from layerlab.analysis import Facts
from layerlab.analysis.image_role import image_role
from layerlab.analysis.releases import stage_image
from layerlab.analysis.start import (
    context_file_text,
    start_commands,
    start_instructions,
    start_words,
)
from layerlab.context import BuildContext
from layerlab.dockerfile import Dockerfile, Instruction, Stage, parse_env
from layerlab.lint.findings import Level
from layerlab.lint.registry import Example, Hit, Rule, final_stages
from layerlab.lint.rules.base.base_image_build import (
    builds_base_image,
    is_jupyter_stack,
)
from layerlab.lint.rules.runtime.server_users import (
    ServerUser,
    is_server,
    server_user,
)
from layerlab.text import Text

ROOT_NAMES = frozenset({"root", "0"})
NONROOT_REGISTRIES = frozenset({"cgr.dev"})  # Chainguard images run as uid 65532
DOCKER_HUB = frozenset({None, "docker.io", "index.docker.io", "registry-1.docker.io"})
# Programs that start a command as another user: an image that runs them at start begins as
# root on purpose (to fix volume ownership, say) and then drops it.
DROPPERS = frozenset({"gosu", "su-exec", "setpriv", "runuser", "s6-setuidgid"})
# Base images whose own ENTRYPOINT (s6-overlay's /init) starts every service as a plain user.
S6_FAMILIES = ("linuxserver/",)
DROPPER_RE = re.compile(
    r"(?:^|[\s;&|(`\"'])(" + "|".join(map(re.escape, sorted(DROPPERS))) + r")\b"
)


@dataclass(frozen=True)
class FinalUser:
    """Who the image built without --target runs as."""

    instruction: Instruction | None  # its last USER, None when it has none
    is_root: bool | None  # None when a variable hides the user


def final_user(dockerfile: Dockerfile) -> FinalUser | None:
    """The last USER of the final stage and the stages it is built FROM."""
    stages = final_stages(dockerfile)
    if not stages:
        return None
    users = [i for stage in stages for i in stage.instructions if i.keyword == "USER"]
    if users:
        user = users[-1].arguments.strip().split(":", 1)[0]
        unknown = not user or "$" in user
        return FinalUser(users[-1], None if unknown else user in ROOT_NAMES)
    return FinalUser(None, not _base_runs_as_nonroot(dockerfile))


def _base_runs_as_nonroot(dockerfile: Dockerfile) -> bool:
    """Images known to set a non-root USER themselves (distroless :nonroot, Chainguard,
    Jupyter's docker-stacks)."""
    image = stage_image(dockerfile, final_stages(dockerfile)[0])
    if image is None:
        return False
    if "nonroot" in image.tag_words or image.registry in NONROOT_REGISTRIES:
        return True
    return is_jupyter_stack(image)


class RunsAsRoot(Rule):
    code = "LL401"
    name = "runs-as-root"
    level = Level.WARNING
    lesson = "08-case-study"
    hadolint = ("DL3002",)
    aliases = ("CKV_DOCKER_3", "CKV_DOCKER_8", "DS-0002")
    summary = Text(
        en="The final image runs as root.",
        ja="最終イメージが root で動きます。",
    )
    why = Text(
        en=(
            "Without a USER, a container runs as root. A bug in the app, or in any library it "
            "loads, then acts as root inside the container: it can rewrite the app's code, "
            "install tools, and reach whatever a container escape needs. The talk's final "
            "stage creates an ordinary user and switches to it; root is for the build steps "
            "that install packages, not for serving requests."
        ),
        ja=(
            "USER がないと、コンテナは root で動きます。アプリや読み込んだライブラリに不具合が"
            "あれば、それがコンテナ内の root として動き、アプリのコードを書き換え、ツールを"
            "入れ、コンテナからの脱出に必要なものにも手が届きます。発表の最終ステージでは"
            "一般ユーザーを作って切り替えます。root はパッケージを入れるビルド手順のためのもので、"
            "リクエストを処理するためのものではありません。"
        ),
    )
    fix = Text(
        en=(
            "Create a user in the final stage (`RUN useradd --system --uid 10001 app`) and put "
            "`USER app` (or `USER 10001`) after the steps that need root."
        ),
        ja=(
            "最終ステージでユーザーを作り (`RUN useradd --system --uid 10001 app`)、root が"
            "必要な手順の後に `USER app` (または `USER 10001`) を書きます。"
        ),
    )
    messages: ClassVar[dict[str, Text]] = {
        "no_user": Text(
            en=(
                "no USER in the final stage or the stages it is built FROM: the container runs as "
                "root"
            ),
            ja=(
                "最終ステージにも、その元になったステージにも USER がありません。コンテナは root で"
                "動きます。"
            ),
        ),
        "base_unknown": Text(
            en=(
                "no USER in the final stage or the stages it is built FROM, and `{image}` is not "
                "an image LayerLab knows: unless it sets a non-root USER itself, the container "
                "runs as root; a USER here makes it certain"
            ),
            ja=(
                "最終ステージにも、その元になったステージにも USER がなく、`{image}` は LayerLab "
                "が知らないイメージです。そのイメージ自身が非 root の USER を設定していなければ、"
                "コンテナは root で動きます。ここに USER を書けば確実です。"
            ),
        ),
        "root_user": Text(
            en="the last USER is `{user}`: the container runs as root",
            ja="最後の USER が `{user}` です。コンテナは root で動きます。",
        ),
        "server_drops_root": Text(
            en=(
                "the container starts as root and `{server}` switches to `{user}` by its own "
                "setting (`{setting}` in {where}): the app code does not run as root; prefer "
                "USER with a numeric UID where the server needs no root to start (Kubernetes' "
                "runAsNonRoot can only verify that)"
            ),
            ja=(
                "コンテナは root で起動しますが、`{server}` が自身の設定 ({where} の "
                "`{setting}`) で `{user}` に切り替えるので、アプリのコードは root では動きません。"
                "サーバーの起動に root が要らないなら、数値の UID で USER を書くほうが確実です "
                "(Kubernetes の runAsNonRoot が確かめられるのはそれだけです)。"
            ),
        ),
        "drops_root": Text(
            en=(
                "the container starts as root and `{tool}` in {where} switches to another user: "
                "check that every process goes through it, and prefer USER with a numeric UID "
                "where the start needs no root (Kubernetes' runAsNonRoot can only verify that)"
            ),
            ja=(
                "コンテナは root で起動し、{where} の `{tool}` で別のユーザーに切り替えます。"
                "すべてのプロセスがそれを通ることを確かめてください。起動に root が要らないなら、"
                "数値の UID で USER を書くほうが確実です (Kubernetes の runAsNonRoot が確かめ"
                "られるのはそれだけです)。"
            ),
        ),
    }
    versus_hadolint = Text(
        en=(
            "hadolint's DL3002 fires only on an explicit `USER root`, in any stage, and says "
            "nothing when there is no USER at all, the most common way to run as root "
            "(hadolint issue #328, open since 2019: the base image might set a user). LayerLab "
            "checks the user the final image really runs as: the last USER of the final stage "
            "or of a stage it is built FROM, and root when there is none, except for bases "
            "known to set a non-root user (distroless `:nonroot`, cgr.dev). A `USER root` in a "
            "builder stage is fine. Findings for a missing USER carry no DL code. An image "
            "that starts as root and drops it (gosu, su-exec, setpriv, runuser or "
            "s6-setuidgid in the ENTRYPOINT/CMD, or in the entrypoint script when the build "
            "context is known, or a linuxserver base image whose s6-overlay runs the services "
            "as `abc`) gets its own, milder message, and so does one whose server "
            "switches user by its own setting (uWSGI `uid`/`--uid`, gunicorn `--user`, "
            "supervisord `user=` for every program, nginx `user`, NGINX Unit's `unitd "
            "--user`, read from the config file in the build context when it is known). "
            "Images for others to build FROM (a bare "
            "OS image whose CMD is just an interpreter, like the official python image) and "
            "Jupyter's docker-stacks images and Dev Containers images "
            "(mcr.microsoft.com/devcontainers) are not reported. Nor, even with an explicit "
            "`USER root` that DL3002 reports, are images nobody deploys: a development image "
            "(an editable install and no CMD, or a Compose dev service in the context) and, "
            "when the Dockerfile's path is known (the CLI passes it; the app's editors have "
            "none), one whose path names a development, test or demo image by a whole word "
            "(`dev`, `development`, `local`, `test`, `tests`, `demo`, `examples`, ...: "
            "`docker/dev/Dockerfile`, `Dockerfile.test`, `demos/proxy/Dockerfile`) and no "
            "production word (`prod`, `release`, `deploy`). When the image is built FROM one "
            "LayerLab does not know (a project's own base, not an official Docker Hub image, "
            "scratch or distroless), the finding says that base may set a USER itself."
        ),
        ja=(
            "hadolint の DL3002 は、どのステージでも明示的な `USER root` にだけ反応し、USER が"
            "まったくない場合 (root で動く最も多いケース) には何も言いません (hadolint issue "
            "#328、2019年から未解決。ベースイメージがユーザーを設定している可能性があるため)。"
            "LayerLab は最終イメージが実際に動くユーザーを調べます。最終ステージか、その "
            "FROM 元のステージの最後の USER を見て、なければ root とみなします。ただし非 root "
            "ユーザーを設定済みと分かっているベース (distroless の `:nonroot`、cgr.dev) は"
            "除きます。"
            "ビルダーステージの `USER root` は問題ありません。USER がない場合の指摘には DL "
            "コードを付けません。root で起動してから権限を落とすイメージ (ENTRYPOINT/CMD、"
            "またはビルドコンテキストが分かるときはエントリーポイントのスクリプトで gosu、"
            "su-exec、setpriv、runuser、s6-setuidgid を使うもの。s6-overlay がサービスを "
            "`abc` で動かす linuxserver のベースイメージも含みます) には、別の穏やかな"
            "メッセージを出します。サーバー自身の設定でユーザーを切り替える場合 (uWSGI の "
            "`uid`/`--uid`、gunicorn の `--user`、すべてのプログラムに `user=` がある "
            "supervisord、nginx の `user`、NGINX Unit の `unitd --user`。ビルドコンテキストが"
            "分かれば設定ファイルも読みます) "
            "も同様です。他のイメージの FROM に使うためのイメージ (素の OS イメージから作り、"
            "CMD がインタープリターだけのもの。公式 python イメージなど) と Jupyter の "
            "docker-stacks のイメージ、Dev Containers のイメージ "
            "(mcr.microsoft.com/devcontainers) は報告しません。デプロイしないイメージも、"
            "DL3002 が報告する明示的な `USER root` があっても報告しません。開発用イメージ "
            "(CMD がなく editable インストールをするもの、またはコンテキストの Compose の開発用"
            "サービスがビルドするもの) と、Dockerfile のパスが分かるとき (CLI は渡します。アプリ"
            "のエディターにはパスがありません) にパスの単語が開発・テスト・デモ用を表すもの "
            "(`dev`、`development`、`local`、`test`、`tests`、`demo`、`examples` など。"
            "`docker/dev/Dockerfile`、`Dockerfile.test`、`demos/proxy/Dockerfile`) です。"
            "本番を表す単語 (`prod`、`release`、`deploy`) も含むパスは対象外です。LayerLab "
            "が知らないイメージ (Docker Hub の公式イメージ、scratch、distroless 以外のプロジェクト"
            "独自のベースなど) から作るイメージには、そのベースが USER を設定している可能性が"
            "あると伝えます。"
        ),
    )
    bad = (
        Example(
            "FROM python:3.12-slim\nCOPY uwsgi.ini docker-entrypoint.sh /app/\n"
            'CMD ["/app/docker-entrypoint.sh"]\n',
            lines=(1,),
            context={
                "uwsgi.ini": "[uwsgi]\nmodule = app.wsgi\nuid = www-data\ngid = www-data\n",
                "docker-entrypoint.sh": "#!/bin/sh\npython manage.py migrate\n"
                "exec uwsgi --http :8000 /app/uwsgi.ini\n",
            },
            note="uWSGI switches to www-data by its ini: says so instead of runs as root",
        ),
        Example(
            'FROM python:3.12-slim\nCMD ["gunicorn", "--user", "app", "-b", ":80", "app:app"]\n',
            lines=(1,),
            note="gunicorn --user: the workers run as app",
        ),
        Example(
            "FROM python:3.12-slim\nRUN apt-get update && apt-get install -y "
            "--no-install-recommends"
            " gosu && rm -rf /var/lib/apt/lists/*\nCOPY docker-entrypoint.sh /usr/local/bin/\n"
            'ENTRYPOINT ["docker-entrypoint.sh"]\nCMD ["gunicorn", "app:app"]\n',
            lines=(1,),
            context={"docker-entrypoint.sh": '#!/bin/sh\nchown -R app /data\nexec gosu app "$@"\n'},
            note="drops root in the entrypoint script: its own message",
        ),
        Example(
            "FROM ghcr.io/linuxserver/baseimage-alpine:3.22\n"
            "RUN apk add --no-cache python3\nCOPY app /app\n",
            lines=(1,),
            note="linuxserver images start as root and s6-overlay runs the services as abc",
        ),
        Example(
            "FROM python:3.12-alpine\nRUN apk add --no-cache su-exec\n"
            'CMD ["su-exec", "app", "python", "app.py"]\n',
            lines=(1,),
            note="drops root in CMD",
        ),
        Example('FROM python:3.12-slim\nCMD ["python", "app.py"]\n', lines=(1,), note="no USER"),
        Example(
            'FROM acme/python-base:3.12\nCOPY . /app\nCMD ["python", "/app/app.py"]\n',
            lines=(1,),
            note="a project's own base image may set a USER: says so",
        ),
        Example(
            "FROM python:3.12-slim\nUSER app\nRUN apt-get update\nUSER root\n",
            lines=(4,),
            note="last USER is root",
        ),
        Example("FROM python:3.12-slim\nUSER 0:0\n", lines=(2,), note="uid 0 with group"),
        Example(
            "FROM python:3.12-slim AS base\nRUN useradd app\nFROM base\nUSER root:root\n",
            lines=(4,),
            note="root:root in the final stage",
        ),
        Example(
            "FROM python:3.12-slim AS builder\nUSER app\nFROM python:3.12-slim\n",
            lines=(3,),
            note="a USER in a builder stage does not reach the final stage",
        ),
        Example(
            'FROM python:3.12-slim\nCOPY . /app\nCMD ["python", "/app/demo.py"]\n',
            lines=(1,),
            path="examples/production/Dockerfile",
            note="a path that also names production may be the deployed image",
        ),
        Example(
            'FROM python:3.12-slim\nCOPY dist/ /dist/\nCMD ["python", "-m", "app"]\n',
            lines=(1,),
            path="Dockerfile.ci",
            note="`ci` names no role: projects build their published image in CI",
        ),
    )
    good = (
        Example("FROM python:3.12-slim\nRUN useradd app\nUSER app\n", note="non-root user"),
        Example(
            "FROM python:3.12-slim AS base\nRUN useradd -u 10001 app\nUSER 10001\n"
            'FROM base\nCMD ["python"]\n',
            note="USER inherited from the stage the final stage is built FROM",
        ),
        Example(
            "FROM python:3.12 AS builder\nUSER root\nFROM python:3.12-slim\nUSER 10001\n",
            note="root in a builder stage",
        ),
        Example("FROM python:3.12-slim\nUSER root\nRUN id\nUSER app:root\n", note="root group"),
        Example("FROM gcr.io/distroless/python3-debian12:nonroot\n", note="non-root base"),
        Example("FROM python:3.12-slim\nUSER ${APP_USER}\n", note="a variable: not guessed"),
        Example(
            "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-"
            'recommends python3 && rm -rf /var/lib/apt/lists/*\nCMD ["python3"]\n',
            note="a base image for others (like the official python image): USER is theirs",
        ),
        Example(
            "ARG BASE_IMAGE=quay.io/jupyter/base-notebook:2025-06-02\nFROM $BASE_IMAGE\n"
            "RUN mamba install --yes flake8\n",
            note="Jupyter's docker-stacks images end with USER jovyan",
        ),
        Example(
            "FROM mcr.microsoft.com/devcontainers/python:3.12\n"
            "RUN pip install --no-cache-dir ruff==0.6.9\n",
            note="a dev container: the editor connects as its remoteUser, nothing is deployed",
        ),
        Example(
            "FROM python:3.12-slim\nCOPY . /src\n"
            "RUN pip install --no-cache-dir -r /src/requirements-test.txt\n"
            'CMD ["pytest", "/src/tests"]\n',
            path="tests/Dockerfile",
            note="a test image, by its path: nobody deploys it",
        ),
        Example(
            'FROM python:3.12-slim\nCOPY proxy.py .\nCMD ["python", "proxy.py"]\n',
            path="demos/apache-proxy/Dockerfile",
            note="a demo, by its path",
        ),
        Example(
            "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\n"
            'CMD ["python", "manage.py", "runserver"]\n',
            path="compose/local/django/Dockerfile",
            note="a development image, by its path (`local`, `dev`, `development`)",
        ),
    )

    def check(self, facts: Facts, context: BuildContext | None) -> Iterator[Hit]:
        dockerfile = facts.dockerfile
        user = final_user(dockerfile)
        if user is None or not user.is_root:
            return
        if not image_role(facts, context).deployed:
            return  # a development, test or demo image: nobody serves requests from it
        if user.instruction is None and builds_base_image(facts):
            return  # USER belongs to the app images built FROM it
        line = dockerfile.stages[-1].from_line if user.instruction is None else None
        code = None if user.instruction is None else "DL3002"  # DL3002: explicit root only
        dropped = _drops_root(facts, context)
        server = None if dropped is not None else _server_user(facts, context)
        if server is not None:
            line = line if user.instruction is None else user.instruction.start_line
            params = {
                "server": server.server,
                "user": server.user,
                "setting": server.setting,
                "where": server.where,
            }
            yield Hit(line, "server_drops_root", params, hadolint=code)
        elif dropped is not None:
            tool, where = dropped
            line = line if user.instruction is None else user.instruction.start_line
            yield Hit(line, "drops_root", {"tool": tool, "where": where}, hadolint=code)
        elif user.instruction is None and not _known_base(facts):
            base = final_stages(dockerfile)[0].base
            yield Hit(line, "base_unknown", {"image": base}, hadolint=None)
        elif user.instruction is None:
            yield Hit(dockerfile.stages[-1].from_line, "no_user", hadolint=None)
        else:
            yield Hit(
                user.instruction.start_line,
                "root_user",
                {"user": user.instruction.arguments.strip()},
                hadolint=code,
            )


def _known_base(facts: Facts) -> bool:
    """The final image's chain starts at scratch, an official Docker Hub image or distroless,
    whose user LayerLab knows (root unless the tag says nonroot); a project's own base image
    (`openwisp/openwisp-base`) may set its own USER, which the Dockerfile cannot show."""
    image = facts.root_images[final_stages(facts.dockerfile)[-1].index]
    if image is None:
        return final_stages(facts.dockerfile)[0].base.lower() == "scratch"
    if not image.resolved:
        return False
    if image.registry == "gcr.io" and image.path.startswith("distroless/"):
        return True
    return image.registry in DOCKER_HUB and (
        "/" not in image.path or image.path.startswith("library/")
    )


def _drops_root(facts: Facts, context: BuildContext | None) -> tuple[str, str] | None:
    """(program, where) when the final image starts as root and drops it: a dropper in the
    ENTRYPOINT or CMD, or in the entrypoint script the build context holds."""
    stages = final_stages(facts.dockerfile)
    starts = start_instructions(stages)
    root = facts.root_images[stages[-1].index]
    runs_init = all(i.keyword != "ENTRYPOINT" for i in starts)
    if runs_init and root is not None and root.path.startswith(S6_FAMILIES):
        return "s6-setuidgid", f"`{stages[0].base}`"  # its s6-overlay /init runs services as abc
    for instruction in starts:
        words = start_words(facts, instruction)
        tool = next(
            (posixpath.basename(w) for w in words if posixpath.basename(w) in DROPPERS), None
        )
        if tool is not None:
            return tool, instruction.keyword
        if context is not None:
            found = _dropper_in_script(facts, stages, context, words)
            if found is not None:
                return found
    return None


def _server_user(facts: Facts, context: BuildContext | None) -> ServerUser | None:
    """A server the image starts that switches to another user by its own settings."""
    stages = final_stages(facts.dockerfile)
    env = {
        name: value or ""
        for stage in stages
        for i in stage.instructions
        if i.keyword == "ENV"
        for name, value in parse_env(i.arguments)
    }
    root = facts.root_images[stages[-1].index]
    nginx_base = root is not None and root.is_official("nginx")

    def read(name: str) -> str | None:
        return None if context is None else context_file_text(facts, stages, context, name)

    found = None
    for command in start_commands(facts, context):
        if not is_server(command.argv):
            continue
        found = server_user(command.argv, command.where, read, env, nginx_base)
        if found is None:
            return None  # a server that keeps root: the image does run as root
    return found  # the last one, usually the main process the script execs


def _dropper_in_script(
    facts: Facts, stages: Sequence[Stage], context: BuildContext, words: Sequence[str]
) -> tuple[str, str] | None:
    """A dropper in a script the start command runs (maybe after `tini --` or `dumb-init --`)."""
    for word in words:
        if "/" not in word and "." not in word:
            continue
        script = context_file_text(facts, stages, context, word)
        found = DROPPER_RE.search(script) if script else None
        if found:
            return found.group(1), f"`{posixpath.basename(word)}`"
    return None
