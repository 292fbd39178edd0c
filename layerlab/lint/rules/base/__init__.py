"""LL3xx: base image and updates (deck: ベースイメージとパッケージを最新化する)."""
