"""The parser's traps: each test is one way a real Dockerfile differs from the easy case."""

from __future__ import annotations

import pytest

from layerlab.dockerfile import Dockerfile, DockerfileInputError, Instruction, expand_vars, parse
from layerlab.lint import lint, lint_bytes


def only(dockerfile: Dockerfile, keyword: str) -> Instruction:
    [inst] = [i for i in dockerfile.instructions if i.keyword == keyword]
    return inst


def keywords(dockerfile: Dockerfile) -> list[str]:
    return [inst.keyword for inst in dockerfile.instructions]


def problems(dockerfile: Dockerfile) -> list[tuple[int, str]]:
    return [(p.line, p.code) for p in dockerfile.problems]


# --- encoding and line endings ---------------------------------------------------------


def test_a_utf8_bom_is_stripped_like_docker_does() -> None:
    dockerfile = parse("\ufeffFROM python:3.12-slim\nRUN true\n")
    assert keywords(dockerfile) == ["FROM", "RUN"]
    assert dockerfile.stages[0].image == "python:3.12-slim"
    assert dockerfile.problems == []


def test_crlf_line_endings_read_like_lf() -> None:
    dockerfile = parse("FROM python:3.12-slim\r\nRUN pip install \\\r\n    flask\r\n")
    run = only(dockerfile, "RUN")
    assert (run.start_line, run.end_line) == (2, 3)
    assert run.arguments.split() == ["pip", "install", "flask"]
    assert "\r" not in run.text


# --- parser directives -----------------------------------------------------------------


def test_escape_directive_makes_the_backtick_the_continuation() -> None:
    dockerfile = parse("# escape=`\nFROM mcr.microsoft.com/windows\nRUN dir `\n    C:\\\n")
    run = only(dockerfile, "RUN")
    assert dockerfile.escape == "`"
    assert (run.start_line, run.end_line) == (3, 4)
    assert run.arguments.split() == ["dir", "C:\\"]


def test_syntax_then_escape_directives_are_both_read() -> None:
    dockerfile = parse("# syntax=docker/dockerfile:1\n# escape=`\nFROM a\nRUN x `\n  y\n")
    assert dockerfile.directives == {"syntax": "docker/dockerfile:1", "escape": "`"}
    assert only(dockerfile, "RUN").arguments.split() == ["x", "y"]


def test_a_directive_after_an_instruction_is_a_plain_comment() -> None:
    dockerfile = parse("FROM a\n# escape=`\nRUN echo \\\n    b\n")
    assert dockerfile.directives == {}
    assert dockerfile.escape == "\\"
    assert only(dockerfile, "RUN").arguments.split() == ["echo", "b"]
    assert dockerfile.comments[2] == "escape=`"


def test_a_check_directive_does_not_hide_a_following_escape() -> None:
    dockerfile = parse("# check=skip=all\n# escape=`\nFROM a\nRUN dir `\n  c\n")
    assert dockerfile.escape == "`"
    assert only(dockerfile, "RUN").arguments.split() == ["dir", "c"]


def test_an_invalid_escape_character_is_a_parse_error() -> None:
    assert problems(parse("# escape=x\nFROM a\n")) == [(1, "LL001")]


# --- continuations ---------------------------------------------------------------------


def test_a_comment_inside_a_continuation_is_left_out_of_the_value() -> None:
    text = (
        "FROM a\nRUN pip install \\\n    # the web framework\n    flask \\\n    gunicorn\nCMD x\n"
    )
    dockerfile = parse(text)
    run = only(dockerfile, "RUN")
    assert (run.start_line, run.end_line) == (2, 5)
    assert run.arguments.split() == ["pip", "install", "flask", "gunicorn"]
    assert dockerfile.comments == {3: "the web framework"}
    assert [i.start_line for i in dockerfile.instructions] == [1, 2, 6]


def test_a_continuation_to_the_end_of_the_file_is_kept_and_reported() -> None:
    dockerfile = parse("FROM a\nRUN echo hi \\\n")
    assert only(dockerfile, "RUN").arguments == "echo hi"
    assert problems(dockerfile) == [(2, "LL001")]
    assert [f.line for f in lint("FROM a\nRUN echo hi \\\n") if f.code == "LL001"] == [2]


def test_blank_lines_inside_a_continuation_are_joined_and_reported() -> None:
    dockerfile = parse("FROM a\nRUN apt-get update && \\\n\n    apt-get upgrade -y\nUSER 1000\n")
    run = only(dockerfile, "RUN")
    assert (run.start_line, run.end_line) == (2, 4)
    assert run.arguments.split() == ["apt-get", "update", "&&", "apt-get", "upgrade", "-y"]
    assert keywords(dockerfile) == ["FROM", "RUN", "USER"]
    assert problems(dockerfile) == [(3, "LL002")]


def test_start_and_end_lines_of_a_multi_line_instruction() -> None:
    text = "FROM a\n\nRUN apt-get update \\\n && apt-get install -y \\\n      curl\n\nCMD x\n"
    run = only(parse(text), "RUN")
    assert (run.start_line, run.end_line) == (3, 5)
    assert run.text.splitlines()[0] == "RUN apt-get update \\"


