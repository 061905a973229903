"""LinkedIn's `Imported Contacts.csv`: the address book the user once uploaded to LinkedIn.

`Source, FirstName, LastName, Companies, Title, Emails, PhoneNumbers, CreatedAt,
Addresses, Sites, InstantMessageHandles, FullName, Birthday, Location, BookmarkedAt,
Profiles` (camel-case, unlike Connections.csv). A cell may hold several emails or
phones separated by commas; `FullName` stands in when the name columns are empty.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TextIO

from coach.core.domain import Contact
from coach.crm.importers.records import (
    FieldProblems,
    Row,
    Skip,
    fallback_name,
    is_linkedin,
    normalize_linkedin,
    parse_birthday,
    split_name,
)
from coach.crm.importers.tabular import RowView, table_contacts

SOURCE = "linkedin-contacts"


def is_header(cols: set[str]) -> bool:
    return {"firstname", "lastname", "emails"} <= cols and bool({"phonenumbers", "companies", "fullname"} & cols)


def parse(stream: TextIO, name: str) -> Iterator[Row | Skip]:
    return table_contacts(stream, name, is_header, "LinkedIn Imported Contacts (FirstName, LastName, Emails, …)", _contact)


def _values(cell: str) -> list[str]:
    """Several emails or phones in one cell, separated by commas, semicolons or ' ::: '."""
    return [v.strip() for part in cell.replace(":::", ",").replace(";", ",").split(",") if (v := part.strip())]


def _contact(line: int, row: RowView) -> Row | Skip:
    p = FieldProblems()
    first = p.text(row.get("firstname"), "FirstName")
    last = p.text(row.get("lastname"), "LastName")
    middle = ""
    if not (first or last):
        first, middle, last = split_name(p.text(row.get("fullname"), "FullName"))
    companies = _values(row.get("companies"))
    links = _values(row.get("profiles")) + _values(row.get("sites"))
    contact = Contact(
        first_name=first, middle_name=middle, last_name=last,
        company=p.text(companies[0] if companies else "", "Companies"),
        title=p.text(row.get("title"), "Title"),
        emails=p.items_list(_values(row.get("emails")), "Emails"),
        phones=p.items_list(_values(row.get("phonenumbers")), "PhoneNumbers"),
        linkedin_url=next((normalize_linkedin(u) for u in links if is_linkedin(u)), ""),
        location=p.text(row.get("location"), "Location"),
        sources=[SOURCE],
    )
    raw_birthday = p.text(row.get("birthday"), "Birthday", 40)
    if raw_birthday:
        try:
            contact.birthday = parse_birthday(raw_birthday)
        except ValueError:
            p.items.append(f"Birthday {raw_birthday!r} is not a date; imported the row without it")
    if not (contact.first_name or contact.last_name):
        named = fallback_name(contact, SOURCE, organisation=contact.company)
        if not named:
            return Skip(line, "the row has no name (FirstName, LastName, FullName, Companies or Emails)")
        p.items.append(named)
    return Row(line, contact, p.items)
