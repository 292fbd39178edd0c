"""LayerLab's Streamlit entry point: the page list; everything else lives in layerlab.ui."""

import streamlit as st

from layerlab.ui.navigation import pages

st.set_page_config(page_title="LayerLab", layout="wide")
st.navigation(pages()).run()
