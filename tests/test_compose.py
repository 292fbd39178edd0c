"""The Compose files of a build context, read line by line: which service builds which
Dockerfile, with what command and which bind mounts."""

from __future__ import annotations

from layerlab.analysis.compose import compose_services, read_yaml
from layerlab.context import BuildContext


def test_mappings_lists_and_scalars_read_as_yaml_does() -> None:
    text = (
        "services:  # the app\n"
        "  web:\n"
        '    command: ["uv", "run", "manage.py", "runserver"]\n'
        "    ports:\n"
        '      - "8000:8000"\n'
        "    volumes:\n"
        "    - .:/code\n"
        "    environment:\n"
        "      DEBUG: 'true'\n"
    )
    assert read_yaml(text) == {
        "services": {
            "web": {
                "command": ["uv", "run", "manage.py", "runserver"],
                "ports": ["8000:8000"],
                "volumes": [".:/code"],
                "environment": {"DEBUG": "true"},
            }
        }
    }


def test_an_anchor_merged_with_a_merge_key_gives_its_keys() -> None:
    text = (
        "x-app: &app\n  build: .\n  volumes:\n    - .:/app\n"
        "services:\n  server:\n    <<: *app\n    command: dev_server\n"
    )
    assert read_yaml(text)["services"]["server"] == {
        "build": ".",
        "volumes": [".:/app"],
        "command": "dev_server",
    }


def test_a_folded_block_and_a_long_volume_syntax_are_read() -> None:
    text = (
        "services:\n  web:\n    command: >\n      flask --app app run\n      --debug\n"
        "    volumes:\n      - type: bind\n        source: ./src\n        target: /app/src\n"
    )
    web = read_yaml(text)["services"]["web"]
    assert web["command"] == "flask --app app run --debug"
    assert web["volumes"] == [{"type": "bind", "source": "./src", "target": "/app/src"}]


def test_a_service_names_the_dockerfile_it_builds_relative_to_the_context() -> None:
    context = BuildContext.from_files(
        {
            "deploy/compose.yaml": "services:\n  api:\n    build:\n      context: ..\n"
            "      dockerfile: docker/Dockerfile.dev\n      target: dev\n"
            "    command: uvicorn app:app --reload\n    volumes:\n      - ../app:/srv/app\n"
            "  db:\n    image: postgres:16\n"
            "  outside:\n    build: ../../elsewhere\n",
        }
    )
    [api] = compose_services(context)
    assert (api.name, api.dockerfile, api.build_context, api.target) == (
        "api",
        "docker/Dockerfile.dev",
        ".",
        "dev",
    )
    assert api.mounts == ("app",)
    assert api.runs_dev_server()
    assert api.args == ()


def test_build_args_are_named_from_a_mapping_or_a_list() -> None:
    compose = "services:\n  a:\n    build:\n      context: .\n      args:\n{}"
    as_map = compose.format('        DEVEL: "yes"\n        CI: "no"\n')
    as_list = compose.format("        - DEVEL=yes\n        - CI\n")
    for text in (as_map, as_list):
        [service] = compose_services(BuildContext.from_files({"compose.yaml": text}))
        assert service.args == ("DEVEL", "CI")


def test_a_dev_server_is_runserver_reload_fastapi_dev_or_flask_debug() -> None:
    def runs_dev_server(command: str) -> bool:
        compose = f"services:\n  web:\n    build: .\n    command: {command}\n"
        [web] = compose_services(BuildContext.from_files({"compose.yml": compose}))
        return web.runs_dev_server()

    assert runs_dev_server("python manage.py runserver 0.0.0.0:8000")
    assert runs_dev_server("uvicorn app.main:app --reload")
    assert runs_dev_server("fastapi dev app/main.py")
    assert runs_dev_server("flask run --debug")
    assert not runs_dev_server("gunicorn -b :8000 app:app")
    assert not runs_dev_server("celery -A app worker --loglevel debug")


def test_only_a_mount_of_a_folder_holding_python_code_mounts_the_code() -> None:
    def mounts_code(volume: str) -> bool:
        compose = f"services:\n  web:\n    build: .\n    volumes:\n      - {volume}\n"
        context = BuildContext.from_files(
            {"compose.yml": compose, "app/views.py": "", "data/seed.json": ""}
        )
        [web] = compose_services(context)
        return web.mounts_code(context)

    assert mounts_code(".:/code")
    assert mounts_code("./app:/code/app")
    assert not mounts_code("./data:/data")
    assert not mounts_code("pgdata:/var/lib/postgresql/data")
