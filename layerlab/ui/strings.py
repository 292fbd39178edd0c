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
    # The build lab
    "build_lab": Text(en="Build lab", ja="ビルドラボ"),
    "lab_intro": Text(
        en=(
            "Build a Dockerfile three times against a sample project: cold, after a code edit, "
            "after a dependency change. See which steps the cache kept, which ran again and "
            "why, how long each took and how big the image is."
        ),
        ja=(
            "サンプルプロジェクトに対して Dockerfile を3回ビルドします: キャッシュなし、"
            "コードを変更した後、依存関係を変更した後。どのステップがキャッシュされ、"
            "どれがなぜ再実行されたか、それぞれの時間とイメージの大きさがわかります。"
        ),
    ),
    "engine_ok": Text(en="Docker engine: {message}", ja="Docker エンジン: {message}"),
    "engine_missing": Text(
        en="No Docker engine: {message}. The timeline below is a prediction.",
        ja="Docker エンジンがありません: {message}。下のタイムラインは予測です。",
    ),
    "buildx_yes": Text(en="buildx (BuildKit): yes", ja="buildx (BuildKit): あり"),
    "buildx_no": Text(en="buildx (BuildKit): no", ja="buildx (BuildKit): なし"),
    "lab_dockerfile": Text(en="Dockerfile", ja="Dockerfile"),
    "source_yours": Text(en="Yours (from the playground)", ja="あなたの (プレイグラウンド)"),
    "source_reference": Text(en="Reference solution", ja="模範解答"),
    "source_before": Text(en='The "before" Dockerfile', ja="改善前の Dockerfile"),
    "edit_in_playground": Text(en="Edit it in the playground", ja="プレイグラウンドで編集する"),
    "target": Text(en="Target stage", ja="ターゲットステージ"),
    "last_stage": Text(en="(the last stage)", ja="(最後のステージ)"),
    "backend": Text(en="Builder", ja="ビルダー"),
    "backend_fallback": Text(
        en="buildx is missing here: the classic builder builds instead.",
        ja="buildx がないため、クラシックビルダーでビルドします。",
    ),
    "run_experiment": Text(en="Run the cache experiment", ja="キャッシュ実験を実行"),
    "builds_off": Text(
        en="Real builds are off on this server: the timeline below is a prediction.",
        ja="このサーバーでは実際のビルドはオフです。下のタイムラインは予測です。",
    ),
    "builds_wait": Text(
        en="Real builds start when the facilitator gives the go: until then, a prediction.",
        ja="実際のビルドは進行役の合図で始まります。それまでは予測を表示します。",
    ),
    "builds_go": Text(en="Learners may build", ja="受講者のビルドを許可"),
    "cancel": Text(en="Cancel", ja="キャンセル"),
    "queued": Text(
        en="Waiting for a free builder: place {n} in the queue.",
        ja="空きビルダー待ち: 待ち行列の {n} 番目です。",
    ),
    "building": Text(
        en="Building: {run}, step {done}/{total}", ja="ビルド中: {run}、ステップ {done}/{total}"
    ),
    "before_building": Text(
        en='Building the "before" image for comparison…', ja="比較用に改善前のイメージをビルド中…"
    ),
    "job_cancelled": Text(en="The experiment was cancelled.", ja="実験はキャンセルされました。"),
    "job_failed": Text(en="The experiment failed: {error}", ja="実験が失敗しました: {error}"),
    "run_failed": Text(en="{run} failed: {error}", ja="{run} が失敗しました: {error}"),
    "predicted_note": Text(
        en="Predicted from Docker's cache rules, without building.",
        ja="ビルドせずに、Docker のキャッシュ規則から予測しています。",
    ),
    "timeline": Text(en="Timeline", ja="タイムライン"),
    "sizes": Text(en="Image size by layer", ja="レイヤーごとのイメージサイズ"),
    "sizes_pending": Text(
        en="Layer sizes appear once the images are built.",
        ja="レイヤーサイズはイメージのビルド後に表示されます。",
    ),
    "your_image": Text(en="yours", ja="あなたの"),
    "before_image": Text(en="before", ja="改善前"),
    "cache_rate": Text(en="{run}: cached", ja="{run}: キャッシュ"),
    "missed_steps": Text(en="Steps that ran again, and why", ja="再実行されたステップとその理由"),
    "no_missed": Text(
        en="Every step of the rebuilds came from the cache.",
        ja="再ビルドのステップはすべてキャッシュから来ました。",
    ),
    "col_run": Text(en="Run", ja="実行"),
    "col_step": Text(en="Step", ja="ステップ"),
    "col_reason": Text(en="Why it ran again", ja="再実行の理由"),
    "probe": Text(en="The image, started", ja="イメージを起動した結果"),
    "probe_json": Text(en="answered with JSON", ja="JSON で応答した"),
    "probe_no_json": Text(en="did not answer with JSON", ja="JSON で応答しなかった"),
    "probe_uid": Text(en="runs as uid {uid}", ja="uid {uid} で動作"),
    "probe_root": Text(en="runs as root (uid 0)", ja="root (uid 0) で動作"),
    "probe_uid_unknown": Text(en="user unknown", ja="ユーザー不明"),
    "no_projects": Text(
        en="No sample project to build.", ja="ビルドできるサンプルプロジェクトがありません。"
    ),
    "cannot_plan": Text(en="Cannot build this: {error}", ja="ビルドできません: {error}"),
    # Workshop mode: sign-in, the facilitator's page and push
    "workshop": Text(en="Workshop", ja="ワークショップ"),
    "signin": Text(en="Workshop sign-in (optional)", ja="ワークショップにサインイン (任意)"),
    "signin_help": Text(
        en="Pick a nickname to keep your work on this server. Have a code? Enter it to resume.",
        ja="ニックネームを決めると作業がこのサーバーに保存されます。コードがあれば入力して再開できます。",
    ),
    "nickname": Text(en="Nickname", ja="ニックネーム"),
    "resume_code": Text(en="Resume code (if you have one)", ja="再開コード (お持ちなら)"),
    "signin_button": Text(en="Sign in", ja="サインイン"),
    "signed_in": Text(
        en="Signed in as {name}; your work is saved.",
        ja="{name} としてサインイン中。作業は保存されます。",
    ),
    "signout": Text(en="Sign out", ja="サインアウト"),
    "your_code": Text(
        en=(
            "Your resume code is **{code}**. Note it: with your nickname it opens your work "
            "in another browser. It is shown only once."
        ),
        ja=(
            "再開コードは **{code}** です。メモしてください。ニックネームと一緒に入力すると"
            "別のブラウザで作業を再開できます。表示はこの1回だけです。"
        ),
    ),
    "code_noted": Text(en="I noted it", ja="メモしました"),
    "wrong_resume": Text(
        en="That nickname and code do not match.", ja="ニックネームとコードが一致しません。"
    ),
    "nickname_taken": Text(
        en="That nickname is taken: pick another, or enter its code to resume.",
        ja="そのニックネームは使われています。別の名前にするか、コードを入力して再開してください。",
    ),
    "nickname_bad": Text(
        en="A nickname needs 1 to 32 printable characters.",
        ja="ニックネームは1〜32文字の表示できる文字にしてください。",
    ),
    "save_failed": Text(
        en="Could not save to the server just now; your text is kept in this tab.",
        ja="今はサーバーに保存できませんでした。入力はこのタブに残っています。",
    ),
    "go_to": Text(
        en="The facilitator asks everyone to open:", ja="講師から: 次のページを開いてください"
    ),
    "dismiss": Text(en="Dismiss", ja="閉じる"),
    "facilitator": Text(en="Facilitator", ja="講師用"),
    "passcode": Text(en="Facilitator passcode", ja="講師用パスコード"),
    "enter": Text(en="Enter", ja="入る"),
    "wrong_passcode": Text(en="Wrong passcode.", ja="パスコードが違います。"),
    "facilitator_off": Text(
        en="The facilitator page is off: set LAYERLAB_FACILITATOR_PASSCODE to turn it on.",
        ja="講師用ページは無効です。LAYERLAB_FACILITATOR_PASSCODE を設定すると有効になります。",
    ),
    "push_lesson": Text(en="Everyone go to", ja="全員に開いてもらうレッスン"),
    "push": Text(en="Send the banner", ja="バナーを送る"),
    "unpush": Text(en="Take the banner down", ja="バナーを消す"),
    "pushed": Text(
        en="Learners now see a banner for: {title}", ja="受講者に表示中のバナー: {title}"
    ),
    "learners": Text(en="Learners", ja="受講者"),
    "room_top": Text(en="Most common remaining findings", ja="よく残っている指摘"),
    "room_lessons": Text(en="Per lesson", ja="レッスンごと"),
    "col_lesson": Text(en="Lesson", ja="レッスン"),
    "col_passed": Text(en="Passed", ja="クリア"),
    "col_working": Text(en="Working on it", ja="取り組み中"),
    "col_top": Text(en="Top findings (learners)", ja="多い指摘 (人数)"),
    "col_rule": Text(en="Rule", ja="ルール"),
    "col_learners": Text(en="Learners", ja="人数"),
    "room_empty": Text(
        en="No saved Dockerfiles yet.", ja="保存された Dockerfile はまだありません。"
    ),
    # Workshop: locked doors, the facilitator's session, the engine's disk, errors
    "door_wait": Text(
        en="Too many wrong tries. Wait {seconds} s, then try again.",
        ja="入力ミスが続いています。{seconds} 秒待ってから、もう一度お試しください。",
    ),
    "door_locked": Text(
        en="Too many wrong tries: this sign-in is locked for {minutes} min.",
        ja="入力ミスが多すぎるため、このサインインは {minutes} 分間ロックされています。",
    ),
    "facilitator_signout": Text(en="Sign out (facilitator)", ja="講師としてサインアウト"),
    "engine_disk": Text(en="Build engine disk", ja="ビルドエンジンのディスク"),
    "engine_cache": Text(en="Build cache", ja="ビルドキャッシュ"),
    "engine_images": Text(en="Image layers", ja="イメージのレイヤー"),
    "engine_cache_help": Text(
        en="BuildKit cache {buildkit} in {records} records, untagged images {untagged} ({count})",
        ja=(
            "BuildKit のキャッシュ {buildkit} ({records} 件)、"
            "タグなしイメージ {untagged} ({count} 個)"
        ),
    ),
    "engine_images_help": Text(
        en="{tagged} tagged images; every layer on the engine counted once",
        ja="タグ付きイメージ {tagged} 個。エンジン上の全レイヤーを重複なしで合計",
    ),
    "engine_none": Text(
        en="No Docker engine answers: nothing to show, and the lab predicts instead of building.",
        ja=(
            "Docker エンジンに接続できません。表示するものはなく、"
            "ラボはビルドせず予測だけを表示します。"
        ),
    ),
    "crashed": Text(
        en=(
            "Something went wrong on this page; what you typed is kept in this tab. "
            "If it happens again, tell the facilitator the error id `{id}`."
        ),
        ja=(
            "このページでエラーが発生しました。入力した内容はこのタブに残っています。"
            "繰り返し起きる場合は、エラー ID `{id}` を講師に伝えてください。"
        ),
    ),
}


def t(key: str, **values: object) -> str:
    """The string `key` in the current language, formatted with `values`."""
    text = STRINGS[key](lang())
    return text.format(**values) if values else text
