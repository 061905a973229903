"""More of what users type beside the goal is read into typed parts, and the draft says it through a frame: a
sign-off without "as" (with its closing word, or a dash), a subject on the part after "should be:", a link named by
what it is, a meeting's cadence and span, when the user is free, what they offer and what they enclose; words that
only restate the goal are not shown as unused."""

from __future__ import annotations

import pytest

from coach.core.domain import Contact, Note, Profile
from coach.core.text import fold
from coach.drafting.composer import Brief, compose
from coach.drafting.request import read_request
from coach.drafting.wants import ask_from

LENA = Contact(id=7, first_name="Lena", last_name="Vogt", company="Kestrel Mills", title="Operations Director",
               notes=[Note(text="We ran the regional food-safety working group together in 2022.")])


def _made(goal: str, channel: str, words: str, user: str = "Marisol Quint"):
    brief = Brief(contact=LENA, profile=Profile(name=user), goal=goal, channel=channel, context=words)
    made = compose(brief)
    assert made is not None, brief.reading.line()
    return made, brief.reading


@pytest.mark.parametrize("words, closing, name", [
    ("Sign off Mari.", "", "Mari"),
    ("sign it Mari", "", "Mari"),
    ('Sign off "Warm regards, Marisol Quint".', "Warm regards,", "Marisol Quint"),
    ("sign off with just -MQ", "", "-MQ"),
])
def test_a_sign_off_without_as_is_read_with_its_closing_word(words, closing, name):
    reading = read_request(words, LENA)
    assert (reading.closing, reading.sign_as, reading.left_out) == (closing, name, []), reading.line()
    assert "sign as:" in reading.line()


def test_the_closing_word_replaces_best_and_a_dash_sign_off_stands_alone():
    (_, body, report, _), _ = _made("reconnect", "email", 'Sign off "All the best, Marisol".')
    assert body.endswith("All the best,\nMarisol") and "Best," not in body and report.hard_passed, body
    (_, body, report, _), _ = _made("reconnect", "email", "sign off with just -MQ")
    assert body.endswith("\n\n-MQ") and "Best," not in body and report.hard_passed, body


def test_one_name_to_sign_with_is_the_name_the_user_goes_by():
    (_, body, _, _), _ = _made("reconnect", "email", "sign it Sol", user="Marisol Quint")
    assert body.endswith("Best,\nSol") and "Marisol\nSol" not in body, body


def test_a_subject_after_should_be_and_a_colon_is_the_subject():
    (subject, _, _, _), reading = _made("reconnect", "email", "Subject should be: Two winters since Kestrel. keep it warm")
    assert subject == "Two winters since Kestrel" and not reading.left_out, reading.line()


@pytest.mark.parametrize("words, said", [
    ("Menu sampler: https://orchard.example/sampler-2026 .", "Here is the menu sampler: https://orchard.example/sampler-2026."),
    ("Resume: https://me.example/resume", "Here is my resume: https://me.example/resume."),
    ("add my media kit https://kit.example/press in case it helps", "Here is my media kit: https://kit.example/press."),
])
def test_a_link_named_by_what_it_is_says_so(words, said):
    (_, body, _, _), reading = _made("follow-up", "linkedin-message", words)
    assert said in body and "the link" not in body and not reading.left_out, (reading.line(), body)


def test_a_link_after_what_the_message_sends_is_named_by_it():
    (_, body, _, _), reading = _made("follow-up", "linkedin-message",
                                     "sending the tasting notes now — https://orchard.example/notes-q2")
    assert "Here is the tasting notes: https://orchard.example/notes-q2." in body, body
    assert [p.kind for p in reading.parts] == ["link"], reading.line()


@pytest.mark.parametrize("words, ask", [
    ("ask for a fortnightly 45 min call for 3 months", "Would you be open to a 45-minute fortnightly call for 3 months?"),
    ("something like a call every 4 weeks over the next year", "Would you be open to a call every 4 weeks over the next year?"),
    ("ask for half an hour once a quarter", "Would you be open to a 30-minute call once a quarter?"),
    ("an hour every other month", "Would you be open to an hour-long call every other month?"),
    ("40 min, zoom is fine", "Would you be open to a 40-minute zoom call?"),
    ("maybe coffee if he has time", "Would you be up for coffee?"),
])
def test_a_meetings_length_cadence_and_span_are_data_for_the_ask(words, ask):
    reading = read_request(words, LENA)
    assert ask_from(reading.parts, "mentorship") == ask, reading.line()
    assert not reading.left_out, reading.line()


def test_the_mentorship_ask_says_the_cadence_asked_for_not_the_stock_one():
    (_, body, report, _), reading = _made("mentorship", "email", "ask for a monthly 20 min call for the next 6 months")
    assert "20-minute monthly call for the next 6 months?" in body and "every month or two" not in body, body
    assert "for the next 6 months" in reading.line() and report.hard_passed


def test_when_the_user_is_free_follows_the_ask():
    (_, body, report, _), reading = _made("informational-interview", "linkedin-message",
                                          "ask for 15 min about plant scheduling. I'm free most mornings after 3 June.")
    assert body.count("?") == 1 and "plant scheduling? I am free most mornings after 3 June." in body, body
    assert "availability: free most mornings after 3 June" in reading.line() and report.hard_passed


