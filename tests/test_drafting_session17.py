"""Session 17: what grounds a date or an amount written another way, the name a greeting uses (a cue the contact
gave, a title they dislike, a name kept for their friends, a place in the request), clauses that say nothing on
their own, an introduction offered as a question, and a short email kept over a slot."""

from __future__ import annotations

import pytest

from coach.checks.grounds import Grounds, unsupported_claims
from coach.core.dates import day_months, months_in
from coach.core.domain import Contact, Note, Profile
from coach.core.text import scaled_numbers
from coach.crm.facts.names import asked_by_name, goes_by, greeting_name
from coach.drafting.composer import Brief, compose
from coach.drafting.fallback import recompose
from coach.drafting.offers import INTRODUCTION, read_offer
from coach.drafting.request import read_request
from coach.drafting.sayable import sayable


def _contact(notes: str, name: str = "Marguerite Olawale", **kw) -> Contact:
    first, last = name.split(" ", 1)
    return Contact(id=7, first_name=first, last_name=last, notes=[Note(text=notes)], **kw)


@pytest.mark.parametrize("text, month", [("chat at the open day (Mar) about the bursary", 3),
                                         ("application closes 28-02-2026, ref QX-11", 2),
                                         ("deadline 07-11-2025", 11)])
def test_a_month_in_brackets_or_a_dashed_date_is_read(text, month):
    assert month in [m for m, _ in months_in(text)]


def test_a_bare_word_like_month_is_not_a_date():
    assert months_in("the storm may mar the harvest") == []


def test_a_dashed_date_gives_its_day_and_month():
    assert "28 february" in day_months("closes 28-02-2026")


@pytest.mark.parametrize("text, full", [("min order 40k units", "40,000"), ("raised £1.5m", "1,500,000"),
                                        ("about 12 thousand members", "12,000")])
def test_an_amount_with_a_scale_is_written_out(text, full):
    assert full in scaled_numbers(text)


@pytest.mark.parametrize("message, notes", [
    ("You mentioned the bursary in March.", "chat at the open day (Mar) about the bursary"),
    ("The application closes on 28 February.", "application closes 28-02-2026"),
    ("Is the minimum order still 40,000 units?", "min order 40k units"),
    ("I am a postdoc at the U of T now.", "postdoc, University of Toronto"),
])
def test_the_same_claim_written_another_way_is_grounded(message, notes):
    grounds = Grounds(contact=_contact(notes), profile=Profile(name="Ines Duarte"))
    assert unsupported_claims(message, grounds) == []


def test_an_amount_the_notes_never_give_is_still_unsupported():
    grounds = Grounds(contact=_contact("min order 40k units"), profile=Profile(name="Ines Duarte"))
    assert unsupported_claims("Is the minimum order still 60,000 units?", grounds) == ["60,000"]


@pytest.mark.parametrize("notes, name", [
    ("card says Bartholomew but he said 'just call me Bart'", "Bart"),
    ("in my diary as Fred - wrong, he introduced himself as Fredo at the stand", "Fredo"),
])
def test_the_name_a_cue_gives_ends_on_a_letter(notes, name):
    assert goes_by(_contact(notes, "Bartholomew Fredo-Lind" if name == "Bart" else "Alfredo Lind")) == name


def test_a_name_kept_for_their_friends_is_not_used():
    c = _contact('"Teo" to the lads at five-a-side, Teodor at work. "Teo" is for his mates, we only met twice',
                 "Teodor Vasile")
    assert greeting_name(c) == "Teodor"


def test_a_name_kept_for_friends_is_used_by_a_friend():
    c = _contact("Teo to friends, Teodor at work. we're friends -> Teo", "Teodor Vasile")
    assert greeting_name(c) == "Teo"


