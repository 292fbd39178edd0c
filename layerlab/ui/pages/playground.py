"""Free editing against a sample project, with upload, download and a score."""

from __future__ import annotations

import streamlit as st

from layerlab.dockerfile import DockerfileInputError, decode
from layerlab.lint import Finding
from layerlab.sample_projects import SampleProject, load_projects
from layerlab.ui import state, workshop
from layerlab.ui.analysis import findings_for
from layerlab.ui.editor import current_text, dockerfile_editor
from layerlab.ui.findings import findings_panel, flagged_view, score, score_panel
from layerlab.ui.guard import guarded
from layerlab.ui.routes import PLAYGROUND_SCOPE
from layerlab.ui.strings import t

SCOPE = PLAYGROUND_SCOPE
PROJECT = "playground-project"
SCORES = "playground-scores"
UPLOADED = "playground-uploaded"
STARTER = """FROM python:3.11
WORKDIR /app
COPY . .
RUN pip install -r requirements.txt
CMD python manage.py runserver 0.0.0.0:80
"""


UPLOADER_STYLE = """<style>
[data-testid="stFileUploaderDropzoneInstructions"] {{ display: none; }}
[data-testid="stFileUploaderDropzone"] button p {{ font-size: 0; }}
[data-testid="stFileUploaderDropzone"] button p::after {{
  content: "{button}"; font-size: 1rem;
}}
[data-testid="stFileUploaderDropzone"]::before {{
  content: "{drop}"; color: rgba(49, 51, 63, 0.6); margin-right: auto;
}}
</style>"""


@st.cache_resource(ttl=30, show_spinner=False)
def projects() -> dict[str, SampleProject]:
    return load_projects()


def render_playground() -> None:
    st.title(t("playground"))
    st.caption(t("playground_intro"))
    project = _choose_project()
    _upload()
    _workspace(project)


def _choose_project() -> SampleProject | None:
    names = ["", *projects()]
    key = state.remembered(PROJECT, names[1] if len(names) > 1 else "")
    if st.session_state[key] not in names:
        st.session_state[key] = ""
    lang = state.lang()
    name = st.selectbox(
        t("project"),
        names,
        key=key,
        format_func=lambda n: projects()[n].title(lang) if n else t("no_project"),
        on_change=state.remember,
        args=(PROJECT,),
    )
    return projects().get(name) if name else None


def _upload() -> None:
    # Streamlit's drop zone speaks English ("Upload", "200MB per file") and has no options
    # for its words: hide them and say ours, in the page's language, through CSS.
    st.html(UPLOADER_STYLE.format(button=t("upload_button"), drop=t("upload_drop")))
    upload = st.file_uploader(
        t("upload"),
        key=f"upload-{state.editor_version(SCOPE)}",
        help=t("upload_help"),
        max_upload_size=1,
    )
    if upload is None or st.session_state.get(UPLOADED) == upload.file_id:
        return
    st.session_state[UPLOADED] = upload.file_id
    try:
        state.replace_editor_text(SCOPE, decode(upload.getvalue()))
    except DockerfileInputError as exc:
        st.error(exc.message(state.lang()))


def _starter(project: SampleProject | None) -> str:
    if project is None:
        return STARTER
    before = project.read(project.before)
    # Its header comment narrates a lesson, in English: the playground starts from the code.
    return _without_header(before) if before else STARTER


def _without_header(text: str) -> str:
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if not line.startswith("#")), len(lines))
    return "".join(lines[start:]).lstrip("\n")


@st.fragment
@guarded
def _workspace(project: SampleProject | None) -> None:
    text = current_text(SCOPE, _starter(project))
    workshop.save_text(SCOPE, text)
    findings = findings_for(text, project.name if project else None, state.lang())
    score_panel(findings, previous=_previous_score(text, findings))
    editor_column, panel_column = st.columns([3, 2])
    with editor_column:
        dockerfile_editor(SCOPE, text, findings)
        st.download_button(
            t("download"), text, file_name="Dockerfile", mime="text/plain", key="download"
        )
        flagged_view(text, findings)
    with panel_column:
        findings_panel(findings)


def _previous_score(text: str, findings: list[Finding]) -> int | None:
    """The score before the latest edit, so the metric shows the change it made."""
    record = st.session_state.setdefault(SCORES, {"text": None, "score": None, "before": None})
    if record["text"] != text:
        record["before"] = record["score"]
        record["text"], record["score"] = text, score(findings)
    return record["before"]
