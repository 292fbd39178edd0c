"""The experiment's code edit: new to the engine every time, and harmless to any file."""

from __future__ import annotations

import json

from layerlab.cache.edits import code_edit
from layerlab.context import BuildContext

FILES = {"app.py": "def f():\n    return 1\n", "health.json": '{"status": "ok"}\n'}


def test_two_code_edits_never_give_the_same_bytes() -> None:
    context = BuildContext.from_files(FILES)
    first, second = code_edit(context, ["app.py"]), code_edit(context, ["app.py"])
    assert first.checksum("app.py") != second.checksum("app.py") != context.checksum("app.py")


def test_an_edited_python_file_still_runs_the_same() -> None:
    edited = code_edit(BuildContext.from_files(FILES), ["app.py"]).read("app.py").decode()
    namespace: dict[str, object] = {}
    exec(compile(edited, "app.py", "exec"), namespace)
    assert namespace["f"]() == 1  # type: ignore[operator]


def test_an_edited_json_file_is_still_the_same_json() -> None:
    edited = code_edit(BuildContext.from_files(FILES), ["health.json"]).read("health.json")
    assert json.loads(edited) == {"status": "ok"}
