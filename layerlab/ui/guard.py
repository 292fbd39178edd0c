"""A crash shows a short message and an error id; the server log has the traceback under it.

`.streamlit/config.toml` sets `client.showErrorDetails = "none"`, so what escapes this guard
still shows no trace, only Streamlit's generic (English) notice. Navigation wraps every page
body in `guarded`; a fragment that reruns alone needs it too (inside `@st.fragment`), since a
fragment's rerun does not pass through the page.
"""

from __future__ import annotations

import functools
import logging
import secrets
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import streamlit as st
from streamlit.errors import FragmentHandledException

from layerlab.ui.strings import t

LOG = logging.getLogger("layerlab.ui")
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
P = ParamSpec("P")
R = TypeVar("R")


def log_to_console() -> None:
    """The app's own log lines (error ids, the doors) on the server's console, with times.

    Beside Streamlit's handler, not instead of the root logger: records still propagate
    (pytest's caplog reads them there)."""
    logger = logging.getLogger("layerlab")
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter(LOG_FORMAT))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)


def new_error_id() -> str:
    """Short enough to read out in a room, unique enough to find in one day's log."""
    return secrets.token_hex(4)


def guarded(body: Callable[P, R]) -> Callable[P, R | None]:
    """Run `body`; on an exception log it with a new error id and show the id instead."""

    @functools.wraps(body)
    def run(*args: P.args, **kwargs: P.kwargs) -> R | None:
        try:
            return body(*args, **kwargs)
        except FragmentHandledException:  # a fragment inside already showed its own error
            raise
        except Exception:  # st.rerun/st.stop are BaseExceptions and pass through
            error_id = new_error_id()
            LOG.exception("error %s in %s", error_id, body.__qualname__)
            st.error(t("crashed", id=error_id), icon=":material/error:")
            return None

    return run