@pytest.mark.parametrize("notes", ["everyone at the practice calls her Pip", "she hates being called Dr, really"])
def test_a_preferred_name_or_a_disliked_title_is_greeted_without_the_title(notes):
    c = Contact(id=4, first_name="Philippa", last_name="Hartwell", honorific="Dr", notes=[Note(text=notes)])
    assert asked_by_name(c)
    brief = Brief(contact=c, goal="thank-you", channel="email", profile=Profile(name="Ines Duarte"))
    assert "Dr" not in brief.addressed(formal=True)


def test_a_place_after_to_in_the_request_is_not_how_the_user_calls_them():
    c = _contact("Wren Adebayo - PTA. her partner's firm opened in Bristol; Bristol office is new", "Wren Adebayo")
    assert greeting_name(c, "write to Wren, I'd happily go to Bristol for a day") == "Wren"


@pytest.mark.parametrize("phrase", ["We can't", "she won't", "I did", "you gave it me at the fair",
                                    "you sent them over in May"])
def test_a_clause_that_leans_on_words_elsewhere_is_not_said(phrase):
    assert not sayable(phrase)


def test_a_clause_that_names_what_was_given_is_said():
    assert sayable("you gave me the reading list at the fair")


def test_an_elliptical_clause_of_the_request_is_not_a_line():
    c = _contact("ran the street 5k together in June", "Hamza Idrissi")
    reading = read_request("congrats on opening the bakery, but don't offer a discount, we can't", c)
    assert [p.text for p in reading.parts if p.kind == "mine"] == [], reading.line()


@pytest.mark.parametrize("part, who", [
    ("ask Hamza whether he'd be open to me introducing him to Lena Ortiz", "Lena Ortiz"),
    ("see if she'd like an intro to Tom Reyes", "Tom Reyes"),
])
def test_an_introduction_offered_as_a_question_is_an_offer(part, who):
    typed = read_offer(part, lambda x: x)
    assert typed is not None and typed.extra == INTRODUCTION and typed.text == f"introduce you to {who}"


def test_an_introduction_offered_to_someone_with_an_accented_name_names_them():
    c = _contact("offered at the fair to introduce me to her chef", "Grace Mensah")
    reading = read_request("take her up on the offer to introduce me to Émile", c)
    assert [p.text for p in reading.parts if p.kind == "person"] == ["Émile"], reading.line()


def test_a_short_email_is_kept_over_a_slot_when_nothing_else_passes():
    c = Contact(id=9, first_name="Hamza", last_name="Idrissi", notes=[Note(text="neighbour, no. 4")])
    brief = Brief(contact=c, goal="congratulations", channel="email", profile=Profile(name="Ines Duarte"),
                  context="short congrats email to Hamza on opening his bakery")
    assert compose(brief) is None  # nothing that passes as is: too short for an email
    subject, body, report, path = recompose(brief, "embedded", {"text": "", "report": brief.check("", ""),
                                                               "subject": "", "body": ""}, [])
    assert "[" not in body and "Congratulations on opening your bakery" in body, body
    assert path == "needs-edit" and not next(c for c in report.checks if c.name == "length").passed


def test_a_heading_that_names_a_document_is_no_meeting():
    from coach.crm.facts.layout import heading_phrase
    assert heading_phrase("Job search 2025 - tracker (Notion table export)") == ""
    assert heading_phrase("PyCon US 2024") == "at PyCon US 2024"


def test_a_note_line_ending_on_its_date_is_not_said():
    assert not sayable("you sent me a copy, Oct 2024")
    assert sayable("you sent me a copy in October")


def test_thanks_with_the_channel_between_whom_and_what_for_is_read():
    c = _contact("ran the careers fair at Granary Works", "Philippa Moreau")
    reading = read_request("Thank Pip on LinkedIn for her reference - I got the place!", c)
    assert [p.text for p in reading.parts if p.kind == "thanks"] == ["your reference"], reading.line()


def test_a_remark_for_the_coach_after_a_clause_is_not_said():
    c = _contact("we used to share the night shift", "Bea Tan")
    reading = read_request("I'm in Leeds for the expo on the 14th so that's the excuse", c)
    assert [p.text for p in reading.parts if p.kind == "mine"] == ["I'm in Leeds for the expo on the 14th"]


