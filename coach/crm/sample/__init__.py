"""A small fictional network in its own demo workspace, so a first-time user sees a real draft at once.

`Connections.csv` is a LinkedIn export, `notes/` holds Markdown notes (how we
met, tags, dated notes that make good hooks), `interactions.csv` the last
conversations (dated relative to today, so the charts never go stale) and
`cadences.yaml` the check-in cadence per tag. Every person and company is made up.

The sample never enters the user's own store. It lives in a workspace of its
own under `COACH_HOME/sample/<id>/` (its own SQLite file and embedded index,
whatever COACH_DATABASE_URL and COACH_CHROMA_URL say), so the user's contacts,
profile and index are never written by it, a real "Marcus Lee" can never be
merged with the sample's, and removing it deletes that folder and nothing else.
The workspace has no profile of its own: its store reads the user's, so drafts
to sample people are signed with the user's name (or a neutral sign-off).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import shutil
import threading
import uuid
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from coach.core.domain import Interaction, Profile
from coach.core.errors import InputError
from coach.core.files import write_whole
from coach.crm.importers import ImportReport
from coach.crm.store import Store

if TYPE_CHECKING:
    from coach.config.settings import Settings

FOLDER = "sample"
MARKER = "workspace.json"
_WORKSPACE_ID = re.compile(r"^[0-9a-f]{12}$")
_OPEN: dict[str, SampleStore] = {}
_LOCK = threading.Lock()


class SampleStore(Store):
    """The demo workspace's store: its own SQLite file; the profile is the user's own, read from their store."""

    def __init__(self, url: str, owner: Store | None = None):
        super().__init__(url)
        self.owner = owner
        self.sample = True

    def get_profile(self) -> Profile:
        return self.owner.get_profile() if self.owner is not None else Profile()

    def set_profile(self, **fields: Any) -> Profile:
        if self.owner is None:
            raise InputError("The sample network has no profile of its own: set yours with `coach profile set`.")
        return self.owner.set_profile(**fields)


def sample_dir() -> Path:
    return Path(str(resources.files("coach.crm.sample")))


def root(settings: Settings) -> Path:
    return settings.home / FOLDER


def workspace(settings: Settings) -> Settings | None:
    """The demo workspace's settings (own home, SQLite and embedded index), or None when no sample is loaded."""
    try:
        ident = json.loads((root(settings) / MARKER).read_text(encoding="utf-8"))["id"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    home = root(settings) / str(ident)
    if not _WORKSPACE_ID.match(str(ident)) or not home.is_dir():
        return None
    return settings.model_copy(update={"home": home, "database_url": None, "chroma_url": None})


def open_store(ws: Settings, owner: Store | None = None) -> SampleStore:
    """The workspace's store, opened once per process."""
    url = ws.sqlalchemy_url
    with _LOCK:
        store = _OPEN.get(url)
        if store is None:
            store = _OPEN[url] = SampleStore(url, owner)
        elif owner is not None:
            store.owner = owner
        return store


def create(settings: Settings, owner: Store | None = None,
           today: dt.date | None = None) -> tuple[Settings, SampleStore, list[ImportReport]]:
    """Make the demo workspace and load the sample network into it; the marker is written last, so a
    failed load leaves nothing behind. Refused when a sample is already loaded."""
    if workspace(settings) is not None:
        raise InputError(f"The sample network is already loaded (in {root(settings)}); remove it first with "
                         "`coach sample remove` or the app's 'Remove the sample' button.")
    folder = root(settings)
    ident = uuid.uuid4().hex[:12]
    home = folder / ident
    home.mkdir(parents=True)
    ws = settings.model_copy(update={"home": home, "database_url": None, "chroma_url": None})
    store = open_store(ws, owner)
    try:
        reports = load_sample(store, today)
        write_whole(folder / MARKER,
                    json.dumps({"id": ident, "created": dt.datetime.now().isoformat(timespec="seconds")}))
    except BaseException:
        _close(ws.sqlalchemy_url)
        shutil.rmtree(home, ignore_errors=True)
        raise
    return ws, store, reports


def remove(settings: Settings) -> bool:
    """Delete the demo workspace (and only it); False when there was none. The user's store is never opened."""
    folder = root(settings)
    if not folder.is_dir():
        return False
    entries = [p for p in folder.iterdir() if p.name not in (MARKER, MARKER + ".part")]
    strangers = [p.name for p in entries if not (p.is_dir() and _WORKSPACE_ID.match(p.name))]
    if strangers:  # never delete what the coach did not put there
        raise InputError(f"{folder} holds files the coach did not create ({', '.join(sorted(strangers)[:3])}); "
                         "move them elsewhere, then remove the sample again.")
    for entry in entries:
        _close(settings.model_copy(update={"home": entry, "database_url": None}).sqlalchemy_url)
    shutil.rmtree(folder)
    return True


def _close(url: str) -> None:
    with _LOCK:
        store = _OPEN.pop(url, None)
    if store is not None:
        store.close()


def load_sample(store: Store, today: dt.date | None = None) -> list[ImportReport]:
    """Import the sample network into an empty store (the demo workspace's); returns the import reports
    (LinkedIn, then notes). It writes contacts, notes, interactions and tag cadences, never a profile."""
    if store.list_contacts():
        raise InputError("The sample network only loads into an empty store; your own contacts are already here.")
    folder = sample_dir()
    today = today or dt.date.today()
    reports = [store.import_file(folder / "Connections.csv", "linkedin"),
               store.import_file(folder / "notes", "markdown")]
    cadences = yaml.safe_load((folder / "cadences.yaml").read_text(encoding="utf-8")) or {}
    for tag, days in cadences.items():
        store.set_tag_cadence(tag, int(days))
    with (folder / "interactions.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            contact = store.resolve_contact(row["name"])
            store.add_interaction(contact.id, Interaction(
                date=today - dt.timedelta(days=int(row["days_ago"])), channel=row["channel"],
                direction=row["direction"], summary=row["summary"]))
    return reports
