"""What each layer of an image holds, read from the engine's image export.

When the engine's overlay2 folders are readable here, `layer_report` reads them instead
(layerlab.engine.layer_store: same entries, no export); the export is the path that works
everywhere else: a remote engine, the containerd image store, no permission.

The export (`APIClient.get_image`, what `docker save` writes) is read as a stream: one pass
through the outer tar and each layer tar inside it, file data skipped, never the whole image
in memory or on disk. Both layouts are understood: the Docker archive (`<id>/layer.tar`,
`manifest.json`, `<config>.json`) and the OCI layout (`blobs/sha256/<digest>`, `index.json`,
layers possibly gzip-compressed). The order of the layers is only known from the manifest,
which may come after them, so each layer's entries are kept (path, size, kind) by the name of
its tar and replayed in manifest order once the stream ends.

Waste and efficiency follow dive (wagoodman/dive, dive/filetree/efficiency.go): every version
of every file path counts, a deletion being a version of size 0; the efficiency is the sum
over paths of their smallest version over the sum of all versions. Two deliberate differences:
a deleted folder counts as the files it held (dive counts the folder as one path, which hides
`rm -rf /var/lib/apt/lists` entirely), and wasted bytes are the bytes a later layer made
unreachable, the copy that survives an overwrite not included (dive adds it). So every wasted
byte has one layer that wrote it and one that deleted or replaced it.
"""

from __future__ import annotations

import contextlib
import heapq
import json
import posixpath
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import docker
from docker.errors import DockerException, NotFound

from layerlab.analysis.layer_paths import APK_CACHE, APT_ARCHIVES, APT_LISTS
from layerlab.dockerfile import Dockerfile
from layerlab.engine.discovery import EngineUnavailable, connect
from layerlab.engine.history import align_rows, layer_instructions
from layerlab.engine.layer_entries import DIR, FILE, OPAQUE, WHITEOUT, Entry
from layerlab.engine.layer_store import stored_layers
from layerlab.engine.tarstream import (
    BLOCK,
    ByteStream,
    Inflated,
    Member,
    Pushback,
    Source,
    TarError,
    members,
)
from layerlab.layer_report import EXPORT, STORAGE, LayerReport, LayerSummary, PathSize, Waste
from layerlab.records import Run

WHITEOUT_PREFIX, OPAQUE_MARKER = ".wh.", ".wh..wh..opq"
LARGEST = 10  # paths kept per layer
WASTE_LARGEST = 5  # paths kept per (writer, remover) pair
CHUNK = 1 << 20  # bytes per read from the engine
JSON_LIMIT = 32 << 20  # a manifest or config bigger than this is not one
GZIP_MAGIC = b"\x1f\x8b"
# Folders that hold only caches and package lists: what a layer keeps in them is measured.
CACHE_FOLDERS = (APT_LISTS, APT_ARCHIVES, APK_CACHE, "/root/.cache")
_CACHE_PREFIXES = tuple(folder.lstrip("/") + "/" for folder in CACHE_FOLDERS)


class UnknownImage(LookupError):
    """The engine has no image by that name."""


class ExportError(ValueError):
    """An export LayerLab cannot read; the message says what is missing."""


