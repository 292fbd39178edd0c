"""ShellCheck codes a learner meets in RUN scripts: a short name and one line in ja and en.

Offline on purpose: the panel explains a finding without fetching the ShellCheck wiki. The
finding's own message (from shellcheck, in English) says what was found; this says why it
matters in a Dockerfile. Codes not listed fall back to the ShellCheck wiki link.
"""

from __future__ import annotations

from dataclasses import dataclass

from layerlab.text import Text

WIKI = "https://www.shellcheck.net/wiki/"


@dataclass(frozen=True)
class ShellCheckCode:
    code: str
    name: str
    explanation: Text

    @property
    def url(self) -> str:
        return WIKI + self.code


def _code(code: str, name: str, en: str, ja: str) -> ShellCheckCode:
    return ShellCheckCode(code, name, Text(en=en, ja=ja))


CODES: dict[str, ShellCheckCode] = {
    c.code: c
    for c in (
        _code(
            "SC1001",
            "escaped-ordinary-char",
            "A backslash before an ordinary letter does nothing; drop it or quote the word.",
            "普通の文字の前のバックスラッシュは何もしません。消すか、語をクォートしてください。",
        ),
        _code(
            "SC1003",
            "escaped-single-quote",
            "A single quote cannot be escaped inside single quotes; end the quotes first:"
            " 'a'\\''b'.",
            "シングルクォートの中ではシングルクォートをエスケープできません。"
            "'a'\\''b' のように一度閉じます。",
        ),
        _code(
            "SC1007",
            "space-after-equals",
            "`VAR= value` runs `value` with VAR empty; remove the space to assign.",
            "`VAR= value` は VAR を空にして `value` を実行します。代入ならスペースを消します。",
        ),
        _code(
            "SC1008",
            "unknown-shebang",
            "The SHELL is not one ShellCheck knows (sh, "
            "bash, dash, ksh), so the RUN is not checked.",
            "SHELL が ShellCheck の知らないシェル（sh、bash、"
            "dash、ksh 以外）なので、RUN は検査されません。",
        ),
        _code(
            "SC1010",
            "keyword-as-argument",
            "A keyword like `done` or `fi` needs a `;` or newline before it to end the block.",
            "`done` や `fi` などのキーワードでブロックを閉じるには、直前に `;` か改行が必要です。",
        ),
        _code(
            "SC1012",
            "backslash-t-literal",
            "`\\t` outside quotes is just `t`; use printf or quote it for a tab.",
            "クォート外の `\\t` はただの `t` です。タブにしたいなら printf かクォートを使います。",
        ),
        _code(
            "SC1017",
            "carriage-return",
            "The script has Windows line endings (CR); the shell reads them as part of words.",
            "スクリプトに Windows の改行 (CR) が含まれ、シェルはそれを語の一部として読みます。",
        ),
        _code(
            "SC1036",
            "unexpected-paren",
            "A `(` here is a syntax error in sh; quote it or fix the command.",
            "ここでの `(` は sh の構文エラーです。クォートするかコマンドを直してください。",
        ),
        _code(
            "SC1064",
            "function-body-expected",
            "The shell expected `{` to start a function body here.",
            "ここでは関数本体を始める `{` が必要です。",
        ),
        _code(
            "SC1071",
            "unsupported-shell",
            "ShellCheck reads only sh, bash, dash and ksh; this RUN's shell is another one.",
            "ShellCheck が読めるのは sh、bash、dash、ksh だけで、この RUN のシェルはそれ以外です。",
        ),
        _code(
            "SC1072",
            "parse-error",
            "ShellCheck cannot parse the script here; the RUN would fail the same way.",
            "ShellCheck がここでスクリプトを解析できません。RUN も同じように失敗します。",
        ),
        _code(
            "SC1073",
            "parse-error-context",
            "The parse error starts here; look for an unclosed quote or block.",
            "解析エラーはここから始まっています。閉じていないクォートやブロックを探してください。",
        ),
        _code(
            "SC1078",
            "unclosed-double-quote",
            "A double quote is never closed; the rest of the RUN becomes one string.",
            "ダブルクォートが閉じておらず、RUN の残りが一つの文字列になります。",
        ),
        _code(
            "SC1079",
            "suspect-quote-end",
            "This is where the open quote most likely should have been closed.",
            "開いたクォートはおそらくここで閉じるべきでした。",
        ),
        _code(
            "SC1083",
            "literal-brace",
            "A `{` or `}` here is a literal character; quote it if that is intended.",
            "ここの `{` や `}` はただの文字です。意図どおりならクォートしてください。",
        ),
        _code(
            "SC1088",
            "parse-error-paren",
            "Parsing stopped at a `(`: the script is not valid sh from here on.",
            "`(` で解析が止まりました。ここから先は正しい sh になっていません。",
        ),
        _code(
            "SC1091",
            "not-following-source",
            "ShellCheck was not told where the sourced file is (hadolint excludes this code).",
            "source するファイルの場所が分かりません（hadolint はこのコードを除外しています）。",
        ),
        _code(
            "SC1117",
            "backslash-in-double-quotes",
            "A backslash before an ordinary letter in double quotes is kept literally.",
            "ダブルクォート内で普通の文字の前のバックスラッシュはそのまま残ります。",
        ),
        _code(
            "SC2002",
            "useless-cat",
            "`cat file | cmd` starts an extra process; use `cmd < file`.",
            "`cat file | cmd` は余計なプロセスを起動します。`cmd < file` と書けます。",
        ),
        _code(
            "SC2003",
            "expr-antiquated",
            "`expr` is antiquated; use `$((...))` arithmetic.",
            "`expr` は古い書き方です。`$((...))` で計算できます。",
        ),
        _code(
            "SC2005",
            "useless-echo",
            "`echo $(cmd)` is just `cmd`, without mangling its whitespace.",
            "`echo $(cmd)` は `cmd` だけで十分で、空白も崩れません。",
        ),
        _code(
            "SC2006",
            "legacy-backticks",
            "Backticks are the legacy form of command substitution; `$(...)` nests and reads"
            " better.",
            "バッククォートは古いコマンド置換です。`$(...)` は入れ子にでき、読みやすくなります。",
        ),
        _code(
            "SC2010",
            "ls-grep",
            "Filtering `ls` output with grep breaks on odd file names; use a glob or find.",
            "`ls` の出力を grep で絞ると変わったファイル名で壊れます。glob か find を使います。",
        ),
        _code(
            "SC2012",
            "ls-parsing",
            "Parsing `ls` output breaks on spaces and newlines in names; use find or a glob.",
            "`ls` の出力を解析すると名前の空白や改行で壊れます。find か glob を使います。",
        ),
        _code(
            "SC2015",
            "and-or-not-if-then-else",
            "`a && b || c` runs c also when b fails; it is not if-then-else.",
            "`a && b || c` は b が失敗したときも c を実行します。if-then-else とは別物です。",
        ),
        _code(
            "SC2016",
            "no-expansion-in-single-quotes",
            "Variables are not expanded in single quotes; use double quotes if you meant to.",
            "シングルクォート内では変数が展開されません。展開したいならダブルクォートにします。",
        ),
        _code(
            "SC2028",
            "echo-escapes",
            "`echo` may not expand `\\n` or `\\t`; use printf for escape sequences.",
            "`echo` は `\\n` や `\\t` を展開しないことがあります。printf を使います。",
        ),
        _code(
            "SC2034",
            "unused-variable",
            "This variable is assigned but never used in the RUN; each RUN is a new shell.",
            "この変数は代入されても RUN の中で使われていません。RUN ごとに新しいシェルです。",
        ),
        _code(
            "SC2035",
            "glob-as-option",
            "A glob like `*.py` can expand to a name starting with `-`; write `./*.py`.",
            "`*.py` のような glob は `-` で始まる名前に展開されることがあります。"
            "`./*.py` と書きます。",
        ),
        _code(
            "SC2038",
            "find-xargs-names",
            "`find | xargs` breaks on spaces in names; use `-print0 | xargs -0` or `-exec`.",
            "`find | xargs` は名前の空白で壊れます。`-print0 | xargs -0` か `-exec` を使います。",
        ),
        _code(
            "SC2039",
            "not-in-posix-sh",
            "This feature is not POSIX sh; /bin/sh (dash on Debian) may not support it.",
            "これは POSIX sh の機能ではありません。/bin/sh（Debian "
            "では dash）では動かないことがあります。",
        ),
        _code(
            "SC2043",
            "loop-runs-once",
            "This loop has a single item, so it runs once; was a list or glob meant?",
            "このループの項目は一つだけで一度しか回りません。リストか glob のつもりでしたか。",
        ),
        _code(
            "SC2044",
            "for-over-find",
            "`for f in $(find ...)` breaks on spaces in names; use `find -exec` or a while-read"
            " loop.",
            "`for f in $(find ...)` は名前の空白で壊れます。"
            "`find -exec` か while read を使います。",
        ),
        _code(
            "SC2046",
            "unquoted-command-substitution",
            "An unquoted `$(...)` is split into words and globbed; quote it unless splitting is"
            " meant.",
            "クォートしない `$(...)` は単語分割と glob 展開を受けます。"
            "意図しないならクォートします。",
        ),
        _code(
            "SC2059",
            "printf-format-variable",
            "A variable in printf's format string misreads `%` and `\\`; pass it as an argument.",
            "printf の書式に変数を入れると `%` や `\\` を誤解します。引数として渡します。",
        ),
        _code(
            "SC2068",
            "unquoted-array-expansion",
            'An unquoted `$@` re-splits the arguments; write `"$@"`.',
            '`$@` をクォートしないと引数が分割し直されます。`"$@"` と書きます。',
        ),
        _code(
            "SC2069",
            "redirect-order",
            "`2>&1 >file` sends stderr to the old stdout; write `>file 2>&1`.",
            "`2>&1 >file` では stderr は元の stdout に行きます。`>file 2>&1` と書きます。",
        ),
        _code(
            "SC2086",
            "unquoted-variable",
            'An unquoted `$VAR` is split on spaces and globbed; write `"$VAR"`.',
            'クォートしない `$VAR` は空白で分割され glob 展開されます。`"$VAR"` と書きます。',
        ),
        _code(
            "SC2089",
            "quotes-in-variable",
            "Quotes stored in a variable are not quotes when it expands; use an array or a"
            " function.",
            "変数に入れたクォートは展開時にクォートとして働きません。配列か関数を使います。",
        ),
        _code(
            "SC2090",
            "quotes-in-variable-used",
            "The quotes stored in this variable are treated as literal characters here.",
            "この変数に入れたクォートは、ここでただの文字として扱われます。",
        ),
        _code(
            "SC2102",
            "range-in-brackets",
            "`[...]` in a word is a glob matching one character; quote `pkg[extra]` for pip.",
            "語の中の `[...]` は 1 文字に一致する glob です。"
            "pip の `pkg[extra]` はクォートします。",
        ),
        _code(
            "SC2103",
            "cd-back",
            "Use a subshell `( cd dir && ... )` instead of `cd dir; ...; cd ..`.",
            "`cd dir; ...; cd ..` の代わりにサブシェル `( cd dir && ... )` を使います。",
        ),
        _code(
            "SC2114",
            "rm-system-dir",
            "This `rm` can delete a system folder when a variable is empty; use `${VAR:?}`.",
            "変数が空だとこの `rm` はシステムのフォルダを消します。`${VAR:?}` を使います。",
        ),
        _code(
            "SC2115",
            "rm-empty-variable",
            'With an empty variable, `rm -rf "$DIR/"` removes `/`; use `"${DIR:?}/"`.',
            '変数が空だと `rm -rf "$DIR/"` は `/` を消します。`"${DIR:?}/"` を使います。',
        ),
        _code(
            "SC2116",
            "useless-echo-substitution",
            "`$(echo x)` is just `x`.",
            "`$(echo x)` は `x` と同じです。",
        ),
        _code(
            "SC2125",
            "glob-in-assignment",
            "A glob in an assignment is not expanded; use an array or a loop.",
            "代入の中の glob は展開されません。配列かループを使います。",
        ),
        _code(
            "SC2129",
            "many-redirects",
            "Several `>> file` in a row: group them as `{ ...; } >> file`.",
            "`>> file` が続いています。`{ ...; } >> file` とまとめられます。",
        ),
        _code(
            "SC2140",
            "odd-quotes",
            'Quotes inside a quoted word look misplaced: `"a"b"c"` is probably not what you meant.',
            "クォートした語の中のクォートの位置がおかしいようです。"
            '`"a"b"c"` は意図どおりではないでしょう。',
        ),
        _code(
            "SC2143",
            "grep-q",
            "Use `grep -q` in a condition instead of testing its output.",
            "条件では出力を調べる代わりに `grep -q` を使います。",
        ),
        _code(
            "SC2145",
            "args-in-string",
            "Mixing `$@` into a string gives surprising words; use `$*` or separate arguments.",
            "`$@` を文字列に混ぜると思わぬ語になります。`$*` か別々の引数にします。",
        ),
        _code(
            "SC2148",
            "no-shebang",
            "The script has no shebang, so its shell is unknown.",
            "シバンがないため、どのシェルで動くか分かりません。",
        ),
        _code(
            "SC2153",
            "possible-misspelling",
            "This variable is never assigned but a similar name is; check the spelling.",
            "この変数は代入されていませんが、似た名前の変数があります。綴りを確認してください。",
        ),
        _code(
            "SC2154",
            "unassigned-variable",
            "This variable is used but never assigned in the RUN, nor by an ARG or ENV.",
            "この変数は RUN の中でも ARG や ENV でも代入されないまま使われています。",
        ),
        _code(
            "SC2155",
            "declare-and-assign",
            "`export VAR=$(cmd)` hides cmd's failure; assign first, then export.",
            "`export VAR=$(cmd)` では cmd の失敗が隠れます。先に代入し、次に export します。",
        ),
        _code(
            "SC2162",
            "read-without-r",
            "`read` without `-r` mangles backslashes.",
            "`-r` なしの `read` はバックスラッシュを壊します。",
        ),
        _code(
            "SC2164",
            "cd-may-fail",
            "If `cd` fails, the next commands run in the wrong folder; use WORKDIR or `cd dir ||"
            " exit`.",
            "`cd` が失敗すると後続のコマンドが別のフォルダで動きます。"
            "WORKDIR か `cd dir || exit` を使います。",
        ),
        _code(
            "SC2166",
            "test-a-o",
            "`[ a -a b ]` is ill-defined; write `[ a ] && [ b ]`.",
            "`[ a -a b ]` は定義があいまいです。`[ a ] && [ b ]` と書きます。",
        ),
        _code(
            "SC2169",
            "not-in-dash",
            "This does not work in dash, Debian's /bin/sh.",
            "これは Debian の /bin/sh である dash では動きません。",
        ),
        _code(
            "SC2174",
            "mkdir-p-mode",
            "`mkdir -p -m` sets the mode only on the deepest folder, not on the parents it"
            " creates.",
            "`mkdir -p -m` のモードは最も深いフォルダにだけ付き、途中で作る親には付きません。",
        ),
        _code(
            "SC2181",
            "check-exit-directly",
            "Test the command itself (`if cmd; then`) rather than `$?` afterwards.",
            "後で `$?` を調べるより、コマンドそのものを `if cmd; then` で調べます。",
        ),
        _code(
            "SC2184",
            "unset-glob",
            "Quote the argument of `unset` so it is not globbed.",
            "`unset` の引数は glob 展開されないようクォートします。",
        ),
        _code(
            "SC2206",
            "split-into-array",
            "An unquoted expansion in an array splits and globs; quote it or use read -a.",
            "配列の中のクォートしない展開は分割と glob 展開を受けます。"
            "クォートするか read -a を使います。",
        ),
        _code(
            "SC2215",
            "flag-as-command",
            "This flag is used as a command name; a line continuation is probably missing.",
            "オプションがコマンド名として使われています。行継続が抜けているのでしょう。",
        ),
        _code(
            "SC2226",
            "ln-one-argument",
            "`ln` with one argument links into the current folder; give the target too.",
            "引数一つの `ln` は現在のフォルダにリンクします。リンク先も指定します。",
        ),
        _code(
            "SC2230",
            "which-non-standard",
            "`which` is not standard; use `command -v`.",
            "`which` は標準ではありません。`command -v` を使います。",
        ),
        _code(
            "SC2231",
            "unquoted-loop-glob",
            'Quote the variable in `for f in $DIR/*` as `"$DIR"/*`, '
            "or a space in it splits the list.",
            '`for f in $DIR/*` の変数は `"$DIR"/*` とクォートします。'
            "空白があると一覧が分割されます。",
        ),
        _code(
            "SC2236",
            "use-n",
            "Use `-n` instead of `! -z`.",
            "`! -z` の代わりに `-n` を使います。",
        ),
        _code(
            "SC2239",
            "shebang-absolute",
            "The shebang should be an absolute path such as /bin/sh.",
            "シバンは /bin/sh のような絶対パスにします。",
        ),
        _code(
            "SC2264",
            "recursive-wrapper",
            "This function calls itself by name; use `command` to reach the real program.",
            "この関数は同じ名前で自分を呼んでいます。本物のプログラムは `command` で呼びます。",
        ),
        _code(
            "SC2268",
            "x-prefix",
            '`[ "x$VAR" = "xvalue" ]` is a relic of old shells; write `[ "$VAR" = "value" ]`.',
            '`[ "x$VAR" = "xvalue" ]` は古いシェルの名残です。`[ "$VAR" = "value" ]` と書きます。',
        ),
        _code(
            "SC2312",
            "masked-exit-code",
            "The exit code of this command substitution is lost; assign it first.",
            "このコマンド置換の終了コードは失われます。先に代入します。",
        ),
        _code(
            "SC3001",
            "sh-process-substitution",
            "`<(...)` is bash only; /bin/sh fails. Use a pipe, or SHELL with bash.",
            "`<(...)` は bash 専用で /bin/sh では失敗します。"
            "パイプを使うか SHELL で bash にします。",
        ),
        _code(
            "SC3003",
            "sh-dollar-single-quote",
            "`$'...'` is bash only; /bin/sh prints it literally. Use printf.",
            "`$'...'` は bash 専用で /bin/sh ではそのまま出力されます。printf を使います。",
        ),
        _code(
            "SC3006",
            "sh-arithmetic-command",
            "`((...))` is bash only; in /bin/sh write `[ $((...)) -ne 0 ]`.",
            "`((...))` は bash 専用です。/bin/sh では `[ $((...)) -ne 0 ]` と書きます。",
        ),
        _code(
            "SC3008",
            "sh-select",
            "`select` is bash only.",
            "`select` は bash 専用です。",
        ),
        _code(
            "SC3009",
            "sh-brace-expansion",
            "Brace expansion `{a,b}` is bash only; /bin/sh keeps the braces literally.",
            "ブレース展開 `{a,b}` は bash 専用で、/bin/sh では括弧がそのまま残ります。",
        ),
        _code(
            "SC3010",
            "sh-double-brackets",
            "`[[ ... ]]` is bash only; /bin/sh (dash) fails with 'not found'. Use `[ ... ]`.",
            "`[[ ... ]]` は bash 専用で、/bin/sh（dash）は "
            "not found で失敗します。`[ ... ]` を使います。",
        ),
        _code(
            "SC3014",
            "sh-double-equals",
            "`==` in `[ ]` is bash only; POSIX sh uses `=`.",
            "`[ ]` の中の `==` は bash 専用です。POSIX sh では `=` を使います。",
        ),
        _code(
            "SC3018",
            "sh-increment",
            "`++` and `--` are bash only; write `i=$((i+1))`.",
            "`++` や `--` は bash 専用です。`i=$((i+1))` と書きます。",
        ),
        _code(
            "SC3020",
            "sh-redirect-both",
            "`&>` is bash only; in /bin/sh the command runs in the background. Use `>file 2>&1`.",
            "`&>` は bash 専用で、/bin/sh ではコマンドがバックグラウンドで動きます。"
            "`>file 2>&1` と書きます。",
        ),
        _code(
            "SC3024",
            "sh-append-assign",
            '`+=` is bash only; write `VAR="$VAR..."`.',
            '`+=` は bash 専用です。`VAR="$VAR..."` と書きます。',
        ),
        _code(
            "SC3026",
            "sh-caret-negation",
            "`[^...]` in a glob is bash only; POSIX sh negates with `[!...]`.",
            "glob の `[^...]` は bash 専用です。POSIX sh では `[!...]` で否定します。",
        ),
        _code(
            "SC3028",
            "sh-bash-variable",
            "This variable (e.g. $HOSTNAME, $RANDOM) is not set by /bin/sh.",
            "この変数（$HOSTNAME や $RANDOM など）は /bin/sh では設定されません。",
        ),
        _code(
            "SC3030",
            "sh-arrays",
            "Arrays are bash only; /bin/sh has none.",
            "配列は bash 専用で、/bin/sh にはありません。",
        ),
        _code(
            "SC3037",
            "sh-echo-flags",
            "`echo -e` or `-n` is not portable; /bin/sh may print the flag. Use printf.",
            "`echo -e` や `-n` は移植性がなく、/bin/sh ではオプションが出力されることがあります。"
            "printf を使います。",
        ),
        _code(
            "SC3040",
            "sh-pipefail",
            "`set -o pipefail` is not in every /bin/sh; set it in a bash SHELL instead.",
            "`set -o pipefail` はすべての /bin/sh にあるわけではありません。"
            "bash の SHELL で設定します。",
        ),
        _code(
            "SC3043",
            "sh-local",
            "`local` is not POSIX; dash has it, other sh may not.",
            "`local` は POSIX ではありません。dash にはありますが、"
            "他の sh にはないことがあります。",
        ),
        _code(
            "SC3046",
            "sh-source",
            "`source` is bash only; POSIX sh uses `.`.",
            "`source` は bash 専用です。POSIX sh では `.` を使います。",
        ),
        _code(
            "SC3057",
            "sh-substring",
            "`${var:1:2}` substrings are bash only.",
            "`${var:1:2}` の部分文字列は bash 専用です。",
        ),
        _code(
            "SC3060",
            "sh-replace",
            "`${var/a/b}` replacement is bash only; use sed in /bin/sh.",
            "`${var/a/b}` の置換は bash 専用です。/bin/sh では sed を使います。",
        ),
    )
}


def check_name(code: str) -> str:
    """The short name of a ShellCheck code, or the code's own name when we have none."""
    known = CODES.get(code)
    return known.name if known else "shellcheck"


def explain(code: str, lang: str) -> str:
    """One line on why the check matters, or a pointer to the ShellCheck wiki."""
    known = CODES.get(code)
    if known is not None:
        return known.explanation(lang)
    if lang == "ja":
        return f"ShellCheck の {code} です。詳しくは {WIKI}{code} を見てください。"
    return f"ShellCheck check {code}; see {WIKI}{code}."
