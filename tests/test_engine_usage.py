"""Engine usage from the engine's own listings: each untagged image counts its own layer."""

from __future__ import annotations

from layerlab.engine.usage import EngineContents, cache_records, untagged_images

IMAGES = [
    {"Id": "base", "RepoTags": ["python:3.11-slim"], "Size": 150, "ParentId": "", "Created": 1},
    {"Id": "step1", "RepoTags": ["<none>:<none>"], "Size": 170, "ParentId": "base", "Created": 2},
    {"Id": "step2", "RepoTags": None, "Size": 200, "ParentId": "step1", "Created": 3},
]


def test_an_untagged_image_counts_only_what_it_adds_to_its_parent() -> None:
    found = {image.id: image for image in untagged_images(IMAGES)}
    assert (found["step1"].size, found["step2"].size) == (20, 30)


def test_only_an_image_nothing_is_built_on_is_a_leaf() -> None:
    found = {image.id: image.leaf for image in untagged_images(IMAGES)}
    assert found == {"step1": False, "step2": True}


def test_the_cache_figure_adds_buildkit_records_and_untagged_images() -> None:
    records = cache_records(
        [{"ID": "r1", "Size": 1000, "LastUsedAt": "2026-12-06T01:55:36.993588939Z"}]
    )
    usage = EngineContents(tuple(records), tuple(untagged_images(IMAGES)), 500, 1).usage()
    assert usage.cache_bytes == 1050
    assert (usage.build_cache_records, usage.untagged_images, usage.tagged_images) == (1, 2, 1)
