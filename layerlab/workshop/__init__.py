"""Workshop mode: one instance for a room of learners, with a facilitator view."""
