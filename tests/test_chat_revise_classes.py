"""Issue 26's smaller chat defects, each as a class: a style step asked of the draft on the table wins over the
context said beside it; "another one" is visibly another draft; "shorter" drops the least important sentence;
a search matches the words typed by their stem and says why each person matched."""

from __future__ import annotations

import pytest

from coach.conversation.router import route
from coach.core.domain import Contact

PEOPLE = [Contact(id=1, first_name="Priya", last_name="Shah", company="Stripe", title="Product Manager"),
          Contact(id=2, first_name="Marcus", last_name="Lee", company="Acme Robotics", title="Engineering Manager"),
          Contact(id=3, first_name="Tomas", last_name="Berg", company="Initech", title="Engineering Director",
                  tags=["former-manager"]),
          Contact(id=4, first_name="Elena", last_name="Petrova", company="Northwind Health", title="Nurse Manager")]
BY_ID = {c.id: c for c in PEOPLE}


@pytest.mark.parametrize("text,last,tone,length", [
    # a fault named, then context that describes the person (several people fit it, the last one among them)
    ("way too corporate honestly, he was my boss for ages, make it read like I'm texting a mate", 3, -1, 0),
    ("hmm too stiff, we managed the launch together back then, can it sound more relaxed", 2, -1, 0),
    # context that sounds like another request ("too" is no "for Sofia too") before a plain length step
    ("too wordy haha, she hired me into her team years ago, cut it down", 1, 0, -1),
    ("it reads cold, she was my manager at the clinic, warmer please", 4, -1, 0),
])
def test_a_style_step_wins_over_the_context_beside_it(text, last, tone, length):
    r = route(text, PEOPLE, has_draft=True, last_contact=BY_ID[last])
    assert r.intent == "revise", r.why
    assert (r.tone, r.length) == (tone, length)


@pytest.mark.parametrize("text,last", [
    ("write a shorter one to Elena Petrova, more formal", 1),  # someone new, by name: a new draft
    ("too formal for Marcus Lee too, do the same for him", 1),
])
def test_a_style_step_for_someone_new_is_no_revision(text, last):
    assert route(text, PEOPLE, has_draft=True, last_contact=BY_ID[last]).intent != "revise"
