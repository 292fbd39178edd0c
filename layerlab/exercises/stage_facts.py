"""Facts about the image built without --target: its base, user, ports, command and packages.

Each fact reads the final stage and the stages it is built FROM (`final_stages`), the same
view the LL2xx/LL4xx rules take, so an exercise and the linter never disagree about which
stage counts. A builder stage's slim base or `USER` never makes the final image slim or
non-root.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from layerlab.analysis import Facts
from layerlab.analysis.installs import Install
from layerlab.analysis.installs.system import bare_name
from layerlab.analysis.layer_paths import mount_covers
from layerlab.analysis.paths import absolute
from layerlab.analysis.releases import is_full_python, stage_image
from layerlab.analysis.stages import Event, bind_brings
from layerlab.dockerfile import Dockerfile, Instruction
from layerlab.lint.registry import final_stages
from layerlab.lint.rules.runtime.ll401_runs_as_root import final_user
from layerlab.lint.rules.runtime.ll402_privileged_port import FIRST_UNPRIVILEGED, PORT_RE

# host:port or :port as servers take it (uwsgi --http :8000, gunicorn -b 0.0.0.0:8000)
ADDRESS_RE = re.compile(r"^(?:[\w.-]*|\[[0-9a-fA-F:]*\]):(\d{1,5})$")
PORT_OPTIONS = frozenset({"--port", "-p"})
# Where each installer keeps its download cache when nothing overrides it (as root).
CACHE_DIRS = {
    "pip": ("PIP_CACHE_DIR", "/root/.cache/pip"),
    "uv": ("UV_CACHE_DIR", "/root/.cache/uv"),
}


def final_instructions(dockerfile: Dockerfile) -> Iterator[Instruction]:
    for stage in final_stages(dockerfile):
        yield from stage.instructions


def slim_base(facts: Facts) -> bool:
    """The final image starts from a slim variant (python:3.12-slim, debian:bookworm-slim),
    a distroless image or scratch: never the full image a builder wants."""
    root = next((s for s in final_stages(facts.dockerfile) if s.parent is None), None)
    if root is None:
        return False
    image = stage_image(facts.dockerfile, root)
    if image is None:
        return root.base.lower() == "scratch"
    if not image.resolved or is_full_python(image):
        return False
    return "slim" in image.tag_words or "distroless" in image.path


def runs_as_non_root(facts: Facts) -> bool:
    """The last USER of the final image is known and is neither root nor uid 0."""
    user = final_user(facts.dockerfile)
    return user is not None and user.is_root is False


def ports(facts: Facts) -> list[int]:
    """Ports the final image EXPOSEs or its command listens on (first port of a range)."""
    found = []
    for inst in final_instructions(facts.dockerfile):
        if inst.keyword == "EXPOSE":
            found += [int(m.group(1)) for m in map(PORT_RE.match, inst.arguments.split()) if m]
    words = start_command(facts) or []
    for index, word in enumerate(words):
        address = ADDRESS_RE.match(word.split("=", 1)[-1])
        if address:
            found.append(int(address.group(1)))
        elif word in PORT_OPTIONS and index + 1 < len(words) and words[index + 1].isdigit():
            found.append(int(words[index + 1]))
    return found


def unprivileged_ports(facts: Facts) -> bool:
    known = ports(facts)
    return bool(known) and all(port >= FIRST_UNPRIVILEGED for port in known)


def start_command(facts: Facts) -> list[str] | None:
    """ENTRYPOINT + CMD as the container starts them, in exec form; None for shell form."""
    last: dict[str, Instruction] = {}
    for inst in final_instructions(facts.dockerfile):
        if inst.keyword in ("CMD", "ENTRYPOINT"):
            last[inst.keyword] = inst
    words: list[str] = []
    for keyword in ("ENTRYPOINT", "CMD"):
        if keyword in last:
            args = last[keyword].json_args
            if args is None:
                return None
            words += args
    return words or None


def exec_form_command(facts: Facts) -> bool:
    """The container starts a program of its own, in exec form, so it is PID 1."""
    return start_command(facts) is not None


def os_packages_kept(facts: Facts) -> set[str]:
    """OS packages the final image installs and does not remove again."""
    kept: set[str] = set()
    for inst in final_instructions(facts.dockerfile):
        for item in facts.package_commands(inst):
            names = {bare_name(p) for p in item.packages}
            if item.is_install:
                kept |= names
            elif item.is_removal:
                kept -= names
    return kept


def uses_another_stage(facts: Facts) -> bool:
    """The final image takes files from an earlier stage (COPY --from, RUN --mount from=)."""
    for stage in final_stages(facts.dockerfile):
        for inst in stage.instructions:
            refs = inst.flag_values("from") if inst.keyword in ("COPY", "ADD") else []
            refs += [m["from"] for m in inst.mounts() if inst.keyword == "RUN" and "from" in m]
            if any(facts.dockerfile.stage_for_reference(r, before=stage.index) for r in refs):
                return True
    return False


def dependency_installs(facts: Facts) -> Iterator[tuple[Event, Install]]:
    """Each install of the project's dependencies (from manifests or lock files)."""
    for event in facts.events_in():
        for install in event.installs:
            if install.installs_dependencies:
                yield event, install


def dependencies_built_elsewhere(facts: Facts) -> bool:
    """Dependencies are installed in a stage outside the final image, never inside it."""
    final = {stage.index for stage in final_stages(facts.dockerfile)}
    stages = [event.instruction.stage for event, _ in dependency_installs(facts)]
    return bool(stages) and not any(stage in final for stage in stages)


def manifests_bind_mounted(facts: Facts) -> bool:
    """Every dependency install reads its manifests through a RUN bind mount."""
    installs = list(dependency_installs(facts))
    return bool(installs) and all(
        install.manifests and all(bind_brings(event, m) for m in install.manifests)
        for event, install in installs
    )


def installer_cache_mounted(facts: Facts) -> bool:
    """Every pip/uv dependency install keeps its download cache in a cache mount."""
    installs = [(e, i) for e, i in dependency_installs(facts) if i.tool in CACHE_DIRS]
    return bool(installs) and all(
        mount_covers(event.instruction, _cache_dir(event, install)) for event, install in installs
    )


def _cache_dir(event: Event, install: Install) -> str:
    variable, default = CACHE_DIRS[install.tool]
    return absolute(install.env.get(variable, default), event.workdir)
