"""`coach sample load` / `coach sample remove`: the fictional sample network, in a demo workspace of its own."""

from __future__ import annotations

import sys

import typer

from coach.cli import app
from coach.cli.common import JSON_HELP, console, emit, settings
from coach.core.errors import InputError

sample_app = typer.Typer(help="The fictional sample network, kept apart from your own contacts and profile.",
                         no_args_is_help=True)
app.add_typer(sample_app, name="sample")


def _env_line(home) -> str:
    return f"COACH_HOME={home} COACH_DATABASE_URL= COACH_CHROMA_URL= coach contacts list"


@sample_app.command("load")
def load(as_json: bool = typer.Option(False, "--json", help=JSON_HELP)) -> None:
    """Load the 20 made-up people into a separate demo workspace (your contacts and profile are not touched)."""
    from coach.crm.sample import create
    from coach.crm.store import Store

    cfg = settings()
    cfg.ensure_home()
    ws, store, reports = create(cfg, Store.open(cfg))
    result = {"workspace": str(ws.home), "contacts": len(store.list_contacts()),
              "notes": sum(store.notes_counts().values()), "imported": [r.model_dump() for r in reports]}
    emit(result, as_json, lambda r: console.print(
        f"Loaded the sample network ({r['contacts']} fictional people, {r['notes']} notes) into its own workspace "
        f"{r['workspace']}.\nOpen it in the app (`coach app`), or from the shell: {_env_line(r['workspace'])}\n"
        "Remove it with `coach sample remove`.", highlight=False, soft_wrap=True))


@sample_app.command("remove")
def remove(
    yes: bool = typer.Option(False, "--yes", "-y", help="Do not ask for confirmation."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Delete the sample network's workspace; your own contacts, profile and index are not touched."""
    from coach.crm.sample import remove as remove_workspace
    from coach.crm.sample import root, workspace

    cfg = settings()
    if workspace(cfg) is None and not root(cfg).exists():
        emit({"removed": False, "workspace": None}, as_json,
             lambda r: console.print("No sample network is loaded; nothing to remove."))
        return
    if not yes:
        if not sys.stdin.isatty():
            raise InputError("Removing the sample network needs confirmation: add --yes.")
        typer.confirm(f"Delete the sample network in {root(cfg)}?", abort=True)
    remove_workspace(cfg)
    emit({"removed": True, "workspace": str(root(cfg))}, as_json,
         lambda r: console.print(f"Removed the sample network ({r['workspace']}). Your own contacts are untouched."))
