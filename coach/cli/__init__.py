"""The `coach` command line. Each command family lives in its own module."""

from __future__ import annotations

import os
import sys
from typing import NoReturn

import typer

# typer >= 0.20 vendors click: usage errors are its ClickException, exits are typer.Exit.
try:
    from typer._click.exceptions import ClickException
except ImportError:  # pragma: no cover - older typer
    from click import ClickException

from coach.core.errors import CoachError

app = typer.Typer(
    name="coach",
    help="Networking Coach: your contacts, grounded outreach drafts, and advice with citations. Local-first.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


@app.callback()
def _root() -> None:
    """Networking Coach: your contacts, grounded outreach drafts, and advice with citations. Local-first."""


# Which module adds each command: a command imports only its own module (`coach check` never loads the
# contacts or evaluation code); help, and a name nobody knows, load them all. The order is the help's order.
MODULES = ("doctor", "transfer", "contacts", "profile", "facts", "retrieval", "coaching", "evaluation", "serve", "sample", "backup", "plan")
COMMANDS = {"doctor": ("doctor",), "import": ("transfer",), "export": ("transfer",), "contacts": ("contacts", "facts"),
            "profile": ("profile",), "index": ("retrieval",), "search": ("retrieval",), "draft": ("coaching",),
            "check": ("coaching",), "advise": ("coaching",), "ask": ("coaching",), "chat": ("coaching",),
            "eval": ("evaluation",), "app": ("serve",), "sample": ("sample",), "backup": ("backup",),
            "plan": ("plan",)}


def _register(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    first = next((a for a in args if not a.startswith("-")), None)
    wanted = COMMANDS.get(first or "") if not {"--help", "-h"} & set(args[:1]) else None
    for name in wanted or MODULES:
        __import__(f"coach.cli.{name}")  # each module adds its commands to `app`


def main(argv: list[str] | None = None) -> None:
    """Entry point of the console script: errors become one sentence on stderr."""
    _run(argv)


def _run(argv: list[str] | None) -> NoReturn:
    from coach.core.files import private_umask

    private_umask()  # the store, index, caches, exports and backups a command writes are the user's only
    _register(argv)
    command = typer.main.get_command(app)
    try:
        code = command.main(args=argv, prog_name="coach", standalone_mode=False)
        if isinstance(code, int) and code:
            sys.exit(code)  # without standalone mode, click returns typer.Exit's code instead of exiting
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except ClickException as exc:
        exc.show()
        sys.exit(2)
    except typer.Abort:
        print("Aborted.", file=sys.stderr)
        sys.exit(1)
    except CoachError as exc:
        print(str(exc), file=sys.stderr)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)
        sys.exit(130)
    except Exception as exc:  # a bug: one line unless asked for the traceback
        damage = _store_damage(exc)
        if damage is not None:
            print(str(damage), file=sys.stderr)
            sys.exit(damage.exit_code)
        if os.environ.get("COACH_DEBUG"):
            raise
        print(
            f"Unexpected error ({type(exc).__name__}): {exc}. Re-run with COACH_DEBUG=1 for the traceback.",
            file=sys.stderr,
        )
        sys.exit(1)
    sys.exit(0)


def _store_damage(exc: BaseException) -> CoachError | None:
    """SQLite reporting a damaged store mid-command (the check on opening found it sound): the same sentence."""
    import sqlite3

    seen: BaseException | None = exc
    while seen is not None and not isinstance(seen, sqlite3.DatabaseError):
        seen = getattr(seen, "orig", None) or seen.__cause__
    text = str(seen or "")
    if not isinstance(seen, sqlite3.DatabaseError) or not ("malformed" in text or "not a database" in text):
        return None
    from coach.cli.common import settings
    from coach.crm.backups import damaged, sqlite_path

    path = sqlite_path(settings().sqlalchemy_url)
    return damaged(path, f"SQLite says: {text}") if path else None
