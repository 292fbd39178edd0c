"""LayerLab's Streamlit entry point."""

import streamlit as st

st.set_page_config(page_title="LayerLab", layout="wide")
st.title("LayerLab")
st.write("Lessons and the build lab arrive with the workspace issue; `layerlab lint` works today.")
