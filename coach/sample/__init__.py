"""A small fictional network shipped with the project, so a first-time user sees a real draft at once.

`Connections.csv` is a LinkedIn export, `notes/` holds Markdown notes (how we
met, tags, dated notes that make good hooks), `interactions.csv` the last
conversations (dated relative to today, so the charts never go stale) and
`profile.yaml` the sample user. Every person and company is made up.
"""

from __future__ import annotations

import csv
import datetime as dt
from importlib import resources
from pathlib import Path

import yaml

from coach.domain import Interaction
from coach.errors import InputError
from coach.importers import ImportReport


def sample_dir() -> Path:
    return Path(str(resources.files("coach.sample")))


def load_sample(store, today: dt.date | None = None) -> list[ImportReport]:
    """Import the sample network into an empty store; returns the import reports (LinkedIn, then notes)."""
    if store.list_contacts():
        raise InputError("The sample network only loads into an empty store; your own contacts are already here.")
    folder = sample_dir()
    today = today or dt.date.today()
    reports = [store.import_file(folder / "Connections.csv", "linkedin"),
               store.import_file(folder / "notes", "markdown")]
    profile = yaml.safe_load((folder / "profile.yaml").read_text(encoding="utf-8"))
    for tag, days in (profile.pop("tag_cadences", None) or {}).items():
        store.set_tag_cadence(tag, int(days))
    store.set_profile(**profile)
    with (folder / "interactions.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            contact = store.resolve_contact(row["name"])
            store.add_interaction(contact.id, Interaction(
                date=today - dt.timedelta(days=int(row["days_ago"])), channel=row["channel"],
                direction=row["direction"], summary=row["summary"]))
    return reports
