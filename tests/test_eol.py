"""The end-of-life table and the tag reading behind LL201, LL301-LL305 (days pinned)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from layerlab.analysis.releases import (
    DEBIAN_BY_CODENAME,
    DEBIAN_RELEASES,
    PYTHON_END_OF_LIFE,
    debian_release,
    ended_debian,
    ended_python,
    is_alpine_python,
    is_full_python,
    parse_image,
    python_version,
    slim_tag,
    stage_image,
    supported_debian,
)
from layerlab.dockerfile import parse
from layerlab.lint import lint


@pytest.mark.parametrize(
    ("reference", "version"),
    [
        ("python:3.11-slim-bookworm", (3, 11)),
        ("python:3.9-buster", (3, 9)),
        ("python:3.12.4-slim", (3, 12)),
        ("python:3.13.0rc2-slim", (3, 13)),
        ("python:3-slim", None),
        ("python:2", (2, 7)),
        ("python:slim", None),
        ("python", None),
        ("docker.io/library/python:3.8", (3, 8)),
        ("public.ecr.aws/docker/library/python:3.7-alpine", (3, 7)),
        ("python:3.12-slim@sha256:" + "a" * 64, (3, 12)),
        ("bitnami/python:3.8", None),
    ],
)
def test_python_version_read_from_the_tag(reference: str, version: tuple[int, int]) -> None:
    assert python_version(parse_image(reference)) == version


@pytest.mark.parametrize(
    ("reference", "codename"),
    [
        ("python:3.11-slim-bookworm", "bookworm"),
        ("python:3.9-buster", "buster"),
        ("debian:buster-slim", "buster"),
        ("debian:buster-20240612-slim", "buster"),
        ("debian:10", "buster"),
        ("debian:11.9-slim", "bullseye"),
        ("docker.io/library/debian:9", "stretch"),
        ("node:16-stretch-slim", "stretch"),
        ("gcr.io/distroless/python3-debian11", "bullseye"),
        ("dhi.io/python:3.12.12-debian13-fips-dev", "trixie"),
        ("python:3.12-slim", None),
        ("python:3.12", None),
        ("alpine:3.20", None),
        ("myapp:10", None),
    ],
)
def test_debian_release_read_from_the_tag(reference: str, codename: str | None) -> None:
    release = debian_release(parse_image(reference))
    assert (release.codename if release else None) == codename


@pytest.mark.parametrize(
    ("codename", "last_supported_day"),
    [
        ("jessie", date(2020, 6, 29)),
        ("stretch", date(2022, 6, 29)),
        ("buster", date(2024, 6, 29)),
        ("bullseye", date(2026, 8, 30)),
        ("bookworm", date(2028, 6, 29)),
        ("trixie", date(2030, 6, 29)),
    ],
)
def test_debian_release_ends_on_its_lts_end(codename: str, last_supported_day: date) -> None:
    image = parse_image(f"debian:{codename}-slim")
    assert ended_debian(image, last_supported_day) is None
    ended = ended_debian(image, date.fromordinal(last_supported_day.toordinal() + 1))
    assert ended is not None and ended.codename == codename


@pytest.mark.parametrize(
    ("version", "end_of_life"),
    [
        ("2.7", date(2020, 1, 1)),
        ("3.5", date(2020, 9, 30)),
        ("3.6", date(2021, 12, 23)),
        ("3.7", date(2023, 6, 27)),
        ("3.8", date(2024, 10, 7)),
        ("3.9", date(2025, 10, 31)),
        ("3.10", date(2026, 10, 31)),
        ("3.11", date(2027, 10, 31)),
        ("3.12", date(2028, 10, 31)),
        ("3.13", date(2029, 10, 31)),
        ("3.14", date(2030, 10, 31)),
    ],
)
def test_python_ends_on_its_end_of_life(version: str, end_of_life: date) -> None:
    image = parse_image(f"python:{version}-slim")
    assert ended_python(image, date.fromordinal(end_of_life.toordinal() - 1)) is None
    ended = ended_python(image, end_of_life)
    assert ended is not None and ended.label == f"Python {version}"


def test_unknown_python_version_never_ends() -> None:
    assert ended_python(parse_image("python:3.15-rc-slim"), date(2099, 1, 1)) is None


def test_bullseye_is_supported_in_2025_and_ended_in_november_2026() -> None:
    image = parse_image("python:3.12-slim-bullseye")
    assert ended_debian(image, date(2025, 11, 27)) is None
    assert ended_debian(image, date(2026, 11, 27)) is not None


@pytest.mark.parametrize(
    ("reference", "full"),
    [
        ("python:3.12", True),
        ("python:3.12-bookworm", True),
        ("python", True),
        ("python:latest", True),
        ("python:3.12-slim", False),
        ("python:3.12-slim-bookworm", False),
        ("python:3.12-alpine3.20", False),
        ("python:3.12-windowsservercore-ltsc2022", False),
        ("python@sha256:" + "b" * 64, False),
        ("debian:bookworm", False),
    ],
)
def test_full_python_image(reference: str, full: bool) -> None:
    assert is_full_python(parse_image(reference)) is full


def test_alpine_python_image() -> None:
    assert is_alpine_python(parse_image("python:3.12-alpine3.20"))
    assert not is_alpine_python(parse_image("alpine:3.20"))


@pytest.mark.parametrize(
    ("reference", "slim"),
    [
        ("python:3.12", "3.12-slim"),
        ("python:3.12-bookworm", "3.12-slim-bookworm"),
        ("python", "slim"),
        ("python:bookworm", "slim-bookworm"),
        ("python:3.12-alpine", "3.12-slim"),
        ("python:3.8", "3.11-slim"),
        ("python:3.8-bookworm", "3.11-slim-bookworm"),
        ("python:2", "3.11-slim"),
        ("python:3.12-buster", "3.12-slim"),
        ("python:3.12-bullseye", "3.12-slim"),
        ("python:3.9-alpine3.19", "3.11-slim"),
        ("python:3.12.4-trixie", "3.12.4-slim-trixie"),
    ],
)
def test_slim_tag_keeps_python_and_debian_while_they_are_supported(
    reference: str, slim: str
) -> None:
    assert slim_tag(parse_image(reference), date(2026, 12, 6)) == slim


def test_slim_tag_names_the_oldest_supported_python_on_the_day() -> None:
    assert slim_tag(parse_image("python:3.8"), date(2026, 10, 30)) == "3.10-slim"
    assert slim_tag(parse_image("python:3.8"), date(2026, 10, 31)) == "3.11-slim"
    assert slim_tag(parse_image("python:3.8"), date(2099, 1, 1)) == "slim"


PYTHONS = ["2", "2.7", *(f"3.{minor}" for minor in range(15)), "3.12.4", "3"]
VARIANTS = [
    "",
    "-bookworm",
    "-bullseye",
    "-buster",
    "-stretch",
    "-trixie",
    "-slim",
    "-slim-bookworm",
    "-slim-bullseye",
    "-slim-buster",
    "-slim-trixie",
    "-alpine",
    "-alpine3.19",
    "-windowsservercore",
    "-windowsservercore-ltsc2022",
    "-nanoserver",
]
TAGS = [f"{python}{variant}" for python in PYTHONS for variant in VARIANTS]
TAGS += ["latest", "bookworm", "buster", "slim", "alpine"]
# Each end of life in the table, the day before it, and a day past them all.
DAYS = sorted(
    {day for end in PYTHON_END_OF_LIFE.values() for day in (end, end - timedelta(days=1))}
    | {day for r in DEBIAN_RELEASES for day in (r.end_of_life, r.end_of_life - timedelta(days=1))}
    | {date(2099, 1, 1)}
)


@pytest.mark.parametrize("day", DAYS, ids=str)
def test_the_slim_tag_suggested_is_never_itself_flagged_on_any_day(day: date) -> None:
    for tag in TAGS:
        image = parse_image(f"python:{tag}")
        if not (is_full_python(image) or is_alpine_python(image)):
            continue
        suggested = parse_image(f"python:{slim_tag(image, day)}")
        assert ended_python(suggested, day) is None, (tag, suggested.tag)
        assert ended_debian(suggested, day) is None, (tag, suggested.tag)
        assert not is_full_python(suggested) and not is_alpine_python(suggested)


@pytest.mark.parametrize("tag", TAGS)
def test_linting_the_suggestion_of_ll201_or_ll305_today_flags_no_base_image_rule(tag: str) -> None:
    suggestions = [
        f.params["slim"] for f in lint(f"FROM python:{tag}\n") if f.code in ("LL201", "LL305")
    ]
    for slim in suggestions:
        codes = {f.code for f in lint(f"FROM python:{slim}\n")}
        assert codes.isdisjoint({"LL201", "LL301", "LL302", "LL305"}), (tag, slim, codes)


def test_registry_port_is_not_a_tag() -> None:
    image = parse_image("localhost:5000/python")
    assert (image.registry, image.path, image.tag) == ("localhost:5000", "python", None)


def test_arg_default_resolves_the_base() -> None:
    dockerfile = parse("ARG PY=3.12\nFROM python:${PY}-slim\n")
    image = stage_image(dockerfile, dockerfile.stages[0])
    assert image is not None and image.tag == "3.12-slim" and image.resolved


def test_an_arg_default_that_names_earlier_args_is_expanded_as_docker_does() -> None:
    dockerfile = parse(
        "ARG REGISTRY=quay.io\nARG OWNER=jupyter\n"
        "ARG BASE=$REGISTRY/$OWNER/base-notebook:2025-06-02\nFROM $BASE\n"
    )
    image = stage_image(dockerfile, dockerfile.stages[0])
    assert image is not None and (image.registry, image.path) == (
        "quay.io",
        "jupyter/base-notebook",
    )


def test_an_arg_default_naming_an_unset_arg_stays_unresolved() -> None:
    dockerfile = parse("ARG TAG\nARG BASE=python:$TAG\nFROM $BASE\n")
    image = stage_image(dockerfile, dockerfile.stages[0])
    assert image is not None and not image.resolved


def test_arg_without_default_is_not_guessed() -> None:
    dockerfile = parse("ARG PY\nFROM python:${PY}\n")
    image = stage_image(dockerfile, dockerfile.stages[0])
    assert image is not None and not image.resolved
    assert python_version(image) is None and not is_full_python(image)


def test_stage_reference_and_scratch_have_no_image() -> None:
    dockerfile = parse("FROM python:3.12-slim AS base\nFROM base\nFROM scratch\n")
    assert [stage_image(dockerfile, stage) is None for stage in dockerfile.stages] == [
        False,
        True,
        True,
    ]


def test_supported_debian_names_the_releases_not_ended_on_the_day() -> None:
    assert supported_debian(date(2026, 12, 6)) == ("bookworm", "trixie")
    assert supported_debian(date(2026, 8, 30)) == ("bullseye", "bookworm", "trixie")


def test_ll301_moves_to_releases_that_are_supported_today() -> None:
    [finding] = [f for f in lint("FROM python:3.12-slim-buster\n") if f.code == "LL301"]
    supported = finding.params["supported"]
    assert supported and all(
        DEBIAN_BY_CODENAME[name].end_of_life > date.today() for name in supported
    )
