ENV PIP_NO_CACHE_DIR=yes
RUN pip install MySQL_python