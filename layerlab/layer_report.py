"""What an image's layers hold: the record `layerlab layers`, recordings and the lab share.

Plain data, no Docker: `layerlab.engine.layers` fills it from an image export, recordings
store it, the views draw it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class PathSize:
    path: str  # absolute, as in the image: "/usr/lib/x86_64-linux-gnu/libLLVM.so"
    size: int  # bytes


@dataclass(frozen=True)
class Waste:
    """Bytes one layer wrote that a later layer deleted or overwrote: paid in every pull,
    never seen in the running container."""

    added_in: int  # index of the layer that wrote the files
    removed_in: int  # index of the layer that deleted or overwrote them
    bytes: int
    files: int
    largest: tuple[PathSize, ...] = ()


@dataclass
class LayerSummary:
    index: int  # 0 = the bottom layer
    created_by: str  # the history entry ("RUN /bin/sh -c pip install ...")
    line: int | None  # the Dockerfile line of its instruction, when known
    size: int  # bytes of the files it holds
    added: int  # files (not folders) new in this layer
    changed: int  # files that replace one from a lower layer
    deleted: int  # files a whiteout in this layer removes from lower layers
    wasted_bytes: int  # bytes of this layer's files that a later layer deletes or overwrites
    largest: list[PathSize] = field(default_factory=list)
    # Bytes this layer still ships in folders that only hold caches and package lists
    # ("/var/lib/apt/lists": 45_000_000); what LL204 and its kin cost.
    folders: dict[str, int] = field(default_factory=dict)


# Where the layers were read: the engine's overlay2 folders or its image export. Both give
# the same figures; only the time differs (the export waits for the engine's whole save).
STORAGE, EXPORT = "storage", "export"


@dataclass
class LayerReport:
    image: str
    size: int  # bytes of all layers
    wasted_bytes: int
    efficiency: float  # dive's score: 1.0 when nothing is deleted or written twice
    layers: list[LayerSummary]
    waste: list[Waste] = field(default_factory=list)  # every wasted byte, by (added, removed)
    read_from: str = field(default=EXPORT, compare=False)  # STORAGE or EXPORT: not a result

    def to_dict(self) -> dict[str, Any]:
        """The JSON `layerlab layers --format json` prints."""
        return {
            "image": self.image,
            "size": self.size,
            "wasted_bytes": self.wasted_bytes,
            "efficiency": self.efficiency,
            "layers": [_layer_dict(layer) for layer in self.layers],
        }

    def to_record(self) -> dict[str, Any]:
        """`to_dict` plus where the waste comes from: what recordings store."""
        data = self.to_dict()
        for row, layer in zip(data["layers"], self.layers, strict=True):
            row["folders"] = layer.folders
        return {
            **data,
            "waste": [
                {
                    "added_in": item.added_in,
                    "removed_in": item.removed_in,
                    "bytes": item.bytes,
                    "files": item.files,
                    "largest": [_path_dict(p) for p in item.largest],
                }
                for item in self.waste
            ],
        }

    @classmethod
    def from_record(cls, data: dict[str, Any]) -> LayerReport:
        return cls(
            image=data["image"],
            size=data["size"],
            wasted_bytes=data["wasted_bytes"],
            efficiency=data["efficiency"],
            layers=[
                LayerSummary(**{**layer, "largest": _paths(layer["largest"])})
                for layer in data["layers"]
            ],
            waste=[
                Waste(**{**item, "largest": tuple(_paths(item["largest"]))})
                for item in data.get("waste", [])
            ],
        )

    def layer_at_line(self, line: int) -> LayerSummary | None:
        return next((layer for layer in self.layers if layer.line == line), None)

    def waste_removed_at(self, line: int) -> list[Waste]:
        """The waste a layer made by deleting or overwriting what earlier layers wrote."""
        layer = self.layer_at_line(line)
        if layer is None:
            return []
        return [item for item in self.waste if item.removed_in == layer.index]


def _layer_dict(layer: LayerSummary) -> dict[str, Any]:
    return {
        "index": layer.index,
        "created_by": layer.created_by,
        "line": layer.line,
        "size": layer.size,
        "added": layer.added,
        "changed": layer.changed,
        "deleted": layer.deleted,
        "wasted_bytes": layer.wasted_bytes,
        "largest": [_path_dict(p) for p in layer.largest],
    }


def _path_dict(item: PathSize) -> dict[str, Any]:
    return {"path": item.path, "size": item.size}


def _paths(rows: list[dict[str, Any]]) -> list[PathSize]:
    return [PathSize(row["path"], row["size"]) for row in rows]
