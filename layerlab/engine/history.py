"""Layer sizes from the image history, mapped back to the steps that made them.

Both builders write one history row per instruction of the final image's stages (metadata
ones with size 0) on top of the base image's rows; global ARGs and FROMs write none. So the
rows above the base's, oldest first, line up with those instructions in file order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

import docker
from docker.errors import DockerException

from layerlab.dockerfile import Dockerfile, Instruction, Stage

Row = TypeVar("Row")


@dataclass(frozen=True)
class ImageSizes:
    total: int
    base: int  # bytes of the base image's own layers
    by_line: dict[int, int]  # instruction start line -> layer bytes


def layer_instructions(dockerfile: Dockerfile, target: Stage) -> list[Instruction]:
    """The instructions whose layers make up the image of `target`, oldest first."""
    lineage = list(reversed(dockerfile.lineage(target)))
    return [i for stage in lineage for i in stage.instructions if i.keyword != "FROM"]


def align_rows(
    rows: Sequence[Row], instructions: list[Instruction]
) -> tuple[list[Row], list[tuple[Row, Instruction]]]:
    """History rows (oldest first) split into the base image's and those of `instructions`."""
    base = list(rows[: max(len(rows) - len(instructions), 0)])
    return base, list(zip(rows[len(base) :], instructions, strict=False))


def image_sizes(
    client: docker.DockerClient, image_id: str, dockerfile: Dockerfile, target: Stage
) -> ImageSizes | None:
    try:
        image = client.images.get(image_id)
        rows = list(reversed(image.history()))  # oldest first
    except DockerException:
        return None
    base_rows, own_rows = align_rows(rows, layer_instructions(dockerfile, target))
    return ImageSizes(
        total=int(image.attrs.get("Size", 0)),
        base=sum(int(row.get("Size", 0)) for row in base_rows),
        by_line={inst.start_line: int(row.get("Size", 0)) for row, inst in own_rows},
    )
