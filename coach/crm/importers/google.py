"""Google Contacts CSV: the current header and the legacy ("Google CSV") one.

Current: `First Name, Middle Name, Last Name, …, Organization Name,
Organization Title, …, Birthday, Notes, …, Labels, E-mail 1 - Label,
E-mail 1 - Value, …`. Legacy: `Name, Given Name, Additional Name, Family Name,
…, Group Membership, E-mail 1 - Type, E-mail 1 - Value, …, Organization 1 -
Name, Organization 1 - Title`. Several values in one cell are joined by
` ::: `; birthdays may have no year (`--07-01`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TextIO

from coach.core.domain import Contact
from coach.crm.importers.records import (
    FieldProblems,
    Row,
    Skip,
    clean_tag,
    is_linkedin,
    normalize_linkedin,
    parse_birthday,
    split_multi,
    split_name,
)
from coach.crm.importers.tabular import RowView, table_contacts

SOURCE = "google"
_SYSTEM_LABELS = {"mycontacts", "starred", "other contacts", "imported on"}
_NUMBERED = re.compile(r"^(e-mail|phone|website|address) (\d+) - (value|formatted|city|country|region)$")


def is_current_header(cols: set[str]) -> bool:
    return {"first name", "last name"} <= cols and bool(
        {"organization name", "e-mail 1 - value", "labels", "middle name"} & cols
    )


def is_legacy_header(cols: set[str]) -> bool:
    return {"given name", "family name"} <= cols and bool(
        {"group membership", "e-mail 1 - value", "e-mail 1 - type", "name"} & cols
    )


def is_header(cols: set[str]) -> bool:
    return is_current_header(cols) or is_legacy_header(cols)


def parse(stream: TextIO, name: str) -> Iterator[Row | Skip]:
    return table_contacts(stream, name, is_header, "Google Contacts (First Name, Last Name, … or Name, Given Name, …)", _contact)


def _numbered(row: RowView, kind: str, part: str = "value") -> list[str]:
    values: list[str] = []
    keys = sorted(
        (int(m.group(2)), k) for k in row.cols if (m := _NUMBERED.match(k)) and m.group(1) == kind
        and m.group(3) == part
    )
    for _, key in keys:
        values.extend(split_multi(row.get(key)))
    return values


def _contact(line: int, row: RowView) -> Row | Skip:
    p = FieldProblems()
    first = p.text(row.first("first name", "given name"), "First Name")
    middle = p.text(row.first("middle name", "additional name"), "Middle Name")
    last = p.text(row.first("last name", "family name"), "Last Name")
    if not (first or last):
        full = p.text(row.first("name", "file as", "nickname"), "Name")
        first, middle, last = split_name(full)
    if not (first or last):
        return Skip(line, "the row has no name (First Name, Last Name or Name)")

    labels = split_multi(row.first("labels", "group membership"))
    tags = []
    for label in labels:
        tag = clean_tag(label.lstrip("*").strip())
        if tag and tag.casefold() not in _SYSTEM_LABELS and not tag.casefold().startswith("imported on"):
            tags.append(tag)

    websites = _numbered(row, "website")
    linkedin = next((normalize_linkedin(w) for w in websites if is_linkedin(w)), "")
    location = _numbered(row, "address", "formatted") or _numbered(row, "address", "city")

    birthday = ""
    raw_birthday = p.text(row.get("birthday"), "Birthday", 40)
    if raw_birthday:
        try:
            birthday = parse_birthday(raw_birthday)
        except ValueError:
            p.items.append(f"Birthday {raw_birthday!r} is not a date; imported the row without it")

    notes = []
    note = p.note(row.get("notes"), SOURCE)
    if note:
        notes.append(note)

    contact = Contact(
        first_name=first,
        middle_name=middle,
        last_name=last,
        company=p.text(row.first("organization name", "organization 1 - name"), "Organization Name"),
        title=p.text(row.first("organization title", "organization 1 - title"), "Organization Title"),
        emails=p.items_list(_numbered(row, "e-mail"), "E-mail"),
        phones=p.items_list(_numbered(row, "phone"), "Phone"),
        linkedin_url=linkedin,
        tags=p.items_list(tags, "Labels"),
        location=p.text(" ".join(location[0].split()) if location else "", "Address"),
        birthday=birthday,
        sources=[SOURCE],
        notes=notes,
    )
    return Row(line, contact, p.items)
