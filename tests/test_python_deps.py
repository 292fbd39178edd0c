"""The reader of Python installs behind LL101, LL206, LL208, LL209, LL602 and LL603."""

from __future__ import annotations

import pytest

from layerlab.analysis import analyse
from layerlab.analysis.installs import Install, Kind
from layerlab.analysis.installs.requirements import requirement_pinned
from layerlab.context import BuildContext
from layerlab.dockerfile import parse
from layerlab.lint import lint


def installs(run: str, before: str = "WORKDIR /app\n") -> list[Install]:
    dockerfile = parse(f"FROM python:3.12-slim\n{before}RUN {run}\n")
    return [i for event in analyse(dockerfile).events[-1] for i in event.installs]


def only(run: str, before: str = "WORKDIR /app\n") -> Install:
    [install] = installs(run, before)
    return install


def codes(text: str) -> list[tuple[int, str]]:
    return [(f.line, f.code) for f in lint(text)]


@pytest.mark.parametrize(
    ("run", "tool", "kind"),
    [
        ("pip install -r requirements.txt", "pip", Kind.DEPS),
        ("pip3 install --requirement=requirements.txt", "pip", Kind.DEPS),
        ("python -m pip install -e .", "pip", Kind.DEPS),
        ("/opt/venv/bin/pip install ./lib", "pip", Kind.DEPS),
        ("pip install --no-deps .", "pip", Kind.PROJECT_ONLY),
        ("pip install --upgrade pip setuptools wheel", "pip", Kind.TOOL_ONLY),
        ("pip install pipenv==2024.0.1", "pip", Kind.TOOL_ONLY),
        ("pip install flask==3.0.3", "pip", Kind.PACKAGES),
        ("pip install /wheels/*", "pip", Kind.LOCAL),
        ("pip install $PACKAGES", "pip", Kind.OTHER),
        ("pipenv install --system --deploy", "pipenv", Kind.DEPS),
        ("python -m pipenv sync", "pipenv", Kind.DEPS),
        ("pipenv install requests", "pipenv", Kind.PACKAGES),
        ("poetry install --no-root", "poetry", Kind.DEPS),
        ("poetry install --only-root", "poetry", Kind.PROJECT_ONLY),
        ("uv sync --locked", "uv", Kind.DEPS),
        ("uv pip install -r requirements.txt", "uv", Kind.DEPS),
        ("uv pip sync requirements.txt", "uv", Kind.DEPS),
        ("pip-sync requirements.txt", "pip-sync", Kind.DEPS),
        ("conda env create -f environment.yml", "conda", Kind.DEPS),
        ("pipx install poetry", "pipx", Kind.TOOL_ONLY),
    ],
)
def test_each_install_form_is_read_with_its_tool_and_kind(run: str, tool: str, kind: Kind) -> None:
    install = only(run)
    assert (install.tool, install.kind) == (tool, kind)


def test_commands_that_only_mention_pip_are_not_installs() -> None:
    assert installs("echo 'pip install flask' && pip --version && pip freeze > req.txt") == []


def test_manifests_resolve_against_workdir_and_cd() -> None:
    install = only("cd sub && pip install -r requirements.txt")
    assert install.manifests == ("/app/sub/requirements.txt",)


def test_a_project_install_reads_the_project_metadata() -> None:
    install = only("pip install -e .")
    assert install.project == "/app"
    assert "/app/pyproject.toml" in install.manifests


@pytest.mark.parametrize(
    "run", ["pip install -qr r.txt", "pip install -Ur r.txt", "pip install -rr.txt"]
)
def test_short_option_clusters_keep_the_requirements_file(run: str) -> None:
    install = only(run)
    assert (install.kind, install.written, install.packages) == (Kind.DEPS, ("r.txt",), ())


def test_uv_global_options_before_pip_still_count() -> None:
    assert only("uv --no-cache pip install flask==3.0.3").no_cache


def test_an_install_inside_an_if_is_read() -> None:
    install = only('if [ "$DEV" = 1 ]; then pip install -r requirements-dev.txt; fi')
    assert install.dev == "`requirements-dev.txt`"


@pytest.mark.parametrize(
    "run",
    [
        "pip install --no-cache-dir flask==3.0.3",
        "pip --no-cache-dir install flask==3.0.3",
        "PIP_NO_CACHE_DIR=1 pip install flask==3.0.3",
        "export PIP_NO_CACHE_DIR=off && pip install flask==3.0.3",
    ],
)
def test_pip_cache_is_disabled_by_flag_or_variable(run: str) -> None:
    assert only(run).no_cache


