"""LL001 parse-error."""

from collections.abc import Iterator
from typing import ClassVar

from layerlab.context import BuildContext
from layerlab.dockerfile import Dockerfile
from layerlab.lint.findings import Level
from layerlab.lint.registry import Example, Hit, Rule
from layerlab.text import Text


class ParseError(Rule):
    code = "LL001"
    name = "parse-error"
    level = Level.ERROR
    lesson = "01-introduction"
    hadolint = ("DL1000", "DL3061")
    summary = Text(
        en="Docker cannot read this line.",
        ja="Docker がこの行を読めません。",
    )
    why = Text(
        en=(
            "An unknown instruction, a continuation '\\' with nothing after it, a heredoc that "
            "is never closed, or an instruction before the first FROM stops `docker build` "
            "before any step runs. LayerLab reports the line and keeps linting the rest."
        ),
        ja=(
            "未知の命令、続きのない行継続 '\\'、閉じられていないヒアドキュメント、最初の FROM "
            "より前の命令があると、`docker build` は1ステップも実行せずに止まります。"
            "LayerLab はその行を示し、残りの部分の検査を続けます。"
        ),
    )
    fix = Text(
        en="Fix the line: spell the instruction right, close the heredoc, start with FROM.",
        ja="その行を直します。命令の綴りを正し、ヒアドキュメントを閉じ、FROM から始めます。",
    )
    messages: ClassVar[dict[str, Text]] = {
        "unknown_instruction": Text(
            en="unknown instruction '{instruction}'",
            ja="'{instruction}' は Dockerfile の命令ではありません。",
        ),
        "before_from": Text(
            en="{instruction} comes before the first FROM; only ARG may",
            ja=(
                "{instruction} が最初の FROM より前にあります。FROM より前に書けるのは ARG だけです"
                "。"
            ),
        ),
        "from_without_image": Text(
            en="FROM needs an image",
            ja="FROM にイメージが指定されていません。",
        ),
        "continuation_at_eof": Text(
            en="the line ends with a continuation '{escape}' but the file ends here",
            ja="行末が行継続の '{escape}' ですが、ファイルはここで終わっています。",
        ),
        "open_heredoc": Text(
            en="the heredoc <<{delimiter} is never closed: no line '{delimiter}' follows",
            ja=(
                "ヒアドキュメント <<{delimiter} が閉じられていません。'{delimiter}' だけの行があり"
                "ません。"
            ),
        ),
        "repeated_directive": Text(
            en="only one '{directive}' directive may be used",
            ja="'{directive}' ディレクティブは 1 つしか書けません。",
        ),
        "bad_escape": Text(
            en="the escape character must be a backslash or a backtick, not {escape}",
            ja=(
                "エスケープ文字にはバックスラッシュかバッククォートしか使えません "
                "({escape} は使えません)。"
            ),
        ),
        "too_large": Text(
            en="the file is {size_kb} KB; LayerLab reads Dockerfiles up to {max_kb} KB",
            ja=(
                "ファイルが {size_kb} KB あります。LayerLab が読める Dockerfile は {max_kb} KB まで"
                "です。"
            ),
        ),
        "not_utf8": Text(
            en="line {line}: the file is not UTF-8 text",
            ja="{line} 行目: ファイルが UTF-8 のテキストではありません。",
        ),
    }
    versus_hadolint = Text(
        en=(
            "hadolint stops at the first parse error (DL1000) and reports nothing else for the "
            "file; it also fails on a comment after a heredoc. LayerLab reads heredocs and "
            "lints everything it can."
        ),
        ja=(
            "hadolint は最初の構文エラー (DL1000) で止まり、そのファイルの他の問題を報告しません。"
            "ヒアドキュメントの後のコメントでも失敗します。LayerLab はヒアドキュメントを読み、"
            "読める部分はすべて検査します。"
        ),
    )
    bad = (
        Example("# escape=x\nFROM python:3.12-slim\n", lines=(1,), note="unknown escape character"),
        Example(
            "# syntax=docker/dockerfile:1\n# syntax=docker/dockerfile:1\nFROM python:3.12-slim\n",
            lines=(2,),
            note="a directive twice",
        ),
        Example("FROM python:3.12-slim\nECHO hello\n", lines=(2,), note="unknown instruction"),
        Example("FROM python:3.12-slim\nRUN echo hi \\\n", lines=(2,), note="continuation at EOF"),
        Example("FROM python:3.12-slim\nRUN <<EOF\necho hi\n", lines=(2,), note="open heredoc"),
        Example("WORKDIR /app\nFROM python:3.12-slim\n", lines=(1,), note="before FROM"),
        Example("FROM\n", lines=(1,), note="FROM without an image"),
    )
    good = (
        Example('FROM python:3.12-slim\nRUN <<EOF\necho hi\nEOF\n# a comment\nCMD ["sh"]\n'),
        Example("ARG PY=3.12\nFROM python:${PY}-slim\n", note="ARG before FROM"),
    )

    def check(self, dockerfile: Dockerfile, context: BuildContext | None) -> Iterator[Hit]:
        for problem in dockerfile.problems:
            if problem.code == self.code:
                yield Hit(problem.line, problem.key, problem.params, hadolint=problem.hadolint)
