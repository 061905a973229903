"""What the user asks the draft to say is read into typed parts and said through their frames, and their words
about the message itself are never said: a head naming the message ("connection request to X, …"), instruction
words around content ("mention X", "X so say that"), words to the coach ("I always over-apologise"), the person's
own offer said back, a meeting with a third person and a time window or a topic, dates with what they date
(coach.drafting.heads, theirs, dates)."""

from __future__ import annotations

import pytest

from coach.core.domain import Contact
from coach.drafting.part_lines import sentences
from coach.drafting.request import read_request
from coach.drafting.wants import ask_from

RUTH = Contact(id=7, first_name="Ruth", last_name="Adeyemi", company="Tallgrass Labs", title="Staff Engineer")


def _read(words: str, goal: str):
    reading = read_request(words, RUTH)
    return reading, sentences(reading, goal, RUTH), ask_from(reading.parts, goal)


def _all_said(lines: list[str], ask: str) -> str:
    return " ".join([*lines, ask])


@pytest.mark.parametrize("words, goal, said", [
    ("connection request to Ruth, remind her of the referral she offered", "referral", "You kindly offered to refer me."),
    ("ask ruth for the intro to Pavel she offered back in oct", "introduction",
     "You kindly offered to introduce me to Pavel back in October."),
    ("the analyst role is open, she said to ping her the moment it was posted", "referral",
     "You said to ping you the moment it was posted."),
    ("she said she'd refer me for Data Engineer III", "referral", "You said you would refer me for Data Engineer III."),
])
def test_their_own_offer_is_said_back_to_them(words, goal, said):
    reading, lines, _ = _read(words, goal)
    assert said in lines, reading.line()


@pytest.mark.parametrize("words, goal, said, never", [
    ("linkedin msg to Ruth", "reconnect", "", "msg"),
    ("connect + congrats on the award", "congratulations", "Congratulations on the award!", "connect"),
    ("thank you note to ruth on linkedin for the reference", "thank-you", "Thank you for the reference.", "note"),
    ("LinkedIn message to Ruth to thank her for the two mock interviews", "thank-you",
     "Thank you for the two mock interviews.", "LinkedIn"),
])
def test_a_head_naming_the_message_is_the_goal_restated_and_what_follows_is_read(words, goal, said, never):
    reading, lines, ask = _read(words, goal)
    text = _all_said(lines, ask)
    assert (said in lines) if said else not lines, reading.line()
    assert never not in text and not reading.left_out, reading.line()
    assert reading.echo, reading.line()


def test_congratulating_them_by_a_name_the_record_lacks_names_the_news():
    reading, lines, _ = _read("congratulate ruthie for the new job", "congratulations")
    assert lines == ["Congratulations on the new job!"], reading.line()


@pytest.mark.parametrize("words, said", [
    ("my invite bounced so say that", "My invite bounced."),
    ("connection req. my invite bounced so say that, and that i'll send the spec here once we're connected",
     "I'll send the spec here once we're connected."),
    ("mention start date 9 june", "My start date is 9 June."),
    ("cold connect to ruth, mention lena park sent me", "Lena Park suggested I reach out to you."),
    ("connection request to ruth, omar diaz passed my name along", "Omar Diaz passed my name on to you."),
])
def test_instruction_words_around_content_are_never_said(words, said):
    reading, lines, _ = _read(words, "follow-up")
    assert said in lines, reading.line()
    assert not any(w in " ".join(lines).lower() for w in ("say that", "mention", "so say", "connection req")), lines


@pytest.mark.parametrize("words", [
    "I always over-apologise",
    "I'm worried it comes across as pushy",
    "I'd like to include my portfolio link but not as a pitch",
])
def test_words_to_the_coach_are_shown_and_never_said(words):
    reading, lines, _ = _read(words, "mentorship")
    assert words in reading.to_coach and not lines, reading.line()
    assert "for the coach" in reading.line()


