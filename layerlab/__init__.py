"""LayerLab: learn to write good Dockerfiles for Python apps."""

__version__ = "0.1.0"
