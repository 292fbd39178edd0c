"""Finding messages: every rule's templates exist in Japanese and English with the same
parameters, every key a rule names has a template, and Japanese findings read as Japanese."""

from __future__ import annotations

import ast
import inspect
import re
from pathlib import Path

import pytest

import layerlab.dockerfile
from layerlab.context import BuildContext
from layerlab.dockerfile import MAX_BYTES
from layerlab.lint import lint, lint_bytes, localize
from layerlab.lint.registry import Example, Rule, all_rules
from layerlab.text import LANGUAGES, Part, Text, fields

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
_WIDE = r"[\u3000-\u303f\u3040-\u30ff\u4e00-\u9fff\uff00-\uffef]"
STRAY_SPACE = re.compile(f"{_WIDE} {_WIDE}")  # Japanese does not put spaces between words
CALLS_NAMING_A_KEY = {"Hit": 1, "Part": 0, "Problem": 2, "DockerfileInputError": 0}


def _bad_cases() -> list[object]:
    return [
        pytest.param(rule, example, id=f"{rule.code}-bad{i}")
        for rule in all_rules()
        for i, example in enumerate(rule.bad)
    ]


def _lint(example: Example, lang: str) -> list:
    context = BuildContext.from_files(example.context) if example.context is not None else None
    return lint(example.dockerfile, context=context, path=example.path, lang=lang)


def _source_files(rule: Rule) -> list[Path]:
    """The rule's module, plus the parser for the rules that report its problems."""
    files = [Path(inspect.getfile(type(rule)))]
    if rule.code in ("LL001", "LL002"):
        parser = Path(layerlab.dockerfile.__file__)
        files += sorted(parser.parent.glob("*.py")) if parser.name == "__init__.py" else [parser]
    return files


def _literal_keys(path: Path) -> set[str]:
    """Keys named as string literals where a Hit, a Part or a parser problem is built."""
    keys = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            position = CALLS_NAMING_A_KEY.get(node.func.id)
            if position is not None and len(node.args) > position:
                arg = node.args[position]
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    keys.add(arg.value)
    return keys


def _string_constants(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    return {
        n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
    }


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.code)
def test_every_template_exists_in_both_languages_with_the_same_parameters(rule: Rule) -> None:
    assert rule.messages, f"{rule.code} has no message templates"
    for key, template in rule.messages.items():
        assert isinstance(template, Text)
        assert template.en.strip() and template.ja.strip(), f"{rule.code}.{key} is empty"
        assert fields(template.en) == fields(template.ja), f"{rule.code}.{key}"


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.code)
def test_japanese_templates_are_japanese_and_english_ones_are_not(rule: Rule) -> None:
    for key, template in rule.messages.items():
        assert JAPANESE.search(template.ja), f"{rule.code}.{key} ja: {template.ja}"
        assert not JAPANESE.search(template.en), f"{rule.code}.{key} en: {template.en}"


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.code)
def test_every_key_a_rule_names_has_a_template(rule: Rule) -> None:
    named = set().union(*(_literal_keys(path) for path in _source_files(rule)))
    if rule.code not in ("LL001", "LL002"):
        assert named - set(rule.messages) == set()
    else:  # the parser names the keys of both; each rule owns its own
        problems = set().union(*(_literal_keys(path) for path in _source_files(rule)[1:]))
        assert all(key in rule.messages for key in named - problems)


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.code)
def test_every_template_is_named_in_the_code(rule: Rule) -> None:
    constants = set().union(*(_string_constants(path) for path in _source_files(rule)))
    assert set(rule.messages) - constants == set()


def test_the_parser_names_only_keys_ll001_and_ll002_have() -> None:
    parser = _source_files(next(r for r in all_rules() if r.code == "LL001"))[1:]
    named = set().union(*(_literal_keys(path) for path in parser))
    ll001, ll002 = (next(r for r in all_rules() if r.code == code) for code in ("LL001", "LL002"))
    assert named and named <= set(ll001.messages) | set(ll002.messages)