# --- heredocs --------------------------------------------------------------------------


def test_run_heredoc_body_is_read_and_not_taken_for_instructions() -> None:
    dockerfile = parse("FROM a\nRUN <<EOF\napt-get update\napt-get upgrade -y\nEOF\nUSER 1\n")
    run = only(dockerfile, "RUN")
    assert keywords(dockerfile) == ["FROM", "RUN", "USER"]
    assert (run.start_line, run.end_line) == (2, 5)
    assert run.heredocs[0].body == "apt-get update\napt-get upgrade -y"
    assert "apt-get upgrade -y" in run.command
    assert dockerfile.problems == []


def test_copy_heredoc_writes_a_file_to_the_destination() -> None:
    copy = only(parse("FROM a\nCOPY <<EOF /app/settings.py\nDEBUG = False\nEOF\n"), "COPY")
    assert copy.arguments == "<<EOF /app/settings.py"
    assert (copy.heredocs[0].delimiter, copy.heredocs[0].body) == ("EOF", "DEBUG = False")


def test_dash_heredoc_strips_leading_tabs_and_accepts_a_tabbed_delimiter() -> None:
    run = only(parse("FROM a\nRUN <<-EOF\n\techo hi\n\t\techo there\n\tEOF\nUSER 1\n"), "RUN")
    assert run.heredocs[0].body == "echo hi\necho there"
    assert run.heredocs[0].strip_tabs
    assert run.end_line == 5


@pytest.mark.parametrize("marker", ["<<'EOF'", '<<"EOF"', "<< EOF", "3<<EOF"])
def test_quoted_spaced_and_numbered_heredoc_markers(marker: str) -> None:
    dockerfile = parse(f"FROM a\nRUN python3 {marker}\nprint('$HOME')\nEOF\nUSER 1\n")
    assert only(dockerfile, "RUN").heredocs[0].delimiter == "EOF"
    assert keywords(dockerfile) == ["FROM", "RUN", "USER"]


def test_several_heredocs_on_one_line_are_read_in_order() -> None:
    run = only(parse("FROM a\nRUN <<ONE bash && <<TWO sh\necho 1\nONE\necho 2\nTWO\n"), "RUN")
    assert [(h.delimiter, h.body, h.start_line, h.end_line) for h in run.heredocs] == [
        ("ONE", "echo 1", 3, 4),
        ("TWO", "echo 2", 5, 6),
    ]
    assert run.end_line == 6


def test_a_comment_and_instructions_right_after_a_heredoc() -> None:
    dockerfile = parse('FROM a\nRUN <<EOF\ntrue\nEOF\n# done\nCMD ["x"]\n')
    assert keywords(dockerfile) == ["FROM", "RUN", "CMD"]
    assert dockerfile.comments == {5: "done"}
    assert only(dockerfile, "CMD").start_line == 6


def test_a_quoted_double_angle_is_no_heredoc() -> None:
    dockerfile = parse('FROM a\nRUN echo "a << b"\nRUN echo $((1 << 2))\nUSER 1\n')
    assert keywords(dockerfile) == ["FROM", "RUN", "RUN", "USER"]
    assert dockerfile.problems == []


def test_an_unclosed_heredoc_is_reported_on_its_instruction() -> None:
    dockerfile = parse("FROM a\nRUN <<EOF\necho hi\n")
    assert problems(dockerfile) == [(2, "LL001")]
    assert only(dockerfile, "RUN").end_line == 3


def test_the_delimiter_must_match_the_whole_line_as_in_buildkit() -> None:
    assert problems(parse("FROM a\nRUN <<EOF\ntrue\nEOF \n")) == [(2, "LL001")]


# --- keywords and FROM -----------------------------------------------------------------


def test_lower_case_instructions_are_read_and_keep_their_spelling() -> None:
    dockerfile = parse("from python:3.12 as build\nrun pip wheel .\n")
    assert keywords(dockerfile) == ["FROM", "RUN"]
    assert [i.written_keyword for i in dockerfile.instructions] == ["from", "run"]
    assert dockerfile.stages[0].name == "build"


@pytest.mark.parametrize("as_word", ["AS", "as", "As"])
def test_from_as_names_the_stage_lower_cased(as_word: str) -> None:
    stage = parse(f"FROM python:3.12 {as_word} Builder\n").stages[0]
    assert (stage.name, stage.image) == ("builder", "python:3.12")


def test_from_platform_flag_is_a_flag_not_the_image() -> None:
    dockerfile = parse("FROM --platform=$BUILDPLATFORM python:3.12 AS build\n")
    assert only(dockerfile, "FROM").flag("platform") == "$BUILDPLATFORM"
    assert (dockerfile.stages[0].image, dockerfile.stages[0].name) == ("python:3.12", "build")


