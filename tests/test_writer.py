"""The trained writer (issue 28): one prompt format for training and use, and its drafts guarded like any model's."""

from __future__ import annotations

import datetime as dt
import json

from coach.core.domain import Contact, Profile
from coach.core.messages import DraftRequest
from coach.drafting.drafter import Drafter
from coach.drafting.writer import WriterInput, messages
from tests.coach_world import make_world
from tests.doubles import ScriptedChatModel

RECORD = {
    "id": "t-1", "goal": "referral", "channel": "linkedin-note",
    "sender": {"name": "Tomasz Wiśniewski", "headline": "Electrician"},
    "recipient": {"first_name": "Aoife", "last_name": "Brennan", "company": "Kerrigan", "title": "Contracts Manager",
                  "honorific": ""},
    "facts": [{"kind": "worked-together", "phrase": "we wired the Dundrum library extension together",
               "date": "2021-06-01"}],
    "request": {"topic": "the site supervisor vacancy", "tone": "warm", "length": "short", "avoid": ["the layoff"]},
    "message": "Hi Aoife, ...",
}


def test_a_training_record_and_a_draft_give_the_writer_the_same_shape_of_prompt():
    from_record = WriterInput.from_record(json.loads(json.dumps(RECORD)))
    contact = Contact(first_name="Aoife", last_name="Brennan", company="Kerrigan", title="Contracts Manager")
    fact = type("F", (), {"kind": "worked-together", "phrase": "we wired the Dundrum library extension together",
                          "date": dt.date(2021, 6, 1)})()
    from coach.core.messages import Style

    from_draft = WriterInput.from_draft("referral", "linkedin-note", contact,
                                        Profile(name="Tomasz Wiśniewski", headline="Electrician"), [fact],
                                        topic="the site supervisor vacancy", style=Style(length=-1, tone=-1),
                                        avoid=["the layoff"])
    assert messages(from_record) == messages(from_draft)
    brief = messages(from_record)[1]["content"]
    assert "- worked-together: we wired the Dundrum library extension together (June 2021)" in brief
    assert "Avoid: the layoff" in brief and "at most 200 characters" in brief


def _drafter(world, writer_reply: str, mode: str) -> Drafter:
    writer = ScriptedChatModel(responder=lambda m: writer_reply)
    composer_model = ScriptedChatModel(responder=lambda m: "")  # the embedded model writes nothing that passes
    return Drafter(store=world.store, retriever=world.retriever, model=composer_model, model_name="fake",
                   candidates=2, writer=writer, writer_mode=mode)


def test_the_trained_writers_draft_is_kept_only_when_it_passes_the_checks():
    world = make_world()
    priya = world.store.resolve_contact("Priya Raman")
    request = DraftRequest(contact_id=priya.id, goal="reconnect", channel="linkedin-message")
    good = ("Hi Priya, it was great talking about payments APIs at PyCon 2024. How is your team's move to "
            "Dublin going? Would you be up for a short call to catch up this month? Best, Sam")
    kept = _drafter(world, good, "trained").run(request)
    assert kept.path == "trained" and kept.body.startswith("Hi Priya")
    assert all(c.passed for c in kept.checks if c.hard)
    invented = ("Hi Priya, thanks again for the dinner in Lisbon with your husband Marco last winter. Would you "
                "be up for a short call? Best, Sam")
    refused = _drafter(world, invented, "trained").run(request)
    assert refused.path != "trained" and "Lisbon" not in refused.body  # composition stands


def test_compose_mode_never_asks_the_writer():
    world = make_world()
    priya = world.store.resolve_contact("Priya Raman")
    writer = ScriptedChatModel(responder=lambda m: "Hi Priya")
    drafter = Drafter(store=world.store, retriever=world.retriever, model=ScriptedChatModel(responder=lambda m: ""),
                      model_name="fake", candidates=1, writer=writer, writer_mode="compose")
    drafter.run(DraftRequest(contact_id=priya.id, goal="reconnect", channel="linkedin-message"))
    assert writer.calls == []
