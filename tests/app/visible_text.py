"""What a page shows a reader, from an AppTest run, and which of it is in the other language.

Code is allowed in either language: code spans and blocks, Dockerfile views, the editor's
text, rule IDs and names, file names, Docker keywords and commands, product names.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from typing import Any

from streamlit.testing.v1 import AppTest

CODE_TYPES = frozenset({"code", "json", "component_instance"})
FENCED = re.compile(r"^\s*(```|~~~).*?^\s*\1", re.MULTILINE | re.DOTALL)
CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.DOTALL)
DIRECTIVE = re.compile(r":material/[a-z_]+:|:[a-z]+(?:-badge|-background)?\[|[\]*_\\#|>]")
URL = re.compile(r"https?://\S+")
# A command and its subcommand (`pip install`, `docker build`) written without backticks.
COMMAND = re.compile(
    r"(?<![\w.-])(?:docker|buildx|pip3?|pipenv|poetry|uv|apt-get|apt|apk|git|npm)\b"
    r"(?! ?-)(?: [a-z][a-z-]*)?"
)
# What a program prints, quoted (「Do you want to continue? [Y/n]」, 'not found'), and literal
# words listed with the Japanese comma (public、file、path).
QUOTED = re.compile(r"「[\x20-\x7e]+」|'[\x20-\x7e]+?'|\"[\x20-\x7e]+?\"|[a-z]+(?:、[a-z]+)+")
NAMES = ("Cloud Run",)  # product names made of common words
TAG = re.compile(r"<(style|script)\b.*?</\1>|<[^>]+>", re.DOTALL)
JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff66-\uff9f]+")
ASCII_WORD = re.compile(r"(?<![\w./$-])[A-Za-z][A-Za-z']+(?![\w/.-]*[\w/])")
# Words that only an English sentence uses; names, keywords and commands are not in here.
ENGLISH_WORDS = """
    a about above after again all also an and any are as at be because been before being
    below but by can cannot could did do does done each every few for from had has have here
    how if in into is it its just less may more most must my no nor not now of off on once
    only or other our out over own per same should so some such than that the their them then
    there these they this those through to too under until up very was we were what when where
    which while who why will with would yet you your yours
    add added apply build builds browse cached change changed check choose click cold copy
    drag drop edit edited error file files find findings fix gone image images keep
    learn lesson lessons line lines next open passed previous reported run runs score show
    start step steps style upload warning well yours"""
ENGLISH = frozenset(ENGLISH_WORDS.split())
ALLOWED_JAPANESE = ("日本語",)  # the language picker names each language in itself


def visible_texts(at: AppTest) -> Iterator[str]:
    """Every string the page shows, code views and editor contents excluded."""
    yield from _walk(at._tree)


def _walk(node: Any) -> Iterator[str]:
    for child in getattr(node, "children", {}).values():
        kind = getattr(child, "type", "")
        if kind not in CODE_TYPES:
            yield from _texts(child, kind)
        yield from _walk(child)


def _texts(node: Any, kind: str) -> Iterator[str]:
    proto = getattr(node, "proto", None)
    if kind == "vega_lite_chart":
        yield from _chart_words(json.loads(proto.spec))
        return
    if kind in ("table", "dataframe", "arrow_data_frame"):
        frame = node.value
        yield from (str(column) for column in frame.columns)
        yield from (
            cell for row in frame.itertuples(index=False) for cell in row if isinstance(cell, str)
        )
        return
    if kind == "html":
        if 'class="ll-' not in node.value:  # Dockerfile views and diffs are code
            yield html.unescape(TAG.sub(" ", node.value))
        return
    for field in ("body", "label", "help", "placeholder", "text"):
        value = getattr(proto, field, None)
        if isinstance(value, str) and value and not (kind == "text_area" and field == "body"):
            yield value
    for option in getattr(proto, "options", ()):
        yield option if isinstance(option, str) else getattr(option, "content", "")
    label = getattr(node, "label", None)  # expanders and tabs keep theirs on the block
    if kind in ("expandable", "tab") and isinstance(label, str):
        yield label


def _chart_words(spec: Any) -> Iterator[str]:
    """Titles, legend entries and axis labels a chart names in its spec (its data is code)."""
    if isinstance(spec, dict):
        for key, value in spec.items():
            if key in ("title", "domain", "sort", "text") and isinstance(value, str):
                yield value
            elif key in ("domain", "sort") and isinstance(value, list):
                yield from (item for item in value if isinstance(item, str))
            else:
                yield from _chart_words(value)
    elif isinstance(spec, list):
        for item in spec:
            yield from _chart_words(item)


def prose(text: str) -> str:
    """`text` without code and markup."""
    text = CODE_SPAN.sub(" ", FENCED.sub(" ", text))
    for name in NAMES:
        text = text.replace(name, " ")
    text = COMMAND.sub(" ", QUOTED.sub(" ", URL.sub(" ", text)))
    return DIRECTIVE.sub(" ", text)


def other_language(text: str, lang: str) -> list[str]:
    """The words of `text` that are in the language the page is not in."""
    words = prose(text)
    if lang == "en":
        for allowed in ALLOWED_JAPANESE:
            words = words.replace(allowed, " ")
        return JAPANESE.findall(words)
    return [w for w in ASCII_WORD.findall(words) if w.lower() in ENGLISH and not w.isupper()]
