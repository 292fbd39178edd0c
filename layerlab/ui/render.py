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
    """The Dockerfile highlighted by pygments, with `lines` (1-based) marked."""
    css_class = f"ll-{tone}"
    formatter = HtmlFormatter(
        linenos="inline", hl_lines=sorted(set(lines)), cssclass=css_class, wrapcode=True
    )
    style = (
        f"{formatter.get_style_defs('.' + css_class)}"
        f" .{css_class} .hll {{background:{HIGHLIGHT[tone]}}}"
        f" .{css_class} pre {{white-space:pre-wrap; margin:0; padding:.5rem;"
        f" border-radius:.5rem; font-size:var(--ll-code-size, .9rem)}}"
    )
    return f"<style>{style}</style>" + highlight(text, DockerLexer(), formatter)


def show_dockerfile(text: str, lines: Iterable[int] = (), *, tone: str = "flag") -> None:
    st.html(dockerfile_html(text, lines, tone=tone))


def changed_lines(before: str, after: str) -> tuple[list[int], list[int]]:
    """1-based lines of `before` that were removed or changed, and of `after` that are new."""
    old, new = [], []
    matcher = difflib.SequenceMatcher(a=before.splitlines(), b=after.splitlines(), autojunk=False)
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if tag != "equal":
            old += range(a1 + 1, a2 + 1)
            new += range(b1 + 1, b2 + 1)
    return old, new


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
