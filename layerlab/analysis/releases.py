"""Base images: what a FROM names, and when the Debian release or Python in its tag dies.

This is the one table of end-of-life dates; LL301 and LL302 read it with the day of
linting, and tests pin the day. A date here is the day public security support ends, and
it is reported from that day on: Debian's LTS end (https://wiki.debian.org/LTS) and
CPython's end of life (https://devguide.python.org/versions/, the PEP named on each line).
Where the devguide gives only a month for a future end, the last day of that month is used.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date

from layerlab.dockerfile import VAR_RE, Dockerfile, Stage, expand_vars

UNKNOWN = "?"  # stands for an ARG with no default; never valid in an image reference
SCRATCH = "scratch"
SLIM_WORDS = frozenset({"slim"})
WINDOWS_PREFIXES = ("windowsservercore", "nanoserver")
PYTHON_TAG_RE = re.compile(r"^(\d+)(?:\.(\d+))?")
DEBIAN_WORD_RE = re.compile(r"^debian(\d+)$")
DEBIAN_NUMBER_RE = re.compile(r"^(\d+)(?:\.\d+)*$")


@dataclass(frozen=True)
class Release:
    label: str  # e.g. 'Debian 10 "buster"', 'Python 3.8'
    end_of_life: date  # support ends on this day; reported from it on

    def ended(self, today: date) -> bool:
        return today >= self.end_of_life


@dataclass(frozen=True)
class DebianRelease(Release):
    number: int
    codename: str


def _debian(number: int, codename: str, end: date) -> DebianRelease:
    return DebianRelease(f'Debian {number} "{codename}"', end, number, codename)


DEBIAN_RELEASES = (
    _debian(6, "squeeze", date(2016, 2, 29)),  # wiki.debian.org/LTS: squeeze LTS ended
    _debian(7, "wheezy", date(2018, 5, 31)),  # wiki.debian.org/LTS: wheezy LTS ended
    _debian(8, "jessie", date(2020, 6, 30)),  # wiki.debian.org/LTS: jessie LTS ended
    _debian(9, "stretch", date(2022, 6, 30)),  # wiki.debian.org/LTS: stretch LTS ended
    _debian(10, "buster", date(2024, 6, 30)),  # debian.org/News/2024: buster LTS end
    _debian(11, "bullseye", date(2026, 8, 31)),  # same announcement: bullseye LTS end
    _debian(12, "bookworm", date(2028, 6, 30)),  # wiki.debian.org/LTS: bookworm LTS
    _debian(13, "trixie", date(2030, 6, 30)),  # wiki.debian.org/LTS: trixie LTS
)
DEBIAN_BY_CODENAME = {release.codename: release for release in DEBIAN_RELEASES}
DEBIAN_BY_NUMBER = {release.number: release for release in DEBIAN_RELEASES}

PYTHON_END_OF_LIFE = {
    (2, 6): date(2013, 10, 29),  # PEP 361
    (2, 7): date(2020, 1, 1),  # PEP 373
    (3, 0): date(2009, 1, 13),  # PEP 361; devguide's date
    (3, 1): date(2012, 4, 9),  # PEP 375
    (3, 2): date(2016, 2, 20),  # PEP 392
    (3, 3): date(2017, 9, 29),  # PEP 398
    (3, 4): date(2019, 3, 18),  # PEP 429
    (3, 5): date(2020, 9, 30),  # PEP 478; devguide's date
    (3, 6): date(2021, 12, 23),  # PEP 494
    (3, 7): date(2023, 6, 27),  # PEP 537
    (3, 8): date(2024, 10, 7),  # PEP 569
    (3, 9): date(2025, 10, 31),  # PEP 596
    (3, 10): date(2026, 10, 31),  # PEP 619: 2026-10
    (3, 11): date(2027, 10, 31),  # PEP 664: 2027-10
    (3, 12): date(2028, 10, 31),  # PEP 693: 2028-10
    (3, 13): date(2029, 10, 31),  # PEP 719: 2029-10
    (3, 14): date(2030, 10, 31),  # PEP 745: 2030-10
}


@dataclass(frozen=True)
class Image:
    """An image reference: `[registry/]path[:tag][@digest]`; UNKNOWN marks unset ARGs."""

    registry: str | None
    path: str  # without the registry: 'python', 'library/python', 'distroless/python3-debian12'
    tag: str | None
    digest: str | None

    @property
    def name(self) -> str:
        """The last path component, e.g. 'python' for docker.io/library/python."""
        return self.path.rsplit("/", 1)[-1]

    @property
    def resolved(self) -> bool:
        return UNKNOWN not in f"{self.path}:{self.tag}"

    @property
    def tag_words(self) -> list[str]:
        """`3.11-slim-bookworm` -> ['3.11', 'slim', 'bookworm']; words with UNKNOWN dropped."""
        words = (self.tag or "").lower().split("-")
        return [word for word in words if word and UNKNOWN not in word]

    def is_official(self, name: str) -> bool:
        """The Docker Official Image `name`, directly or through a `library/` mirror."""
        return self.path == name or self.path.endswith("library/" + name)


def parse_image(reference: str) -> Image:
    rest, _, digest = reference.partition("@")
    registry = None
    first, slash, remainder = rest.partition("/")
    if slash and ("." in first or ":" in first or first == "localhost"):
        registry, rest = first, remainder
    path, colon, tag = rest.rpartition(":")
    if not colon or "/" in tag:
        path, tag = rest, ""
    return Image(registry, path.lower(), tag or None, digest or None)


def stage_image(dockerfile: Dockerfile, stage: Stage) -> Image | None:
    """The external image a stage starts from; None for scratch and `FROM <stage>`."""
    if stage.parent is not None or not stage.base:
        return None
    reference = resolve_args(stage.base, dockerfile.global_args)
    if reference.lower() == SCRATCH:
        return None
    return parse_image(reference)


def stage_images(dockerfile: Dockerfile) -> Iterator[tuple[Stage, Image]]:
    """Each stage that starts from an external image, with that image."""
    for stage in dockerfile.stages:
        image = stage_image(dockerfile, stage)
        if image is not None:
            yield stage, image


def resolve_args(text: str, args: dict[str, str | None]) -> str:
    """Substitute ARG defaults as Docker does for FROM; an ARG with no value -> UNKNOWN.

    A default that names an earlier ARG (`ARG BASE=$REGISTRY/app`) is expanded first, in
    declaration order, as Docker expands it where the ARG is declared."""
    declared: dict[str, str | None] = {}
    for name, value in args.items():
        declared[name] = value if value is None or "$" not in value else _resolve(value, declared)
    return _resolve(text, declared)


def _resolve(text: str, args: dict[str, str | None]) -> str:
    unset = {
        match.group(1) or match.group(3)
        for match in VAR_RE.finditer(text)
        if args.get(match.group(1) or match.group(3)) is None and match.group(2) is None
    }
    return expand_vars(text, {**args, **dict.fromkeys(unset, UNKNOWN)})


def is_full_python(image: Image) -> bool:
    """python:<ver>[-<codename>]: the Debian image with compilers, not slim/alpine/windows."""
    if not (image.is_official("python") and image.resolved):
        return False
    if image.tag is None and image.digest is not None:
        return False  # pinned by digest alone: the variant cannot be read
    return not any(_not_full(word) for word in image.tag_words)


def _not_full(word: str) -> bool:
    return word in SLIM_WORDS or word.startswith(("alpine", *WINDOWS_PREFIXES))


def is_alpine_python(image: Image) -> bool:
    return image.is_official("python") and any(w.startswith("alpine") for w in image.tag_words)


def slim_tag(image: Image, today: date) -> str:
    """The slim tag to suggest instead of a full or Alpine python image, never one that is
    past its end of life on `today`: the same Python and Debian where each is supported
    ('3.12-bookworm' -> '3.12-slim-bookworm'), else the oldest supported Python
    ('3.8' -> '3.11-slim') and the current Debian ('3.12-buster' -> '3.12-slim')."""
    words = [w for w in image.tag_words if w != "latest" and not w.startswith("alpine")]
    words = [w for w in words if not _names_ended_debian(w, today)]
    version = words.pop(0) if words and words[0][0].isdigit() else None
    release = python_release(image)
    if release is not None and release.ended(today):
        version = oldest_supported_python(today)
    return "-".join([version, "slim", *words] if version else ["slim", *words])


def _names_ended_debian(word: str, today: date) -> bool:
    match = DEBIAN_WORD_RE.match(word)
    release = DEBIAN_BY_CODENAME.get(word) or (
        DEBIAN_BY_NUMBER.get(int(match.group(1))) if match else None
    )
    return release is not None and release.ended(today)


def supported_debian(today: date) -> tuple[str, ...]:
    """The codenames of the Debian releases still supported on `today`, oldest first."""
    return tuple(release.codename for release in DEBIAN_RELEASES if not release.ended(today))


def oldest_supported_python(today: date) -> str | None:
    """The oldest Python still supported on `today`, e.g. '3.11'; None past the table's end
    (then the image's default Python, the newest, is the one to name)."""
    supported = [version for version, end in PYTHON_END_OF_LIFE.items() if today < end]
    return "{}.{}".format(*min(supported)) if supported else None


def python_version(image: Image) -> tuple[int, int] | None:
    """The Python (major, minor) a python:<tag> names; None for `3`, `latest` or no tag."""
    if not image.is_official("python") or not image.tag_words:
        return None
    match = PYTHON_TAG_RE.match(image.tag_words[0])
    if not match:
        return None
    major, minor = int(match.group(1)), match.group(2)
    if minor is None:
        return (2, 7) if major == 2 else None  # python:2 was 2.7; python:3 follows the newest
    return major, int(minor)


def python_release(image: Image) -> Release | None:
    version = python_version(image)
    if version is None or version not in PYTHON_END_OF_LIFE:
        return None
    return Release(f"Python {version[0]}.{version[1]}", PYTHON_END_OF_LIFE[version])


def debian_release(image: Image) -> DebianRelease | None:
    """The Debian release a tag (or a distroless-style name: python3-debian12) names."""
    words = image.tag_words
    for word in words:
        if word in DEBIAN_BY_CODENAME:
            return DEBIAN_BY_CODENAME[word]
    for word in [*words, *image.name.split("-")]:
        match = DEBIAN_WORD_RE.match(word)
        if match and int(match.group(1)) in DEBIAN_BY_NUMBER:
            return DEBIAN_BY_NUMBER[int(match.group(1))]
    if image.is_official("debian") and words:
        match = DEBIAN_NUMBER_RE.match(words[0])
        if match:
            return DEBIAN_BY_NUMBER.get(int(match.group(1)))
    return None


def ended_debian(image: Image, today: date) -> DebianRelease | None:
    release = debian_release(image)
    return release if release is not None and release.ended(today) else None


def ended_python(image: Image, today: date) -> Release | None:
    release = python_release(image)
    return release if release is not None and release.ended(today) else None


def ended_bases(
    dockerfile: Dockerfile, ended: Callable[[Image, date], Release | None], today: date
) -> Iterator[tuple[Stage, Release]]:
    """Each stage whose image names a release that `ended` says is over on `today`."""
    for stage, image in stage_images(dockerfile):
        release = ended(image, today)
        if release is not None:
            yield stage, release
