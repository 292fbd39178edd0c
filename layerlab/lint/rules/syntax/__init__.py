"""LL0xx: syntax and structure."""
