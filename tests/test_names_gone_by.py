"""The name a person goes by and the title they use, read from the user's notes in the ways people write them: a
quoted name inside the full name, 'prefers "…"', '"…" to everyone', a short form the notes, a handle or an email use
on its own; 'Dr.' written before their family name; what some people call them, a note that they go by their given name, a
short form shouted. Notes are ours, none from an eval case."""

from __future__ import annotations

import pytest

from coach.core.domain import Contact, Note, Profile
from coach.crm.facts.names import goes_by
from coach.drafting.brief import Brief


def _contact(first: str, last: str, note: str, emails: list[str] | None = None) -> Contact:
    return Contact(id=1, first_name=first, last_name=last, emails=emails or [], notes=[Note(text=note)])


@pytest.mark.parametrize("first, last, note, emails, name", [
    ("Bartholomew", "Quill", 'Bartholomew "Bart" Quill, met at the print fair', [], "Bart"),
    ("Evangeline", "Moss", '- Ms. Moss prefers "Evie".', [], "Evie"),
    ("Theodora", "Vance", '"Theodora" on paper, "Teddie" to everyone', [], "Teddie"),
    ("Nnamdi", "Okoro", "lunch w/ the team", ["nnam.okoro@kiln.example"], "Nnam"),
    ("Alexandrina", "Poole", "DM thread with @alex.p about the grant", [], "Alex"),
    ("Temitope", "Adeyemi", "Ask Tope about the panel", [], "Tope"),
    ("Margaret", "Lane", "Margaret ran the March workshop.", [], ""),
    ("Janet", "Roe", "Jan 2024: coffee at the fair", [], ""),
    # session 22: a book title's last word before their full name in brackets, a date before their first name in
    # brackets, a name the note questions and denies; beside each, the form that still names them
    ("Marguerite", "Olsson", "Highlights: The Patient Gardener's Handbook (Marguerite Olsson), ch. 4", [], ""),
    ("Marguerite", "Olsson", "Emailed Maggie (Marguerite Olsson) about the seed swap", [], "Maggie"),
    ("Marguerite", "Olsson", "- crates arrive 12 May (Marguerite), invoice after", [], ""),
    ("Marguerite", "Olsson", "Mags (Marguerite) runs the stall", [], "Mags"),
    ("Marguerite", "Olsson", "goes by Rita?? -> no, that's her sister", [], ""),
    ("Marguerite", "Olsson", "goes by Rita", [], "Rita"),
])
def test_the_name_they_go_by_is_read_from_how_notes_write_it(first, last, note, emails, name):
    assert goes_by(_contact(first, last, note, emails)) == name


def test_a_title_the_notes_write_before_their_family_name_is_how_the_greeting_names_them():
    contact = _contact("Ingrid", "Solheim-Park", 'Met at the fjord survey talk. She signs her mail "Dr. Solheim-Park".')
    assert contact.noted_title == "Dr." and contact.addressed() == "Dr. Solheim-Park"
    brief = Brief(contact=contact, profile=Profile(name="Ola"), goal="reconnect", channel="linkedin-message")
    body = "Dear Dr. Solheim-Park,\n\nWe met at the fjord survey talk. Would you be up for a call?\n\nBest,\nOla"
    assert not [c.name for c in brief.check("", body).checks if c.hard and not c.passed]
    assert _contact("Ingrid", "Solheim-Park", "Met at the fjord survey talk.").noted_title == ""


def test_a_cv_is_no_unsupported_name():
    brief = Brief(contact=_contact("Ingrid", "Solheim", "Met at the fjord survey talk."), profile=Profile(name="Ola"),
                  goal="referral", channel="linkedin-message")
    body = "Hi Ingrid,\n\nWe met at the fjord survey talk. I can send my CV. Would you be open to referring me?\n\nBest,\nOla"
    assert not [c.name for c in brief.check("", body).checks if c.hard and not c.passed]


@pytest.mark.parametrize("first, last, note, name", [
    # what some people call them is theirs, not the user's; what the person says is theirs to say
    ("Beatrix", "Holm", 'Her old teammates call her "Trixie" but I only ever knew her as Beatrix', "Beatrix"),
    ("Annabel", "Fry", "she said call her bel, everyone does", "Bel"),
    # a note that they go by the given name itself settles it, whatever short form comes later
    ("Josephine", "Ekwueme", 'She\'s "Josephine". I tried "Jo" once, big mistake.', "Josephine"),
    ("Amara", "Diallo", 'goes by "Amara" in person; signs emails "AD"', "Amara"),
    # … unless the note says nobody uses it
    ("Oluwatobi", "Bankole", "Tobi. Nobody calls him Oluwatobi except his bank.", "Tobi"),
    # a short form the notes shout is greeted as spoken; initials stay
    ("Tamsin", "Ebb", "TAM!! at the summit again, always Tam", "Tam"),
])
def test_the_greeting_name_follows_what_the_notes_say_the_user_should_call_them(first, last, note, name):
    from coach.crm.facts.names import greeting_name

    assert greeting_name(_contact(first, last, note)) == name


def test_a_title_the_notes_refuse_is_never_used():
    refused = _contact("Aurelio", "Castellanos", 'everyone calls him Leo. pls not "Dr Castellanos", he hated that')
    assert refused.noted_title == ""
    kept = _contact("Farah", "Qureshi", "Dr. Farah Qureshi gave the keynote at the summit")
    assert kept.noted_title == "Dr."


def test_a_titled_contact_who_asked_to_be_called_by_name_is_greeted_by_name():
    saoirse = Contact(id=3, first_name="Dr. Saoirse", last_name="Flanagan", notes=[Note(text="soil talk at the expo")])
    told = Brief(contact=saoirse, profile=Profile(name="Cal"), goal="informational-interview", channel="email",
                 context="she said to call her Saoirse, ask for a 20 min call")
    assert told.addressed(formal=True) == "Saoirse"
    plain = Brief(contact=saoirse, profile=Profile(name="Cal"), goal="informational-interview", channel="email",
                  context="ask for a 20 min call")
    assert plain.addressed(formal=True) == "Dr. Flanagan"


def test_what_someone_unnamed_once_called_them_is_not_their_name():
    from coach.core.domain import Contact, Note
    from coach.crm.facts.names import goes_by
    c = Contact(id=1, first_name="Rosalind", last_name="Achterberg",
                notes=[Note(text="prefers Rosalind (a client at the expo called her Roz, she froze)")])
    assert goes_by(c) == ""


def test_the_person_an_introduction_is_to_is_not_whom_the_message_greets():
    from coach.core.domain import Contact, Note
    from coach.crm.facts.names import goes_by
    c = Contact(id=1, first_name="Rachel", last_name="Nakagawa-Burke",
                notes=[Note(text='Dolores "Lola" Brennan, owner. Lola said yes to an intro. Lola is keen.')])
    assert goes_by(c, "offer Rachel an intro to Lola Brennan for the electrical package") == ""

