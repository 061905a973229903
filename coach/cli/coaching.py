"""`coach draft`, `check`, `advise`, `ask` and `chat`: the coach's jobs on the command line."""

from __future__ import annotations

import sys
import uuid

import typer
from rich.markdown import Markdown
from rich.markup import escape
from rich.panel import Panel
from rich.text import Text

from coach.cli import app
from coach.cli.common import JSON_HELP, console, emit, err_console, settings
from coach.core.domain import CHANNELS, GOALS
from coach.core.errors import InputError
from coach.core.messages import Advice, CheckReport, Draft, DraftRequest


def _coach():
    from coach.service import Coach

    return Coach(settings())


def _checks_table(checks) -> str:
    return "\n".join(f"{'✓' if c.passed else '✗'} {c.name}: {c.detail}" +
                     (f" — {c.suggestion}" if c.suggestion and not c.passed else "") for c in checks)


def _render_draft(d: Draft) -> None:
    title = f"{d.channel} to {d.contact} · {d.goal} · score {d.score}"
    console.print(Panel(d.text(), title=title, expand=False))
    console.print(_checks_table(d.checks))
    console.print(f"[dim]Made: {d.how_made()}[/]")
    if d.reading:
        console.print(f"[dim]Your request, as read: {escape(d.reading)}[/]")
    if d.citations:
        console.print("Guidance: " + "; ".join(f"{c.title} ({c.source})" for c in d.citations))
    console.print(f"[dim]{d.model} · {d.prompt} · {d.latency_ms} ms[/]")


