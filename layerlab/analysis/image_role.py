"""What the final image is for: an application to run, or a development environment.

The talk's size and dependency lessons (slim base, no dev dependencies, no package manager)
are about the image that runs the app. A development image (a dev container, or the image a
team works and tests in) wants compilers, test tools and the package manager; the talk builds
it as its own `dev` target. The Dockerfile shows it in two ways: a FROM chain that starts at
a dev-container image, or an editable install of the project (`pip install -e .`) in an image
that names no command of its own to run.
"""

from __future__ import annotations

from layerlab.analysis.facts import Facts

# Microsoft's dev-container images: mcr.microsoft.com/devcontainers/python, and the older
# mcr.microsoft.com/vscode/devcontainers/python.
DEVCONTAINER_PATHS = ("devcontainers/", "vscode/devcontainers/")
EDITABLE = ("-e", "--editable")


def is_development_image(facts: Facts) -> bool:
    """True when the final image (built without --target) is a development environment."""
    stages = [stage for stage in facts.dockerfile.stages if stage.in_final_image]
    if not stages:
        return False
    root = facts.root_images[stages[-1].index]
    if root is not None and root.path.startswith(DEVCONTAINER_PATHS):
        return True
    runs_something = any(
        instruction.keyword in ("CMD", "ENTRYPOINT")
        for stage in stages
        for instruction in stage.instructions
    )
    editable = any(
        install.tool in ("pip", "uv") and install.command.has(*EDITABLE)
        for _, event in facts.runs_in(stages)
        for install in event.installs
    )
    return editable and not runs_something
