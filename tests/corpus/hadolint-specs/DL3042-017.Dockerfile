ENV PIP_NO_CACHE_DIR=1
RUN pip install MySQL_python