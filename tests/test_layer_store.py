"""Reading layers from overlay2 folders: what a diff folder holds, and when not to trust one.

The folders here are laid out as Docker 20.10 keeps them (<root>/overlay2/<cache id>/diff,
<root>/image/overlay2/{imagedb,layerdb}); tests/engine/test_layer_storage.py compares the
result with the export of a real image.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from pathlib import Path
from typing import Any

import pytest

from layerlab.engine.layer_entries import DIR, FILE, OPAQUE, WHITEOUT
from layerlab.engine.layer_store import diff_entries, stored_layers

needs_root = pytest.mark.skipif(
    os.geteuid() != 0, reason="whiteouts and trusted.* attributes need root"
)


def sha256(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


def storage(root: Path, layers: list[dict[str, bytes]]) -> dict[str, Any]:
    """Writes the layers (path -> content) as the engine keeps them; its image inspect."""
    diff_ids = [sha256(repr(sorted(files.items())).encode()) for files in layers]
    folders, chain = [], ""
    for index, (files, diff_id) in enumerate(zip(layers, diff_ids, strict=True)):
        folder = root / "overlay2" / f"cache{index}" / "diff"
        for path, content in files.items():
            (folder / path).parent.mkdir(parents=True, exist_ok=True)
            (folder / path).write_bytes(content)
        folder.mkdir(parents=True, exist_ok=True)
        chain = diff_id if not chain else sha256(f"{chain} {diff_id}".encode())
        entry = root / "image" / "overlay2" / "layerdb" / "sha256" / chain.split(":")[1]
        entry.mkdir(parents=True)
        (entry / "diff").write_text(diff_id)
        (entry / "cache-id").write_text(f"cache{index}")
        folders.append(str(folder))
    config = json.dumps({"rootfs": {"type": "layers", "diff_ids": diff_ids}}).encode()
    image_id = sha256(config)
    imagedb = root / "image" / "overlay2" / "imagedb" / "content" / "sha256"
    imagedb.mkdir(parents=True)
    (imagedb / image_id.split(":")[1]).write_bytes(config)
    data = {"UpperDir": folders[-1], "LowerDir": ":".join(reversed(folders[:-1]))}
    return {"Id": image_id, "GraphDriver": {"Name": "overlay2", "Data": data}}


TWO = [{"etc/os-release": b"x" * 10, "usr/lib/a.so": b"a" * 50}, {"app/main.py": b"m" * 7}]


def test_a_folder_is_walked_depth_first_in_name_order_with_lstat_sizes(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "inner").write_bytes(b"12345")
    (tmp_path / "a-file").write_bytes(b"123")
    (tmp_path / "c").symlink_to("b/inner")
    assert diff_entries(str(tmp_path)) == [
        ("a-file", 3, FILE),
        ("b", 0, DIR),
        ("b/inner", 5, FILE),
        ("c", 0, FILE),  # a link has no data in the tar
    ]


def test_a_hard_linked_file_counts_its_bytes_once_at_the_first_path(tmp_path: Path) -> None:
    (tmp_path / "z").write_bytes(b"z" * 100)
    os.link(tmp_path / "z", tmp_path / "a")
    assert diff_entries(str(tmp_path)) == [("a", 100, FILE), ("z", 0, FILE)]


@needs_root
def test_whiteouts_and_opaque_folders_are_read_as_the_export_writes_them(tmp_path: Path) -> None:
    os.mknod(tmp_path / "gone", stat.S_IFCHR | 0o600, os.makedev(0, 0))
    (tmp_path / "app").mkdir()
    os.setxattr(tmp_path / "app", "trusted.overlay.opaque", b"y")
    assert diff_entries(str(tmp_path)) == [
        ("app", 0, DIR),
        ("app", 0, OPAQUE),
        ("gone", 0, WHITEOUT),
    ]


@needs_root
def test_layers_are_read_bottom_first_with_the_image_config(tmp_path: Path) -> None:
    inspect = storage(tmp_path, TWO)
    stored = stored_layers(inspect)
    assert stored is not None
    layers, config = stored
    assert layers[0] == [
        ("etc", 0, DIR),
        ("etc/os-release", 10, FILE),
        ("usr", 0, DIR),
        ("usr/lib", 0, DIR),
        ("usr/lib/a.so", 50, FILE),
    ]
    assert layers[1] == [("app", 0, DIR), ("app/main.py", 7, FILE)]
    assert len(config["rootfs"]["diff_ids"]) == 2


def test_another_storage_driver_is_left_to_the_export(tmp_path: Path) -> None:
    inspect = storage(tmp_path, TWO)
    inspect["GraphDriver"]["Name"] = "overlayfs"  # e.g. the containerd image store
    assert stored_layers(inspect) is None


def test_folders_that_are_not_on_this_host_are_left_to_the_export(tmp_path: Path) -> None:
    inspect = storage(tmp_path, TWO)
    inspect["GraphDriver"]["Data"]["UpperDir"] = str(tmp_path / "elsewhere" / "diff")
    assert stored_layers(inspect) is None


@needs_root
def test_a_config_that_does_not_hash_to_the_image_id_is_not_trusted(tmp_path: Path) -> None:
    inspect = storage(tmp_path, TWO)
    imagedb = tmp_path / "image" / "overlay2" / "imagedb" / "content" / "sha256"
    config = imagedb / inspect["Id"].split(":")[1]
    config.write_bytes(config.read_bytes().replace(b"layers", b"layerz"))
    assert stored_layers(inspect) is None


@needs_root
def test_a_folder_the_layer_database_does_not_name_is_not_trusted(tmp_path: Path) -> None:
    inspect = storage(tmp_path, TWO)
    data = inspect["GraphDriver"]["Data"]
    data["UpperDir"], data["LowerDir"] = data["LowerDir"], data["UpperDir"]  # swapped
    assert stored_layers(inspect) is None


@needs_root
def test_a_rootless_engines_storage_is_left_to_the_export(tmp_path: Path) -> None:
    inspect = storage(tmp_path, TWO)
    os.chown(tmp_path, 1000, 1000)  # a rootless engine's data root belongs to its user
    assert stored_layers(inspect) is None
