"""Outlook's contacts CSV, and LinkedIn's export in Outlook's layout.

`Title, First Name, Middle Name, Last Name, Suffix, Company, Department, Job Title,
Business Street, …, Mobile Phone, …, Birthday, Categories, …, E-mail Address,
E-mail Type, E-mail Display Name, E-mail 2 Address, …, Notes, …, Web Page`: the layout
Outlook writes and LinkedIn offered for years. Categories are separated by `;`,
an empty birthday is written `0/0/00`, and an Exchange mailbox may stand where an
email address should (`/o=ExchangeLabs/…`; the hygiene step reports it). Detection
tries this layout before Google's, whose current header shares `First Name, Middle Name`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TextIO

from coach.core.domain import Contact
from coach.crm.importers.records import (
    FieldProblems,
    Row,
    Skip,
    clean_tag,
    fallback_name,
    is_linkedin,
    normalize_linkedin,
    parse_birthday,
)
from coach.crm.importers.tabular import RowView, table_contacts

SOURCE = "outlook"
EMAIL_COLUMNS = ("e-mail address", "e-mail 2 address", "e-mail 3 address")
PHONE_COLUMNS = ("mobile phone", "business phone", "business phone 2", "home phone", "home phone 2",
                 "primary phone", "company main phone", "other phone", "car phone", "assistant's phone")
_EMPTY_DATES = {"0/0/00", "0/0/0000", "00/00/00", "1/1/1601"}


def is_header(cols: set[str]) -> bool:
    return {"first name", "last name", "e-mail address"} <= cols and bool(
        {"job title", "e-mail display name", "e-mail 2 address", "business phone", "mobile phone"} & cols
    ) and "e-mail 1 - value" not in cols


def parse(stream: TextIO, name: str) -> Iterator[Row | Skip]:
    return table_contacts(stream, name, is_header, "Outlook (First Name, Last Name, …, E-mail Address)", _contact)


def _contact(line: int, row: RowView) -> Row | Skip:
    p = FieldProblems()
    company = p.text(row.get("company"), "Company")
    contact = Contact(
        first_name=p.text(row.get("first name"), "First Name"),
        middle_name=p.text(row.get("middle name"), "Middle Name"),
        last_name=p.text(row.get("last name"), "Last Name"),
        company=company,
        title=p.text(row.get("job title"), "Job Title"),
        emails=p.items_list([row.get(c) for c in EMAIL_COLUMNS], "E-mail Address"),
        phones=p.items_list([row.get(c) for c in PHONE_COLUMNS], "Phone"),
        tags=p.items_list([clean_tag(t) for t in row.get("categories").split(";")], "Categories"),
        location=p.text(", ".join(x for x in (row.first("business city", "home city"),
                                             row.first("business country/region", "home country/region"))
                                   if x.strip()), "City"),
        sources=[SOURCE],
    )
    web = row.get("web page").strip()
    if is_linkedin(web):
        contact.linkedin_url = normalize_linkedin(web)
    raw_birthday = p.text(row.get("birthday"), "Birthday", 40)
    if raw_birthday and raw_birthday not in _EMPTY_DATES:
        try:
            contact.birthday = parse_birthday(raw_birthday)
        except ValueError:
            p.items.append(f"Birthday {raw_birthday!r} is not a date; imported the row without it")
    note = p.note(row.get("notes"), SOURCE)
    if note:
        contact.notes = [note]
    if not (contact.first_name or contact.last_name):
        named = fallback_name(contact, SOURCE, p.text(row.get("nickname"), "Nickname"), company)
        if not named:
            return Skip(line, "the row has no name (First Name, Last Name, Company or E-mail Address)")
        p.items.append(named)
    return Row(line, contact, p.items)
