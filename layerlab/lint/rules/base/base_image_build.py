"""Base images: whether a Dockerfile builds one for others, and image families whose
Dockerfiles are known to do what LayerLab asks of the images built on them.

The official python images are the model: FROM a bare OS image, install Python, and end with
`CMD ["python3"]`. Such an image is meant to be built FROM: the USER and the security upgrade
belong in the app images built on it, where LayerLab asks for them.
"""

from __future__ import annotations

import posixpath

from layerlab.analysis import Facts
from layerlab.analysis.releases import Image
from layerlab.lint.registry import final_stages

OS_IMAGES = ("debian", "ubuntu", "alpine", "buildpack-deps")
INTERPRETERS = frozenset({"python", "python3", "bash", "sh"})


def builds_base_image(facts: Facts) -> bool:
    """The final image starts FROM a bare OS image and its only command is an interpreter."""
    stages = final_stages(facts.dockerfile)
    if not stages:
        return False
    root = facts.root_images[stages[-1].index]
    if root is None or not any(root.is_official(name) for name in OS_IMAGES):
        return False
    starts = [
        i for stage in stages for i in stage.instructions if i.keyword in ("CMD", "ENTRYPOINT")
    ]
    if not starts or starts[-1].keyword != "CMD" or any(i.keyword == "ENTRYPOINT" for i in starts):
        return False
    last = starts[-1]
    words = list(last.json_args) if last.json_args is not None else last.arguments.split()
    return len(words) == 1 and posixpath.basename(words[0]) in INTERPRETERS


def is_jupyter_stack(image: Image) -> bool:
    """Jupyter's docker-stacks images (quay.io/jupyter/*-notebook, docker-stacks-foundation):
    the foundation runs `apt-get upgrade --yes` and every image ends with `USER ${NB_UID}`."""
    return image.path.startswith("jupyter/") and (
        image.name.endswith("-notebook") or image.name == "docker-stacks-foundation"
    )


def is_dev_container(image: Image) -> bool:
    """A Dev Containers image (mcr.microsoft.com/devcontainers/*): an editor's development
    environment, never deployed; the editor connects as its `remoteUser`."""
    return image.registry == "mcr.microsoft.com" and (
        image.path.startswith("devcontainers/") or image.path.startswith("vscode/devcontainers/")
    )
