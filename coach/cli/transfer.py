"""`coach import` and `coach export`: contacts in and out of the store, a whole file at a time."""

from __future__ import annotations

import sys
from pathlib import Path

import typer
from rich.table import Table

from coach.cli import app
from coach.cli.common import JSON_HELP, after_store_change, console, emit, open_store, progress
from coach.core.domain import Contact
from coach.core.errors import InputError

PROGRESS_MIN_BYTES = 64 * 1024  # about 500 LinkedIn rows


@app.command("import")
def import_(
    path: Path = typer.Argument(..., help="A LinkedIn Connections.csv or Imported Contacts.csv, a Google or Outlook contacts CSV, .vcf, Markdown file or folder, or a coach export."),
    fmt: str = typer.Option("auto", "--format", help="auto (detect from the content), linkedin, linkedin-contacts, outlook, google, vcard, markdown, coach or json."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Import contacts; re-importing updates and never duplicates. One transaction: a failure writes nothing.
    People who only share a name with a contact are kept apart and listed as possible duplicates."""
    store = open_store()
    size = path.stat().st_size if path.is_file() else 0
    with progress(f"Importing {path.name}", total=size or None,
                  enabled=not as_json and size >= PROGRESS_MIN_BYTES) as advance:
        report = store.import_file(path, fmt, progress=lambda n: advance(n))
    if report.created or report.updated:
        after_store_change(store)

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
    store = open_store()
    contacts = store.all_contacts()
    extras = {"profile": store.get_profile(), "tag_cadences": store.tag_cadences()}  # for the JSON backup
    if out is None:
        write(contacts, sys.stdout, fmt, **extras)
        return
    count = write_export(contacts, out, fmt, extras=extras)
    print(f"Exported {count} contacts to {out.expanduser()}.", file=sys.stderr)


def write_export(contacts: list[Contact], out: Path, fmt: str = "csv", flag: str = "--out",
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