def test_where_the_user_will_be_follows_the_ask():
    reading = read_request("I'm in Antwerp the week of 9 March if that helps", LENA)
    assert [(p.kind, p.text) for p in reading.parts] == [("availability", "in Antwerp the week of 9 March")]


@pytest.mark.parametrize("words, said", [
    ("I'm in Porto these days running a small bakery", "I'm in Porto these days running a small bakery."),
    ("I'm a shift lead at the Rotterdam plant now", "I'm a shift lead at the Rotterdam plant now."),
])
def test_where_and_who_the_user_is_now_is_said_as_theirs(words, said):
    (_, body, _, _), reading = _made("reconnect", "email", words)
    assert said in body and not reading.left_out, (reading.line(), body)


def test_who_the_user_is_there_is_not_said():  # "there" is a place only the coach knows
    reading = read_request("I'm a night nurse there", LENA)
    assert not reading.parts, reading.line()


@pytest.mark.parametrize("words, said", [
    ("offer to show her our allergen tracker on a call next month",
     "I would be glad to show you our allergen tracker on a call next month."),
    ("offer our supplier audit checklist if useful",
     "I would be glad to share our supplier audit checklist, if it is useful."),
])
def test_an_offer_is_said_as_one_with_the_person_as_you(words, said):
    (_, body, _, _), reading = _made("follow-up", "linkedin-message", words)
    assert said in body and "offer:" in reading.line(), (reading.line(), body)


def test_a_meal_offered_is_the_meeting_not_an_offer():
    reading = read_request("offer lunch next week", LENA)
    assert [p.kind for p in reading.parts] == ["meet"], reading.line()


def test_what_the_message_encloses_is_said_as_the_enclosure_line():
    (_, body, _, _), reading = _made("partnership", "email", "attaching the pilot budget, sorry it's late")
    assert "I have attached the pilot budget." in body and "Sorry for the delay." in body, body
    assert not reading.left_out, reading.line()


@pytest.mark.parametrize("words", ["just want to catch up", "congrats msg", "thank her + connect",
                                   "mentorship email to Lena"])
def test_words_that_only_restate_the_goal_are_not_unused(words):
    reading = read_request(words, LENA)  # "thank her + connect": two echoes, each only restating the goal
    assert " + ".join(reading.echo) == words and not reading.left_out and not reading.parts, reading.line()


def test_words_beside_the_goal_word_keep_a_part_from_being_an_echo():
    reading = read_request("want to ask for mentorship toward plant manager", LENA)
    assert not reading.echo, reading.line()


@pytest.mark.parametrize("words,news", [
    ("congrats msg on the funding round 🥂 2-3 sentences", "the funding round"),
    ("congrats on his new bakery + connect", "your new bakery"),
])
def test_an_emoji_a_length_or_a_channel_after_plus_ends_the_news(words, news):
    from coach.core.domain import Contact
    from coach.drafting.request import read_request

    who = Contact(id=1, first_name="Jonas", last_name="Berg", company="Nordlys", title="Founder")
    assert [(p.kind, p.text) for p in read_request(words, who).parts] == [("news", news)]


@pytest.mark.parametrize("words", ["I want a subject line", "add a clear subject pls", "also include a subject line"])
def test_a_subject_line_asked_for_without_its_words_is_no_sentence_for_the_person(words):
    reading = read_request(f"propose a pilot at two branches. {words}.", LENA)
    assert [p.kind for p in reading.parts] == ["proposal"] and not reading.left_out, reading.line()


def test_terms_proposed_outside_a_partnership_are_what_the_user_has_in_mind():
    (_, body, _, _), _reading = _made("mentorship", "email", "suggest monthly calls, six months, starting in June")
    assert "What I have in mind: monthly calls, six months, starting in June." in body, body
    assert "idea for us" not in body


@pytest.mark.parametrize("words,said", [
    ("ask if the budget is settled yet", "whether the budget is settled yet"),
    ("check whether her team still needs the survey data", "whether your team still needs the survey data"),
])
def test_a_question_the_user_wants_asked_is_said_through_one_frame(words, said):
    from coach.drafting.part_lines import sentences

    reading = read_request(words, LENA)
    assert [(p.kind, p.text) for p in reading.parts] == [("wish", said)] and not reading.left_out, reading.line()
    assert sentences(reading, "follow-up", LENA) == [f"I would love to hear {said}."]


def test_what_is_sent_is_said_once_when_its_own_line_carries_it():
    from coach.drafting.part_lines import sentences

    reading = read_request("send her the job id: QA-7781 Data Analyst", LENA)
    lines = sentences(reading, "referral", LENA)  # the id is the role's, which the referral's ask names
    assert not any("sending the job id" in fold(line) for line in lines), lines


def test_a_second_instruction_joined_by_and_is_a_part_of_its_own():
    reading = read_request("mention I finished the course you recommended and thank her for the intro to Omar", LENA)
    assert [(p.kind, p.text) for p in reading.parts] == [("mine", "I finished the course you recommended"),
                                                         ("thanks", "the intro to Omar")], reading.line()