def test_pip_cache_variable_comes_from_env_of_the_parent_stage() -> None:
    dockerfile = parse(
        "FROM python:3.12-slim AS base\nENV PIP_NO_CACHE_DIR=1\n"
        "FROM base\nRUN pip install flask==3.0.3\n"
    )
    [install] = [i for e in analyse(dockerfile).events[1] for i in e.installs]
    assert install.no_cache


@pytest.mark.parametrize(
    ("run", "dev"),
    [
        ("pipenv install --system --deploy --dev", True),
        ("pipenv install --system --deploy", False),
        ("poetry install", True),
        ("poetry install --only main", False),
        ("poetry install --without dev", False),
        ("uv sync --locked", True),
        ("uv sync --locked --no-dev", False),
        ("pip install -r requirements/test.txt", True),
        ("pip install -r dev-requirements.txt", True),
        ("pip install -r requirements-devices.txt", False),
        ("pip install -e .[dev]", True),
        ("pip install -r requirements/production.txt", False),
    ],
)
def test_development_dependencies_are_recognised(run: str, dev: bool) -> None:
    assert (only(run).dev is not None) == dev


@pytest.mark.parametrize(
    ("run", "locked"),
    [
        ("pipenv install --system", False),
        ("pipenv install --system --deploy", True),
        ("pipenv install --ignore-pipfile", True),
        ("pipenv sync", True),
        ("uv sync", False),
        ("uv sync --frozen", True),
        ("UV_LOCKED=1 uv sync", True),
    ],
)
def test_lock_enforcement_is_read(run: str, locked: bool) -> None:
    assert only(run).locked == locked


@pytest.mark.parametrize(
    ("spec", "pinned"),
    [
        ("flask", False),
        ("flask==3.0.3", True),
        ("Django>=4.2,<5", True),
        ("httpx[http2]~=0.27", True),
        ("flask; python_version < '3.13'", False),
        ("app @ https://example.com/app-1.0.tar.gz", True),
        ("git+https://github.com/a/b.git", False),
        ("git+https://github.com/a/b.git@v1.2", True),
        ("git+ssh://git@github.com/a/b.git", False),
    ],
)
def test_requirement_pinning(spec: str, pinned: bool) -> None:
    assert requirement_pinned(spec) == pinned


def test_ll101_names_the_copy_line_in_its_message() -> None:
    [finding] = [
        f
        for f in lint("FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install -r r.txt\n")
        if f.code == "LL101"
    ]
    assert "`COPY . .` (line 3)" in finding.message
    assert "every code edit re-runs it" in finding.message


def test_ll101_reports_a_parent_stage_install_once() -> None:
    text = (
        "FROM python:3.12-slim AS base\nWORKDIR /app\nCOPY . .\nRUN pip install -r r.txt\n"
        "FROM base AS dev\nRUN echo dev\nFROM base AS prod\nRUN echo prod\n"
    )
    assert [line for line, code in codes(text) if code == "LL101"] == [4]


def test_ll101_uses_the_context_to_tell_folders_from_files() -> None:
    context = BuildContext.from_files({"deps/requirements.txt": "", ".dockerignore": ""})
    text = "FROM python:3.12-slim\nCOPY deps /app/\nRUN pip install -r /app/requirements.txt\n"
    assert [f for f in lint(text, context=context) if f.code == "LL101"] == []


def test_ll206_hadolint_code_only_where_hadolint_reads_pip() -> None:
    text = "FROM python:3.12-slim\nRUN pip install flask==3\nRUN /opt/venv/bin/pip install a==1\n"
    found = {f.line: f.hadolint for f in lint(text) if f.code == "LL206"}
    assert found == {2: "DL3042", 3: None}


def test_pip_install_group_reads_the_dependency_group_from_pyproject() -> None:
    install = only("pip install --no-cache-dir --group docker")
    assert install.kind is Kind.DEPS and install.manifests == ("/app/pyproject.toml",)


def test_the_project_installed_after_its_dependency_group_is_not_ll101() -> None:
    text = (
        "FROM python:3.12-slim\nWORKDIR /app\nCOPY pyproject.toml .\n"
        "RUN pip install --no-cache-dir --group main\nCOPY src src\n"
        "RUN pip install --no-cache-dir .\n"
    )
    assert "LL101" not in {code for _, code in codes(text)}
