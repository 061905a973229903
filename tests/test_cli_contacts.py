"""The command-line contract for import, contacts, profile and export (real `coach` processes)."""

from __future__ import annotations

import json
from contextlib import contextmanager

import pytest

from tests.conftest import run_cli, run_cli_process
from tests.fixtures_contacts import write_google, write_linkedin, write_linkedin_big, write_vcard


def ok(*args: str) -> object:
    result = run_cli(*args)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout) if "--json" in args else result.stdout


def fails(*args: str, code: int = 2) -> str:
    result = run_cli(*args)
    assert result.returncode == code, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_import_list_show_and_reimport(tmp_path):
    path = write_linkedin(tmp_path / "Connections.csv")
    report = ok("import", str(path), "--json")
    assert report == {"file": str(path), "format": "linkedin", "created": 4, "updated": 0, "unchanged": 0,
                      "skipped": [], "possible_duplicates": []}
    assert ok("import", str(write_vcard(tmp_path / "p.vcf")), "--format", "vcard", "--json")["updated"] == 2
    listed = ok("contacts", "list", "--json")
    assert [c["name"] for c in listed] == ["Fatima Zahra", "Maja Lindqvist", "Priya Raman", "Tomás Ortega", "Wei Chen"]
    assert set(listed[0]) == {"id", "name", "company", "title", "email", "tags", "last_contacted", "notes_count"}
    priya = next(c for c in listed if c["name"] == "Priya Raman")
    assert priya["notes_count"] == 1 and priya["email"] == "priya.raman@example.com"
    shown = ok("contacts", "show", "priya", "--json")
    assert shown["notes"][0]["text"].startswith("Mentored me") and shown["company"] == "Northwind Labs"
    assert ok("import", str(path), "--json")["created"] == 0
    human = run_cli("contacts", "list", env={"COLUMNS": "200"}).stdout
    assert "Priya Raman" in human and "Northwind Labs" in human


def test_add_note_interaction_edit_due_and_cadence():
    added = ok("contacts", "add", "--name", "Lena Novak", "--company", "Contoso", "--email", "lena@example.com",
               "--tag", "mentor", "--note", "Met at the data meetup", "--cadence", "30", "--json")
    assert added["name"] == "Lena Novak" and added["cadence_days"] == 30 and len(added["notes"]) == 1
    message = fails("contacts", "add", "--name", "Lena Novak", "--email", "LENA@example.com")
    assert "already contact #" in message
    note = ok("contacts", "note", "lena", "Coffee next month", "--date", "2024-03-12", "--json")
    assert note["text"] == "Coffee next month" and note["date"] == "2024-03-12"
    logged = ok("contacts", "interaction", "Lena Novak", "Asked about the team", "--channel", "email",
                "--direction", "outbound", "--date", "2024-04-01", "--json")
    assert logged["channel"] == "email" and logged["direction"] == "outbound"
    edited = ok("contacts", "edit", str(added["id"]), "--title", "CTO", "--json")
    assert edited["title"] == "CTO" and edited["last_contacted"] == "2024-04-01"
    assert ok("contacts", "due", "--today", "2024-04-20", "--json") == []
    due = ok("contacts", "due", "--today", "2024-05-02", "--json")
    assert due == [{"id": added["id"], "name": "Lena Novak", "last_contacted": "2024-04-01", "due_since": "2024-05-01"}]
    assert ok("contacts", "cadence", "--tag", "mentor", "--days", "60", "--json") == {"tag": "mentor", "days": 60}


@pytest.mark.parametrize("args, expected", [
    (("contacts", "note", "1", "x", "--date", "2024-13-45"), "is not a date"),
    (("contacts", "show", "Nobody Here"), "No contact matches 'Nobody Here'"),
    (("contacts", "interaction", "1", "--direction", "sideways"), "--direction"),
    (("import", "/does/not/exist.csv"), "does not exist"),
    (("export", "--format", "xml"), "Unknown export format"),
])
def test_bad_input_is_one_sentence_and_exit_2(args, expected):
    ok("contacts", "add", "--name", "Only Person", "--json")
    assert expected in fails(*args)


