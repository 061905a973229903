"""This week's plan: who to reach and why, from a small network with dated notes and two LinkedIn exports."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from coach.core.domain import Contact
from coach.plan import weekly as planning
from tests.conftest import run_cli
from tests.fixtures_contacts import write_linkedin

D = dt.date
FIRST = D(2025, 1, 6)      # the first LinkedIn export
SECOND = D(2025, 4, 7)     # three months later: Tomás moved to Initech
TODAY = D(2025, 4, 9)      # a Wednesday; the week starts on 7 April
ROWS = [
    ["Priya", "Raman", "https://www.linkedin.com/in/priya-raman-fict", "", "Northwind Labs", "Staff Engineer",
     "12 Mar 2024"],
    ["Tomás", "Ortega", "https://www.linkedin.com/in/tomas-ortega-fict", "", "Globex", "Product Manager",
     "7 Feb 2022"],
    ["Wei", "Chen", "https://www.linkedin.com/in/wei-chen-fict", "wei.chen@example.org", "Initech", "Head of Data",
     "01 Jan 2023"],
]


def build_network(store, tmp_path) -> dict[str, int]:
    """Three LinkedIn people (one changes jobs between two exports), an open loop, a cadence due, a quiet one."""
    write_linkedin(tmp_path / "jan.csv", ROWS)
    store.import_file(tmp_path / "jan.csv", today=FIRST)
    moved = [r[:] for r in ROWS]
    moved[1][4:6] = ["Initech", "Director of Product"]
    write_linkedin(tmp_path / "apr.csv", moved)
    store.import_file(tmp_path / "apr.csv", today=SECOND)
    ids = {c.first_name: c.id for c in store.list_contacts()}
    store.add_note(ids["Priya"], "Ping me in the fall about the platform team, she said.", date=D(2025, 2, 14))
    ana = store.add_contact(Contact(first_name="Ana", last_name="Silva", company="Hooli", cadence_days=30,
                                    last_contacted=D(2025, 1, 20)))
    ids["Ana"] = ana.id
    for i in range(8):  # people with nothing to act on
        store.add_contact(Contact(first_name=f"Quiet{i}", last_name="Person", company="Acme"))
    store.add_note(ids["Wei"], "Talked about data contracts at PyData.", date=D(2025, 3, 1))
    return ids


@pytest.fixture
def network(store, tmp_path):
    return build_network(store, tmp_path)


def by_name(entries):
    return {e.contact["name"]: e for e in entries}


def test_plan_cites_facts_and_dates_and_news_is_congratulations(store, network):
    entries = planning.build_plan(store, size=5, today=TODAY)
    people = by_name(entries)
    assert set(people) == {"Tomás Ortega", "Priya Raman", "Ana Silva"}  # Wei's note opens no loop
    news = people["Tomás Ortega"]
    assert news.goal == "congratulations" and news.fact.kind == "job_change"
    assert news.fact.date == SECOND
    assert "Director of Product at Initech" in news.reason and "Product Manager at Globex" in news.reason
    assert "2025-04-07" in news.reason
    loop = people["Priya Raman"]
    assert loop.fact.kind == "invited" and loop.goal == "follow-up"
    assert "2025-02-14" in loop.reason and "Ping me in the fall" in loop.reason
    due = people["Ana Silva"]
    assert due.fact.kind == "cadence_due" and "2025-02-19" in due.reason and due.goal == "reconnect"
    assert [e.contact["name"] for e in entries][0] == "Tomás Ortega"  # news outranks the rest
    # the job change is also a dated note, so drafts ground on it
    assert any("Director of Product at Initech" in n.text and n.date == SECOND
               for n in store.get_contact(network["Tomás"]).notes)


def test_plan_size_and_stable_within_week(store, network):
    assert len(planning.build_plan(store, size=2, today=TODAY)) == 2
    monday = [e.public() for e in planning.build_plan(store, size=5, today=D(2025, 4, 7))]
    sunday = [e.public() for e in planning.build_plan(store, size=5, today=D(2025, 4, 13))]
    assert monday == sunday


def test_target_company_goal(store, network):
    store.set_profile(target_companies=["Initech"])
    people = by_name(planning.build_plan(store, size=5, today=TODAY))
    assert people["Wei Chen"].fact.kind == "target_company"
    assert people["Wei Chen"].goal == "informational-interview" and people["Wei Chen"].channel == "email"


def test_sent_removes_and_logs_and_resets_cadence(store, network):
    planning.mark_sent(store, network["Ana"], TODAY, "email", "reconnect", "Hi Ana, how is Hooli?")
    assert "Ana Silva" not in by_name(planning.build_plan(store, size=5, today=TODAY))
    ana = store.get_contact(network["Ana"])
    assert ana.last_contacted == TODAY
    assert [(i.date, i.channel, i.summary) for i in ana.interactions] == [
        (TODAY, "email", "reconnect: Hi Ana, how is Hooli?")]
    # next week she is still not due: the cadence restarted from the message
    assert "Ana Silva" not in by_name(planning.build_plan(store, size=5, today=D(2025, 4, 16)))


def test_snooze_returns_on_the_date(store, network):
    planning.mark_snoozed(store, network["Priya"], TODAY, D(2025, 4, 11))
    assert "Priya Raman" not in by_name(planning.build_plan(store, size=5, today=D(2025, 4, 10)))
    assert "Priya Raman" in by_name(planning.build_plan(store, size=5, today=D(2025, 4, 11)))


def test_skip_not_now_and_not_this_person(store, network):
    planning.mark_skipped(store, network["Priya"], TODAY, "not-now")
    planning.mark_skipped(store, network["Ana"], TODAY, "not-this-person")
    this_week = by_name(planning.build_plan(store, size=5, today=TODAY))
    assert "Priya Raman" not in this_week and "Ana Silva" not in this_week
    next_week = by_name(planning.build_plan(store, size=5, today=D(2025, 4, 14)))
    assert "Priya Raman" in next_week and "Ana Silva" not in next_week
    with pytest.raises(Exception, match="not-this-person or not-now"):
        planning.mark_skipped(store, network["Ana"], TODAY, "bored")


def test_asked_waits_for_the_guidance_delay(store, network):
    store.add_note(network["Wei"], "I asked him for an intro to the data team.", date=D(2025, 4, 8))
    assert "Wei Chen" not in by_name(planning.build_plan(store, size=5, today=TODAY))
    later = by_name(planning.build_plan(store, size=5, today=D(2025, 4, 21)))
    assert later["Wei Chen"].fact.kind == "asked" and "2025-04-08" in later["Wei Chen"].reason


def test_birthdays_anniversaries_and_target_roles_are_reasons_with_their_dates(store, network):
    store.add_contact(Contact(first_name="Lena", last_name="Berg", birthday="--04-10"))
    store.add_contact(Contact(first_name="Omar", last_name="Haddad", birthday="1988-04-13"))
    store.add_contact(Contact(first_name="Ines", last_name="Kohl", birthday="--05-20"))
    store.add_contact(Contact(first_name="Sam", last_name="Otieno", company="Umbrella", title="Staff Data Engineer"))
    store.set_profile(target_roles=["data engineer"])
    people = by_name(planning.build_plan(store, size=10, today=TODAY))
    assert people["Lena Berg"].fact.kind == "birthday" and "2025-04-10" in people["Lena Berg"].reason
    assert people["Omar Haddad"].fact.date == D(2025, 4, 13)
    assert "Ines Kohl" not in people, "a birthday next month is not this week's"
    role = people["Sam Otieno"]
    assert role.fact.kind == "target_role" and role.goal == "informational-interview" and "data engineer" in role.reason
    # a year after the export that showed Tomás's new role, the plan says so
    year_on = planning.build_plan(store, size=10, today=D(2026, 4, 8))
    tomas = by_name(year_on)["Tomás Ortega"]
    assert tomas.fact.kind == "anniversary" and tomas.goal == "congratulations"
    assert "1 year this week since they started as Director of Product at Initech" in tomas.reason
    assert tomas.request().context == "1 year in your role as Director of Product at Initech"


def test_fill_draft_sends_typed_request(store, network):
    entry = by_name(planning.build_plan(store, size=5, today=TODAY))["Tomás Ortega"]
    seen = []
    filled = planning.fill_draft(entry, lambda req: seen.append(req) or {"body": "Congratulations!"})
    assert seen[0].contact_id == network["Tomás"] and seen[0].goal == "congratulations"
    assert seen[0].context == "your new role as Director of Product at Initech", "the new role, not the stored text"
    notes = [n.text for n in store.get_contact(network["Tomás"]).notes]
    assert any("Director of Product at Initech" in n for n in notes), "the drafter reads the job change in the notes"
    assert filled.draft == {"body": "Congratulations!"}


def test_a_failed_draft_leaves_the_rest_of_the_plan_with_its_reason(store, network):
    from coach.core.errors import CoachError

    entries = planning.build_plan(store, size=5, today=TODAY)

    def draft(request):
        if request.contact_id == entries[0].contact["id"]:
            raise CoachError("No draft passed the checks.")
        return {"body": "Hi!"}

    filled = [planning.fill_draft(e, draft) for e in entries]
    assert filled[0].draft is None and filled[0].public()["draft_error"] == "No draft passed the checks."
    assert all(f.draft == {"body": "Hi!"} and f.draft_error is None for f in filled[1:])


def test_cli_plan_json_contract_and_actions(store, network):
    done = run_cli("plan", "--json", "--today", TODAY.isoformat(), "-n", "3")
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert len(out) == 3
    for e in out:
        assert set(e) == {"contact", "reason", "fact", "goal", "channel", "draft", "draft_error"}
        assert set(e["contact"]) == {"id", "name"} and e["draft"] is None
        assert e["fact"]["date"] and e["fact"]["date"] in e["reason"]
    explained = json.loads(run_cli("plan", "--json", "--explain", "--today", TODAY.isoformat()).stdout)
    assert explained[0]["parts"]["job_change"] == planning.WEIGHTS["job_change"]
    tomas = network["Tomás"]
    assert run_cli("plan", "sent", str(tomas), "--channel", "linkedin-message", "--goal", "congratulations",
                   "--today", TODAY.isoformat()).returncode == 0
    after = json.loads(run_cli("plan", "--json", "--today", TODAY.isoformat()).stdout)
    assert tomas not in [e["contact"]["id"] for e in after]
    bad = run_cli("plan", "skip", str(tomas), "--reason", "meh")
    assert bad.returncode == 2 and "not-this-person" in bad.stderr


def test_ics_and_markdown(store, network, tmp_path):
    from icalendar import Calendar

    ics, md = tmp_path / "plan.ics", tmp_path / "plan.md"
    done = run_cli("plan", "--today", TODAY.isoformat(), "-n", "3", "--ics", str(ics), "--markdown", str(md))
    assert done.returncode == 0, done.stderr
    events = Calendar.from_ical(ics.read_bytes()).walk("VEVENT")
    assert len(events) == 3
    assert {str(e["summary"]) for e in events} >= {"Reach out to Tomás Ortega (congratulations, linkedin-message)"}
    assert all(e.walk("VALARM") for e in events)
    assert min(e.decoded("dtstart") for e in events) == TODAY
    digest = md.read_text(encoding="utf-8")
    assert digest.count("\n## ") == 3 and "2025-02-14" in digest and "coach plan sent" in digest
