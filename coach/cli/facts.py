"""`coach contacts facts …`: the typed facts drafts draw on, listed and fixed in one line each.

    coach contacts facts ID_OR_NAME [--json]             list them
    coach contacts facts edit FACT_ID "new words"         change what a draft says (it becomes yours)
    coach contacts facts pin|hide|show|confirm FACT_ID     pin it first, leave it out, bring it back, confirm it
    coach contacts facts add ID_OR_NAME "words" [--kind]  add one
"""

from __future__ import annotations

import typer

from coach.cli.common import JSON_HELP, after_store_change, console, emit, open_store, parse_date
from coach.cli.contacts import contacts_app
from coach.core.errors import InputError

ACTIONS = {"pin": {"pinned": True}, "unpin": {"pinned": False}, "hide": {"hidden": True},
           "show": {"hidden": False}, "confirm": {"confirmed": True}}


def _fact_id(value: str) -> int:
    if not value.isdigit():
        raise InputError(f"{value!r} is not a fact id: run `coach contacts facts NAME` to see the ids.")
    return int(value)


def _row(f) -> dict:
    return {**f.public(), "pinned": f.pinned, "hidden": f.hidden}


def _render(rows: list[dict]) -> None:
    if not rows:
        console.print("No facts yet: add a note, or `coach contacts facts add NAME \"at PyCon 2024\"`.")
    for r in rows:
        flags = "".join(m for m, on in (("*", r["pinned"]), (" (hidden)", r["hidden"]), (" ✓", r["confirmed"])) if on)
        console.print(f"[{r['id']}] {r['kind']}: {r['text']}" + (f" — {r['date']}" if r["date"] else "")
                      + f"  [dim]{r['source']}[/dim]{flags}", highlight=False)


@contacts_app.command("facts")
def facts(
    target: str = typer.Argument(..., metavar="ID_OR_NAME | edit | pin | unpin | hide | show | confirm | add"),
    rest: list[str] = typer.Argument(None, metavar="[FACT_ID | ID_OR_NAME] [TEXT]"),
    kind: str = typer.Option("met-at", "--kind", help="For add: met-at, worked-together, favour, offer, "
                                                      "my-request, their-news, personal, role, their-work."),
    date: str | None = typer.Option(None, "--date", help="For add and edit: YYYY-MM-DD."),
    with_model: bool = typer.Option(False, "--model", help="Re-read the notes with the configured capable model "
                                                           "(structured output); the rules otherwise."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """The facts drafts draw on: list them, or edit, pin, hide or add one."""
    from coach.crm.facts import book as factbook

    rest = rest or []
    store = open_store()
    when = parse_date(date, "--date")
    if target in ACTIONS or target == "edit":
        if not rest:
            raise InputError(f"Give the fact id: coach contacts facts {target} FACT_ID.")
        fields = dict(ACTIONS.get(target, {}))
        if target == "edit":
            if len(rest) < 2:
                raise InputError('Give the new words: coach contacts facts edit FACT_ID "at PyCon 2024".')
            fields["phrase"] = " ".join(rest[1:])
        if when:
            fields["date"] = when
        fact = factbook.update(store, _fact_id(rest[0]), **fields)
        after_store_change(store)
        emit(_row(fact), as_json, lambda r: _render([r]))
        return
    if target == "add":
        if len(rest) < 2:
            raise InputError('Give the person and the words: coach contacts facts add NAME "at PyCon 2024".')
        contact = store.resolve_contact(rest[0])
        fact = factbook.add(store, contact.id, " ".join(rest[1:]), kind, when)
        after_store_change(store)
        emit(_row(fact), as_json, lambda r: _render([r]))
        return
    if rest:
        raise InputError(f"Unknown action {target!r}: use edit, pin, unpin, hide, show, confirm or add.")
    contact = store.resolve_contact(target)
    if with_model:
        from coach.cli.common import settings
        from coach.llm.providers import make_chat_model, writes_whole_drafts

        cfg = settings()
        if not writes_whole_drafts(cfg):
            raise InputError("--model needs a capable model: set COACH_LLM=openai/<model> (the rules read the "
                             "notes otherwise).")
        found = factbook.sync(store, contact.id, model=make_chat_model(cfg.llm, cfg))
    else:
        found = factbook.facts(store, contact.id)
    if as_json:
        emit([f.public() for f in found if not f.hidden], True)
    else:
        _render([_row(f) for f in found])
