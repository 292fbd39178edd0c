"""LL404 secret-in-arg-env."""

import re
from collections.abc import Iterator
from typing import ClassVar

from layerlab.analysis import Facts
from layerlab.context import BuildContext
from layerlab.dockerfile import Instruction, parse_arg, parse_env
from layerlab.lint.findings import Level
from layerlab.lint.registry import Example, Hit, Rule
from layerlab.text import Text

# Name words, after BuildKit's SecretsUsedInArgOrEnv deny list (moby/buildkit
# frontend/dockerfile/dockerfile2llb) and hadolint DL3064's substrings, matched as whole
# words so TOKENIZERS_PARALLELISM or KEYCLOAK_URL do not count.
SECRET_WORDS = frozenset(
    {
        "password",
        "passwd",
        "pword",
        "pass",
        "passphrase",
        "secret",
        "token",
        "apikey",
        "credential",
        "credentials",
        "creds",
    }
)
# `key` alone is too common (GPG_KEY, KEY_ID): it counts as the last word (API_KEY) or
# next to one of these (AWS_ACCESS_KEY_ID, PRIVATE_KEY_PATH is allowed below).
KEY_PARTNERS = frozenset({"access", "private", "api", "secret", "signing", "encryption"})
# Words that mark a name as not holding the secret: BuildKit allows public, file and
# version; paths, URLs, names and the public GPG fingerprints of official images too.
ALLOW_WORDS = frozenset(
    {"public", "file", "path", "dir", "url", "version", "name", "gpg", "pgp", "gnupg"}
)
# hadolint DL3064 reports a name that contains one of these (src/Hadolint/Rule/DL3064.hs).
HADOLINT_SUBSTRINGS = ("api_key", "client_key", "password", "private", "secret", "token")
HADOLINT_NAMES = frozenset({"AWS_ACCESS_KEY_ID", "APPLICATION_KEY"})  # its list, ours too
# Values that hold no secret: a run-time setting declared empty or switched off
# (`EMAIL_HOST_PASSWORD=""`, `GOOGLE_API_KEY=no`). A default such as `admin` or `changeme`
# is a real password that works on every copy of the image, and stays reported.
PLACEHOLDERS = frozenset({"", "no", "none", "null", "false", "off", "disabled"})
CAMEL_RE = re.compile(r"([a-z0-9])([A-Z])")
URL_CREDENTIALS_RE = re.compile(r"://[^/\s:@]+:[^/\s@]+@")


