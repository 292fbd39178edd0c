"""Page bodies: leaves that only render. They link to each other through layerlab.ui.routes."""
