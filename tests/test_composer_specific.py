"""Composition keeps the names of the shared history: of two drafts that pass alike, the more specific wins."""

from __future__ import annotations

from coach.composer import Brief, compose
from coach.domain import Contact, Note, Profile

MAYA = Contact(id=7, first_name="Maya", last_name="Lindgren", company="Inkwell", title="Senior Product Designer",
               how_we_met="Config 2023 design-systems workshop",
               notes=[Note(text="She ran the session on design tokens and how her team tracks adoption.")])


def test_a_model_line_that_drops_the_event_name_loses_to_the_one_that_keeps_it():
    brief = Brief(contact=MAYA, profile=Profile(name="Sam Carter"), goal="reconnect", channel="linkedin-note")
    assert "config" in brief.grounds.history_names()  # the first word of how_we_met is a name too
    vague = "Hi Maya, great to meet you at the 2023 design-systems workshop. Would you be up for a call?"
    made = compose(brief, vague, budget=1, strict=True)
    assert made is not None
    _subject, body, report, _uses_model = made
    assert report.hard_passed and "Config" in body, body


def test_history_names_leave_out_the_contacts_own_name_and_common_words():
    brief = Brief(contact=MAYA, profile=Profile(), goal="reconnect", channel="linkedin-note",
                  context="Catching up before the Figma Schema conference")
    names = brief.grounds.history_names()
    assert {"config", "figma", "schema"} <= names
    assert not {"maya", "lindgren", "she", "the"} & names
