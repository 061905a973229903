"""What the user's words ask for is data the ask is built from: the meeting they have in mind, their own question,
a link or a job id the message must carry, a bare job title; a thank-you or a congratulation asks for nothing;
shorthand news in a note is theirs."""

from __future__ import annotations

import datetime as dt

import pytest

from coach.core.domain import Contact, Note, Profile
from coach.crm.facts.rules import extract_rules
from coach.drafting.composer import Brief, compose
from coach.drafting.openers import openers
from coach.drafting.request import read_request
from coach.drafting.wants import ask_from, read_want

NOOR = Contact(id=3, first_name="Noor", last_name="Haddad", company="Fernleaf", title="Design Lead",
               notes=[Note(text="We ran the accessibility guild together at Fernleaf in 2021.")])


def _draft(goal: str, channel: str, context: str = "", contact: Contact = NOOR) -> str:
    brief = Brief(contact=contact, profile=Profile(name="Tariq Mensah"), goal=goal, channel=channel, context=context)
    made = compose(brief)
    assert made is not None, brief.reading.line()
    return made[1]


@pytest.mark.parametrize("words, ask", [
    ("let's grab breakfast", "Would you be up for breakfast?"),
    ("maybe a fortnightly call", "Would you be open to a fortnightly call?"),
    ("ask for 25 min about moving from agency work to in-house", "Would you be open to a 25-minute call about moving "
                                                                 "from agency work to in-house?"),
    ("propose drinks when I'm in Leeds next month", "Would you be up for drinks when I'm in Leeds next month?"),
    ("ask if she could review my case study before Friday", "Could you review my case study before Friday?"),
])
def test_the_users_meeting_or_question_becomes_the_ask(words, ask):
    reading = read_request(words, NOOR)
    assert ask_from(reading.parts, "reconnect") == ask, reading.line()


def test_a_question_naming_a_third_person_is_not_asked_as_written():
    reading = read_request("ask if she could walk me through how her team runs research ops", NOOR)
    assert not [p for p in reading.parts if p.kind == "ask"], reading.line()


def test_a_meeting_the_user_doubts_is_not_proposed():
    reading = read_request("breakfast?? not sure", NOOR)
    assert not [p for p in reading.parts if p.kind == "meet"]


def test_the_draft_ends_with_the_meeting_the_user_named_not_the_goals_stock_ask():
    body = _draft("reconnect", "email", "I moved back to Bristol in the spring. suggest coffee")
    assert "catch-up call this month" not in body and "Would you be up for coffee?" in body, body
    body = _draft("reconnect", "email", "I moved back to Bristol in the spring, maybe dinner next week")
    assert body.count("?") == 1 and "Would you be up for dinner next week?" in body, body


@pytest.mark.parametrize("words, kind, text", [
    ("the deck is at slides.example.com/q3-plan", "link", "slides.example.com/q3-plan"),
    ("Staff Data Analyst, JR-20931", "role", "the Staff Data Analyst role (JR-20931)"),
    ("Platform Engineer III opening on their careers site", "role", "the Platform Engineer III opening"),
    ("ticket #8812", "ref", "ticket #8812"),
    ("croissants were great", None, None),
])
def test_links_ids_and_bare_titles_are_read_as_data(words, kind, text):
    part = read_want(words)
    assert (part.kind, part.text) == (kind, text) if kind else part is None


def test_a_link_and_a_titled_role_reach_the_message():
    body = _draft("follow-up", "linkedin-note", "the recording is at vids.example.org/guild-talk")
    assert "vids.example.org/guild-talk" in body, body
    body = _draft("referral", "linkedin-note", "Senior Accessibility Designer, REQ-4410")
    assert "the Senior Accessibility Designer role (REQ-4410)" in body, body


@pytest.mark.parametrize("goal", ["thank-you", "congratulations"])
def test_a_thank_you_or_a_congratulation_asks_for_nothing(goal):
    context = "thank her for the portfolio review" if goal == "thank-you" else "congrats on the design award"
    for channel in ("linkedin-message", "email", "linkedin-note"):
        body = _draft(goal, channel, context)
        assert "?" not in body, body


def test_the_user_saying_not_to_ask_drops_the_ask_on_any_goal():
    body = _draft("reconnect", "linkedin-message", "no ask, just saying hello")
    assert "?" not in body, body


def test_a_line_after_the_greeting_of_a_note_starts_in_lower_case():
    stranger = Contact(id=4, first_name="Oskar", last_name="Lind", company="Tallbo", title="Architect")
    body = _draft("introduction", "linkedin-note", "", contact=stranger)
    assert body.startswith("Hi Oskar, ") and body[len("Hi Oskar, "):][:1].islower(), body


def test_asking_for_english_is_no_language_note():
    assert read_request("write it in English please", NOOR).language == ""
    assert read_request("auf Englisch bitte", NOOR).language == ""
    assert read_request("in Portuguese", NOOR).language == "Portuguese"


def test_the_users_own_news_without_a_subject_is_said_as_theirs():
    reading = read_request("landed the job on Friday. starting in March as a content designer", NOOR)
    mine = [p.text for p in reading.parts if p.kind == "mine"]
    assert mine == ["I landed the job on Friday", "I am starting in March as a content designer"], reading.line()


def _facts(text: str) -> list:
    return extract_rules(Contact(id=1, first_name="Ines", last_name="Duarte", notes=[Note(text=text)]),
                         today=dt.date(2026, 6, 1))


