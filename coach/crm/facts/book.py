"""The facts table: each contact's facts kept in the store, re-extracted when notes change, fixed by the user.

Re-extraction never overwrites what the user touched: an edited, confirmed, pinned or hidden fact stays as
they left it, and the span it came from is not extracted again (see `coach.crm.facts.kinds.merge`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import delete, select

from coach.core.errors import InputError, NotFoundError
from coach.crm.facts.kinds import KINDS, Fact, merge
from coach.crm.facts.rules import extract_rules as extract
from coach.crm.tables import FactRow

_FIELDS = ("kind", "phrase", "date", "source", "company", "project", "event", "place", "work", "title", "years", "past", "confirmed", "pinned", "hidden",
           "edited", "origin")


def _model(row: FactRow) -> Fact:
    return Fact(id=row.id, contact_id=row.contact_id, **{k: getattr(row, k) for k in _FIELDS})


def _rows(s, contact_id: int) -> list[FactRow]:
    return list(s.scalars(select(FactRow).where(FactRow.contact_id == contact_id).order_by(FactRow.id)))


def sync(store: Any, contact_id: int, today: dt.date | None = None, model: Any = None) -> list[Fact]:
    """Re-extract one contact's facts from its fields and notes (by a capable `model`'s structured output when
    one is given, else by rules); return them all (hidden ones too)."""
    contact = store.get_contact(contact_id)
    me = store.get_profile().name  # an assistant's notes call the user by name
    if model is not None:
        from coach.crm.facts.extract import extract_with_model

        extracted = extract_with_model(model, contact, today, me=me)
    else:
        extracted = extract(contact, today, me=me)
    with store._write() as s:
        rows = _rows(s, contact_id)
        stored = [_model(r) for r in rows]
        keep, add, drop = merge(stored, extracted)
        dropped = {f.id for f in drop}
        if not add and not dropped:
            s.info["unchanged"] = True
        for row in rows:
            if row.id in dropped:
                s.delete(row)
        for fact in add:
            s.add(FactRow(contact_id=contact_id, **{k: getattr(fact, k) for k in _FIELDS}))
        s.flush()
        return [_model(r) for r in _rows(s, contact_id)]


def facts(store: Any, contact_id: int) -> list[Fact]:
    """The contact's facts, re-read from the notes as they are now (a write only when something changed)."""
    return sync(store, contact_id)


def update(store: Any, fact_id: int, **fields: Any) -> Fact:
    """Edit, pin, hide or confirm one fact; an edit marks it the user's own."""
    if "kind" in fields and fields["kind"] not in KINDS:
        raise InputError(f"Unknown kind '{fields['kind']}': use one of {', '.join(KINDS)}.")
    with store._write() as s:
        row = s.get(FactRow, fact_id)
        if row is None:
            raise NotFoundError(f"No fact with id {fact_id}: run `coach contacts facts NAME` to see the ids.")
        for key, value in fields.items():
            setattr(row, key, value)
        if "phrase" in fields:
            if not str(fields["phrase"]).strip():
                raise InputError("The fact is empty; give the words a draft may use.")
            row.edited = True
            row.confirmed = True
        s.flush()
        return _model(row)


def add(store: Any, contact_id: int, phrase: str, kind: str = "met-at", date: dt.date | None = None) -> Fact:
    """A fact the user wrote in one line: confirmed and theirs."""
    if kind not in KINDS:
        raise InputError(f"Unknown kind '{kind}': use one of {', '.join(KINDS)}.")
    if not phrase.strip():
        raise InputError("The fact is empty; give the words a draft may use.")
    store.get_contact(contact_id)  # NotFoundError names the id
    with store._write() as s:
        row = FactRow(contact_id=contact_id, kind=kind, phrase=" ".join(phrase.split()), date=date,
                      source="user", confirmed=True, edited=True, origin="")
        s.add(row)
        s.flush()
        return _model(row)


def forget(store: Any, contact_id: int) -> None:
    """Drop a contact's untouched facts (they are extracted again when next asked for)."""
    with store._write() as s:
        s.execute(delete(FactRow).where(FactRow.contact_id == contact_id, FactRow.edited.is_(False)))
