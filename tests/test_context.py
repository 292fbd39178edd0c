"""BuildContext follows Docker's .dockerignore and COPY source semantics."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from docker.utils.build import PatternMatcher
from hypothesis import given, settings
from hypothesis import strategies as st

from layerlab.context import BuildContext, read_dockerignore

FILES = {
    "Dockerfile": "FROM python:3.12-slim\n",
    "app.py": "print('hi')\n",
    "requirements.txt": "flask==3.0.0\n",
    "requirements-dev.txt": "pytest==8.0.0\n",
    "src/pkg/__init__.py": "",
    "src/pkg/views.py": "",
    "src/pkg/__pycache__/views.cpython-312.pyc": "",
    "__pycache__/app.cpython-312.pyc": "",
    "docs/guide.md": "",
    "docs/keep.md": "",
    ".git/HEAD": "ref: refs/heads/main\n",
    "secret.txt": "",
    "build/out.bin": "",
}


def context(dockerignore: str | None) -> BuildContext:
    files = dict(FILES)
    if dockerignore is not None:
        files[".dockerignore"] = dockerignore
    return BuildContext.from_files(files)


def test_without_dockerignore_nothing_is_ignored() -> None:
    ctx = context(None)
    assert ctx.dockerignore is None
    assert ctx.included == sorted(FILES)


def test_comments_and_blank_lines_are_not_patterns() -> None:
    assert context("# a comment\n\nsecret.txt\n").dockerignore == ["secret.txt"]


def test_a_leading_slash_in_a_pattern_is_irrelevant() -> None:
    assert context("/secret.txt\n").is_ignored("secret.txt")


def test_a_leading_dot_slash_in_a_pattern_is_irrelevant() -> None:
    assert context("./build\n").is_ignored("build/out.bin")


def test_a_trailing_slash_pattern_excludes_the_folder() -> None:
    ctx = context("build/\n")
    assert ctx.is_ignored("build")
    assert ctx.is_ignored("build/out.bin")


def test_a_folder_pattern_excludes_every_file_below_it() -> None:
    ctx = context(".git\n")
    assert ctx.is_ignored(".git/HEAD")
    assert ".git/HEAD" not in ctx.included


def test_a_star_pattern_matches_the_root_level_only() -> None:
    ctx = context("*.pyc\n")
    assert not ctx.is_ignored("src/pkg/__pycache__/views.cpython-312.pyc")


def test_double_star_matches_at_any_depth_including_the_root() -> None:
    ctx = context("**/__pycache__\n")
    assert ctx.is_ignored("__pycache__/app.cpython-312.pyc")
    assert ctx.is_ignored("src/pkg/__pycache__/views.cpython-312.pyc")
    assert not ctx.is_ignored("src/pkg/views.py")


def test_double_star_file_pattern_matches_at_any_depth() -> None:
    assert context("**/*.pyc\n").is_ignored("src/pkg/__pycache__/views.cpython-312.pyc")


def test_an_exception_re_includes_a_file_in_an_excluded_folder() -> None:
    ctx = context("docs\n!docs/keep.md\n")
    assert ctx.is_ignored("docs/guide.md")
    assert not ctx.is_ignored("docs/keep.md")


def test_the_last_matching_pattern_wins() -> None:
    ctx = context("!docs/keep.md\ndocs\n")
    assert ctx.is_ignored("docs/keep.md")


def test_an_allowlist_keeps_only_the_named_paths() -> None:
    ctx = context("*\n!src\n!requirements.txt\n")
    assert "src/pkg/views.py" in ctx.included
    assert "requirements.txt" in ctx.included
    assert "app.py" not in ctx.included


def test_queried_paths_are_normalised_like_copy_sources() -> None:
    ctx = context("secret.txt\n")
    assert ctx.is_ignored("/secret.txt")
    assert ctx.is_ignored("./secret.txt")
    assert not ctx.is_ignored(".")


def test_select_a_file() -> None:
    assert context(None).select("app.py") == ["app.py"]


def test_select_a_folder_with_or_without_slashes() -> None:
    ctx = context(None)
    expected = [
        "src/pkg/__init__.py",
        "src/pkg/__pycache__/views.cpython-312.pyc",
        "src/pkg/views.py",
    ]
    assert ctx.select("src") == expected
    assert ctx.select("./src/") == expected
    assert ctx.select("/src") == expected


def test_select_does_not_treat_a_name_prefix_as_a_folder() -> None:
    assert context(None).select("requirements") == []


def test_select_a_root_glob_does_not_descend() -> None:
    assert context(None).select("requirements*.txt") == ["requirements-dev.txt", "requirements.txt"]


def test_select_a_glob_in_a_folder_keeps_the_folder_level() -> None:
    assert context(None).select("src/*") == [
        "src/pkg/__init__.py",
        "src/pkg/__pycache__/views.cpython-312.pyc",
        "src/pkg/views.py",
    ]
    assert context(None).select("src/pkg/*.py") == ["src/pkg/__init__.py", "src/pkg/views.py"]


def test_select_the_whole_context_skips_ignored_files() -> None:
    ctx = context("secret.txt\n.git\n")
    selected = ctx.select(".")
    assert "secret.txt" not in selected
    assert ".git/HEAD" not in selected
    assert "app.py" in selected


def test_exists_counts_ignored_files_but_select_does_not() -> None:
    ctx = context("secret.txt\n")
    assert ctx.exists("secret.txt")
    assert ctx.select("secret.txt") == []


def test_a_glob_that_matches_nothing_does_not_exist() -> None:
    assert not context(None).exists("*.lock")


def test_from_dir_lists_files_with_posix_paths(tmp_path: Path) -> None:
    (tmp_path / "src" / "pkg").mkdir(parents=True)
    (tmp_path / "src" / "pkg" / "views.py").write_text("")
    (tmp_path / "empty").mkdir()
    (tmp_path / ".dockerignore").write_text("# comment\n.venv\n")
    ctx = BuildContext.from_dir(tmp_path)
    assert ctx.paths == [".dockerignore", "src/pkg/views.py"]
    assert ctx.dockerignore == [".venv"]
    assert ctx.read("src/pkg/views.py") == b""


@pytest.mark.parametrize(
    "dockerignore",
    [
        ".git\n",
        "**/__pycache__\n",
        "*.pyc\n**/*.md\n",
        "docs\n!docs/keep.md\n",
        "*\n!src\n!requirements*.txt\n",
        "/build/\n./secret.txt\nsrc/pkg/*.py\n",
        "src\n!src/pkg/views.py\n",
    ],
)
def test_included_files_are_what_the_docker_sdk_sends(tmp_path: Path, dockerignore: str) -> None:
    for name, text in {**FILES, ".dockerignore": dockerignore}.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    matcher = PatternMatcher(read_dockerignore(dockerignore))
    sent = sorted(
        path.replace(os.sep, "/")
        for path in matcher.walk(str(tmp_path))
        if (tmp_path / path).is_file()
    )
    assert BuildContext.from_dir(tmp_path).included == sent


NAMES = st.sampled_from(["a", "b", "src", "__pycache__", ".git", "x.pyc", "m.py"])
PATTERN_PARTS = st.sampled_from(["a", "b", "src", "__pycache__", ".git", "*", "**", "*.pyc", "m.*"])


@settings(max_examples=60, deadline=None)
@given(
    paths=st.lists(st.lists(NAMES, min_size=1, max_size=4).map("/".join), min_size=1, max_size=8),
    patterns=st.lists(
        st.tuples(st.booleans(), st.lists(PATTERN_PARTS, min_size=1, max_size=3)).map(
            lambda p: ("!" if p[0] else "") + "/".join(p[1])
        ),
        min_size=1,
        max_size=4,
    ),
)
def test_included_files_agree_with_the_docker_sdk_on_any_tree(
    tmp_path_factory: pytest.TempPathFactory, paths: list[str], patterns: list[str]
) -> None:
    root = tmp_path_factory.mktemp("ctx")
    files = [
        p for p in paths if not any(q.startswith(p + "/") for q in paths)
    ]  # no file/folder clash
    for name in files:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("")
    (root / ".dockerignore").write_text("\n".join(patterns) + "\n")
    matcher = PatternMatcher(patterns)
    sent = sorted(
        path.replace(os.sep, "/") for path in matcher.walk(str(root)) if (root / path).is_file()
    )
    assert BuildContext.from_dir(root).included == sent
