"""LL206 pip-cache-kept."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from layerlab.analysis import Facts
from layerlab.analysis.installs import Install
from layerlab.analysis.layer_paths import clears, mount_covers
from layerlab.analysis.stages import Event
from layerlab.context import BuildContext
from layerlab.dockerfile import Instruction
from layerlab.lint.findings import Level
from layerlab.lint.registry import Example, Hit, Rule, final_stages
from layerlab.text import Text

CACHE_DIRS = {"pip": (".cache/pip", "PIP_CACHE_DIR"), "uv": (".cache/uv", "UV_CACHE_DIR")}
FLAGS = {"pip": "--no-cache-dir", "uv": "--no-cache"}


class PipCacheKept(Rule):
    code = "LL206"
    name = "pip-cache-kept"
    level = Level.WARNING
    lesson = "04-fewer-layers"
    hadolint = ("DL3042",)
    summary = Text(
        en="pip (or uv) keeps its download cache in the final image.",
        ja="pip (または uv) のキャッシュが最終イメージに残っています。",
    )
    why = Text(
        en=(
            "pip stores every wheel it downloads or builds in ~/.cache/pip. In a container "
            "nobody installs again, so the cache is dead weight: often tens or hundreds of "
            "megabytes in a layer that later steps cannot shrink. Pass --no-cache-dir, set "
            "PIP_NO_CACHE_DIR, or put the cache in a BuildKit cache mount so it stays on the "
            "build host and speeds up the next build instead. Builder stages are exempt: "
            "only what you COPY out of them reaches the image."
        ),
        ja=(
            "pip はダウンロードやビルドしたホイールを ~/.cache/pip に保存します。コンテナの"
            "中で再インストールすることはないので、このキャッシュは数十〜数百 MB の無駄な"
            "レイヤになり、後の手順で消しても小さくなりません。--no-cache-dir を付けるか "
            "PIP_NO_CACHE_DIR を設定するか、BuildKit のキャッシュマウントに置いて次のビルドの"
            "高速化に使います。ビルダーステージは対象外です: COPY で取り出したものだけが"
            "イメージに入るからです。"
        ),
    )
    fix = Text(
        en=(
            "`pip install --no-cache-dir ...`, `ENV PIP_NO_CACHE_DIR=1`, or "
            "`RUN --mount=type=cache,target=/root/.cache/pip pip install ...` "
            "(uv: `--no-cache`, `UV_NO_CACHE=1` or a mount on /root/.cache/uv)."
        ),
        ja=(
            "`pip install --no-cache-dir ...`、`ENV PIP_NO_CACHE_DIR=1`、または "
            "`RUN --mount=type=cache,target=/root/.cache/pip pip install ...` にします"
            " (uv なら `--no-cache`、`UV_NO_CACHE=1`、/root/.cache/uv へのマウント)。"
        ),
    )
    messages: ClassVar[dict[str, Text]] = {
        "cache_kept": Text(
            en="`{command}` keeps {tool}'s cache in the image: add `{flag}` or use a cache mount",
            ja=(
                "`{command}` で {tool} のキャッシュがイメージに残ります。`{flag}` を付けるか、キャ"
                "ッシュマウントを使います。"
            ),
        ),
    }
    versus_hadolint = Text(
        en=(
            "Like DL3042, but stage-aware: hadolint checks pip in every stage, LayerLab only "
            "in the stages that end up in the image. It also reads /opt/venv/bin/pip "
            "and uv, which hadolint skips, and accepts a cache mount on the whole "
            "~/.cache or a `pip cache purge` / `rm -rf ~/.cache/pip` in the same RUN, which "
            "hadolint still reports. PIP_NO_CACHE_DIR counts with any boolean value, false "
            "and 0 included, because pip itself disables its cache for them. `--no-cache`, "
            "the prefix of `--no-cache-dir` that pip's option parser accepts, counts too; "
            "hadolint wants the full name."
        ),
        ja=(
            "DL3042 と同じ趣旨ですが、ステージを区別します: hadolint はすべてのステージの pip "
            "を調べ、LayerLab はイメージに残るステージだけを調べます。hadolint が見ない "
            "/opt/venv/bin/pip や uv も読み、~/.cache 全体へのキャッシュマウントや、"
            "同じ RUN の `pip cache purge` / `rm -rf ~/.cache/pip` も問題なしとします。"
            "PIP_NO_CACHE_DIR は false や 0 を含むどの真偽値でも有効とみなします。"
            "pip 自身がそう扱うからです。pip のオプション解析が受け付ける `--no-cache-dir` の"
            "前方一致 `--no-cache` も有効とみなします (hadolint は完全な名前を求めます)。"
        ),
    )
    bad = (
        Example(
            "FROM python:3.12-slim\nONBUILD RUN pip install -r requirements.txt\n",
            lines=(2,),
            note="an ONBUILD RUN keeps the cache in every image built FROM this one",
        ),
        Example(
            "FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/uv "
            "pip install -r requirements.txt\n",
            lines=(2,),
            note="uv's cache folder is not pip's",
        ),
        Example(
            "FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\n"
            "RUN pip install -r requirements.txt\n",
            lines=(4,),
            note="pip install without --no-cache-dir",
        ),
        Example(
            "FROM python:3.12 AS builder\nRUN pip install --no-cache-dir build==1.2.1\n"
            "FROM python:3.12-slim\nRUN python -m venv /opt/venv && "
            "/opt/venv/bin/pip install flask==3.0.3\n",
            lines=(4,),
            note="a venv's pip in the final stage",
        ),
        Example(
            "FROM python:3.12-slim\nENV PIP_NO_CACHE_DIR=1\nRUN pip install flask==3.0.3\n"
            "FROM python:3.12-slim\nRUN pip install gunicorn==22.0.0\n",
            lines=(5,),
            note="ENV in another stage does not reach this one",
        ),
        Example(
            "FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/uv true\n"
            "RUN uv pip install --system -r requirements.txt\n",
            lines=(3,),
            note="uv keeps ~/.cache/uv the same way",
        ),
        Example(
            "FROM python:3.12-slim\nRUN pip install flask==3.0.3\nRUN rm -rf /root/.cache/pip\n",
            lines=(2,),
            note="deleting the cache in a later RUN is too late",
        ),
    )
    good = (
        Example(
            "FROM python:3.12-slim\nRUN pip install --no-cache -r requirements.txt\n",
            note="pip accepts the prefix --no-cache",
        ),
        Example(
            "FROM python:3.12-slim\nRUN pip install --no-cache-dir -r requirements.txt\n",
            note="--no-cache-dir",
        ),
        Example(
            "FROM python:3.12-slim AS base\nENV PIP_NO_CACHE_DIR=1\nFROM base\n"
            "RUN pip install flask==3.0.3\n",
            note="PIP_NO_CACHE_DIR inherited through FROM base",
        ),
        Example(
            "FROM python:3.12-slim\nRUN PIP_NO_CACHE_DIR=true pip install flask==3.0.3\n",
            note="PIP_NO_CACHE_DIR inline",
        ),
        Example(
            "FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/pip \\\n"
            "    --mount=type=bind,source=requirements.txt,target=requirements.txt \\\n"
            "    python -m pip install -r requirements.txt\n",
            note="docker init: a cache mount on the pip cache",
        ),
        Example(
            "FROM python:3.12 AS builder\nRUN pip install -r requirements.txt\n"
            "FROM python:3.12-slim\nCOPY --from=builder /usr/local /usr/local\n",
            note="a builder stage: its cache never reaches the image",
        ),
        Example(
            "FROM python:3.12-slim\nRUN pip install pipenv==2024.0.1 --no-cache-dir && "
            "pipenv install --system --deploy && pipx install poetry==1.8.3\n",
            note="pipenv and pipx are not pip",
        ),
        Example(
            "FROM python:3.12-slim\nRUN pip install flask==3.0.3 && pip cache purge\n",
            note="the cache purged in the same RUN",
        ),
        Example(
            "FROM python:3.12-slim\nENV UV_NO_CACHE=1\nRUN uv sync --locked --no-dev\n",
            note="uv with UV_NO_CACHE",
        ),
        Example(
            "FROM python:3.12-slim\nENV PIP_NO_CACHE_DIR=off\nRUN pip install flask==3.0.3\n",
            note="pip disables its cache for any boolean value, `off` included",
        ),
    )

    def check(self, facts: Facts, context: BuildContext | None) -> Iterator[Hit]:
        dockerfile = facts.dockerfile
        for event in facts.events_in(final_stages(dockerfile)):
            for install in (*event.installs, *event.onbuild_installs):
                if install.tool in CACHE_DIRS and _keeps_cache(facts, event, install):
                    yield _hit(event, install)
                    break


def _keeps_cache(facts: Facts, event: Event, install: Install) -> bool:
    if install.no_cache or install.action not in ("install", "sync"):
        return False
    suffix, variable = CACHE_DIRS[install.tool]
    cache = install.env.get(variable) or f"/root/{suffix}"
    run = install.instruction  # the RUN itself, or the RUN an ONBUILD carries
    if mount_covers(run, cache) or _whole_cache_mounted(run, suffix):
        return False
    deleted = facts.deleted_paths(run, event.workdir)
    return not any(clears(d.path, cache) or d.path.endswith(suffix) for d in deleted)


def _whole_cache_mounted(run: Instruction, suffix: str) -> bool:
    """A cache mount on any user's ~/.cache, or on the tool's own folder in it (`.cache/pip`
    for pip, `.cache/uv` for uv; uv's folder does not hold pip's cache): the home is unknown."""
    for mount in run.mounts():
        target = (mount.get("target") or mount.get("dst") or "").rstrip("/")
        if mount.get("type") in ("cache", "tmpfs") and target.endswith(("/.cache", "/" + suffix)):
            return True
    return False


def _hit(event: Event, install: Install) -> Hit:
    flag = FLAGS[install.tool]
    seen = install.pip_by_name  # hadolint reads pip by name, never a path or uv
    return Hit(
        event.instruction.start_line,
        "cache_kept",
        {"command": install.text, "tool": install.tool, "flag": flag},
        hadolint="DL3042" if seen else None,
    )
