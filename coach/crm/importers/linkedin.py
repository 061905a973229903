"""LinkedIn `Connections.csv`, as LinkedIn really exports it.

A `Notes:` preamble comes before the header, the file may start with a BOM
and use CRLF, most emails are empty, `Connected On` reads `12 Mar 2024` (or
`7-Feb-22` in older files), and older exports have no `URL` column.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TextIO

from coach.core.domain import Contact
from coach.crm.importers.records import FieldProblems, Row, Skip, normalize_linkedin
from coach.crm.importers.tabular import RowView, table_contacts

SOURCE = "linkedin"


def is_header(cols: set[str]) -> bool:
    return {"first name", "last name"} <= cols and (
        "connected on" in cols or {"company", "position"} <= cols
    ) and "organization name" not in cols and "e-mail 1 - value" not in cols


def parse(stream: TextIO, name: str) -> Iterator[Row | Skip]:
    return table_contacts(stream, name, is_header, "LinkedIn (First Name, Last Name, …, Connected On)", _contact)


def _contact(line: int, row: RowView) -> Row | Skip:
    p = FieldProblems()
    first = p.text(row.get("first name"), "First Name")
    last = p.text(row.get("last name"), "Last Name")
    if not (first or last):
        return Skip(line, "the row has no First Name or Last Name")
    url = row.get("url").strip()
    linkedin = normalize_linkedin(url)
    if url and not linkedin:
        p.items.append(f"URL {url[:60]!r} is not a LinkedIn profile address; imported the row without it")
    email = p.text(row.first("email address", "e-mail address"), "Email Address")
    contact = Contact(
        first_name=first,
        last_name=last,
        company=p.text(row.get("company"), "Company"),
        title=p.text(row.get("position"), "Position"),
        emails=[email] if email else [],
        linkedin_url=linkedin,
        connected_on=p.date(row.get("connected on"), "Connected On"),
        sources=[SOURCE],
    )
    return Row(line, contact, p.items)
