"""The occasion or topic a request names is read into typed parts and said through their kinds' frames: an
informational interview about a topic, a follow-up from where the two met, thanks for one thing or several, and a
question whether they have done something (coach.drafting.occasions)."""

from __future__ import annotations

import pytest

from coach.core.domain import Contact
from coach.drafting.part_lines import sentences
from coach.drafting.request import read_request
from coach.drafting.wants import ask_from

IDA = Contact(id=3, first_name="Ida", last_name="Brekke", company="Fjordline Energy", title="Product Lead")


def _read(words: str, goal: str = "follow-up"):
    reading = read_request(words, IDA)
    return reading, sentences(reading, goal, IDA), ask_from(reading.parts, goal)


@pytest.mark.parametrize("words, goal, said", [
    ("info interview about moving from hardware into product", "informational-interview",
     "I would love to hear about moving from hardware into product."),
    ("informational chat on how her team hires analysts", "informational-interview",
     "I would love to hear how your team hires analysts."),
    ("follow up from the career fair, keep it short", "follow-up", "Following up from the career fair."),
    ("following up after our panel", "follow-up", "Following up from our panel."),
    ("thanks for the tour + the samples", "thank-you", "Thank you for the tour and for the samples."),
    ("thank you so much for hosting me and the reading list", "thank-you",
     "Thank you for hosting me and for the reading list."),
])
def test_the_named_occasion_is_said_through_its_frame(words, goal, said):
    reading, lines, _ = _read(words, goal)
    assert said in lines, reading.line()
    assert not [p for p in reading.left_out if "short" not in p]


@pytest.mark.parametrize("words, ask", [
    ("just ask if they decided", "Have you decided?"),
    ("politely ask whether she has heard back from procurement", "Have you heard back from procurement?"),
    ("ask if he finished the review", "Have you finished the review?"),
])
def test_asking_whether_they_have_done_a_thing_is_a_question_to_them(words, ask):
    reading, _, said = _read(words)
    assert said == ask, reading.line()


@pytest.mark.parametrize("words", [
    "ask if she liked the deck",                      # no verb from the fixed table: not read as "Have you …"
    "ask if they decided what her manager wants",     # someone else left in the words
    "thanks for telling her boss about me",           # a third person left: who is 'her'?
])
def test_what_cannot_be_framed_cleanly_is_not_said(words):
    reading, lines, said = _read(words)
    assert not said.startswith("Have you")
    assert not any("her" in line.split() for line in lines), lines
