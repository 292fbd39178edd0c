"""Why a step ran again: a key and its parameters, said in the reader's language.

The predictor (layerlab.cache.simulate) gives every miss a Reason, and the experiment
(layerlab.engine.experiment) one where the engine disagreed with the prediction. The lab,
the CLI and recordings keep the key and parameters; `Reason.text(lang)` fills the template,
as lint findings' Hits are filled from their rule's messages.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from layerlab.text import LANGUAGES, Param, Text, fill

COLD = "cold"  # a --no-cache build
EARLIER = "earlier"  # an earlier step of the stage missed: line, instruction
FILES = "files"  # files a COPY/ADD (or a bind mount) reads changed: files
ARGS = "args"  # build arguments a RUN sees changed: names
STAGE = "stage"  # the stage it copies from re-ran: stage, line
INPUTS = "inputs"  # it ran on this parent before, with other inputs
NEW = "new"  # this instruction never ran on this parent
ON_ENGINE = "on-engine"  # predicted cached by what an earlier experiment left on the engine
OUTSIDE = "outside"  # predicted to run; the engine had it cached from before the experiment
GONE = "gone"  # predicted cached; the engine ran it, its cache entry was gone

TEMPLATES: dict[str, Text] = {
    COLD: Text(en="cold build: the cache is not used", ja="キャッシュなしのビルドです"),
    EARLIER: Text(
        en="an earlier step ran again: line {line} ({instruction})",
        ja="前のステップが再実行されたため: {line} 行目 ({instruction})",
    ),
    FILES: Text(
        en="a file it copies changed: {files}", ja="コピーするファイルが変わりました: {files}"
    ),
    ARGS: Text(en="a build argument changed: {names}", ja="ビルド引数が変わりました: {names}"),
    STAGE: Text(
        en=(
            "stage {stage} ran again (from line {line}), so its output is taken as changed "
            "(had it come out byte-identical, this step and the later ones would have stayed "
            "cached)"
        ),
        ja=(
            "ステージ {stage} が再実行されたため ({line} 行目から)、その出力は変わったものと"
            "みなします (出力がバイト単位で同じなら、このステップ以降はキャッシュのままでした)"
        ),
    ),
    INPUTS: Text(
        en="its inputs changed since the last build", ja="前回のビルドから入力が変わりました"
    ),
    NEW: Text(
        en="its instruction changed: this exact step never ran on this parent",
        ja="命令が変わりました: この親レイヤーの上でこのステップを実行したことがありません",
    ),
    ON_ENGINE: Text(
        en="cached by an earlier build on this engine",
        ja="このエンジンでの以前のビルドのキャッシュが使われます",
    ),
    OUTSIDE: Text(
        en="cached from a build before this experiment",
        ja="この実験より前のビルドのキャッシュが使われました",
    ),
    GONE: Text(
        en="the engine ran it again: its cache entry was gone",
        ja="キャッシュが消えていたため、エンジンが再実行しました",
    ),
}


@dataclass(frozen=True)
class Reason:
    key: str  # a key of TEMPLATES
    params: Mapping[str, Param] = field(default_factory=dict)

    def text(self, lang: str) -> str:
        return fill(TEMPLATES, self.key, self.params, lang)

    def to_dict(self) -> dict[str, Any]:
        """The key and parameters (lists as lists), and the text in each language."""
        params = {k: list(v) if isinstance(v, tuple) else v for k, v in self.params.items()}
        return {"key": self.key, "params": params} | {lang: self.text(lang) for lang in LANGUAGES}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Reason:
        """Read back what `to_dict` (or dataclasses.asdict) wrote; the texts are not needed."""
        if data["key"] not in TEMPLATES:
            raise ValueError(f"unknown miss reason {data['key']!r}")
        params = {k: tuple(v) if isinstance(v, list) else v for k, v in data["params"].items()}
        return cls(data["key"], params)