def test_arg_before_from_is_global_and_expands_in_from() -> None:
    text = (
        "ARG PY=3.12\nARG FLAVOUR\n"
        "FROM python:${PY}-slim AS a\nFROM python:$PY AS b\nFROM python:${FLAVOUR:-3.11} AS c\n"
    )
    dockerfile = parse(text)
    assert dockerfile.global_args == {"PY": "3.12", "FLAVOUR": None}
    assert [s.image for s in dockerfile.stages] == [
        "python:3.12-slim",
        "python:3.12",
        "python:3.11",
    ]
    assert [i.stage for i in dockerfile.instructions[:2]] == [-1, -1]
    assert dockerfile.problems == []


@pytest.mark.parametrize(
    ("text", "expanded"),
    [
        ("${SET:-x}", "1"),
        ("${EMPTY:-x}", "x"),
        ("${EMPTY-x}", ""),
        ("${UNSET-x}", "x"),
        ("${SET:+alt}", "alt"),
        ("${EMPTY:+alt}", ""),
        ("${EMPTY+alt}", "alt"),
        ("${NODEFAULT:-x}", "x"),
        ("py$SET-slim", "py1-slim"),
    ],
)
def test_variables_in_from_expand_as_the_shell_does(text: str, expanded: str) -> None:
    assert expand_vars(text, {"SET": "1", "EMPTY": "", "NODEFAULT": None}) == expanded


def test_from_an_earlier_stage_resolves_the_image_transitively() -> None:
    dockerfile = parse("FROM python:3.12-slim AS base\nFROM base AS deps\nFROM deps\n")
    assert [s.image for s in dockerfile.stages] == ["python:3.12-slim"] * 3
    assert [s.parent for s in dockerfile.stages] == [None, 0, 1]
    assert [s.base for s in dockerfile.stages] == ["python:3.12-slim", "base", "deps"]


def test_in_final_image_follows_from_but_not_copy_from() -> None:
    text = (
        "FROM python:3.12 AS build\nRUN pip wheel -w /w .\n"
        "FROM python:3.12-slim AS base\n"
        "FROM base AS final\nCOPY --from=build /w /w\n"
    )
    stages = parse(text).stages
    assert [(s.label, s.in_final_image) for s in stages] == [
        ("build", False),
        ("base", True),
        ("final", True),
    ]


# --- arguments -------------------------------------------------------------------------


def test_json_and_shell_forms() -> None:
    dockerfile = parse('FROM a\nCMD ["gunicorn", "app:app"]\nENTRYPOINT python -m app\n')
    assert only(dockerfile, "CMD").json_args == ["gunicorn", "app:app"]
    assert only(dockerfile, "ENTRYPOINT").json_args is None
    assert only(dockerfile, "ENTRYPOINT").command == "python -m app"


def test_run_mount_flags_are_parsed() -> None:
    text = (
        "FROM a\nRUN --mount=type=cache,target=/root/.cache/pip \\\n"
        "    --mount=type=bind,source=requirements.txt,target=/tmp/r.txt \\\n"
        "    pip install -r /tmp/r.txt\n"
    )
    run = only(parse(text), "RUN")
    assert [f.name for f in run.flags] == ["mount", "mount"]
    assert run.mounts() == [
        {"type": "cache", "target": "/root/.cache/pip"},
        {"type": "bind", "source": "requirements.txt", "target": "/tmp/r.txt"},
    ]
    assert run.arguments == "pip install -r /tmp/r.txt"


def test_healthcheck_none_and_a_final_bare_user_without_newline() -> None:
    dockerfile = parse("FROM a\nHEALTHCHECK NONE\nUSER")
    assert keywords(dockerfile) == ["FROM", "HEALTHCHECK", "USER"]
    assert only(dockerfile, "HEALTHCHECK").arguments == "NONE"
    assert only(dockerfile, "USER").arguments == ""
    assert only(dockerfile, "USER").start_line == 3


def test_unknown_instructions_are_kept_and_reported() -> None:
    dockerfile = parse("FROM a\nECHO hi\nRUN true\n")
    assert keywords(dockerfile) == ["FROM", "ECHO", "RUN"]
    assert problems(dockerfile) == [(2, "LL001")]


# --- limits ----------------------------------------------------------------------------


def test_empty_text_has_no_stages() -> None:
    dockerfile = parse("")
    assert (dockerfile.stages, dockerfile.instructions, dockerfile.problems) == ([], [], [])
    assert dockerfile.final_stage is None


def test_input_over_256_kb_raises_a_clear_error() -> None:
    with pytest.raises(DockerfileInputError, match=r"257 KB; LayerLab reads .* up to 256 KB"):
        parse("FROM a\n" + "#" * (256 * 1024))


def test_input_over_256_kb_is_one_lint_finding() -> None:
    [finding] = lint("FROM a\n" + "# padding\n" * 30000)
    assert (finding.code, finding.line) == ("LL001", 1)
    assert "256 KB" in finding.message


def test_non_utf8_bytes_are_one_finding_naming_the_line() -> None:
    [finding] = lint_bytes(b"FROM a\nRUN echo \xff\xfe\n")
    assert finding.code == "LL001"
    assert "line 2" in finding.message
