"""LL408 tls-verify-off."""

from collections.abc import Iterator
from typing import ClassVar

from layerlab.analysis import Facts
from layerlab.analysis.shell import Command
from layerlab.context import BuildContext
from layerlab.dockerfile import Instruction, parse_arg, parse_env
from layerlab.lint.findings import Level
from layerlab.lint.registry import Example, Hit, Rule
from layerlab.text import Text

# curl short options that take a value: letters after one of them in a cluster are its value.
CURL_VALUE_LETTERS = frozenset("ACDEFHKPQTXYbcdehmortuwxyz")
FALSE_VALUES = frozenset({"0", "false", "no", "off"})


class TlsVerifyOff(Rule):
    code = "LL408"
    name = "tls-verify-off"
    level = Level.WARNING
    lesson = "09-summary"
    aliases = ("CKV2_DOCKER_2", "CKV2_DOCKER_3", "CKV2_DOCKER_4", "CKV2_DOCKER_5", "CKV2_DOCKER_16")
    summary = Text(
        en="The build turns off TLS certificate checks.",
        ja="ビルドで TLS 証明書の検証を無効にしています。",
    )
    why = Text(
        en=(
            "pip --trusted-host, PIP_TRUSTED_HOST, PYTHONHTTPSVERIFY=0, curl -k and wget "
            "--no-check-certificate accept any certificate, so anyone between the build and "
            "the server can hand you a different package or script, and it ends up in the "
            "image you ship. It is usually a workaround for a proxy or an old CA bundle: fix "
            "that instead."
        ),
        ja=(
            "pip --trusted-host、PIP_TRUSTED_HOST、PYTHONHTTPSVERIFY=0、curl -k、wget "
            "--no-check-certificate はどんな証明書も受け入れます。ビルドとサーバーの間にいる"
            "誰かが別のパッケージやスクリプトを渡せば、それが出荷するイメージに入ります。"
            "多くはプロキシや古い CA 証明書への回避策です。そちらを直しましょう。"
        ),
    )
    fix = Text(
        en=(
            "Remove the option and install the CA certificate you need (`COPY corp-ca.crt "
            "/usr/local/share/ca-certificates/` and `update-ca-certificates`, or PIP_CERT / "
            "--cert for pip)."
        ),
        ja=(
            "オプションを外し、必要な CA 証明書を入れます (`COPY corp-ca.crt "
            "/usr/local/share/ca-certificates/` と `update-ca-certificates`、pip なら "
            "PIP_CERT や --cert)。"
        ),
    )
    messages: ClassVar[dict[str, Text]] = {
        "verify_off": Text(
            en="{setting} turns off TLS certificate checks: downloads can be swapped",
            ja=(
                "{setting} で TLS 証明書の検証が無効になります。ダウンロードするものをすり替えられ"
                "るおそれがあります。"
            ),
        ),
    }
    bad = (
        Example(
            "FROM python:3.12-slim\nRUN pip install --no-cache-dir --trusted-host pypi.org "
            "-r requirements.txt\n",
            lines=(2,),
            note="pip --trusted-host",
        ),
        Example(
            "FROM python:3.12-slim\nENV PIP_TRUSTED_HOST=pypi.org\n",
            lines=(2,),
            note="PIP_TRUSTED_HOST in ENV",
        ),
        Example(
            "FROM python:3.12-slim\nARG PIP_TRUSTED_HOST\n",
            lines=(2,),
            note="PIP_TRUSTED_HOST as a build argument",
        ),
        Example(
            "FROM python:3.12-slim\n"
            "RUN PIP_TRUSTED_HOST=mirror.local pip install --no-cache-dir x==1\n",
            lines=(2,),
            note="PIP_TRUSTED_HOST inline",
        ),
        Example(
            "FROM python:3.12-slim\nENV PYTHONHTTPSVERIFY=0\n",
            lines=(2,),
            note="PYTHONHTTPSVERIFY=0",
        ),
        Example(
            "FROM python:3.12-slim\nRUN curl -fsSLk https://example.com/x.sh -o /tmp/x.sh\n",
            lines=(2,),
            note="curl -k in an option cluster",
        ),
        Example(
            "FROM python:3.12-slim\nRUN curl --insecure -o /tmp/x https://example.com/x\n",
            lines=(2,),
            note="curl --insecure",
        ),
        Example(
            "FROM python:3.12-slim\nRUN wget --no-check-certificate https://example.com/x\n",
            lines=(2,),
            note="wget --no-check-certificate",
        ),
    )
    good = (
        Example(
            "FROM python:3.12-slim\nRUN curl -fsSL https://example.com/x.sh -o /tmp/x.sh "
            "&& pip install --no-cache-dir -r requirements.txt\n",
            note="verified downloads",
        ),
        Example(
            "FROM python:3.12-slim\nENV PYTHONHTTPSVERIFY=1\n",
            note="verification on",
        ),
        Example(
            "FROM python:3.12-slim\nRUN curl -H 'X-k: 1' -o /tmp/k https://example.com/k\n",
            note="k inside an option value",
        ),
    )

    def check(self, facts: Facts, context: BuildContext | None) -> Iterator[Hit]:
        judged: dict[str, str | None] = {}  # script -> its setting: generated files repeat one
        for instruction in facts.dockerfile.instructions:
            found = _setting(instruction)
            if not found and instruction.keyword == "RUN":
                script = facts.script(instruction).source
                if script not in judged:
                    commands = facts.commands(instruction)
                    judged[script] = next(filter(None, map(_insecure_option, commands)), None)
                found = judged[script]
            if found:
                yield Hit(instruction.start_line, "verify_off", {"setting": found})


def _setting(instruction: Instruction) -> str | None:
    """PIP_TRUSTED_HOST or PYTHONHTTPSVERIFY=0 set by ENV or ARG."""
    if instruction.keyword == "ENV":
        pairs: list[tuple[str, str | None]] = list(parse_env(instruction.arguments))
    elif instruction.keyword == "ARG":
        pairs = parse_arg(instruction.arguments)
    else:
        return None
    for name, value in pairs:
        described = _insecure_variable(name, value)
        if described:
            return f"{instruction.keyword} {described}"
    return None


def _insecure_variable(name: str, value: str | None) -> str | None:
    if name == "PIP_TRUSTED_HOST":
        return name
    if name == "PYTHONHTTPSVERIFY" and value is not None and value.lower() in FALSE_VALUES:
        return f"{name}={value}"
    return None


def _insecure_option(command: Command) -> str | None:
    """The option or inline variable in one command that disables verification."""
    for name, value in command.env:
        described = _insecure_variable(name, value)
        if described:
            return f"`{described}`"
    if command.program in ("export", "declare"):
        for word in command.argv[1:]:
            name, _, value = word.partition("=")
            described = _insecure_variable(name, value if "=" in word else None)
            if described:
                return f"`{described}`"
    args = command.pip_args
    if args is not None and any(
        w == "--trusted-host" or w.startswith("--trusted-host=") for w in args
    ):
        return "pip --trusted-host"
    if command.program == "curl" and any(_curl_insecure(word) for word in command.argv[1:]):
        return "curl -k"
    if command.program == "wget" and command.has("--no-check-certificate"):
        return "wget --no-check-certificate"
    return None


def _curl_insecure(word: str) -> bool:
    if word == "--insecure":
        return True
    if not word.startswith("-") or word.startswith("--"):
        return False
    for letter in word[1:]:
        if letter == "k":
            return True
        if letter in CURL_VALUE_LETTERS:
            return False
    return False
