"""`coach import`, `coach contacts …`, `coach profile …` and `coach export`: the personal CRM."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import typer
from rich.table import Table

from coach.cli import app
from coach.cli.common import JSON_HELP, console, emit, progress, settings
from coach.core.domain import Contact, Interaction
from coach.core.errors import InputError

contacts_app = typer.Typer(help="Your contacts: list, add, show, edit, note, log interactions, who is due.",
                           no_args_is_help=True)
profile_app = typer.Typer(help="Your own profile, used when drafting messages.", no_args_is_help=True)
app.add_typer(contacts_app, name="contacts")
app.add_typer(profile_app, name="profile")

PROGRESS_MIN_BYTES = 64 * 1024  # about 500 LinkedIn rows
DIRECTIONS = ("outbound", "inbound", "both")


def _store():
    from coach.crm.store import Store

    cfg = settings()
    cfg.ensure_home()
    return Store.open(cfg)


def _changed(store) -> None:
    from coach.cli.common import after_store_change

    after_store_change(store)


def _date(value: str | None, flag: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise InputError(f"{flag} {value!r} is not a date: use YYYY-MM-DD, for example 2024-03-12.") from None


def _split_name(name: str) -> dict[str, str]:
    from coach.core.domain import clean_identity
    from coach.crm.importers.records import split_name

    first, middle, last = split_name(clean_identity(name))
    if not first:
        raise InputError("The name is empty once invisible characters are removed: give --name 'First Last'.")
    return {"first_name": first, "middle_name": middle, "last_name": last}


# ------------------------------------------------------------------ import
@app.command("import")
def import_(
    path: Path = typer.Argument(..., help="A LinkedIn Connections.csv or Imported Contacts.csv, a Google or Outlook contacts CSV, .vcf, Markdown file or folder, or a coach export."),
    fmt: str = typer.Option("auto", "--format", help="auto (detect from the content), linkedin, linkedin-contacts, outlook, google, vcard, markdown, coach or json."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Import contacts; re-importing updates and never duplicates. One transaction: a failure writes nothing.
    People who only share a name with a contact are kept apart and listed as possible duplicates."""
    store = _store()
    size = path.stat().st_size if path.is_file() else 0
    with progress(f"Importing {path.name}", total=size or None,
                  enabled=not as_json and size >= PROGRESS_MIN_BYTES) as advance:
        report = store.import_file(path, fmt, progress=lambda n: advance(n))
    if report.created or report.updated:
        _changed(store)

    def render(r) -> None:
        console.print(f"Imported [bold]{r.file}[/] ({r.format}): {r.created} created, {r.updated} updated, "
                      f"{r.unchanged} unchanged, {len(r.skipped)} row problem(s).")
        if r.restored:
            console.print(f"Restored {'; '.join(r.restored)}.")
        if r.skipped:
            table = Table("line", "problem")
            for s in r.skipped[:50]:
                table.add_row(str(s.line), s.reason)
            console.print(table)
            if len(r.skipped) > 50:
                console.print(f"… and {len(r.skipped) - 50} more (use --json for all).")
        if r.possible_duplicates:
            n = len(r.possible_duplicates)
            console.print(f"{n} possible duplicate{'s' if n != 1 else ''}: review, and join any that are one "
                          "person with `coach contacts merge KEEP OTHER`.")
            table = Table("id", "name", "resembles", "why kept apart")
            for d in r.possible_duplicates[:50]:
                table.add_row(str(d.id), d.name, ", ".join(f"#{m}" for m in d.matches), d.reason)
            console.print(table)

    emit(report, as_json, render)


# ------------------------------------------------------------------ contacts
def _summary(c: Contact, notes_count: int) -> dict:
    return {"id": c.id, "name": c.name, "company": c.company, "title": c.title, "email": c.email,
            "tags": c.tags, "last_contacted": c.last_contacted, "notes_count": notes_count}


