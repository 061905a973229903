"""`coach backup list|create|restore`: the SQLite store's rolling backups (coach/crm/backups.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import typer
from rich.table import Table

from coach.cli import app
from coach.cli.common import JSON_HELP, console, emit, settings
from coach.core.errors import ConfigurationError, InputError

backup_app = typer.Typer(help="Backups of your store (SQLite): list them, make one, restore one.",
                         no_args_is_help=True)
app.add_typer(backup_app, name="backup")


def _store_file() -> Path:
    from coach.crm.backups import sqlite_path

    cfg = settings()
    cfg.ensure_home()
    path = sqlite_path(cfg.sqlalchemy_url)
    if path is None:
        raise ConfigurationError("The coach keeps file backups of a SQLite store only: back up a PostgreSQL "
                                 "store with pg_dump, or keep `coach export --format json` files.")
    return path


@backup_app.command("list")
def list_(as_json: bool = typer.Option(False, "--json", help=JSON_HELP)) -> None:
    """The store's backups, newest first (made before imports, migrations, merges and deletes, and daily)."""
    from coach.crm.backups import list_backups

    found = list_backups(_store_file())

    def render(items) -> None:
        if not items:
            console.print("No backups yet: one is made before each import, merge or delete, and daily.")
            return
        table = Table(title="Backups (newest first)")
        for column in ("id", "made", "why", "size"):
            table.add_column(column)
        for b in items:
            table.add_row(b.id, f"{b.created:%Y-%m-%d %H:%M:%S}", b.reason, f"{b.bytes / 1024:.0f} KiB")
        console.print(table)

    emit(found, as_json, render)


@backup_app.command("create")
def create(as_json: bool = typer.Option(False, "--json", help=JSON_HELP)) -> None:
    """Back up the store now."""
    from coach.crm.backups import check, make_backup

    path = _store_file()
    check(path)
    made = make_backup(path, "manual")
    if made is None:
        raise InputError(f"There is no store at {path} to back up yet.")
    emit(made, as_json, lambda b: print(f"Backed up the store to {b.path}.", file=sys.stderr))


@backup_app.command("restore")
def restore(
    backup_id: str | None = typer.Argument(None, help="The backup's id from `coach backup list` (default: the newest)."),
    yes: bool = typer.Option(False, "--yes", help="Do not ask before replacing the store."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Put a backup in place of the store; the current store file is moved aside first, never deleted."""
    from coach.crm.backups import counts, list_backups
    from coach.crm.backups import restore as put_back

    path = _store_file()
    backups = list_backups(path)
    chosen = backups[0].id if backups and backup_id is None else backup_id
    if backups and not yes:
        if not sys.stdin.isatty():
            raise InputError("Restoring replaces the store: add --yes to confirm (the current file is kept aside).")
        if not typer.confirm(f"Replace the store {path} with backup {chosen}? The current file is kept aside"):
            raise typer.Abort()
    made, aside = put_back(path, chosen)
    result = {"restored": made.id, "contacts": counts(path), "store": str(path),
              "kept_aside": str(aside) if aside else None}
    emit(result, as_json, lambda r: print(
        f"Restored backup {r['restored']} ({r['contacts']} contacts)"
        + (f"; the previous file is kept as {r['kept_aside']}." if r["kept_aside"] else "."), file=sys.stderr))
