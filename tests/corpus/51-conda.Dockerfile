FROM continuumio/miniconda3:24.7.1-0
WORKDIR /app
COPY . .
RUN conda env create -f environment.yml && conda clean -afy
SHELL ["conda", "run", "-n", "ml", "/bin/bash", "-c"]
RUN python -c "import torch"
EXPOSE 8888
CMD ["conda", "run", "--no-capture-output", "-n", "ml", "jupyter", "lab", "--ip=0.0.0.0", "--allow-root"]
