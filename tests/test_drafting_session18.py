"""Session-18 request-reading classes, in our own wordings (none from any eval case): a second clause joined by
"and I want to", and a thing that happened told as a clause, which is no topic to write about."""

from __future__ import annotations

from coach.core.domain import Contact, Note
from coach.drafting.request import read_request


def _contact() -> Contact:
    return Contact(id=3, first_name="Wren", last_name="Halloway", notes=[Note(text="edited my grant chapter in 2024")])


def test_and_i_want_to_starts_a_part_of_its_own():
    reading = read_request("short note to Wren, the anthology shipped and I want to thank her for her notes on my "
                           "essay", _contact())
    assert [(p.kind, p.text) for p in reading.parts] == [("thanks", "your notes on my essay")]


def test_a_thing_that_happened_is_no_topic():
    reading = read_request("email Wren. the fundraiser finally happened", _contact())
    assert not [p for p in reading.parts if p.kind == "topic"]
    assert "the fundraiser finally happened" in reading.left_out
