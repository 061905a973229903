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

from coach.errors import CoachError

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


def _register() -> None:
    from coach.cli import doctor  # noqa: F401  (each module adds its commands to `app`)

    for name in ("contacts", "facts", "retrieval", "coaching", "evaluation", "serve", "sample", "backup", "plan"):
        try:
            __import__(f"coach.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"coach.cli.{name}":
                raise


def main(argv: list[str] | None = None) -> None:
    """Entry point of the console script: errors become one sentence on stderr.

    Called as a program (no `argv`), a command runs in a child of the warm-start server when one is up
    (coach.warmstart), and one is started after a command that ran here.
    """
    if argv is not None:
        _run(argv)
    from coach import warmstart

    launch = warmstart.Launch(sys.argv[1:])
    code = launch.run()
    if code is not None:
        sys.exit(code)
    try:
        _run(None)
    finally:
        launch.after()


def _run(argv: list[str] | None) -> NoReturn:
    from coach.files import private_umask

    private_umask()  # the store, index, caches, exports and backups a command writes are the user's only
    _register()
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
    from coach.backups import damaged, sqlite_path
    from coach.cli.common import settings

    path = sqlite_path(settings().sqlalchemy_url)
    return damaged(path, f"SQLite says: {text}") if path else None
