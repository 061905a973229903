"""The CRM in the browser: add a contact, tag cadences, export (CSV, vCard, JSON backup). Each calls the same
store and exporter code as `coach contacts add`, `coach contacts cadence` and `coach export`."""

from __future__ import annotations

import io

import streamlit as st

from coach.core.domain import Contact
from coach.core.errors import CoachError
from coach.crm.exporters import export
from coach.ui import state
from coach.ui.state import escape

EXPORTS = {"csv": ("CSV (spreadsheets; re-importable)", "contacts.csv", "text/csv"),
           "vcard": ("vCard (address books)", "contacts.vcf", "text/vcard"),
           "json": ("JSON backup (also your profile and tag cadences)", "coach-backup.json", "application/json")}


def add_form(coach) -> None:
    """A contact typed by hand; a person already stored is pointed to, never duplicated."""
    with st.form("add-contact", clear_on_submit=False):
        cols = st.columns(2)
        first = cols[0].text_input("First name", key="add-first")
        last = cols[1].text_input("Last name", key="add-last")
        company = cols[0].text_input("Company", key="add-company")
        title = cols[1].text_input("Title", key="add-title")
        email = cols[0].text_input("Email", key="add-email")
        linkedin = cols[1].text_input("LinkedIn profile URL", key="add-linkedin")
        tags = st.text_input("Tags (comma-separated)", key="add-tags", placeholder="mentor, former colleague")
        how = st.text_input("How you met", key="add-how")
        note = st.text_area("A first note", key="add-note")
        cadence = st.number_input("Check in every … days (0: from its tags)", min_value=0, value=0, step=1,
                                  key="add-cadence")
        submitted = st.form_submit_button("Add contact", type="primary", icon=":material/person_add:")
    if not submitted:
        return
    if not first.strip():
        st.error("Give at least a first name.", icon=":material/error:")
        return
    own = state.own_coach() if state.in_sample() else coach
    try:
        contact = Contact(first_name=first.strip(), last_name=last.strip(), company=company.strip(),
                          title=title.strip(), emails=[email.strip()] if email.strip() else [],
                          linkedin_url=linkedin.strip(), tags=[t.strip() for t in tags.split(",") if t.strip()],
                          how_we_met=how.strip(), cadence_days=int(cadence) or None)
        existing = own.store.same_person(contact)
        if existing is not None:
            st.error(f"{escape(contact.name)} is already contact #{existing}: open them in the People tab to "
                     "edit or add a note.", icon=":material/error:")
            return
        created = own.store.add_contact(contact)
        if note.strip():
            own.store.add_note(created.id, note.strip())
    except (CoachError, ValueError) as exc:
        st.error(escape(str(exc).splitlines()[0]), icon=":material/error:")
        return
    if state.in_sample():
        state.use_workspace("own")
    state.after_write()
    st.session_state["flash"] = f"Added {created.name} (#{created.id}). Their page is open below."
    st.query_params["contact"] = str(created.id)
    st.rerun()


def cadence_section(coach) -> None:
    """How often to check in with everyone carrying a tag (`coach contacts cadence --tag T --days N`)."""
    current = coach.store.tag_cadences()
    if current:
        st.markdown("\n".join(f"- **{escape(tag)}**: every {days} day{'s' if days != 1 else ''}"
                              for tag, days in sorted(current.items())))
    else:
        st.caption("No tag cadences yet.")
    tags = sorted({t for c in coach.contacts() for t in c.tags})
    with st.form("tag-cadence"):
        cols = st.columns(2)
        tag = cols[0].selectbox("Tag", tags, accept_new_options=True, key="cadence-tag",
                                placeholder="Pick or type a tag")
        days = cols[1].number_input("Every … days", min_value=1, value=90, step=1, key="cadence-days")
        if st.form_submit_button("Set cadence", icon=":material/schedule:"):
            if not tag:
                st.error("Pick or type a tag.", icon=":material/error:")
                return
            try:
                coach.store.set_tag_cadence(tag, int(days))
            except CoachError as exc:
                st.error(escape(str(exc)), icon=":material/error:")
                return
            st.session_state["flash"] = f"Contacts tagged {tag.strip().lstrip('#')} are due every {int(days)} days."
            st.rerun()


def export_section(coach) -> None:
    """Every contact with notes and interactions, as `coach export --format …` writes them; the JSON backup is
    restored through the Import tab."""
    fmt = st.radio("Format", list(EXPORTS), format_func=lambda f: EXPORTS[f][0], key="export-format",
                   horizontal=True)
    label, name, mime = EXPORTS[fmt]
    data, count = export_text(coach, fmt)
    st.download_button(f"Download {name} ({count} contact{'s' if count != 1 else ''})", data=data, file_name=name,
                       mime=mime, icon=":material/download:", key="export-download")
    st.caption("To restore a JSON backup, upload it on the Import tab: the people, your profile and the tag "
               "cadences come back as they were.")


def export_text(coach, fmt: str) -> tuple[str, int]:
    out = io.StringIO()
    count = export(coach.store.all_contacts(), out, fmt, profile=coach.store.get_profile(),
                   tag_cadences=coach.store.tag_cadences())
    return out.getvalue(), count
