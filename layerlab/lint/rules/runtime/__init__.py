"""LL4xx: runtime and security (deck: 一般ユーザー, 1コンテナ1プロセス)."""
