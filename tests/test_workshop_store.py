"""The workshop store and the room summary: nothing lost under load, codes that resume."""

from __future__ import annotations

import math
import sqlite3
import threading
from pathlib import Path

import pytest

from layerlab.lessons import Lesson, load_lessons
from layerlab.workshop.config import PASSCODE_ENV, passcode_matches
from layerlab.workshop.room import finding_codes, room, rule_counts, summarize
from layerlab.workshop.store import (
    CODE_ALPHABET,
    DB_ENV,
    NicknameError,
    NicknameTaken,
    SavedText,
    Store,
    db_path,
    normalize_code,
)

BAD = "FROM python:3.11\nCOPY . .\nRUN pip install -r requirements.txt\n"


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "workshop.sqlite")


def test_the_database_runs_in_wal_mode(store: Store) -> None:
    assert store._read("PRAGMA journal_mode")[0][0] == "wal"


def test_the_path_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(DB_ENV, "/srv/room.sqlite")
    assert db_path() == Path("/srv/room.sqlite")


def test_the_default_path_needs_no_setup(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(DB_ENV, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    Store().register("ann")
    assert (tmp_path / "layerlab" / "workshop.sqlite").is_file()


def test_every_write_from_many_threads_lands(store: Store) -> None:
    threads, writes = 20, 200
    learners = [store.register(f"learner-{n}")[0].id for n in range(threads)]
    errors: list[BaseException] = []

    def hammer(learner: int) -> None:
        try:
            for n in range(writes):
                store.save_text(learner, f"scope-{n}", f"text {learner} {n}")
                if n % 20 == 0:
                    store.mark_passed(learner, f"scope-{n}")
        except BaseException as exc:  # reported below, with the thread's error
            errors.append(exc)

    workers = [threading.Thread(target=hammer, args=(learner,)) for learner in learners]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert errors == []
    saved = store.all_texts()
    assert len(saved) == threads * writes
    assert {(s.learner, s.scope, s.text) for s in saved} == {
        (learner, f"scope-{n}", f"text {learner} {n}")
        for learner in learners
        for n in range(writes)
    }
    assert all(len(store.passed(learner)) == writes // 20 for learner in learners)


def test_two_connections_see_each_others_writes(tmp_path: Path) -> None:
    first, second = Store(tmp_path / "db.sqlite"), Store(tmp_path / "db.sqlite")
    learner, _ = first.register("ann")
    second.save_text(learner.id, "01-cache", "FROM python:3.12-slim\n")
    first.mark_passed(learner.id, "01-cache")
    assert first.texts(learner.id) == {"01-cache": "FROM python:3.12-slim\n"}
    assert second.passed(learner.id) == {"01-cache"}


def test_a_locked_database_is_retried(store: Store, tmp_path: Path) -> None:
    learner, _ = store.register("ann")
    blocker = sqlite3.connect(store.path, isolation_level=None, check_same_thread=False)
    blocker.execute("BEGIN IMMEDIATE")
    timer = threading.Timer(0.3, lambda: blocker.execute("COMMIT"))
    timer.start()
    store.save_text(learner.id, "playground", "FROM scratch\n")
    timer.join()
    assert store.texts(learner.id) == {"playground": "FROM scratch\n"}


def test_resume_with_nickname_and_code(store: Store) -> None:
    learner, code = store.register("Ann")
    assert store.resume("ann", code.lower()) == learner
    assert store.by_token(learner.token) == learner


def test_a_wrong_code_does_not_resume(store: Store) -> None:
    _, code = store.register("ann")
    assert store.resume("ann", "WRONG1") is None
    assert store.resume("bob", code) is None


def test_the_code_carries_at_least_40_bits_and_is_not_stored(store: Store) -> None:
    _, code = store.register("ann")
    symbols = normalize_code(code)
    assert len(symbols) * math.log2(len(CODE_ALPHABET)) >= 40
    assert set(symbols) <= set(CODE_ALPHABET)
    assert code not in repr(store._read("SELECT * FROM learners"))
    assert symbols not in repr(store._read("SELECT * FROM learners"))


def test_a_code_resumes_typed_without_its_dash(store: Store) -> None:
    learner, code = store.register("ann")
    assert store.resume("ann", " " + code.replace("-", " ").lower()) == learner


def test_a_taken_nickname_is_refused(store: Store) -> None:
    store.register("ann")
    with pytest.raises(NicknameTaken):
        store.register(" ANN ")


@pytest.mark.parametrize("nickname", ["", "   ", "x" * 33, "a\x1bb"])
def test_unusable_nicknames_are_refused(store: Store, nickname: str) -> None:
    with pytest.raises(NicknameError):
        store.register(nickname)


def test_the_latest_announcement_wins(store: Store) -> None:
    assert store.announcement() is None
    first = store.announce("01-cache")
    second = store.announce("02-context")
    assert store.announcement() == second
    assert second.id > first.id
    assert store.announce(None).scope is None


def test_the_passcode_must_match_exactly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(PASSCODE_ENV, "s3cret")
    assert passcode_matches("s3cret")
    assert not passcode_matches("s3cre")
    assert not passcode_matches("")


def test_no_passcode_means_no_facilitator(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(PASSCODE_ENV, raising=False)
    assert not passcode_matches("")


# The room summary


def lesson_with_exercise() -> Lesson:
    return next(lesson for lesson in load_lessons() if lesson.exercise is not None)


def test_rules_are_ranked_by_learners() -> None:
    counts = rule_counts({1: {"LL101", "LL102"}, 2: {"LL101"}, 3: {"LL101", "LL103"}}, top=2)
    assert [(c.code, c.learners) for c in counts] == [("LL101", 3), ("LL102", 1)]


def test_the_room_counts_learners_per_rule_once() -> None:
    lesson = lesson_with_exercise()
    texts = [SavedText(1, lesson.slug, BAD), SavedText(2, lesson.slug, BAD)]
    summary = summarize(texts, set(), [lesson], learners=2)
    (here,) = summary.lessons
    assert here.working == 2
    expected = finding_codes(BAD, lesson.project)
    assert {c.code for c in here.top} <= expected
    assert all(c.learners == 2 for c in here.top)


def test_a_learner_who_passed_no_longer_counts_as_working() -> None:
    lesson = lesson_with_exercise()
    texts = [SavedText(1, lesson.slug, BAD), SavedText(2, lesson.slug, BAD)]
    summary = summarize(texts, {(1, lesson.slug)}, [lesson], learners=2)
    (here,) = summary.lessons
    assert (here.passed, here.working) == (1, 1)
    assert all(c.learners == 1 for c in here.top)


def test_a_clean_dockerfile_adds_no_findings() -> None:
    lesson = lesson_with_exercise()
    exercise = lesson.exercise
    assert exercise is not None
    solution_codes = finding_codes(exercise.solution, lesson.project)
    summary = summarize([SavedText(1, lesson.slug, exercise.solution)], set(), [lesson], 1)
    assert {c.code for c in summary.lessons[0].top} == set(solution_codes)


def test_playground_texts_are_not_a_lesson(store: Store) -> None:
    learner, _ = store.register("ann")
    store.save_text(learner.id, "playground", BAD)
    summary = room(store, [lesson_with_exercise()])
    assert summary.learners == 1
    assert summary.top == ()
