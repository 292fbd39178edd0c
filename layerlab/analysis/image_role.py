"""What the final image is for: an application to run, or a development environment.

The talk's size and dependency lessons (slim base, no dev dependencies, no package manager)
are about the image that runs the app. A development image (a dev container, or the image a
team works and tests in) wants compilers, test tools and the package manager; the talk builds
it as its own `dev` target. The Dockerfile shows it by a FROM chain that starts at a
dev-container image. An image that names no command of its own to run (no CMD or
ENTRYPOINT) is one when it installs the project editable (`pip install -e .`), or when a
Compose file in the build context builds it for a service that runs a development server
(`manage.py runserver`, `--reload`) or bind-mounts the code over it. An image with its own
command is an app image even when a Compose service also runs it for development.
"""

from __future__ import annotations

from layerlab.analysis.compose import ComposeService
from layerlab.analysis.facts import Facts
from layerlab.context import BuildContext

# Microsoft's dev-container images: mcr.microsoft.com/devcontainers/python, and the older
# mcr.microsoft.com/vscode/devcontainers/python.
DEVCONTAINER_PATHS = ("devcontainers/", "vscode/devcontainers/")
EDITABLE = ("-e", "--editable")


def is_development_image(facts: Facts, context: BuildContext | None = None) -> bool:
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
    if runs_something:
        return False
    editable = any(
        install.tool in ("pip", "uv") and install.command.has(*EDITABLE)
        for _, event in facts.runs_in(stages)
        for install in event.installs
    )
    return editable or (context is not None and _built_for_development(facts, context))


def _built_for_development(facts: Facts, context: BuildContext) -> bool:
    """True when a Compose service of the context builds this Dockerfile's final image and
    runs a development server or mounts the code."""
    final = facts.dockerfile.stages[-1]
    return any(
        service.target in (None, final.name)
        and _builds(service, facts, context)
        and (service.runs_dev_server() or service.mounts_code(context))
        for service in context.compose_services
    )


def _builds(service: ComposeService, facts: Facts, context: BuildContext) -> bool:
    """True when the file the service builds is this Dockerfile (the same text)."""
    try:
        text = context.read(service.dockerfile).decode("utf-8", "replace")
    except OSError:  # no such file
        return False
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return text == facts.dockerfile.text
