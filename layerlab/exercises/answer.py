"""The answer under check: the learner's text, parsed once, with its findings and context."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from layerlab.analysis import Facts, analyse
from layerlab.context import BuildContext
from layerlab.dockerfile import Dockerfile, DockerfileInputError, parse
from layerlab.lint import Finding
from layerlab.sample_projects import SampleProject


@dataclass(frozen=True)
class Answer:
    text: str
    findings: tuple[Finding, ...]
    project: SampleProject | None = None  # the lesson's sample project: the build context

    @cached_property
    def dockerfile(self) -> Dockerfile | None:
        """The parsed text, or None when Docker could not read it (LL001 says why)."""
        try:
            dockerfile = parse(self.text)
        except DockerfileInputError:
            return None
        return dockerfile if dockerfile.stages else None

    @cached_property
    def facts(self) -> Facts | None:
        """What the checks read of the answer, analysed once."""
        return analyse(self.dockerfile) if self.dockerfile is not None else None

    @cached_property
    def codes(self) -> frozenset[str]:
        return frozenset(finding.code for finding in self.findings)

    @property
    def context(self) -> BuildContext | None:
        return self.project.context() if self.project is not None else None
