"""LL5xx: the build context (deck: .dockerignore で除外); run only with a context."""
