"""Japanese prose from hard-wrapped Markdown: line breaks that would render as stray spaces.

Markdown turns a line break inside a paragraph into a space. English needs it; Japanese does
not: a source wrapped after 「安全に動かせる」 would show 「安全に動かせる イメージです」.
`unwrap` joins such lines, leaving code blocks, tables, headings and list structure alone.
"""

from __future__ import annotations

import re

# Kana, CJK ideographs, CJK and full-width punctuation: characters a Japanese sentence runs
# on without spaces.
JAPANESE = r"\u3000-\u303f\u3040-\u309f\u30a0-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"
JAPANESE_RE = re.compile(f"[{JAPANESE}]")
# Punctuation after which a Japanese sentence never takes a space, whatever follows.
CLOSING = frozenset("、。，．・：；！？」』）〕】〉》")
OPENING = frozenset("「『（〔【〈《")
FENCE_RE = re.compile(r"^\s*(```|~~~)")
BLOCK_START_RE = re.compile(r"^\s*([-*+]\s|\d+[.)]\s|#|\||>|```|~~~)")


def is_japanese(char: str) -> bool:
    return bool(JAPANESE_RE.match(char))


def joins_without_space(before: str, after: str) -> bool:
    """Whether a line ending in `before` and one starting with `after` form one run of text."""
    if not before or not after:
        return False
    last, first = before[-1], after[0]
    if last in CLOSING or first in CLOSING or last in OPENING:
        return True
    return is_japanese(last) and is_japanese(first)


def unwrap(markdown: str) -> str:
    """Join hard-wrapped lines of Japanese paragraphs and list items without a space."""
    out: list[str] = []
    in_fence = False
    for line in markdown.split("\n"):
        if FENCE_RE.match(line):
            in_fence = not in_fence
            out.append(line)
            continue
        previous = out[-1] if out else ""
        if (
            not in_fence
            and _continues(previous, line)
            and joins_without_space(previous.rstrip(), line.lstrip())
        ):
            out[-1] = previous.rstrip() + line.lstrip()
            continue
        out.append(line)
    return "\n".join(out)


def _continues(previous: str, line: str) -> bool:
    """`line` continues the paragraph or list item of `previous` (Markdown's soft break)."""
    if not previous.strip() or not line.strip():
        return False
    if previous.endswith(("  ", "\\")):  # a hard line break the author asked for
        return False
    if BLOCK_START_RE.match(line) or FENCE_RE.match(previous):
        return False
    return not previous.lstrip().startswith(("#", "|"))
