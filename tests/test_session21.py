"""Session 21, in our own wordings (none from any eval case): leaving a job or a family firm is news to break
(announcing), told to the person it touches; whose father or boss a role word names; thanks sent through a verb
('want to send thanks to …'); a thing shared *with* them is sent, not 'sent with you'."""

from __future__ import annotations

import re

import pytest

from coach.advice.cues import CUES
from coach.advice.stakes import read_role
from coach.core.domain import Contact
from coach.core.situation import Situation
from coach.drafting.part_lines import request_sentence
from coach.drafting.request import read_request

ANNOUNCING = re.compile(r"\b(?:" + "|".join(dict(CUES)["announcing"]) + r")\b", re.IGNORECASE)
IVO = Contact(id=1, first_name="Ivo", last_name="Marsh", company="Kestrel Foods")


@pytest.mark.parametrize("words", [
    "I've decided to leave the firm after six years and my mentor there will be gutted.",
    "My aunt runs the bakery and expects me to stay, but I want out. What if I quit before the summer?",
    "How do I resign without my boss taking it personally?",
    "I'm planning to leave my team in March; how do I tell my lead?",
    "I'm handing in my notice on Monday.",
])
def test_leaving_a_job_is_news_to_break(words):
    assert ANNOUNCING.search(words)


@pytest.mark.parametrize("words", [
    "If I leave that detail out of the letter, am I lying?",  # leaving something out is no departure
    "Some of the old team just want to move on and won't join the group.",  # someone else moving on
])
def test_other_leaving_words_are_no_departure(words):
    assert not ANNOUNCING.search(words)


def test_a_role_word_that_names_whose_relative_is_not_the_counterpart():
    assert read_role("My roommate's mother hired me for the summer and I want to stop.") == ""
    assert read_role("My colleague's husband keeps asking me for career advice.") == ""
    assert read_role("My colleague asked me for an intro to my boss.") == "colleague"


def test_news_for_one_person_is_told_to_them():
    assert Situation(direction="announcing", counterpart="manager").phrase() == "you want to tell a manager your news"
    assert Situation(direction="announcing").phrase() == "you want to tell your network your news"


def test_thanks_said_through_another_verb_is_read_as_thanks():
    reading = read_request("I want to send a big thanks to Ivo on linkedin for the supplier list", IVO)
    assert [(p.kind, p.text) for p in reading.parts] == [("thanks", "the supplier list")]
    # the user's own plan to send a gift is no thanks, and nothing the user sends on
    assert not {p.kind for p in read_request("I'd like to send him a jar of our chutney", IVO).parts} & {"thanks",
                                                                                                  "sending"}


def test_a_thing_shared_with_them_is_sent_not_sent_with_them():
    assert request_sentence("share the tasting notes with him", "follow-up", IVO) == "I am sending the tasting notes."
    assert request_sentence("forward the menu draft to Ivo today", "follow-up", IVO) == "I am sending the menu draft."


@pytest.fixture(scope="module")
def coach(corpus_coach):
    return corpus_coach


@pytest.mark.slow
def test_leaving_a_parents_firm_leads_with_its_article(coach):
    advice = coach.advise("My mum built the printing business from nothing and has always said it will be mine. "
                          "I've been offered a place on a teaching course and I want to take it. How do I tell "
                          "her without it feeling like I'm throwing her work away?")
    assert advice.title == "Leaving the family business without losing the family"
    assert advice.situation.direction == "announcing"


def test_not_asking_one_thing_is_not_asking_nothing():
    from coach.checks.checker import said_no_ask

    assert not said_no_ask(["ask him to chase the hiring panel or anything"])
    assert said_no_ask(["ask for anything yet"]) and said_no_ask(["asks"])


def test_what_they_promised_to_send_is_what_a_follow_up_is_about():
    reading = read_request("He promised an answer last Tuesday but nothing since", IVO)
    assert [(p.kind, p.text) for p in reading.parts] == [("follow", "the answer you promised last Tuesday")]


@pytest.mark.parametrize(("words", "topic"), [
    ("email to Ivo re: the spring menu swap", "the spring menu swap"),
    ("quick note re: joint stall at harvest fair", "the joint stall at harvest fair"),
])
def test_what_re_names_is_the_topic(words, topic):
    assert [(p.kind, p.text) for p in read_request(words, IVO).parts] == [("topic", topic)]


