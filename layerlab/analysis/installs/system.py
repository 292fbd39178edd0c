"""apt-get, apt, aptitude and apk commands as the rules see them: action, options, packages.

One reader for every rule about OS packages (update alone, lists kept, recommends, -y,
upgrades, build tools), so `apt-get -qq install`, `apt-get -o APT::Install-Recommends=false`
and `apk add --no-cache --virtual .deps gcc` are understood the same way everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

from layerlab.analysis.releases import WINDOWS_PREFIXES, Image, debian_release
from layerlab.analysis.shell import Command

APT_PROGRAMS = frozenset({"apt-get", "apt", "aptitude"})
PACKAGE_MANAGERS = APT_PROGRAMS | {"apk"}

# Options whose value is the next word (`-o X=Y`, `--virtual .deps`).
APT_VALUE_OPTIONS = frozenset(
    {"-o", "--option", "-c", "--config-file", "-t", "--target-release", "-a"}
)
APK_VALUE_OPTIONS = frozenset(
    {"-X", "--repository", "-t", "--virtual", "-p", "--root", "--cache-dir", "--arch"}
)

APT_UPGRADES = frozenset({"upgrade", "dist-upgrade", "full-upgrade"})
APT_REMOVALS = frozenset({"remove", "purge", "autoremove"})

# Official images whose default tags are Debian (or Ubuntu) based.
DEBIAN_IMAGES = ("python", "debian", "ubuntu", "buildpack-deps")
TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
FALSE_WORDS = frozenset({"0", "false", "no", "off"})


@dataclass(frozen=True)
class PackageCommand:
    """One apt-get/apt/apk invocation; options keep their values as `-o=X=Y`."""

    command: Command
    manager: str  # "apt-get", "apt", "aptitude" or "apk"
    action: str  # "install", "update", "add", ...; "" when none is given
    options: tuple[str, ...]
    packages: tuple[str, ...]  # the words after the action that are not options

    @property
    def text(self) -> str:
        """The command as written, for messages."""
        return self.command.shown

    @property
    def is_apt(self) -> bool:
        return self.manager in APT_PROGRAMS

    @property
    def is_install(self) -> bool:
        return self.action == ("install" if self.is_apt else "add")

    @property
    def is_update(self) -> bool:
        return self.action == "update"

    @property
    def is_upgrade(self) -> bool:
        """Upgrades every installed package: the deck's security updates."""
        return self.action in APT_UPGRADES if self.is_apt else self.action == "upgrade"

    @property
    def is_removal(self) -> bool:
        return self.action in APT_REMOVALS if self.is_apt else self.action == "del"

    @property
    def auto_removes(self) -> bool:
        """`apt-get autoremove` or `purge --auto-remove`: drops packages marked automatic."""
        return self.is_apt and (
            self.action == "autoremove"
            or (self.is_removal and self.has("--auto-remove", "--autoremove"))
        )

    @property
    def assumes_yes(self) -> bool:
        """apt-get answers its prompts itself: -y, --yes, --assume-yes, -qq or -q -q (imply -y)."""
        if not self.is_apt:
            return True  # apk never prompts unless told to (-i)
        return (
            self.has("--yes", "--assume-yes")
            or any(_short_cluster(option, "y") for option in self.options)
            or sum(_quiet_level(option) for option in self.options) >= 2
            or self.apt_config("APT::Get::Assume-Yes") in TRUE_WORDS
        )

    @property
    def no_recommends(self) -> bool:
        return (
            self.has("--no-install-recommends")
            or (self.manager == "aptitude" and self.has("--without-recommends", "-R"))
            or self.apt_config("APT::Install-Recommends") in FALSE_WORDS
        )

    @property
    def virtual_name(self) -> str | None:
        """The `apk add --virtual NAME` group, removable later with `apk del NAME`."""
        for option in self.options:
            for prefix in ("--virtual=", "-t="):
                if option.startswith(prefix):
                    return option[len(prefix) :]
        return None

    def has(self, *names: str) -> bool:
        return any(
            option == name or option.startswith(name + "=")
            for option in self.options
            for name in names
        )

    def apt_config(self, key: str) -> str | None:
        """The lower-cased value of `-o key=value` (key compared case-insensitively)."""
        for option in self.options:
            for prefix in ("-o=", "--option="):
                name, _, value = option.removeprefix(prefix).partition("=")
                if option.startswith(prefix) and name.lower() == key.lower():
                    return value.strip("'\"").lower()
        return None


def _short_cluster(option: str, letters: str) -> bool:
    """`-y`, `-yq`, `-qy` (or `-qq` for "qq"): short options written together."""
    return (
        option.startswith("-")
        and not option.startswith("--")
        and "=" not in option
        and letters in option[1:]
    )


def _quiet_level(option: str) -> int:
    """How much quieter an option makes apt: `-q` 1, `-qq` 2, `--quiet` 1, `-q=2` 2."""
    if option in ("--quiet", "-q"):
        return 1
    if option.startswith(("-q=", "--quiet=")):
        level = option.partition("=")[2]
        return int(level) if level.isdigit() else 1
    if option.startswith("-") and not option.startswith("--") and "=" not in option:
        return option.count("q")
    return 0


def package_command(command: Command) -> PackageCommand | None:
    """Read one shell command as a package-manager call, or None if it is not one."""
    if command.program not in PACKAGE_MANAGERS:
        return None
    value_options = APT_VALUE_OPTIONS if command.program in APT_PROGRAMS else APK_VALUE_OPTIONS
    options: list[str] = []
    operands: list[str] = []
    words = iter(command.argv[1:])
    for word in words:
        if word in value_options:
            options.append(f"{word}={next(words, '')}")
        elif word.startswith("-o") and not word.startswith("--") and len(word) > 2:
            options.append("-o=" + word[2:])  # `-oAPT::X=y` written together
        elif word.startswith("-"):
            options.append(word)
        else:
            operands.append(word)
    action = operands[0] if operands else ""
    return PackageCommand(command, command.program, action, tuple(options), tuple(operands[1:]))


def bare_name(package: str) -> str:
    """`gcc=4:12.2.0-3`, `gcc:amd64`, `gcc~=12` -> `gcc`."""
    for separator in ("=", "~", "<", ">", ":"):
        package = package.split(separator, 1)[0]
    return package


def is_alpine_based(image: Image) -> bool:
    """alpine:3.20, python:3.12-alpine: busybox's ash is /bin/sh."""
    if not image.resolved:
        return False
    return image.is_official("alpine") or any(w.startswith("alpine") for w in image.tag_words)


def is_debian_based(image: Image) -> bool:
    """python:3.12-slim, debian:bookworm, node:20-bookworm: an image with apt and dash."""
    if not image.resolved or "distroless" in image.path:
        return False
    if any(word.startswith(("alpine", *WINDOWS_PREFIXES)) for word in image.tag_words):
        return False
    return (
        any(image.is_official(name) for name in DEBIAN_IMAGES)
        or "slim" in image.tag_words
        or debian_release(image) is not None
    )
