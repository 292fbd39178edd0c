"""LL602 unpinned-pip."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from layerlab.analysis import Facts
from layerlab.analysis.installs import Install
from layerlab.analysis.installs.requirements import (
    BOOTSTRAP_PACKAGES,
    package_name,
    requirement_pinned,
)
from layerlab.context import BuildContext
from layerlab.lint.findings import Level
from layerlab.lint.registry import Example, Hit, Rule
from layerlab.text import Text


class UnpinnedPip(Rule):
    code = "LL602"
    name = "unpinned-pip"
    level = Level.WARNING
    lesson = "05-keep-current"
    hadolint = ("DL3013",)
    summary = Text(
        en="`pip install <package>` without a version.",
        ja="バージョンを指定せずに `pip install <パッケージ>` しています。",
    )
    why = Text(
        en=(
            "An unpinned package installs whatever version is newest on the day of the build. "
            "The same Dockerfile then builds different images, and a new major release (of "
            "poetry, pipenv or a library) can break a build that worked yesterday. Keep "
            "versions in a lock or requirements file and update them on purpose: that is how "
            "the talk stays current without surprises."
        ),
        ja=(
            "バージョンを固定しないと、ビルドした日の最新版が入ります。同じ Dockerfile から"
            "違うイメージができ、poetry や pipenv、ライブラリのメジャーリリースで昨日まで"
            "通っていたビルドが壊れることがあります。バージョンはロックファイルや "
            "requirements ファイルに書き、意図して更新します。発表の「最新化」は、こうして"
            "驚きなく行います。"
        ),
    )
    fix = Text(
        en=(
            "Pin the version (`pip install poetry==1.8.3`), or install from a requirements or "
            "lock file (`pip install -r requirements.txt`)."
        ),
        ja=(
            "バージョンを固定する (`pip install poetry==1.8.3`) か、requirements や"
            "ロックファイルからインストールします (`pip install -r requirements.txt`)。"
        ),
    )
    messages: ClassVar[dict[str, Text]] = {
        "unpinned": Text(
            en=(
                "{names} installed without a version: pin it (`{first}==...`) or install from a "
                "requirements file"
            ),
            ja=(
                "{names} をバージョン指定なしでインストールしています。バージョンを固定する"
                " (`{first}==...`) か、requirements ファイルからインストールします。"
            ),
        ),
    }
    versus_hadolint = Text(
        en=(
            "Like DL3013, with these deliberate differences. Upgrading the installer itself "
            "(`pip install --upgrade pip setuptools wheel`) is not reported: the deck asks "
            "for current tools, and a pinned pip only goes stale. `--no-index` installs are "
            "exempt, because the versions come from the wheels folder built from a lock. "
            "And `uv pip install` and a pip called by its path (`/opt/venv/bin/pip`) are read "
            "too, which hadolint does not recognise. `--group NAME` (pip 25.1 dependency "
            "groups) reads its requirements from pyproject.toml as `-r` reads a file, so it is "
            'exempt like `-r`. A package given only as a variable (`pip install "$SRC"`) is '
            "not judged: it is usually the project's own folder; hadolint reports it."
        ),
        ja=(
            "DL3013 と同じ趣旨ですが、次の意図的な違いがあります。インストーラ自体の更新 "
            "(`pip install --upgrade pip setuptools wheel`) は報告しません。発表はツールを"
            "最新に保つことを勧めており、固定した pip は古くなるだけだからです。"
            "`--no-index` のインストールも対象外です。バージョンはロックから作ったホイールの"
            "フォルダで決まるからです。また hadolint が認識しない `uv pip install` や、パスで"
            "呼び出した pip (`/opt/venv/bin/pip`) も読みます。`--group 名前` (pip 25.1 の"
            "依存グループ) は `-r` がファイルを読むのと同じく pyproject.toml から要件を読むので、"
            '`-r` と同様に対象外です。変数だけで渡したパッケージ (`pip install "$SRC"`) は'
            "たいていプロジェクト自身のフォルダなので判定しません (hadolint は報告します)。"
        ),
    )
    bad = (
        Example(
            "FROM python:3.12-slim\nONBUILD RUN pip install --no-cache-dir django\n",
            lines=(2,),
            note="an ONBUILD RUN installs in every image built FROM this one",
        ),
        Example(
            "FROM python:3.12\nRUN pip install pipenv && pipenv install --system --deploy\n",
            lines=(2,),
            note="the talk's before: pipenv unpinned",
        ),
        Example(
            "FROM python:3.12-slim\n"
            "RUN python -m pip install --no-cache-dir flask==3.0.3 gunicorn\n",
            lines=(2,),
            note="one of two packages unpinned",
        ),
        Example(
            "FROM python:3.12-slim\n"
            "RUN pip install --no-cache-dir git+https://github.com/encode/httpx.git\n",
            lines=(2,),
            note="a VCS URL without @ref",
        ),
        Example(
            "FROM python:3.12-slim\nRUN uv pip install --system ruff\n",
            lines=(2,),
            note="uv pip install",
        ),
        Example(
            "FROM python:3.12-slim\nRUN pipx install poetry\n",
            lines=(2,),
            note="pipx install",
        ),
    )
    good = (
        Example(
            "FROM python:3.12-slim\nCOPY pyproject.toml .\n"
            "RUN pip install --no-cache-dir --group main\n",
            note="a dependency group from pyproject.toml, like -r",
        ),
        Example(
            'FROM python:3.12-slim\nCOPY . /src/\nRUN pip install --no-cache-dir "$SRC_DIR"\n',
            note="a variable: usually the project's folder, not judged",
        ),
        Example(
            "FROM python:3.12-slim\nRUN pip install --no-cache-dir pipenv==2024.0.1 "
            "'django>=4.2,<5' 'httpx[http2]~=0.27' uvicorn[standard]==0.30.1\n",
            note="==, ranges, ~= and extras",
        ),
        Example(
            "FROM python:3.12-slim\nRUN pip install --no-cache-dir -r requirements.txt\n",
            note="a requirements file",
        ),
        Example(
            "FROM python:3.12-slim\nRUN pip install --no-cache-dir . && "
            "pip install --no-cache-dir -e ./lib && pip install --no-cache-dir dist/app-1.0.whl\n",
            note="the project, paths and wheels",
        ),
        Example(
            "FROM python:3.12-slim\nRUN pip install --no-cache-dir -c constraints.txt flask\n",
            note="versions from constraints",
        ),
        Example(
            "FROM python:3.12-slim\n"
            "RUN pip install --no-cache-dir git+https://github.com/encode/httpx.git@0.27.0\n",
            note="a VCS URL at a tag",
        ),
        Example(
            "FROM python:3.12-slim\n"
            "RUN pip install --no-cache-dir --upgrade pip setuptools wheel\n",
            note="upgrading the installer itself",
        ),
        Example(
            "FROM python:3.12 AS builder\nWORKDIR /src\nCOPY requirements.txt .\n"
            "RUN pip wheel --wheel-dir /wheels -r requirements.txt\n"
            "FROM python:3.12-slim\nCOPY --from=builder /wheels /wheels\n"
            "RUN pip install --no-cache-dir --no-index --find-links=/wheels flask gunicorn\n",
            note="--no-index: versions come from the wheels built from a lock",
        ),
    )

    def check(self, facts: Facts, context: BuildContext | None) -> Iterator[Hit]:
        for event in facts.events_in():
            installs = (*event.installs, *event.onbuild_installs)
            unpinned = [name for i in installs for name in _unpinned(i)]
            if unpinned:
                names = tuple(f"`{name}`" for name in unpinned)
                seen = any(_hadolint_reads(i) and _unpinned(i) for i in installs)
                yield Hit(
                    event.instruction.start_line,
                    "unpinned",
                    {"names": names, "first": unpinned[0]},
                    hadolint="DL3013" if seen else None,
                )


def _unpinned(install: Install) -> list[str]:
    if install.tool not in ("pip", "uv", "pipx") or install.action != "install":
        return []
    if install.constrained or _upgrades_installer(install):
        return []
    return [p for p in install.packages if not requirement_pinned(p)]


def _upgrades_installer(install: Install) -> bool:
    names = {package_name(p) for p in install.packages}
    return names <= BOOTSTRAP_PACKAGES and install.command.has("-U", "--upgrade")


def _hadolint_reads(install: Install) -> bool:
    """hadolint reads pip by name (pip, pip3.11, python -m pip) and pipx, not paths or uv."""
    return install.tool == "pipx" or install.pip_by_name
