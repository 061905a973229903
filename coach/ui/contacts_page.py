"""Contacts: import exports, search, the table, who is due for a check-in; a contact's detail below."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from coach.crm.importers import ImportReport
from coach.ui import contact_detail, crm_forms, first_run, state
from coach.ui.cards import draft_for
from coach.ui.state import escape

MAX_UPLOAD_MB = 20  # also server.maxUploadSize in .streamlit/config.toml
UPLOAD_TYPES = ["csv", "vcf", "vcard", "md", "markdown", "json"]
FORMATS = {"auto": "Detect automatically", "linkedin": "LinkedIn Connections.csv",
           "linkedin-contacts": "LinkedIn Imported Contacts.csv", "outlook": "Outlook contacts CSV",
           "google": "Google Contacts CSV", "vcard": "vCard (.vcf)", "markdown": "Markdown notes",
           "coach": "Coach export (CSV)", "json": "Coach backup (JSON)"}


def render() -> None:
    st.title("Contacts")
    coach = state.coach()
    first_run.offer(coach)
    tab_people, tab_due, tab_add, tab_import, tab_export, tab_cadence = st.tabs(
        ["People", "Due for a check-in", "Add a contact", "Import", "Export & backup", "Tag cadences"])
    with tab_import:
        import_section(coach)
    with tab_due:
        due_section(coach)
    with tab_add:
        crm_forms.add_form(coach)
    with tab_export:
        crm_forms.export_section(coach)
    with tab_cadence:
        crm_forms.cadence_section(coach)
    with tab_people:
        people_section(coach)


# ------------------------------------------------------------------ import
def _forget_results() -> None:
    st.session_state.pop("import-results", None)  # a new file: the last import's result is not about it


def import_section(coach) -> None:
    st.markdown("Upload a LinkedIn `Connections.csv` or `Imported Contacts.csv`, a Google or Outlook contacts CSV, "
                "a vCard or Markdown notes. Importing again updates people; it never duplicates them.")
    sample = state.in_sample()
    if sample:
        st.caption("Imports go into **your own** network, never into the sample; the app switches to it.")
    # Any file is accepted here and checked by the importer, so a wrong one is refused in words, not an icon.
    files = st.file_uploader("Contacts export", accept_multiple_files=True, on_change=_forget_results,
                             max_upload_size=MAX_UPLOAD_MB, key=f"uploader-{st.session_state.get('uploads', 0)}")
    fmt = st.selectbox("Format", list(FORMATS), format_func=FORMATS.get, key="import-format")
    if st.button("Import", type="primary", disabled=not files, icon=":material/upload:"):
        own = state.own_coach()
        bar = st.progress(0.0, text="Reading the file…")
        results = []
        for n, f in enumerate(files):
            results.append(import_upload(own, f, fmt, progress=_progress(bar, n, len(files), f)))
        bar.progress(0.0, text="Updating the search index…")
        if sample and any(report and report.created for _, report, _ in results):
            state.use_workspace("own")  # the page changes under the tabs: say what happened at the top
        state.after_write(bar)
        bar.empty()
        st.session_state["flash"] = summary(results, into_own=bool(sample))  # at the top, wherever the user is
        st.session_state["import-results"] = results
        st.session_state["uploads"] = st.session_state.get("uploads", 0) + 1  # clears the uploader
        st.rerun()
    for name, report, error in st.session_state.get("import-results", []):
        show_report(name, report, error)


def _progress(bar, n: int, total: int, upload):
    """A progress callback for one file of several: bytes read so far, as a share of the whole upload."""
    size = max(upload.size, 1)
    read = [0]

    def step(nbytes: int) -> None:
        read[0] += nbytes
        share = (n + min(read[0] / size, 1.0)) / total
        bar.progress(min(share, 1.0), text=f"Importing {Path(upload.name).name}: {min(read[0] / size, 1.0):.0%}")

    return step


def summary(results: list, into_own: bool = False) -> str:
    """One line for the top of the page: what each import did."""
    parts = []
    for name, report, error in results:
        if error:
            parts.append(f"{name}: not imported ({error})")
        else:
            parts.append(f"{name}: {report.created} created, {report.updated} updated, {report.unchanged} unchanged"
                         + (f", {len(report.skipped)} rows skipped" if report.skipped else ""))
    where = " into your own network (shown now; the sample stays apart)" if into_own else ""
    return f"Imported{where}. " + "; ".join(parts) + ". The full report is on the Import tab."


def import_upload(coach, upload, fmt: str, progress=None) -> tuple[str, ImportReport | None, str | None]:
    """Write one upload to a temporary file and import it: (file name, report or None, error or None)."""
    name = Path(upload.name).name
    if upload.size > MAX_UPLOAD_MB * 1024 * 1024:
        return name, None, f"{name} is larger than {MAX_UPLOAD_MB} MB; export fewer contacts or split the file."
    suffix = Path(name).suffix.lower()
    if suffix.lstrip(".") not in UPLOAD_TYPES:
        return name, None, (f"{name} is not a contacts export the coach reads: upload a .csv (LinkedIn or "
                            "Google), a .vcf vCard, .md notes or a coach .json backup.")
    with tempfile.TemporaryDirectory(prefix="coach-upload-") as tmp:
        path = Path(tmp) / f"upload{suffix}"
        path.write_bytes(upload.getvalue())
        try:
            report = coach.store.import_file(path, fmt, progress=progress)
        except Exception as exc:
            message = state.error_message(exc)
            if message is None:
                raise
            return name, None, for_the_browser(message.replace(str(path), name))
    report.file = name
    return name, report, None


def for_the_browser(message: str) -> str:
    """An importer's sentence as a browser user reads it: the Format box, not a command-line flag."""
    return (message.replace("; pass --format to force one", "; choose it in the Format box")
            .replace("or pass --format", "or choose the format in the Format box")
            .replace("pass the file `coach export --format json` wrote", "upload the JSON backup this app "
                     "(or `coach export --format json`) wrote"))


