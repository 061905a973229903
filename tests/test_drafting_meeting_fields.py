"""A meeting said from its typed fields (event, place, month) when the note's heading carries asides."""

from __future__ import annotations

import datetime as dt

import pytest

from coach.core.domain import Contact, Note, Profile
from coach.crm.facts.rules import extract_rules
from coach.drafting.composer import Brief, compose

HEADINGS = [  # (heading, event, place, month) in the forms notes write them; none from an eval case
    ("## 2023-09-14 Great Lakes Logistics Summit — panel Q&A after his keynote", "Great Lakes Logistics Summit", "",
     dt.date(2023, 9, 14)),
    ("## 2022-11-03 Nordic Design Week, Oslo", "Nordic Design Week", "Oslo", dt.date(2022, 11, 3)),
    ("## Pacific Robotics Expo, Seattle, October 2021", "Pacific Robotics Expo", "Seattle", dt.date(2021, 10, 1)),
]


@pytest.mark.parametrize("heading,event,place,date", HEADINGS)
def test_heading_fills_the_meeting_fields(heading, event, place, date):
    c = Contact(name="Tomas Reyes", first_name="Tomas", notes=[Note(text=f"{heading}\n- he liked my question\n")])
    met = [f for f in extract_rules(c) if f.kind == "met-at" and f.event]
    assert met and met[0].event == event and met[0].place == place and met[0].date == date


@pytest.mark.parametrize("heading,event,place,date", HEADINGS)
def test_draft_says_the_meeting_from_its_fields(heading, event, place, date):
    c = Contact(name="Tomas Reyes", first_name="Tomas", title="Director", company="Acme Freight",
                notes=[Note(text=f"{heading}\n- he liked my question\n")])
    made = compose(Brief(contact=c, profile=Profile(name="Ana Lee"), goal="reconnect", channel="linkedin-message"))
    assert made is not None
    body = made[1]
    assert event in body and f"{date:%B %Y}" in body
    assert (f"in {place}" in body) if place else True
    assert " his " not in body and "Q&A" not in body  # the heading's aside is not said
