"""The chat's reading of a message as data: a dev set of phrasings scored against their expected readings
(politeness, typos, channel words anywhere, several requests in one, pronouns after a previous turn)."""

from __future__ import annotations

from pathlib import Path

import yaml

from coach.conversation.reading import Reading, topic_label, unknown_reply
from coach.conversation.router import route
from coach.core.domain import Contact

PEOPLE = [Contact(id=1, first_name="Priya", last_name="Shah", company="Stripe", title="Product Manager"),
          Contact(id=2, first_name="Marcus", last_name="Lee", company="Acme Robotics", title="Engineering Manager"),
          Contact(id=3, first_name="Marcus", last_name="Lee", company="Datadog", title="SRE"),
          Contact(id=4, first_name="Elena", last_name="Petrova", company="Northwind Health",
                  title="Data Science Lead"),
          Contact(id=5, first_name="Sam", last_name="Okafor", company="Globex", title="Recruiter"),
          Contact(id=6, first_name="Aisha", last_name="Bello", company="Shopify", title="Staff Engineer")]
CASES = [case for name in ("requests_dev.yaml", "requests_dev_more.yaml")
         for case in yaml.safe_load((Path(__file__).parent / "data" / name).read_text())]
REQUIRED = 0.95


def read(case: dict) -> Reading:
    last = next((c for c in PEOPLE if c.id == case.get("last")), None)
    return route(case["text"], PEOPLE, has_draft=bool(case.get("has_draft")), last_contact=last)


def misses(case: dict, r: Reading) -> list[str]:
    out = []
    for key in ("intent", "goal", "channel", "length", "tone", "regenerate"):
        if key in case and getattr(r, key) != case[key]:
            out.append(f"{key}={getattr(r, key)!r} (want {case[key]!r})")
    if "contact" in case and r.contact_id != case["contact"]:
        out.append(f"contact={r.contact_id} (want {case['contact']})")
    if "choices" in case and sorted(c.id for c in r.candidates) != sorted(case["choices"]):
        out.append(f"choices={[c.id for c in r.candidates]} (want {case['choices']})")
    if "unknown" in case and r.unknown_name != case["unknown"]:
        out.append(f"unknown={r.unknown_name!r} (want {case['unknown']!r})")
    if "topic" in case and case["topic"].lower() not in r.topic.lower():
        out.append(f"topic={r.topic!r} (want {case['topic']!r})")
    if "note" in case and case["note"].lower() not in r.note.lower():
        out.append(f"note={r.note!r} (want {case['note']!r})")
    if r.intent == "draft" and any(w in r.context.lower() for w in ("please", "an email", "via linkedin")):
        out.append(f"context holds the request's own words: {r.context!r}")
    return out


def test_the_dev_set_reads_at_least_95_percent_of_phrasings_right():
    assert len(CASES) >= 100
    wrong = [(c["text"], m) for c in CASES if (m := misses(c, read(c)))]
    accuracy = 1 - len(wrong) / len(CASES)
    report = "\n".join(f"  {text!r}: {'; '.join(m)}" for text, m in wrong)
    print(f"\nreadings: {len(CASES) - len(wrong)}/{len(CASES)} right ({accuracy:.1%})\n{report}")
    assert accuracy >= REQUIRED, f"{accuracy:.1%} < {REQUIRED:.0%}; misses:\n{report}"


def test_the_role_is_the_topic_and_context_never_the_channel_words():
    r = route("Can you help me ask Priya for a referral for the product manager role on the Connect platform "
              "team? An email please.", PEOPLE, has_draft=False)
    assert (r.intent, r.contact_id, r.goal, r.channel) == ("draft", 1, "referral", "email")
    assert r.context == "the product manager role on the Connect platform team"
    assert r.line() == "Email to Priya Shah · referral · Product Manager, Connect"
    assert topic_label("the SRE role at Datadog") == "SRE, Datadog"


def test_a_name_that_matches_nobody_exactly_is_asked_back_never_fuzzily_chosen():
    r = route("Write a LinkedIn note to Priya Raman to reconnect", PEOPLE, has_draft=False)
    assert r.intent == "clarify" and r.contact is None and r.unknown_name == "Priya Raman"
    assert unknown_reply(r.unknown_name, r.choices) == "No Priya Raman in your contacts. Did you mean Priya Shah?"


def test_the_chat_asks_back_and_the_answer_drafts_to_the_person_chosen():
    from tests.coach_world import make_world
    from tests.doubles import ScriptedChatModel

    coach = make_world(ScriptedChatModel(responder=lambda m: ""))
    names = {c.name for c in coach.contacts()}
    assert "Priya Raman" in names
    chat = coach.chat()
    asked = chat.ask("Write a LinkedIn note to Priya Rama to reconnect", thread_id="u")
    assert asked.intent == "clarify" and asked.draft is None
    assert asked.reply.startswith("No Priya Rama in your contacts. Did you mean Priya Raman?")
    answered = chat.ask("yes please", thread_id="u")
    assert answered.draft is not None and answered.draft.contact == "Priya Raman"
    assert answered.draft.channel == "linkedin-note"
    assert answered.reading.startswith("LinkedIn note to Priya Raman · reconnect")
    email = chat.ask("Ask Priya Raman for a referral for the PM role on the Connect team. An email please.",
                     thread_id="v")
    assert email.reading == "Email to Priya Raman · referral · PM, Connect"
    assert "please" not in email.draft.body.lower() and "An email" not in email.draft.body
    now = chat.ask("now ask her about mentorship", thread_id="v")
    assert now.draft.contact == "Priya Raman" and now.draft.goal == "mentorship"


def test_the_cli_names_the_near_misses_and_picks_none_of_them():
    import pytest

    from coach.core.errors import NotFoundError
    from tests.coach_world import make_world

    coach = make_world()
    with pytest.raises(NotFoundError) as exc:
        coach.store.resolve_contact("Priya Shah")
    assert str(exc.value).startswith("No contact matches 'Priya Shah'. Did you mean Priya Raman, Stripe (#")


def test_now_as_an_email_after_advice_that_holds_a_draft_revises_that_draft():
    from tests.coach_world import make_world
    from tests.doubles import ScriptedChatModel

    chat = make_world(ScriptedChatModel(responder=lambda m: "")).chat()
    advice = chat.ask("I asked Marcus Lee for a referral two weeks ago and he never replied. Should I chase him?",
                      thread_id="a")
    assert advice.intent == "advise" and advice.advice.script_kind == "draft"
    email = chat.ask("now as an email", thread_id="a")
    assert email.intent == "revise" and email.draft.channel == "email" and email.draft.contact == "Marcus Lee"
    assert email.draft.goal == advice.advice.script_goal
