"""Failure classes a blind judge named on the spent held-out sets, each tested on notes written for this file.

Two sides: the checker must not reject what is true (a capable model's draft that says "in October" for a note's
"Oct 2023" is grounded), and the composer must not say what reads as a pasted note (shorthand, a heading that
is the person's name) or miss what the user asked about (the role goes in the ask).
"""

from __future__ import annotations

import pytest

from coach.checks.checker import Grounds, check_message
from coach.core.dates import date_phrases
from coach.core.domain import Contact, Note, Profile
from coach.crm.facts.names import goes_by
from coach.drafting.composer import Brief, compose
from coach.drafting.request import read_request
from coach.drafting.sayable import sayable


def _checks(body: str, contact: Contact, channel: str = "linkedin-message", subject: str = "", goal: str = "",
            context: str = "") -> dict:
    reading = read_request(context, contact)
    grounds = Grounds(contact=contact, goal=goal, context=reading.said() or context, request=context,
                      reading=reading)
    return {c.name: c for c in check_message(body, channel, grounds, subject).checks}


TEODORA = Contact(id=1, first_name="Teodora", last_name="Vasquez", company="Loamline", title="Buyer",
                  notes=[Note(text="Met at the Harbourside seed swap, Oct 2023. Follow-up call 9/14 about compost "
                                   "pricing. Worked together 2016 to 2018 at the Millbrook co-op.")])


# ---------------------------------------------------------------- the checker grounds true dates and names
@pytest.mark.parametrize("said", ["in October 2023", "last October", "in September", "from 2016-2018",
                                  "in Sept", "at the Harbourside seed swap's stall"])
def test_dates_and_names_in_any_form_the_notes_write_them_are_grounded(said):
    body = f"Hi Teodora, it was good to see you {said}. Would you be up for a call?"
    assert _checks(body, TEODORA)["grounding"].passed, said


@pytest.mark.parametrize("said", ["in June 2023", "in October 2021", "from 2014-2018"])
def test_a_date_the_notes_do_not_hold_is_still_unsupported(said):
    body = f"Hi Teodora, it was good to see you {said}. Would you be up for a call?"
    assert not _checks(body, TEODORA)["grounding"].passed, said


def test_note_dates_read_in_their_many_forms():
    assert "march 2025" in date_phrases("2025.03.09 kickoff")
    assert "april" in date_phrases("call on 4/22")
    assert "november 2024" in date_phrases("workshop, 7 Nov 2024")
    assert date_phrases("may I ask") == "" and "2002" not in date_phrases("filed 2024-02-14")


def test_an_amount_the_notes_state_may_be_said_but_not_one_they_do_not():
    c = Contact(id=2, first_name="Ruth", last_name="Oyelaran", notes=[Note(text="Her studio raised $4M last spring.")])
    assert _checks("Hi Ruth, congratulations on the $4M round. Coffee soon?", c)["grounding"].passed
    assert not _checks("Hi Ruth, congratulations on the $9M round. Coffee soon?", c)["grounding"].passed


def test_a_longish_subject_is_advice_and_a_paragraph_of_a_subject_is_hard():
    body = "Hi Teodora,\n\nIt was good to meet you at the Harbourside seed swap. Would you be up for a call?\n\nBest,\nSam"
    ten = _checks(body, TEODORA, "email", "Compost pricing follow-up from the Harbourside seed swap chat")["subject"]
    assert not ten.passed and not ten.hard
    long = " ".join(["word"] * 18)
    assert _checks(body, TEODORA, "email", long)["subject"].hard


# ---------------------------------------------------------------- the name they go by
KIT = Contact(id=3, first_name="Christopher", last_name="Aalto",
              notes=[Note(text="goes by Kit. Hates being called Chris.")])


def test_the_greeting_uses_and_the_checker_accepts_the_name_they_go_by():
    assert goes_by(KIT) == "Kit"
    assert _checks("Hi Kit, good to see you. Would you be up for a call?", KIT)["greeting"].passed
    brief = Brief(contact=KIT, profile=Profile(name="Sam Carter"), goal="reconnect", channel="linkedin-note")
    assert brief.first == "Kit"


def test_a_name_they_do_not_want_is_never_their_name():
    c = Contact(id=4, first_name="Aoibheann", last_name="Roe", notes=[Note(text="hates being called 'Eve'")])
    assert goes_by(c) == ""
    short = Contact(id=5, first_name="Benedikt", last_name="Strand", notes=[Note(text="Ben Strand, ex-teammate.")])
    assert goes_by(short) == "Ben"


