"""Session 23, drafts from what the user says, in our own wordings (none from any eval case): a name the person
told the user in quotes is the greeting; an instruction after a comma ("…, say I …") is a part of its own and a
channel is no topic; the person to be introduced to is read in learners' English and with a lower-case word after
their place, so the ask is the introduction; a hedge after a meeting ("if he's open") leaves the meeting the ask;
shared history said as "we were … together" is a fact, never a pasted line; one first meeting is said once; a
stranger is told who writes; a headline's role is said in lower case."""

from __future__ import annotations

import pytest

from coach.conversation.router import route
from coach.core.domain import Contact, Note, Profile
from coach.crm.facts.said import request_facts
from coach.drafting.asks import headline_clause
from coach.drafting.brief import Brief
from coach.drafting.composer import compose, hooks_for
from coach.drafting.request import read_request
from tests.test_chat_revise_classes import PEOPLE  # the four contacts the chat classes read against

ME = Profile(name="Rui Tavares", headline="Quality Engineer at Brightwater Foods")


def _parts(text: str, contact: Contact) -> list[tuple[str, str]]:
    return [(p.kind, p.text) for p in read_request(text, contact).parts]


@pytest.mark.parametrize("note,greeted", [
    ("Prof. Odile Marchetti, my thesis examiner. At the viva she said 'it's Odile from now on'.", "Odile"),
    ('Dr Marchetti at the clinic; over dinner she told me "Odile is fine".', "Odile"),
    ("Prof. Odile Marchetti, my thesis examiner. Strict about titles.", "Prof. Marchetti"),
])
def test_a_name_they_told_the_user_in_quotes_is_the_greeting(note, greeted):
    odile = Contact(id=1, first_name="Odile", last_name="Marchetti", title="Professor",
                    notes=[Note(text=note)])
    brief = Brief(contact=odile, profile=ME, goal="thank-you", channel="email", context="thank her for the viva")
    assert brief.addressed(formal=True).replace("Professor", "Prof.") == greeted


KOFI = Contact(id=2, first_name="Kofi", last_name="Asante", company="Harrow Mills")


def test_an_instruction_after_a_comma_is_a_part_and_a_channel_is_no_topic():
    parts = _parts("follow up with Kofi on linkedin, say we trialled the new enzyme, ask if he'd share the yields",
                   KOFI)
    assert ("mine", "We trialled the new enzyme") in parts
    assert not any(kind == "follow" for kind, _ in parts)


@pytest.mark.parametrize("text", [
    "I want he introduce me to Lena Voss from Orchard lab",
    "ask Kofi to intro me to Lena Voss at Orchard County extension",
])
def test_the_person_to_meet_is_read_and_the_ask_is_the_introduction(text):
    parts = _parts(text, KOFI)
    assert [kind for kind, _ in parts] == ["person"] and parts[0][1].startswith("Lena Voss ")
    brief = Brief(contact=KOFI, profile=ME, goal="introduction", channel="linkedin-message", context=text)
    subject, body, report, _ = compose(brief)
    assert "introducing me to Lena Voss" in body and "fit" not in body


def test_a_hedge_after_a_meeting_leaves_the_meeting_the_ask():
    assert _parts("suggest a video call sometime if he's open", KOFI) == [("meet", "video call")]


@pytest.mark.parametrize("said,phrase", [
    ("we were shift supervisors together at Kestrel Dairy 2015-18", "we were shift supervisors together at Kestrel Dairy"),
    ("we were in the apprentice program at Ridgeway together", "we were in the apprentice program together at Ridgeway"),
])
def test_shared_history_said_as_we_were_together_is_a_fact_not_a_line(said, phrase):
    assert read_request(said, KOFI).parts == []  # never said back as a pasted line
    facts = [f for _, found in request_facts([said], KOFI) for f in found]
    assert [(f.kind, f.phrase) for f in facts] == [("worked-together", phrase)]


def test_one_first_meeting_is_said_once():
    met = Contact(id=3, first_name="Kofi", last_name="Asante",
                  notes=[Note(text="Met at the Grain Summit, stand 14. Talked about enzyme costs.")])
    brief = Brief(contact=met, profile=ME, goal="reconnect", channel="email", context="we met in Accra in 2023")
    where = [h for h in hooks_for(brief) if h.kind == "met-at" and h.short.startswith("We met ")]
    assert len(where) == 1


