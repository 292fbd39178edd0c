"""LL2xx: image size and unneeded packages (deck: レイヤ, 不要なパッケージ)."""
