"""Substance checks: the drafts issue 11 found passing the old checker now fail, for the right reason,
and the messages a person would send pass."""

from __future__ import annotations

import datetime as dt

import pytest

from coach.checks import checker
from coach.core.domain import Contact, Note, Profile
from coach.core.text import repeated_spans, second_person
from coach.drafting.part_lines import request_sentence
from coach.drafting.request import read_request

PROFILE = Profile(name="Sam Carter", headline="Product designer")


def grounds(goal: str, context: str = "", **person) -> checker.Grounds:
    notes = [Note(text=t, date=dt.date(2026, 10, 1)) for t in person.pop("notes", [])]
    contact = Contact(id=1, notes=notes, **person)
    others = [Contact(id=2, first_name="Marcus", last_name="Lee", company="Fabrikam")]
    return checker.Grounds(contact=contact, profile=PROFILE, request=f"{goal} {context}".strip(), others=others,
                           goal=goal, context=context)


def failed(body: str, g: checker.Grounds, channel: str = "linkedin-message", subject: str = "") -> dict[str, bool]:
    report = checker.check_message(body, channel, g, subject)
    return {c.name: c.hard for c in report.checks if not c.passed}


GRACE = dict(first_name="Grace", last_name="Okafor", company="Stripe", title="Engineering Manager",
             how_we_met="at PyCon US 2024 in Pittsburgh", notes=["Gave a talk on payments APIs."])


def test_a_congratulations_that_never_congratulates_fails_hard():
    g = grounds("congratulations", "she just got promoted to engineering manager", **GRACE)
    bad = ("Hi Grace, I have been following your work at Stripe. Would you be up for a coffee sometime to hear "
           "how it is going?")
    assert failed(bad, g).get("goal") is True
    good = ("Hi Grace, congratulations! I saw that you just got promoted to engineering manager. It was great "
            "meeting you at PyCon US 2024 in Pittsburgh. Coffee sometime to hear more?")
    assert not [name for name, hard in failed(good, g).items() if hard]


def test_a_congratulations_on_something_else_fails():
    g = grounds("congratulations", "congratulate her on the Series B", **GRACE)
    assert "goal" in failed("Hi Grace, congratulations on the new office! Coffee sometime to hear more?", g)
    assert "goal" not in failed("Hi Grace, congratulations on the Series B! Coffee sometime to hear more?", g)


def test_a_thank_you_must_say_what_for():
    g = grounds("thank-you", "thank him for the article on queueing theory, it got me the interview at Lumen",
                first_name="Kenji", last_name="Sato", company="Northwind", notes=["Sent me an article on queueing."])
    vague = "Hi Kenji, your help made a real difference, and I wanted you to know. Could I buy you a coffee?"
    assert failed(vague, g).get("goal") is True
    vague_thanks = "Hi Kenji, thanks so much for everything. Could I buy you a coffee?"
    assert "goal" in failed(vague_thanks, g)
    good = ("Hi Kenji, thank you for the article on queueing theory: it got me the interview at Lumen. "
            "Could I buy you a coffee?")
    assert "goal" not in failed(good, g) and "reason" not in failed(good, g)


def test_a_referral_that_drops_the_role_and_speaks_of_her_fails_twice():
    g = grounds("referral", "I am applying for the PM role on the Connect team", **GRACE)
    bad = ("Hi Grace, I enjoyed meeting you at PyCon US 2024 in Pittsburgh after her talk on payments APIs. "
           "Would you be comfortable referring me for an opening on your team at Stripe?")
    result = failed(bad, g)
    assert result.get("goal") is True and result.get("to-them") is True
    good = ("Hi Grace, I enjoyed your talk on payments APIs at PyCon US 2024 in Pittsburgh. I am applying for the "
            "PM role on the Connect team. Would you be comfortable referring me?")
    assert not failed(good, g)


