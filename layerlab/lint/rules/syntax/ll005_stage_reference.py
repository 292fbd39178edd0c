"""LL005 stage-reference."""

from collections.abc import Iterator
from difflib import get_close_matches
from typing import ClassVar

from layerlab.analysis import Facts
from layerlab.context import BuildContext
from layerlab.dockerfile import Dockerfile, Instruction, Stage, is_index
from layerlab.lint.findings import Level
from layerlab.lint.registry import Example, Hit, Rule
from layerlab.text import Text

# How close (difflib's ratio) a --from name must be to a stage's name to be taken for a slip.
SIMILAR = 0.75
# Characters only an image reference has (`python:3.12`, `ghcr.io/astral-sh/uv`, `@sha256:`).
IMAGE_MARKERS = (":", "/", "@")


class StageReference(Rule):
    code = "LL005"
    name = "stage-reference"
    level = Level.ERROR
    lesson = "07-multi-stage"
    hadolint = ("DL3022", "DL3023", "DL3024")
    aliases = ("DuplicateStageName",)
    summary = Text(
        en="A stage name that is reused, or a FROM / COPY --from that names the wrong stage.",
        ja="ステージ名が重複しているか、FROM / COPY --from が誤ったステージを指しています。",
    )
    why = Text(
        en=(
            "A multi-stage build passes files from a builder stage to the final stage by "
            "name. A stage cannot copy from itself, two stages cannot share a name, and a "
            "stage can only use stages written above it: the classic builder reads a later "
            "name as an image to pull. A `--from` that names no stage at all is pulled from a "
            "registry, which is almost always a typo."
        ),
        ja=(
            "マルチステージビルドでは、ビルド用ステージから最終ステージへ名前でファイルを"
            "受け渡します。自分自身からはコピーできず、同じ名前のステージは2つ作れず、"
            "使えるのは上に書かれたステージだけです (従来のビルダーは後ろの名前を取得すべき"
            "イメージとして読みます)。どのステージも指さない `--from` はレジストリから"
            "取得されます。ほとんどの場合は打ち間違いです。"
        ),
    )
    fix = Text(
        en="Give each stage a unique name and order the stages so each uses only earlier ones.",
        ja="ステージに重複しない名前を付け、前のステージだけを使う順に並べます。",
    )
    messages: ClassVar[dict[str, Text]] = {
        "duplicate_name": Text(
            en="the stage name '{name}' is already used by the FROM on line {line}",
            ja="ステージ名 '{name}' は {line} 行目の FROM ですでに使われています。",
        ),
        "from_own_stage": Text(
            en=(
                "FROM {base} names the stage defined by this same FROM: a stage can only build on "
                "stages above it, so this pulls an image called '{base}' instead"
            ),
            ja=(
                "FROM {base} は、この FROM 自身が定義するステージを指しています。土台にできるのは上"
                "にあるステージだけなので、代わりに '{base}' という名前のイメージを pull しにいきま"
                "す。"
            ),
        ),
        "from_later_stage": Text(
            en=(
                "FROM {base} names the stage defined by the FROM on line {line}: a stage can only "
                "build on stages above it, so this pulls an image called '{base}' instead"
            ),
            ja=(
                "FROM {base} は {line} 行目の FROM が定義するステージを指しています。土台にできるの"
                "は上にあるステージだけなので、代わりに '{base}' という名前のイメージを pull しにい"
                "きます。"
            ),
        ),
        "copy_from_self": Text(
            en="COPY --from={ref} names its own stage: a stage cannot copy from itself",
            ja=(
                "COPY --from={ref} は自分自身のステージを指しています。ステージは自分自身からはコピ"
                "ーできません。"
            ),
        ),
        "copy_from_later": Text(
            en=(
                "COPY --from={ref} names the stage on line {line}, defined after this one: move "
                "that stage above"
            ),
            ja=(
                "COPY --from={ref} は {line} 行目の、このステージより後に定義されたステージを指して"
                "います。そのステージを上に移します。"
            ),
        ),
        "copy_from_index": Text(
            en=(
                "COPY --from={ref} names no stage: stages are numbered from 0 and this file has "
                "{count}"
            ),
            ja=(
                "COPY --from={ref} に該当するステージがありません。ステージ番号は 0 から始まり、こ"
                "のファイルのステージは {count} 個です。"
            ),
        ),
        "copy_from_typo": Text(
            en=(
                "COPY --from={ref} names no stage: did you mean the stage '{name}' (line "
                "{line})? As written, Docker looks for a build context or an image called "
                "'{ref}'"
            ),
            ja=(
                "COPY --from={ref} に該当するステージがありません。{line} 行目のステージ "
                "'{name}' のつもりではありませんか。このままだと Docker は '{ref}' という名前の"
                "ビルドコンテキストかイメージを探しにいきます。"
            ),
        ),
        "copy_from_unnamed": Text(
            en=(
                "COPY --from={ref} names no stage, and the stage above on line {line} has no "
                "name: add `AS {ref}` to its FROM, or Docker looks for a build context or an "
                "image called '{ref}'"
            ),
            ja=(
                "COPY --from={ref} に該当するステージがなく、{line} 行目のステージには名前があり"
                "ません。その FROM に `AS {ref}` を付けます。このままだと Docker は '{ref}' という"
                "名前のビルドコンテキストかイメージを探しにいきます。"
            ),
        ),
    }
    versus_hadolint = Text(
        en=(
            "Docker compares stage names case-insensitively; so does LayerLab, while hadolint "
            "compares them exactly. LayerLab also checks FROM, not only COPY --from. A "
            "`--from=<index>` pointing at its own stage is reported under DL3022, as hadolint "
            "does (DL3023 is for stage names). A `--from` name that is no stage is reported "
            "only when it looks like a slip: close to a stage's name, or with an unnamed stage "
            "above to copy from. Any other name is a named build context (`docker buildx build "
            "--build-context NAME=...`, bake's `contexts`) or an image, which hadolint reports "
            "and LayerLab does not."
        ),
        ja=(
            "Docker はステージ名の大文字・小文字を区別しません。LayerLab も同じですが、"
            "hadolint は区別します。LayerLab は COPY --from だけでなく FROM も調べます。"
            "自分のステージを指す `--from=<番号>` は hadolint と同じく DL3022 として報告します "
            "(DL3023 はステージ名の場合)。どのステージも指さない `--from` の名前は、書き間違い"
            "らしいときだけ報告します: ステージ名に近いとき、または名前のないステージが上にある"
            "ときです。それ以外の名前は名前付きビルドコンテキスト (`docker buildx build "
            "--build-context NAME=...`、bake の `contexts`) かイメージなので、hadolint は報告"
            "しますが LayerLab は報告しません。"
        ),
    )
    bad = (
        Example(
            "FROM python:3.12-slim\nCOPY --from=3 /w /w\n",
            lines=(2,),
            note="a stage number past the end",
        ),
        Example("FROM base AS base\n", lines=(1,), note="FROM its own stage name"),
        Example(
            "FROM python:3.12 AS build\nCOPY --from=build /app /app\n",
            lines=(2,),
            note="COPY --from its own stage",
        ),
        Example(
            "FROM python:3.12 AS build\nFROM python:3.12-slim AS build\n",
            lines=(2,),
            note="duplicate stage name",
        ),
        Example(
            "FROM python:3.12 AS build\nFROM python:3.12-slim AS Build\n",
            lines=(2,),
            note="duplicate stage name in another case",
        ),
        Example(
            "FROM python:3.12-slim AS run\nCOPY --from=build /wheels /wheels\n"
            "FROM python:3.12 AS build\n",
            lines=(2,),
            note="COPY --from a stage defined later",
        ),
        Example(
            "FROM base\nRUN true\nFROM python:3.12-slim AS base\n",
            lines=(1,),
            note="FROM a stage defined later",
        ),
        Example(
            "FROM python:3.12 AS build\nFROM python:3.12-slim\nCOPY --from=biuld /w /w\n",
            lines=(3,),
            note="COPY --from a misspelt stage name",
        ),
        Example(
            "FROM python:3.12\nRUN pip wheel -w /w psycopg2\n"
            "FROM python:3.12-slim\nCOPY --from=builder /w /w\n",
            lines=(4,),
            note="COPY --from a name the stage above was never given",
        ),
        Example(
            "FROM python:3.12\nCOPY --from=0 /app /app\n",
            lines=(2,),
            note="numeric --from naming its own stage",
        ),
    )
    good = (
        Example(
            "FROM python:3.12 AS build\nRUN pip wheel -w /w .\n"
            "FROM python:3.12-slim\nCOPY --from=build /w /w\n",
            note="COPY --from an earlier stage",
        ),
        Example(
            "FROM python:3.12-slim\nCOPY --from=ghcr.io/astral-sh/uv:0.5 /uv /bin/\n"
            "COPY --from=python:3.12 /usr/local/bin/python3 /tmp/\n",
            note="COPY --from an image",
        ),
        Example(
            "FROM python:3.12\nFROM python:3.12-slim\nCOPY --from=0 /app /app\n",
            note="numeric --from an earlier stage",
        ),
        Example(
            "FROM python:3.12 AS Build\nFROM python:3.12-slim\nCOPY --from=build /w /w\n",
            note="stage names are case-insensitive",
        ),
        Example(
            "ARG SRC=build\nFROM python:3.12 AS build\nFROM python:3.12-slim\n"
            "COPY --from=${SRC} /w /w\n",
            note="a variable is not judged",
        ),
        Example(
            "FROM python:3.12-slim AS app\nFROM app AS app-plugin\n"
            "COPY --from=plugin-src . /opt/plugin\n",
            note="a named build context (`--build-context plugin-src=...`, certbot's plugins)",
        ),
    )

    def check(self, facts: Facts, context: BuildContext | None) -> Iterator[Hit]:
        dockerfile = facts.dockerfile
        yield from _duplicate_names(dockerfile)
        named = _stages_by_name(dockerfile)
        for stage in dockerfile.stages:
            yield from _from_later_stage(dockerfile, stage, named)
            for inst in stage.instructions:
                ref = inst.flag("from") if inst.keyword == "COPY" else None
                if ref and "$" not in ref:
                    target = _referenced_stage(dockerfile, named, ref)
                    yield from _copy_from(dockerfile, stage, inst, ref, target)
                    if target is None and not is_index(ref):
                        yield from _copy_from_slip(dockerfile, stage, inst, ref, named)


