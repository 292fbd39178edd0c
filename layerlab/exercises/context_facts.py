"""What an answer brings in from the build context, after the context's .dockerignore."""

from __future__ import annotations

from layerlab.analysis.copies import copy_of
from layerlab.cache.plan import PlanError, needed_stages, target_stage
from layerlab.context import BuildContext
from layerlab.dockerfile import Dockerfile


def copied_from_context(dockerfile: Dockerfile, context: BuildContext) -> set[str]:
    """Context files a COPY/ADD of the stages the image needs puts into a layer."""
    try:
        stages = needed_stages(dockerfile, target_stage(dockerfile, None))
    except PlanError:
        return set()
    found: set[str] = set()
    for stage in stages:
        for inst in stage.instructions:
            copy = copy_of(inst)
            if copy is None or not copy.from_context:
                continue
            for source in copy.sources:
                if "://" not in source:
                    found.update(context.select(source))
    return found
