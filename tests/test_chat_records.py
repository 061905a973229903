"""The chat carries out the CRM's own jobs through the store with the rule router: a contact's card, a note kept
on someone (then drawn on), who is due; and a follow-up after a draft revises that draft with its request."""

from __future__ import annotations

import datetime as dt

from coach.conversation.router import route
from coach.core.domain import Contact, Interaction
from tests.coach_world import make_world
from tests.doubles import ScriptedChatModel


def chat_world():
    coach = make_world(ScriptedChatModel(responder=lambda m: ""))
    return coach, coach.chat()


def test_show_answers_with_the_persons_card_from_the_store():
    coach, chat = chat_world()
    turn = chat.ask("what do I have on Priya?", thread_id="s")
    assert turn.intent == "show" and turn.draft is None and turn.advice is None
    assert "Priya Raman" in turn.reply and "payments APIs" in turn.reply and "PyCon 2024" in turn.reply
    assert turn.reading == "Priya Raman's card"
    priya = coach.store.resolve_contact("Priya Raman")
    assert turn.results and turn.results[0]["id"] == str(priya.id)  # the app links to their page
    later = chat.ask("write her an email to catch up", thread_id="s")  # 'her' is the person just shown
    assert later.draft is not None and later.draft.contact == "Priya Raman" and later.draft.channel == "email"


def test_a_note_is_saved_on_the_persons_record_dated_and_only_once():
    coach, chat = chat_world()
    elena = coach.store.resolve_contact("Elena Petrova")
    before = len(coach.store.get_contact(elena.id).notes)
    turn = chat.ask("please remember that Elena is moving to Lisbon in the autumn", thread_id="n")
    assert turn.intent == "note" and turn.reading == "Note on Elena Petrova"
    notes = coach.store.get_contact(elena.id).notes
    assert len(notes) == before + 1 and any(n.text == "Elena is moving to Lisbon in the autumn" for n in notes)
    assert "Lisbon" in turn.reply
    yesterday = chat.ask("I called Marcus yesterday about the SRE opening, log it", thread_id="n")
    marcus = coach.store.resolve_contact("Marcus Lee")
    saved = [n for n in coach.store.get_contact(marcus.id).notes if "called Marcus" in n.text]
    assert yesterday.intent == "note" and len(saved) == 1
    assert saved[0].date == dt.date.today() - dt.timedelta(days=1)
    shown = chat.ask("show me Elena", thread_id="n")
    assert "Lisbon" in shown.reply  # what was kept is on the card


def test_a_note_for_a_name_two_people_share_is_asked_back_and_kept_on_the_one_chosen():
    coach, chat = chat_world()
    other = coach.store.add_contact(Contact(first_name="Marcus", last_name="Lee", company="Datadog", title="SRE"))
    asked = chat.ask("remember Marcus Lee likes bouldering", thread_id="m")
    assert asked.intent == "clarify" and len(asked.choices) == 2
    assert not any("bouldering" in n.text for c in coach.store.all_contacts() for n in c.notes)  # nothing yet
    chosen = chat.ask(f"#{other.id}", thread_id="m")
    assert chosen.intent == "note"
    assert [n.text for n in coach.store.get_contact(other.id).notes] == ["Marcus Lee likes bouldering"]


def test_who_is_due_lists_the_people_the_store_says_are_due():
    coach, chat = chat_world()
    coach.store.set_tag_cadence("mentor", 30)
    for name in ("Priya Raman", "Elena Petrova"):  # mentors, last spoken to long ago
        coach.store.add_interaction(coach.store.resolve_contact(name).id,
                                    Interaction(date=dt.date(2024, 1, 5), channel="call", summary="Caught up"))
    assert {d["name"] for d in coach.store.due_contacts()} == {"Priya Raman", "Elena Petrova"}
    turn = chat.ask("who haven't I talked to in a while?", thread_id="d")
    assert turn.intent == "due" and turn.reading == "Who is due for a check-in"
    assert "Priya Raman" in turn.reply and "Elena Petrova" in turn.reply and "Marcus Lee" not in turn.reply
    assert turn.reply.startswith("2 people are due for a check-in")
    assert {r["title"] for r in turn.results} == {"Priya Raman", "Elena Petrova"}


def test_nobody_due_says_how_to_set_a_cadence():
    coach, chat = chat_world()
    assert coach.store.due_contacts() == []
    turn = chat.ask("who's overdue?", thread_id="e")
    assert turn.intent == "due" and "Nobody is due" in turn.reply and "cadence" in turn.reply


def test_follow_ups_after_a_draft_revise_it_with_its_request():
    coach, chat = chat_world()
    first = chat.ask("Ask Priya Raman for a referral for the payments role", thread_id="f")
    assert first.draft is not None and first.draft.goal == "referral"
    email = chat.ask("as an email instead", thread_id="f")
    assert email.intent == "revise" and email.draft.channel == "email" and email.draft.goal == "referral"
    assert email.draft.contact == "Priya Raman"
    again = chat.ask("another version pls", thread_id="f")
    assert again.intent == "revise" and again.draft.goal == "referral" and again.draft.channel == "email"
    stiff = chat.ask("can u make it less stiff", thread_id="f")
    assert stiff.intent == "revise" and stiff.draft.contact == "Priya Raman"


def test_a_clear_person_and_goal_with_words_the_reader_cannot_place_drafts_without_asking():
    people = [Contact(id=1, first_name="Priya", last_name="Shah", company="Stripe")]
    r = route("ask priya for a referral, keep it simple and honest, I feel a bit awkward tbh", people,
              has_draft=False)
    assert (r.intent, r.contact_id, r.goal) == ("draft", 1, "referral")
    assert "awkward" not in r.context.lower() or "referral" not in r.context.lower()  # never the request itself
    unclear = route("write to Priya Shah zorblat quixotic flanges", people, has_draft=False)
    assert unclear.intent == "clarify" and unclear.contact_id == 1  # the goal is unclear: asked back


def test_the_goal_answered_after_asking_back_drafts_with_it():
    coach, chat = chat_world()
    asked = chat.ask("write to Elena Petrova zorblat quixotic flanges", thread_id="g")
    assert asked.intent == "clarify" and "what is it for" in asked.reply
    answered = chat.ask("a thank-you", thread_id="g")
    assert answered.draft is not None and answered.draft.goal == "thank-you"
    assert answered.draft.contact == "Elena Petrova"