def test_what_words_to_the_coach_ask_to_acknowledge_is_read():
    reading, lines, _ = _read("I should probably acknowledge it's been months since the launch and that Omar passed on "
                              "her email", "informational-interview")
    assert "It has been months since we last spoke." in lines and "Omar kindly passed on your details." in lines, lines
    assert not any("acknowledge" in line or "should" in line for line in lines)


@pytest.mark.parametrize("words, goal, ask", [
    ("follow up on the pilot. ask for 30 min w/ Dmitri next week or the week after", "follow-up",
     "Would you be open to a 30-minute call with Dmitri next week or the week after?"),
    ("li connect + ask for 20 min coffee/call re getting into data engineering", "informational-interview",
     "Would you be open to a 20-minute coffee or call about getting into data engineering?"),
    ("I'd like an email to Ruth asking for a 30-minute chat (video is fine) about how she moved from support into "
     "engineering", "informational-interview",
     "Would you be open to a 30-minute chat about how you moved from support into engineering?"),
    ("email asking ruth to keep meeting after the cohort ends, monthly 30 min", "mentorship",
     "Would you keep meeting after the cohort ends, with a 30-minute monthly call?"),
])
def test_a_meeting_carries_its_third_person_window_and_topic(words, goal, ask):
    reading, _, said = _read(words, goal)
    assert said == ask, reading.line()


@pytest.mark.parametrize("words, said", [
    ("grant deadline 14 mar", "The grant deadline is 14 March."),
    ("dates: weds 9 or fri 11 april, 5pm CET", "Possible dates: Wednesday 9 or Friday 11 April, 5pm CET."),
    ("propose the first one sometime in May", "The first one could be sometime in May."),
])
def test_dates_are_said_with_what_they_date(words, said):
    reading, lines, _ = _read(words, "partnership")
    assert said in lines, reading.line()


@pytest.mark.parametrize("words", [
    "she told me to call her Ruthie",               # what they call themselves: no offer to say back
    "email is the best way to reach her",           # no head: a channel noun that starts a sentence
    "met her at the expo, I'll email them once we're connected",  # 'them' is no one the person can see
])
def test_what_cannot_be_said_cleanly_is_not_said(words):
    reading, lines, _ = _read(words, "follow-up")
    assert not any(w in line.split() for line in lines for w in ("your you", "them", "email")), lines
    assert not any(line.startswith(("You told", "Email")) for line in lines), lines


def test_after_v6_a_bare_say_that_a_wish_to_start_and_whom_a_pitch_is_to_are_never_said():
    from coach.drafting.dates import read_date
    from coach.drafting.heads import said_content
    assert said_content("I have capacity late Oct / early Nov, say that") == "I have capacity late Oct / early Nov"
    assert read_date("want to start 11 July") is None and read_date("sponsor deadline 28 feb") is not None
    kofi = Contact(id=1, first_name="Kofi", last_name="Mensah")
    assert "proposal: the venue partnership" in read_request("pitch Kofi the venue partnership.", kofi).line()


@pytest.mark.parametrize("words, goal, kept", [
    # how the message should sound, and what the user knows only from others, are for the coach, never said
    ("we go way back, but not too jokey. ask if she'd refer me", "referral", "jokey"),
    ("I don't want this to be a sales email at all. congrats on the new role", "congratulations", "sales"),
    ("I only know it second hand anyway. congrats on the funding", "congratulations", "second hand"),
])
def test_words_about_the_message_itself_are_never_said_in_it(words, goal, kept):
    reading, lines, ask = _read(words, goal)
    assert kept not in _all_said(lines, ask).lower(), reading.line()


def test_a_question_to_ask_them_is_read_after_asking_or_wanting_to_ask():
    for words in ("asking Ruth if she'd be up for a quarterly chat", "I want to ask her whether she'd be up for a quarterly chat"):
        reading, _, ask = _read(words, "mentorship")
        assert "be up for a quarterly chat" in ask, reading.line()
