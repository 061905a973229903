"""`coach contacts …`: list, show, add, edit, note, log interactions, who is due, delete and merge."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import typer
from rich.table import Table

from coach.cli import app
from coach.cli.common import JSON_HELP, after_store_change, console, emit, open_store, parse_date
from coach.cli.transfer import write_export
from coach.core.domain import Contact, Interaction
from coach.core.errors import InputError

contacts_app = typer.Typer(help="Your contacts: list, add, show, edit, note, log interactions, who is due.",
                           no_args_is_help=True)
app.add_typer(contacts_app, name="contacts")

DIRECTIONS = ("outbound", "inbound", "both")


def _split_name(name: str) -> dict[str, str]:
    from coach.core.domain import clean_identity
    from coach.crm.importers.records import split_name

    first, middle, last = split_name(clean_identity(name))
    if not first:
        raise InputError("The name is empty once invisible characters are removed: give --name 'First Last'.")
    return {"first_name": first, "middle_name": middle, "last_name": last}


def _summary(c: Contact, notes_count: int) -> dict:
    return {"id": c.id, "name": c.name, "company": c.company, "title": c.title, "email": c.email,
            "tags": c.tags, "last_contacted": c.last_contacted, "notes_count": notes_count}


@contacts_app.command("list")
def list_(
    tag: str | None = typer.Option(None, "--tag", help="Only contacts with this tag."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """List contacts by name."""
    store = open_store()
    counts = store.notes_counts()
    items = [_summary(c, counts.get(c.id, 0)) for c in store.list_contacts()
             if not tag or tag.casefold() in (t.casefold() for t in c.tags)]

    def render(rows) -> None:
        if not rows:
            console.print("No contacts yet: run `coach import Connections.csv` or `coach contacts add --name …`.")
            return
        table = Table("id", "name", "company", "title", "email", "tags", "last contacted", "notes")
        for r in rows:
            table.add_row(str(r["id"]), r["name"], r["company"], r["title"], r["email"], ", ".join(r["tags"]),
                          str(r["last_contacted"] or ""), str(r["notes_count"]))
        console.print(table)

    emit(items, as_json, render)


def _render_contact(c: Contact) -> None:
    console.print(f"[bold]{c.name}[/] (#{c.id})" + (f" — {c.headline()}" if c.headline() else ""))
    fields = [("emails", ", ".join(c.emails)), ("phones", ", ".join(c.phones)), ("LinkedIn", c.linkedin_url),
              ("tags", ", ".join(c.tags)), ("location", c.location), ("how we met", c.how_we_met),
              ("connected on", str(c.connected_on or "")), ("birthday", c.birthday),
              ("cadence", f"every {c.cadence_days} days" if c.cadence_days else ""),
              ("last contacted", str(c.last_contacted or "")), ("sources", ", ".join(c.sources))]
    for label, value in fields:
        if value:
            console.print(f"  {label}: {value}")
    if c.notes:
        table = Table("date", "note", "source", title="Notes")
        for n in c.notes:
            table.add_row(str(n.date or ""), n.text, n.source)
        console.print(table)
    if c.interactions:
        table = Table("date", "channel", "direction", "summary", title="Interactions")
        for i in c.interactions:
            table.add_row(str(i.date), i.channel, i.direction, i.summary)
        console.print(table)


@contacts_app.command("show")
def show(
    who: str = typer.Argument(..., metavar="ID_OR_NAME", help="A contact id or name (fuzzy)."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """One contact with notes and interactions."""
    emit(open_store().resolve_contact(who), as_json, _render_contact)


@contacts_app.command("add")
def add(
    name: str = typer.Option(..., "--name", help="Full name, for example 'Ana López'."),
    company: str = typer.Option("", "--company"),
    title: str = typer.Option("", "--title"),
    email: list[str] = typer.Option([], "--email", help="Repeat for several."),
    phone: list[str] = typer.Option([], "--phone", help="Repeat for several."),
    linkedin: str = typer.Option("", "--linkedin", help="LinkedIn profile URL."),
    tag: list[str] = typer.Option([], "--tag", help="Repeat for several, e.g. --tag mentor."),
    location: str = typer.Option("", "--location"),
    how_we_met: str = typer.Option("", "--how-we-met"),
    note: str | None = typer.Option(None, "--note", help="A first note about this person."),
    cadence: int | None = typer.Option(None, "--cadence", min=1, help="Check in every DAYS days."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Add one contact by hand (what you type is never overwritten by an import)."""
    store = open_store()
    contact = Contact(**_split_name(name), company=company, title=title, emails=email, phones=phone,
                      linkedin_url=linkedin, tags=tag, location=location, how_we_met=how_we_met,
                      cadence_days=cadence)
    existing = store.same_person(contact)
    if existing is not None:
        raise InputError(f"{name} is already contact #{existing}: use `coach contacts edit {existing}` "
                         f"or `coach contacts note {existing} TEXT`.")
    created = store.add_contact(contact)
    if note and note.strip():
        store.add_note(created.id, note)
        created = store.get_contact(created.id)
    after_store_change(store)
    emit(created, as_json, _render_contact)


