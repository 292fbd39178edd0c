"""One analysis per Dockerfile: `analyse(dockerfile) -> Facts`, shared by rules and the cache
predictor (shell, installs per tool, copies, stage events, releases, layer paths)."""

from layerlab.analysis.facts import Facts, analyse

__all__ = ["Facts", "analyse"]
