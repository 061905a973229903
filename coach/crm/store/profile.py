"""The user's own profile, one row."""

from __future__ import annotations

from typing import Any

from coach.core.domain import Profile
from coach.core.errors import InputError
from coach.crm.store.database import Database
from coach.crm.tables import ProfileRow


class Profiles(Database):
    """The user's profile, read and set field by field."""

    def get_profile(self) -> Profile:
        with self._read() as s:
            row = s.get(ProfileRow, 1)
            return Profile.model_validate(row, from_attributes=True) if row else Profile()

    def set_profile(self, **fields: Any) -> Profile:
        allowed = set(Profile.model_fields)
        unknown = sorted(set(fields) - allowed)
        if unknown:
            raise InputError(f"Unknown profile field {', '.join(unknown)}: use {', '.join(sorted(allowed))}.")
        with self._write() as s:
            row = s.get(ProfileRow, 1) or ProfileRow(id=1, name="", headline="", goals="",
                                                     target_companies=[], target_roles=[])
            given = {k: list(v) if isinstance(v, list | tuple) else v for k, v in fields.items() if v is not None}
            for key, value in Profile(**given).model_dump(include=set(given)).items():  # cleaned as the model does
                setattr(row, key, value)
            s.add(row)
        return self.get_profile()
