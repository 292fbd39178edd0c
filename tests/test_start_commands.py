"""What the final image runs at start: ENTRYPOINT, CMD, `sh -c` and the context's scripts."""

from __future__ import annotations

from layerlab.analysis import analyse
from layerlab.analysis.start import start_commands
from layerlab.context import BuildContext
from layerlab.dockerfile import parse


def started(text: str, files: dict[str, str] | None = None) -> list[tuple[tuple[str, ...], str]]:
    context = BuildContext.from_files(files) if files is not None else None
    return [(c.argv, c.where) for c in start_commands(analyse(parse(text)), context)]


def test_the_last_entrypoint_comes_before_the_last_cmd() -> None:
    text = 'FROM python:3.12-slim\nCMD ["a"]\nENTRYPOINT ["tini", "--"]\nCMD ["b"]\n'
    assert started(text) == [(("tini", "--"), "ENTRYPOINT"), (("b",), "CMD")]


def test_a_sh_c_script_is_read_as_its_commands() -> None:
    text = (
        "FROM python:3.12-slim\n"
        'CMD ["/usr/bin/env", "sh", "-c", "poetry run migrate && exec gunicorn app"]\n'
    )
    assert [argv for argv, _ in started(text)][1:] == [
        ("poetry", "run", "migrate"),
        ("gunicorn", "app"),
    ]


def test_an_entrypoint_script_from_the_context_is_read_when_the_context_is_known() -> None:
    text = (
        "FROM python:3.12-slim\nCOPY bin/ /usr/local/bin/\n"
        'ENTRYPOINT ["dumb-init", "--", "/usr/local/bin/start.sh"]\n'
    )
    files = {"bin/start.sh": "#!/bin/sh\n# uv run is not used\nuv run alembic upgrade head\n"}
    assert started(text) == [(("dumb-init", "--", "/usr/local/bin/start.sh"), "ENTRYPOINT")]
    assert started(text, files)[1:] == [(("uv", "run", "alembic", "upgrade", "head"), "`start.sh`")]


def test_a_python_file_the_command_runs_is_not_read_as_shell() -> None:
    text = 'FROM python:3.12-slim\nCOPY app.py /app/\nCMD ["python", "/app/app.py"]\n'
    files = {"app.py": "import subprocess\nsubprocess.run(['uv', 'sync'])\n"}
    assert started(text, files) == [(("python", "/app/app.py"), "CMD")]


def test_a_script_that_runs_its_arguments_hands_over_to_the_next_script() -> None:
    text = (
        "FROM python:3.12-slim\nCOPY docker/ /opt/app/\n"
        'CMD ["/opt/app/entrypoint.sh", "/opt/app/launch.sh"]\n'
    )
    files = {
        "docker/entrypoint.sh": '#!/bin/sh\n./manage.py migrate\nexec "$@"\n',
        "docker/launch.sh": "#!/bin/sh\nexec unitd --no-daemon --user unit\n",
    }
    assert [(argv, where) for argv, where in started(text, files)][1:] == [
        (("./manage.py", "migrate"), "`entrypoint.sh`"),
        (("$@",), "`entrypoint.sh`"),
        (("unitd", "--no-daemon", "--user", "unit"), "`launch.sh`"),
    ]


def test_a_script_that_does_not_run_its_arguments_is_the_last_one_read() -> None:
    text = 'FROM python:3.12-slim\nCOPY docker/ /opt/app/\nCMD ["/opt/app/a.sh", "/opt/app/b.sh"]\n'
    files = {"docker/a.sh": "#!/bin/sh\nexec gunicorn app\n", "docker/b.sh": "#!/bin/sh\nls\n"}
    assert [argv for argv, _ in started(text, files)][1:] == [("gunicorn", "app")]
