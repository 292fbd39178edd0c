"""Learner-safe rendering: pygments views with highlighted lines, diffs, escaped markdown.

Anything that came from the learner (their Dockerfile, or a finding message quoting it) is
escaped here: a `<script>` or `**bold**` in a Dockerfile shows as those characters.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

import streamlit as st
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import DiffLexer, DockerLexer

CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.DOTALL)
ASCII_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
HIGHLIGHT = {"flag": "#ffd7d7", "bad": "#ffd7d7", "good": "#d4f5d4"}


def escape_markdown(text: str) -> str:
    """Markdown that shows `text` literally, except that `code spans` stay code spans."""
    parts, end = [], 0
    for match in CODE_SPAN.finditer(text):
        parts.append(_escape_plain(text[end : match.start()]))
        parts.append(_code_span(match.group(2)))
        end = match.end()
    parts.append(_escape_plain(text[end:]))
    return "".join(parts)


def _escape_plain(text: str) -> str:
    # CommonMark lets a backslash escape any ASCII punctuation; Streamlit's :emoji:, $math$
    # and :color[...] directives are punctuation-led too.
    return ASCII_PUNCTUATION.sub(r"\\\1", text).replace("\n", "  \n")


def _code_span(code: str) -> str:
    fence = "`" * (max((len(run) for run in re.findall(r"`+", code)), default=0) + 1)
    return f"{fence} {code} {fence}"


def dockerfile_html(text: str, lines: Iterable[int] = (), *, tone: str = "flag") -> str:
    """The Dockerfile highlighted by pygments, numbered, with `lines` (1-based) marked.

    Each line is a row of two cells, number and code, so a long line wraps under its own
    text, not under the line numbers.
    """
    css_class = f"ll-{tone}"
    formatter = HtmlFormatter(nowrap=True)
    body = highlight(text, DockerLexer(stripnl=False), formatter).split("\n")
    marked = set(lines)
    rows = "".join(
        f'<div class="{"ll-row ll-mark" if number in marked else "ll-row"}">'
        f'<span class="ll-no">{number}</span><span class="ll-line">{code or " "}</span></div>'
        for number, code in enumerate(body[: max(len(text.splitlines()), 1)], start=1)
    )
    style = (
        f"{formatter.get_style_defs('.' + css_class)}"
        f" .{css_class} {{font-family:var(--ll-code-font, monospace);"
        f" font-size:var(--ll-code-size, .9rem); line-height:1.45; background:#f8f8f8;"
        f" border-radius:.5rem; padding:.5rem 0; margin-bottom:.5rem}}"
        f" .{css_class} .ll-row {{display:grid; grid-template-columns:max-content 1fr;"
        f" column-gap:.75rem; padding:0 .6rem}}"
        f" .{css_class} .ll-no {{color:#8a8a8a; text-align:right; min-width:2ch;"
        f" user-select:none}}"
        f" .{css_class} .ll-line {{white-space:pre-wrap; overflow-wrap:anywhere}}"
        f" .{css_class} .ll-mark {{background:{HIGHLIGHT[tone]}}}"
    )
    return f'<style>{style}</style><div class="{css_class}">{rows}</div>'


def show_dockerfile(text: str, lines: Iterable[int] = (), *, tone: str = "flag") -> None:
    st.html(dockerfile_html(text, lines, tone=tone))


def changed_lines(before: str, after: str) -> tuple[list[int], list[int]]:
    """1-based lines of `before` the change removed or rewrote, and of `after` it added.

    A line diff (difflib) of the instructions: blank and comment lines are never changes,
    spacing does not count, and a line that only moved still stands in the other file.
    """
    old, new = _code_lines(before), _code_lines(after)
    old_texts, new_texts = {text for _, text in old}, {text for _, text in new}
    removed, added = [], []
    matcher = difflib.SequenceMatcher(
        a=[text for _, text in old], b=[text for _, text in new], autojunk=False
    )
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if tag != "equal":
            removed += [number for number, text in old[a1:a2] if text not in new_texts]
            added += [number for number, text in new[b1:b2] if text not in old_texts]
    return removed, added


def _code_lines(text: str) -> list[tuple[int, str]]:
    """(1-based number, the line with its spacing normalised) for each non-comment line."""
    lines = ((number, " ".join(line.split())) for number, line in enumerate(text.splitlines(), 1))
    return [(number, line) for number, line in lines if line and not line.startswith("#")]


def diff_html(before: str, after: str, *, names: tuple[str, str]) -> str | None:
    """A unified diff as highlighted HTML, or None when the texts are the same."""
    diff = "".join(
        difflib.unified_diff(
            before.splitlines(keepends=True),
            after.splitlines(keepends=True),
            fromfile=names[0],
            tofile=names[1],
        )
    )
    if not diff:
        return None
    formatter = HtmlFormatter(cssclass="ll-diff", wrapcode=True)
    style = f"{formatter.get_style_defs('.ll-diff')} .ll-diff pre {{white-space:pre-wrap}}"
    return f"<style>{style}</style>" + highlight(diff, DiffLexer(), formatter)
