"""The store: contacts, notes, interactions and the user's profile — the only source of truth.

`Store` is one object with one database (database.py: the engine, migrations, backups and the write
transaction); each concern it answers for lives in its own module: contacts.py, notes.py (and
interactions), profile.py, plans.py (keeping in touch and the weekly plan) and imports.py.
"""

from __future__ import annotations

from coach.crm.store.contacts import Contacts
from coach.crm.store.imports import Imports
from coach.crm.store.notes import Notes
from coach.crm.store.plans import Plans
from coach.crm.store.profile import Profiles


class Store(Contacts, Notes, Profiles, Plans, Imports):
    """The contacts store: open it with `Store.open(settings)` (once per process) or `Store(url)`."""
