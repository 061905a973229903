"""Composition keeps the names of the shared history: of two drafts that pass alike, the more specific wins."""

from __future__ import annotations

from coach.core.domain import Contact, Note, Profile
from coach.drafting.composer import Brief, compose

MAYA = Contact(id=7, first_name="Maya", last_name="Lindgren", company="Inkwell", title="Senior Product Designer",
               how_we_met="Config 2023 design-systems workshop",
               notes=[Note(text="She ran the session on design tokens and how her team tracks adoption.")])


def test_a_model_line_that_drops_the_event_name_loses_to_the_one_that_keeps_it():
    brief = Brief(contact=MAYA, profile=Profile(name="Sam Carter"), goal="reconnect", channel="linkedin-note")
    assert "config" in brief.grounds.history_names()  # the first word of how_we_met is a name too
    vague = "Hi Maya, great to meet you at the 2023 design-systems workshop. Would you be up for a call?"
    made = compose(brief, vague, budget=1)
    assert made is not None
    _subject, body, report, _uses_model = made
    assert report.hard_passed and "Config" in body, body


def test_history_names_leave_out_the_contacts_own_name_and_common_words():
    brief = Brief(contact=MAYA, profile=Profile(), goal="reconnect", channel="linkedin-note",
                  context="Catching up before the Figma Schema conference")
    names = brief.grounds.history_names()
    assert {"config", "figma", "schema"} <= names
    assert not {"maya", "lindgren", "she", "the"} & names


LUCIA = Contact(id=8, first_name="Lucía", last_name="Ortega", company="Brightline", title="Product Manager",
                how_we_met="Lisbon product meetup", notes=[Note(text="We talked about pricing experiments.")])


def test_a_model_sentence_cut_off_by_the_token_limit_is_never_kept():
    from coach.drafting.composer import body_sentences, model_sentences

    cut = "Hi Lucía, great to meet you at the Lisbon product m"
    assert body_sentences(cut, finished_only=True) == []
    broken = "Hi Lucía, great to meet you at the Lisbon product m\nMeetings: 20-minute call on Friday at 13.90"
    assert body_sentences(broken, finished_only=True) == [], "a line the model broke off is no sentence either"
    assert model_sentences(broken, Brief(contact=LUCIA, profile=Profile(), goal="reconnect",
                                         channel="linkedin-note"), budget=1) == []
    assert body_sentences(cut) == ["Great to meet you at the Lisbon product m."]  # what was kept before
    brief = Brief(contact=LUCIA, profile=Profile(name="Sam Carter"), goal="informational-interview",
                  channel="linkedin-note", context="I want to learn how product teams run pricing experiments.")
    assert model_sentences(cut, brief, budget=1) == []
    _subject, body, _report, uses_model = compose(brief, cut, budget=1)
    assert not uses_model and "product m." not in body, body


def test_a_model_sentence_with_a_known_slip_is_not_kept():
    from coach.drafting.composer import passes_sentence

    dev = Contact(id=9, first_name="Dev", last_name="Patel", company="Corvid Metrics", how_we_met="teammates at Bluepeak",
                  notes=[Note(text="We shared the on-call rotation for two years and rewrote the alerting runbooks.")])
    brief = Brief(contact=dev, profile=Profile(name="Sam Carter"), goal="reconnect", channel="linkedin-message")
    assert not passes_sentence("We discussed about the on-call rotation for two years.", brief)
    assert passes_sentence("We shared the on-call rotation for two years.", brief)
    assert not passes_sentence("Great to meet you at Bluepeak!", brief)  # a past meeting, in the present tense


def test_how_we_met_written_about_her_is_said_to_her():
    priya = Contact(id=21, first_name="Priya", last_name="Raman", company="Stripe", title="Product Manager",
                    how_we_met="PyCon US 2024 in Pittsburgh, after her talk on payments APIs",
                    notes=[Note(text="Said the Connect team is hiring platform engineers next quarter")])
    brief = Brief(contact=priya, profile=Profile(name="Sam Carter"), goal="reconnect", channel="linkedin-note",
                  context="the Connect team")
    _subject, body, report, _uses_model = compose(brief)
    assert report.hard_passed and "after your talk on payments APIs" in body and "her talk" not in body, body