@contacts_app.command("list")
def list_(
    tag: str | None = typer.Option(None, "--tag", help="Only contacts with this tag."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """List contacts by name."""
    store = _store()
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
    emit(_store().resolve_contact(who), as_json, _render_contact)


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
    store = _store()
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
    _changed(store)
    emit(created, as_json, _render_contact)


def _linkedin(url: str) -> str:
    from coach.crm.importers.records import normalize_linkedin

    return normalize_linkedin(url) or url


def _record(c: Contact) -> dict:
    from coach.crm.importers.merge import company_key, name_key

    return {"linkedin_url": c.linkedin_url, "emails": c.emails, "first_name": c.first_name,
            "last_name": c.last_name, "name_key": name_key(c.first_name, c.middle_name, c.last_name),
            "company_key": company_key(c.company)}


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
    store = _store()
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
    _changed(store)
    emit(updated, as_json, _render_contact)


@contacts_app.command("note")
def note(
    who: str = typer.Argument(..., metavar="ID_OR_NAME"),
    text: str = typer.Argument(..., help="What to remember about this person."),
    date: str | None = typer.Option(None, "--date", help="YYYY-MM-DD (default: today)."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Add a note to a contact."""
    when = _date(date, "--date")
    store = _store()
    contact = store.resolve_contact(who)
    saved = store.add_note(contact.id, text, when)
    _changed(store)
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
    when = _date(date, "--date") or dt.date.today()
    store = _store()
    contact = store.resolve_contact(who)
    saved = store.add_interaction(contact.id, Interaction(date=when, channel=channel.strip() or "other",
                                                          direction=direction, summary=summary))
    _changed(store)
    emit(saved, as_json, lambda i: console.print(f"Logged {i.channel} ({i.direction}) with {contact.name} on {i.date}."))


@contacts_app.command("due")
def due(
    today: str | None = typer.Option(None, "--today", help="Pretend today is YYYY-MM-DD."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Who is due for a check-in (cadence per contact, or per tag)."""
    items = _store().due_contacts(_date(today, "--today"))

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
    store = _store()
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
    store = _store()
    contact = store.get_contact(store.resolve_contact(who).id)
    _confirm(f"Delete {_what(contact)}?", yes)
    if export_to is not None:
        _write_export([contact], export_to, flag="--export")
    store.delete_contact(contact.id)
    _changed(store)
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
    store = _store()
    first = store.get_contact(store.resolve_contact(keep).id)
    second = store.get_contact(store.resolve_contact(other).id)
    if first.id == second.id:
        raise InputError(f"'{keep}' and '{other}' are the same contact (#{first.id}): give two different ones.")
    _confirm(f"Merge {_what(second)} into {_what(first)}?", yes)
    if export_to is not None:
        _write_export([first, second], export_to, flag="--export")
    merged = store.merge_contacts(first.id, second.id)
    _changed(store)
    result = {"kept": merged, "merged": _summary(second, len(second.notes)),
              "exported": str(export_to.expanduser()) if export_to else None}

    def render(r) -> None:
        console.print(f"Merged {second.name} (#{second.id}) into #{merged.id}:"
                      + (f" a copy of both is in {r['exported']}." if r["exported"] else ""))
        _render_contact(merged)

    emit(result, as_json, render)


# ------------------------------------------------------------------ profile
def _render_profile(p) -> None:
    console.print(f"[bold]{p.name or '(no name yet)'}[/]" + (f" — {p.headline}" if p.headline else ""))
    if p.goals:
        console.print(f"  goals: {p.goals}")
    if p.target_companies:
        console.print(f"  target companies: {', '.join(p.target_companies)}")
    if p.target_roles:
        console.print(f"  target roles: {', '.join(p.target_roles)}")


@profile_app.command("set")
def profile_set(
    name: str | None = typer.Option(None, "--name"),
    headline: str | None = typer.Option(None, "--headline"),
    goals: str | None = typer.Option(None, "--goals"),
    target_companies: list[str] | None = typer.Option(None, "--target-companies", help="Repeat for several."),
    target_roles: list[str] | None = typer.Option(None, "--target-roles", help="Repeat for several."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Set your name, headline, goals and targets (only the options given change)."""
    fields = {"name": name, "headline": headline, "goals": goals,
              "target_companies": target_companies or None, "target_roles": target_roles or None}
    fields = {k: v for k, v in fields.items() if v is not None}
    if not fields:
        raise InputError("Nothing to set: give --name, --headline, --goals, --target-companies or --target-roles.")
    emit(_store().set_profile(**fields), as_json, _render_profile)


@profile_app.command("show")
def profile_show(as_json: bool = typer.Option(False, "--json", help=JSON_HELP)) -> None:
    """Show your profile."""
    emit(_store().get_profile(), as_json, _render_profile)


# ------------------------------------------------------------------ export
@app.command("export")
def export(
    fmt: str = typer.Option("csv", "--format", help="csv (lossless, re-importable, spreadsheet-safe), vcard "
                                                     "(address books) or json (full backup: also your profile "
                                                     "and tag cadences)."),
    out: Path | None = typer.Option(None, "--out", help="File to write (default: standard output)."),
) -> None:
    """Export every contact with notes and interactions; `coach import` reads the file back."""
    from coach.crm.exporters import FORMATS
    from coach.crm.exporters import export as write

    if fmt not in FORMATS:
        raise InputError(f"Unknown export format {fmt!r}: use {', '.join(FORMATS)}.")
    store = _store()
    contacts = store.all_contacts()
    extras = {"profile": store.get_profile(), "tag_cadences": store.tag_cadences()}  # for the JSON backup
    if out is None:
        write(contacts, sys.stdout, fmt, **extras)
        return
    count = _write_export(contacts, out, fmt, extras=extras)
    print(f"Exported {count} contacts to {out.expanduser()}.", file=sys.stderr)


def _write_export(contacts: list[Contact], out: Path, fmt: str = "csv", flag: str = "--out",
                  extras: dict | None = None) -> int:
    """Write an export whole or not at all (a .part file renamed into place)."""
    from coach.crm.exporters import export as write

    out = out.expanduser()
    if out.is_dir():
        raise InputError(f"{out} is a folder: give a file name, for example {flag} contacts.{'vcf' if fmt == 'vcard' else fmt}.")
    from coach.core.files import replacing

    try:
        with replacing(out) as tmp, open(tmp, "w", encoding="utf-8", newline="") as fh:
            count = write(contacts, fh, fmt, **(extras or {}))
    except OSError as exc:
        raise InputError(f"Cannot write {out} ({exc.strerror or exc}); choose another {flag} path.") from None
    return count