@dataclass
class Export:
    """What one pass over an export collects."""

    layers: dict[str, list[Entry]] = field(default_factory=dict)  # by member name
    aliases: dict[str, str] = field(default_factory=dict)  # symlinked layer.tar -> its target
    documents: dict[str, Any] = field(default_factory=dict)  # JSON members by name

    def ordered(self) -> tuple[list[list[Entry]], dict[str, Any]]:
        """The layers bottom first, and the image config."""
        names, config = self._manifest()
        layers = []
        for name in names:
            name = self.aliases.get(name, name)
            if name not in self.layers:
                raise ExportError(f"the manifest names {name}, which the export does not hold")
            layers.append(self.layers[name])
        return layers, config

    def _manifest(self) -> tuple[list[str], dict[str, Any]]:
        if "manifest.json" in self.documents:  # the Docker archive (also written by Docker 25+)
            [manifest, *_] = self.documents["manifest.json"]
            return manifest["Layers"], self._document(manifest["Config"])
        if "index.json" in self.documents:  # the OCI layout
            manifest = self._document(_blob(self.documents["index.json"]["manifests"][0]))
            while "manifests" in manifest:  # an index of manifests: take the first
                manifest = self._document(_blob(manifest["manifests"][0]))
            layers = [_blob(layer) for layer in manifest["layers"]]
            return layers, self._document(_blob(manifest["config"]))
        raise ExportError("the export has neither manifest.json nor index.json")

    def _document(self, name: str) -> dict[str, Any]:
        if name not in self.documents:
            raise ExportError(f"the export does not hold {name}")
        return self.documents[name]


def _blob(descriptor: dict[str, str]) -> str:
    algorithm, digest = descriptor["digest"].split(":", 1)
    return f"blobs/{algorithm}/{digest}"


def read_export(chunks: Iterable[bytes]) -> Export:
    """One pass over an image export: each layer's entries, aliases and JSON documents."""
    export = Export()
    for member in members(ByteStream(chunks)):
        _read_member(export, member)
    return export


def _read_member(export: Export, member: Member) -> None:
    name = _clean(member.name)
    if member.issym() and name.endswith("layer.tar"):  # Docker links identical layers
        target = posixpath.join(posixpath.dirname(name), member.linkname)
        export.aliases[name] = posixpath.normpath(target)
        return
    if not member.isfile():
        return
    head = member.data.read(BLOCK)
    data = Pushback(head, member.data)
    if head[:1] in (b"{", b"["):
        if member.size <= JSON_LIMIT:
            export.documents[name] = json.loads(data.read(member.size))
    elif head[:2] == GZIP_MAGIC:
        export.layers[name] = _layer_entries(Inflated(data))
    elif name.endswith("layer.tar") or head[257:262] == b"ustar" or not head.strip(b"\0"):
        export.layers[name] = _layer_entries(data)


def _layer_entries(data: Source) -> list[Entry]:
    entries = []
    for member in members(data):
        path = _clean(member.name)
        folder, base = posixpath.split(path)
        if base == OPAQUE_MARKER:
            entries.append((folder, 0, OPAQUE))
        elif base.startswith(WHITEOUT_PREFIX):
            entries.append((posixpath.join(folder, base[len(WHITEOUT_PREFIX) :]), 0, WHITEOUT))
        elif member.isdir():
            entries.append((path, 0, DIR))
        else:  # files, links (size 0 in the tar), devices
            entries.append((path, member.size, FILE))
    return entries


def _clean(name: str) -> str:
    return posixpath.normpath("/" + name).lstrip("/")


@dataclass
class _LayerTally:
    added: int = 0
    changed: int = 0
    deleted: int = 0
    size: int = 0


@dataclass
class _WasteTally:
    bytes: int = 0
    files: int = 0
    largest: list[tuple[int, str]] = field(default_factory=list)  # a min-heap

    def add(self, path: str, size: int) -> None:
        self.bytes += size
        self.files += 1
        item = (size, path)
        if len(self.largest) < WASTE_LARGEST:
            heapq.heappush(self.largest, item)
        elif item > self.largest[0]:
            heapq.heapreplace(self.largest, item)


