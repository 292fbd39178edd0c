"""LL101 deps-after-source-copy: the talk's first point, which no other linter checks."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import ClassVar

from layerlab.analysis import Facts
from layerlab.analysis.copies import is_whole_context, looks_like_file
from layerlab.analysis.installs import Install, Kind
from layerlab.analysis.installs.requirements import is_manifest_name
from layerlab.analysis.paths import absolute, is_inside
from layerlab.analysis.stages import Event
from layerlab.context import BuildContext
from layerlab.lint.findings import Level
from layerlab.lint.registry import Example, Hit, Rule
from layerlab.text import Part, Text

# What a COPY before the install may bring without being "the code": files whose names say data
# or configuration. They change far less often than the code, and the install does not read
# them. With the build context known, a source is code when one of its files has a CODE suffix.
CODE_SUFFIXES = frozenset(
    {".py", ".pyx", ".pxd", ".pyi", ".c", ".h", ".cc", ".cpp", ".rs", ".ipynb", ".html", ".js"}
)
DATA_SUFFIXES = frozenset(
    {
        ".tar", ".gz", ".tgz", ".bz2", ".xz", ".zst", ".zip", ".whl",
        ".csv", ".tsv", ".json", ".jsonl", ".parquet", ".pkl", ".npy", ".db", ".sqlite",
        ".sqlite3", ".sql", ".yaml", ".yml", ".ini", ".conf", ".cfg", ".toml", ".env", ".xml",
        ".properties", ".pem", ".crt", ".key", ".sh", ".md", ".rst", ".txt", ".png", ".jpg",
        ".jpeg", ".gif", ".svg", ".ico", ".ttf", ".woff", ".woff2", ".mo", ".po",
    }
)  # fmt: skip
CONFIG_FOLDERS = frozenset({"conf", "config", "configs", "etc", "rootfs", "docker", "deploy"})


class DepsAfterSourceCopy(Rule):
    code = "LL101"
    name = "deps-after-source-copy"
    level = Level.WARNING
    lesson = "02-build-cache"
    summary = Text(
        en="Dependencies are installed after the source code is copied.",
        ja="ソースコードをコピーした後に依存ライブラリをインストールしています。",
    )
    why = Text(
        en=(
            "Docker reuses a cached step only while everything before it is unchanged. "
            "`COPY . .` copies your code, so every code edit invalidates it and every step "
            "after it: a `pip install` placed there downloads and builds all dependencies "
            "again although they did not change. Copy only the dependency files "
            "(requirements.txt, Pipfile and Pipfile.lock, pyproject.toml and the lock), "
            "install from them, and copy the code last: then a code edit rebuilds in seconds."
        ),
        ja=(
            "Docker のビルドキャッシュは、それより前の手順がすべて変わっていない間だけ"
            "使われます。`COPY . .` はコードをコピーするので、コードを1行変えるだけで"
            "その手順と後ろの手順がすべて無効になります。その後に `pip install` があると、"
            "依存ライブラリは変わっていないのに毎回ダウンロードとビルドをやり直します。"
            "依存関係のファイル (requirements.txt、Pipfile と Pipfile.lock、pyproject.toml と"
            "ロックファイル) だけを先にコピーしてインストールし、コードは最後にコピーします。"
            "こうすればコードの修正は数秒でビルドできます。"
        ),
    )
    fix = Text(
        en=(
            "COPY the dependency files alone (or bind-mount them), install from them, then "
            "`COPY . .`; install the project itself afterwards without dependencies "
            "(`pip install --no-deps .`, `poetry install --only-root`, `uv sync` after "
            "`uv sync --no-install-project`)."
        ),
        ja=(
            "依存関係のファイルだけを COPY (またはバインドマウント) してインストールし、"
            "その後で `COPY . .` します。プロジェクト自体は依存なしで後からインストールします"
            " (`pip install --no-deps .`、`poetry install --only-root`、"
            "`uv sync --no-install-project` の後の `uv sync`)。"
        ),
    )
    messages: ClassVar[dict[str, Text]] = {
        "after_copy": Text(
            en="`{install}` runs after {where}: every code edit re-runs it; {remedy}",
            ja=(
                "{where} より後に `{install}` があるため、コードを編集するたびに再実行されます。"
                "{remedy}"
            ),
        ),
        "copy": Text(
            en="`{copy}` (line {line})",
            ja="{line} 行目の `{copy}`",
        ),
        "copy_with_code": Text(
            en="`{copy}` (line {line}), which copies {files} with the code",
            ja="{files} をコードと一緒にコピーする {line} 行目の `{copy}`",
        ),
        "copy_with_project": Text(
            en="`{copy}` (line {line}), which copies the project with the code",
            ja="プロジェクトをコードと一緒にコピーする {line} 行目の `{copy}`",
        ),
        "copy_files_first": Text(
            en="copy {files} alone and install before the code",
            ja="{files} だけを先にコピーし、コードより前にインストールします。",
        ),
        "project_no_deps": Text(
            en="install the dependencies first, then the project with `--no-deps`",
            ja=(
                "先に依存パッケージをインストールし、プロジェクト本体は後から `--no-deps` でインス"
                "トールします。"
            ),
        ),
        "install_first": Text(
            en="install it before copying the code",
            ja="コードをコピーする前にインストールします。",
        ),
        "whole_context_mounted": Text(
            en=(
                "`{install}` runs with the whole build context bind-mounted: every code edit "
                "re-runs it; mount only the dependency files"
            ),
            ja=(
                "`{install}` はビルドコンテキスト全体をバインドマウントして実行しているため、コード"
                "を編集するたびに再実行されます。依存関係のファイルだけをマウントします。"
            ),
        ),
    }
    bad = (
        Example(
            "FROM python:3.12\nWORKDIR /app\nCOPY ./ ./\nRUN pip install pipenv==2022.4.8\n"
            'RUN pipenv install --system --deploy\nCMD ["python", "app.py"]\n',
            lines=(5,),
            note="the talk's before: COPY ./ ./ then pipenv install; installing pipenv is fine",
        ),
        Example(
            "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\n"
            "RUN pip install --no-cache-dir -r requirements.txt\n",
            lines=(4,),
            note="requirements.txt after COPY . .",
        ),
        Example(
            "FROM python:3.12-slim\nWORKDIR /app\nCOPY pyproject.toml poetry.lock ./\n"
            "COPY . .\n"
            "RUN pip install --no-cache-dir poetry==1.8.3 && poetry install --only main\n",
            lines=(5,),
            note="poetry install after COPY . ., although the manifests were copied first",
        ),
        Example(
            "FROM python:3.12-slim\nWORKDIR /app\nCOPY . /app\n"
            "RUN --mount=type=cache,target=/root/.cache/uv uv sync --locked\n",
            lines=(4,),
            note="uv sync after the whole copy",
        ),
        Example(
            "FROM python:3.12-slim\nCOPY app/ /app/\n"
            "RUN pip install --no-cache-dir -r /app/requirements.txt\n",
            lines=(3,),
            note="a folder that holds both the code and requirements.txt",
        ),
        Example(
            "FROM python:3.12-slim\nWORKDIR /app\nCOPY src/ .\n"
            "RUN pip install --no-cache-dir -e .\n",
            lines=(4,),
            note="COPY src/ . brings pyproject.toml with the code, then pip install -e .",
        ),
        Example(
            "FROM python:3.12-slim\nWORKDIR /app\nCOPY pyproject.toml .\nCOPY src/ src/\n"
            "RUN pip install --no-cache-dir .\n",
            lines=(5,),
            note="the project's code is copied before `pip install .` resolves its dependencies",
        ),
        Example(
            "FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\n"
            "RUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\n"
            "RUN pip install --no-cache-dir -r requirements-dev.txt\n",
            lines=(6,),
            note="a second requirements file installed only after the code arrived",
        ),
        Example(
            "FROM python:3.12-slim AS source\nWORKDIR /app\nCOPY . .\n"
            "FROM source\nRUN pip install --no-cache-dir -r requirements.txt\n",
            lines=(5,),
            note="the stage inherits COPY . . from the stage it is built FROM",
        ),
        Example(
            "FROM python:3.12-slim\nWORKDIR /app\nCOPY * ./\n"
            "RUN python -m pip install --no-cache-dir gunicorn==22.0.0\n",
            lines=(4,),
            note="named packages re-download on every code edit too",
        ),
        Example(
            "FROM python:3.12 AS builder\nWORKDIR /src\nCOPY . .\n"
            "RUN pip wheel --wheel-dir /wheels -r requirements.txt\n",
            lines=(4,),
            note="building wheels of the dependencies is an install too",
        ),
        Example(
            "FROM python:3.12-slim\nWORKDIR /app\n"
            "RUN --mount=type=bind,target=/src pip install --no-cache-dir /src\n",
            lines=(3,),
            note="the whole context bind-mounted into the install",
        ),
        Example(
            "FROM mambaorg/micromamba:1.5.8\nWORKDIR /app\nCOPY . .\n"
            "RUN micromamba install -y -n base -f environment.yml\n",
            lines=(4,),
            note="conda environments too",
        ),
        Example(
            "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\n"
            "RUN uv pip sync --system requirements.txt && pip-sync requirements.txt\n",
            lines=(4,),
            note="uv pip sync and pip-sync",
        ),
    )
    good = (
        Example(
            "FROM python:3.12-slim\nWORKDIR /app\nCOPY docker/rootfs /\nCOPY requirements.txt .\n"
            "RUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\n",
            note="a configuration folder (by its name) is not the code",
        ),
        Example(
            "FROM python:3.12-slim\nCOPY assets/ /app/\nCOPY requirements.txt /app/\n"
            "RUN pip install --no-cache-dir -r /app/requirements.txt\nCOPY . /app/\n",
            context={
                "assets/models.tar.gz": "",
                "assets/logo.png": "",
                "requirements.txt": "django==5.0\n",
                "app.py": "",
            },
            note="with the context: a folder of data files is not the code",
        ),
        Example(
            "FROM python:3.12\nWORKDIR /app\nRUN pip install pipenv==2022.4.8\n"
            "COPY Pipfile Pipfile.lock ./\nRUN pipenv install --system --deploy\nCOPY ./ ./\n"
            'CMD ["python", "app.py"]\n',
            note="the talk's after: Pipfile and Pipfile.lock first",
        ),
        Example(
            "FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\n"
            "RUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\n",
            note="requirements.txt first",
        ),
        Example(
            "FROM python:3.12-slim\nWORKDIR /app\nRUN pip install --no-cache-dir poetry==1.8.3\n"
            "COPY pyproject.toml poetry.lock ./\nRUN poetry install --only main --no-root\n"
            "COPY . .\nRUN poetry install --only-root\n",
            note="poetry: dependencies first, the project alone after the code",
        ),
        Example(
            "# syntax=docker/dockerfile:1\nFROM python:3.12-slim\nWORKDIR /app\n"
            "RUN --mount=type=cache,target=/root/.cache/uv \\\n"
            "    --mount=type=bind,source=uv.lock,target=uv.lock \\\n"
            "    --mount=type=bind,source=pyproject.toml,target=pyproject.toml \\\n"
            "    uv sync --locked --no-install-project --no-dev\n"
            "COPY . /app\n"
            "RUN --mount=type=cache,target=/root/.cache/uv uv sync --locked --no-dev\n",
            note="uv, docker init style: bind-mounted manifests, then the project",
        ),
        Example(
            "FROM python:3.12-slim\nWORKDIR /app\n"
            "RUN --mount=type=cache,target=/root/.cache/pip \\\n"
            "    --mount=type=bind,source=requirements.txt,target=requirements.txt \\\n"
            "    python -m pip install -r requirements.txt\nCOPY . .\n",
            note="docker init's pip pattern: requirements.txt bind-mounted",
        ),
        Example(
            "FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\n"
            "RUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\n"
            "RUN pip install --no-cache-dir --no-deps .\n",
            note="pip install --no-deps . after the code",
        ),
        Example(
            "FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\n"
            "RUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\n"
            "RUN pip install --no-cache-dir -e .\n",
            note="the project on top of dependencies installed before: nothing to download",
        ),
        Example(
            "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\n"
            "RUN pip install --no-cache-dir --upgrade pip setuptools wheel\n",
            note="tool-only installs do not depend on the code",
        ),
        Example(
            "FROM python:3.12 AS builder\nWORKDIR /src\nCOPY requirements.txt .\n"
            "RUN pip wheel --wheel-dir /wheels -r requirements.txt\n"
            "FROM python:3.12-slim\nCOPY --from=builder /wheels /wheels\nWORKDIR /app\nCOPY . .\n"
            "RUN pip install --no-cache-dir --no-index /wheels/*\n",
            note="wheels built elsewhere, installed from a path",
        ),
        Example(
            "FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements/ requirements/\n"
            "RUN pip install --no-cache-dir -r requirements/prod.txt\nCOPY . .\n",
            note="a folder of requirement files is not code",
        ),
        Example(
            "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\n"
            "RUN echo 'pip install -r requirements.txt' > HOWTO\n",
            note="words inside a string are not a command",
        ),
    )

    def check(self, facts: Facts, context: BuildContext | None) -> Iterator[Hit]:
        # One walk per stage, from what its parent stage had seen: linear in the file.
        seen_at_end: dict[int, _Seen] = {}
        for stage in facts.dockerfile.stages:
            parent = seen_at_end.get(stage.parent) if stage.parent is not None else None
            seen = parent.copy() if parent is not None else _Seen()
            for event in facts.events_in([stage]):
                hit = _first_hit(seen, event, context)
                if hit is not None:
                    yield hit
                seen.add(event, context)
            seen_at_end[stage.index] = seen


@dataclass
class _Seen:
    """What the instructions before one brought and installed, as far as LL101 asks."""

    code_copies: list[Event] = field(default_factory=list)  # context COPY/ADD bringing code
    whole_copied: bool = False  # a `COPY . .` came: later copies can never be the first
    deps_installed: int = 0
    dev_installed: bool = False
    manifest_names: frozenset[str] = frozenset()
    # source -> _not_code, for every stage of one check: generated files repeat one COPY.
    judged: dict[str, bool] = field(default_factory=dict)

    def copy(self) -> _Seen:
        return replace(self, code_copies=list(self.code_copies))

    def add(self, event: Event, context: BuildContext | None) -> None:
        copy = event.copy
        if copy is not None and copy.from_context and not self.whole_copied:
            sources = [s for s in copy.sources if "://" not in s]
            if copy.whole_context or not all(self._not_code(s, context) for s in sources):
                self.code_copies.append(event)
            self.whole_copied = copy.whole_context
        deps = [i for i in event.installs if i.kind is Kind.DEPS]
        if deps:
            self.deps_installed += len(deps)
            self.dev_installed = self.dev_installed or any(i.dev for i in deps)
            self.manifest_names |= {posixpath.basename(m) for i in deps for m in i.manifests}

    def _not_code(self, source: str, context: BuildContext | None) -> bool:
        judged = self.judged.get(source)
        if judged is None:
            judged = self.judged[source] = _not_code(source, context)
        return judged


def _first_hit(seen: _Seen, event: Event, context: BuildContext | None) -> Hit | None:
    for install in event.installs:
        if not install.installs_dependencies or _covered(seen, install):
            continue
        source = _code_copy(seen, install, context)
        if source is not None:
            message = _message(install, source)
            return Hit(event.instruction.start_line, message.key, message.params)
        if _mounts_whole_context(event):
            return Hit(
                event.instruction.start_line, "whole_context_mounted", {"install": install.text}
            )
    return None


def _mounts_whole_context(event: Event) -> bool:
    """`RUN --mount=type=bind,target=/src`: the context is part of this step's cache key."""
    return any(
        mount.get("type") == "bind"
        and "from" not in mount
        and is_whole_context(mount.get("source") or mount.get("src") or ".")
        for mount in event.instruction.mounts()
    )


