"""Typed requests: a person is chosen once, by id; same-name contacts never get each other's drafts; style steps
go both ways; regenerate gives another draft; the user's own words count as grounds."""

from __future__ import annotations

import json

import pytest

from coach.conversation.chat import ChatAction
from coach.conversation.context import user_context
from coach.conversation.router import route
from coach.core.domain import Contact
from coach.core.errors import AmbiguousError
from coach.core.messages import ContactChoice, DraftRequest, Style
from coach.crm.resolve import pick, split_qualifier, who
from tests.coach_world import make_world
from tests.doubles import ScriptedChatModel

ACME = Contact(id=2, first_name="Marcus", last_name="Lee", company="Acme Robotics", title="Engineering Manager")
DATADOG = Contact(id=7, first_name="Marcus", last_name="Lee", company="Datadog", title="SRE",
                  emails=["marcus@datadoghq.com"])
PRIYA = Contact(id=1, first_name="Priya", last_name="Raman", company="Stripe", location="Dublin")
PEOPLE = [ACME, DATADOG, PRIYA]


@pytest.mark.parametrize("text,expected", [
    ("Ask Marcus Lee at Datadog for a referral by email", 7),
    ("Ask Marcus Lee (Acme Robotics) for a referral", 2),
    ("write to the SRE Marcus Lee", 7),
    ("email Marcus at his datadoghq address", 7),
    ("Write to Priya", 1),
])
def test_a_qualifier_in_the_words_settles_a_shared_name(text, expected):
    assert who(text, PEOPLE).contact.id == expected


def test_a_shared_name_without_a_qualifier_gives_choices_not_the_first_match():
    found = who("Ask Marcus Lee for a referral", PEOPLE)
    assert found.contact is None and {c.id for c in found.choices} == {2, 7}
    r = route("Ask Marcus Lee for a referral by email", PEOPLE, has_draft=False)
    assert r.intent == "clarify" and {c.id for c in r.choices} == {2, 7} and r.goal == "referral"


def test_an_answer_picks_among_the_choices_offered():
    choices = [ContactChoice(id=2, name="Marcus Lee", company="Acme Robotics"),
               ContactChoice(id=7, name="Marcus Lee", company="Datadog")]
    assert pick("#7", choices, PEOPLE) == 7 and pick("#2", choices, PEOPLE) == 2
    assert pick("2", choices, PEOPLE) == 7  # the second in the list, as it was shown
    assert pick("7", choices, PEOPLE) == 7
    assert pick("the second one", choices, PEOPLE) == 7
    assert pick("the Acme one", choices, PEOPLE) == 2
    assert pick("never mind", choices, PEOPLE) is None
    assert split_qualifier("Marcus Lee at Datadog") == ("Marcus Lee", "Datadog")


@pytest.mark.parametrize("text,context", [
    ("Write a LinkedIn note to Priya Raman to reconnect", ""),
    ("Ask Marcus Lee at Datadog for a referral by email", ""),
    ("Write a LinkedIn note to Priya about the Connect team at Stripe", "the Connect team at Stripe"),
    ("email Priya, she just moved to Dublin", "she just moved to Dublin"),
])
def test_the_users_own_words_become_the_drafts_context(text, context):
    named = who(text, PEOPLE)
    assert user_context(text, named.mention) == context


def test_style_steps_go_both_ways_and_stop_at_the_ends():
    s = Style()
    assert s.moved(length=-1).shorter and s.moved(length=-1).moved(length=1) == Style()
    assert s.moved(tone=1).formal and s.moved(tone=1).moved(tone=-1).moved(tone=-1).casual
    assert s.moved(length=-1).moved(length=-1).length == -1


def make_namesakes(model=None):
    coach = make_world(model)
    datadog = coach.store.add_contact(Contact(first_name="Marcus", last_name="Lee", company="Datadog", title="SRE",
                                              how_we_met="SREcon 2024 in Dublin"))
    acme = next(c for c in coach.contacts() if c.company == "Acme Robotics")
    return coach, acme, datadog


def test_same_name_contacts_never_get_each_others_drafts_from_chat_or_buttons():
    coach, acme, datadog = make_namesakes(ScriptedChatModel(responder=lambda m: ""))
    chat = coach.chat()
    by_words = chat.ask("Ask Marcus Lee at Datadog for a referral by email", thread_id="w")
    assert by_words.draft.contact_id == datadog.id and "Acme" not in by_words.draft.text()
    asked = chat.ask("Ask Marcus Lee for a referral by email", thread_id="x")
    assert asked.intent == "clarify" and asked.draft is None and len(asked.choices) == 2
    answered = chat.ask(f"#{acme.id}", thread_id="x")
    assert answered.draft.contact_id == acme.id and answered.draft.channel == "email"
    # the app's Draft button on the second Marcus Lee's page: a typed request by id
    button = chat.act(ChatAction(kind="draft", request=DraftRequest(contact_id=datadog.id, goal="reconnect"),
                                 label=f"LinkedIn message to Marcus Lee (#{datadog.id})"), thread_id="y")
    assert button.draft.contact_id == datadog.id and "SREcon" in button.draft.body


