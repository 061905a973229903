"""`coach plan`: this week's people, why, and a checked draft for each; sent / snooze / skip close the loop."""

from __future__ import annotations

import datetime as dt

import typer

from coach.cli import app
from coach.cli.common import JSON_HELP, console, emit, err_console, open_store, settings
from coach.core.domain import CHANNELS, GOALS
from coach.core.errors import InputError

plan_app = typer.Typer(help="This week's plan: who to reach, why, and a checked draft for each.",
                       invoke_without_command=True)
app.add_typer(plan_app, name="plan")


def _day(value: str | None, flag: str) -> dt.date:
    if not value:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{flag} must be a date as YYYY-MM-DD, not {value!r}.") from None


TODAY_HELP = "Pretend today is YYYY-MM-DD."


@plan_app.callback()
def plan(
    ctx: typer.Context,
    size: int | None = typer.Option(None, "-n", "--size", min=1, help="At most N people (default: COACH_PLAN_SIZE, 5)."),
    explain: bool = typer.Option(False, "--explain", help="Show the score parts of each person."),
    drafts: bool = typer.Option(False, "--drafts", help="Draft and check a message for each person (slower)."),
    ics: str | None = typer.Option(None, "--ics", help="Also write the plan as a calendar file, one reminder each."),
    markdown: str | None = typer.Option(None, "--markdown", help="Also write the plan as a Markdown digest."),
    today: str | None = typer.Option(None, "--today", help=TODAY_HELP),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """This week's plan: at most N people, each with the fact and date behind it, a goal and a channel."""
    if ctx.invoked_subcommand is not None:
        return
    from coach.plan import weekly as planning

    day = _day(today, "--today")
    store = open_store()
    entries = planning.build_plan(store, size or settings().plan_size, day)
    if drafts and entries:
        from coach.service import Coach

        coach = Coach(settings(), store=store)
        with err_console.status(f"Drafting and checking {len(entries)} messages…", spinner="dots"):
            entries = [planning.fill_draft(e, coach.draft_request) for e in entries]
    _files(entries, day, ics, markdown)
    out = [e.public(explain) for e in entries]

    def render(_) -> None:
        if not entries:
            console.print("Nobody to reach this week: add notes, import a newer export or set cadences.")
        for i, e in enumerate(entries, 1):
            console.print(f"[bold]{i}. {e.contact['name']}[/] (id {e.contact['id']}) · {e.goal} · {e.channel}")
            console.print(f"   {e.reason}", markup=False)
            if explain:
                parts = ", ".join(f"{k} {v:+.2f}" for k, v in e.parts.items())
                console.print(f"   score {e.score:.2f} = {parts}", markup=False)
            if e.draft:
                console.print("   " + (e.draft.get("body") or "").replace("\n", "\n   "), markup=False)
            elif e.draft_error:
                console.print(f"   No draft: {e.draft_error}", markup=False)

    emit(out, as_json, render)


def _files(entries, day: dt.date, ics: str | None, markdown: str | None) -> None:
    if not (ics or markdown):
        return
    from coach.plan import files as planfiles

    if ics:
        planfiles.write_ics(entries, day, ics)
    if markdown:
        planfiles.write_markdown(entries, day, markdown)


@plan_app.command("sent")
def sent(
    contact_id: int = typer.Argument(..., help="The contact's id, as the plan shows it."),
    channel: str = typer.Option("linkedin-message", "--channel", help=f"One of: {', '.join(CHANNELS)}."),
    goal: str = typer.Option("", "--goal", help=f"What it was for: {', '.join(GOALS)}."),
    text: str = typer.Option("", "--text", help="The message as sent."),
    today: str | None = typer.Option(None, "--today", help=TODAY_HELP),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """You sent the message: log it (resets the cadence) and take them off this week's plan."""
    from coach.plan import weekly as planning

    if channel not in CHANNELS:
        raise InputError(f"Unknown channel {channel!r}: use one of {', '.join(CHANNELS)}.")
    if goal and goal not in GOALS:
        raise InputError(f"Unknown goal {goal!r}: use one of {', '.join(GOALS)}.")
    day = _day(today, "--today")
    store = open_store()
    planning.mark_sent(store, contact_id, day, channel, goal, text)
    name = store.get_contact(contact_id).name
    emit({"id": contact_id, "name": name, "action": "sent", "date": day.isoformat(), "channel": channel,
          "goal": goal}, as_json, lambda _: console.print(f"Logged: sent to {name} on {day} ({channel})."))


@plan_app.command("snooze")
def snooze(
    contact_id: int = typer.Argument(..., help="The contact's id, as the plan shows it."),
    until: str = typer.Option(..., "--until", help="Bring them back on YYYY-MM-DD."),
    today: str | None = typer.Option(None, "--today", help=TODAY_HELP),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Leave them out of the plan until a date."""
    from coach.plan import weekly as planning

    day, back = _day(today, "--today"), _day(until, "--until")
    store = open_store()
    planning.mark_snoozed(store, contact_id, day, back)
    name = store.get_contact(contact_id).name
    emit({"id": contact_id, "name": name, "action": "snoozed", "until": back.isoformat()}, as_json,
         lambda _: console.print(f"Snoozed {name} until {back}."))


@plan_app.command("skip")
def skip(
    contact_id: int = typer.Argument(..., help="The contact's id, as the plan shows it."),
    reason: str = typer.Option(..., "--reason", help="not-this-person (out for months, ranked lower after) or "
                                                     "not-now (out this week)."),
    today: str | None = typer.Option(None, "--today", help=TODAY_HELP),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Skip them, saying why: the ranking learns from it."""
    from coach.plan import weekly as planning

    day = _day(today, "--today")
    store = open_store()
    planning.mark_skipped(store, contact_id, day, reason)
    name = store.get_contact(contact_id).name
    emit({"id": contact_id, "name": name, "action": "skipped", "reason": reason}, as_json,
         lambda _: console.print(f"Skipped {name} ({reason})."))