def test_a_follow_up_must_name_what_it_follows_up():
    g = grounds("follow-up", "she offered to review my portfolio; the case study is finished",
                first_name="Maya", last_name="Chen", company="Figma", notes=["Offered to review my portfolio."])
    bad = ("Hi Maya, I know things get busy, so I wanted to make sure my last note was not buried. Is there "
           "anything I could send you that would make it easier to decide?")
    assert failed(bad, g).get("goal") is True
    good = ("Hi Maya, a quick follow-up: you offered to review my portfolio, and the case study is finished. "
            "Would the next couple of weeks still work for you?")
    assert "goal" not in failed(good, g)


def test_two_facts_stitched_into_a_false_one_fail():
    g = grounds("reconnect", first_name="Ana", last_name="Silva", company="Figma", title="Design Lead",
                notes=["Met at the Config 2023 design-systems workshop."])
    stitched = "Hi Ana, it was great meeting you at the Figma 2023 design-systems workshop. Up for a catch-up?"
    result = failed(stitched, g)
    assert result.get("facts-together") is True and "grounding" not in result  # each part is true on its own
    kept = "Hi Ana, it was great meeting you at the Config 2023 design-systems workshop. Up for a catch-up?"
    assert "facts-together" not in failed(kept, g)
    assert "facts-together" not in failed("Hi Ana, how is the Design Lead job going at Figma?", g)


def test_a_generic_line_to_a_former_teammate_is_not_personal():
    g = grounds("reconnect", first_name="Tom", last_name="Berg", company="Datadog",
                notes=["Two years of shared on-call work on the ingest pipeline."])
    generic = "Hi Tom, I have been following your work at Datadog. Would you be up for a quick catch-up call?"
    result = failed(generic, g)
    assert "personalization" in result and result.get("goal") is True  # a reconnect must name what we share
    shared = ("Hi Tom, I often think back to our two years of shared on-call work on the ingest pipeline. "
              "Would you be up for a quick catch-up call?")
    assert not failed(shared, g)


def test_the_request_pasted_in_about_him_fails_and_in_the_second_person_passes():
    g = grounds("partnership", "My team could supply the data pipeline for his pilot.", first_name="Jonas",
                last_name="Weber", company="Quill Learning", notes=["Talked about his school-district pilot."])
    pasted = "Hi Jonas, my team could supply the data pipeline for his pilot. Open to a call about working together?"
    assert failed(pasted, g).get("to-them") is True
    spoken = "Hi Jonas, my team could supply the data pipeline for your pilot. Open to a call about working together?"
    assert "to-them" not in failed(spoken, g) and "goal" not in failed(spoken, g)


def test_an_introduction_may_speak_of_the_person_to_meet():
    g = grounds("introduction", "ask him to introduce me to Dana Ruiz, who leads data science at Kestrel",
                first_name="Oliver", last_name="Grant", company="Bramble Bank", how_we_met="he was my manager")
    ok = ("Hi Oliver, I would love to meet Dana Ruiz. She leads data science at Kestrel. Would you be comfortable "
          "making an introduction?")
    assert "to-them" not in failed(ok, g) and "goal" not in failed(ok, g)
    missing = "Hi Oliver, would you be comfortable making an introduction?"
    assert failed(missing, g).get("goal") is True


def test_a_message_that_repeats_itself_fails_hard():
    g = grounds("congratulations", "I was just promoted to engineering manager", **GRACE)
    twice = ("Hi Grace, I was just promoted to engineering manager. It was great meeting you at PyCon US 2024 in "
             "Pittsburgh. I was just promoted to engineering manager. Coffee sometime?")
    assert failed(twice, g).get("repetition") is True
    assert repeated_spans("We met at the summit. We met at the summit.") == ["we met at the summit"]


def test_checks_are_one_registry_each_with_weight_and_flag():
    names = set(checker.REGISTRY)
    assert {"goal", "reason", "to-them", "facts-together", "repetition", "personalization", "grounding"} <= names
    assert all(c.weight > 0 and c.about for c in checker.REGISTRY.values())
    assert checker.REGISTRY["goal"].hard and not checker.REGISTRY["reason"].hard


