"""LL006 duplicate-cmd."""

from collections.abc import Iterator
from typing import ClassVar

from layerlab.context import BuildContext
from layerlab.dockerfile import Dockerfile
from layerlab.lint.findings import Level
from layerlab.lint.registry import Example, Hit, Rule
from layerlab.text import Text

# The instructions of which only the last one in a stage counts, with hadolint's code.
SINGLE = {"CMD": "DL4003", "ENTRYPOINT": "DL4004", "HEALTHCHECK": "DL3012"}


class DuplicateCmd(Rule):
    code = "LL006"
    name = "duplicate-cmd"
    level = Level.WARNING
    lesson = "01-introduction"
    hadolint = ("DL4003", "DL4004", "DL3012")
    aliases = ("MultipleInstructionsDisallowed",)
    summary = Text(
        en="More than one CMD, ENTRYPOINT or HEALTHCHECK in one stage.",
        ja="1つのステージに CMD、ENTRYPOINT、HEALTHCHECK が複数あります。",
    )
    why = Text(
        en=(
            "A container runs one main process, and a stage keeps only its last CMD, "
            "ENTRYPOINT and HEALTHCHECK; the earlier ones are silently dropped. A second CMD "
            "usually means someone hoped to start two processes, which needs two containers."
        ),
        ja=(
            "コンテナが動かす主プロセスは1つで、ステージに残るのは最後の CMD、ENTRYPOINT、"
            "HEALTHCHECK だけです。それより前のものは黙って捨てられます。CMD が2つあるのは、"
            "たいてい2つのプロセスを起動したいという意図で、それにはコンテナを2つに分けます。"
        ),
    )
    fix = Text(
        en="Keep one of each per stage; run a second process in its own container.",
        ja="各ステージに1つずつだけ残し、別のプロセスは別のコンテナで動かします。",
    )
    messages: ClassVar[dict[str, Text]] = {
        "duplicate": Text(
            en=(
                "another {keyword} in stage {stage} (the first is on line {line}): only the last "
                "one takes effect"
            ),
            ja=(
                "ステージ {stage} に {keyword} が複数あります (最初は {line} 行目)。有効なのは最後"
                "の 1 つだけです。"
            ),
        ),
    }
    bad = (
        Example(
            'FROM python:3.12-slim\nCMD ["celery", "worker"]\nCMD ["gunicorn", "app:app"]\n',
            lines=(3,),
            note="two CMDs",
        ),
        Example(
            'FROM python:3.12-slim\nENTRYPOINT ["python"]\nENTRYPOINT ["gunicorn"]\n',
            lines=(3,),
            note="two ENTRYPOINTs",
        ),
        Example(
            "FROM python:3.12-slim\nHEALTHCHECK CMD curl -f http://localhost/\nHEALTHCHECK NONE\n",
            lines=(3,),
            note="two HEALTHCHECKs",
        ),
    )
    good = (
        Example(
            'FROM python:3.12-slim\nENTRYPOINT ["gunicorn"]\nCMD ["app:app"]\n',
            note="one ENTRYPOINT and one CMD",
        ),
        Example(
            'FROM python:3.12 AS test\nCMD ["pytest"]\n'
            'FROM python:3.12-slim\nCMD ["gunicorn", "app:app"]\n',
            note="one CMD in each stage",
        ),
    )

    def check(self, dockerfile: Dockerfile, context: BuildContext | None) -> Iterator[Hit]:
        for stage in dockerfile.stages:
            first: dict[str, int] = {}
            for inst in stage.instructions:
                if inst.keyword not in SINGLE:
                    continue
                line = first.setdefault(inst.keyword, inst.start_line)
                if line != inst.start_line:
                    yield Hit(
                        inst.start_line,
                        "duplicate",
                        {"keyword": inst.keyword, "stage": stage.label, "line": line},
                        hadolint=SINGLE[inst.keyword],
                    )
