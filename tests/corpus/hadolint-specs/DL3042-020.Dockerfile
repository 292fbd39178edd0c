ENV PIP_NO_CACHE_DIR=true
RUN pip install MySQL_python