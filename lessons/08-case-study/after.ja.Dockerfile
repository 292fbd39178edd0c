# レッスン「マルチステージ」の完成形: 発表の最終的な設計です。
#   export       Pipfile.lock から requirements ファイルを書き出す (pipenv はアプリのイメージに入らない)
#   builder      フルイメージ: コンパイラとヘッダがあり、uWSGI をソースから /opt/venv にビルドする
#   dev-builder  builder に開発用パッケージ (pytest) を足したもの
#   base         slim イメージ、セキュリティ更新、uWSGI の実行時ライブラリ、root 以外のユーザー
#   dev / prod   `docker build --target dev|prod` で選ぶ (prod が最後なので既定)
# /opt/venv なら、Python が /usr/bin (Debian) でも /usr/local/bin (公式イメージ) でも動く。

FROM python:3.11-slim AS export
WORKDIR /export
RUN pip install --no-cache-dir pipenv==2026.10.3
COPY Pipfile Pipfile.lock ./
RUN pipenv requirements --hash > requirements.txt \
 && pipenv requirements --hash --dev-only > requirements-dev.txt

FROM python:3.11 AS builder
# --without-pip で pip と setuptools を venv に (つまり最終イメージにも) 入れない。
# インストールはイメージ側の pip が --python で venv に対して行う。
RUN python3 -m venv --without-pip /opt/venv
COPY --from=export /export/requirements.txt /tmp/requirements.txt
RUN pip --python /opt/venv/bin/python install --no-cache-dir --require-hashes \
        -r /tmp/requirements.txt

FROM builder AS dev-builder
COPY --from=export /export/requirements-dev.txt /tmp/requirements-dev.txt
RUN pip --python /opt/venv/bin/python install --no-cache-dir --require-hashes \
        -r /tmp/requirements-dev.txt

FROM python:3.11-slim AS base
# uwsgi バイナリの実行時ライブラリ (builder で ldd して確認): libssl3、zlib1g、libexpat1、
# libpcre2-8-0 は slim に入っている。libxml2 は入っておらず、builder にヘッダと pkg-config が
# あれば (公式の python:3.11 イメージにはある) uWSGI はこれをリンクする。
# ユーザーの UID は固定し、USER では番号で指定する。Kubernetes の runAsNonRoot が確かめられるのは
# 名前ではなく番号だけ。
RUN apt-get update \
 && apt-get upgrade -y \
 && apt-get install -y --no-install-recommends libxml2 \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --no-create-home --shell /usr/sbin/nologin app
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1
WORKDIR /app

FROM base AS dev
COPY --from=dev-builder /opt/venv /opt/venv
COPY . .
USER 10001
CMD ["python", "-m", "pytest"]

FROM base AS prod
COPY --from=builder /opt/venv /opt/venv
COPY uwsgi.ini manage.py ./
COPY config ./config
COPY api ./api
USER 10001
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s --start-period=5s \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://localhost:8000/api/health/', timeout=2)"]
CMD ["uwsgi", "--ini", "/app/uwsgi.ini"]
