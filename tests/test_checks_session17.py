"""Checks that rejected good drafts (session 17), in our own words: a signature block after 'With best wishes,',
a greeting to two people, a person the user says was recommended, a name the notes say they went by, a
two-letter short name, a weekday a note writes short, 'mention me to' as a referral, a paragraph handed over to
paste, the person an offered introduction is to, and the request read when a user's own message is checked."""

from __future__ import annotations

from coach.core.domain import Contact, Note
from coach.core.text import strip_frame
from coach.crm.facts.names import goes_by, greeting_name
from tests.test_checks_false_alarms import _contact, _hard


def test_a_signature_block_after_with_best_wishes_is_not_the_message():
    body = "Dear Ines,\n\nThanks for the tour of the Corran Archive.\n\nWith best wishes,\nTom Reid\nCorran Archive"
    assert strip_frame(body) == "Thanks for the tour of the Corran Archive."


def test_a_greeting_to_two_people_may_speak_of_each():
    lena = _contact("Lena", "Okafor", "runs the Okafor bakery, lease renewal due", company="Okafor Bakes")
    body = ("Hi Lena and Sam,\n\nI'm glad to introduce you. Sam, Lena's shop lease is up in June. Lena, Sam advises "
            "on commercial leases.\n\nI'll leave you both to it.\n\nBest,\nAda")
    assert "to-them" not in _hard(lena, "introduction", "email", "intro Lena to Sam Ferris for her lease", body,
                                  "Intro: Lena and Sam")


def test_a_pronoun_for_someone_the_notes_say_was_recommended_is_theirs():
    rosa = _contact("Rosa", "Vidal", "she recommended Tobiah to us when she left, now our best planner")
    body = ("Hi Rosa,\n\nThank you for recommending Tobiah when you left. He is now our best planner.\n\n"
            "Best,\nAda")
    assert "to-them" not in _hard(rosa, "thank-you", "linkedin-message", "thank her for Tobiah", body)


def test_a_name_they_went_by_greets_them():
    c = Contact(id=3, first_name="Johanna", last_name="Reyes", notes=[Note(text='she went by "Jojo" in the cohort')])
    assert goes_by(c) == "Jojo"


def test_a_two_letter_short_name_in_the_request_greets_them_and_a_word_does_not():
    c = Contact(id=3, first_name="Joanna", last_name="Pemberton-Achebe",
                notes=[Note(text="JO PEMBERTON, referee call in Oct\nnothing to do w/ Jo")])
    assert greeting_name(c, "it turned out to be Jo, write her a friendly email") == "Jo"
    ingrid = Contact(id=4, first_name="Ingrid", last_name="Sand", notes=[Note(text="In May: met at the fair")])
    assert greeting_name(ingrid, "email Ingrid. In short, reconnect") == "Ingrid"


def test_a_weekday_a_note_writes_short_grounds_it_written_out():
    c = _contact("Mira", "Holt", "does the canal parkrun most Sats")
    body = "Hi Mira,\n\nFancy a coffee after parkrun one of these Saturdays?\n\nBest,\nAda"
    assert "grounding" not in _hard(c, "reconnect", "linkedin-message", "coffee with Mira", body)
    assert "grounding" in _hard(c, "reconnect", "linkedin-message", "coffee with Mira",
                                body.replace("Saturdays", "Tuesdays"))


def test_mention_me_to_is_a_referral():
    c = _contact("Dara", "Quinn", "offered in May to mention me to the builders' guild")
    body = ("Hi Dara,\n\nIf your offer from May still stands, would you mention me to the builders' guild? I have room "
            "for two clients from June.\n\nThanks,\nAda")
    assert "goal" not in _hard(c, "referral", "linkedin-message", "take Dara up on the guild offer", body)


def test_a_paragraph_handed_over_to_paste_speaks_of_the_user():
    c = _contact("Dara", "Quinn", "offered in May to mention me to the builders' guild")
    body = ("Hi Dara,\n\nWould you mention me to the builders' guild? Here's a line you could paste into the group "
            "chat:\n\nAda Brennan does payroll for trades. She has room for two clients. Ask me for her details.\n\n"
            "Thanks,\nAda")
    assert "to-them" not in _hard(c, "referral", "linkedin-message", "ask Dara to mention me to the guild", body)


def test_the_person_an_offered_introduction_is_to_may_be_her_beside_the_introduction():
    c = _contact("Gwen", "Price", "rides with me on Sundays, misses the technical side since she retired")
    context = "ask Gwen whether she'd be open to me introducing her to Hana Ito (drone surveys)"
    body = ("Hi Gwen,\n\nYou said on Sunday that you miss the technical side. A former colleague, Hana Ito, runs drone "
            "surveys. She needs an adviser. It is paid.\n\nWould you be open to me introducing you? I haven't copied "
            "her in yet.\n\nBest,\nAda")
    assert "to-them" not in _hard(c, "introduction", "email", context, body, "An introduction?")
    slip = body.replace("I haven't copied her in yet.", "I loved her ride report.")
    assert "to-them" in _hard(c, "introduction", "email", context, slip, "An introduction?")
