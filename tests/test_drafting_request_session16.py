"""Request parts read in session 16: what the thing thanked for did, a 'no rush' said last, an offer made on a
condition, and 'so say …' after a remark for the coach."""

from __future__ import annotations

import pytest

from coach.core.domain import Contact, Note, Profile
from coach.drafting.composer import Brief, compose
from coach.drafting.request import read_request

HANNE = Contact(id=3, first_name="Hanne", last_name="Varga", company="Kestrel Mills", title="Editor",
                notes=[Note(text="Ran the supplier spotlight in the spring newsletter.")])


@pytest.mark.parametrize("words, said", [
    ("thank her for the spotlight. it's brought us 4 new stockists", "It's brought us 4 new stockists"),
    ("thank her for the intro to Bela — it led to a contract", "It led to a contract"),
    ("congrats on the launch. it sold out in a day", "It sold out in a day"),
])
def test_what_the_thing_just_named_did_is_said(words, said):
    reading = read_request(words, HANNE)
    assert said in [p.text for p in reading.parts if p.kind == "mine"], reading.line()
    assert not reading.left_out, reading.line()


def test_it_with_nothing_named_before_is_not_said():
    reading = read_request("it's brought us 4 new stockists", HANNE)
    assert not [p for p in reading.parts if p.kind == "mine"], reading.line()


@pytest.mark.parametrize("words", ["thank her for the spotlight. She's away till May so say no rush to reply",
                                   "thank her for the spotlight, tell her no rush to reply"])
def test_no_rush_is_said_last_and_the_remark_for_the_coach_is_not(words):
    reading = read_request(words, HANNE)
    assert [p.text for p in reading.parts if p.kind == "parting"] == ["No rush to reply"], reading.line()
    assert not any("say" in x or "rush" in x for x in reading.left_out), reading.line()
    _, body, _, _ = compose(Brief(contact=HANNE, goal="thank-you", channel="email", profile=Profile(name="Ilse Moor"),
                                  context=words))
    lines = [ln for ln in body.split("\n") if ln.strip()]
    assert lines[-3].endswith("No rush to reply."), body  # the last line before the sign-off


def test_a_closing_remark_after_so_say_that_is_not_split():
    reading = read_request("connection req. My email bounced so say that", HANNE)
    assert "My email bounced" in [p.text for p in reading.parts], reading.line()
    assert not reading.left_out, reading.line()


def test_an_offer_made_on_a_condition_is_said_as_one_sentence():
    reading = read_request("thank her. also offer that if Kestrel ever needs case studies we're happy to help", HANNE)
    assert "If Kestrel ever needs case studies, we're happy to help" in [p.text for p in reading.parts], reading.line()
    other = read_request("thank her. offer that if she ever needs case studies we're happy to help", HANNE)
    assert not [p for p in other.parts if "case studies" in p.text], other.line()
