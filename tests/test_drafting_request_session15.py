"""The request read as data, session 15 (issue 24), in our own words: an aside in brackets is a part of its own
and the words around it stay one part; a part that speaks only of a third person ('he' where the instructions
call the recipient 'her') is never said as theirs; 'she said to call her X' is for the greeting; a parting wish
('wish her luck with the launch') is said last; a second, smaller ask after a role is not the role; a meeting
with what it is about in one part is read as the meeting and its topic."""

from __future__ import annotations

import pytest

from coach.core.domain import Contact, Note, Profile
from coach.drafting.composer import Brief, compose
from coach.drafting.request import read_request

ILSE = Contact(id=7, first_name="Ilse", last_name="Marwood", company="Fenmoor Housing", title="Head of Assets",
               notes=[Note(text="Met at the housing retrofit conference in York, May 2024.")])


def kinds(words: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for p in read_request(words, ILSE).parts:
        out.setdefault(p.kind, []).append(p.text)
    return out


def test_an_aside_in_brackets_leaves_the_words_around_it_one_part():
    reading = read_request("Thank-you email to Ilse (she asked me to call her Ilse, not Mrs Marwood) for the "
                           "site tour at Fenmoor", ILSE)
    assert [p.text for p in reading.parts if p.kind == "thanks"] == ["the site tour at Fenmoor"]
    assert reading.to_coach == ["she asked me to call her Ilse, not Mrs Marwood"]


@pytest.mark.parametrize("words", [
    "thank her for vouching for Tom. He starts on Monday and is nervous",
    "ask her to look at my bid. his team already said no",
])
def test_a_part_about_a_third_person_is_not_said_as_theirs(words):
    reading = read_request(words, ILSE)
    assert len(reading.others) == 1
    assert not any("you start" in p.text.lower() or "your team" in p.text.lower() for p in reading.parts)
    assert not reading.facts


def test_a_pronoun_of_the_recipient_is_still_theirs():
    reading = read_request("thank him for the tour. He went out of his way", ILSE.model_copy(
        update={"first_name": "Idris"}))
    assert reading.others == []


@pytest.mark.parametrize("words, text", [
    ("maybe wish her luck with the launch", "the launch"),
    ("say good luck for the half marathon", "the half marathon"),
])
def test_a_parting_wish_is_read(words, text):
    assert kinds(words)["luck"] == [text]


def test_a_parting_wish_is_said_last():
    brief = Brief(contact=ILSE, profile=Profile(name="Petra Quist"), goal="thank-you", channel="email",
                  context="thank her for the site tour. wish her luck with the board vote")
    body = compose(brief)[1]
    lines = [line for line in body.splitlines() if line.strip()]
    assert "Thank you for the site tour." in body
    assert lines[-3].endswith("Good luck with the board vote!")  # then the closing word and the name


def test_a_smaller_ask_after_the_role_is_not_the_role():
    assert kinds("ask her to refer me for the Asset Analyst job at Fenmoor or at least pass my CV to the hiring "
                 "manager")["role"] == ["the Asset Analyst job at Fenmoor"]


def test_a_meeting_and_what_it_is_about_in_one_part():
    meet = read_request("ask for a 20-minute call about how she got into asset management", ILSE).parts
    assert [(p.kind, p.tail) for p in meet] == [("meet", "about how you got into asset management")]


@pytest.mark.parametrize("words, text", [
    ("I want say big thank you to Ilse for the Sunday cover", "the Sunday cover"),
    ("say a huge thanks to her for covering my shift", "covering my shift"),
    ("thank her properly for the mock interview since I got the job and never told her", "the mock interview"),
    ("thank her for everything since 2019", "everything since 2019"),
])
def test_a_thanks_said_in_other_words_names_what_for(words, text):
    assert kinds(words)["thanks"] == [text]


@pytest.mark.parametrize("words, text", [
    ("tell her the team loved her workshop", "The team loved your workshop"),
    ("mention our pilot launched in March", "Our pilot launched in March"),
])
def test_a_clause_the_user_asks_to_say_with_a_noun_subject_is_said(words, text):
    assert kinds(words)["mine"] == [text]


@pytest.mark.parametrize("words", ["mention the shared customers", "tell her the grant result",
                                   "mention the huddle thing and that I got my licence"])
def test_a_thing_named_without_a_clause_is_not_a_sentence(words):
    assert "mine" not in kinds(words)


def test_news_of_a_new_role_said_as_starting_as():
    assert kinds("she starts as Head of Estates at Fenmoor next month")["news"] == ["the new role as Head of Estates at Fenmoor"]


def test_a_channel_named_in_two_words_heads_the_request():
    reading = read_request("connection request note to Ilse, thanking for the tour of the Fenmoor depot", ILSE)
    assert [p.text for p in reading.parts if p.kind == "thanks"] == ["the tour of the Fenmoor depot"]


def test_a_later_thing_with_them_as_its_object_is_not_thanked_for():
    assert kinds("thank her for the depot tour and taking her up on the reading list")["thanks"] == ["the depot tour"]


def test_a_title_that_starts_with_its_article_passes_the_grammar_gate():
    assert kinds("tell her I finally finished The Long Winter")["mine"] == ["I finally finished The Long Winter"]
    brief = Brief(contact=ILSE, profile=Profile(name="Petra Quist"), goal="reconnect", channel="email",
                  context="tell her I finally finished The Long Winter")
    assert "I finally finished The Long Winter." in compose(brief)[1]


def test_an_introduction_they_offered_is_the_person_the_ask_asks_for():
    reading = read_request("email to Ilse taking her up on the offer to introduce me to Tomas Berg at Orbit", ILSE)
    assert ("person", "Tomas Berg at Orbit") in [(p.kind, p.text) for p in reading.parts]
    reading = read_request("follow up on her offer to connect me with Dara Quill for the podcast", ILSE)
    assert ("person", "Dara Quill") in [(p.kind, p.text) for p in reading.parts]


def test_shorthand_is_not_said():
    brief = Brief(contact=ILSE, profile=Profile(name="Petra Quist"), goal="thank-you", channel="linkedin-message",
                  context="thank her for the ep")
    assert "the ep" not in compose(brief)[1]


def test_a_message_named_with_what_it_brings_sends_it():
    reading = read_request("follow up email to Ilse with the void figures she asked for", ILSE)
    assert [(p.kind, p.text) for p in reading.parts] == [("sending", "the void figures you asked for")]


@pytest.mark.parametrize("words", ["Need an email to Ilse asking her to introduce me to Tomas Berg at Orbit",
                                   "I need an email to Ilse asking her to introduce me to Tomas Berg at Orbit"])
def test_a_message_wanted_in_so_many_words_heads_the_request(words):
    reading = read_request(words, ILSE)
    assert [(p.kind, p.text) for p in reading.parts] == [("person", "Tomas Berg at Orbit")]


def test_an_instruction_on_framing_is_not_the_users_sentence():
    reading = read_request("I am interested in their analyst role but please frame it as wanting to learn", ILSE)
    assert not [p for p in reading.parts if p.kind == "mine"]


def test_an_introduction_with_no_one_named_offers_no_blurb():
    brief = Brief(contact=ILSE, profile=Profile(name="Petra Quist"), goal="introduction", channel="email",
                  context="")
    assert "blurb" not in compose(brief)[1]


def test_news_said_as_a_bare_noun_gets_its_article():
    from coach.core.messages import RequestPart
    from coach.drafting.part_lines import _news
    assert _news(RequestPart(kind="news", text="baby"), "congratulations") == "Congratulations on the baby!"
    assert _news(RequestPart(kind="news", text="graduating"), "congratulations") == "Congratulations on graduating!"


def test_what_to_do_instead_is_not_left_out():
    assert read_request("No ask at all, just thanks", ILSE).avoid == ["ask at all"]
    assert read_request("don't make it sound like I'm only after a job", ILSE).avoid == [
        "make it sound like I'm only after a job"]


def test_saying_the_message_is_wanted_restates_the_goal():
    reading = read_request("I'd love to send her a proper thank-you email", ILSE)
    assert reading.parts == [] and reading.echo


def test_no_ask_just_thanks_drafts_a_thank_you():
    brief = Brief(contact=ILSE, profile=Profile(name="Petra Quist"), goal="thank-you", channel="email",
                  context="thank her for the depot tour. No ask at all, just thanks.")
    assert compose(brief) is not None


def test_a_short_aside_after_a_name_only_says_who_they_are():
    reading = read_request("he needs something he can forward to Dana (CTO) and the two principals", ILSE)
    assert not [p for p in reading.parts if p.kind == "role"]


@pytest.mark.parametrize("words, text", [
    ("thank ilse for everything at Fenmoor now I've got the surveyor job", "everything at Fenmoor"),
    ("short thank you note to ilse for the depot tour", "the depot tour"),
    ("thank her for joining our residents' evening on Zoom to talk about the retrofit plan",
     "joining our residents' evening on Zoom to talk about the retrofit plan"),
])
def test_one_reader_names_what_a_thanks_is_for(words, text):
    assert kinds(words)["thanks"] == [text]
