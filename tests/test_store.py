"""The store: merging, resolving names, cadences, migrations, transactions and concurrency."""

from __future__ import annotations

import datetime as dt
import io
import json
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from coach.core.domain import Contact, Interaction
from coach.core.errors import AmbiguousError, InputError, NotFoundError
from coach.crm.exporters import export
from coach.crm.store import Store
from tests.fixtures_contacts import (
    LINKEDIN_ROWS,
    write_google,
    write_linkedin,
    write_linkedin_big,
    write_markdown_folder,
    write_vcard,
)


def names(store: Store) -> list[str]:
    return [c.name for c in store.list_contacts()]


def test_overlapping_exports_give_one_contact_per_person_with_all_notes(store, tmp_path):
    files = [write_linkedin(tmp_path / "Connections.csv"), write_vcard(tmp_path / "phone.vcf"),
             write_google(tmp_path / "google.csv"), write_markdown_folder(tmp_path / "vault")]
    for path in files:
        store.import_file(path)
    people = {c.name: c for c in store.all_contacts()}
    assert len(people) == len(store.list_contacts())  # no two contacts share a name here
    assert sorted(people) == sorted([
        "Priya Raman", "Tomás Ortega", "Wei Chen", "Fatima Zahra", "Maja Lindqvist", "Hana Mei Sato",
        "Kwame Mensah",
    ])
    priya = people["Priya Raman"]
    assert priya.sources == ["linkedin", "vcard", "google", "markdown"]
    assert len(priya.notes) == 5 and {n.source for n in priya.notes} == {"vcard", "google", "markdown"}
    assert priya.linkedin_url.endswith("/priya-raman-fict") and priya.emails == ["priya.raman@example.com"]
    assert priya.title == "Staff Engineer" and priya.birthday == "--07-01"
    tomas = people["Tomás Ortega"]  # 'Tomas Ortega' at 'Globex Inc.' in Google: accents and suffixes ignored
    assert tomas.notes[0].text.startswith("Knows the hiring manager") and tomas.company == "Globex"
    wei = people["Wei Chen"]  # matched by email, then by LinkedIn URL with a trailing slash
    assert wei.emails == ["wei.chen@example.org", "wei@example.net"]

    revision = store.revision()
    for path in files:
        report = store.import_file(path)
        assert (report.created, report.updated) == (0, 0), path
    assert store.all_contacts() == list(people.values())
    assert store.revision() == revision  # nothing changed, so derived data need not be rebuilt


def test_import_never_overwrites_what_the_user_typed_but_a_newer_export_updates_its_own_fields(store, tmp_path):
    store.import_file(write_linkedin(tmp_path / "old.csv"))
    priya = store.resolve_contact("Priya Raman")
    store.update_contact(priya.id, company="Northwind Labs (Platform team)")
    newer = [list(r) for r in LINKEDIN_ROWS]
    newer[0][4], newer[0][5] = "Contoso", "Principal Engineer"  # Priya changed jobs
    report = store.import_file(write_linkedin(tmp_path / "new.csv", rows=newer))
    assert (report.created, report.updated, report.unchanged) == (0, 1, 3)
    priya = store.get_contact(priya.id)
    assert priya.company == "Northwind Labs (Platform team)"  # typed by the user: kept
    assert priya.title == "Principal Engineer"  # set by LinkedIn before: updated by LinkedIn
    store.import_file(write_google(tmp_path / "g.csv"))
    assert store.get_contact(priya.id).title == "Principal Engineer"  # another source does not overwrite


def test_notes_accumulate_and_never_duplicate(store, tmp_path):
    c = store.add_contact(Contact(first_name="Lena", last_name="Novak"))
    store.add_note(c.id, "Likes  trail running", dt.date(2024, 1, 1))
    store.add_note(c.id, "likes trail running")  # same note, other spacing and case
    store.add_note(c.id, "Has two kids")
    assert [n.text for n in store.get_contact(c.id).notes] == ["Likes  trail running", "Has two kids"]
    with pytest.raises(InputError):
        store.add_note(c.id, "   ")


