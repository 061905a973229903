"""Exports a user can open in a spreadsheet safely and restore from completely (issue 16, items 3 and 9)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

from coach.core.domain import Contact, Interaction, Note
from coach.crm.exporters import export
from coach.crm.store import Store
from tests.conftest import run_cli

HOSTILE = {
    "company": '=HYPERLINK("http://evil.example","x")',
    "title": "-2+3",
    "location": "@SUM(1+1)*cmd|' /C calc'!A0",
    "how_we_met": "+cmd|' /C notepad'!A0",
    "phones": ["+1 555 0100"],
    "tags": ["=1+1", "mentor"],
    "emails": ["'=already.quoted@example.com"],
}
SPREADSHEET_LEADS = ("=", "+", "-", "@", "\t", "\r")


def _hostile_contact() -> Contact:
    return Contact(first_name="Ana", last_name="López", **HOSTILE,
                   notes=[Note(text="=cmd|' /C calc'!A0", date=dt.date(2024, 3, 12))],
                   interactions=[Interaction(date=dt.date(2024, 3, 1), channel="email", summary="@mention")])


def test_csv_export_escapes_formula_leads_and_reimport_restores_the_stored_text(store: Store, tmp_path):
    store.add_contact(_hostile_contact())
    out = io.StringIO()
    assert export(store.all_contacts(), out, "csv") == 1
    header, row = list(csv.reader(io.StringIO(out.getvalue())))
    cells = dict(zip(header, row, strict=True))
    leading = {k: v for k, v in cells.items() if v.startswith(SPREADSHEET_LEADS)}
    assert leading == {}, f"cells a spreadsheet would run as formulas: {leading}"
    assert cells["company"] == "'" + HOSTILE["company"]  # OWASP: one single quote in front
    assert cells["emails"] == "''=already.quoted@example.com"  # a quote the user typed is kept apart from ours
    assert cells["first_name"] == "Ana"  # nothing else changes
    stored = store.all_contacts()[0]
    assert stored.company == HOSTILE["company"]  # the export never touches what is stored

    path = tmp_path / "export.csv"
    path.write_text(out.getvalue(), encoding="utf-8", newline="")
    fresh = Store(f"sqlite:///{tmp_path / 'fresh.db'}")
    report = fresh.import_file(path)
    assert (report.format, report.created, report.skipped) == ("coach", 1, [])
    back = fresh.all_contacts()[0]
    for field, value in HOSTILE.items():
        assert getattr(back, field) == value, field
    assert back.notes[0].text == "=cmd|' /C calc'!A0" and back.interactions[0].summary == "@mention"


def _without_ids(value):
    if isinstance(value, dict):
        return {k: _without_ids(v) for k, v in value.items() if k not in ("id", "contact_id")}
    if isinstance(value, list):
        return [_without_ids(v) for v in value]
    return value


def test_json_export_wipe_import_restores_contacts_profile_and_tag_cadences(tmp_path, coach_home):
    def ok(*args: str, home=coach_home) -> str:
        result = run_cli(*args, env={"COACH_HOME": str(home)})
        assert result.returncode == 0, result.stderr
        return result.stdout

    ok("contacts", "add", "--name", "Lena Novak", "--company", "Contoso", "--email", "lena@example.com",
       "--tag", "mentor", "--note", "Met at the data meetup", "--cadence", "30")
    ok("contacts", "add", "--name", "Kwame Mensah", "--tag", "investor", "--tag", "mentor")
    ok("contacts", "interaction", "Kwame", "Intro call", "--date", "2024-01-05", "--channel", "call")
    ok("profile", "set", "--name", "Sam Reyes", "--headline", "Product manager", "--goals", "a PM role in fintech",
       "--target-companies", "Northwind", "--target-companies", "Globex")
    ok("contacts", "cadence", "--tag", "mentor", "--days", "60")
    ok("contacts", "cadence", "--tag", "investor", "--days", "90")
    before = {"contacts": json.loads(ok("contacts", "list", "--json")),
              "kwame": json.loads(ok("contacts", "show", "Kwame", "--json")),
              "profile": json.loads(ok("profile", "show", "--json")),
              "due": json.loads(ok("contacts", "due", "--today", "2030-01-01", "--json"))}
    backup = tmp_path / "backup.json"
    ok("export", "--format", "json", "--out", str(backup))

    fresh = tmp_path / "fresh-home"  # the wipe: a new, empty COACH_HOME
    report = json.loads(ok("import", str(backup), "--json", home=fresh))
    assert (report["format"], report["created"]) == ("json", 2)
    assert any(r.startswith("profile") for r in report["restored"])
    assert any("mentor: 60 days" in r and "investor: 90 days" in r for r in report["restored"])
    after = {"contacts": json.loads(ok("contacts", "list", "--json", home=fresh)),
             "kwame": json.loads(ok("contacts", "show", "Kwame", "--json", home=fresh)),
             "profile": json.loads(ok("profile", "show", "--json", home=fresh)),
             "due": json.loads(ok("contacts", "due", "--today", "2030-01-01", "--json", home=fresh))}
    assert _without_ids(after) == _without_ids(before)  # ids are the store's own; everything else comes back
    assert after["profile"]["target_companies"] == ["Northwind", "Globex"]

    again = json.loads(ok("import", str(backup), "--json", home=fresh))  # idempotent, restores nothing twice
    assert (again["created"], again["updated"], again.get("restored", [])) == (0, 0, [])
