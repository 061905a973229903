"""Joining or leaving a meeting is no news of theirs (issue 24): 'Roz joined for 20 min' in a site-visit log is
not 'you joined …'; joining a firm still is. Our own notes, none from the held-out sets."""

from __future__ import annotations

import pytest

from coach.core.domain import Contact, Note
from coach.crm.facts.rules import extract_rules


def news(text: str) -> list[str]:
    contact = Contact(id=3, first_name="Odile", last_name="Renner", company="Marlow Foods", title="Buyer",
                      notes=[Note(text=text)])
    return [f.phrase for f in extract_rules(contact) if f.kind == "their-news"]


@pytest.mark.parametrize("text", ["2024-05-02 depot visit. Odile joined for 20 min, asked about pallet sizes",
                                  "Odile joined the call late and left early"])
def test_a_meeting_joined_is_no_news(text):
    assert news(text) == []


def test_a_firm_joined_is_news():
    assert any("Harrow Dairies" in p for p in news("Odile joined Harrow Dairies in March as head buyer"))
