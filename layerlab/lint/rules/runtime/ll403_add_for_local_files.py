"""LL403 add-for-local-files."""

from collections.abc import Iterator
from typing import ClassVar

from layerlab.analysis import Facts
from layerlab.context import BuildContext
from layerlab.lint.findings import Level
from layerlab.lint.registry import Example, Hit, Rule
from layerlab.text import Text

REMOTE_PREFIXES = ("http://", "https://", "git@", "git://", "ssh://")
# Local tar archives that ADD unpacks: identity, gzip, bzip2 and xz (Dockerfile reference).
TAR_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tbz", ".tar.xz", ".txz")


class AddForLocalFiles(Rule):
    code = "LL403"
    name = "add-for-local-files"
    level = Level.WARNING
    lesson = "01-introduction"
    hadolint = ("DL3020",)
    aliases = ("CKV_DOCKER_4", "DS-0005")
    summary = Text(
        en="ADD of local files or folders, where COPY says what happens.",
        ja="ローカルのファイルやフォルダを ADD でコピーしています。COPY のほうが意図が明確です。",
    )
    why = Text(
        en=(
            "ADD does more than copy: it downloads URLs and unpacks local tar archives. For a "
            "plain file or folder it behaves like COPY, but a reader must check each source to "
            "know which of the three happens, and renaming `vendor.tar.gz` to "
            "`vendor.tar.gz.bak` silently turns an unpack into a copy. COPY does one thing."
        ),
        ja=(
            "ADD はコピー以外に、URL のダウンロードとローカルの tar アーカイブの展開も行います。"
            "普通のファイルやフォルダなら COPY と同じ動きですが、読む人はソースごとにどれが"
            "起きるかを確かめなければならず、`vendor.tar.gz` の名前を変えるだけで展開が"
            "ただのコピーに変わります。COPY は1つのことしかしません。"
        ),
    )
    fix = Text(
        en="Use COPY for local files and folders; keep ADD for URLs and tar archives to unpack.",
        ja=(
            "ローカルのファイルやフォルダは COPY にします。"
            "ADD は URL と展開する tar アーカイブに使います。"
        ),
    )
    messages: ClassVar[dict[str, Text]] = {
        "local_add": Text(
            en="ADD of the local {names} only copies: use COPY, which does one thing",
            ja=(
                "ローカルの {names} を ADD しても、コピーするだけです。コピーしかしない COPY を使い"
                "ます。"
            ),
        ),
    }
    versus_hadolint = Text(
        en=(
            "hadolint accepts only http(s) URLs and archive names; LayerLab also accepts git "
            "URLs (`git@host:repo.git`, which BuildKit clones) and reports a tar archive "
            "added with `--unpack=false`, which is a plain copy. hadolint also takes a bare "
            "`.gz`, `.bz2` or `.xz` name for an archive; Docker unpacks only tar archives, so "
            "`ADD data.json.gz /data/` copies the compressed file as it is, and COPY says so "
            "plainly. LayerLab treats such a name as a file; a tarball named that way "
            "(rather than `.tar.gz` or `.tgz`) is reported wrongly."
        ),
        ja=(
            "hadolint が認めるのは http(s) の URL とアーカイブ名だけです。LayerLab は git の "
            "URL (`git@host:repo.git`、BuildKit が clone します) も認め、`--unpack=false` で"
            "追加する tar アーカイブはただのコピーなので報告します。hadolint は `.gz`・`.bz2`・"
            "`.xz` だけの名前もアーカイブとみなしますが、Docker が展開するのは tar アーカイブ"
            "だけなので、`ADD data.json.gz /data/` は圧縮ファイルをそのままコピーします。それなら "
            "COPY のほうが意図が明確です。LayerLab はこうした名前をファイルとして扱うため、"
            "`.tar.gz` や `.tgz` ではない名前の tar アーカイブは誤って報告されます。"
        ),
    )
    bad = (
        Example("FROM python:3.12-slim\nADD . /app\n", lines=(2,), note="the whole context"),
        Example(
            "FROM python:3.12-slim\nADD --chown=app:app requirements.txt app.py /app/\n",
            lines=(2,),
            note="several files, with a flag",
        ),
        Example(
            "FROM python:3.12-slim\nADD wheels.zip /tmp/\n",
            lines=(2,),
            note="ADD does not unpack zip files",
        ),
        Example(
            "FROM python:3.12-slim\nADD --unpack=false vendor.tar /opt/\n",
            lines=(2,),
            note="an archive that is not unpacked",
        ),
        Example(
            "FROM python:3.12-slim\nADD fixtures.json.gz /app/fixtures/\n",
            lines=(2,),
            note="a gzip file, not a tar: Docker copies it as it is",
        ),
    )
    good = (
        Example("FROM python:3.12-slim\nCOPY . /app\n", note="COPY"),
        Example("FROM python:3.12-slim\nADD https://example.com/tool.tar.gz /tmp/\n", note="a URL"),
        Example(
            "FROM python:3.12-slim\nADD git@github.com:moby/buildkit.git /src\n",
            note="a git URL",
        ),
        Example("FROM python:3.12-slim\nADD rootfs.tar.xz /\n", note="a local tar to unpack"),
        Example("FROM python:3.12-slim\nADD ${SRC} /app/\n", note="a variable is skipped"),
    )

    def check(self, facts: Facts, context: BuildContext | None) -> Iterator[Hit]:
        for inst in facts.dockerfile.instructions:
            copy = facts.copy(inst) if inst.keyword == "ADD" else None
            if copy is None or copy.from_stage is not None:
                continue
            unpacks = inst.flag("unpack") not in ("false", "0")
            local = [s for s in copy.sources if _is_local_file(s, unpacks)]
            if local:
                names = tuple(f"`{s}`" for s in local)
                yield Hit(inst.start_line, "local_add", {"names": names})


def _is_local_file(source: str, unpacks: bool) -> bool:
    lowered = source.lower()
    if "$" in source or lowered.startswith(REMOTE_PREFIXES):
        return False
    return not (unpacks and lowered.endswith(TAR_SUFFIXES))