@contacts_app.command("edit")
def edit(
    who: str = typer.Argument(..., metavar="ID_OR_NAME"),
    name: str | None = typer.Option(None, "--name"),
    company: str | None = typer.Option(None, "--company"),
    title: str | None = typer.Option(None, "--title"),
    email: list[str] | None = typer.Option(None, "--email", help="Replaces the emails; repeat for several."),
    phone: list[str] | None = typer.Option(None, "--phone", help="Replaces the phones; repeat for several."),
    linkedin: str | None = typer.Option(None, "--linkedin"),
    tag: list[str] | None = typer.Option(None, "--tag", help="Replaces the tags; repeat for several."),
    location: str | None = typer.Option(None, "--location"),
    how_we_met: str | None = typer.Option(None, "--how-we-met"),
    cadence: int | None = typer.Option(None, "--cadence", min=0, help="Check in every DAYS days (0 clears it)."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Change a contact's fields; edited fields are yours and imports will not overwrite them."""
    store = open_store()
    contact = store.resolve_contact(who)
    fields: dict = {}
    if name is not None:
        fields.update(_split_name(name))
    for key, value in (("company", company), ("title", title), ("linkedin_url", linkedin),
                       ("location", location), ("how_we_met", how_we_met)):
        if value is not None:
            fields[key] = value
    for key, values in (("emails", email), ("phones", phone), ("tags", tag)):
        if values:
            fields[key] = values
    if cadence is not None:
        fields["cadence_days"] = cadence or None
    if not fields:
        raise InputError("Nothing to change: give at least one option, for example --title 'CTO'.")
    updated = store.update_contact(contact.id, **fields)
    after_store_change(store)
    emit(updated, as_json, _render_contact)


@contacts_app.command("note")
def note(
    who: str = typer.Argument(..., metavar="ID_OR_NAME"),
    text: str = typer.Argument(..., help="What to remember about this person."),
    date: str | None = typer.Option(None, "--date", help="YYYY-MM-DD (default: today)."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Add a note to a contact."""
    when = parse_date(date, "--date")
    store = open_store()
    contact = store.resolve_contact(who)
    saved = store.add_note(contact.id, text, when)
    after_store_change(store)
    emit(saved, as_json, lambda n: console.print(f"Noted for {contact.name} ({n.date}): {n.text}"))


@contacts_app.command("interaction")
def interaction(
    who: str = typer.Argument(..., metavar="ID_OR_NAME"),
    summary: str = typer.Argument("", help="What was said or done."),
    channel: str = typer.Option("other", "--channel", help="email, linkedin, call, meeting, event or other."),
    direction: str = typer.Option("both", "--direction", help="outbound, inbound or both."),
    date: str | None = typer.Option(None, "--date", help="YYYY-MM-DD (default: today)."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Log a conversation or message; it updates when you were last in touch."""
    if direction not in DIRECTIONS:
        raise InputError(f"--direction {direction!r} is not valid: use outbound, inbound or both.")
    when = parse_date(date, "--date") or dt.date.today()
    store = open_store()
    contact = store.resolve_contact(who)
    saved = store.add_interaction(contact.id, Interaction(date=when, channel=channel.strip() or "other",
                                                          direction=direction, summary=summary))
    after_store_change(store)
    emit(saved, as_json, lambda i: console.print(f"Logged {i.channel} ({i.direction}) with {contact.name} on {i.date}."))


@contacts_app.command("due")
def due(
    today: str | None = typer.Option(None, "--today", help="Pretend today is YYYY-MM-DD."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Who is due for a check-in (cadence per contact, or per tag)."""
    items = open_store().due_contacts(parse_date(today, "--today"))

    def render(rows) -> None:
        if not rows:
            console.print("Nobody is due. Set cadences with `coach contacts cadence --tag mentor --days 60`.")
            return
        table = Table("id", "name", "last contacted", "due since")
        for r in rows:
            table.add_row(str(r["id"]), r["name"], str(r["last_contacted"] or "never"), str(r["due_since"]))
        console.print(table)

    emit(items, as_json, render)


@contacts_app.command("cadence")
def cadence(
    tag: str = typer.Option(..., "--tag", help="Tag the cadence applies to, e.g. mentor."),
    days: int = typer.Option(..., "--days", min=1, help="Check in every DAYS days."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Set how often to check in with everyone carrying a tag."""
    store = open_store()
    store.set_tag_cadence(tag, days)
    emit({"tag": tag.strip().lstrip("#"), "days": days}, as_json,
         lambda r: console.print(f"Contacts tagged {r['tag']} are due every {r['days']} days."))


# ------------------------------------------------------------------ delete and merge
def _confirm(question: str, yes: bool) -> None:
    """Ask before a change that cannot be undone; without a terminal, --yes is required."""
    if yes:
        return
    if not sys.stdin.isatty():
        raise InputError(f"{question.rstrip('?')}: this needs confirmation; add --yes (and --export FILE to keep a copy).")
    typer.confirm(question, abort=True)


def _what(c: Contact) -> str:
    parts = [f"{len(c.notes)} note{'s' if len(c.notes) != 1 else ''}",
             f"{len(c.interactions)} interaction{'s' if len(c.interactions) != 1 else ''}"]
    return f"{c.name} (#{c.id}{', ' + c.company if c.company else ''}; {' and '.join(parts)})"


@contacts_app.command("delete")
def delete(
    who: str = typer.Argument(..., metavar="ID_OR_NAME"),
    yes: bool = typer.Option(False, "--yes", "-y", help="Do not ask for confirmation."),
    export_to: Path | None = typer.Option(None, "--export", help="First write this contact to FILE (CSV; "
                                                                  "`coach import FILE` brings it back)."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Delete a contact with their notes and interactions (the search index forgets them too)."""
    store = open_store()
    contact = store.get_contact(store.resolve_contact(who).id)
    _confirm(f"Delete {_what(contact)}?", yes)
    if export_to is not None:
        write_export([contact], export_to, flag="--export")
    store.delete_contact(contact.id)
    after_store_change(store)
    result = {"deleted": _summary(contact, len(contact.notes)),
              "exported": str(export_to.expanduser()) if export_to else None}
    emit(result, as_json, lambda r: console.print(
        f"Deleted {_what(contact)}." + (f" A copy is in {r['exported']}." if r["exported"] else "")))


@contacts_app.command("merge")
def merge(
    keep: str = typer.Argument(..., metavar="KEEP", help="The contact to keep (id or name)."),
    other: str = typer.Argument(..., metavar="OTHER", help="The duplicate folded into KEEP, then deleted."),
    yes: bool = typer.Option(False, "--yes", "-y", help="Do not ask for confirmation."),
    export_to: Path | None = typer.Option(None, "--export", help="First write both contacts to FILE (CSV)."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Merge two contacts: OTHER's notes and interactions move to KEEP, KEEP's empty fields are filled
    from OTHER, emails, phones and tags are joined; then OTHER is deleted."""
    store = open_store()
    first = store.get_contact(store.resolve_contact(keep).id)
    second = store.get_contact(store.resolve_contact(other).id)
    if first.id == second.id:
        raise InputError(f"'{keep}' and '{other}' are the same contact (#{first.id}): give two different ones.")
    _confirm(f"Merge {_what(second)} into {_what(first)}?", yes)
    if export_to is not None:
        write_export([first, second], export_to, flag="--export")
    merged = store.merge_contacts(first.id, second.id)
    after_store_change(store)
    result = {"kept": merged, "merged": _summary(second, len(second.notes)),
              "exported": str(export_to.expanduser()) if export_to else None}

    def render(r) -> None:
        console.print(f"Merged {second.name} (#{second.id}) into #{merged.id}:"
                      + (f" a copy of both is in {r['exported']}." if r["exported"] else ""))
        _render_contact(merged)

    emit(result, as_json, render)