def _code_copy(seen: _Seen, install: Install, context: BuildContext | None) -> Event | None:
    """The first COPY/ADD before the install that brings code it depends on."""
    for event in seen.code_copies:
        assert event.copy is not None
        if event.copy.whole_context or _brings_code(event, install, context):
            return event
    return None


def _brings_code(event: Event, install: Install, context: BuildContext | None) -> bool:
    """A folder holding the manifests and code, or code copied into the project folder."""
    assert event.copy is not None
    destination = absolute(event.copy.destination, event.workdir)
    for source in event.copy.sources:
        if "://" in source or _not_code(source, context):
            continue
        folder = not looks_like_file(source, context)
        if folder and any(is_inside(m, destination) for m in install.manifests):
            return True
        if install.project and (
            is_inside(destination, install.project, inclusive=True)
            or (folder and is_inside(install.project, destination))
        ):
            return True
    return False


def _not_code(source: str, context: BuildContext | None) -> bool:
    """Dependency manifests, data or configuration: judged by the files when the context is
    known, else by the name (`data.tar.gz`, `config.yaml`, `docker/rootfs`)."""
    if context is not None and context.exists(source):
        return not any(
            not is_manifest_name(path) and posixpath.splitext(path)[1].lower() in CODE_SUFFIXES
            for path in context.select(source)
        )
    if is_manifest_name(source):
        return True
    name = posixpath.basename(source.rstrip("/"))
    if posixpath.splitext(name)[1].lower() in DATA_SUFFIXES:
        return True
    return name.lower() in CONFIG_FOLDERS


def _covered(seen: _Seen, install: Install) -> bool:
    """Dependencies from the same files (or, for a project, any) were installed earlier."""
    if install.kind is not Kind.DEPS:
        return False
    if not seen.deps_installed or (install.dev and not seen.dev_installed):
        return False
    if install.project is not None:
        return True
    return {posixpath.basename(m) for m in install.manifests} <= seen.manifest_names


def _message(install: Install, source: Event) -> Part:
    copy = source.instruction.text.splitlines()[0].strip()
    where = Part("copy", {"copy": copy, "line": source.instruction.start_line})
    files = tuple(dict.fromkeys(posixpath.basename(m) for m in install.written))
    assert source.copy is not None
    if not source.copy.whole_context and files:
        where = Part("copy_with_code", {**where.params, "files": files})
    elif not source.copy.whole_context:
        where = Part("copy_with_project", where.params)
    if files:
        first = Part("copy_files_first", {"files": files})
    elif install.project is not None:
        first = Part("project_no_deps")
    else:
        first = Part("install_first")
    return Part("after_copy", {"install": install.text, "where": where, "remedy": first})
