"""The store on a real PostgreSQL server, started from Debian's packages on loopback for these tests."""

from __future__ import annotations

import glob
import json
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import free_port, run_cli
from tests.fixtures_contacts import write_google, write_linkedin, write_linkedin_big, write_vcard

pytestmark = pytest.mark.integration


def _pg_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    return Path(found[-1]).parent if found else None


def _as_postgres(args: list[str], as_root: bool) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *args] if as_root else args


@pytest.fixture(scope="module")
def postgres_url() -> Iterator[str]:
    bindir = _pg_bin()
    if bindir is None:
        pytest.skip("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb); `make system-deps` installs it")
    as_root = os.geteuid() == 0
    if as_root:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            subprocess.run(["useradd", "--system", "--no-create-home", "postgres"], check=True)
    base = Path(tempfile.mkdtemp(prefix="coach-pg-"))
    data, sockets = base / "data", base / "sock"
    sockets.mkdir()
    if as_root:
        shutil.chown(base, "postgres")
        shutil.chown(sockets, "postgres")
    port = free_port()
    run = {"check": True, "capture_output": True, "text": True, "timeout": 120}
    subprocess.run(_as_postgres([str(bindir / "initdb"), "-D", str(data), "-U", "coach", "--auth=trust",
                                 "--encoding=UTF8", "--no-sync"], as_root), **run)
    options = f"-h 127.0.0.1 -p {port} -k {sockets} -c fsync=off"
    subprocess.run(_as_postgres([str(bindir / "pg_ctl"), "-D", str(data), "-o", options, "-l",
                                 str(base / "server.log"), "-w", "-t", "60", "start"], as_root), **run)
    try:
        yield f"postgresql+psycopg://coach@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(_as_postgres([str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"],
                                    as_root), capture_output=True, timeout=120)
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def pg_store(postgres_url):
    from sqlalchemy import create_engine, text

    from coach.crm.store import Store

    engine = create_engine(postgres_url)
    with engine.begin() as conn:  # each test starts from an empty schema
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    store = Store(postgres_url)
    yield store
    store.close()


def test_import_list_note_and_reimport_on_postgres(pg_store, tmp_path):
    store = pg_store
    assert store.engine.dialect.name == "postgresql"
    linkedin = write_linkedin(tmp_path / "Connections.csv")
    assert store.import_file(linkedin).created == 4
    assert store.import_file(write_vcard(tmp_path / "p.vcf")).created == 1
    assert store.import_file(write_google(tmp_path / "g.csv")).created == 1
    priya = store.resolve_contact("priya raman")
    store.add_note(priya.id, "Asked for a referral, 2024", None)
    again = store.import_file(linkedin)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 4)
    people = {c.name: c for c in store.all_contacts()}
    assert len(people) == 6 and len(people["Priya Raman"].notes) == 3
    assert people["Tomás Ortega"].notes[0].source == "google"  # accent-insensitive merge on PostgreSQL too
    assert [c.name for c in store.find_by_company("northwind labs")] == ["Priya Raman"]


def test_cli_against_postgres(pg_store, postgres_url, tmp_path):
    env = {"COACH_DATABASE_URL": postgres_url}
    path = write_linkedin(tmp_path / "Connections.csv")
    report = json.loads(run_cli("import", str(path), "--json", env=env).stdout)
    assert report["created"] == 4
    listed = json.loads(run_cli("contacts", "list", "--json", env=env).stdout)
    assert [c["name"] for c in listed] == ["Fatima Zahra", "Priya Raman", "Tomás Ortega", "Wei Chen"]
    note = run_cli("contacts", "note", "Wei Chen", "Met at the Lisbon meetup", "--date", "2024-05-01", "--json", env=env)
    assert json.loads(note.stdout)["date"] == "2024-05-01"
    assert json.loads(run_cli("import", str(path), "--json", env=env).stdout)["created"] == 0


def test_two_processes_importing_at_once_on_postgres(pg_store, postgres_url, tmp_path):
    path = write_linkedin_big(tmp_path / "Connections.csv", 1500)
    code = ("import sys, json; from coach.crm.store import Store; "
            "print(Store(sys.argv[1]).import_file(sys.argv[2]).created)")
    procs = [subprocess.Popen([sys.executable, "-c", code, postgres_url, str(path)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [o[1] for o in outs]
    assert sorted(int(o[0]) for o in outs) == [0, 1500]
    assert len(pg_store.list_contacts()) == 1500
