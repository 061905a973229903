"""`coach profile …`: the user's own profile, used when drafting messages."""

from __future__ import annotations

import typer

from coach.cli import app
from coach.cli.common import JSON_HELP, console, emit, open_store
from coach.core.errors import InputError

profile_app = typer.Typer(help="Your own profile, used when drafting messages.", no_args_is_help=True)
app.add_typer(profile_app, name="profile")


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
    emit(open_store().set_profile(**fields), as_json, _render_profile)


@profile_app.command("show")
def profile_show(as_json: bool = typer.Option(False, "--json", help=JSON_HELP)) -> None:
    """Show your profile."""
    emit(open_store().get_profile(), as_json, _render_profile)