class SecretInArgEnv(Rule):
    code = "LL404"
    name = "secret-in-arg-env"
    level = Level.WARNING
    lesson = "09-summary"
    hadolint = ("DL3064",)
    aliases = ("SecretsUsedInArgOrEnv", "DS-0031")
    summary = Text(
        en="ARG or ENV whose name, or URL value, looks like it holds a secret.",
        ja="名前や URL の値が秘密情報らしい ARG や ENV があります。",
    )
    why = Text(
        en=(
            "An ENV value is stored in the image's configuration: anyone who can pull the "
            "image reads it with `docker inspect`. A build ARG ends up in `docker history` "
            "for every RUN that uses it and in the build's provenance. A token passed this way "
            "outlives the build. BuildKit's secret mounts (`RUN --mount=type=secret`) give a "
            "step the secret without writing it into any layer, and run-time settings belong "
            "to `docker run -e` or the orchestrator's secrets."
        ),
        ja=(
            "ENV の値はイメージの設定に保存され、イメージを取得できる人は誰でも "
            "`docker inspect` で読めます。ビルド引数 (ARG) は、それを使う RUN ごとに "
            "`docker history` やビルドの来歴情報に残ります。こうして渡したトークンはビルドの後も"
            "残り続けます。BuildKit のシークレットマウント (`RUN --mount=type=secret`) なら、"
            "レイヤに書き込まずに手順へ秘密情報を渡せます。実行時の設定は `docker run -e` や"
            "オーケストレーターのシークレットで渡します。"
        ),
    )
    fix = Text(
        en=(
            "Build time: `RUN --mount=type=secret,id=pypi_token ...` with `docker build "
            "--secret id=pypi_token,env=PYPI_TOKEN`. Run time: pass it with `docker run -e` "
            "or mount a file and point `*_FILE` at it."
        ),
        ja=(
            "ビルド時は `RUN --mount=type=secret,id=pypi_token ...` と `docker build --secret "
            "id=pypi_token,env=PYPI_TOKEN` を使います。実行時は `docker run -e` で渡すか、"
            "ファイルをマウントして `*_FILE` でその場所を指します。"
        ),
    )
    messages: ClassVar[dict[str, Text]] = {
        "secret_name": Text(
            en=(
                "{keyword} {name} looks like a secret: its value stays in the image or its "
                "history; use a secret mount or set it at run time"
            ),
            ja=(
                "{keyword} {name} はシークレットのようです。値がイメージかその履歴に残ります。シー"
                "クレットマウントを使うか、実行時に設定します。"
            ),
        ),
        "url_credentials": Text(
            en=(
                "{keyword} {name} holds a URL with credentials in it: they stay in the image or "
                "its history; use a secret mount"
            ),
            ja=(
                "{keyword} {name} の URL に認証情報が入っています。イメージかその履歴に残るので、シ"
                "ークレットマウントを使います。"
            ),
        ),
    }
    versus_hadolint = Text(
        en=(
            "hadolint matches substrings, so TOKENIZERS_PARALLELISM, USERNAME or a `*_FILE` "
            "path are reported; BuildKit reports every name ending in KEY, including the "
            "official python image's GPG_KEY fingerprint. LayerLab matches whole words, lets "
            "public, file, path, url, version, name and gpg mark a name as harmless, and also "
            "reports credentials written into a URL value (`https://user:token@host`). A "
            "value that holds nothing (empty, `no`, `none`, `null`, `false`, `off`, "
            "`disabled`) declares a setting to be given at run time and is not reported; "
            "hadolint reports the name whatever the value."
        ),
        ja=(
            "hadolint は部分文字列で判定するため、TOKENIZERS_PARALLELISM、USERNAME、`*_FILE` の"
            "パスも報告します。BuildKit は KEY で終わる名前をすべて報告し、公式 python "
            "イメージの GPG_KEY (公開鍵の指紋) も対象になります。LayerLab は単語単位で判定し、"
            "public、file、path、url、version、name、gpg を含む名前は対象外とします。また、"
            "URL の値に書かれた認証情報 (`https://user:token@host`) も報告します。値が空か "
            "`no`、`none`、`null`、`false`、`off`、`disabled` のときは、実行時に渡す設定を"
            "宣言しているだけなので報告しません。hadolint は値にかかわらず名前で報告します。"
        ),
    )
    bad = (
        Example("FROM python:3.12-slim\nENV DJANGO_SECRET_KEY=changeme\n", lines=(2,)),
        Example("ARG GITHUB_TOKEN\nFROM python:3.12-slim\n", lines=(1,), note="global ARG"),
        Example(
            "FROM python:3.12-slim\nARG DB_PASS=postgres\nENV API_KEY=abc\n",
            lines=(2, 3),
            note="short pass, key as the last word",
        ),
        Example(
            "FROM python:3.12-slim\nENV AWS_ACCESS_KEY_ID=AKIA AWS_SECRET_ACCESS_KEY=x\n",
            lines=(2, 2),
            note="two secrets in one ENV",
        ),
        Example("FROM python:3.12-slim\nENV dbPassword=x\n", lines=(2,), note="camelCase name"),
        Example(
            "FROM python:3.12-slim\nENV DB_USER=admin DB_PASS=admin REDIS_PASS=\n",
            lines=(2,),
            note="a default password is a real one; the empty REDIS_PASS is not",
        ),
        Example(
            "FROM python:3.12-slim\n"
            "ENV PIP_EXTRA_INDEX_URL=https://__token__:pypi-abc@pypi.example.com/simple\n",
            lines=(2,),
            note="credentials inside a URL value",
        ),
    )
    good = (
        Example(
            "FROM python:3.12-slim\nENV GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D\n",
            note="the official image's public GPG fingerprint",
        ),
        Example(
            "FROM python:3.12-slim\nENV POSTGRES_PASSWORD_FILE=/run/secrets/db\n",
            note="a *_FILE path to a secret",
        ),
        Example(
            "FROM python:3.12-slim\nENV TOKENIZERS_PARALLELISM=false KEYCLOAK_URL=http://kc\n",
            note="secret words inside other words",
        ),
        Example("FROM python:3.12-slim\nARG PUBLIC_KEY\nARG KEY_ID\n", note="public key, key id"),
        Example("FROM python:3.12-slim\nARG USERNAME=app\n", note="a user name is not a secret"),
        Example(
            'FROM python:3.12-slim\nENV GOOGLE_API_KEY=no EMAIL_HOST_PASSWORD="" '
            "DJANGO_SENTRY_DSN=\n",
            note="placeholders: set at run time, nothing secret in the image",
        ),
        Example(
            "FROM python:3.12-slim\n"
            "RUN --mount=type=secret,id=token,env=PYPI_TOKEN pip install -r requirements.txt\n",
            note="a secret mount",
        ),
    )

    def check(self, facts: Facts, context: BuildContext | None) -> Iterator[Hit]:
        for inst in facts.dockerfile.instructions:
            for name, value in _assignments(inst):
                if value is not None and value.strip().lower() in PLACEHOLDERS:
                    continue
                if looks_secret(name):
                    yield Hit(
                        inst.start_line,
                        "secret_name",
                        {"keyword": inst.keyword, "name": name},
                        hadolint=_hadolint_code(name),
                    )
                elif value and URL_CREDENTIALS_RE.search(value):
                    yield Hit(
                        inst.start_line,
                        "url_credentials",
                        {"keyword": inst.keyword, "name": name},
                        hadolint=None,  # DL3064 reads names only, never URL values
                    )


def _assignments(inst: Instruction) -> list[tuple[str, str | None]]:
    if inst.keyword == "ARG":
        return parse_arg(inst.arguments)
    if inst.keyword == "ENV":
        return list(parse_env(inst.arguments))
    return []


def _hadolint_code(name: str) -> str | None:
    lowered = name.lower()
    if name.upper() in HADOLINT_NAMES or any(part in lowered for part in HADOLINT_SUBSTRINGS):
        return "DL3064"
    return None


def looks_secret(name: str) -> bool:
    words = CAMEL_RE.sub(r"\1_\2", name).lower().replace("-", "_").split("_")
    if any(word in ALLOW_WORDS for word in words):
        return False
    if any(word in SECRET_WORDS for word in words):
        return True
    return words[-1] == "key" or ("key" in words and any(w in KEY_PARTNERS for w in words))