# ---------------------------------------------------------------- third parties, blurbs, things to leave out
def test_a_pronoun_beside_another_person_is_about_them_not_the_recipient():
    c = Contact(id=6, first_name="Ines", last_name="Pardo",
                notes=[Note(text="My colleague Theo Marsh suggested I reach out to her.")])
    ok = "Hi Ines, my colleague Theo Marsh suggested I get in touch and said he was happy to be named. Could we talk?"
    assert _checks(ok, c)["to-them"].passed
    slip = "Hi Ines, I read that she leads the grants team. Could we talk?"
    assert not _checks(slip, c)["to-them"].passed


def test_naming_a_thing_is_not_saying_the_clause_the_user_asked_to_leave_out():
    c = Contact(id=7, first_name="Oren", last_name="Falk", notes=[Note(text="We both worked on the Quarry Lane bid.")])
    words = "don't mention that Quarry Lane dragged on for months"
    fine = "Hi Oren, thanks again for the Quarry Lane bid work. Could we catch up?"
    assert _checks(fine, c, context=words)["leave-out"].passed
    said = "Hi Oren, the Quarry Lane bid dragged on for months. Could we catch up?"
    assert not _checks(said, c, context=words)["leave-out"].passed


def test_your_name_in_a_sentence_is_english_not_a_placeholder():
    c = Contact(id=8, first_name="Lior", last_name="Ben-Ami", notes=[Note(text="Dana Ruiz suggested I contact him.")])
    assert _checks("Hi Lior, Dana Ruiz mentioned your name. Could we talk?", c)["placeholders"].passed
    assert not _checks("Hi Lior, I am [Your Name]. Could we talk?", c)["placeholders"].passed


# ---------------------------------------------------------------- the composer says only clean clauses
@pytest.mark.parametrize("phrase", ["at devfest nrw '23 bonn", "at the block party (the one w/ the band)",
                                    "you sent me the 🔥 deck", "we talked about at the fair",
                                    "at orientation 4/2021", "you sent you our checklist"])
def test_a_phrase_in_shorthand_is_not_sayable(phrase):
    assert not sayable(phrase, "met-at" if phrase.startswith("at ") else "favour")


def test_a_clean_phrase_is_sayable_and_a_heading_that_is_the_persons_name_is_not_a_place():
    assert sayable("at the Harbourside seed swap", "met-at")
    assert sayable("you reviewed my grant proposal", "favour")
    assert not sayable("at Teodora Vasquez", "met-at", ("Teodora Vasquez", "Teodora"))


def test_a_draft_leaves_out_a_meeting_written_in_shorthand():
    c = Contact(id=9, first_name="Malik", last_name="Osei", company="Ferrow",
                notes=[Note(text="Met at pycon de '22 berlin. He reviewed my conference talk outline.")])
    brief = Brief(contact=c, profile=Profile(name="Sam Carter"), goal="reconnect", channel="linkedin-message")
    made = compose(brief)
    assert made is not None
    assert "'22" not in made[1] and "reviewed my conference talk outline" in made[1], made[1]


# ---------------------------------------------------------------- the request's specifics are the ask's data
def test_a_referral_asks_for_the_role_the_user_named():
    c = Contact(id=10, first_name="Wren", last_name="Castillo", company="Harbor Bikes",
                notes=[Note(text="We worked together at Spoke & Chain.")])
    brief = Brief(contact=c, profile=Profile(name="Sam Carter"), goal="referral", channel="linkedin-message",
                  context="ask her to refer me for the service lead role")
    made = compose(brief)
    assert made is not None and "referring me for the service lead role?" in made[1], made[1]


def test_an_introduction_with_no_one_named_asks_for_a_first_conversation():
    c = Contact(id=11, first_name="Pilar", last_name="Mendes", company="Vela Tiles",
                notes=[Note(text="We talked about reclaimed clay at the Porto ceramics fair.")])
    brief = Brief(contact=c, profile=Profile(name="Sam Carter"), goal="introduction", channel="linkedin-message")
    made = compose(brief)
    assert made is not None and "making an introduction" not in made[1] and "fit?" in made[1], made[1]


@pytest.mark.parametrize(("words", "kind", "text"), [
    ("saw she made partner", "news", "making partner"),
    ("he was just named head chef", "news", "being named head chef"),
    ("ask him to put in a word for the night editor job", "role", "the night editor job"),
    ("finally send the budget sheet", "sending", "the budget sheet"),
    ("apologise for the delay", "apology", "the delay"),
])
def test_the_request_is_read_into_typed_parts(words, kind, text):
    c = Contact(id=12, first_name="Noor", last_name="Haddad")
    parts = read_request(words, c).parts
    assert [(p.kind, p.text) for p in parts] == [(kind, text)], parts


