ENV PIP_NO_CACHE_DIR=false
RUN pip install MySQL_python