"""Issue 24, second round: drafts composed from typed facts and a typed reading of the request, on the dev cases
of evals/cases/drafting_dev2.yaml (notes in many styles, requests that carry instructions, titles and non-ASCII
names), and the checker's false positives on good capable-model drafts."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from coach.checks import checker
from coach.core.domain import Contact, Note, Profile
from coach.core.text import fold
from coach.crm.facts.rules import extract_rules
from coach.drafting.composer import Brief, compose
from evals.schema import DraftingSet, _load

DEV2 = Path(__file__).resolve().parent.parent / "evals" / "cases" / "drafting_dev2.yaml"
FILLER = ("no worries at all", "following your work", "great to see your work recognised",
          "your help made a real difference", "happy to send over anything")


def _data() -> DraftingSet:
    return _load(DEV2, DraftingSet)


def _contact(data: DraftingSet, key: str) -> Contact:
    contact = data.contact(key).to_contact()
    contact.id = 1
    contact.notes = [n.model_copy(update={"id": i + 1}) for i, n in enumerate(contact.notes)]
    return contact


def _composed(case, data: DraftingSet):
    contact = _contact(data, case.to)
    others = [_contact(data, c.key).model_copy(update={"id": i + 2}) for i, c in enumerate(data.contacts)
              if c.key != case.to]
    brief = Brief(contact=contact, profile=data.profile, goal=case.goal, channel=case.channel, context=case.context,
                  others=others)
    return brief, compose(brief)


@pytest.mark.parametrize("case", _data().cases, ids=lambda c: c.id)
def test_every_dev_case_gets_a_draft_that_says_nothing_it_must_never_say(case):
    data = _data()
    brief, made = _composed(case, data)
    assert made is not None, case.id
    subject, body, report, _ = made
    assert report.hard_passed, [c.detail for c in report.checks if c.hard and not c.passed]
    text = fold(f"{subject}\n{body}")
    for never in case.must_never:
        assert fold(never) not in text, (never, body)
    for filler in FILLER:
        assert filler not in text, (filler, body)
    assert not re.search(r"\bat (?:follow-ups|todo|links|notes)\b", text), body
    if case.channel == "linkedin-note":
        assert len(body) <= 200
    for thing in brief.reading.avoid:  # what the user said to leave out is left out
        assert not any(w in text for w in re.findall(r"\w{4,}", fold(thing))), (thing, body)


def test_the_reading_is_shown_with_the_draft():
    data = _data()
    case = next(c for c in data.cases if c.id == "instructions-congratulations")
    brief, _ = _composed(case, data)
    line = brief.reading.line()
    assert "news: your promotion to VP Engineering" in line and "shorter" in line and "the layoffs" in line
    assert brief.style.shorter  # "keep it short" is applied


# ---------------------------------------------------------------- greetings: titles and any letters
def _grounds(**contact) -> checker.Grounds:
    c = Contact(id=1, **contact)
    return checker.Grounds(contact=c, profile=Profile(name="Sam Lee"), goal="thank-you", facts=extract_rules(c))


@pytest.mark.parametrize(("contact", "greeting"), [
    ({"first_name": "Dr. Chidi", "last_name": "Okafor"}, "Dear Dr. Okafor,"),
    ({"first_name": "Dr. Chidi", "last_name": "Okafor"}, "Hi Chidi,"),
    ({"first_name": "Eva", "last_name": "Lindqvist", "title": "Professor of Computer Science"},
     "Dear Prof. Lindqvist,"),
    ({"first_name": "Eva", "last_name": "Lindqvist", "title": "Professor of Computer Science"},
     "Dear Professor Lindqvist,"),
    ({"first_name": "Małgorzata", "last_name": "Nowak"}, "Hi Małgorzata,"),
    ({"first_name": "Zoë", "last_name": "Marchetti"}, "Hi Zoë,"),
    ({"first_name": "Nguyễn", "last_name": "Văn Long"}, "Hi Nguyễn,"),
])
def test_titles_and_non_ascii_names_pass_the_greeting(contact, greeting):
    body = f"{greeting}\n\nThank you again for the feedback on my paper. Could I buy you a coffee?\n\nBest,\nSam"
    report = checker.check_message(body, "email", _grounds(**contact), subject="Thank you")
    checks = {c.name: c for c in report.checks}
    assert checks["greeting"].passed, checks["greeting"].detail
    assert checks["grounding"].passed, checks["grounding"].detail


def test_a_title_the_record_does_not_carry_or_someone_elses_name_fails_hard():
    grounds = _grounds(first_name="Eva", last_name="Lindqvist", title="Product Manager")
    report = checker.check_message("Dear Dr. Lindqvist, thank you. Coffee soon?", "linkedin-note", grounds)
    greeting = next(c for c in report.checks if c.name == "greeting")
    assert not greeting.passed and greeting.hard
    report = checker.check_message("Hi Małgosia, thank you. Coffee soon?", "linkedin-note",
                                   _grounds(first_name="Małgorzata", last_name="Nowak"))
    assert not next(c for c in report.checks if c.name == "greeting").passed


def test_a_composed_draft_greets_a_titled_contact_by_title_and_surname():
    contact = Contact(id=1, first_name="Dr. Chidi", last_name="Okafor", company="Veltrana Labs",
                      notes=[Note(id=1, text="Gave detailed feedback on my ranking paper draft.")])
    made = compose(Brief(contact=contact, profile=Profile(name="Sam Lee"), goal="thank-you", channel="email"))
    assert made is not None and made[1].startswith("Dear Dr. Okafor,"), made


# ---------------------------------------------------------------- facts: each slot takes its kind
def test_filing_headings_and_to_dos_are_not_interactions_and_log_lines_date_their_facts():
    note = ("---\nmet: RustFest Zürich 2023\n---\n## 2026-09-12 Call\nShe walked me through how her team measures "
            "docs adoption.\n\n## Follow-ups\n- send her my talk recording\n- ask about the opening?\n\n## Links\n"
            "- https://example.org/blog\n")
    log = ("2026-01-20 - interviewed me for the platform role at Corbel (didn't get it)\n"
           "2026-01-28 - sent me a kind note with feedback on my system design round")
    facts = extract_rules(Contact(id=1, first_name="Ana", notes=[Note(id=1, text=note), Note(id=2, text=log)]),
                          dt.date(2026, 12, 5))
    phrases = {f.phrase: f for f in facts}
    assert not [p for p in phrases if re.search(r"follow-ups|links|recording|opening|didn't", p, re.IGNORECASE)]
    assert phrases["you sent me a kind note with feedback on my system design round"].date == dt.date(2026, 1, 28)
    assert phrases["you interviewed me for the platform role at Corbel"].kind == "favour"


@pytest.mark.parametrize("line", ["hiring SREs?? not sure", "maybe she's moving to Lisbon", "I think he runs the "
                                  "Porto office", "she might be leaving Acme"])
def test_a_doubt_is_never_stated_as_a_fact(line):
    assert extract_rules(Contact(id=1, first_name="Ana", notes=[Note(id=1, text=line)])) == []


def test_a_third_party_aside_stays_out_of_the_fact_and_we_is_read_from_x_and_i():
    note = ("Marcus introduced me to Jen Alvarez (his old boss at Stackwise). Marcus and I co-organised the Leeds "
            "Python meetup.")
    phrases = [f.phrase for f in extract_rules(Contact(id=1, first_name="Marcus", notes=[Note(id=1, text=note)]))]
    assert "you introduced me to Jen Alvarez" in phrases
    assert "we co-organised the Leeds Python meetup" in phrases
    assert not [p for p in phrases if "his" in p.split()]


def test_a_contact_with_no_notes_gets_an_honest_short_draft():
    contact = Contact(id=1, first_name="Lena", last_name="Fischer", company="Obertal", title="Product Manager")
    profile = Profile(name="Sam Lee", headline="Backend engineer moving into developer relations")
    for goal in ("reconnect", "informational-interview", "mentorship"):
        made = compose(Brief(contact=contact, profile=profile, goal=goal, channel="linkedin-message"))
        assert made is not None
        body = fold(made[1])
        assert "i am a backend engineer" in body or "your view as product manager" in body, made[1]
        assert not re.search(r"we met|great meeting|think back|remember|following your work", body), made[1]


# ---------------------------------------------------------------- the checker on a good model's draft
def _dev2_grounds(key: str, goal: str, context: str = "") -> checker.Grounds:
    data = _data()
    contact = _contact(data, key)
    brief = Brief(contact=contact, profile=data.profile, goal=goal, channel="email", context=context)
    return brief.grounds


@pytest.mark.parametrize(("key", "goal", "body"), [
    ("zoe-marchetti", "referral", "Hi Zoë, we chatted about platform engineering at the KubeCon EU booth in 2024. "
                                  "Would you be comfortable referring me?"),
    ("ana-folau", "mentorship", "Hi Ana, I finished the fast.ai course you told me to reach out about. Would you "
                                "be open to a chat now and then?"),
    ("ingrid-berg", "reconnect", "Hi Ingrid, I still value what I learned working with you at Fjordline. Up for a "
                                 "catch-up this month?"),
    ("deshawn-price", "thank-you", "Hi DeShawn, thank you again for the kind note with feedback on my system design "
                                   "round in January. Coffee on me?"),
])
def test_sound_grounded_drafts_pass_the_hard_checks(key, goal, body):
    report = checker.check_message(body, "linkedin-message", _dev2_grounds(key, goal))
    assert report.hard_passed, [c.detail for c in report.checks if c.hard and not c.passed]


@pytest.mark.parametrize(("key", "goal", "body"), [
    ("zoe-marchetti", "referral", "Hi Zoë, we met at KubeCon EU in 2023. Would you be comfortable referring me?"),
    ("ana-folau", "mentorship", "Hi Ana, see https://fast.ai/course for what I did. Could we chat now and then?"),
    ("ingrid-berg", "reconnect", "Hi Ingrid, I loved our offsite in Oslo. Up for a catch-up this month?"),
])
def test_real_ungrounded_claims_still_fail(key, goal, body):
    report = checker.check_message(body, "linkedin-message", _dev2_grounds(key, goal))
    assert not report.hard_passed


def test_saying_what_the_user_asked_to_leave_out_fails_hard():
    grounds = _dev2_grounds("ingrid-berg", "congratulations",
                            "she just got promoted to VP Engineering!! keep it short, don't bring up the layoffs")
    bad = "Hi Ingrid, congratulations on VP Engineering! It must be hard after the layoffs. Coffee sometime?"
    report = checker.check_message(bad, "linkedin-message", grounds)
    leave = next(c for c in report.checks if c.name == "leave-out")
    assert not leave.passed and leave.hard
