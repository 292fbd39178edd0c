"""LL203 cleanup-in-later-layer."""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import ClassVar

from layerlab.analysis import Facts
from layerlab.analysis.copies import Copy, is_whole_context
from layerlab.analysis.layer_paths import (
    GLOB_CHARS,
    ROOT_HOME,
    UNKNOWN_HOME,
    Deleted,
    clears,
    is_inside,
    only_deletes,
    resolve,
)
from layerlab.context import BuildContext
from layerlab.dockerfile import Instruction, Stage, parse_env
from layerlab.lint.findings import Level
from layerlab.lint.registry import Example, Hit, Rule
from layerlab.text import Text

# Directories every base image already fills: a tree COPY-ed into them mixes with the base's
# own files, so deleting something inside it may delete a base file, not a copied one.
BASE_IMAGE_DIRS = frozenset(
    {
        "/bin",
        "/etc",
        "/home",
        "/lib",
        "/lib64",
        "/root",
        "/run",
        "/sbin",
        "/usr/bin",
        "/usr/include",
        "/usr/lib",
        "/usr/local",
        "/usr/sbin",
        "/usr/share",
        "/var",
    }
)
ARCHIVE_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz")
FALSE_VALUES = frozenset({"", "0", "false", "no", "off"})


@dataclass(frozen=True)
class Created:
    """Something an instruction left in its layer."""

    path: str
    tree: bool  # a directory whose contents it wrote: deleting inside it counts too
    line: int
    what: str  # the instruction or command, for messages
    copied: bool = False  # by COPY/ADD, whose tree may hold files of the base image too


@dataclass
class _Place:
    """Where RUN commands run and who runs them, followed through a stage."""

    cwd: str | None = "/"
    home: str = ROOT_HOME
    pip_no_cache: bool = False


class CleanupInLaterLayer(Rule):
    code = "LL203"
    name = "cleanup-in-later-layer"
    level = Level.WARNING
    lesson = "04-fewer-layers"
    summary = Text(
        en="A RUN deletes files that an earlier layer added: the image does not get smaller.",
        ja="前のレイヤが追加したファイルを後の RUN で削除しています。イメージは小さくなりません。",
    )
    why = Text(
        en=(
            "An image is a stack of layers, and a layer can only add: `rm` in a later RUN "
            "hides the files but their bytes stay in the layer that created them, so the "
            "image is exactly as big (plus one more layer). Delete in the same RUN that "
            "creates the files, keep build inputs out of the image with a bind mount or "
            ".dockerignore, or leave them in a builder stage."
        ),
        ja=(
            "イメージはレイヤの積み重ねで、レイヤは追加しかできません。後の RUN で `rm` しても"
            "ファイルは見えなくなるだけで、作ったレイヤにバイトが残り、イメージの大きさは"
            "変わりません (レイヤが1つ増えるだけです)。ファイルを作る RUN の中で消すか、"
            "ビルドにだけ使うファイルはバインドマウントや .dockerignore でイメージに入れないか、"
            "ビルド用ステージに置いておきます。"
        ),
    )
    fix = Text(
        en=(
            "Move the cleanup into the RUN that created the files (`apt-get update && apt-get "
            "install ... && rm -rf /var/lib/apt/lists/*`, `pip install --no-cache-dir`); for a "
            "copied archive use `RUN --mount=type=bind,source=big.tar,target=/tmp/big.tar`."
        ),
        ja=(
            "ファイルを作った RUN の中で消します (`apt-get update && apt-get install ... && "
            "rm -rf /var/lib/apt/lists/*`、`pip install --no-cache-dir`)。コピーしたアーカイブ"
            "なら `RUN --mount=type=bind,source=big.tar,target=/tmp/big.tar` を使います。"
        ),
    )
    messages: ClassVar[dict[str, Text]] = {
        "later_cleanup": Text(
            en=(
                "`{command}` deletes {path} after line {line} (`{what}`) wrote it: a later RUN "
                "never shrinks an earlier layer"
            ),
            ja=(
                "`{command}` は、{line} 行目 (`{what}`) が書いた {path} を後から削除しています。後"
                "の RUN で消しても、前のレイヤーは小さくなりません。"
            ),
        ),
    }
    bad = (
        Example(
            "FROM python:3.12-slim\nRUN apt-get update && apt-get install -y "
            "--no-install-recommends libpq5\nRUN rm -rf /var/lib/apt/lists/*\n",
            lines=(3,),
            note="apt lists deleted in a later RUN",
        ),
        Example(
            "FROM python:3.12-slim\nWORKDIR /app\nCOPY big.tar .\n"
            "RUN tar -xf big.tar && rm big.tar\n",
            lines=(4,),
            note="a copied file deleted later",
        ),
        Example(
            "FROM python:3.12-slim\nRUN pip install -r /tmp/requirements.txt\n"
            "RUN pip cache purge\n",
            lines=(3,),
            note="pip cache purged in a later RUN",
        ),
        Example(
            "FROM python:3.12-slim\nRUN pip install gunicorn==23.0.0\nRUN rm -rf /root/.cache\n",
            lines=(3,),
            note="~/.cache removed in a later RUN",
        ),
        Example(
            "FROM python:3.12-slim\nRUN apt-get update && apt-get install -y "
            "--no-install-recommends libpq5 && rm -rf /var/lib/apt/lists/*\n"
            "RUN apt-get clean\n",
            lines=(3,),
            note="apt-get clean in its own RUN",
        ),
        Example(
            "FROM python:3.12-slim AS build\nRUN pip wheel -w /wheels psycopg2==2.9.9\n"
            "FROM python:3.12-slim\nCOPY --from=build /wheels /wheels\n"
            "RUN pip install --no-cache-dir /wheels/* && rm -rf /wheels\n",
            lines=(5,),
            note="wheels copied from a stage, deleted later",
        ),
        Example(
            "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN rm -rf tests docs\n",
            lines=(4,),
            note="a cleanup-only RUN deleting copied source folders",
        ),
        Example(
            "FROM python:3.12-slim\nADD https://example.com/tool.tar.gz /tmp/\n"
            "RUN tar -xzf /tmp/tool.tar.gz -C /opt && rm /tmp/tool.tar.gz\n",
            lines=(3,),
            note="a downloaded archive deleted later",
        ),
    )
    good = (
        Example(
            "FROM python:3.12-slim\nRUN apt-get update && apt-get install -y "
            "--no-install-recommends libpq5 && rm -rf /var/lib/apt/lists/*\n",
            note="cleanup in the same RUN",
        ),
        Example(
            "FROM python:3.12-slim\nWORKDIR /app\n"
            "RUN --mount=type=bind,source=big.tar,target=/tmp/big.tar tar -xf /tmp/big.tar\n",
            note="a bind mount instead of COPY",
        ),
        Example(
            "FROM python:3.12 AS build\nRUN apt-get update && apt-get install -y "
            "--no-install-recommends gcc\nRUN rm -rf /var/lib/apt/lists/*\n"
            "FROM python:3.12-slim\n",
            note="builder stages are exempt",
        ),
        Example(
            "FROM python:3.12-slim\nRUN pip install --no-cache-dir gunicorn==23.0.0\n"
            "RUN rm -rf /tmp/*\n",
            note="nothing was created there",
        ),
        Example(
            "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\n"
            "RUN pip install --no-cache-dir . && rm -rf build\n",
            note="a RUN cleaning up its own build output",
        ),
        Example(
            "FROM nginx:1.27\nCOPY conf/ /etc/nginx/\nRUN rm /etc/nginx/conf.d/default.conf\n",
            note="a file of the base image, not of the COPY",
        ),
    )

    def check(self, facts: Facts, context: BuildContext | None) -> Iterator[Hit]:
        places: dict[int, _Place] = {}
        for stage in facts.dockerfile.stages:
            place = _Place(**vars(places[stage.parent])) if stage.parent is not None else _Place()
            if stage.in_final_image:
                yield from _check_stage(facts, stage, place)
            else:
                _follow(stage, place)
            places[stage.index] = place