def _stages_by_name(dockerfile: Dockerfile) -> dict[str, Stage]:
    """The first stage of each name, as Docker resolves a reference."""
    named: dict[str, Stage] = {}
    for stage in dockerfile.stages:
        if stage.name is not None:
            named.setdefault(stage.name, stage)
    return named


def _written_name(stage: Stage) -> str:
    words = stage.instructions[0].arguments.split() if stage.instructions else []
    return words[2] if len(words) >= 3 else ""


def _duplicate_names(dockerfile: Dockerfile) -> Iterator[Hit]:
    first: dict[str, Stage] = {}
    for stage in dockerfile.stages:
        if stage.name is None:
            continue
        earlier = first.setdefault(stage.name, stage)
        if earlier is not stage:
            # hadolint compares names exactly; Docker lower-cases them.
            same = _written_name(earlier) == _written_name(stage)
            yield Hit(
                stage.from_line,
                "duplicate_name",
                {"name": _written_name(stage), "line": earlier.from_line},
                hadolint="DL3024" if same else None,
            )


def _from_later_stage(
    dockerfile: Dockerfile, stage: Stage, named: dict[str, Stage]
) -> Iterator[Hit]:
    # With no parent, no earlier stage has this name: a match is this stage or a later one.
    other = named.get(dockerfile.expand(stage.base).lower()) if stage.parent is None else None
    if other is not None:
        if other is stage:
            yield Hit(stage.from_line, "from_own_stage", {"base": stage.base})
        else:
            params = {"base": stage.base, "line": other.from_line}
            yield Hit(stage.from_line, "from_later_stage", params)


