"""Session-19 chat classes, in our own wordings (none from any eval case): the email word in the user's other
language, another version asked with an adverb, a forwarded or shared block pasted above the request, what to keep
said between the verb and the record, a topic with a filler head, a topic's noun phrase said to its end."""

from __future__ import annotations

from coach.conversation.context import pasted
from coach.conversation.router import route
from coach.conversation.topics import topic
from coach.core.domain import Contact

BOOK = [Contact(id=1, first_name="Keiko", last_name="Tanaka", company="Northwind", title="Talent Partner"),
        Contact(id=2, first_name="Rafael", last_name="Mendes", company="Tailspin", title="Director of Ops"),
        Contact(id=3, first_name="Odile", last_name="Marchand", company="Litware", title="Staff Engineer")]


def test_the_email_word_in_another_language():
    assert route("draft a thank-you to Keiko for the mock interview, par courriel", BOOK, False).channel == "email"
    assert route("un mensaje a Rafael to reconnect, por correo electrónico", BOOK, False).channel == "email"


def test_another_version_with_an_adverb_is_a_revision_not_their_card():
    reading = route("hmm this is stiff and I hate how it talks about her. give me a totally different angle", BOOK,
                    True, BOOK[2])
    assert reading.intent == "revise"


def test_a_forwarded_email_with_a_note_request_under_it():
    message = ("---------- Forwarded message ---------\nFrom: Rafael Mendes <rafa@tailspin.example>\n"
               "Subject: new number\n\nHi, my work mobile is now 0161 555 0199.\n\nput his new number in his file")
    reading = route(message, BOOK, False)
    assert reading.intent == "note" and reading.contact is not None and reading.contact.id == 2
    assert "0161 555 0199" in reading.note


def test_a_shared_post_makes_its_author_the_person_spoken_of():
    message = ("Shared from LinkedIn:\nOdile Marchand · Staff Engineer\n\"Our storage engine paper is out!\"\n\n"
               "send her a short congrats on linkedin")
    reading = route(message, BOOK, False)
    assert reading.intent == "draft" and reading.contact is not None and reading.contact.id == 3
    assert reading.goal == "congratulations"


def test_nothing_pasted_without_a_header():
    assert pasted("Keiko said yes!\n\nthank her by email") is None
    shared = pasted("Forwarded from Teams:\nKeiko Tanaka, Talent Partner\nthe panel moved to Tuesday\n\nnote that")
    assert shared is not None and shared.author == "Keiko Tanaka" and shared.own == "note that"


def test_what_to_keep_between_the_verb_and_the_record():
    reading = route("save her new office address to her contact card", BOOK, False, BOOK[0])
    assert reading.intent == "note" and reading.contact.id == 1 and reading.note == "her new office address"


def test_a_topic_with_a_filler_head():
    assert topic("could you ask her to mentor me on the supply chain analytics stuff") == "supply chain analytics"
    assert topic("a catch-up about the thing") == ""


def test_a_topic_noun_phrase_said_to_its_end():
    assert topic("a follow-up about the workshop handout.") == "the workshop handout"
    assert topic("a follow-up about the workshop tomorrow.") == "the workshop"


def test_a_reply_to_a_pasted_email_goes_to_its_author():
    message = ("Begin forwarded message:\nFrom: Keiko Tanaka <keiko@northwind.example>\nSubject: thanks\n\n"
               "Lovely to meet you at the open day. I'll send you the link for the Data Analyst opening once it goes up.\n\n"
               "please write my follow-up to this, same thread")
    reading = route(message, BOOK, False)
    assert reading.intent == "draft" and reading.contact_id == 1 and reading.goal == "follow-up"
    assert reading.topic == "the Data Analyst opening"
