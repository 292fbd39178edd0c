"""LL402 privileged-port."""

import re
from collections.abc import Iterator
from typing import ClassVar

from layerlab.analysis import Facts
from layerlab.context import BuildContext
from layerlab.dockerfile import Instruction
from layerlab.lint.findings import Level
from layerlab.lint.registry import Example, Hit, Rule, final_stages
from layerlab.lint.rules.runtime.ll401_runs_as_root import final_user
from layerlab.text import Text

FIRST_UNPRIVILEGED = 1024
PORT_RE = re.compile(r"^(\d+)(?:-(\d+))?(?:/[A-Za-z]+)?$")


class PrivilegedPort(Rule):
    code = "LL402"
    name = "privileged-port"
    level = Level.WARNING
    lesson = "08-case-study"
    summary = Text(
        en="EXPOSE of a port below 1024 while the image runs as a non-root user.",
        ja="一般ユーザーで動くイメージが 1024 未満のポートを EXPOSE しています。",
    )
    why = Text(
        en=(
            "On Linux only root may bind ports below 1024 unless the kernel setting "
            "`net.ipv4.ip_unprivileged_port_start` is lowered. Docker 20.10+ lowers it to 0 "
            "for containers on its own networks, but host networking, CRI-O, older engines "
            "and many Kubernetes nodes keep 1024, and the app then fails with 'permission "
            "denied'. The talk's case study switched to a normal user and moved uWSGI from "
            "port 80 to 8000; the port a user reaches is chosen when the container is run "
            "(`-p 80:8000`)."
        ),
        ja=(
            "Linux では、カーネル設定 `net.ipv4.ip_unprivileged_port_start` を下げない限り、"
            "1024 未満のポートを開けるのは root だけです。Docker 20.10 以降は自前のネットワーク上の"
            "コンテナでこれを 0 にしますが、ホストネットワーク、CRI-O、古いエンジン、多くの "
            "Kubernetes ノードでは 1024 のままで、アプリは「permission denied」で失敗します。"
            "発表のケーススタディでは一般ユーザーに切り替え、uWSGI のポートを 80 から 8000 に"
            "変えました。利用者が接続するポートは実行時に決めます (`-p 80:8000`)。"
        ),
    )
    fix = Text(
        en=(
            "Listen on port 1024 or above (e.g. 8000), EXPOSE it, and map it with `-p 80:8000`. "
            "(An image that grants its server `setcap cap_net_bind_service` is not reported.)"
        ),
        ja=(
            "1024 以上のポート (例: 8000) で待ち受けて EXPOSE し、`-p 80:8000` で対応付けます。"
            "(サーバーに `setcap cap_net_bind_service` を付与しているイメージは指摘しません。)"
        ),
    )
    messages: ClassVar[dict[str, Text]] = {
        "privileged": Text(
            en=(
                "EXPOSE {ports} while the image runs as a non-root user: it cannot bind ports "
                "below 1024 where the kernel default applies; use 1024 or above"
            ),
            ja=(
                "root 以外のユーザーで動くイメージなのに EXPOSE {ports} としています。カーネルの既"
                "定の設定では 1024 未満のポートで待ち受けできないので、1024 以上のポートを使います"
                "。"
            ),
        ),
    }
    bad = (
        Example(
            "FROM python:3.12-slim\nRUN useradd app\nUSER app\nEXPOSE 80\n",
            lines=(4,),
            note="port 80 as a normal user",
        ),
        Example(
            "FROM python:3.12-slim\nEXPOSE 8000 443/tcp\nUSER 10001\n",
            lines=(2,),
            note="several ports with a protocol; USER after EXPOSE still counts",
        ),
        Example(
            "FROM python:3.12-slim\nUSER app\nEXPOSE 1000-1100/udp\n",
            lines=(3,),
            note="a range that starts below 1024",
        ),
        Example(
            "FROM python:3.12-slim AS base\nUSER app\nEXPOSE 80\nFROM base\n",
            lines=(3,),
            note="EXPOSE and USER inherited from the stage the final stage is built FROM",
        ),
    )
    good = (
        Example(
            "FROM python:3.12-slim\nRUN apt-get update && apt-get install -y "
            "--no-install-recommends libcap2-bin && rm -rf /var/lib/apt/lists/* && "
            "setcap CAP_NET_BIND_SERVICE=+eip /usr/local/bin/python3.12\n"
            "RUN useradd --uid 10001 app\nUSER 10001\nEXPOSE 80\n",
            note="setcap lets the server bind port 80 as a normal user",
        ),
        Example("FROM python:3.12-slim\nUSER app\nEXPOSE 8000\n", note="port above 1024"),
        Example(
            "FROM python:3.12-slim\nEXPOSE 80\n",
            note="root may bind it (LL401 reports the root user)",
        ),
        Example("FROM python:3.12-slim\nUSER app\nEXPOSE $PORT\n", note="a variable is skipped"),
        Example(
            "FROM python:3.12-slim AS dev\nEXPOSE 80\nFROM python:3.12-slim\nUSER app\n",
            note="EXPOSE in a stage that is not in the final image",
        ),
    )

    def check(self, facts: Facts, context: BuildContext | None) -> Iterator[Hit]:
        dockerfile = facts.dockerfile
        user = final_user(dockerfile)
        if user is None or user.is_root is not False or _grants_bind_capability(facts):
            return
        for stage in final_stages(dockerfile):
            for inst in stage.instructions:
                ports = privileged_ports(inst)
                if ports:
                    yield Hit(inst.start_line, "privileged", {"ports": " ".join(ports)})


def _grants_bind_capability(facts: Facts) -> bool:
    """`setcap cap_net_bind_service=+ep <binary>` in the final image: that program may bind
    a port below 1024 as any user."""
    for stage in final_stages(facts.dockerfile):
        for inst in stage.instructions:
            for command in facts.commands(inst):
                if command.program == "setcap" and any(
                    "cap_net_bind_service" in word.lower() for word in command.argv[1:]
                ):
                    return True
    return False


def privileged_ports(inst: Instruction) -> list[str]:
    """The EXPOSE arguments that include a port below 1024; variables are skipped."""
    if inst.keyword != "EXPOSE":
        return []
    found = []
    for word in inst.arguments.split():
        match = PORT_RE.match(word)
        if match and 0 < int(match.group(1)) < FIRST_UNPRIVILEGED:
            found.append(word)
    return found
