"""The Dockerfile model (`model.py`) and its tolerant parser (`parser.py`)."""

from layerlab.dockerfile.model import (
    KNOWN_KEYWORDS,
    VAR_RE,
    Dockerfile,
    DockerfileInputError,
    Flag,
    Heredoc,
    Instruction,
    Problem,
    Stage,
    expand_vars,
    is_absolute,
    is_index,
    parse_arg,
    parse_env,
)
from layerlab.dockerfile.parser import MAX_BYTES, decode, onbuild_inner, parse

__all__ = [
    "KNOWN_KEYWORDS",
    "MAX_BYTES",
    "VAR_RE",
    "Dockerfile",
    "DockerfileInputError",
    "Flag",
    "Heredoc",
    "Instruction",
    "Problem",
    "Stage",
    "decode",
    "expand_vars",
    "is_absolute",
    "is_index",
    "onbuild_inner",
    "parse",
    "parse_arg",
    "parse_env",
]
