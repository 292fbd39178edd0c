ENV PIP_NO_CACHE_DIR=on
RUN pip install MySQL_python