def _follow(stage: Stage, place: _Place) -> None:
    for instruction in stage.instructions:
        _update_place(instruction, place)


def _check_stage(facts: Facts, stage: Stage, place: _Place) -> Iterator[Hit]:
    created = _Written()
    copy_writes: dict[tuple[object, ...], list[tuple[str, bool, str]]] = {}  # see _copy_writes
    for instruction in stage.instructions:
        _update_place(instruction, place)
        if instruction.keyword in ("COPY", "ADD"):
            copied = facts.copy(instruction)
            if copied is not None:
                # Generated files repeat one COPY thousands of times: resolve it once.
                key = (instruction.keyword, instruction.flags, instruction.arguments)
                key += (place.cwd, place.home)
                writes = copy_writes.get(key)
                if writes is None:
                    writes = copy_writes[key] = _copy_writes(copied, place)
                line = instruction.start_line
                created.extend(Created(path, tree, line, what, True) for path, tree, what in writes)
        elif instruction.keyword == "RUN":
            commands = facts.commands(instruction)
            own = [
                (w.index, Created(w.path, w.tree, instruction.start_line, w.what))
                for w in facts.written_paths(instruction, place.cwd, place.home, place.pip_no_cache)
            ]
            deleted = facts.deleted_paths(instruction, place.cwd, place.home)
            hit = _later_cleanup(deleted, own, created, only_deletes(commands)) if deleted else None
            if hit is not None:
                gone, earlier = hit
                yield Hit(
                    instruction.start_line,
                    "later_cleanup",
                    {
                        "command": gone.text,
                        "path": gone.path,
                        "line": earlier.line,
                        "what": earlier.what,
                    },
                )
            if own:
                created.extend(
                    c
                    for i, c in own
                    if not any(d.index > i and clears(d.path, c.path) for d in deleted)
                )