def test_resolve_contact_by_id_exact_accent_insensitive_near_and_ambiguous(store):
    ana = store.add_contact(Contact(first_name="Ana", middle_name="María", last_name="López", company="Acme"))
    store.add_contact(Contact(first_name="Ana", last_name="Lopes", company="Globex"))
    store.add_contact(Contact(first_name="Bartholomew", last_name="Quince", company="Initech"))
    assert store.resolve_contact(str(ana.id)).id == ana.id
    assert store.resolve_contact("ana maria lopez").id == ana.id
    assert store.resolve_contact("ANA LÓPEZ").id == ana.id  # first + last, no middle name
    with pytest.raises(NotFoundError, match=r"Did you mean Bartholomew Quince, Initech \(#3\)\?"):
        store.resolve_contact("Bartholomew Quinse")  # a near name is offered, never chosen (issue 26)
    with pytest.raises(AmbiguousError) as info:
        store.resolve_contact("Ana")
    assert "Acme" in str(info.value) and "Globex" in str(info.value) and len(info.value.candidates) == 2
    with pytest.raises(NotFoundError, match="coach contacts list"):
        store.resolve_contact("Zebediah")
    with pytest.raises(NotFoundError):
        store.get_contact(999)


def test_find_by_company_ignores_case_accents_and_suffixes(store):
    store.add_contact(Contact(first_name="A", last_name="One", company="Société Générale SA"))
    store.add_contact(Contact(first_name="B", last_name="Two", company="societe generale"))
    store.add_contact(Contact(first_name="C", last_name="Three", company="Other"))
    assert sorted(c.name for c in store.find_by_company("SOCIETE GÉNÉRALE")) == ["A One", "B Two"]


def test_interactions_update_last_contacted_only_when_newer(store):
    c = store.add_contact(Contact(first_name="Sam", last_name="Ode"))
    store.add_interaction(c.id, Interaction(date=dt.date(2024, 5, 1), channel="email", direction="outbound"))
    store.add_interaction(c.id, Interaction(date=dt.date(2024, 1, 1), channel="call"))
    got = store.get_contact(c.id)
    assert got.last_contacted == dt.date(2024, 5, 1) and len(got.interactions) == 2


def test_due_contacts_by_contact_and_tag_cadence(store):
    mentor = store.add_contact(Contact(first_name="Mo", last_name="Mentor", tags=["Mentor"]))
    weekly = store.add_contact(Contact(first_name="Wy", last_name="Weekly", cadence_days=7, tags=["mentor"]))
    store.add_contact(Contact(first_name="No", last_name="Cadence"))
    store.add_interaction(mentor.id, Interaction(date=dt.date(2024, 1, 1)))
    store.add_interaction(weekly.id, Interaction(date=dt.date(2024, 2, 20)))
    assert store.due_contacts(dt.date(2024, 2, 25)) == []
    store.set_tag_cadence("mentor", 60)
    due = store.due_contacts(dt.date(2024, 3, 5))
    assert due == [  # the contact's own cadence wins over its tag's; most overdue first
        {"id": weekly.id, "name": "Wy Weekly", "last_contacted": dt.date(2024, 2, 20), "due_since": dt.date(2024, 2, 27)},
        {"id": mentor.id, "name": "Mo Mentor", "last_contacted": dt.date(2024, 1, 1), "due_since": dt.date(2024, 3, 1)},
    ]


def test_profile_round_trip(store):
    assert store.get_profile().name == ""
    store.set_profile(name="Sam Doe", target_companies=["Acme", "Globex"])
    profile = store.set_profile(headline="Data engineer")
    assert (profile.name, profile.headline, profile.target_companies) == ("Sam Doe", "Data engineer", ["Acme", "Globex"])


def test_revision_bumps_on_every_write_and_only_then(store, tmp_path):
    r0 = store.revision()
    c = store.add_contact(Contact(first_name="R", last_name="Ev"))
    r1 = store.revision()
    store.list_contacts(), store.all_contacts(), store.due_contacts()
    assert store.revision() == r1 > r0
    store.add_note(c.id, "n")
    store.update_contact(c.id, title="T")
    assert store.revision() == r1 + 2


@pytest.mark.parametrize("fmt", ["csv", "vcard"])
def test_export_then_import_reproduces_contacts_and_notes(store, tmp_path, fmt, settings):
    for path in (write_linkedin(tmp_path / "l.csv"), write_vcard(tmp_path / "p.vcf"), write_google(tmp_path / "g.csv")):
        store.import_file(path)
    c = store.resolve_contact("Wei Chen")
    store.add_interaction(c.id, Interaction(date=dt.date(2024, 6, 1), channel="call", summary="Caught up, 30 min"))
    store.update_contact(c.id, how_we_met="Hackathon, 2019\nthe one in Lisbon", cadence_days=30)
    store.set_profile(name="unused")
    buf = io.StringIO()
    assert export(store.all_contacts(), buf, fmt) == len(store.list_contacts())
    out = tmp_path / f"export.{fmt}"
    out.write_text(buf.getvalue(), encoding="utf-8")

    other = Store(f"sqlite:///{tmp_path / 'other.db'}")
    report = other.import_file(out)
    assert report.created == len(store.list_contacts()) and report.skipped == []

    def strip(contacts):
        return [c.model_dump(exclude={"id"}) | {
            "notes": [n.model_dump(exclude={"id", "contact_id"}) for n in c.notes],
            "interactions": [i.model_dump(exclude={"id", "contact_id"}) for i in c.interactions],
            "field_sources": c.field_sources} for c in contacts]

    assert strip(other.all_contacts()) == strip(store.all_contacts())
    assert other.import_file(out).created == 0
    other.close()


