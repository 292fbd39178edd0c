"""LL401 on images that start as root and drop it: its own message, not "runs as root"."""

from __future__ import annotations

from layerlab.context import BuildContext
from layerlab.lint import lint

ENTRYPOINT_SCRIPT = (
    "FROM python:3.12-slim\nCOPY docker-entrypoint.sh /usr/local/bin/\n"
    'ENTRYPOINT ["docker-entrypoint.sh"]\nCMD ["gunicorn", "app:app"]\n'
)


def ll401(text: str, context: BuildContext | None = None, lang: str = "en") -> list[str]:
    return [f.message for f in lint(text, context=context, lang=lang) if f.code == "LL401"]


def test_an_entrypoint_script_that_runs_gosu_is_named_in_the_finding() -> None:
    context = BuildContext.from_files({"docker-entrypoint.sh": 'exec gosu app "$@"\n'})
    [message] = ll401(ENTRYPOINT_SCRIPT, context)
    assert "`gosu`" in message and "docker-entrypoint.sh" in message
    assert "runs as root" not in message


def test_the_japanese_message_names_the_program_too() -> None:
    context = BuildContext.from_files({"docker-entrypoint.sh": "exec setpriv --reuid=app sh\n"})
    [message] = ll401(ENTRYPOINT_SCRIPT, context, lang="ja")
    assert "`setpriv`" in message and "切り替えます" in message


def test_a_dropper_only_in_a_comment_of_the_script_does_not_count() -> None:
    context = BuildContext.from_files({"docker-entrypoint.sh": '# we used gosu once\nexec "$@"\n'})
    [message] = ll401(ENTRYPOINT_SCRIPT, context)
    assert "runs as root" in message


def test_without_the_context_the_script_is_unknown() -> None:
    [message] = ll401(ENTRYPOINT_SCRIPT)
    assert "runs as root" in message


def test_s6_setuidgid_in_the_cmd_counts() -> None:
    text = 'FROM python:3.12-slim\nCMD ["s6-setuidgid", "app", "python", "app.py"]\n'
    [message] = ll401(text)
    assert "`s6-setuidgid` in CMD" in message


def test_supervisord_whose_every_program_sets_a_user_drops_root() -> None:
    text = (
        "FROM python:3.12-slim\nCOPY supervisord.conf /etc/\n"
        'CMD ["supervisord", "-c", "/etc/supervisord.conf"]\n'
    )
    conf = "[supervisord]\nnodaemon=true\n[program:web]\ncommand=gunicorn app\nuser=app\n"
    [message] = ll401(text, BuildContext.from_files({"supervisord.conf": conf}))
    assert "`supervisord` switches to `app`" in message and "`supervisord.conf`" in message


def test_supervisord_with_a_program_left_as_root_still_runs_as_root() -> None:
    text = 'FROM python:3.12-slim\nCOPY s.conf /etc/\nCMD ["supervisord", "-c", "/etc/s.conf"]\n'
    conf = "[program:web]\ncommand=gunicorn app\nuser=app\n[program:cron]\ncommand=cron -f\n"
    [message] = ll401(text, BuildContext.from_files({"s.conf": conf}))
    assert "runs as root" in message


def test_nginx_on_the_nginx_image_runs_its_workers_as_nginx() -> None:
    text = 'FROM nginx:1.27-alpine\nCMD ["nginx", "-g", "daemon off;"]\n'
    [message] = ll401(text)
    assert "`nginx` switches to `nginx`" in message


def test_uwsgi_uid_from_env_and_in_japanese() -> None:
    text = 'FROM python:3.12-slim\nENV UWSGI_UID=app\nCMD ["uwsgi", "--http", ":80"]\n'
    [message] = ll401(text, lang="ja")
    assert "`uwsgi`" in message and "`app` に切り替える" in message


def test_uwsgi_with_uid_root_is_still_root() -> None:
    [message] = ll401('FROM python:3.12-slim\nCMD ["uwsgi", "--uid", "0", "--http", ":80"]\n')
    assert "runs as root" in message


def test_a_supervisord_program_that_is_uwsgi_with_a_uid_counts_as_dropped() -> None:
    text = 'FROM python:3.12-slim\nCOPY . /app/\nCMD ["supervisord", "-c", "/app/all.conf"]\n'
    files = {
        "all.conf": "[supervisord]\nuser=root\n[program:web]\n"
        "command=/bin/bash -c 'uwsgi --http :80 uwsgi.ini'\n",
        "uwsgi.ini": "[uwsgi]\nuid = www-data\n",
    }
    [message] = ll401(text, BuildContext.from_files(files))
    assert "`supervisord` switches to `www-data`" in message


def test_a_script_that_also_starts_a_server_as_root_runs_as_root() -> None:
    text = 'FROM python:3.12-slim\nCOPY start.sh /\nCMD ["/start.sh"]\n'
    script = "#!/bin/sh\ngunicorn -D app:app\nexec uwsgi --uid app --http :80\n"
    [message] = ll401(text, BuildContext.from_files({"start.sh": script}))
    assert "runs as root" in message


def test_gunicorn_with_a_config_file_that_sets_user_drops_root() -> None:
    text = (
        "FROM python:3.12-slim\nCOPY gunicorn.conf.py /etc/\n"
        'CMD ["gunicorn", "-c", "/etc/gunicorn.conf.py", "app:app"]\n'
    )
    conf = 'bind = "0.0.0.0:80"\nuser = "www-data"\n'
    [message] = ll401(text, BuildContext.from_files({"gunicorn.conf.py": conf}))
    assert "`gunicorn` switches to `www-data`" in message and "`gunicorn.conf.py`" in message


def test_nginx_unit_with_a_user_runs_the_app_as_that_user() -> None:
    text = 'FROM python:3.12-slim\nCMD ["unitd", "--no-daemon", "--user", "unit"]\n'
    [message] = ll401(text)
    assert "`unitd` switches to `unit`" in message


def test_nginx_unit_without_a_user_is_still_root() -> None:
    [message] = ll401('FROM python:3.12-slim\nCMD ["unitd", "--no-daemon"]\n')
    assert "runs as root" in message