class _Written:
    """What earlier layers of a stage wrote, indexed by path so that each deletion looks up
    its candidates instead of scanning every earlier layer."""

    def __init__(self) -> None:
        self.items: list[Created] = []
        self.at: dict[str, int] = {}  # path -> first item written there
        self.under: dict[str, int] = {}  # folder -> first item written below it
        self.trees: dict[tuple[str, bool], int] = {}  # (tree path, copied) -> first item

    def extend(self, items: Iterable[Created]) -> None:
        for item in items:
            index = len(self.items)
            self.items.append(item)
            if item.path in self.at and (not item.tree or (item.path, item.copied) in self.trees):
                continue  # written there before: its folders are indexed already
            self.at.setdefault(item.path, index)
            for folder in _ancestors(item.path):
                self.under.setdefault(folder, index)
            if item.tree:
                self.trees.setdefault((item.path, item.copied), index)

    def first_touched(self, gone: Deleted, cleanup_only: bool) -> Created | None:
        """The first earlier item the deletion removes, as `_touches` decides."""
        base = gone.path.removesuffix("/*")
        if GLOB_CHARS & set(base):  # `rm /tmp/*.whl`: rare, read every item
            return next((c for c in self.items if _touches(gone, c, cleanup_only)), None)
        found = [self.at.get(base), self.under.get(base)]
        for folder in _ancestors(base):
            found.append(self.trees.get((folder, False)))
            if cleanup_only:
                found.append(self.trees.get((folder, True)))
        indexes = [index for index in found if index is not None]
        return self.items[min(indexes)] if indexes else None


def _ancestors(path: str) -> Iterator[str]:
    """`/a/b/c` -> `/a/b`, `/a`, `/`."""
    while path not in ("/", ""):
        path = posixpath.dirname(path)
        yield path


def _update_place(instruction: Instruction, place: _Place) -> None:
    if instruction.keyword == "WORKDIR":
        place.cwd = resolve(instruction.arguments.strip(), place.cwd, place.home)
    elif instruction.keyword == "USER":
        user = instruction.arguments.strip().split(":", 1)[0]
        place.home = ROOT_HOME if user in ("root", "0") else UNKNOWN_HOME
    elif instruction.keyword == "ENV":
        for name, value in parse_env(instruction.arguments):
            if name == "PIP_NO_CACHE_DIR":
                place.pip_no_cache = value.lower() not in FALSE_VALUES
            elif name == "HOME" and value.startswith("/"):
                place.home = value


def _later_cleanup(
    deleted: Sequence[Deleted],
    own: list[tuple[int, Created]],
    created: _Written,
    cleanup_only: bool,
) -> tuple[Deleted, Created] | None:
    """The first deletion that hits what an earlier instruction created."""
    for gone in deleted:
        if any(i < gone.index and _touches(gone, c, cleanup_only) for i, c in own):
            continue  # it cleans up after its own RUN
        earlier = created.first_touched(gone, cleanup_only)
        if earlier is not None:
            return gone, earlier
    return None


def _touches(gone: Deleted, created: Created, cleanup_only: bool) -> bool:
    if clears(gone.path, created.path):
        return True
    # Inside a copied tree, only a RUN that does nothing but delete surely deletes copied files;
    # a RUN that also builds may delete its own output (`pip install . && rm -rf build`).
    return (
        created.tree
        and is_inside(gone.path.removesuffix("/*"), created.path)
        and (cleanup_only or not created.copied)
    )


def _copy_writes(copied: Copy, place: _Place) -> list[tuple[str, bool, str]]:
    """(path, tree, the COPY as written) for what a COPY or ADD writes."""
    inst = copied.instruction
    flags = "".join(f"--{f.name}={f.value} " if f.value else f"--{f.name} " for f in inst.flags)
    what = f"{inst.keyword} {flags}{inst.arguments}"
    destination = resolve(copied.destination, place.cwd, place.home)
    if destination is None:
        return []
    into_dir = (
        copied.destination.endswith("/")
        or len(copied.sources) > 1
        or copied.destination in (".", "./")
    )
    result = []
    for source in copied.sources or ("",):
        name = posixpath.basename(source.rstrip("/").split("?", 1)[0])
        is_url = "://" in source
        if not is_url and _is_tree(source, inst.keyword):
            result.append((destination, not _in_base_dirs(destination), what))
        else:
            path = posixpath.join(destination, name) if into_dir and name else destination
            result.append((path, False, what))
    return result


def _is_tree(source: str, keyword: str) -> bool:
    """A directory (or an archive ADD unpacks): its contents land in the destination."""
    if is_whole_context(source) or source.endswith("/"):
        return True
    name = posixpath.basename(source)
    if keyword == "ADD" and name.endswith(ARCHIVE_SUFFIXES):
        return True
    return bool(name) and "." not in name and not set("*?[") & set(name)


def _in_base_dirs(path: str) -> bool:
    return path == "/" or any(d in BASE_IMAGE_DIRS for d in (path, *_ancestors(path)))
