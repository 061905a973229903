"""Issue 26's smaller chat defects, each as a class: a style step asked of the draft on the table wins over the
context said beside it; "another one" is visibly another draft; "shorter" drops the least important sentence;
a search matches the words typed by their stem and says why each person matched."""

from __future__ import annotations

import re

import pytest

from coach.conversation.chat import unchanged_note
from coach.conversation.reading import Reading
from coach.conversation.router import route
from coach.core.domain import Contact
from coach.core.messages import Draft, Style
from tests.coach_world import make_world
from tests.doubles import ScriptedChatModel

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
    # the way asked for outweighs a tone only named ("it is sounding chummy")
    ("Kindly make it more businesslike. It is sounding rather chummy.", 1, 1, 0),
    ("make it friendlier pls, right now it comes across formal", 2, -1, 0),
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


def _said(body: str) -> list[str]:
    """The body's sentences between the greeting and the sign-off, as the reader sees them."""
    middle = body.split("\n\n")[1] if "\n\n" in body else body
    return [s for s in re.split(r"(?<=[.!?])\s+", middle.strip()) if s]


@pytest.mark.parametrize("ask", [
    "Write a LinkedIn message to Marcus Lee to ask for a referral",
    "email Priya Raman to reconnect",
    "a LinkedIn message to Elena Petrova asking her to mentor me",
])
def test_another_one_is_visibly_another_draft(ask):
    chat = make_world(ScriptedChatModel(responder=lambda m: "")).chat()
    first = chat.ask(ask, thread_id="v")
    again = chat.ask("another one", thread_id="v")
    before, after = _said(first.draft.body), _said(again.draft.body)
    assert again.intent == "revise" and all(c.passed for c in again.draft.checks if c.hard)
    # another opener or fact, and the ask in other words: more than one phrase changed
    assert before[0] != after[0] and before[-1] != after[-1], (first.draft.body, again.draft.body)
    assert not again.note


def _draft(body: str, channel: str = "linkedin-message") -> Draft:
    return Draft(contact="Marcus Lee", goal="referral", channel=channel, body=body, score=100, checks=[], model="t")


def test_another_one_says_plainly_when_there_is_no_other_version():
    shown = _draft("Hi Marcus,\n\nWe met at KubeCon 2023. Would you refer me?\n\nBest,\nSam")
    reworded = _draft("Hi Marcus,\n\nWe met at KubeCon 2023. Would you be open to referring me?\n\nBest,\nSam")
    other = _draft("Hi Marcus,\n\nIt was great meeting you at KubeCon. Would you be open to referring me?\n\nBest,\nSam")
    again = Reading(intent="revise", regenerate=True)
    assert "no other version" in unchanged_note(again, Style(), Style(), shown, shown)
    assert "no other version" in unchanged_note(again, Style(), Style(), shown, reworded)
    assert unchanged_note(again, Style(), Style(), shown, other) == ""


def test_shorter_drops_the_least_important_sentence_then_says_the_length():
    chat = make_world(ScriptedChatModel(responder=lambda m: "")).chat()
    first = chat.ask("Write a LinkedIn message to Priya Raman to reconnect", thread_id="s")
    assert len(_said(first.draft.body)) == 3  # two things you share and the ask
    shorter = chat.ask("make it shorter", thread_id="s")
    kept = _said(shorter.draft.body)
    assert len(kept) == 2 and kept[-1] == _said(first.draft.body)[-1] and kept[0] in _said(first.draft.body)
    assert shorter.draft.body.startswith("Hi Priya,") and not shorter.note
    again = chat.ask("even shorter", thread_id="s")
    assert again.draft.body == shorter.draft.body
    assert f"At {len(again.draft.body)} characters" in again.note and again.note.count(". ") == 0


def _payments_world():
    coach = make_world(ScriptedChatModel(responder=lambda m: ""))
    for i, (first, title, note) in enumerate([
            ("Noor", "Payments Engineer", "Payments, payments infrastructure, payments risk: payments all day."),
            ("Ilse", "Head of Payments", "Leads the payments team; payments reconciliation and payments ops."),
            ("Jun", "Payments PM", "Owns the payments roadmap and the payments checkout flow."),
            ("Ravi", "Designer", "Met at a meetup on typography, grids and colour in long product interfaces; "
                                 "he mentioned he once built a payment API for a bakery chain before design.")]):
        contact = coach.store.add_contact(Contact(first_name=first, last_name=f"Test{i}", company=f"Co{i}",
                                                  title=title))
        coach.store.add_note(contact.id, note)
    return coach


def test_search_matches_a_typed_word_by_its_stem_and_says_why():
    coach = _payments_world()
    hits = coach.synced_retriever().find("payments", kind="contacts")
    found = {h.title: h for h in hits}
    assert {"Ravi Test3", "Priya Raman"} <= set(found)  # "payment API", "payments APIs" in a note
    assert 'matched "payments" in a note' in found["Ravi Test3"].snippet
    assert "payment API" in found["Ravi Test3"].snippet
    assert 'matched "payments" in title' in found["Noor Test0"].snippet
    assert "Marcus Lee" not in found and "Elena Petrova" not in found


def test_the_chat_lists_who_matched_a_word_and_why():
    chat = _payments_world().chat()
    turn = chat.ask("anyone in my network who works on payments?", thread_id="p")
    assert turn.intent == "find"
    names = [r["title"] for r in turn.results]
    assert "Ravi Test3" in names and "Priya Raman" in names and "Marcus Lee" not in names
    assert 'matched "payments" in a note' in turn.reply


def test_a_name_inside_a_note_about_the_person_just_shown_is_what_the_note_says():
    r = route("add that he just got promoted to Group Lead", PEOPLE, has_draft=False, last_contact=BY_ID[2])
    assert (r.intent, r.contact.id if r.contact else None) == ("note", 2), r.why


def test_a_note_chucked_on_someones_file_is_a_note():
    r = route("Chuck a note on Elena's file: she's keen on a collab after Easter", PEOPLE, has_draft=False,
              last_contact=None)
    assert (r.intent, r.contact.id if r.contact else None) == ("note", 4), r.why


def test_praise_for_the_draft_on_the_table_asks_no_revision():
    assert route("merci, it is perfect like this", PEOPLE, has_draft=True, last_contact=BY_ID[1]).intent != "revise"


def test_a_request_of_connection_is_a_connection_note():
    r = route("we are not connected yet, so make it a request of connection instead", PEOPLE, has_draft=True,
              last_contact=BY_ID[1])
    assert (r.intent, r.channel) == ("revise", "linkedin-note"), r.why