def test_a_stranger_is_told_who_writes_and_an_acquaintance_is_not():
    heard = Contact(id=4, first_name="Kofi", last_name="Asante", title="Head of Milling", company="Harrow Mills",
                    notes=[Note(text="Gave the keynote on flour safety at FoodTech 2025; he now leads milling.")])
    brief = Brief(contact=heard, profile=ME, goal="informational-interview", channel="email", context="")
    assert any(h.kind == "profile" for h in hooks_for(brief))
    known = heard.model_copy(update={"notes": [Note(text="We worked together at Harrow Mills in 2019.")]})
    brief = Brief(contact=known, profile=ME, goal="informational-interview", channel="email", context="")
    assert not any(h.kind == "profile" for h in hooks_for(brief))


@pytest.mark.parametrize("headline,said", [
    ("Quality Engineer at Brightwater Foods", "am a quality engineer at Brightwater Foods"),
    ("Senior Archivist, Haldane County Records Office", "am a senior archivist at Haldane County Records Office"),
    ("DevOps Engineer", "am a DevOps engineer"),
    ("Engineer, Berlin", ""),  # one word after the comma may be a city, not an employer
])
def test_a_headline_role_is_said_in_lower_case(headline, said):
    assert headline_clause(headline) == said


# ------------------------------------------------------------------ more of what users say, read as data

@pytest.mark.parametrize("text,want", [
    ("Kofi said a few weeks ago he'd forward my portfolio to his editor",
     [("their-offer", "forward my portfolio to your editor")]),
    ("Harrow Mills has a night shift miller job open", [("role", "the night shift miller job at Harrow Mills")]),
    ("there's a quality auditor role going at Kestrel Dairy", [("role", "the quality auditor role at Kestrel Dairy")]),
    ("apologise it took two weeks", [("apology", "the delay")]),
    ("ask if he'd be happy for me to intro him to Lena Voss at Orchard Farms",
     [("offer", "introduce you to Lena Voss at Orchard Farms")]),
    ("want 15 min to hear how he moved from the mill floor to sales",
     [("meet", "call"), ("wish", "how you moved from the mill floor to sales")]),
])
def test_more_of_what_users_say_is_read_as_data(text, want):
    assert _parts(text, KOFI) == want


def test_a_count_of_sentences_is_a_length_never_a_topic():
    reading = read_request("congratulate him on the new mill. a few sentences.", KOFI)
    assert [p.kind for p in reading.parts] == ["news"] and reading.length == -1


def test_two_clauses_before_a_meeting_are_not_split_as_a_meeting():
    parts = _parts("I'm a baker moving into milling and I'd love a 20 min call to ask how he made the switch", KOFI)
    assert ("meet", "call") not in parts


# ------------------------------------------------------------------ chat: a question, then the request it waits on

@pytest.mark.parametrize("text", [
    "is it odd to ask Tomas for a referral after only one project? if not, write her an email asking for one",
    "would it be pushy to thank Tomas twice? if it's fine, draft her a short thank-you on LinkedIn",
])
def test_a_question_answered_by_the_request_after_it_is_the_request(text):
    reading = route(text, PEOPLE, has_draft=False)
    assert (reading.intent, reading.contact.name) == ("draft", "Tomas Berg")  # "him": the person asked about
    assert reading.goal == ("referral" if "referral" in text else "thank-you")  # "one": the referral asked about


@pytest.mark.parametrize("text", [
    "It has been four months. Is too late to message Tomas, or fine?",
    "We only met once at the expo. Is it not a bit too early to ask Tomas for a referral?",
])
def test_whether_it_is_too_something_is_a_question_for_the_coach(text):
    assert route(text, PEOPLE, has_draft=False).intent == "advise"


# ------------------------------------------------------------------ after the v18 scoring (v18 is now spent)

def test_a_sign_off_with_a_title_after_the_name_is_the_signature_not_a_role():
    reading = read_request("chase the rota. Sign as Lars Moen, Head of Dispatch", KOFI)
    assert reading.sign_as == "Lars Moen, Head of Dispatch" and reading.parts == []


def test_what_came_of_a_favour_is_not_thanked_for():
    reading = read_request("thank him for pointing the Okeke family to us, their roof is finished now", KOFI)
    assert [(p.kind, p.text) for p in reading.parts] == [("thanks", "pointing the Okeke family to us")]
    assert "their roof is finished now" in reading.left_out  # shown as not used, never "… and for their roof is"
