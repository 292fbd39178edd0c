"""The app's own words in both languages; lesson and rule text comes from their sources."""

from __future__ import annotations

from layerlab.text import Text
from layerlab.ui.state import lang

STRINGS: dict[str, Text] = {
    "app": Text(en="LayerLab", ja="LayerLab"),
    "lessons": Text(en="Lessons", ja="レッスン"),
    "home": Text(en="Home", ja="ホーム"),
    "home_intro": Text(
        en=(
            "Learn to write good Dockerfiles for Python apps, one idea at a time, after the "
            'RevComm TechTalk "a better Dockerfile for Python" (2022). Each lesson explains, '
            "shows a bad and a good Dockerfile, and ends with an exercise checked by the same "
            "linter you can run as `layerlab lint`."
        ),
        ja=(
            "RevComm の TechTalk「Python にとってのよりよい Dockerfile を考える」(2022年) "
            "に沿って、Python アプリのよい Dockerfile の書き方を1つずつ学びます。"
            "各レッスンは解説、悪い例とよい例、そして演習からなり、"
            "演習は `layerlab lint` と同じリンターがチェックします。"
        ),
    ),
    "playground_link": Text(en="Open the playground", ja="プレイグラウンドを開く"),
    "lab": Text(en="Lab", ja="ラボ"),
    "playground": Text(en="Playground", ja="プレイグラウンド"),
    "language": Text(en="Language", ja="言語 / Language"),
    "projector": Text(en="Projector mode", ja="プロジェクターモード"),
    "progress": Text(en="Progress", ja="進捗"),
    "passed_count": Text(en="{done} of {total} lessons passed", ja="{total} 件中 {done} 件クリア"),
    "lesson_n": Text(en="Lesson {n}", ja="レッスン {n}"),
    "previous": Text(en="◀ Previous", ja="◀ 前へ"),
    "next": Text(en="Next ▶", ja="次へ ▶"),
    "section": Text(en="Section", ja="セクション"),
    "explanation": Text(en="Explanation", ja="解説"),
    "before_after": Text(en="Before and after", ja="悪い例とよい例"),
    "bad": Text(en="Bad", ja="悪い例"),
    "good": Text(en="Good", ja="よい例"),
    "rules_taught": Text(en="Rules in this lesson", ja="このレッスンのルール"),
    "why": Text(en="Why", ja="なぜ"),
    "fix": Text(en="Fix", ja="直し方"),
    "versus_hadolint": Text(en="Compared with hadolint", ja="hadolint との違い"),
    "equivalents": Text(en="Same problem in other tools", ja="他のツールでの同じ指摘"),
    "example_bad": Text(en="Flagged", ja="指摘される例"),
    "example_good": Text(en="Not flagged", ja="指摘されない例"),
    "exercise": Text(en="Exercise", ja="演習"),
    "goal": Text(en="Goal", ja="目標"),
    "check": Text(en="Check", ja="チェック"),
    "passed": Text(en="Passed: well done!", ja="クリア! よくできました"),
    "not_yet": Text(en="Not yet: {n} check(s) to go.", ja="あと {n} 件のチェックが残っています。"),
    "hint": Text(en="Show a hint ({shown}/{total})", ja="ヒントを見る ({shown}/{total})"),
    "hint_n": Text(en="Hint {n}", ja="ヒント {n}"),
    "solution": Text(en="Reference solution", ja="模範解答"),
    "diff": Text(
        en="Your Dockerfile → the reference solution", ja="あなたの Dockerfile → 模範解答"
    ),
    "same_as_solution": Text(en="Identical to the solution.", ja="模範解答と同じです。"),
    "reset": Text(en="Start over", ja="最初からやり直す"),
    "findings": Text(en="Findings", ja="指摘"),
    "no_findings": Text(en="No findings.", ja="指摘はありません。"),
    "line": Text(en="line", ja="行"),
    "lesson_link": Text(en="Lesson: {title}", ja="レッスン: {title}"),
    "flagged_lines": Text(en="Flagged lines", ja="指摘された行"),
    "project": Text(
        en="Build context (sample project)", ja="ビルドコンテキスト (サンプルプロジェクト)"
    ),
    "no_project": Text(en="none (LL5xx rules off)", ja="なし (LL5xx は無効)"),
    "upload": Text(en="Upload a Dockerfile", ja="Dockerfile をアップロード"),
    "download": Text(en="Download the Dockerfile", ja="Dockerfile をダウンロード"),
    "score": Text(en="Score", ja="スコア"),
    "playground_intro": Text(
        en="Edit freely: every rule runs, the LL5xx ones against the sample project you choose.",
        ja=(
            "自由に編集できます。すべてのルールが動き、"
            "LL5xx は選んだサンプルプロジェクトに対して動きます。"
        ),
    ),
    "lesson_error": Text(
        en="This lesson's content has a problem:", ja="このレッスンの内容に問題があります:"
    ),
    "editor_help": Text(
        en="Findings update as you type; Ctrl+Enter applies at once.",
        ja="入力に合わせて指摘が更新されます。Ctrl+Enter ですぐに反映します。",
    ),
}


def t(key: str, **values: object) -> str:
    """The string `key` in the current language, formatted with `values`."""
    text = STRINGS[key](lang())
    return text.format(**values) if values else text
