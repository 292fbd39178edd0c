"""Exercise checks: whether an answer does what its lesson teaches, judged by effect.

Lint codes, the cache predictor's verdict, facts of the final image and of the build
context; text patterns only where the text itself is the lesson. The app's lesson page and
`layerlab exercise check` both call `check_answer`.
"""

from layerlab.exercises.answer import Answer
from layerlab.exercises.checks import CheckResult, passed, run_checks
from layerlab.exercises.manifest import Exercise, LessonError, read_exercise

__all__ = [
    "Answer",
    "CheckResult",
    "Exercise",
    "LessonError",
    "passed",
    "read_exercise",
    "run_checks",
]
