"""The Streamlit views: thin pages over layerlab.lint and layerlab.lessons.

Nothing here parses a Dockerfile or talks to Docker; it renders what the package returns.
"""
