"""Projector mode: large type, high contrast, no chrome, arrow keys or a clicker to move on.

The keyboard listener is a few lines of inline script in the page itself (st.html with
JavaScript allowed): nothing is fetched. It clicks the lesson's own previous/next buttons, so
navigation stays in Python; it ignores keys typed into inputs and the editor.
"""

from __future__ import annotations

import streamlit as st

MARKER = "projector-on"
CONTROLS = "projector-controls"  # the container navigation puts the controls in

STYLE = """
<style>
html { font-size: 24px !important; }
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stSidebar"],
[data-testid="stSidebarCollapsedControl"], [data-testid="stDecoration"], footer {
  display: none !important;
}
.stMain, .stApp { background: #ffffff; color: #000000; }
.stMain .block-container { padding-top: 1rem; max-width: 100%; }
.stMain p, .stMain li, .stMain td, .stMain th { font-size: 1.25rem; line-height: 1.5; }
.stMain h1 { font-size: 2.6rem; }
.stMain h2 { font-size: 2.1rem; }
.stMain h3 { font-size: 1.7rem; }
.stMain code { color: #000000; background: #ececec; }
:root { --ll-code-size: 1.15rem; }
/* A metric is read from the back of the room: its value well above its label. */
.stMain [data-testid="stMetricValue"], .stMain [data-testid="stMetricValue"] * {
  font-size: 3rem !important; line-height: 1.15; font-weight: 600;
}
.stMain [data-testid="stMetricLabel"], .stMain [data-testid="stMetricLabel"] p {
  font-size: 1.1rem !important; line-height: 1.3;
}
/* The app's own controls (language, projector) stay one slim row above the content. */
.st-key-CONTROLS { gap: 0.25rem; }
.st-key-CONTROLS p, .st-key-CONTROLS label { font-size: 0.8rem !important; line-height: 1.2; }
.st-key-CONTROLS [data-testid="stWidgetLabel"] { min-height: 0; margin: 0; }
</style>
"""

KEYS = """
<script>
if (!window.__layerlabKeys) {
  window.__layerlabKeys = true;
  document.addEventListener("keydown", (event) => {
    if (!document.querySelector(".st-key-MARKER")) return;
    const target = event.target;
    const typing = "input, textarea, select, [contenteditable], .ace_editor";
    if (target.closest && target.closest(typing)) return;
    const name = {
      ArrowRight: "nav-next", PageDown: "nav-next", ArrowLeft: "nav-prev", PageUp: "nav-prev"
    }[event.key];
    const button = name && document.querySelector(".st-key-" + name + " button");
    if (button) { event.preventDefault(); button.click(); }
  });
}
</script>
""".replace("MARKER", MARKER)
STYLE = STYLE.replace("CONTROLS", CONTROLS)


def apply() -> None:
    st.html(STYLE)
    st.html(KEYS, unsafe_allow_javascript=True)
    st.container(key=MARKER, height=1, border=False)
