"""A note pasted as a JSON export is read record by record, dated, never another person's record or an open task."""

import datetime as dt
import json

from coach.core.domain import Contact, Note
from coach.crm.facts.rules import extract_rules

EXPORT = {
    "properties": {"firstname": "Marisol", "jobtitle": "Lead Designer", "lifecyclestage": "other"},
    "engagements": [
        {"type": "NOTE", "timestamp": 1665912600000, "body": "Met at Frameworks Summit Porto after her talk."},
        {"type": "EMAIL", "timestamp": 1667213400000, "body": "Sent her my onboarding teardown deck."},
        {"type": "TASK", "status": "OPEN", "timestamp": 1737331200000, "body": "Email Sol about the role."},
    ],
    "associated_contacts": [{"name": "Marisol Etxebarria Gil", "note": "different person, met at the Bilbao fair"}],
}


def _facts(text: str) -> list:
    c = Contact(id=1, first_name="Marisol", last_name="Etxeberria", notes=[Note(text=text)])
    return extract_rules(c)


def test_a_json_export_is_read_record_by_record_with_its_dates():
    facts = _facts(json.dumps(EXPORT, indent=2))
    phrases = {f.phrase: f for f in facts}
    met = next(f for f in facts if f.kind == "met-at" and "Porto" in f.phrase)
    assert met.date == dt.date(2022, 10, 16)
    assert "I sent you my onboarding teardown deck" in phrases  # the user sent it: the contact is its object
    assert not any("Bilbao" in p for p in phrases)  # the look-alike's record is someone else's
    assert not any("lifecyclestage" in p or "Email Sol" in p for p in phrases)  # bookkeeping and an open task


def test_json_lines_and_text_that_only_looks_like_json_are_read_too():
    lines = "\n".join(json.dumps(r) for r in EXPORT["engagements"])
    assert any(f.kind == "met-at" for f in _facts(lines))
    assert _facts("{not json} Met at the Porto summit.") is not None


def test_their_thank_you_note_is_no_favour():
    assert not [f for f in _facts("She sent a thank-you note.") if f.kind == "favour"]
    assert [f for f in _facts("She sent me her deck.") if f.kind == "favour"]


def test_a_heading_of_the_users_own_write_up_is_no_event():
    from coach.crm.facts.layout import heading_phrase
    assert heading_phrase("What went well") == "" and heading_phrase("Next steps") == ""
    assert heading_phrase("PyCon US 2024") == "at PyCon US 2024"


def test_an_event_field_that_holds_only_dates_names_no_meeting():
    facts = _facts("Event: Sat 8 – Sun 9 Nov 2025 · Retro held: 12/11 · Scribe: Dami")
    assert not [f for f in facts if f.kind == "met-at"]
    assert [f for f in _facts("Event: Harbour Hack 2025") if f.kind == "met-at"]
