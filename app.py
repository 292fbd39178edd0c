"""LayerLab's Streamlit entry point: the page list; everything else lives in layerlab.ui."""

import streamlit as st

from layerlab.ui.navigation import pages

# An emoji icon is inlined as a data: URL; without one the current page's Material icon
# becomes the favicon and is fetched from fonts.gstatic.com, which a classroom may not reach.
st.set_page_config(page_title="LayerLab", page_icon="🐳", layout="wide")
# expanded: every page listed, never "View N more" (the lab and playground sit last).
st.navigation(pages(), expanded=True).run()
