"""Every page, rendered in each language, shows no sentence in the other one.

Code, rule IDs and names, file names, Docker keywords and commands are allowed in both.
"""

from __future__ import annotations

import pytest
from apptest_helpers import SLUGS
from streamlit.testing.v1 import AppTest
from visible_text import other_language, visible_texts

from layerlab.ui.routes import FACILITATOR, HOME, LAB, PLAYGROUND

PAGES = [HOME, *SLUGS, PLAYGROUND, LAB, FACILITATOR]
PASSCODE = "test-passcode"


def cases() -> list[object]:
    return [pytest.param(key, lang) for key in PAGES for lang in ("ja", "en")]


def page_app(key: str, lang: str) -> AppTest:
    """The page `key` with the frame every page has (sidebar, controls), in `lang`."""

    def script(key: str, lang: str) -> None:
        import streamlit as st

        from layerlab.ui.navigation import pages

        st.query_params["lang"] = lang
        sections = pages()
        st.navigation(sections, position="hidden")
        path = "" if key == "home" else key  # the default page has the empty url_path
        page = next(p for group in sections.values() for p in group if p.url_path == path)
        page._page()  # the framed body: st.Page.run() only runs the page navigation picked

    return AppTest.from_function(script, args=(key, lang), default_timeout=60)


def strays(key: str, lang: str) -> dict[str, list[str]]:
    at = page_app(key, lang).run()
    if key == FACILITATOR:  # what the facilitator sees once signed in
        at.text_input(key="facilitator-passcode").set_value(PASSCODE)
        at.button(key="facilitator-enter").click().run()
    assert not at.exception, at.exception
    found = {text: other_language(text, lang) for text in visible_texts(at)}
    return {text[:80]: words for text, words in found.items() if words}


@pytest.fixture(autouse=True)
def facilitator_enabled(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LAYERLAB_FACILITATOR_PASSCODE", PASSCODE)


@pytest.mark.parametrize(("key", "lang"), cases())
def test_no_visible_text_in_the_other_language(key: str, lang: str) -> None:
    assert strays(key, lang) == {}


def test_the_check_finds_english_on_a_japanese_page() -> None:
    assert other_language("Upload · 200MB per file", "ja") == ["Upload", "per", "file"]


def test_the_check_allows_code_names_and_keywords_on_a_japanese_page() -> None:
    text = "`COPY . .` の後で RUN します。LL101 deps-after-source-copy、Dockerfile、uWSGI"
    assert other_language(text, "ja") == []


def test_the_check_allows_commands_and_quoted_program_output() -> None:
    text = "pip install で入ります。apt-get は「Do you want to continue? [Y/n]」と尋ねます。"
    assert other_language(text, "ja") == []


def test_the_check_finds_japanese_on_an_english_page() -> None:
    assert other_language("Findings: 指摘", "en") == ["指摘"]
