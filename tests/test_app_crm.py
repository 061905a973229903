"""The CRM in the browser (AppTest): add a contact and draft to them, tag cadences, export CSV / vCard / JSON
backup and restore the backup through the uploader, an import's result at the top of the page."""

from __future__ import annotations

import json

import pytest

from coach.core.domain import Contact
from coach.ui import crm_forms, state
from tests import test_app
from tests.fixtures_contacts import linkedin_text
from tests.test_app import app_on, ask, texts

model = test_app.model  # the app's Coach over a scripted model (a fixture)
pytestmark = pytest.mark.usefixtures("model")


def click(at, label: str):
    return [b for b in at.button if b.label == label][0].click().run()


def test_add_a_contact_then_draft_to_them_and_a_duplicate_is_refused() -> None:
    at = app_on("contacts").run()
    at.text_input(key="add-first").set_value("Ingrid")
    at.text_input(key="add-last").set_value("Solberg")
    at.text_input(key="add-company").set_value("Globex")
    at.text_input(key="add-title").set_value("Engineering Director")
    at.text_input(key="add-tags").set_value("mentor, globex")
    at.text_input(key="add-how").set_value("PyCon 2024 in Pittsburgh")
    at.text_area(key="add-note").set_value("She offered to review my system design talk.")
    at.button(key="FormSubmitter:add-contact-Add contact").click().run()
    assert not at.exception
    [ingrid] = state.coach().store.list_contacts()
    assert (ingrid.name, ingrid.company, ingrid.tags) == ("Ingrid Solberg", "Globex", ["mentor", "globex"])
    assert any(f"Added Ingrid Solberg (#{ingrid.id})" in s.value for s in at.success)
    assert state.coach().store.get_contact(ingrid.id).notes[0].text.startswith("She offered")

    at.button(key="FormSubmitter:add-contact-Add contact").click().run()  # the same person again
    assert any(f"already contact #{ingrid.id}" in e.value for e in at.error)
    assert len(state.coach().store.list_contacts()) == 1

    chat = app_on("chat").run()
    ask(chat, "Write a LinkedIn message to Ingrid Solberg to reconnect")
    assert chat.code and chat.code[-1].value.startswith("Hi Ingrid,")
    assert "LinkedIn message to Ingrid Solberg · reconnect" in texts(chat)


def test_tag_cadences_are_set_in_the_browser() -> None:
    state.coach().store.add_contact(Contact(first_name="Ana", last_name="Ruiz", tags=["mentor"]))
    at = app_on("contacts").run()
    at.selectbox(key="cadence-tag").select("mentor")
    at.number_input(key="cadence-days").set_value(45)
    at.button(key="FormSubmitter:tag-cadence-Set cadence").click().run()
    assert not at.exception
    assert state.coach().store.tag_cadences() == {"mentor": 45}
    assert "**mentor**: every 45 days" in texts(at)
    assert any("Contacts tagged mentor are due every 45 days." in s.value for s in at.success)


def test_export_csv_vcard_and_a_json_backup_that_the_uploader_restores() -> None:
    store = state.coach().store
    ana = store.add_contact(Contact(first_name="Ana", last_name="Ruiz", company="Initech", tags=["mentor"]))
    store.add_note(ana.id, "Talked about payments APIs.")
    store.set_tag_cadence("mentor", 30)
    at = app_on("contacts").run()
    assert [b.label for b in at.get("download_button")] == ["Download contacts.csv (1 contact)"]
    csv, n = crm_forms.export_text(state.coach(), "csv")
    vcf, _ = crm_forms.export_text(state.coach(), "vcard")
    backup, _ = crm_forms.export_text(state.coach(), "json")
    assert n == 1 and "Ana" in csv and "BEGIN:VCARD" in vcf and "payments APIs" in backup
    at.radio(key="export-format").set_value("json").run()
    assert [b.label for b in at.get("download_button")] == ["Download coach-backup.json (1 contact)"]

    store.delete_contact(ana.id)  # what is lost comes back; a cadence still set is kept as it is
    assert store.list_contacts() == []
    store.set_profile(name="")
    at.file_uploader[0].set_value(("coach-backup.json", backup.encode(), "application/json")).run()
    click(at, "Import")
    assert not at.exception, at.exception
    assert not [e.value for e in at.error]
    [back] = state.coach().store.list_contacts()
    assert back.name == "Ana Ruiz" and state.coach().store.tag_cadences() == {"mentor": 30}
    assert json.loads(backup)["format"]  # the file is the JSON backup `coach export --format json` writes
    assert any("coach-backup.json: 1 created" in s.value for s in at.success)  # at the top, wherever the user is


def test_an_import_shows_progress_and_its_result_at_the_top(monkeypatch) -> None:
    from coach.ui import contacts_page

    shown: list[float] = []
    real = contacts_page._progress

    def watched(bar, n, total, upload):
        step = real(bar, n, total, upload)

        def record(nbytes: int) -> None:
            step(nbytes)
            shown.append(nbytes)
        return record

    monkeypatch.setattr(contacts_page, "_progress", watched)
    at = app_on("contacts").run()
    rows = [["Yusuf", "Demir", "https://www.linkedin.com/in/yusuf-demir-fict", "", "Initech", "Data Engineer",
             "19 Sep 2023"]]
    at.file_uploader[0].set_value(("Connections.csv", ("\ufeff" + linkedin_text(rows)).encode(), "text/csv")).run()
    click(at, "Import")
    assert not at.exception
    assert shown and sum(shown) > 0  # the bar moved with the bytes read
    assert any(s.value.startswith("Imported. Connections.csv: 1 created, 0 updated, 0 unchanged")
               for s in at.success)


def test_a_browser_user_is_pointed_to_the_format_box_not_a_flag() -> None:
    at = app_on("contacts").run()
    at.file_uploader[0].set_value(("mystery.csv", b"a,b,c\n1,2,3\n", "text/csv")).run()
    click(at, "Import")
    errors = " ".join(e.value for e in at.error)
    assert "--format" not in errors and "Format box" in errors
