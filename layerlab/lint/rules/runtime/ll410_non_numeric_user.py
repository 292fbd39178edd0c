"""LL410 non-numeric-user."""

from collections.abc import Iterator
from typing import ClassVar

from layerlab.analysis import Facts
from layerlab.analysis.useradd import is_numeric_id, useradd_of
from layerlab.context import BuildContext
from layerlab.lint.findings import Level
from layerlab.lint.registry import Example, Hit, Rule, final_stages
from layerlab.lint.rules.runtime.ll401_runs_as_root import final_user
from layerlab.text import Text

# Names whose UID is the same wherever they exist: Debian's and Alpine's nobody, the
# distroless and Chainguard nonroot user.
WELL_KNOWN_UIDS = {"nobody": "65534", "nonroot": "65532"}


class NonNumericUser(Rule):
    code = "LL410"
    name = "non-numeric-user"
    level = Level.INFO
    lesson = "08-case-study"
    hadolint = ("DL3066",)
    summary = Text(
        en="The final USER is a name, not a numeric UID.",
        ja="最後の USER が数値の UID ではなく名前です。",
    )
    why = Text(
        en=(
            "`USER app` is a correct non-root user for Docker. Kubernetes is stricter: with "
            "`runAsNonRoot: true` (which the restricted Pod Security Standard requires) the "
            "kubelet must prove from the image that the user is not root, and it can only "
            'read a number. A name it cannot resolve, so the pod is refused with "image has '
            'non-numeric user (app), cannot verify user is non-root" unless the pod spec sets '
            "`runAsUser`. `USER 10001` (or `10001:10001`) passes, and the same fixed UID also "
            "keeps file ownership on volumes predictable."
        ),
        ja=(
            "Docker にとって `USER app` は正しい一般ユーザーです。Kubernetes はもっと厳しく、"
            "`runAsNonRoot: true` (Pod Security Standards の restricted で必須) のとき、kubelet "
            "はイメージのユーザーが root でないことを確かめる必要がありますが、読めるのは数値"
            "だけです。名前は解決できないので、Pod の spec に `runAsUser` がない限り「image has "
            "non-numeric user (app), cannot verify user is non-root」で起動を拒否されます。"
            "`USER 10001` (または `10001:10001`) なら通り、UID を固定するとボリューム上の"
            "ファイルの所有者も予測どおりになります。"
        ),
    )
    fix = Text(
        en=(
            "Create the user with a fixed UID (`useradd --system --uid 10001 app`) and switch "
            "to it by number: `USER 10001`."
        ),
        ja=(
            "UID を固定してユーザーを作り (`useradd --system --uid 10001 app`)、番号で切り替え"
            "ます: `USER 10001`。"
        ),
    )
    messages: ClassVar[dict[str, Text]] = {
        "known_uid": Text(
            en=(
                "USER {user} is a name: Kubernetes' runAsNonRoot can only verify a numeric UID; "
                "write USER {uid}"
            ),
            ja=(
                "USER {user} は名前です。Kubernetes の runAsNonRoot が確かめられるのは数値の UID "
                "だけなので、USER {uid} と書きます。"
            ),
        ),
        "unknown_uid": Text(
            en=(
                "USER {user} is a name: Kubernetes' runAsNonRoot can only verify a numeric UID; "
                "give the user a fixed UID (useradd --uid 10001) and write USER 10001"
            ),
            ja=(
                "USER {user} は名前です。Kubernetes の runAsNonRoot が確かめられるのは数値の UID "
                "だけです。UID を固定し (useradd --uid 10001)、USER 10001 と書きます。"
            ),
        ),
    }
    versus_hadolint = Text(
        en=(
            "hadolint's DL3066 checks every USER of every stage, and also flags a variable "
            "(`USER $UID`). LayerLab judges only the user the final image runs as, the last "
            "USER of the final stage or a stage it is built FROM, leaves variables alone, and "
            "leaves `USER root` to LL401. Like DL3066 it is info: a named user is right for "
            "Docker, and the lessons accept it."
        ),
        ja=(
            "hadolint の DL3066 はすべてのステージのすべての USER を検査し、変数 (`USER $UID`) "
            "も指摘します。LayerLab が見るのは最終イメージが動くユーザー、つまり最終ステージか"
            "その FROM 元のステージの最後の USER だけで、変数は判定せず、`USER root` は LL401 に"
            "任せます。DL3066 と同じく info です。Docker にとっては名前のユーザーで正しく、"
            "レッスンでも正解として扱います。"
        ),
    )
    bad = (
        Example(
            "FROM python:3.12-slim\nRUN useradd --system --uid 10001 app\nUSER app\n",
            lines=(3,),
            note="the UID is known: use it",
        ),
        Example(
            "FROM python:3.12-slim\nRUN useradd --system app\nUSER app:app\n",
            lines=(3,),
            note="a name and a group, no fixed UID",
        ),
        Example(
            "FROM python:3.12-slim\nUSER nobody\n",
            lines=(2,),
            note="nobody is 65534",
        ),
        Example(
            "FROM python:3.12-slim AS base\nRUN useradd -u 10001 app\nUSER app\n"
            'FROM base\nCMD ["python", "app.py"]\n',
            lines=(3,),
            note="inherited from the stage the final stage is built FROM",
        ),
    )
    good = (
        Example(
            "FROM python:3.12-slim\nRUN useradd --system --uid 10001 app\nUSER 10001\n",
            note="numeric UID",
        ),
        Example("FROM python:3.12-slim\nUSER 10001:app\n", note="numeric UID, named group"),
        Example(
            "FROM python:3.12-slim AS builder\nUSER builder\nFROM python:3.12-slim\nUSER 10001\n",
            note="a name in a builder stage",
        ),
        Example(
            "FROM python:3.12-slim\nUSER app\nRUN id\nUSER 10001\n",
            note="only the last USER counts",
        ),
        Example("FROM python:3.12-slim\nUSER $APP_UID\n", note="a variable: not guessed"),
        Example("FROM python:3.12-slim\nUSER root\n", note="root is LL401's"),
    )

    def check(self, facts: Facts, context: BuildContext | None) -> Iterator[Hit]:
        user = final_user(facts.dockerfile)
        if user is None or user.instruction is None or user.is_root is not False:
            return
        written = user.instruction.arguments.strip()
        name = written.split(":", 1)[0]
        if is_numeric_id(name):
            return
        uid = _uid_created_for(facts, name)
        if uid is None:
            yield Hit(user.instruction.start_line, "unknown_uid", {"user": written})
        else:
            yield Hit(user.instruction.start_line, "known_uid", {"user": written, "uid": uid})


def _uid_created_for(facts: Facts, login: str) -> str | None:
    """The numeric UID a `useradd --uid N login` of the final image gave the user, or the
    one a well-known name always has."""
    for stage in final_stages(facts.dockerfile):
        for inst in stage.instructions:
            for command in facts.commands(inst):
                added = useradd_of(command)
                if added is not None and added.login == login and is_numeric_id(added.uid):
                    return added.uid
    return WELL_KNOWN_UIDS.get(login)
