"""Real builds on a Docker engine: engine discovery, two backends, layer sizes, experiments."""
