"""No dead ends: a draft that fails every check still comes back (the best one, what to fix marked), the small
words a browser user reads are right, and the Network page agrees with itself."""

from __future__ import annotations

import datetime as dt

import pytest

from coach.core.domain import Contact
from coach.ui import state
from tests import test_app
from tests.coach_world import make_world
from tests.doubles import ScriptedChatModel
from tests.test_app import app_on, texts

model = test_app.model  # the app's Coach over a scripted model (a fixture)


def test_a_draft_that_fails_every_check_is_offered_with_what_to_fix(monkeypatch) -> None:
    import coach.drafting.fallback

    monkeypatch.setattr(coach.drafting.fallback, "compose", lambda *a, **k: None)  # nothing composes into a passing draft
    monkeypatch.setattr(coach.drafting.fallback, "variants", lambda brief, *a, **k: [
        ("", "Hi Ana, it was good to meet you at PyCon 2024. [say what you talked about] Would you be open to "
             "catching up over a short call this month?")])
    world = make_world(ScriptedChatModel(responder=lambda m: ""))
    ana = world.store.add_contact(Contact(first_name="Ana", last_name="Ruiz", company="Initech",
                                          how_we_met="PyCon 2024"))
    world.store.add_note(ana.id, "We talked about PyCon 2024 and catching up.", dt.date(2024, 5, 1))
    turn = world.chat().ask("Write a LinkedIn message to Ana Ruiz to reconnect")
    assert turn.intent == "draft" and turn.draft is not None and turn.draft.body
    assert turn.draft.path == "needs-edit" and "fix" in turn.draft.how_made()
    assert any(not c.passed for c in turn.draft.checks)
    assert "coach check" not in turn.reply


@pytest.mark.usefixtures("model")
def test_the_app_shows_that_draft_with_a_warning_not_an_error(monkeypatch) -> None:
    import coach.drafting.fallback

    monkeypatch.setattr(coach.drafting.fallback, "compose", lambda *a, **k: None)
    monkeypatch.setattr(coach.drafting.fallback, "variants", lambda brief, *a, **k: [
        ("", "Hi Ana, it was good to meet you at PyCon 2024. [say what you talked about] Would you be open to "
             "catching up over a short call this month?")])
    ana = state.coach().store.add_contact(Contact(first_name="Ana", last_name="Ruiz", company="Initech",
                                                  how_we_met="PyCon 2024"))
    state.coach().store.add_note(ana.id, "We talked about PyCon 2024 and catching up.", dt.date(2024, 5, 1))
    at = app_on("chat").run()
    at.chat_input[0].set_value("Write a LinkedIn message to Ana Ruiz to reconnect").run()
    assert not at.exception and not at.error
    assert at.code and any(w.value.replace("\\", "").startswith("Not ready to send: fix placeholders") for w in at.warning)


def test_plurals_a_browser_user_reads() -> None:
    from coach.ui.gate import _wait_message

    assert _wait_message(1, locked=False) == "Too many wrong passwords: wait 1 second before trying again."
    assert _wait_message(2.5, locked=False).endswith("wait 3 seconds before trying again.")


@pytest.mark.usefixtures("model")
def test_one_person_due_is_said_in_the_singular() -> None:
    store = state.coach().store
    store.add_contact(Contact(first_name="Ana", last_name="Ruiz", cadence_days=30,
                              last_contacted=dt.date.today() - dt.timedelta(days=90)))
    at = app_on("contacts").run()
    assert "**1** person is due for a check-in" in texts(at)


@pytest.mark.usefixtures("model")
def test_the_network_page_counts_companies_one_way_and_draws_no_empty_chart() -> None:
    store = state.coach().store
    for n in range(3):
        store.add_contact(Contact(first_name=f"P{n}", last_name="Test", company=f"Company {n}"))
    store.add_contact(Contact(first_name="No", last_name="Company"))
    at = app_on("network").run()
    assert not at.exception
    assert {m.label: m.value for m in at.metric}["Companies"] == "3"
    assert "Nobody is due in the coming weeks" in texts(at)  # not an empty chart with a lone 0.000000 axis


def test_search_finds_a_word_inside_a_note() -> None:
    world = make_world()
    tomas = world.store.add_contact(Contact(first_name="Tomas", last_name="Berg", company="Initech"))
    world.store.add_note(tomas.id, "Spent the evening on payments APIs and idempotency keys.", dt.date(2024, 5, 1))
    found = [h.title for h in world.synced_retriever().find("payments", kind="contacts")]
    assert "Tomas Berg" in found


def test_when_every_composed_draft_fails_a_check_about_what_it_says_a_slot_draft_is_offered(monkeypatch) -> None:
    """Never a dead end: the composed drafts claim something the notes do not hold (grounding fails), so the
    coach offers greeting, one line for the user to write, the ask and a sign-off, marked to fix."""
    import coach.drafting.fallback

    monkeypatch.setattr(coach.drafting.fallback, "compose", lambda *a, **k: None)
    monkeypatch.setattr(coach.drafting.fallback, "variants", lambda brief, *a, **k: [
        ("", "Hi Ana, great to see you at the Lisbon summit in 2019. Would you be open to a short call?")])
    world = make_world(ScriptedChatModel(responder=lambda m: ""))
    ana = world.store.add_contact(Contact(first_name="Ana", last_name="Ruiz", company="Initech"))
    draft = world.draft(str(ana.id), "reconnect", "linkedin-message")
    assert draft.path == "needs-edit" and "[how you know them, and why now]" in draft.body
    assert draft.body.startswith("Hi Ana,") and "Lisbon" not in draft.body
    failed = {c.name for c in draft.checks if c.hard and not c.passed}
    assert failed and failed <= {"placeholders", "goal", "length"}


def test_the_slot_draft_is_offered_when_the_short_ask_starts_with_a_word_only_a_sentence_start_capitalises():
    from coach.core.domain import Contact, Note, Profile
    from coach.drafting.brief import Brief
    from coach.drafting.fallback import slot_draft

    contact = Contact(id=9, first_name="Ilse", last_name="Brandt", notes=[Note(text="lol 🙃 brisket")])
    brief = Brief(contact=contact, profile=Profile(name="Ravi"), goal="reconnect", channel="linkedin-note",
                  context="long time no see")
    options = slot_draft(brief)
    assert options and "[how you know them, and why now]." in options[0][0][1], options
