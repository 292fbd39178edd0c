"""What the final image is for: an application to run, a development environment, a test
image or a demo.

The talk's size and dependency lessons (slim base, no dev dependencies, no package manager)
are about the image that runs the app. A development image (a dev container, or the image a
team works and tests in) wants compilers, test tools and the package manager; the talk builds
it as its own `dev` target. The Dockerfile shows it by a FROM chain that starts at a
dev-container image. An image that names no command of its own to run (no CMD or
ENTRYPOINT) is one when it installs the project editable (`pip install -e .`), or when a
Compose file in the build context builds it for a service that runs a development server
(`manage.py runserver`, `--reload`) or bind-mounts the code over it. An image with its own
command is an app image even when a Compose service also runs it for development.

The Dockerfile's path in its repository, when the caller knows it (the CLI does; the app's lab
and playground do not), says the rest: `docker/dev/Dockerfile`, `Dockerfile.test`,
`tests/...`, `demos/...`. Only whole words of the path count (folders and file name split at
`/ . _ -`), from the short lists below, and a path that also names production (`prod`,
`release`, `deploy`) is read as nothing: a path that could be the production image never
changes a finding. `ci` is no such word on purpose: projects build their published image in
CI from `Dockerfile.ci` (locust).
"""

from __future__ import annotations

import re
from enum import Enum

from layerlab.analysis.compose import ComposeService
from layerlab.analysis.facts import Facts
from layerlab.context import BuildContext

# Microsoft's dev-container images: mcr.microsoft.com/devcontainers/python, and the older
# mcr.microsoft.com/vscode/devcontainers/python.
DEVCONTAINER_PATHS = ("devcontainers/", "vscode/devcontainers/")
EDITABLE = ("-e", "--editable")


class Role(Enum):
    """What the final image is for. Development and test images want compilers, test tools,
    dev dependencies and the package manager; nobody deploys a development, test or demo
    image, so running it as root costs nothing."""

    APP = "app"
    DEVELOPMENT = "development"
    TEST = "test"
    DEMO = "demo"

    @property
    def deployed(self) -> bool:
        return self is Role.APP

    @property
    def wants_dev_tools(self) -> bool:
        """Compilers, dev dependencies and the package manager belong in it. A demo is not
        deployed either, but readers copy it: the size lessons still apply."""
        return self in (Role.DEVELOPMENT, Role.TEST)


PATH_WORDS = {
    Role.DEVELOPMENT: frozenset(
        {"dev", "devel", "develop", "development", "devcontainer", "local"}
    ),
    Role.TEST: frozenset({"test", "tests", "testing"}),
    Role.DEMO: frozenset({"demo", "demos", "example", "examples"}),
}
PRODUCTION_WORDS = frozenset({"prod", "production", "release", "releases", "deploy", "deployment"})
PATH_WORD_SEPARATORS = re.compile(r"[/\\._\-\s]+")


def path_role(path: str | None) -> Role | None:
    """The role a Dockerfile's path names (`tests/Dockerfile`, `Dockerfile.dev`,
        `demos/proxy/Dockerfile`), or None when it names none or also names production. A path
    naming two roles gets the first of development, test, demo: none of them is deployed."""
    if not path:
        return None
    words = set(PATH_WORD_SEPARATORS.split(path.lower()))
    if words & PRODUCTION_WORDS:
        return None
    return next((role for role, role_words in PATH_WORDS.items() if words & role_words), None)


def image_role(facts: Facts, context: BuildContext | None = None) -> Role:
    """What the final image is for: by its text and the context's Compose files, then by its
    path."""
    if is_development_image(facts, context):
        return Role.DEVELOPMENT
    return path_role(facts.path) or Role.APP


def is_development_image(facts: Facts, context: BuildContext | None = None) -> bool:
    """True when the final image (built without --target) is a development environment by its
    text or the context's Compose files (the path is image_role's)."""
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
        for event in facts.events_in(stages)  # no history wanted: no view per event
        for install in event.installs
    )
    return editable or (context is not None and _built_for_development(facts, context))


def _built_for_development(facts: Facts, context: BuildContext) -> bool:
    """True when a Compose service of the context builds this Dockerfile's final image and
    runs a development server or mounts the code. A service that passes build args builds
    a variant (warehouse's `DEVEL: "yes"`), which says nothing about the default build."""
    final = facts.dockerfile.stages[-1]
    return any(
        service.target in (None, final.name)
        and not service.args
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
