"""Miss reasons: a key and parameters, said in Japanese or English."""

from __future__ import annotations

import json

import pytest

from layerlab.cache.reasons import EARLIER, FILES, STAGE, TEMPLATES, Reason
from layerlab.text import fields


@pytest.mark.parametrize("key", sorted(TEMPLATES))
def test_every_template_has_the_same_fields_in_both_languages(key: str) -> None:
    assert fields(TEMPLATES[key].ja) == fields(TEMPLATES[key].en)


def test_a_reason_reads_in_the_language_asked_for() -> None:
    reason = Reason(EARLIER, {"line": 6, "instruction": "COPY . ."})
    assert reason.text("en") == "an earlier step ran again: line 6 (COPY . .)"
    assert reason.text("ja") == "前のステップが再実行されたため: 6 行目 (COPY . .)"


def test_a_list_of_files_is_joined_the_way_each_language_lists() -> None:
    reason = Reason(FILES, {"files": ("Pipfile", "Pipfile.lock")})
    assert reason.text("en") == "a file it copies changed: Pipfile, Pipfile.lock"
    assert reason.text("ja") == "コピーするファイルが変わりました: Pipfile、Pipfile.lock"


def test_a_reason_goes_through_json_and_back_unchanged() -> None:
    reason = Reason(STAGE, {"stage": "builder", "line": 20})
    data = json.loads(json.dumps(reason.to_dict()))
    assert data["key"] == STAGE and data["en"].startswith("stage builder ran again")
    assert Reason.from_dict(data) == reason
    files = Reason(FILES, {"files": ("a.py",)})
    assert Reason.from_dict(json.loads(json.dumps(files.to_dict()))) == files


def test_an_unknown_key_is_refused_when_read_back() -> None:
    with pytest.raises(ValueError, match="unknown miss reason 'gossip'"):
        Reason.from_dict({"key": "gossip", "params": {}})