@pytest.mark.parametrize("words", ["note to Ivo about mentorship via the guild", "about getting into food retail"])
def test_re_before_a_kind_of_message_or_an_activity_is_no_topic(words):
    assert not [p for p in read_request(words, IVO).parts if p.kind == "topic"]


@pytest.mark.parametrize(("words", "line"), [("resume attached", "I have attached my resume."),
                                              ("my writing sample is attached too", "I have attached my writing sample.")])
def test_a_thing_noted_as_attached_is_the_enclosure_line(words, line):
    assert request_sentence(words, "referral", IVO) == line


def test_a_capable_drafts_true_details_are_not_flagged():
    """What the notes ground in their own formats: a calendar export's run-together dates, a list's numbers, a
    shortened compass point, a subject's word after 'Re:'."""
    import datetime as dt

    from coach.checks.checker import Grounds, claims
    from coach.checks.grounds import unsupported_claims
    from coach.core.dates import iso_dates
    from coach.core.domain import Note

    assert iso_dates("DTSTART;TZID=Europe/Oslo:20250116T120000\nDTSTART;VALUE=DATE:20250303") == [
        dt.date(2025, 1, 16), dt.date(2025, 3, 3)]
    assert claims("Two things:\n1. The price\n2) The lead time") == []
    ivo = Contact(id=1, first_name="Ivo", last_name="Marsh", notes=[Note(
        text="BEGIN:VEVENT\nDTSTART:20250116T120000\nSUMMARY:tasting w/ Ivo, he's moving to the Pacific NW\nEND:VEVENT")])
    grounds = Grounds(contact=ivo, request="follow-up")
    text = "Re: Tasting: next steps\nHi Ivo,\n\nOur tasting in January was great. Good luck in the Pacific Northwest!"
    assert unsupported_claims(text, grounds) == []
    assert unsupported_claims("Hi Ivo,\n\nOur tasting in March was great.", grounds) == ["March"]


def test_a_proposal_named_in_other_forms_of_its_words_is_named():
    from coach.checks.substance import loosely_shared

    thing = "the nov 5k afterparty partnership"
    said = "Our 5K is on November 9, and we'd love to partner with you on the party afterwards."
    assert loosely_shared(said, thing) == {"november", "5k", "afterparty", "partnership"}
    assert loosely_shared("Hi Ana, you may know our team.", thing) == set()


def test_a_name_cue_that_opens_a_line_is_read():
    from coach.core.domain import Note
    from coach.crm.facts.names import goes_by

    rosalind = Contact(id=2, first_name="Rosalind", last_name="Achebe",
                       notes=[Note(text="Card #3: ask re panel\nGoes by Roz (said so twice at the mixer).")])
    assert goes_by(rosalind) == "Roz"


def test_an_everyday_word_opening_a_sentence_and_a_short_year_are_no_unsupported_claims():
    from coach.checks.checker import Grounds
    from coach.checks.grounds import unsupported_claims
    from coach.core.domain import Note

    ada = Contact(id=3, first_name="Ada", last_name="Kwan", notes=[Note(text="HARBOR HIGH CLASS OF 2009. PD at county.")])
    grounds = Grounds(contact=ada, request="reconnect")
    assert unsupported_claims("Harbor '09: hello\nHi Ada,\n\nNewer PD here. Fellow PD, in fact.", grounds) == []
    assert unsupported_claims("Hi Ada,\n\nHarbor '11 was fun.", grounds) == ["'11"]


def test_a_meeting_asked_for_some_day_keeps_its_topic():
    reading = read_request("ask for a 15 min call at some point about moving into food safety", IVO)
    assert reading.line() == "meet: 15 min call about moving into food safety"
    assert request_sentence("cv attached", "referral", IVO) == "I have attached my CV."


def test_an_introduction_offered_as_a_question_is_the_users_offer():
    reading = read_request("does he want an intro to Mara Quint for the pastry job at Fennel", IVO)
    assert [(p.kind, p.text, p.extra) for p in reading.parts] == [
        ("offer", "introduce you to Mara Quint for the pastry job at Fennel", "introduction")]


