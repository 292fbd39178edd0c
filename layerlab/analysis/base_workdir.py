"""Where a stage's relative paths land before any WORKDIR: the base image's working directory.

Docker Official Images of distributions and language runtimes set no WORKDIR, so a build on
them starts in `/` (`C:\\` on Windows). Project images often set their own
(`quay.io/jupyterhub/jupyterhub` sets /srv/jupyterhub, `golang` /go, `jupyter/*`
/home/jovyan), which a Dockerfile cannot show; for those the answer is unknown.
"""

from __future__ import annotations

from layerlab.analysis.releases import SCRATCH, Image
from layerlab.dockerfile import Dockerfile, Stage

ROOT = "/"
WINDOWS_ROOT = "C:\\"

# Official images known to set no WORKDIR (checked against their Dockerfiles).
NO_WORKDIR = frozenset(
    {
        "alpine", "almalinux", "amazonlinux", "archlinux", "buildpack-deps", "busybox",
        "centos", "debian", "fedora", "node", "oraclelinux", "pypy", "python", "rockylinux",
        "ubuntu",
    }
)  # fmt: skip
WINDOWS_IMAGES = frozenset(
    {
        "microsoft/windowsservercore", "microsoft/nanoserver", "windows/servercore",
        "windows/nanoserver", "windows/server", "windows",
    }
)  # fmt: skip


def base_workdir(dockerfile: Dockerfile, stage: Stage, image: Image | None) -> str | None:
    """The working directory `stage` starts in before its chain sets a WORKDIR: `/` for
    scratch and the official images above, `C:\\` for Windows, None when the image may
    set its own. `image` is the external image the stage's FROM chain starts at."""
    if dockerfile.lineage(stage)[-1].base.lower() == SCRATCH:
        return ROOT
    if image is None or not image.resolved:
        return None
    if image.path in WINDOWS_IMAGES:
        return WINDOWS_ROOT
    if any(image.is_official(name) for name in NO_WORKDIR):
        return ROOT
    return None
