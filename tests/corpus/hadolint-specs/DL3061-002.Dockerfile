LABEL foo=bar
FROM foo