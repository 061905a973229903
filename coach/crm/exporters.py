"""No lock-in: write every contact, with notes and history, back out as CSV or vCard.

CSV is the coach's own lossless format (`coach.crm.importers.native`), safe to open in a
spreadsheet: a cell that would run as a formula (=, +, -, @, tab, CR first) gets a leading
single quote, which the importer strips again, so the stored text never changes. vCard 3.0
is what phones and address books read, with X-COACH-* properties and note
parameters carrying what vCard has no place for. Importing either export
gives back the same contacts and notes. JSON (`coach.crm.importers.backup`) is the full
backup: every contact plus the user's profile and the per-tag cadences, so that export,
a fresh COACH_HOME and import give back everything.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping
from typing import TextIO

import vobject

from coach.core.domain import Contact, Profile
from coach.core.errors import InputError
from coach.crm.importers import backup
from coach.crm.importers.native import COLUMNS, LIST_COLUMNS, escape_cell

FORMATS = ("csv", "vcard", "json")


def export(contacts: Iterable[Contact], out: TextIO, fmt: str = "csv", profile: Profile | None = None,
           tag_cadences: Mapping[str, int] | None = None) -> int:
    """Write `contacts` to `out` (JSON also the profile and tag cadences); returns how many were written."""
    if fmt == "csv":
        return write_csv(contacts, out)
    if fmt == "vcard":
        return write_vcard(contacts, out)
    if fmt == "json":
        return write_json(contacts, out, profile or Profile(), tag_cadences or {})
    raise InputError(f"Unknown export format {fmt!r}: use {', '.join(FORMATS)}.")


def write_json(contacts: Iterable[Contact], out: TextIO, profile: Profile, tag_cadences: Mapping[str, int]) -> int:
    """The full backup, one contact per line: {"format", "version", "profile", "tag_cadences", "contacts"}."""
    def dumps(value: object) -> str:
        return json.dumps(value, ensure_ascii=False, sort_keys=False)

    out.write(f'{{"format": {dumps(backup.MARKER)}, "version": {backup.VERSION},\n')
    out.write(f' "profile": {dumps(profile.model_dump(mode="json"))},\n')
    out.write(f' "tag_cadences": {dumps(dict(sorted(tag_cadences.items())))},\n')
    out.write(' "contacts": [')
    count = 0
    for c in contacts:
        record = c.model_dump(mode="json", exclude={"id", "name"})
        record["field_sources"] = dict(c.field_sources)
        for child in (*record["notes"], *record["interactions"]):
            child.pop("id", None)
            child.pop("contact_id", None)
        out.write(("," if count else "") + "\n  " + dumps(record))
        count += 1
    out.write("\n]}\n")
    return count


def write_csv(contacts: Iterable[Contact], out: TextIO) -> int:
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    count = 0
    for c in contacts:
        row = []
        for column in COLUMNS:
            value = getattr(c, column)
            if column in LIST_COLUMNS:
                value = " ::: ".join(value)
            elif column == "field_sources":
                value = json.dumps(c.field_sources, ensure_ascii=False, sort_keys=True)
            elif column == "notes":
                value = json.dumps([n.model_dump(mode="json", exclude={"id", "contact_id"}) for n in c.notes],
                                   ensure_ascii=False) if c.notes else ""
            elif column == "interactions":
                value = json.dumps([i.model_dump(mode="json", exclude={"id", "contact_id"})
                                    for i in c.interactions], ensure_ascii=False) if c.interactions else ""
            if value is None:
                value = ""
            elif hasattr(value, "isoformat"):
                value = value.isoformat()
            row.append(escape_cell(value) if isinstance(value, str) else value)
        writer.writerow(row)
        count += 1
    return count


def to_vcard(c: Contact) -> str:
    card = vobject.vCard()
    card.add("n").value = vobject.vcard.Name(family=c.last_name, given=c.first_name, additional=c.middle_name)
    card.add("fn").value = c.name
    if c.company:
        card.add("org").value = [c.company]
    if c.title:
        card.add("title").value = c.title
    for email in c.emails:
        line = card.add("email")
        line.value = email
        line.type_param = "INTERNET"
    for phone in c.phones:
        card.add("tel").value = phone
    if c.linkedin_url:
        card.add("url").value = c.linkedin_url
    if c.tags:
        card.add("categories").value = list(c.tags)
    if c.birthday:
        card.add("bday").value = c.birthday
    if c.location:
        card.add("x-coach-location").value = c.location
    for note in c.notes:
        line = card.add("note")
        line.value = note.text
        if note.date:
            line.params["X-COACH-DATE"] = [note.date.isoformat()]
        line.params["X-COACH-SOURCE"] = [note.source]
    extras = {
        "x-coach-how-we-met": c.how_we_met,
        "x-coach-connected-on": c.connected_on.isoformat() if c.connected_on else "",
        "x-coach-last-contacted": c.last_contacted.isoformat() if c.last_contacted else "",
        "x-coach-cadence-days": str(c.cadence_days) if c.cadence_days else "",
        "x-coach-sources": ",".join(c.sources),
        "x-coach-field-sources": json.dumps(c.field_sources, sort_keys=True) if c.field_sources else "",
    }
    for key, value in extras.items():
        if value:
            card.add(key).value = value
    for item in c.interactions:
        line = card.add("x-coach-interaction")
        line.value = item.summary
        line.params.update({"X-COACH-DATE": [item.date.isoformat()], "X-COACH-CHANNEL": [item.channel],
                            "X-COACH-DIRECTION": [item.direction]})
    return card.serialize()


def write_vcard(contacts: Iterable[Contact], out: TextIO) -> int:
    count = 0
    for c in contacts:
        out.write(to_vcard(c))
        count += 1
    return count