class _Stack:
    """The union filesystem, layer by layer: who wrote each file, and what it cost."""

    def __init__(self) -> None:
        self.files: dict[str, tuple[int, int]] = {}  # path -> (layer that wrote it, size)
        self.children: dict[str, set[str]] = {"": set()}  # folder -> paths right inside it
        self.sizes: dict[str, list[int]] = {}  # path -> [all versions, smallest version]
        self.waste: dict[tuple[int, int], _WasteTally] = {}

    def apply(self, index: int, entries: list[Entry]) -> _LayerTally:
        tally = _LayerTally()
        # Whiteouts hide what lower layers hold, never this layer's own files: apply them first.
        for path, _, kind in entries:
            if kind == WHITEOUT:
                tally.deleted += self._remove(path, index, keep_folder=False)
            elif kind == OPAQUE:
                tally.deleted += self._remove(path, index, keep_folder=True)
        for path, size, kind in entries:
            if kind == DIR:
                self._link(path)
            elif kind == FILE:
                tally.size += size
                if self._write(path, size, index):
                    tally.changed += 1
                else:
                    tally.added += 1
        return tally

    def _write(self, path: str, size: int, index: int) -> bool:
        """Records a new version of `path`; True when it replaces a lower layer's file."""
        previous = self.files.get(path)
        if previous is not None:
            self._waste(path, previous, index)
        self.files[path] = (index, size)
        self._version(path, size)
        self._link(path)
        return previous is not None

    def _remove(self, path: str, index: int, keep_folder: bool) -> int:
        """Deletes `path` (a file or a whole folder) from the layers below; files removed."""
        doomed = [path] if not keep_folder and path in self.files else []
        folders = [path] if path in self.children else []
        for folder in folders:  # grows while it is walked: the whole subtree
            for child in self.children[folder]:
                (folders if child in self.children else doomed).append(child)
        for file_path in doomed:
            self._waste(file_path, self.files.pop(file_path), index)
            self._version(file_path, 0)
        for folder in folders[1:] if keep_folder else folders:
            del self.children[folder]
        if keep_folder:
            self.children[path] = set()
        else:
            self.children.get(posixpath.dirname(path), set()).discard(path)
        return len(doomed)

    def _waste(self, path: str, written: tuple[int, int], index: int) -> None:
        writer, size = written
        self.waste.setdefault((writer, index), _WasteTally()).add(path, size)

    def _version(self, path: str, size: int) -> None:
        seen = self.sizes.get(path)
        if seen is None:
            self.sizes[path] = [size, size]
        else:
            seen[0] += size
            seen[1] = min(seen[1], size)

    def _link(self, path: str) -> None:
        """Makes `path` reachable from the root through its folders."""
        while path:
            parent = posixpath.dirname(path)
            siblings = self.children.setdefault(parent, set())
            if path in siblings:
                return
            siblings.add(path)
            if path not in self.files:
                self.children.setdefault(path, set())
            path = parent

    def efficiency(self) -> float:
        total = sum(seen[0] for seen in self.sizes.values())
        smallest = sum(seen[1] for seen in self.sizes.values())
        return smallest / total if total else 1.0


def analyse(
    export: Export,
    image: str,
    dockerfile: Dockerfile | None = None,
    target: str | None = None,
) -> LayerReport:
    """The layer report of an export; with the Dockerfile it was built from, lines too."""
    layers, config = export.ordered()
    return analyse_layers(layers, config, image, dockerfile, target)


def analyse_layers(
    layers: list[list[Entry]],
    config: dict[str, Any],
    image: str,
    dockerfile: Dockerfile | None = None,
    target: str | None = None,
    read_from: str = EXPORT,
) -> LayerReport:
    """The layer report of an image's layers (bottom first) and config, however read."""
    histories = _layer_histories(config, len(layers), dockerfile, target)
    stack = _Stack()
    summaries = []
    for index, (entries, (created_by, line)) in enumerate(zip(layers, histories, strict=True)):
        tally = stack.apply(index, entries)
        largest = heapq.nlargest(LARGEST, ((s, p) for p, s, k in entries if k == FILE))
        summaries.append(
            LayerSummary(
                index=index,
                created_by=created_by,
                line=line,
                size=tally.size,
                added=tally.added,
                changed=tally.changed,
                deleted=tally.deleted,
                wasted_bytes=0,
                largest=[PathSize("/" + path, size) for size, path in largest],
                folders=_cache_folders(entries),
            )
        )
    waste = [
        Waste(
            added_in=writer,
            removed_in=remover,
            bytes=tally.bytes,
            files=tally.files,
            largest=tuple(
                PathSize("/" + path, size) for size, path in sorted(tally.largest, reverse=True)
            ),
        )
        for (writer, remover), tally in sorted(stack.waste.items())
    ]
    for item in waste:
        summaries[item.added_in].wasted_bytes += item.bytes
    return LayerReport(
        image=image,
        size=sum(layer.size for layer in summaries),
        wasted_bytes=sum(item.bytes for item in waste),
        efficiency=stack.efficiency(),
        layers=summaries,
        waste=waste,
        read_from=read_from,
    )


