"""Notes kept in formats other than prose are read by class of markup (coach.crm.facts.formats, .voice)."""

from __future__ import annotations

import datetime as dt

from coach.core.domain import Contact, Note
from coach.crm.facts.rules import extract_rules

DAY = dt.date(2025, 3, 1)


def _facts(text: str, me: str = "", first: str = "Tove", last: str = "Lindqvist", **fields):
    contact = Contact(id=7, first_name=first, last_name=last, notes=[Note(id=3, text=text, date=DAY)], **fields)
    return extract_rules(contact, dt.date(2025, 6, 1), me=me)


def _by_kind(facts, kind: str) -> list[str]:
    return [f.phrase for f in facts if f.kind == kind]


def test_a_chat_export_reads_each_speaker_in_their_own_voice():
    chat = ("[2025-02-11 09:02] Tove: I'm happy to intro you to the platform lead once the req is open\n"
            "[2025-02-11 09:05] me: sent you my portfolio link\n"
            "[2025-02-11 09:07] Tove: maybe next week?")
    facts = _facts(chat)
    assert "you offered to intro me to the platform lead once the req is open" in _by_kind(facts, "offer")
    assert "I sent you my portfolio link" in _by_kind(facts, "my-request")
    assert all("next week" not in f.phrase for f in facts)  # a question is no fact
    assert {f.date for f in facts} == {dt.date(2025, 2, 11)}  # the message's date, not the note's
    assert all(f.source == "note:3" for f in facts)


def test_a_slack_paste_with_name_and_time_headers_reads_the_lines_below_as_theirs():
    chat = "Tove Lindqvist  3:15 PM\nI can review your case study before Friday\n\nBram Oduya  3:20 PM\nnice"
    assert _by_kind(_facts(chat), "offer") == ["you offered to review my case study before Friday"]


def test_a_group_chat_line_by_someone_else_is_not_theirs():
    chat = "[10:42] Bram: I can intro you to the hiring manager\n[10:43] Tove: ha"
    assert _by_kind(_facts(chat), "offer") == []


def test_open_checkboxes_are_to_dos_and_ticked_ones_are_what_i_did():
    todo = "- [ ] coffee at the Harbour Summit with the design leads\n- [x] sent her the onboarding teardown"
    facts = _facts(todo)
    assert _by_kind(facts, "met-at") == []
    assert _by_kind(facts, "my-request") == ["I sent you the onboarding teardown"]


def test_key_value_lines_are_fields_never_sentences():
    card = ("Title: Staff Designer\nCompany: Ferro Mobility\nMet: Lisbon UX Week, 2024-09-19\n"
            "Intro via: Bram Oduya\nEmail: tove@ferro.example\nNext step: send the case study")
    facts = _facts(card)
    met = [f for f in facts if f.kind == "met-at"]
    assert {f.phrase for f in met} == {"at Lisbon UX Week", "through Bram Oduya"}
    lisbon = next(f for f in met if f.phrase.startswith("at"))
    assert lisbon.date == dt.date(2024, 9, 19) and lisbon.event == "Lisbon UX Week"
    assert _by_kind(facts, "role") == ["Staff Designer at Ferro Mobility"]
    assert not any("case study" in f.phrase or "ferro.example" in f.phrase for f in facts)


def test_an_unsure_field_is_no_fact():
    assert _by_kind(_facts("Intro via: Bram?? not sure"), "met-at") == []


def test_a_question_and_answer_sheet_reads_the_answer_to_how_we_met():
    sheet = ("Q: How did we meet?\nA: Nordic Product Days 2023\n"
             "Q: What should I ask about?\n"
             "Q: Anything she did for me? A: She reviewed my portfolio twice")
    facts = _facts(sheet)
    assert _by_kind(facts, "met-at") == ["at Nordic Product Days 2023"]
    assert _by_kind(facts, "favour") == ["you reviewed my portfolio twice"]


def test_spreadsheet_rows_read_the_contacts_row_by_its_columns():
    rows = ("Name\tCompany\tMet\tNotes\n"
            "Tove Lindqvist\tFerro Mobility\tBerlin Design Meetup\tshe reviewed my portfolio\n"
            "Bram Oduya\tKestrel\tNordic Product Days\tintroduced me to his VP")
    facts = _facts(rows)
    assert _by_kind(facts, "met-at") == ["at Berlin Design Meetup"]
    assert _by_kind(facts, "favour") == ["you reviewed my portfolio"]


def test_an_assistants_third_person_note_reads_the_user_as_i():
    note = "Mr. Haddad met her at the Alpine Robotics Forum. She walked Omar through her team's hiring plan."
    facts = _facts(note, me="Omar Haddad")
    assert "at the Alpine Robotics Forum" in _by_kind(facts, "met-at")
    assert _by_kind(facts, "favour") == ["you walked me through your team's hiring plan"]


def test_a_note_to_self_in_the_second_person_reads_you_as_me():
    note = "You met Tove at the Malmö design meetup. You sent her the deck the next day."
    facts = _facts(note)
    assert _by_kind(facts, "met-at") == ["at the Malmö design meetup"]
    assert _by_kind(facts, "my-request") == ["I sent you the deck the next day"]


def test_a_present_tense_journal_tells_what_happened():
    note = "I meet Tove at the Gothenburg expo. She tells me about the new studio and offers to review my portfolio."
    facts = _facts(note)
    assert _by_kind(facts, "met-at") == ["at the Gothenburg expo"]
    assert _by_kind(facts, "offer") == ["you offered to review my portfolio"]


def test_a_present_state_is_not_made_past():
    note = "I meet Tove at the expo. She runs growth at Pollen and tells me about it."
    assert not any("ran growth" in f.phrase for f in _facts(note))


def test_a_scanned_business_card_is_fields():
    card = "TOVE L1NDQVIST\nHead of Design | Ferro Mobility\nFERRO MOBILITY AB\n~ tove@ferro.example ~\n+46 70 555 01 23"
    facts = _facts(card)
    assert [f.kind for f in facts] == ["role"]
    assert facts[0].company == "Ferro Mobility Ab"
    assert "Head of Design" in facts[0].phrase


def test_a_card_with_the_contacts_title_on_file_adds_no_second_role():
    card = "Tove Lindqvist\nHead of Design\nFerro Mobility Group\ntove@ferro.example"
    facts = _facts(card, title="Head of Design", company="Ferro Mobility")
    assert _by_kind(facts, "role") == ["Head of Design at Ferro Mobility"]


def test_a_journal_tells_a_favour_in_the_present_and_as_a_memory():
    note = ("I find an old photo from the hackathon. I remember that she drives me to the station at 6am when my bus "
            "gets cancelled. I never thank her properly.")
    assert _by_kind(_facts(note), "favour") == ["you drove me to the station at 6am"]