def test_without_a_goal_the_users_own_message_is_judged_on_form_only():
    g = checker.Grounds(contact=Contact(id=1, first_name="Grace", company="Stripe"), profile=PROFILE)
    report = checker.check_message("Hi Grace, would you have 20 minutes next week?", "linkedin-note", g)
    assert "goal" not in {c.name for c in report.checks} and "reason" not in {c.name for c in report.checks}


@pytest.mark.parametrize(("text", "expected"), [
    ("she just got promoted to VP", "you just got promoted to VP"),
    ("My team could supply the data pipeline for his pilot.", "My team could supply the data pipeline for your pilot."),
    ("Grace was promoted and Grace's team grew", "you were promoted and your team grew"),
    ("he runs the forecasting team", "you run the forecasting team"),
    ("I owe her a coffee", "I owe you a coffee"),
    ("her move to the risk team", "your move to the risk team"),
    ("I'm looking. Grace, the recruiter at Woodgrove, told me to get back in touch",
     "I'm looking. You told me to get back in touch"),
])
def test_notes_about_them_become_words_to_them(text, expected):
    assert second_person(text, ("Grace",)) == expected


@pytest.mark.parametrize(("goal", "context", "expected"), [
    ("congratulations", "congratulate her on the Series B", "Congratulations on the Series B!"),
    ("congratulations", "she just got promoted to VP of Engineering",
     "Congratulations on your promotion to VP of Engineering!"),
    ("thank-you", "thank him for the intro to Dana", "Thank you for the intro to Dana."),
    ("referral", "ask her for a referral for the PM role on the Connect team",
     "I am applying for the PM role on the Connect team."),
    ("follow-up", "she promised to review my portfolio; I've finished the case study",
     "You promised to review my portfolio. I've finished the case study."),
    ("partnership", "My team could supply the data pipeline for his pilot.",
     "My team could supply the data pipeline for your pilot."),
    ("introduction", "intro to her CFO Tom Reyes, don't mention the audit", "I would love to meet Tom Reyes, your CFO."),
    ("congratulations", "saw her KubeCon talk got accepted", "Congratulations on your KubeCon talk getting accepted!"),
    ("referral", "the Developer Advocate opening on her team", "I am interested in the Developer Advocate opening on "
                                                               "your team."),
])
def test_the_request_becomes_a_sentence_to_the_person(goal, context, expected):
    contact = Contact(first_name="Grace", last_name="Okafor")
    assert request_sentence(context, goal, contact) == expected


@pytest.mark.parametrize(("context", "said", "style", "avoid", "left_out"), [
    ("she just got promoted to VP Engineering!! keep it short, don't bring up the layoffs",
     "your promotion to VP Engineering", (-1, 0), ["the layoffs"], []),
    ("I want to get better at ML system design, make it warm", "I want to get better at ML system design", (0, -1),
     [], []),
    ("I'm considering a move into applied research; formal please", "I'm considering a move into applied research",
     (0, 1), [], []),
    ("the one-page PhD proposal - attaching it now", "the one-page PhD proposal", (0, 0), [], ["attaching it now"]),
    ("keep it short", "", (-1, 0), [], []),
    ("lunch?? idk", "", (0, 0), [], ["lunch", "idk"]),
])
def test_the_request_is_read_into_typed_parts_and_instructions_are_never_said(context, said, style, avoid,
                                                                              left_out):
    reading = read_request(context, Contact(first_name="Grace", last_name="Okafor"))
    assert reading.said() == said
    assert (reading.length, reading.tone) == style and reading.avoid == avoid and reading.left_out == left_out
    assert request_sentence(context, "reconnect", Contact(first_name="Grace")) == "" or said
    for word in ("short", "warm", "formal", "layoff", "attaching"):
        assert word not in request_sentence(context, "congratulations", Contact(first_name="Grace")).lower()


def test_a_language_asked_for_is_shown_and_the_rest_still_read():
    reading = read_request("in French pls - propose co-writing a plugin authoring guide", Contact(first_name="Kenji"))
    assert reading.language == "French" and "French" in reading.line()
    assert [(p.kind, p.text) for p in reading.parts] == [("proposal", "co-writing a plugin authoring guide")]