def _cache_folders(entries: list[Entry]) -> dict[str, int]:
    """Bytes a layer writes into CACHE_FOLDERS: shipped with it, whatever later layers do."""
    found: dict[str, int] = {}
    for folder, prefix in zip(CACHE_FOLDERS, _CACHE_PREFIXES, strict=True):
        size = sum(s for path, s, kind in entries if kind == FILE and path.startswith(prefix))
        if size:
            found[folder] = size
    return found


def _layer_histories(
    config: dict[str, Any], count: int, dockerfile: Dockerfile | None, target: str | None
) -> list[tuple[str, int | None]]:
    """(created_by, Dockerfile line) for each layer, bottom first.

    The config's history has a row per instruction; rows with `empty_layer` made no layer.
    """
    rows = config.get("history") or []
    lines: list[int | None] = [None] * len(rows)
    if dockerfile is not None and dockerfile.stages:
        from layerlab.cache.plan import target_stage

        instructions = layer_instructions(dockerfile, target_stage(dockerfile, target))
        _, own = align_rows(rows, instructions)
        offset = len(rows) - len(own)
        for position, (_, instruction) in enumerate(own):
            lines[offset + position] = instruction.start_line
    made = [
        (row.get("created_by", ""), line)
        for row, line in zip(rows, lines, strict=True)
        if not row.get("empty_layer")
    ]
    if len(made) != count:  # a config without history (some tools write none)
        return [("", None)] * count
    return made


def layer_report(
    client: docker.DockerClient,
    image: str,
    dockerfile: Dockerfile | None = None,
    target: str | None = None,
    read_from: str | None = None,
) -> LayerReport:
    """Reads `image` from the engine; raises UnknownImage when it has none by that name.

    `read_from`: STORAGE or EXPORT to force one path; by default the engine's storage when
    this process can read it (see layer_store), else the export. Both give the same report.
    """
    try:
        inspect = client.api.inspect_image(image)
    except NotFound as exc:
        raise UnknownImage(f"no image {image!r} on this engine") from exc
    if read_from != EXPORT:
        stored = stored_layers(inspect)
        if stored is not None:
            return analyse_layers(*stored, image, dockerfile, target, read_from=STORAGE)
        if read_from == STORAGE:
            raise ExportError(f"cannot read the layers of {image} from the engine's storage")
    try:
        export = read_export(client.api.get_image(inspect["Id"], chunk_size=CHUNK))
    except (DockerException, TarError) as exc:
        raise ExportError(f"cannot read the export of {image}: {exc}") from exc
    return analyse(export, image, dockerfile, target)


def run_layer_report(
    run: Run, dockerfile: Dockerfile, target: str | None = None
) -> LayerReport | None:
    """The layer report of a finished run's image (after a build in the lab or a recording);
    None when the run built no image or the engine cannot hand it over."""
    if not run.image_id or run.error:
        return None
    try:
        client = connect()
    except EngineUnavailable:
        return None
    with contextlib.closing(client):
        try:
            return layer_report(client, run.image_id, dockerfile, target)
        except (UnknownImage, ExportError, DockerException):
            return None