def test_a_cv_to_attach_is_an_enclosure_and_the_resume_is_not_offered_again():
    c = _contact("classmate on the MSc, now at Kessler Drivetrain", "Akosua Mensah", company="Kessler Drivetrain")
    reading = read_request("I will attach CV", c)
    assert [(p.kind, p.text, p.extra) for p in reading.parts] == [("sending", "my CV", "attached")]
    assert read_request("I'll send the deck once we're connected", c).parts[0].kind == "mine"
    brief = Brief(contact=c, goal="referral", channel="email", profile=Profile(name="Joost Vos"),
                  context="ask if she can refer me for the QA Lead role. I will attach CV")
    _, body, _, _ = compose(brief)
    assert "attached my CV" in body and "send my resume" not in body, body


def test_a_name_typed_in_lower_case_is_written_as_the_notes_write_it():
    from coach.drafting.part_lines import as_written, casing
    c = casing(_contact("helped with my CV for the Saltmarsh Homes job", "Meera Rao"))
    assert as_written("i got the job at saltmarsh, like i hoped", c) == "I got the job at Saltmarsh, like I hoped"
    assert as_written("the job is done", c) == "the job is done"  # an everyday word stays as it is


def test_congratulations_on_a_step_taken_is_said_as_the_step():
    from coach.core.messages import RequestPart
    from coach.drafting.part_lines import _news
    assert _news(RequestPart(kind="news", text="becoming CFO"), "congratulations") == "Congratulations on becoming CFO!"


@pytest.mark.parametrize(("words", "length", "tone"), [("not too long please, she is busy", -1, 0),
                                                         ("warm, not too long", -1, -1),
                                                         ("not too formal, he's nice", 0, -1)])
def test_not_too_much_of_a_style_asks_for_the_other_way(words, length, tone):
    reading = read_request(words, _contact("met at the expo", "Ines Duarte"))
    assert (reading.length, reading.tone, reading.avoid) == (length, tone, []), reading.line()


def test_a_partnership_proposed_to_them_for_something_is_the_proposal():
    c = _contact("runs events at two wedding venues", "Marguerite Lamb")
    reading = read_request("I want to propose partnership to Marguerite for spring weddings 2027: to be on the "
                           "preferred caterer list for both venues", c)
    assert [p.text for p in reading.parts if p.kind == "proposal"] == [
        "a partnership for spring weddings 2027, to be on the preferred caterer list for both venues"], reading.line()


def test_a_line_about_the_message_itself_or_about_them_by_name_is_not_said():
    c = _contact("gave a talk on soil microbes", "Chidinma Obiora-Lund")
    reading = read_request("ok so I need an email to Chidinma making a proposal. I went to the field day and this "
                           "scientist Dr Obiora-Lund gave a great talk", c)
    assert not [p for p in reading.parts if p.kind == "mine"], reading.line()


def test_a_deadline_is_the_date_without_the_remark_after_it():
    from coach.drafting.dates import read_date
    assert read_date("deadline 15 June so need to move").text == "15 June"


@pytest.mark.parametrize(("words", "kind", "text"), [
    ("write roz a short linkedin msg to congratulate her on the northvale job", "news", "the northvale job"),
    ("I'd like to email Hal to ask if he'd be willing to put in a word for me with Ana Ruiz at the Gazette for the "
     "county reporter job", "role", "the county reporter job"),
    ("I want he refer me for Site Engineer role in Castell Partners", "role", "the Site Engineer role in Castell Partners"),
])
def test_a_request_with_the_recipient_before_the_message_or_in_other_word_orders_is_read(words, kind, text):
    c = _contact("ex-colleague, now at Northvale; goes by Roz. old boss Hal", "Rosalind Hale")
    reading = read_request(words, c)
    assert [p.text for p in reading.parts if p.kind == kind] == [text], reading.line()