def test_not_sure_is_a_doubt_not_a_thing_to_leave_out():
    c = Contact(id=13, first_name="Noor", last_name="Haddad")
    reading = read_request("not sure she still runs the lab so dont say her title", c)
    assert reading.avoid == ["her title"], reading


def test_two_parts_in_one_frame_say_the_first_and_not_the_frame_twice():
    from coach.drafting.part_lines import sentences

    c = Contact(id=14, first_name="Noor", last_name="Haddad")
    reading = read_request("propose the cider stall at the Elm Fair: the tasting flight for members", c)
    lines = sentences(reading, "partnership", c)
    assert sum(line.startswith("I have an idea for us") for line in lines) == 1, lines


def test_a_referral_read_from_ask_if_shed_refer_me_and_a_sign_off_without_a_title():
    from coach.drafting.composer import sender_name

    parts = read_request("ask if she'd refer me for the night editor role", Contact(id=15, first_name="Noor")).parts
    assert [(p.kind, p.text) for p in parts] == [("role", "the night editor role")]
    assert sender_name("Dr. Ada Obi") == "Ada" and sender_name("Drew Carter") == "Drew"


def test_a_headline_that_lists_items_is_never_said_as_a_sentence():
    from coach.drafting.asks import headline_clause

    assert headline_clause("Backend engineer moving into payments") == "am a backend engineer moving into payments"
    assert headline_clause("Robotics engineer, industrial automation · currently Lyon") == ""
    assert headline_clause("Senior UX researcher, Fernwood") == ""


def test_a_headline_naming_a_field_says_where_the_user_works_and_a_tagline_is_left_out():
    from coach.drafting.asks import headline_clause

    assert headline_clause("Partnerships at Switchback Labs — adaptive game controllers") == \
        "work in partnerships at Switchback Labs"
    assert headline_clause("Data engineer at Fernwood - we make maps") == "am a data engineer at Fernwood"
    assert headline_clause("Lifelong learner and coffee snob") == ""


def test_a_heading_that_titles_the_users_notes_is_no_meeting():
    from coach.crm.facts.layout import heading_phrase as _heading_phrase

    names = ("Oluwaseun Adebayo", "Seun")
    assert _heading_phrase("Prep before reaching out to Seun", names) == ""
    assert _heading_phrase("Notes on the Lisbon offsite", names) == ""
    assert _heading_phrase("Seun's talk at DataFest", names) == ""
    assert _heading_phrase("PyCon US 2024", names) == "at PyCon US 2024"
    assert _heading_phrase("Offsite in Lyon", names) == "at the offsite in Lyon"


def test_an_undated_heading_in_a_note_typed_today_gives_no_date():
    import datetime as dt

    from coach.core.domain import Contact, Note
    from coach.crm.facts.rules import extract_rules

    today = dt.date.today()
    typed = Contact(id=1, first_name="Ines", last_name="Ruiz",
                    notes=[Note(id=1, text="## Hackathon in Porto\nWe built the ticket scanner together.", date=today)])
    facts = extract_rules(typed, today)
    assert facts and all(f.date is None for f in facts if f.kind != "role")
    imported = typed.model_copy(update={"notes": [typed.notes[0].model_copy(update={"source": "markdown"})]})
    assert any(f.date == today for f in extract_rules(imported, today))


def test_a_how_we_met_answer_gives_where_from_its_first_sentence():
    from coach.core.domain import Contact, Note
    from coach.crm.facts.rules import extract_rules

    notes = ("Q: How do I know him?\nA: Same squad at Brightwater Coding School (2021). Last saw him at a wedding "
             "in Cork.")
    facts = extract_rules(Contact(id=1, first_name="Tadhg", last_name="Quinn", notes=[Note(id=1, text=notes)]))
    met = [f.phrase for f in facts if f.kind == "met-at"]
    assert met == ["at Brightwater Coding School (2021)"], met


@pytest.mark.parametrize("phrase", ["at SUMMIT → NOT YET CONNECTED", "at the expo ⇒ follow up"])
def test_a_notes_arrow_is_no_phrase_to_say(phrase):
    assert not sayable(phrase, "met-at")
    assert sayable("at the Lisbon robotics meetup", "met-at")


def test_a_name_the_notes_shout_is_greeted_as_spoken_and_initials_stay():
    from coach.crm.facts.names import greeting_name

    shouted = Contact(id=1, first_name="Katarzyna", last_name="Nowak", notes=[Note(text="goes by KASIA, not Kate")])
    assert greeting_name(shouted) == "Kasia"
    assert greeting_name(Contact(id=2, first_name="AJ", last_name="Osei")) == "AJ"
