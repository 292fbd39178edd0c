"""The layer contents chart in a page: a chart, a layer picked, its paths and waste."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def layers_app(language: str = "en") -> AppTest:
    def script() -> None:
        from layer_reports import APT_CLEANUP

        from layerlab.ui.layers_view import render_layers

        render_layers(APT_CLEANUP)

    at = AppTest.from_function(script, default_timeout=30)
    at.session_state["lang"] = language
    return at


def test_the_most_wasteful_layer_opens_first_with_its_paths() -> None:
    at = layers_app().run()
    assert not at.exception
    assert at.selectbox(key="layers_pick").value == 1
    assert len(at.get("vega_lite_chart")) == 1
    assert "/var/lib/apt/lists/x" in str(at.dataframe[0].value)
    assert any("deleted or overwritten by layer 2, line 3" in m.value for m in at.markdown)


def test_picking_the_cleanup_layer_shows_whose_bytes_it_wasted() -> None:
    at = layers_app().run()
    at.selectbox(key="layers_pick").set_value(2).run()
    assert any(
        "written by layer 1, line 2, deleted or overwritten here" in m.value for m in at.markdown
    )


def test_the_labels_follow_the_language() -> None:
    at = layers_app("ja").run()
    assert at.subheader[0].value == "レイヤーの中身"
