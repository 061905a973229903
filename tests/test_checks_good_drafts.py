"""Drafts a thoughtful person writes pass the hard checks: a pronoun for a third person the notes name with their
role, a word of the user's request beside a fact, a draft in the language the user asked for."""

from __future__ import annotations

from coach.core.domain import Contact, Note, Profile
from coach.drafting.brief import Brief

TOMAS = Contact(id=2, first_name="Tomás", last_name="Reyes", company="Lanternfield", title="Program Manager",
                notes=[Note(text="Needs sign-off from his director, Wren Abernathy, before any pilot.\n"
                                 "We were on the Saltmarsh platform team together in 2022.")])


def _hard_failures(goal: str, channel: str, context: str, body: str, subject: str = "") -> list[str]:
    brief = Brief(contact=TOMAS, profile=Profile(name="Ada Kim"), goal=goal, channel=channel, context=context)
    return [f"{c.name}: {c.detail}" for c in brief.check(subject, body).checks if c.hard and not c.passed]


def test_a_pronoun_for_a_third_person_named_with_their_role_is_no_slip():
    body = ("Hi Tomás,\n\nI know the pilot needs Wren Abernathy's sign-off, so please feel free to forward this. "
            "I would be glad to join a short call with her if that helps.\n\nBest,\nAda")
    assert _hard_failures("partnership", "linkedin-message", "propose a pilot", body) == []


def test_a_word_from_the_request_may_stand_beside_a_fact():
    body = "Hi Tomás, it's Ada from our Saltmarsh SRE days. Would you be open to referring me for the SRE role?"
    assert _hard_failures("referral", "linkedin-note", "the SRE role", body) == []
    stitched = "Hi Tomás, it's Ada from our Saltmarsh Lanternfield days. Would you be open to referring me?"
    assert any(f.startswith("facts-together") for f in _hard_failures("referral", "linkedin-note", "", stitched))


def test_a_draft_in_the_language_asked_for_is_not_checked_for_english_capitals():
    body = ("Hallo Tomás,\n\nes ist lange her! Ich denke oft an unser Saltmarsh-Team zurück. Hast Du im Frühling "
            "Zeit für einen Kaffee?\n\nViele Grüße\nAda")
    failures = _hard_failures("reconnect", "email", "in German, Du-form", body, subject="Lange nicht gesehen")
    assert not [f for f in failures if f.startswith(("grounding", "to-them"))], failures
    # the same words without the request for German are unsupported names
    english = _hard_failures("reconnect", "email", "", body, subject="Lange nicht gesehen")
    assert any(f.startswith("grounding") for f in english)
