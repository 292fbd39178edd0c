"""Layer contents from an image export: what each layer adds, changes, deletes and wastes."""

from __future__ import annotations

import tarfile

import pytest
from image_archives import chunks, docker_archive, layer_tar, oci_archive

from layerlab.dockerfile import parse
from layerlab.engine.layers import ExportError, analyse, read_export
from layerlab.engine.tarstream import ByteStream, members
from layerlab.layer_report import PathSize, Waste

BASE = {"etc": None, "etc/os-release": b"x" * 100, "usr/lib/big.so": b"b" * 5000}
HISTORY = [("ADD file:base in /", False), ('CMD ["sh"]', True)]


def report(layers, history=None, layout=docker_archive, dockerfile=None):
    history = history or HISTORY + [(f"RUN step {i}", False) for i in range(1, len(layers))]
    export = read_export(chunks(layout(layers, history)))
    return analyse(export, "test:1", parse(dockerfile) if dockerfile else None)


def test_a_deleted_file_is_wasted_in_the_layer_that_wrote_it() -> None:
    result = report([BASE, {"usr/lib/big.so": "whiteout"}])
    base, cleanup = result.layers
    assert (base.wasted_bytes, cleanup.deleted, cleanup.size) == (5000, 1, 0)
    assert result.waste == [Waste(0, 1, 5000, 1, (PathSize("/usr/lib/big.so", 5000),))]


def test_an_overwritten_file_wastes_the_copy_below() -> None:
    result = report([BASE, {"usr/lib/big.so": b"n" * 300}])
    assert result.layers[1].changed == 1
    assert result.layers[0].wasted_bytes == 5000
    assert result.wasted_bytes == 5000


def test_a_deleted_folder_wastes_every_file_it_held() -> None:
    result = report(
        [
            {**BASE, "var/lib/apt/lists/a": b"a" * 700, "var/lib/apt/lists/p/b": b"b" * 300},
            {"var/lib/apt/lists": "whiteout"},
        ]
    )
    assert (result.layers[1].deleted, result.wasted_bytes) == (2, 1000)


def test_an_opaque_folder_hides_the_files_below_but_keeps_its_own() -> None:
    result = report([{**BASE, "app/old.py": b"o" * 40}, {"app": "opaque", "app/new.py": b"n" * 10}])
    top = result.layers[1]
    assert (top.added, top.deleted, top.size, result.wasted_bytes) == (1, 1, 10, 40)


def test_a_file_written_again_after_its_deletion_is_added_not_changed() -> None:
    result = report([BASE, {"etc/os-release": "whiteout"}, {"etc/os-release": b"y" * 100}])
    assert (result.layers[2].added, result.layers[2].changed) == (1, 0)
    assert result.wasted_bytes == 100


def test_efficiency_is_dives_smallest_over_all_versions() -> None:
    # big.so: versions 5000 and 300 (smallest 300); os-release: 100 once.
    result = report([BASE, {"usr/lib/big.so": b"n" * 300}])
    assert result.efficiency == pytest.approx((300 + 100) / (5000 + 300 + 100))


def test_an_image_that_wastes_nothing_scores_one() -> None:
    result = report([BASE, {"app/main.py": b"print()\n"}])
    assert (result.wasted_bytes, result.efficiency) == (0, 1.0)


def test_largest_paths_are_the_layers_biggest_files_biggest_first() -> None:
    result = report([BASE])
    assert result.layers[0].largest == [
        PathSize("/usr/lib/big.so", 5000),
        PathSize("/etc/os-release", 100),
    ]


def test_the_oci_layout_with_gzip_layers_reads_the_same() -> None:
    layers = [BASE, {"usr/lib/big.so": "whiteout", "app/x": b"x"}]
    assert report(layers, layout=oci_archive) == report(layers, layout=docker_archive)


def test_layers_follow_the_manifest_not_the_order_they_arrive_in() -> None:
    # The archive's folders sort by hash: layer 1's comes first in the stream.
    result = report([BASE, {"usr/lib/big.so": "whiteout"}, {"a": b"a"}])
    assert [layer.created_by for layer in result.layers] == [
        "ADD file:base in /",
        "RUN step 1",
        "RUN step 2",
    ]


def test_layers_map_to_the_dockerfile_lines_that_made_them() -> None:
    dockerfile = "FROM base\nWORKDIR /app\nCOPY big.so /usr/lib/\nRUN rm /usr/lib/big.so\n"
    history = [
        *HISTORY,
        ("WORKDIR /app", True),
        ("COPY file:1 in /usr/lib/", False),
        ("RUN /bin/sh -c rm /usr/lib/big.so", False),
    ]
    result = report(
        [{"etc/os-release": b"x"}, {"usr/lib/big.so": b"b" * 50}, {"usr/lib/big.so": "whiteout"}],
        history,
        dockerfile=dockerfile,
    )
    assert [layer.line for layer in result.layers] == [None, 3, 4]


def test_an_export_without_a_manifest_is_refused() -> None:
    with pytest.raises(ExportError, match="neither manifest"):
        analyse(read_export(chunks(layer_tar({"a": b"a"}))), "x")


@pytest.mark.parametrize("tar_format", [tarfile.PAX_FORMAT, tarfile.GNU_FORMAT])
def test_long_paths_read_whole(tar_format: int) -> None:
    path = "opt/" + "deep/" * 40 + "file.txt"
    archive = layer_tar({path: b"12345"}, tar_format)
    [member] = list(members(ByteStream(chunks(archive, 7))))
    assert (member.name, member.size) == (path, 5)


def test_a_layer_ships_the_package_lists_it_wrote_even_when_a_later_layer_deletes_them() -> None:
    lists = {"var/lib/apt/lists/deb_Packages": b"p" * 900, "usr/bin/curl": b"c" * 50}
    result = report([BASE, lists, {"var/lib/apt/lists": "whiteout"}])
    assert result.layers[1].folders == {"/var/lib/apt/lists": 900}
    assert result.layers[2].folders == {}
