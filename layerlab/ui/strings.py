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
    # The build lab (LAB helper's block)
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
    "lab_no_engine": Text(
        en=(
            "No Docker engine answers here, so nothing is built: the lab shows real runs "
            "recorded earlier, where it has them, and the prediction."
        ),
        ja=(
            "Docker エンジンがありません。ここではビルドできないため、記録済みの実測値"
            " (あれば) と予測を表示します。"
        ),
    ),
    "lab_builds_off": Text(
        en=(
            "{engine} is here, but real builds are off on this server: the lab shows "
            "real runs recorded earlier, where it has them, and the prediction."
        ),
        ja=(
            "{engine} はありますが、このサーバーでは実際のビルドはオフです。"
            "記録済みの実測値 (あれば) と予測を表示します。"
        ),
    ),
    "lab_builds_wait": Text(
        en=(
            "Real builds start when the facilitator gives the go. Until then: real runs "
            "recorded earlier, where there are some, and the prediction."
        ),
        ja=(
            "実際のビルドは進行役の合図で始まります。それまでは記録済みの実測値 (あれば) "
            "と予測を表示します。"
        ),
    ),
    "lab_ready": Text(
        en="{engine} · buildx (BuildKit): {buildx} · ready to build.",
        ja="{engine} · buildx (BuildKit): {buildx} · ビルドできます。",
    ),
    "yes": Text(en="yes", ja="あり"),
    "no": Text(en="no", ja="なし"),
    "lab_dockerfile": Text(en="Dockerfile", ja="Dockerfile"),
    "source_yours": Text(en="Yours (from the playground)", ja="あなたの (プレイグラウンド)"),
    "source_reference": Text(en="Reference solution", ja="模範解答"),
    "source_before": Text(en='The "before" Dockerfile', ja="改善前の Dockerfile"),
    "edit_in_playground": Text(en="Edit it in the playground", ja="プレイグラウンドで編集する"),
    "target": Text(en="Target stage", ja="ターゲットステージ"),
    "last_stage": Text(en="(the last stage)", ja="(最後のステージ)"),
    "backend": Text(en="Builder", ja="ビルダー"),
    "backend_auto": Text(en="auto", ja="自動"),
    "backend_buildkit": Text(en="BuildKit", ja="BuildKit"),
    "backend_classic": Text(en="classic", ja="クラシック"),
    "backend_fallback": Text(
        en="buildx is missing here: the classic builder builds instead.",
        ja="buildx がないため、クラシックビルダーでビルドします。",
    ),
    "run_experiment": Text(en="Run the cache experiment", ja="キャッシュ実験を実行"),
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
    "job_failed": Text(
        en="The experiment failed. The engine said:", ja="実験が失敗しました。エンジンの出力:"
    ),
    "run_failed": Text(
        en="{run} failed. The engine said:", ja="{run} が失敗しました。エンジンの出力:"
    ),
    "run_stopped": Text(
        en="{run}, line {line}: {why}. The engine said:",
        ja="{run}（{line} 行目）: {why}。エンジンの出力:",
    ),
    "probe_detail": Text(en="What the probe saw", ja="確認の詳細"),
    "headline_size": Text(en="Image size", ja="イメージサイズ"),
    "headline_rebuild": Text(en="Rebuild after a code edit", ja="コード変更後の再ビルド"),
    "headline_before": Text(en="before", ja="改善前"),
    "headline_after": Text(en="after", ja="改善後"),
    "headline_built": Text(
        en="Before and after, built on this engine just now.",
        ja="改善前と改善後。このエンジンで今ビルドした結果です。",
    ),
    "recorded_on": Text(
        en="Recorded on {date} with Docker {version} on {cpus} CPUs ({backend}).",
        ja="{date} に Docker {version}、{cpus} CPU で記録 ({backend})。",
    ),
    "recorded_stale": Text(
        en="The sample project's files changed since this recording: its figures may be off.",
        ja="この記録の後でサンプルプロジェクトのファイルが変わりました。数値がずれている可能性があります。",
    ),
    "recordings_broken": Text(
        en="A recording of this project could not be read:",
        ja="このプロジェクトの記録を読み込めませんでした:",
    ),
    "shown_built": Text(en="Built on this engine", ja="このエンジンでのビルド結果"),
    "shown_recorded": Text(en="Recorded real runs", ja="記録済みの実測"),
    "shown_compare": Text(
        en="Recorded real runs of the reference solution, to compare with your prediction",
        ja="模範解答の記録済みの実測 (あなたの予測との比較用)",
    ),
    "shown_predicted": Text(en="Prediction", ja="予測"),
    "predicted_note": Text(
        en="Predicted from Docker's cache rules, without building.",
        ja="ビルドせずに、Docker のキャッシュ規則から予測しています。",
    ),
    "versus_recorded": Text(en="{points:+.0f} pt vs recorded", ja="記録比 {points:+.0f} pt"),
    "cache_rate": Text(en="{run}: from the cache", ja="{run}: キャッシュ率"),
    "run_cold": Text(en="cold build", ja="キャッシュなし"),
    "run_code-edit": Text(en="after a code edit", ja="コード変更後"),
    "run_deps-edit": Text(en="after a dependency edit", ja="依存関係の変更後"),
    "status_cached": Text(en="cached", ja="キャッシュ"),
    "status_executed": Text(en="ran", ja="実行"),
    "status_failed": Text(en="failed", ja="失敗"),
    "status_predicted-hit": Text(en="cached (predicted)", ja="キャッシュ (予測)"),
    "status_predicted-miss": Text(en="runs again (predicted)", ja="再実行 (予測)"),
    "axis_seconds": Text(en="seconds", ja="経過秒数"),
    "axis_mb": Text(en="MB", ja="MB"),
    "timeline": Text(en="Timeline", ja="タイムライン"),
    "sizes": Text(en="Image size by layer", ja="レイヤーごとのイメージサイズ"),
    "image_yours": Text(en="yours", ja="あなたの"),
    "image_reference": Text(en="after", ja="改善後"),
    "image_before": Text(en="before", ja="改善前"),
    "missed_steps": Text(en="Steps that ran again, and why", ja="再実行されたステップとその理由"),
    "no_missed": Text(
        en="Every step of the rebuilds came from the cache.",
        ja="再ビルドのステップはすべてキャッシュから来ました。",
    ),
    "col_run": Text(en="Run", ja="実行"),
    "col_line": Text(en="Line", ja="行"),
    "col_step": Text(en="Instruction", ja="命令"),
    "col_status": Text(en="Result", ja="結果"),
    "col_seconds": Text(en="Seconds", ja="秒"),
    "col_layer": Text(en="Layer", ja="レイヤー"),
    "col_image": Text(en="Image", ja="イメージ"),
    "col_reason": Text(en="Why it ran again", ja="再実行の理由"),
    "col_then": Text(en="Later steps it took along (lines)", ja="連鎖して再実行された行"),
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
    "no_from": Text(
        en="This Dockerfile has no FROM line, so there is nothing to build.",
        ja="この Dockerfile には FROM 行がないため、ビルドするものがありません。",
    ),
    "builds_go": Text(en="Learners may build", ja="受講者のビルドを許可"),
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
    # layers
    "layers_title": Text(en="What the layers hold", ja="レイヤーの中身"),
    "layers_summary": Text(
        en=(
            "{size} MB in {count} layers. {wasted} MB of it is wasted: files a later layer "
            "deletes or overwrites, still shipped in the image. Efficiency {efficiency}."
        ),
        ja=(
            "{count} レイヤーで合計 {size} MB。うち {wasted} MB は後のレイヤーで削除・上書き"
            "されたファイルで、使われないままイメージに残っています。効率 {efficiency}。"
        ),
    ),
    "layers_kept": Text(en="in the final file system", ja="最終的なファイルシステムに残る"),
    "layers_wasted": Text(en="deleted or overwritten later (wasted)", ja="後で削除・上書き (無駄)"),
    "layers_layer": Text(en="layer {index}", ja="レイヤー {index}"),
    "layers_layer_line": Text(en="layer {index}, line {line}", ja="レイヤー {index} ({line} 行目)"),
    "layers_no_history": Text(en="(no history)", ja="(履歴なし)"),
    "layers_pick": Text(en="Open a layer", ja="中身を見るレイヤー"),
    "layers_counts": Text(
        en="{added} files added, {changed} changed, {deleted} deleted",
        ja="追加 {added}、変更 {changed}、削除 {deleted} ファイル",
    ),
    "layers_largest": Text(en="Largest files in this layer", ja="このレイヤーの大きいファイル"),
    "layers_path": Text(en="Path", ja="パス"),
    "layers_waste_to": Text(
        en="{mb} MB in {files} files, deleted or overwritten by {by}",
        ja="{files} 個のファイル ({mb} MB) を {by} が削除・上書き",
    ),
    "layers_waste_from": Text(
        en="{mb} MB in {files} files written by {by}, deleted or overwritten here",
        ja="{by} が書いた {files} 個のファイル ({mb} MB) をここで削除・上書き",
    ),
    "layers_no_waste": Text(
        en="No file of this layer is deleted or overwritten later.",
        ja="このレイヤーのファイルは、後のレイヤーで削除も上書きもされていません。",
    ),
    "layers_empty": Text(
        en="This layer holds no files (metadata only).",
        ja="このレイヤーにはファイルがありません (メタデータのみ)。",
    ),
    # Lessons, playground, findings panel and editor (LESSONS)
    "before_after_help": Text(
        en=(
            "A line diff: red marks what the good one removed or rewrote, green what it added; "
            "unchanged and moved lines are not marked."
        ),
        ja=(
            "行ごとの差分です。赤はよい例で消えたり書き換わったりした行、緑は加わった行です。"
            "変わらない行や場所が移っただけの行には色を付けません。"
        ),
    ),
    "line_n": Text(en="line {n}", ja="{n} 行目"),
    "level_error": Text(en="error", ja="エラー"),
    "level_warning": Text(en="warning", ja="警告"),
    "level_info": Text(en="info", ja="情報"),
    "level_style": Text(en="style", ja="スタイル"),
    "upload_help": Text(
        en="Drop a Dockerfile here or choose one (up to 64 KB); it replaces the editor's text.",
        ja=(
            "Dockerfile をここにドロップするか選んでください (64 KB まで)。"
            "エディタの内容と置き換わります。"
        ),
    ),
    "upload_button": Text(en="Choose a file", ja="ファイルを選ぶ"),
    "upload_drop": Text(en="Drop the Dockerfile here", ja="ここに Dockerfile をドロップ"),
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
