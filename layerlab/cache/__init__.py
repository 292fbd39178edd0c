"""Cache prediction: which steps a build would reuse, and why the others would run."""

from layerlab.cache.edits import code_edit, deps_edit
from layerlab.cache.plan import PlanError, plan
from layerlab.cache.simulate import BuildInput, CacheState, label, predict

__all__ = [
    "BuildInput",
    "CacheState",
    "PlanError",
    "code_edit",
    "deps_edit",
    "label",
    "plan",
    "predict",
]
