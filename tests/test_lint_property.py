"""lint() must survive anything typed into the editor: it runs on every keystroke."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from layerlab.lint import lint

KEYWORDS = [
    "FROM",
    "from",
    "RUN",
    "run",
    "COPY",
    "ADD",
    "ARG",
    "ENV",
    "WORKDIR",
    "USER",
    "CMD",
    "ENTRYPOINT",
    "HEALTHCHECK",
    "EXPOSE",
    "LABEL",
    "MAINTAINER",
    "ONBUILD",
    "SHELL",
    "STOPSIGNAL",
    "VOLUME",
    "Run",
    "ECHO",
]
FRAGMENTS = [
    "python:3.12-slim",
    "python:${PY:-3.12}",
    "$BASE",
    "AS",
    "as",
    "build",
    "0",
    "--from=build",
    "--from=0",
    "--from=python:3.12",
    "--mount=type=cache,target=/root/.cache/pip",
    "--platform=$BUILDPLATFORM",
    "--chown=app",
    "pip",
    "install",
    "--no-cache-dir",
    "-r",
    "requirements.txt",
    "apt-get",
    "update",
    "-y",
    "&&",
    "||",
    "|",
    ";",
    "(",
    ")",
    "cd",
    "/app",
    "app",
    ".",
    "./",
    "*",
    "/",
    "<<EOF",
    "<<-EOF",
    "<<'EOF'",
    '<<"EOF"',
    "<< EOF",
    "<<",
    "EOF",
    "\\",
    "`",
    '"',
    "'",
    '["python", "app.py"]',
    "[",
    "]",
    "#",
    "=",
    "KEY=value",
    "NONE",
    "root",
    "1000",
    "\t",
]
LINES = st.one_of(
    st.just(""),
    st.just("EOF"),
    st.just("\tEOF"),
    st.sampled_from(["# escape=`", "# syntax=docker/dockerfile:1", "# check=skip=all"]),
    st.builds("# {}".format, st.text(max_size=20)),
    st.builds(
        lambda keyword, words, tail: " ".join([keyword, *words]) + tail,
        st.sampled_from(KEYWORDS),
        st.lists(st.sampled_from(FRAGMENTS), max_size=6),
        st.sampled_from(["", " \\", "\\", " `", "  "]),
    ),
    st.text(max_size=30),
)
DOCKERFILE_ISH = st.builds(
    lambda lines, ending, newline: newline.join(lines) + ending,
    st.lists(LINES, max_size=25),
    st.sampled_from(["", "\n", "\r\n", "\\"]),
    st.sampled_from(["\n", "\r\n"]),
)
PROPERTY = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def line_count(text: str) -> int:
    """Lines as an editor shows them: CRLF, CR and LF all end a line."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines[-1] == "":
        lines.pop()
    return max(1, len(lines))


def assert_lints_in_range(text: str) -> None:
    last = line_count(text.removeprefix("\ufeff"))
    for finding in lint(text):
        assert 1 <= finding.line <= last, (finding, text)


@PROPERTY
@given(st.text())
def test_lint_never_raises_on_any_text(text: str) -> None:
    assert_lints_in_range(text)


@PROPERTY
@given(DOCKERFILE_ISH)
def test_lint_never_raises_on_dockerfile_like_text(text: str) -> None:
    assert_lints_in_range(text)
