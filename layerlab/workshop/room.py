"""What the facilitator sees: per lesson, who passed and which findings the room still has.

The saved Dockerfiles are linted here, with each lesson's own build context, so the page only
draws numbers. Lint results are cached by (text, project): a poll every few seconds re-lints
only the Dockerfiles that changed since the last one.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from layerlab.lessons import Lesson
from layerlab.lint import lint
from layerlab.lint.registry import rules_by_code
from layerlab.sample_projects import ROOT as PROJECTS_ROOT
from layerlab.sample_projects import project_context
from layerlab.workshop.store import SavedText, Store

TOP = 5


@dataclass(frozen=True)
class RuleCount:
    """A rule and how many learners' Dockerfiles still trip it."""

    code: str
    name: str
    learners: int


@dataclass(frozen=True)
class LessonRoom:
    slug: str
    passed: int
    working: int  # learners with a saved Dockerfile for the lesson who have not passed it
    top: tuple[RuleCount, ...]  # among those still working on it


@dataclass(frozen=True)
class Room:
    learners: int
    lessons: tuple[LessonRoom, ...]
    top: tuple[RuleCount, ...]  # across lessons not yet passed: distinct learners per rule


@lru_cache(maxsize=4096)
def finding_codes(text: str, project: str | None = None) -> frozenset[str]:
    """The rule codes that fire on `text`, linted against the sample project when given."""
    context = project_context(PROJECTS_ROOT / project) if project else None
    return frozenset(finding.code for finding in lint(text, context=context))


def rule_counts(codes_by_learner: dict[int, set[str]], top: int = TOP) -> tuple[RuleCount, ...]:
    """The `top` rules tripped by the most learners; ties in code order, for a stable table."""
    counts = Counter(code for codes in codes_by_learner.values() for code in codes)
    names = rules_by_code()
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:top]
    return tuple(
        RuleCount(code, names[code].name if code in names else code, n) for code, n in ranked
    )


def summarize(
    texts: Iterable[SavedText],
    passes: Collection[tuple[int, str]],
    lessons: Sequence[Lesson],
    learners: int,
    top: int = TOP,
) -> Room:
    """The room from saved texts and (learner, scope) passes; unknown scopes are ignored.

    Passed and working are disjoint: a learner who passed a lesson is done with it, whatever
    their saved text still trips, so it counts neither as working nor in the findings.
    """
    by_slug = {lesson.slug: lesson for lesson in lessons}
    per_lesson: dict[str, dict[int, set[str]]] = defaultdict(dict)
    everyone: dict[int, set[str]] = defaultdict(set)
    passed = Counter(scope for _, scope in passes)
    for saved in texts:
        lesson = by_slug.get(saved.scope)
        if lesson is None or (saved.learner, saved.scope) in passes:
            continue
        codes = set(finding_codes(saved.text, lesson.project))
        per_lesson[saved.scope][saved.learner] = codes
        everyone[saved.learner] |= codes
    rooms = tuple(
        LessonRoom(
            slug=lesson.slug,
            passed=passed[lesson.slug],
            working=len(per_lesson[lesson.slug]),
            top=rule_counts(per_lesson[lesson.slug], top),
        )
        for lesson in lessons
    )
    return Room(learners=learners, lessons=rooms, top=rule_counts(everyone, top))


def room(store: Store, lessons: Sequence[Lesson], top: int = TOP) -> Room:
    return summarize(store.all_texts(), store.all_passes(), lessons, store.learner_count(), top)