def test_shorthand_news_in_a_note_is_their_news_without_where_it_was_read():
    facts = _facts("Just appointed Chief Nursing Officer per the hospital newsletter.")
    assert [(f.kind, f.phrase) for f in facts] == [("their-news", "you were appointed Chief Nursing Officer")]
    facts = _facts("🏅 won the Harlan Medal for teaching")
    assert [(f.kind, f.phrase) for f in facts] == [("their-news", "you won the Harlan Medal for teaching")]
    assert not [f for f in _facts("won me over with the demo") if f.kind == "their-news"]


def test_a_teacher_of_the_user_is_thanked_for_their_guidance_with_the_year():
    facts = _facts("My dissertation supervisor, 2019.")
    assert [(f.kind, f.past, f.years) for f in facts] == [("role", True, "2019")]
    lines = [o.sentence for o in openers(facts, "congratulations", today=dt.date(2026, 6, 1))]
    assert lines == ["I still value your guidance from 2019, when you were my dissertation supervisor."]


@pytest.mark.parametrize("words, name", [
    ("Priyanka said I could use her name", "Priyanka"),
    ("mention Bo Lindqvist sent me", "Bo Lindqvist"),
    ("Tess told me to get in touch", "Tess"),
])
def test_who_sent_the_user_is_a_typed_referrer_said_in_one_frame(words, name):
    reading = read_request(words, NOOR)
    assert [(p.kind, p.text) for p in reading.parts] == [("referrer", name)], reading.line()
    body = _draft("informational-interview", "linkedin-message", words)
    assert f"{name} suggested I reach out to you." in body, body


def test_the_recipient_is_never_their_own_referrer():
    assert not [p for p in read_request("Noor said to reach out", NOOR).parts if p.kind == "referrer"]


def test_a_question_in_the_users_words_becomes_the_ask_and_their_doubts_stay_out():
    reading = read_request("I'm moving into service design, would she meet me for 10-15 min?", NOOR)
    assert ask_from(reading.parts, "informational-interview") == "Would you meet me for 10-15 min?", reading.line()
    reading = read_request("say hi. I think she might be leaving Fernleaf", NOOR)
    assert not [p for p in reading.parts if p.kind == "mine"], reading.line()
    reading = read_request("10-15 min call", NOOR)
    assert [(p.kind, p.minutes) for p in reading.parts] == [("meet", 10)]


def test_a_verb_after_would_you_is_no_noun_after_you():
    from coach.checks import grammar

    assert grammar.ok("Would you mentor me this spring?")
    assert not grammar.ok("I saw you mentor post.")


@pytest.mark.parametrize("phrase", ["you taught", "we talked about to you poolside", "you gave"])
def test_a_clause_cut_before_its_object_is_not_said(phrase):
    from coach.drafting.sayable import sayable

    assert not sayable(phrase, "favour")


@pytest.mark.parametrize("words", ["I guest on his whenever it suits",
                                   "we're connected on LinkedIn already"])
def test_a_sentence_the_swap_would_break_or_a_note_about_linkedin_is_not_said(words):
    reading = read_request(words, NOOR)
    assert not [p for p in reading.parts if p.kind == "mine"], reading.line()


def test_a_reconnect_with_the_users_own_reason_carries_no_stock_filler_line():
    body = _draft("reconnect", "email", "I moved back to Bristol in the spring. suggest coffee")
    assert "what you are working on these days" not in body, body


def test_an_introduction_to_someone_about_something_names_the_person_alone():
    reading = read_request("ask her to intro me to Tove Berg at Fjordlight about the harbour project", NOOR)
    assert [(p.kind, p.text) for p in reading.parts] == [("person", "Tove Berg at Fjordlight")], reading.line()


def test_a_subject_and_a_sign_off_the_user_gives_are_used_as_written():
    reading = read_request('use the subject line "Notes from the guild meetup". sign off as Tariq & the Loomline team',
                           NOOR)
    assert (reading.subject, reading.sign_as) == ("Notes from the guild meetup", "Tariq & the Loomline team")
    assert not reading.left_out, reading.line()
    brief = Brief(contact=NOOR, profile=Profile(name="Tariq Mensah"), goal="follow-up", channel="email",
                  context='the recording is at vids.example.org/guild. subject: "Guild talk recording". sign as CTO')
    subject, body, report, _ = compose(brief)
    assert subject == "Guild talk recording" and body.endswith("Tariq\nCTO") and report.hard_passed, (subject, body)


def test_a_meeting_dated_relative_to_the_note_is_said_without_that_time():
    facts = _facts("Met her at the Harbourside design meetup last night (Tues).")
    assert [f.phrase for f in facts if f.kind == "met-at"] == ["at the Harbourside design meetup"], facts


def test_a_referral_asks_about_the_opening_the_user_named_as_a_thing():
    body = _draft("referral", "email", "the staff designer opening on the Atlas team")
    assert "referring me for the staff designer opening on the Atlas team?" in body, body
    assert body.count("staff designer opening") == 1, body


@pytest.mark.parametrize("words", ["I'm employed and my boss has no idea I'm looking, keep it quiet",
                                   "I've been interviewing elsewhere, nobody at work knows",
                                   "my promotion is not public yet"])
def test_what_the_user_says_so_the_coach_keeps_a_secret_is_never_said(words):
    reading = read_request(words, NOOR)
    assert not [p for p in reading.parts if p.kind == "mine"], reading.line()
    body = _draft("referral", "linkedin-message", f"the Staff Designer role. {words}")
    assert "no idea" not in body and "interviewing" not in body and "not public" not in body, body


def test_a_verb_joined_to_you_by_and_keeps_its_agreement():
    from coach.checks import grammar

    assert not grammar.ok("Then you moved into consulting and is at Fenwick now.", {"fenwick"})
    assert grammar.ok("Then you moved into consulting and are at Fenwick now.", {"fenwick"})
    assert grammar.ok("I saw you at the fair and it was great.")
