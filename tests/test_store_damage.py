"""A damaged store is named in one sentence with the way back, never reported healthy and never silently
replaced by an empty one; rolling backups bring every contact back (issue 29)."""

from __future__ import annotations

import json
import os
import random
import sqlite3
from pathlib import Path

import pytest

from coach.config.settings import load_settings
from coach.core.domain import Contact
from coach.crm import backups
from coach.crm.store import Store
from tests.conftest import run_cli_process

NAMES = ["Lena Novak", "Kwame Mensah", "Zoë Müller", "Priya Raman"]


def _ok(home: Path, *args: str) -> str:
    result = run_cli_process(*args, env={"COACH_HOME": str(home)}, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout


def _filled(home: Path) -> Path:
    for name in NAMES:
        _ok(home, "contacts", "add", "--name", name, "--note", f"Met {name.split()[0]} at the data meetup " * 40)
    _ok(home, "backup", "create")
    store = home / "coach.db"
    conn = sqlite3.connect(store)  # fold the write-ahead log into the file, as a clean shutdown does
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    assert store.exists() and not (home / "coach.db-wal").exists()
    return store


def _truncate(store: Path) -> None:
    with store.open("r+b") as fh:
        fh.truncate(store.stat().st_size // 2)


def _scramble_header(store: Path) -> None:
    with store.open("r+b") as fh:
        fh.write(random.Random(1).randbytes(100))


def _scramble_pages(store: Path) -> None:
    page = 4096
    noise = random.Random(2)
    with store.open("r+b") as fh:
        for n in range(1, store.stat().st_size // page):  # every page but the first (the header) damaged
            fh.seek(n * page + 8)
            fh.write(noise.randbytes(page - 16))


DAMAGE = {"truncated": _truncate, "scrambled header": _scramble_header, "scrambled pages": _scramble_pages,
          "deleted": lambda store: store.unlink(), "emptied": lambda store: store.write_bytes(b"")}


@pytest.mark.parametrize("kind", list(DAMAGE))
def test_each_damage_is_one_sentence_naming_restore_and_restore_brings_every_contact_back(kind, coach_home):
    store = _filled(coach_home)
    DAMAGE[kind](store)
    damaged_bytes = store.read_bytes() if store.exists() else None
    for args in (["contacts", "list"], ["contacts", "add", "--name", "Nobody New"], ["search", "meetup"]):
        result = run_cli_process(*args, env={"COACH_HOME": str(coach_home)}, timeout=120)
        lines = result.stderr.strip().splitlines()
        assert result.returncode == 2 and len(lines) == 1, (args, result.stderr)
        assert "coach backup restore" in lines[0] and "Unexpected" not in lines[0], lines[0]
        assert str(store) in lines[0]
    # nothing replaced it: no new empty store where the damaged (or missing) one was
    assert (store.read_bytes() if store.exists() else None) == damaged_bytes

    report = json.loads(_ok(coach_home, "backup", "restore", "--yes", "--json"))
    assert report["contacts"] == len(NAMES)
    if damaged_bytes is not None:
        assert Path(report["kept_aside"]).read_bytes() == damaged_bytes  # the damaged file is kept, not deleted
    listed = json.loads(_ok(coach_home, "contacts", "list", "--json"))
    assert sorted(c["name"] for c in listed) == sorted(NAMES)


def test_restore_without_yes_refuses_when_nobody_can_answer(coach_home):
    store = _filled(coach_home)
    _truncate(store)
    result = run_cli_process("backup", "restore", env={"COACH_HOME": str(coach_home)}, timeout=120)
    assert result.returncode == 2 and "--yes" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_doctor_reports_a_damaged_store_as_failed(coach_home):
    store = _filled(coach_home)
    settings = load_settings()
    from coach.doctor import run_doctor

    healthy = run_doctor(settings, only=["database"])
    assert healthy["database"]["ok"] and "quick_check ok" in healthy["database"]["detail"]
    _scramble_pages(store)
    report = run_doctor(settings, only=["database"])
    assert not report["ok"] and not report["database"]["ok"]
    assert "coach backup restore" in report["database"]["detail"]


@pytest.mark.slow
def test_coach_doctor_exits_non_zero_on_a_damaged_store(coach_home):
    store = _filled(coach_home)
    _truncate(store)
    result = run_cli_process("doctor", "--json", env={"COACH_HOME": str(coach_home)}, timeout=300)
    assert result.returncode != 0
    assert json.loads(result.stdout)["database"]["ok"] is False


def test_a_backup_is_made_before_each_import_merge_and_delete_and_the_newest_are_kept(coach_home, tmp_path):
    settings = load_settings()
    settings.ensure_home()
    store = Store(settings.sqlalchemy_url)
    ids = [store.add_contact(Contact(first_name=n.split()[0], last_name=n.split()[1])).id for n in NAMES]
    before = len(backups.list_backups(store.file))
    store.delete_contact(ids[0])
    store.merge_contacts(ids[1], ids[2])
    export = tmp_path / "contacts.vcf"
    export.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Ada Lovelace\nN:Lovelace;Ada;;;\nEND:VCARD\n", encoding="utf-8")
    store.import_file(export)
    made = backups.list_backups(store.file)
    assert [b.reason for b in made[:3]] == ["import", "merge", "delete"] and len(made) == before + 3
    with sqlite3.connect(made[1].path) as conn:  # the merge's backup holds both people, as they were
        assert conn.execute("SELECT count(*) FROM contacts").fetchone()[0] == len(NAMES) - 1
    for _ in range(backups.KEEP + 2):
        store.backup("manual")
    assert len(backups.list_backups(store.file)) == backups.KEEP
    assert all(os.stat(b.path).st_mode & 0o077 == 0 for b in backups.list_backups(store.file))
    store.close()


def test_postgresql_is_told_in_one_sentence_that_file_backups_are_for_sqlite(coach_home):
    result = run_cli_process("backup", "list", env={"COACH_HOME": str(coach_home),
                                            "COACH_DATABASE_URL": "postgresql+psycopg://coach@127.0.0.1:9/coach"})
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1
    assert "PostgreSQL" in result.stderr and "SQLite" in result.stderr