def test_unrecognised_file_writes_nothing(tmp_path):
    ok("import", str(write_linkedin(tmp_path / "Connections.csv")), "--json")
    bad = tmp_path / "bank.csv"
    bad.write_text("date,amount\n2024-01-01,3.50\n", encoding="utf-8")
    assert "not a recognised contacts export" in fails("import", str(bad), "--json")
    binary = tmp_path / "photo.vcf"
    binary.write_bytes(bytes(range(256)) * 8)
    assert "not a text file" in fails("import", str(binary))
    assert len(ok("contacts", "list", "--json")) == 4


def test_profile_set_and_show():
    ok("profile", "set", "--name", "Sam Doe", "--headline", "Data engineer", "--target-companies", "Acme",
       "--target-companies", "Globex", "--target-roles", "Staff Engineer", "--json")
    assert ok("profile", "set", "--goals", "Move into platform work", "--json")["name"] == "Sam Doe"
    shown = ok("profile", "show", "--json")
    assert shown == {"name": "Sam Doe", "headline": "Data engineer", "goals": "Move into platform work",
                     "target_companies": ["Acme", "Globex"], "target_roles": ["Staff Engineer"]}
    assert "Nothing to set" in fails("profile", "set")


@pytest.mark.parametrize("fmt", ["csv", "vcard"])
def test_export_to_stdout_and_file_reimports_identically(tmp_path, fmt, coach_home):
    ok("import", str(write_linkedin(tmp_path / "Connections.csv")), "--json")
    ok("import", str(write_google(tmp_path / "google.csv")), "--json")
    ok("contacts", "note", "Wei Chen", "Owes me a book, with a comma", "--date", "2024-02-02", "--json")
    stdout = run_cli_process("export", "--format", fmt).stdout  # the bytes a shell redirect would keep
    out = tmp_path / f"all.{fmt}"
    result = run_cli("export", "--format", fmt, "--out", str(out))
    assert result.returncode == 0 and out.read_text(encoding="utf-8") == stdout
    before = ok("contacts", "list", "--json")
    fresh = {"COACH_HOME": str(tmp_path / "fresh-home")}
    imported = run_cli("import", str(out), "--json", env=fresh)
    assert json.loads(imported.stdout)["created"] == len(before)
    after = json.loads(run_cli("contacts", "list", "--json", env=fresh).stdout)
    assert [{k: v for k, v in c.items() if k != "id"} for c in after] == \
        [{k: v for k, v in c.items() if k != "id"} for c in before]


def test_progress_bar_for_long_imports_not_with_json(tmp_path, monkeypatch):
    """Imports over ~500 rows show a progress bar on stderr (advanced to the file size); --json hides it."""
    import typer.testing

    from coach.cli import _register, app
    from coach.cli import transfer as cli

    _register()
    calls: list[dict] = []

    @contextmanager
    def recording(description, total, enabled=True):
        seen = {"description": description, "total": total, "enabled": enabled, "advanced": 0}
        calls.append(seen)

        def advance(n=1, total=None):
            seen["advanced"] += n

        yield advance

    monkeypatch.setattr(cli, "progress", recording)
    runner = typer.testing.CliRunner()
    big = write_linkedin_big(tmp_path / "Connections.csv", 2000)
    small = write_linkedin(tmp_path / "small.csv")
    assert runner.invoke(app, ["import", str(big)]).exit_code == 0
    assert runner.invoke(app, ["import", str(big), "--json"]).exit_code == 0
    assert runner.invoke(app, ["import", str(small)]).exit_code == 0
    size = big.stat().st_size
    assert calls[0] == {"description": "Importing Connections.csv", "total": size, "enabled": True, "advanced": size}
    assert calls[1]["enabled"] is False and calls[2]["enabled"] is False