def show_report(name: str, report: ImportReport | None, error: str | None) -> None:
    with st.container(border=True):
        if error:
            st.error(escape(error), icon=":material/error:")
            return
        st.markdown(f"**{escape(name)}** · {FORMATS.get(report.format, report.format)}")
        cols = st.columns(4)
        cols[0].metric("Created", report.created)
        cols[1].metric("Updated", report.updated)
        cols[2].metric("Unchanged", report.unchanged)
        cols[3].metric("Skipped rows", len(report.skipped))
        if report.skipped:
            st.dataframe(pd.DataFrame([s.model_dump() for s in report.skipped]), hide_index=True,
                         column_config={"line": "Line", "reason": "Why it was skipped"})
        show_possible_duplicates(report)


def show_possible_duplicates(report: ImportReport) -> None:
    """The contacts the import kept apart although they share a name with others, to review and merge."""
    dups = report.possible_duplicates
    if not dups:
        return
    st.warning(f"{len(dups)} possible duplicate{'s' if len(dups) != 1 else ''}: review", icon=":material/group:")
    st.caption("Each was created as its own contact because a field disagrees (middle name, company, email, "
               "phone). If two are one person, open one and use **Delete or merge**.")
    st.dataframe(pd.DataFrame([{"id": d.id, "name": d.name, "matches": ", ".join(f"#{m}" for m in d.matches),
                                "reason": d.reason} for d in dups]), hide_index=True,
                 column_config={"id": "Created", "name": "Name", "matches": "Resembles",
                                "reason": "Why kept apart"})


# ------------------------------------------------------------------ due
def due_section(coach) -> None:
    due = coach.store.due_contacts()
    if not due:
        st.info("Nobody is due for a check-in. Cadences come from a contact's own setting or its tags.")
        return
    st.markdown(f"**{len(due)}** {'person is' if len(due) == 1 else 'people are'} due for a check-in, most "
                "overdue first.")
    for d in due:
        cols = st.columns([3, 2, 2, 2], vertical_alignment="center")
        cols[0].markdown(f"**{escape(d['name'])}**")
        cols[1].caption(f"last contacted {d['last_contacted'] or 'never'}")
        cols[2].caption(f"due since {d['due_since']}")
        if cols[3].button("Draft a check-in", key=f"due-{d['id']}", icon=":material/edit:"):
            draft_for(d["id"], d["name"])


# ------------------------------------------------------------------ people
def people_section(coach) -> None:
    contacts = coach.store.list_contacts()
    if not contacts:
        st.caption("No contacts yet.")
        return
    query = st.text_input("Search", placeholder="a name, a company, or what you remember (\"payments\", "
                          "\"met at KubeCon\")", key="contact-search")
    if query.strip():
        try:
            hits = coach.synced_retriever().find(query, kind="contacts", k=len(contacts))
        except Exception as exc:
            if not state.show_error(exc):
                raise
            hits = []
        order = [int(h.id) for h in hits if str(h.id).isdigit()]
        by_id = {c.id: c for c in contacts}
        shown = [by_id[i] for i in order if i in by_id]
    else:
        shown = contacts
    counts = coach.store.notes_counts()
    table = pd.DataFrame([{
        "id": c.id, "name": c.name, "company": c.company, "title": c.title, "tags": ", ".join(c.tags),
        "last contacted": str(c.last_contacted or "never"), "notes": counts.get(c.id, 0)} for c in shown])
    if table.empty:
        st.info(f"No match for “{escape(query.strip())}”: nobody's name, company, tags or notes fit. Try other "
                "words.", icon=":material/search_off:")
        return
    st.caption(f"{len(shown)} of {len(contacts)} people" + (" match" if query.strip() else ""))
    event = st.dataframe(table, hide_index=True, on_select="rerun", selection_mode="single-row",
                         key="contacts-table", column_config={"id": None})
    _follow_selection(event, table, {c.id for c in contacts})
    names = {c.id: f"{c.name} — {c.company}" if c.company else c.name for c in contacts}
    chosen = st.selectbox("Open a contact", [None, *names], key="contact-pick",
                          format_func=lambda i: "Choose someone…" if i is None else names.get(i, str(i)))
    if chosen is not None:
        st.query_params["contact"] = st.session_state["seen-link"] = str(chosen)
        contact_detail.render(coach, chosen)


def _follow_selection(event, table: pd.DataFrame, ids: set[int]) -> None:
    """A newly clicked table row, or a newly followed link (?contact=ID), opens that contact."""
    rows = list(getattr(getattr(event, "selection", None), "rows", None) or [])
    if rows and rows != st.session_state.get("seen-rows"):
        st.session_state["contact-pick"] = int(table.iloc[rows[0]]["id"])
    st.session_state["seen-rows"] = rows
    link = st.query_params.get("contact", "")
    if link.isdigit() and int(link) in ids and link != st.session_state.get("seen-link"):
        st.session_state["contact-pick"] = int(link)
        st.session_state["seen-link"] = link