@app.command()
def draft(
    to: str = typer.Option(..., "--to", help="The contact: id, name (fuzzy), or name with where they work "
                                             "('Marcus Lee at Datadog')."),
    goal: str = typer.Option(..., "--goal", help=f"One of: {', '.join(GOALS)}."),
    channel: str = typer.Option("linkedin-message", "--channel", help=f"One of: {', '.join(CHANNELS)}."),
    context: str = typer.Option("", "--context", help="Anything the message should know: the role, the news."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Draft an outreach message grounded in what you know about the person; every draft is checked."""
    from coach.core.domain import validate

    validate(goal, channel)
    coach = _coach()
    contact = coach.resolve(to)  # once: an id, a name, or 'Marcus Lee at Datadog'; several fit: listed, exit 2
    with err_console.status(f"Drafting {settings().candidates} candidates to {contact.name} and checking each…",
                            spinner="dots"):
        d = coach.draft_request(DraftRequest(contact_id=contact.id, goal=goal, channel=channel, context=context))
    emit(d, as_json, _render_draft)


@app.command()
def check(
    file: str = typer.Argument(..., help="A file with your message, or - for standard input."),
    channel: str = typer.Option("linkedin-message", "--channel", help=f"One of: {', '.join(CHANNELS)}."),
    to: str | None = typer.Option(None, "--to", help="The recipient, to check names and facts against your notes."),
    goal: str | None = typer.Option(None, "--goal", help=f"What the message is for (checks it does it): "
                                                          f"{', '.join(GOALS)}."),
    context: str = typer.Option("", "--context", help="Your reason for writing, in your words (checks it is used)."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Score a message you wrote: limits, one clear ask, personal, grounded, readable, and (with --goal)
    whether it does what it is for."""
    if file == "-":
        text = sys.stdin.read()
    else:
        try:
            with open(file, encoding="utf-8") as fh:
                text = fh.read(200_000)
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"Cannot read {file}: {exc.strerror if isinstance(exc, OSError) else exc}.") from None
    if not text.strip():
        raise InputError("The message is empty: pass a file with your message, or - and type it.")
    report = _coach().check(text, channel, to, goal=goal, context=context)

    def render(r: CheckReport) -> None:
        console.print(f"Score {r.score}/100")
        console.print(_checks_table(r.checks))

    emit(report, as_json, render)


@app.command()
def advise(
    text: str = typer.Argument(..., help="The situation, in your words."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Advice for a difficult situation: steps, a script, people who could help, with sources."""
    with err_console.status("Finding the guidance that fits…", spinner="dots"):
        a = _coach().advise(text)

    def render(x: Advice) -> None:
        if x.situation:
            console.print(Text(x.situation.reading, style="bold"))
        console.print(Panel(x.summary, title=x.title, expand=False))
        for i, step in enumerate(x.steps, 1):
            console.print(f"{i}. {step}")
        if x.script and x.script_kind == "draft":
            title = f"A message to {x.script_contact} · {x.script_channel} · {x.script_goal}"
            console.print(Panel(Text(x.script), title=Text(title), expand=False))
            if x.script_draft:
                console.print(_checks_table(x.script_draft.checks))
        elif x.script:
            console.print(Panel(Text(x.script), title=Text("A message you could adapt (fill in the [slots])"),
                                expand=False))
        if x.example and x.script_kind == "draft":  # a neutral script is the example with slots already
            console.print(Panel(Text(x.example), title="Example from the guide (its people are invented)",
                                expand=False, style="dim"))
        if x.related_contacts:
            console.print("People who could help:")
        for p in x.related_contacts:
            console.print(Text(f"• {p.name} — {p.why}"))
        if x.note:
            console.print(Text(x.note, style="dim"))
        console.print("Sources: " + "; ".join(c.source for c in x.citations))

    emit(a, as_json, render)


@app.command()
def ask(
    text: str = typer.Argument(..., help="What you want, in your words."),
    thread: str = typer.Option("cli", "--thread", help="Conversation id: follow-ups revise its last draft."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """One chat turn: the coach routes it (or, with a model that calls tools, plans it) to a draft, advice, a
    search or a check. A name that fits several people is asked back: answer with `coach ask "#ID"`."""
    with err_console.status("The coach is working on it…", spinner="dots") as status:
        turn = _coach().chat().ask(text, thread_id=thread, on_step=_stepper(status))
    if turn.intent == "error":  # the turn failed (a model server down, a bad answer): one sentence, exit 2
        print(turn.reply, file=sys.stderr)
        raise typer.Exit(2)
    if as_json:
        emit({"reply": turn.reply, "intent": turn.intent, "steps": turn.steps, "note": turn.note,
              "choices": [c.model_dump() for c in turn.choices], "results": turn.results,
              "draft": turn.draft.model_dump(mode="json") if turn.draft else None,
              "citations": [c.model_dump() for c in turn.citations]}, True)
    else:
        _render_turn(turn)


def _stepper(status):
    """Show each step as it starts (in the spinner) and keep a line of it on stderr."""
    def step(text: str) -> None:
        status.update(text)
        if text != "Thinking…":
            err_console.print(f"[dim]· {text}[/]")
    return step


def _render_turn(turn) -> None:
    """A chat turn on the terminal: the reply, and the draft's checks when the turn made one."""
    console.print(Markdown(turn.reply))
    if turn.draft is not None:
        console.print(f"[dim]{turn.draft.channel} to {turn.draft.contact} (#{turn.draft.contact_id}) · "
                      f"{turn.draft.goal} · score {turn.draft.score} · {turn.draft.how_made()}[/]")
        failed = [c for c in turn.draft.checks if not c.passed]
        console.print(f"[dim]{len(turn.draft.checks) - len(failed)} of {len(turn.draft.checks)} checks pass"
                      + (": " + "; ".join(f"{c.name}: {c.detail}" for c in failed) if failed else "") + "[/]")


@app.command()
def chat(thread: str = typer.Option("", "--thread", help="Resume a conversation by id.")) -> None:
    """Interactive chat (Ctrl-D to leave). Say 'make it shorter', 'friendlier', 'another one' or 'now as an
    email' to revise a draft."""
    session = _coach().chat()
    thread = thread or f"cli-{uuid.uuid4().hex[:8]}"
    err_console.print(f"[dim]Conversation {thread}. Ctrl-D to leave.[/]")
    while True:
        try:
            text = console.input("[bold]you> [/]")
        except (EOFError, KeyboardInterrupt):
            console.print()
            return
        if not text.strip():
            continue
        with console.status("The coach is working on it…", spinner="dots") as status:
            turn = session.ask(text, thread_id=thread, on_step=_stepper(status))
        console.print("[bold]coach>[/]")
        _render_turn(turn)