@pytest.mark.parametrize(("rule", "example"), _bad_cases())
def test_a_bad_example_linted_in_japanese_reads_in_japanese(rule: Rule, example: Example) -> None:
    findings = [f for f in _lint(example, "ja") if f.code == rule.code]
    assert findings
    for finding in findings:
        assert finding.lang == "ja" and finding.key in rule.messages
        assert JAPANESE.search(finding.message), finding.message
        assert not STRAY_SPACE.search(finding.message), finding.message


@pytest.mark.parametrize(("rule", "example"), _bad_cases())
def test_a_finding_can_be_shown_in_the_other_language(rule: Rule, example: Example) -> None:
    english, japanese = _lint(example, "en"), _lint(example, "ja")
    assert [localize(f, "ja") for f in english] == japanese
    assert [localize(f, "en") for f in japanese] == english


@pytest.mark.parametrize("lang", LANGUAGES)
def test_input_errors_speak_the_language_asked_for(lang: str) -> None:
    too_large = lint_bytes(b"#" * (MAX_BYTES + 1), lang=lang)
    not_utf8 = lint_bytes(b"FROM python:3.12-slim\nRUN echo \xff\n", lang=lang)
    for [finding] in (too_large, not_utf8):
        assert finding.code == "LL001" and finding.lang == lang
        assert bool(JAPANESE.search(finding.message)) == (lang == "ja")
    assert "2" in not_utf8[0].message


def test_lists_are_joined_the_way_each_language_lists() -> None:
    text = "FROM python:3.12-slim\nRUN pip install flask django\n"
    [en] = [f for f in lint(text) if f.code == "LL602"]
    [ja] = [f for f in lint(text, lang="ja") if f.code == "LL602"]
    assert "`flask`, `django`" in en.message
    assert "`flask`、`django`" in ja.message


def test_a_clause_fills_in_the_same_language_as_its_sentence() -> None:
    [rule] = [r for r in all_rules() if r.code == "LL101"]
    params = {"install": "pip install .", "where": Part("copy", {"copy": "COPY . .", "line": 3})}
    params["remedy"] = Part("install_first")
    assert "3 行目の `COPY . .`" in rule.message("after_copy", params, "ja")
    assert "`COPY . .` (line 3)" in rule.message("after_copy", params, "en")


def test_a_template_refuses_missing_or_unknown_parameters() -> None:
    template = Text(en="`{image}` is old", ja="`{image}` は古いです。")
    with pytest.raises(ValueError, match="image"):
        template.fill("ja", {})
    with pytest.raises(ValueError, match="extra"):
        template.fill("en", {"image": "x", "extra": "y"})


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        lint("FROM python:3.12-slim\n", lang="fr")


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.code)
def test_no_hit_carries_a_formatted_string_for_its_key(rule: Rule) -> None:
    """A key is a name, never English built with an f-string or `+`."""
    tree = ast.parse(Path(inspect.getfile(type(rule))).read_text("utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("Hit", "Part"):
            key = node.args[CALLS_NAMING_A_KEY[node.func.id]] if node.args else None
            assert not isinstance(key, ast.JoinedStr | ast.BinOp), ast.unparse(node)


def test_every_template_shows_in_a_bad_example() -> None:
    """Each template is read in the docs beside an example that produces it; the two
    input errors are whole-file failures, shown by their own test above."""
    shown = {("LL001", "too_large"), ("LL001", "over_cap"), ("LL001", "not_utf8")}

    def walk(code: str, key: str, params: dict) -> None:
        shown.add((code, key))
        for value in params.values():
            if isinstance(value, Part):
                walk(code, value.key, value.params)

    for rule in all_rules():
        for example in rule.bad:
            for finding in _lint(example, "en"):
                walk(finding.code, finding.key, finding.params)
    templates = {(rule.code, key) for rule in all_rules() for key in rule.messages}
    assert templates - shown == set()
