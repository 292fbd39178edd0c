"""Small image exports, built in memory, in the layouts engines write."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import tarfile
from collections.abc import Iterator

# A layer: path -> bytes (a file), None (a folder), or "whiteout" / "opaque" markers.
Layer = dict[str, bytes | str | None]


def layer_tar(layer: Layer, tar_format: int = tarfile.PAX_FORMAT) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tar_format) as archive:
        for path, content in layer.items():
            folder, _, name = path.rpartition("/")
            if content == "whiteout":
                _add(archive, f"{folder}/.wh.{name}".lstrip("/"), b"")
            elif content == "opaque":
                _add(archive, f"{path}/.wh..wh..opq", b"")
            elif content is None:
                info = tarfile.TarInfo(path)
                info.type = tarfile.DIRTYPE
                archive.addfile(info)
            else:
                assert isinstance(content, bytes)
                _add(archive, path, content)
    return buffer.getvalue()


def _add(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    archive.addfile(info, io.BytesIO(data))


def config(history: list[tuple[str, bool]]) -> bytes:
    """An image config whose history rows are (created_by, empty_layer)."""
    rows = [
        {"created_by": text, "empty_layer": True} if empty else {"created_by": text}
        for text, empty in history
    ]
    return json.dumps({"architecture": "amd64", "history": rows}).encode()


def docker_archive(layers: list[Layer], history: list[tuple[str, bool]]) -> bytes:
    """`docker save` (Engine 20.10): layer folders in name order, manifest.json last."""
    names = [hashlib.sha256(f"layer{i}".encode()).hexdigest() for i in range(len(layers))]
    members = {
        f"{name}/layer.tar": layer_tar(layer) for name, layer in zip(names, layers, strict=True)
    }
    members["cfg.json"] = config(history)
    manifest = [
        {
            "Config": "cfg.json",
            "RepoTags": ["t:1"],
            "Layers": [f"{name}/layer.tar" for name in names],
        }
    ]
    members["manifest.json"] = json.dumps(manifest).encode()
    return _tar(sorted(members.items()))


def oci_archive(layers: list[Layer], history: list[tuple[str, bool]]) -> bytes:
    """The OCI layout: gzip layer blobs, a manifest blob, index.json first."""
    blobs: dict[str, bytes] = {}

    def blob(data: bytes) -> dict[str, object]:
        digest = hashlib.sha256(data).hexdigest()
        blobs[f"blobs/sha256/{digest}"] = data
        return {"digest": f"sha256:{digest}", "size": len(data)}

    layer_descriptors = [blob(gzip.compress(layer_tar(layer))) for layer in layers]
    manifest = {"config": blob(config(history)), "layers": layer_descriptors}
    index = {"manifests": [blob(json.dumps(manifest).encode())]}
    return _tar([("index.json", json.dumps(index).encode()), *sorted(blobs.items())])


def _tar(members: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.GNU_FORMAT) as archive:
        for name, data in members:
            _add(archive, name, data)
    return buffer.getvalue()


def chunks(data: bytes, size: int = 1000) -> Iterator[bytes]:
    """The archive as an engine sends it: in chunks that cut headers anywhere."""
    for start in range(0, len(data), size):
        yield data[start : start + size]
