"""LL6xx: Python specifics."""