def _copy_from(
    dockerfile: Dockerfile, stage: Stage, inst: Instruction, ref: str, target: Stage | None
) -> Iterator[Hit]:
    numeric = is_index(ref)
    if target is stage:
        # hadolint: an index that is not a previous stage is DL3022; DL3023 is for names.
        code = "DL3022" if numeric else "DL3023"
        yield Hit(inst.start_line, "copy_from_self", {"ref": ref}, hadolint=code)
    elif target is not None and target.index > stage.index:
        params = {"ref": ref, "line": target.from_line}
        yield Hit(inst.start_line, "copy_from_later", params, hadolint="DL3022")
    elif target is None and numeric:
        params = {"ref": ref, "count": len(dockerfile.stages)}
        yield Hit(inst.start_line, "copy_from_index", params, hadolint="DL3022")


def _copy_from_slip(
    dockerfile: Dockerfile, stage: Stage, inst: Instruction, ref: str, named: dict[str, Stage]
) -> Iterator[Hit]:
    """A `--from` that names no stage: a slip when close to a stage's name or when an unnamed
    stage above could be the source; any other name is a build context or an image."""
    if any(marker in ref for marker in IMAGE_MARKERS):
        return
    close = get_close_matches(ref.lower(), list(named), n=1, cutoff=SIMILAR)
    unnamed = [s for s in dockerfile.stages[: stage.index] if s.name is None]
    if close:
        params = {"ref": ref, "name": close[0], "line": named[close[0]].from_line}
        yield Hit(inst.start_line, "copy_from_typo", params, hadolint="DL3022")
    elif unnamed:
        params = {"ref": ref, "line": unnamed[-1].from_line}
        yield Hit(inst.start_line, "copy_from_unnamed", params, hadolint="DL3022")


def _referenced_stage(dockerfile: Dockerfile, named: dict[str, Stage], ref: str) -> Stage | None:
    if is_index(ref):
        index = int(ref)
        return dockerfile.stages[index] if index < len(dockerfile.stages) else None
    return named.get(ref.lower())
