"""Session-20 chat classes, in our own wordings (none from any eval case): a judgement of the user's own move asked
in statement order or with its verb dropped, 'whether I should', 'what to do now?'; a statement that someone did
not reply is no question about the history; one name ruled out for another; the goal of the last draft
corrected; initials asked back with whose they are; a weekday's short form is no name; how the user knows a
described person is no leftover; a compound noun finishes the topic."""

from __future__ import annotations

from coach.conversation.router import goal_corrected, route
from coach.conversation.topics import topic
from coach.core.domain import Contact
from coach.core.messages import DraftRequest
from coach.crm.names import initials

BOOK = [Contact(id=1, first_name="Keiko", last_name="Tanaka", company="Northwind", title="Talent Partner"),
        Contact(id=2, first_name="Rafael", last_name="Mendes", company="Tailspin", title="Director of Ops"),
        Contact(id=3, first_name="Odile", last_name="Marchand", company="Litware", title="Staff Engineer")]


def test_a_judgement_of_the_users_own_move_is_advice():
    assert route("We spoke once at a trade fair. It is odd if I add Rafael on LinkedIn now?", BOOK,
                 False).intent == "advise"
    assert route("is it ok to ask Keiko for help when we only met twice?", BOOK, False).intent == "advise"
    assert route("it polite to ping Odile again if she never answered my first note?", BOOK,
                 False).intent == "advise"
    assert route("to be clear, I'm asking whether I should contact Keiko at all", BOOK, False).intent == "advise"


def test_what_to_do_in_a_learners_word_order_is_advice():
    assert route("Rafael asked me to vouch for his nephew, I never worked with the nephew. What I do?", BOOK,
                 False).intent == "advise"
    assert route("Keiko and I fell out over the offsite budget. What to do now?", BOOK, False).intent == "advise"


def test_a_request_to_write_saying_it_is_good_stays_a_draft():
    reading = route("write Odile a note saying it is good to have her back on the team", BOOK, False)
    assert reading.intent == "draft" and reading.contact.id == 3


def test_a_statement_that_someone_did_not_reply_is_not_about_their_card():
    reading = route("Rafael did not answer my email from May. Is it rude if I write once more?", BOOK, False)
    assert reading.intent == "advise" and reading.contact.id == 2


def test_one_name_ruled_out_for_another():
    previous = DraftRequest(contact_id=1, goal="thank-you", channel="email")
    reading = route("oops, that one was for Odile, not Keiko. same again but to her", BOOK, True, BOOK[0], previous)
    assert reading.intent == "draft" and reading.contact.id == 3 and reading.goal == "thank-you"


def test_the_goal_of_the_last_draft_corrected():
    previous = DraftRequest(contact_id=2, goal="referral", channel="linkedin-message")
    reading = route("no, not a referral, more of a catch-up", BOOK, True, BOOK[1], previous)
    assert reading.intent == "draft" and reading.contact.id == 2 and reading.goal == "reconnect"
    assert reading.channel == "linkedin-message"
    assert goal_corrected("not a follow-up, a thank-you", "follow-up") == "thank-you"
    assert goal_corrected("not now, thanks", "referral") is None


def test_initials_are_asked_back_with_whose_they_are():
    reading = route("email RM about the ops lead opening", BOOK, False)
    assert reading.intent == "clarify" and [c.id for c in reading.choices] == [2]
    assert initials("EMAIL RM ABOUT THE OPENING", BOOK) == ("", [])  # all in capitals: no initials read
    assert initials("a note to KT about the panel", BOOK) == ("KT", [BOOK[0]])


def test_a_weekdays_short_form_is_no_name():
    reading = route("follow up with Keiko about the panel prep we did on Thu 6 Mar", BOOK, False)
    assert reading.intent == "draft" and reading.contact.id == 1 and reading.unknown_name == ""


def test_how_the_user_knows_a_described_person_is_no_leftover():
    reading = route("write to the Litware engineer I met at the hackathon, thanking her for the debugging tips", BOOK,
                    False)
    assert reading.intent == "draft" and reading.contact.id == 3 and reading.goal == "thank-you"


def test_a_compound_noun_finishes_the_topic():
    assert topic("congratulate her on passing her thesis defence") == "her thesis defence"


def test_the_draft_asked_for_on_another_channel_in_a_longer_message():
    previous = DraftRequest(contact_id=3, goal="thank-you", channel="linkedin-message")
    reading = route("hmm she barely opens LinkedIn, could you redo this as an email?", BOOK, True, BOOK[2], previous)
    assert reading.intent == "revise" and reading.channel == "email"


def test_texting_shorthand_for_a_connection_request():
    reading = route("pls send odile marchand a connection req rn, ngl it's overdue", BOOK, False)
    assert reading.intent == "draft" and reading.contact.id == 3 and reading.channel == "linkedin-note"


def test_the_person_named_after_a_change_of_mind():
    reading = route("email Keiko, actually no, make it Rafael, thanking him for the plant tour", BOOK, False)
    assert reading.intent == "draft" and reading.contact.id == 2 and reading.goal == "thank-you"


def test_checking_in_on_a_thing_is_a_follow_up_and_on_them_a_reconnection():
    assert route("write Keiko a quick email just checking in on the ops analyst req", BOOK, False).goal == "follow-up"
    assert route("email Odile about the storage benchmark we discussed", BOOK, False).goal == "follow-up"
    assert route("message Rafael, just checking in on him after the move", BOOK, False).goal == "reconnect"
