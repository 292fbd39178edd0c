"""The apt-get/apk reader and the layer-file helpers the OS-package and size rules share."""

from __future__ import annotations

import pytest

from layerlab.analysis import analyse
from layerlab.analysis.installs.system import (
    PackageCommand,
    bare_name,
    is_debian_based,
    package_command,
)
from layerlab.analysis.layer_paths import APT_LISTS, clears, deleted_paths, resolve
from layerlab.analysis.releases import parse_image
from layerlab.analysis.shell import parse_script
from layerlab.dockerfile import parse


def read(script: str) -> PackageCommand:
    item = package_command(parse_script(script).commands[0])
    assert item is not None
    return item


def test_install_options_and_packages_are_told_apart() -> None:
    item = read("apt-get -o Dpkg::Options::=--force-confdef install -y gcc libpq-dev")
    assert (item.action, item.packages) == ("install", ("gcc", "libpq-dev"))
    assert item.is_install and item.assumes_yes


@pytest.mark.parametrize("flag", ["-y", "--yes", "--assume-yes", "-yq", "-qq", "-q=2"])
def test_every_spelling_of_yes_counts(flag: str) -> None:
    assert read(f"apt-get install {flag} curl").assumes_yes


def test_a_single_q_is_not_yes() -> None:
    assert not read("apt-get install -q curl").assumes_yes


@pytest.mark.parametrize(
    "options",
    ["--no-install-recommends", "-o APT::Install-Recommends=false", "-oAPT::Install-Recommends=0"],
)
def test_no_recommends_as_flag_or_config(options: str) -> None:
    assert read(f"apt-get install -y {options} curl").no_recommends


def test_wrappers_and_paths_are_seen_through() -> None:
    item = read("DEBIAN_FRONTEND=noninteractive sudo /usr/bin/apt-get upgrade -y")
    assert item.is_upgrade and item.manager == "apt-get"


def test_apk_virtual_group_is_read() -> None:
    item = read("apk add --no-cache --virtual .build-deps gcc musl-dev")
    assert item.is_install and item.virtual_name == ".build-deps"
    assert item.packages == ("gcc", "musl-dev")


def test_other_programs_are_not_package_commands() -> None:
    assert package_command(parse_script("echo apt-get install gcc").commands[0]) is None


def test_versions_and_architectures_are_stripped_from_names() -> None:
    assert [bare_name(p) for p in ("gcc=4:12.2.0-3", "libc6:amd64", "py3-pip~=23")] == [
        "gcc",
        "libc6",
        "py3-pip",
    ]


@pytest.mark.parametrize(
    ("image", "debian"),
    [
        ("python:3.12-slim", True),
        ("python:3.12", True),
        ("node:20-bookworm-slim", True),
        ("python:3.12-alpine", False),
        ("gcr.io/distroless/python3-debian12", False),
        ("alpine:3.20", False),
    ],
)
def test_debian_based_images(image: str, debian: bool) -> None:
    assert is_debian_based(parse_image(image)) is debian


def test_relative_deletes_follow_workdir_and_cd() -> None:
    commands = parse_script("rm big.tar && cd /tmp && rm -rf build/*").commands
    assert [d.path for d in deleted_paths(commands, cwd="/app")] == ["/app/big.tar", "/tmp/build/*"]


def test_cleanup_commands_name_what_they_delete() -> None:
    commands = parse_script("apt-get clean && pip cache purge && rm -rf ~/.cache").commands
    paths = [d.path for d in deleted_paths(commands, cwd="/")]
    assert paths == ["/var/cache/apt/archives", "/root/.cache/pip", "/root/.cache"]


def test_a_path_with_an_unknown_variable_is_not_resolved() -> None:
    assert resolve("$APP_HOME/x", "/app", "/root") is None


@pytest.mark.parametrize(
    "deleted", ["/var/lib/apt/lists/*", "/var/lib/apt/lists", "/var/lib/apt", "/var/lib/apt/*"]
)
def test_deleting_the_lists_or_an_ancestor_clears_them(deleted: str) -> None:
    assert clears(deleted, APT_LISTS)


def test_deleting_part_of_the_lists_does_not_clear_them() -> None:
    assert not clears("/var/lib/apt/lists/partial", APT_LISTS)


def test_run_commands_are_parsed_once_per_analysis() -> None:
    facts = analyse(parse("FROM python:3.12-slim\nRUN apt-get update\n"))
    run = facts.dockerfile.stages[0].instructions[1]
    assert facts.commands(run) is facts.commands(run)
