"""LL603 lockfile-not-used."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator, Sequence
from typing import ClassVar

from layerlab.analysis import Facts
from layerlab.analysis.installs import Install, Kind
from layerlab.analysis.stages import Event, bind_brings, brings
from layerlab.context import BuildContext
from layerlab.lint.findings import Level
from layerlab.lint.registry import Example, Hit, Rule
from layerlab.text import Part, Text

LOCK_FLAGS = {"pipenv": "pipenv_relocks", "uv": "uv_relocks"}  # message keys


class LockfileNotUsed(Rule):
    code = "LL603"
    name = "lockfile-not-used"
    level = Level.INFO
    lesson = "02-build-cache"
    summary = Text(
        en="Dependencies come from Pipfile/pyproject.toml, but the lock file is missing or "
        "not enforced.",
        ja="Pipfile / pyproject.toml から依存をインストールしていますが、ロックファイルが"
        "ないか、強制されていません。",
    )
    why = Text(
        en=(
            "Pipfile and pyproject.toml name ranges; the lock file (Pipfile.lock, poetry.lock, "
            "uv.lock) names the exact versions you tested. Without it, the tool resolves the "
            "ranges again in every build and the image gets whatever is newest that day. "
            "The talk copies Pipfile and Pipfile.lock together and installs with "
            "`pipenv install --system --deploy`, which fails instead of silently re-locking "
            "when the two disagree."
        ),
        ja=(
            "Pipfile や pyproject.toml に書くのはバージョンの範囲で、ロックファイル "
            "(Pipfile.lock、poetry.lock、uv.lock) にはテスト済みの正確なバージョンが入って"
            "います。ロックファイルがないと、ビルドのたびに範囲を解決し直し、その日の最新版が"
            "入ります。発表では Pipfile と Pipfile.lock を一緒にコピーし、"
            "`pipenv install --system --deploy` でインストールします。2つが食い違えば、"
            "黙ってロックし直すのではなく失敗します。"
        ),
    )
    fix = Text(
        en=(
            "COPY the lock file next to the manifest (`COPY Pipfile Pipfile.lock ./`, "
            "`COPY pyproject.toml poetry.lock ./`) and enforce it: `pipenv install --deploy` "
            "or `pipenv sync`, `uv sync --locked`."
        ),
        ja=(
            "ロックファイルをマニフェストと一緒にコピーし (`COPY Pipfile Pipfile.lock ./`、"
            "`COPY pyproject.toml poetry.lock ./`)、強制します: `pipenv install --deploy` "
            "または `pipenv sync`、`uv sync --locked`。"
        ),
    )
    messages: ClassVar[dict[str, Text]] = {
        "lock_not_copied": Text(
            en=(
                "`{command}` reads {manifest} but {lock} is not copied: versions are resolved anew "
                "in every build"
            ),
            ja=(
                "`{command}` は {manifest} を読みますが、{lock} がコピーされていません。ビルドのた"
                "びにバージョンが解決し直されます。"
            ),
        ),
        "pipenv_relocks": Text(
            en=(
                "`pipenv install` without `--deploy` re-locks when Pipfile.lock is out of date; "
                "use `--deploy` or `pipenv sync`"
            ),
            ja=(
                "`--deploy` なしの `pipenv install` は、Pipfile.lock が古いとロックし直します。"
                "`--deploy` を付けるか、`pipenv sync` を使います。"
            ),
        ),
        "uv_relocks": Text(
            en=(
                "`uv sync` without `--locked` updates uv.lock when it is out of date; use "
                "`--locked` (or `--frozen`)"
            ),
            ja=(
                "`--locked` なしの `uv sync` は、uv.lock が古いと書き換えます。`--locked` (または"
                " `--frozen`) を付けます。"
            ),
        ),
    }
    bad = (
        Example(
            "FROM python:3.12-slim\nWORKDIR /app\nCOPY Pipfile ./\n"
            "RUN pipenv install --system --deploy\n",
            lines=(4,),
            note="Pipfile copied without Pipfile.lock",
        ),
        Example(
            "FROM python:3.12-slim\nWORKDIR /app\nCOPY Pipfile Pipfile.lock ./\n"
            "RUN pipenv install --system\n",
            lines=(4,),
            note="pipenv install without --deploy",
        ),
        Example(
            "FROM python:3.12-slim\nWORKDIR /app\nCOPY pyproject.toml ./\n"
            "RUN poetry install --only main --no-root\n",
            lines=(4,),
            note="poetry without poetry.lock",
        ),
        Example(
            "FROM python:3.12-slim\nWORKDIR /app\nCOPY pyproject.toml uv.lock ./\n"
            "RUN uv sync --no-dev\n",
            lines=(4,),
            note="uv sync without --locked",
        ),
        Example(
            "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN uv sync --locked --no-dev\n",
            lines=(4,),
            context={
                "pyproject.toml": "[project]\nname = 'app'\n",
                "app.py": "",
                ".dockerignore": "",
            },
            note="the context has no uv.lock to copy",
        ),
    )
    good = (
        Example(
            "FROM python:3.12-slim\nWORKDIR /app\nCOPY Pipfile Pipfile.lock ./\n"
            "RUN pipenv install --system --deploy\n",
            note="the talk: both files, --deploy",
        ),
        Example(
            "FROM python:3.12-slim\nWORKDIR /app\nCOPY Pipfile Pipfile.lock ./\n"
            "RUN pipenv sync --system\n",
            note="pipenv sync installs exactly the lock",
        ),
        Example(
            "FROM python:3.12-slim\nWORKDIR /app\nCOPY Pipfile* ./\n"
            "RUN pipenv install --system --ignore-pipfile\n",
            note="--ignore-pipfile installs from the lock; Pipfile* copies both",
        ),
        Example(
            "FROM python:3.12-slim\nWORKDIR /app\nCOPY pyproject.toml poetry.lock* ./\n"
            "RUN poetry install --only main --no-root\n",
            note="poetry.lock copied by a glob",
        ),
        Example(
            "FROM python:3.12-slim\nWORKDIR /app\n"
            "RUN --mount=type=bind,source=uv.lock,target=uv.lock \\\n"
            "    --mount=type=bind,source=pyproject.toml,target=pyproject.toml \\\n"
            "    uv sync --frozen --no-install-project --no-dev\n",
            note="bind-mounted uv.lock with --frozen",
        ),
        Example(
            "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN poetry install --only main\n",
            note="a whole copy: the lock comes along when it exists",
        ),
        Example(
            "FROM python:3.12-slim\nWORKDIR /app\nENV UV_LOCKED=1\n"
            "COPY pyproject.toml uv.lock ./\nRUN uv sync --no-dev\n",
            note="UV_LOCKED in ENV",
        ),
    )

    def check(self, facts: Facts, context: BuildContext | None) -> Iterator[Hit]:
        for before, event in facts.runs_in():
            if not event.installs:
                continue
            problems = (_problem(before, event, i, context) for i in event.installs)
            message = next((p for p in problems if p is not None), None)
            if message is not None:
                yield Hit(event.instruction.start_line, message.key, message.params)


def _problem(
    before: Sequence[Event], event: Event, install: Install, context: BuildContext | None
) -> Part | None:
    if install.tool not in ("pipenv", "poetry", "uv") or install.kind is not Kind.DEPS:
        return None
    if install.action not in ("install", "sync") or len(install.manifests) != 2:
        return None
    manifest, lock = install.manifests
    if not _available(before, event, manifest, context):
        return None  # the manifest comes from somewhere we cannot see
    if not _available(before, event, lock, context):
        params = {
            "command": install.text,
            "manifest": posixpath.basename(manifest),
            "lock": posixpath.basename(lock),
        }
        return Part("lock_not_copied", params)
    if not install.locked and install.tool in LOCK_FLAGS:
        return Part(LOCK_FLAGS[install.tool])
    return None


def _available(
    before: Sequence[Event], event: Event, path: str, context: BuildContext | None
) -> bool:
    return bind_brings(event, path) or any(brings(e, path, context) for e in before)
