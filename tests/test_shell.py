"""The shell API over tree-sitter-bash: what a RUN script runs, where, and as written."""

from __future__ import annotations

from layerlab.analysis.shell import Command, Nest, parse_script


def commands(script: str) -> tuple[Command, ...]:
    return parse_script(script).commands


def named(script: str, program: str) -> Command:
    return next(c for c in commands(script) if c.program == program)


def test_commands_are_split_at_and_or_and_semicolons() -> None:
    found = commands("a && b || c; d")
    assert [(c.program, c.after) for c in found] == [
        ("a", ""),
        ("b", "&&"),
        ("c", "||"),
        ("d", ";"),
    ]


def test_a_new_line_separates_commands() -> None:
    assert [c.after for c in commands("a\nb")] == ["", "\n"]


def test_quotes_are_removed_and_variables_kept_as_written() -> None:
    assert named("pip install \"flask==$V\" 'a b'", "pip").words == (
        "pip",
        "install",
        "flask==$V",
        "a b",
    )


def test_leading_assignments_are_the_environment() -> None:
    command = named("DEBIAN_FRONTEND=noninteractive apt-get install -y gcc", "apt-get")
    assert command.env == (("DEBIAN_FRONTEND", "noninteractive"),)
    assert command.words[0] == "apt-get"


def test_wrappers_are_unwrapped() -> None:
    command = commands("sudo -E env A=1 nohup pip install x")[0]
    assert command.argv == ("pip", "install", "x")
    assert command.program == "pip"


def test_commands_inside_an_if_condition_know_it() -> None:
    test, install = commands("if [ -f r.txt ]; then pip install -r r.txt; fi")
    assert test.in_condition
    assert install.program == "pip" and not install.in_condition
    assert install.nesting == (Nest.BRANCH,)


def test_commands_in_elif_and_else_branches_are_read() -> None:
    script = "if a; then b; elif c; then apt-get install x; else pip install y; fi"
    assert {c.program for c in commands(script)} == {"a", "b", "c", "apt-get", "pip"}


def test_commands_in_loop_bodies_are_read() -> None:
    found = commands("for p in a b; do pip install $p; done; while read l; do echo $l; done")
    assert [(c.program, c.nesting) for c in found if c.program in ("pip", "echo")] == [
        ("pip", (Nest.LOOP,)),
        ("echo", (Nest.LOOP,)),
    ]


def test_while_conditions_are_conditions() -> None:
    assert named("while read line; do echo; done", "read").in_condition


def test_commands_in_case_branches_are_read() -> None:
    found = commands('case "$T" in linux/arm64) apt-get install -y a ;; *) pip install b ;; esac')
    assert [(c.program, c.nesting) for c in found] == [
        ("apt-get", (Nest.CASE,)),
        ("pip", (Nest.CASE,)),
    ]


def test_the_bar_between_case_patterns_is_not_a_pipe() -> None:
    script = parse_script('case "$T" in linux/arm64|linux/arm/v8) A=1 ;; esac')
    assert not script.has_pipe
    assert [c.after for c in script.commands] == [""]


def test_a_pipe_inside_a_quoted_substitution_is_a_pipe() -> None:
    script = parse_script("ARCH=\"$(dpkg --print-architecture | awk -F- '{print $NF}')\"")
    assert script.has_pipe
    assert script.pipelines[0].text == "dpkg --print-architecture | awk -F- '{print $NF}'"


def test_commands_inside_a_substitution_know_it() -> None:
    awk = named('ARCH="$(dpkg --print-architecture | awk -F- x)"', "awk")
    assert awk.in_substitution and awk.pipe_position == 1


def test_an_assignment_alone_is_a_command_with_its_environment() -> None:
    [assignment, *_] = commands('ARCH="$(uname -m)"')
    assert assignment.words == () and assignment.env == (("ARCH", "$(uname -m)"),)


def test_backtick_substitutions_are_read() -> None:
    assert named("echo `id -u`", "id").in_substitution


def test_pipeline_positions() -> None:
    found = commands("curl -fsSL u | tar x | wc")
    assert [(c.pipe_position, c.after) for c in found] == [(0, ""), (1, "|"), (2, "|")]
    assert not named("a || b", "b").in_pipeline


def test_subshells_and_groups_are_nested() -> None:
    found = commands("(cd /x && make) || { echo no; exit 1; }")
    assert [(c.program, c.nesting) for c in found] == [
        ("cd", (Nest.SUBSHELL,)),
        ("make", (Nest.SUBSHELL,)),
        ("echo", (Nest.GROUP,)),
        ("exit", (Nest.GROUP,)),
    ]


def test_a_backtick_comment_does_not_swallow_the_rest() -> None:
    script = "apt-get install -y gcc `# lxml needs this` libxml2-dev && rm -rf /var/lib/apt/lists/*"
    install, remove = commands(script)
    assert install.argv == ("apt-get", "install", "-y", "gcc", "libxml2-dev")
    assert remove.argv == ("rm", "-rf", "/var/lib/apt/lists/*")


def test_2_and_1_is_a_redirection_not_a_background_job() -> None:
    script = parse_script("pip freeze 2>&1 | grep x")
    pip = script.commands[0]
    assert not script.background
    assert [(r.descriptor, r.operator, r.target) for r in pip.redirects] == [("2", ">&", "1")]
    assert script.pipelines[0].text == "pip freeze 2>&1 | grep x"


def test_a_redirection_after_a_list_belongs_to_its_last_command() -> None:
    first, echo, _ = commands("a && echo hi 2>&1 | grep h")
    assert not first.redirects and echo.text == "echo hi 2>&1"


def test_the_source_text_is_kept_as_written() -> None:
    find = named("find . -name '*.pyc' -exec rm {} \\;", "find")
    assert find.text == "find . -name '*.pyc' -exec rm {} \\;"
    assert find.words[-1] == ";"


def test_an_ampersand_sends_to_the_background() -> None:
    assert parse_script("nginx & python app.py").background


def test_a_heredoc_body_is_not_read_as_commands() -> None:
    assert [c.program for c in commands("python - <<'PY'\nimport os\nPY\napt-get update")] == [
        "python",
        "apt-get",
    ]


def test_a_broken_script_yields_what_parses() -> None:
    script = parse_script('pip install x && echo "unterminated')
    assert not script.complete
    assert script.commands[0].argv == ("pip", "install", "x")


def test_deep_nesting_is_read_without_exhausting_the_stack() -> None:
    script = parse_script("(" * 5000 + "a" + ")" * 5000 + " && b")
    assert script.commands[-1].program == "b"


def test_pip_args_for_every_spelling_of_pip() -> None:
    for script in ("pip3.11 install x", "python3 -m pip install x", "uv pip install x"):
        assert commands(script)[0].pip_args == ["install", "x"]