def test_coach_draft_and_coach_ask_in_the_shell_never_pick_the_first_namesake(monkeypatch, tmp_path, capsys):
    import coach.llm.providers
    import coach.retrieval.index
    from coach.cli import main
    from tests.doubles import HashingEmbeddings

    monkeypatch.setenv("COACH_HOME", str(tmp_path))
    model = ScriptedChatModel(responder=lambda m: "")
    monkeypatch.setattr(coach.llm.providers, "make_chat_model", lambda name, settings=None: model)
    monkeypatch.setattr(coach.llm.providers, "make_embeddings", lambda name, settings=None: HashingEmbeddings())
    monkeypatch.setattr(coach.retrieval.index, "make_embeddings", lambda name, settings=None: HashingEmbeddings(),
                        raising=False)
    world, acme, datadog = make_namesakes()

    def run(*args: str) -> tuple[int, str, str]:
        with pytest.raises(SystemExit) as exc:
            main(list(args))
        out = capsys.readouterr()
        return exc.value.code, out.out, out.err

    code, out, err = run("draft", "--to", "Marcus Lee", "--goal", "referral")
    assert code == 2 and f"#{acme.id}" in err and f"#{datadog.id}" in err
    code, out, err = run("draft", "--to", "Marcus Lee at Datadog", "--goal", "referral", "--json")
    assert code == 0 and json.loads(out)["contact_id"] == datadog.id
    code, out, err = run("ask", "Ask Marcus Lee for a referral by email", "--json")
    turn = json.loads(out)
    assert code == 0 and turn["intent"] == "clarify" and turn["draft"] is None
    assert {c["id"] for c in turn["choices"]} == {acme.id, datadog.id}
    code, out, err = run("ask", f"#{datadog.id}", "--json")  # the answer, in the same conversation
    assert code == 0 and json.loads(out)["draft"]["contact_id"] == datadog.id
    with pytest.raises(AmbiguousError):
        world.resolve("Marcus Lee")
    assert world.resolve("Marcus Lee (Acme Robotics)").id == acme.id


def test_regenerate_gives_a_different_draft_and_says_so_when_there_is_none():
    coach = make_world(ScriptedChatModel(responder=lambda m: ""))
    chat = coach.chat()
    first = chat.ask("Write a LinkedIn message to Marcus Lee to ask for a referral", thread_id="r")
    again = chat.act(ChatAction(kind="revise", regenerate=True, label="Regenerate"), thread_id="r")
    assert again.draft.body != first.draft.body and again.draft.contact_id == first.draft.contact_id
    assert all(c.passed for c in again.draft.checks if c.hard)


def test_friendlier_then_more_formal_moves_the_register_both_ways():
    coach = make_world(ScriptedChatModel(responder=lambda m: ""))
    chat = coach.chat()
    chat.ask("email Marcus Lee to catch up", thread_id="f")
    formal = chat.ask("more formal", thread_id="f")
    assert formal.draft.body.startswith("Dear Marcus,") and "Kind regards" in formal.draft.body
    back = chat.ask("friendlier", thread_id="f")  # one step back: neutral
    assert back.draft.body.startswith("Hi Marcus,") and "Best," in back.draft.body
    casual = chat.ask("even friendlier", thread_id="f")
    assert casual.draft.body.startswith("Hey Marcus,") and "Cheers," in casual.draft.body
    again = chat.ask("friendlier", thread_id="f")
    assert "already as friendly" in again.note


def test_shorter_on_a_connection_note_drops_a_line_then_says_why_it_cannot_be():
    coach = make_world(ScriptedChatModel(responder=lambda m: ""))
    chat = coach.chat()
    note = chat.ask("Write a LinkedIn connection note to Priya Raman to reconnect", thread_id="n")
    shorter = chat.ask("make it shorter", thread_id="n")  # two things you share: the second goes
    assert len(shorter.draft.body) < len(note.draft.body) and shorter.draft.channel == "linkedin-note"
    assert shorter.draft.body.count(".") < note.draft.body.count(".") and not shorter.note
    again = chat.ask("make it shorter", thread_id="n")
    assert again.draft.body == shorter.draft.body
    assert "as short as it can be" in again.note and again.reply.startswith(again.note)
    assert f"{len(again.draft.body)} characters" in again.note


def test_the_users_own_edit_and_request_count_as_grounds():
    coach = make_world()
    edited = ("Hi Priya, I saw the PM opening on the Connect team at Stripe and would love to hear about it. "
              "Would you be open to a short call?")
    strict = coach.check(edited, "linkedin-message", to="Priya Raman")
    assert not next(c for c in strict.checks if c.name == "grounding").passed  # the notes never said "Connect"
    own = coach.check(edited, "linkedin-message", to="Priya Raman", goal="informational-interview",
                      context="the Connect team", edited_from="Hi Priya, …")
    assert next(c for c in own.checks if c.name == "grounding").passed


def test_advice_that_names_a_shared_name_drafts_to_nobody_until_told_which():
    coach, acme, datadog = make_namesakes(ScriptedChatModel(responder=lambda m: ""))
    unsure = coach.advise("I asked Marcus Lee for a referral two weeks ago and he never replied. Should I chase him?")
    assert unsure.script_kind == "neutral" and unsure.script_contact_id is None
    assert "Several of your contacts are called Marcus Lee" in unsure.note
    sure = coach.advise("I asked Marcus Lee at Datadog for a referral two weeks ago and he never replied. "
                        "Should I chase him?")
    assert sure.script_kind == "draft" and sure.script_contact_id == datadog.id