def test_migrations_upgrade_keeps_existing_data(tmp_path):
    """A store created by the first schema and holding data upgrades to head without loss."""
    from alembic import command
    from alembic.config import Config

    import coach.crm.migrations

    url = f"sqlite:///{tmp_path / 'old.db'}"
    config = Config()
    config.set_main_option("script_location", str(Path(coach.crm.migrations.__file__).parent))
    engine = create_engine(url)
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
        conn.execute(text("INSERT INTO contacts (id, first_name, last_name, emails, phones, tags, sources, "
                          "field_sources, name_key) VALUES (1, 'Old', 'Friend', '[\"o@example.com\"]', '[]', "
                          "'[]', '[\"manual\"]', '{}', 'old friend')"))
        conn.execute(text("INSERT INTO notes (contact_id, text, text_hash) VALUES (1, 'from v1', 'h')"))
        conn.execute(text("INSERT INTO interactions (contact_id, date, channel, direction, summary) "
                          "VALUES (1, '2023-04-05', 'email', 'both', 'hi')"))
    engine.dispose()
    store = Store(url)
    friend = store.get_contact(1)
    assert (friend.name, friend.emails, [n.text for n in friend.notes]) == ("Old Friend", ["o@example.com"], ["from v1"])
    assert friend.last_contacted == dt.date(2023, 4, 5)  # back-filled by revision 0002
    assert store.revision() >= 1
    store.close()


def test_bad_database_url_is_a_configuration_error():
    from coach.core.errors import ConfigurationError

    with pytest.raises(ConfigurationError, match="COACH_DATABASE_URL"):
        Store("nosuchdriver://x/y")
    with pytest.raises(ConfigurationError, match="Cannot open the store"):
        Store("sqlite:////proc/forbidden/dir/coach.db")


def _import_cmd(path, home) -> list[str]:
    return [sys.executable, "-m", "coach.cli", "import", str(path), "--json"]


def test_two_processes_importing_at_once_leave_a_consistent_store(store, tmp_path, coach_home):
    path = write_linkedin_big(tmp_path / "Connections.csv", 2000)
    procs = [subprocess.Popen(_import_cmd(path, coach_home), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) for _ in range(2)]
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [o[1] for o in outs]
    created = sorted(json.loads(o[0])["created"] for o in outs)
    assert created == [0, 2000]
    assert len(store.list_contacts()) == 2000
    with sqlite3.connect(coach_home / "coach.db") as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert db.execute("SELECT COUNT(DISTINCT linkedin_url) FROM contacts").fetchone() == (2000,)


@pytest.mark.slow
def test_killing_an_import_half_way_leaves_the_store_as_it_was(store, tmp_path, coach_home):
    store.add_contact(Contact(first_name="Before", last_name="Kill"))
    path = write_linkedin_big(tmp_path / "Connections.csv", 30_000)
    proc = subprocess.Popen(_import_cmd(path, coach_home), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wal = coach_home / "coach.db-wal"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if wal.exists() and wal.stat().st_size > 1024 * 1024:  # the import is writing pages
            break
        time.sleep(0.02)
    assert proc.poll() is None, "the import finished before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with sqlite3.connect(coach_home / "coach.db") as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert db.execute("SELECT COUNT(*) FROM contacts").fetchone()[0] == 1
    assert names(store) == ["Before Kill"]
    assert store.import_file(path).created == 30_000  # and the store still works


def test_the_store_knows_the_newest_migration_and_opens_without_alembic_when_there(tmp_path):
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    import coach.crm.migrations
    from coach.crm.migrations import HEAD

    config = Config()
    config.set_main_option("script_location", str(Path(coach.crm.migrations.__file__).parent))
    assert ScriptDirectory.from_config(config).get_current_head() == HEAD

    url = f"sqlite:///{tmp_path / 'coach.db'}"
    Store(url).close()  # a new store: migrated by Alembic
    probe = ("import sys; from coach.crm.store import Store; Store(sys.argv[1]).close(); "
             "print(sorted(m for m in sys.modules if m.split('.')[0] == 'alembic'))")
    done = subprocess.run([sys.executable, "-c", probe, url], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
