"""Everything the coach writes is its owner's only: COACH_HOME 0700, every file 0600, from the first write
(issue 29); an existing home left open by an older version is tightened, with one line saying so."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from coach.core.files import private_home, write_whole
from tests.conftest import run_cli


@contextmanager
def open_umask() -> Iterator[None]:
    """A permissive umask (022), as most accounts have: the coach must not rely on the user's."""
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def _loose(root: Path) -> list[str]:
    """Every folder not 0700 and every file with any bit for group or others, with its mode."""
    found = []
    for folder, _dirs, files in os.walk(root):
        if stat.S_IMODE(os.stat(folder).st_mode) != 0o700:
            found.append(f"{folder} {oct(stat.S_IMODE(os.stat(folder).st_mode))}")
        for name in files:
            path = Path(folder, name)
            if not path.is_symlink() and stat.S_IMODE(path.stat().st_mode) & 0o077:
                found.append(f"{path} {oct(stat.S_IMODE(path.stat().st_mode))}")
    return found


def test_a_fresh_home_and_every_file_the_coach_writes_are_private(tmp_path, coach_home):
    exported = tmp_path / "elsewhere" / "contacts.csv"
    exported.parent.mkdir()

    def ok(*args: str) -> str:
        result = run_cli(*args, env={"COACH_HOME": str(coach_home)}, timeout=300)
        assert result.returncode == 0, result.stderr
        return result.stdout

    with open_umask():
        ok("contacts", "add", "--name", "Lena Novak", "--company", "Contoso", "--note", "Met at the data meetup")
        ok("contacts", "note", "Lena", "She moved to the payments team")
        ok("index")
        ok("search", "payments team")  # the query cache holds the user's queries in plain text
        ok("export", "--out", str(coach_home / "exports" / "contacts.json"), "--format", "json")
        ok("export", "--out", str(exported))
        ok("backup", "create")
    written = sorted(p.relative_to(coach_home).as_posix() for p in coach_home.rglob("*") if p.is_file())
    assert "coach.db" in written and any(p.startswith("chroma/") for p in written), written
    assert any(p.startswith("backups/") for p in written), written
    assert _loose(coach_home) == []
    assert stat.S_IMODE(exported.stat().st_mode) == 0o600


def test_an_open_home_is_tightened_once_with_a_notice(coach_home):
    coach_home.mkdir(mode=0o755)
    os.chmod(coach_home, 0o755)
    notes = coach_home / "notes.txt"
    notes.write_text("private", encoding="utf-8")
    os.chmod(notes, 0o644)
    with open_umask():
        result = run_cli("contacts", "list", env={"COACH_HOME": str(coach_home)}, timeout=120)
    assert result.returncode == 0, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(coach_home) in lines[0] and "private" in lines[0], result.stderr
    assert _loose(coach_home) == []
    with open_umask():
        again = run_cli("contacts", "list", env={"COACH_HOME": str(coach_home)}, timeout=120)
    assert again.returncode == 0 and again.stderr == ""  # said once, not on every command


def test_write_whole_is_private_before_its_first_byte(tmp_path):
    said = []
    home = private_home(tmp_path / "home", notice=said.append)
    with open_umask():
        write_whole(home / "cache.json", "{}")
    assert stat.S_IMODE(home.stat().st_mode) == 0o700 and said == []
    assert stat.S_IMODE((home / "cache.json").stat().st_mode) == 0o600