@pytest.mark.parametrize(("notes", "first", "greeted"), [
    ("I rang him myself on Monday, he took it well.", "Benedikt", "Benedikt"),  # "rang/called him myself": no name
    ("I called him myself on 13 Mar.", "Benedikt", "Benedikt"),
    ("Scorecard: Panel Interview (Henrike Stahl)\nOverall: 3", "Henrike", "Henrike"),  # a heading before her name
    ('"Ben" to the lads, but introduced himself to me as Benedikt -> use Benedikt', "Benedikt", "Benedikt"),
    ("Benni (Benedikt Arnold) from the allotment", "Benedikt", "Benni"),  # the name before the full name stands
])
def test_a_greeting_takes_no_everyday_word_for_a_name(notes, first, greeted):
    from coach.core.domain import Note
    from coach.crm.facts.names import greeting_name

    last = "Stahl" if first == "Henrike" else "Arnold"
    assert greeting_name(Contact(id=4, first_name=first, last_name=last, notes=[Note(text=notes)])) == greeted


def test_a_journal_heading_written_as_a_date_is_its_date_not_a_place():
    import datetime as dt

    from coach.core.domain import Note
    from coach.crm.facts.extract import extract

    notes = ("## Friday, March 7, 2025\n*9:02 AM · Home*\nPhoned Ines about the grant.\n\n"
             "## 12 Jun 2024 — Drinks at the Leeds food fair\nShe liked our cheese.")
    facts = extract(Contact(id=5, first_name="Ines", last_name="Moura", notes=[Note(text=notes)]), me="Sam")
    assert not [f for f in facts if "Friday" in f.phrase or "2025" in f.phrase]
    assert [(f.kind, f.date) for f in facts if "food fair" in f.phrase] == [("met-at", dt.date(2024, 6, 12))]


def test_the_blind_judge_sees_the_note_a_user_sees_beside_the_advice():
    from evals.heldout import judge_view

    out = {"situation": {}, "summary": "s", "steps": ["a"], "script": "", "note": "None of my guides is about this.",
           "citations": [], "related_contacts": [], "latency_ms": 3}
    view = judge_view("advice", {"id": "case-01", "situation": "x"}, out)
    assert view["output"]["note"] == "None of my guides is about this." and "latency_ms" not in view["output"]


@pytest.mark.parametrize(("line", "favour"), [
    ("Met at the mixer (she fixed her own nametag).", False),
    ("She taught maths at Hollins for 30 years, so nothing surprises her.", False),
    ("She taught me how to price a tender.", True),
    ("He fixed my CV the night before the interview.", True),
])
def test_a_favour_needs_the_user_as_its_object_for_a_career_verb(line, favour):
    from coach.core.domain import Note
    from coach.crm.facts.extract import extract

    facts = extract(Contact(id=6, first_name="Ines", last_name="Moura", notes=[Note(text=line)]), me="Sam")
    assert any(f.kind == "favour" for f in facts) is favour


def test_what_the_notes_decide_about_the_address_stands():
    from coach.core.domain import Note
    from coach.crm.facts.names import goes_by

    def dr(notes: str) -> Contact:
        return Contact(id=7, honorific="Dr", first_name="Katarzyna", last_name="Wolska", notes=[Note(text=notes)])

    # the user keeps the title although colleagues use a short name
    assert goes_by(dr('colleagues call her "Kasia" but I\'ll stick to Dr Wolska for a first email')) == ""
    # what she is to everyone, though a website titles her
    assert goes_by(dr("website calls her Dr Wolska, she's Kasia to everyone")) == "Kasia"


def test_what_the_user_takes_back_as_they_type_is_not_read():
    sign = read_request("note to Ivo about the fair. Sign off 'xx Dee'? no, just 'Dee'.", IVO)
    assert (sign.closing, sign.sign_as) == ("", "Dee")
    taken = read_request("Say I passed the hygiene exam? no not yet, say I'm sitting it in May.", IVO)
    assert [(p.kind, p.text) for p in taken.parts] == [("mine", "I'm sitting it in May")]
    refused = read_request("Don't sign as Dee-Dee, that's only for family. Use Deirdre.", IVO)
    assert (refused.sign_as, refused.left_out) == ("Deirdre", [])
