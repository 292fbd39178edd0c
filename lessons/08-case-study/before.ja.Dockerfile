# レッスン「ビルドキャッシュ」の改善前: 発表の出発点です。
# フルの python:3.11 イメージ。依存のインストールより前にコンテキスト全体を COPY し (コードを
# 変えるたびに全部を再インストール)、pipenv がイメージに残り、root で 80 番ポート。
FROM python:3.11
WORKDIR /app
COPY . .
RUN pip install pipenv
RUN pipenv install --system --deploy
EXPOSE 80
CMD uwsgi --http :80 --chdir /app --module config.wsgi:application --master --processes 2
