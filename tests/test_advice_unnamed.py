"""Issue 25 class 4: no script greets, and no helper is assumed to be, someone the user did not name. A first
or last name that may be a plain word ("Will the recruiter…", "with grace" in a lowercase message) is offered
as a question, like a role word matching one contact; the 80 spent dev situations, answered over the advice
eval's network, greet nobody the user never wrote."""

from __future__ import annotations

import datetime as dt

import pytest

from coach.core.domain import Contact
from tests.coach_world import make_world
from tests.doubles import ScriptedChatModel

NETWORK = [
    dict(first_name="Will", last_name="Osei", company="Quarry Labs", title="Technical Recruiter", tags=["recruiter"]),
    dict(first_name="Grace", last_name="Lindqvist", company="Fernhill Insurance", title="Engineering Manager",
         notes=["We worked together at Bramble Bank."]),
]


def world():
    coach = make_world(ScriptedChatModel(responder=lambda m: "Thanks again for your help."))
    for person in NETWORK:
        contact = coach.store.add_contact(Contact(**{k: v for k, v in person.items() if k != "notes"}))
        for note in person.get("notes", []):
            coach.store.add_note(contact.id, note, dt.date(2025, 3, 1))
    return coach


@pytest.mark.parametrize(("words", "offered"), [
    ("Will the recruiter ever reply? I sent my portfolio three weeks ago and heard nothing.", "Will Osei"),
    ("i asked a former colleague for a referral a month ago and want to follow up with grace, not nagging",
     "Grace Lindqvist"),
])
def test_a_name_that_may_be_a_plain_word_is_offered_never_assumed(words, offered):
    advice = world().advise(words)
    first = offered.split()[0]
    assert advice.script_contact_id is None and not advice.script.lstrip().startswith(f"Hi {first}")
    assert f"Do you mean {offered}" in advice.note
    assert all("you named them" not in p.why for p in advice.related_contacts)


def test_a_name_written_as_a_name_is_still_the_one_named():
    advice = world().advise("I asked Will for an intro to his team two weeks ago and he went quiet.")
    assert advice.script_contact == "Will Osei"


@pytest.mark.slow
def test_the_dev_answers_greet_nobody_the_user_never_wrote():
    from coach.config.settings import load_settings
    from evals.advice_labelled import cases
    from evals.advice_rules import greeted_names, strangers, who
    from evals.runner import Runner
    from evals.schema import AdviceSet, load_advice

    data = load_advice()
    runner = Runner(load_settings(), model=ScriptedChatModel(responder=lambda m: "Thanks again for your help."),
                    advice=AdviceSet(profile=data.profile, contacts=data.contacts, cases=[]))
    wrong = []
    with runner._case_coach("unnamed-scan", data.profile, data.contacts) as (coach, _):
        for case in cases():
            advice = coach.advise(case["situation"])
            unwritten = [n for n in greeted_names(advice.script) if who(n, data.contacts)
                         and not any(p.lower() in case["situation"].lower().split() for p in n.split())]
            unwritten += strangers(advice.script, data.contacts, case["situation"])
            if unwritten:
                wrong.append((case["key"], unwritten))
    assert not wrong
