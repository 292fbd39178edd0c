"""LL1xx: the build cache (deck: ビルド時キャッシュを活用する)."""
