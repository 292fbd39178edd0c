"""Container paths: absolute from a working directory, and inside a folder."""

from __future__ import annotations

import posixpath


def absolute(path: str, cwd: str) -> str:
    return posixpath.normpath(posixpath.join(cwd, path))


def is_inside(path: str, folder: str, inclusive: bool = False) -> bool:
    folder = folder.rstrip("/") or "/"
    if inclusive and path == folder:
        return True
    return path.startswith(folder if folder == "/" else folder + "/")
