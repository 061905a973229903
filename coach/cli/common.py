"""What every command shares: settings, the store, dates given as flags, JSON output, progress bars."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

from pydantic import BaseModel
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from coach.config.settings import Settings, load_settings
from coach.core.domain import BIDI_CONTROLS, visible
from coach.core.errors import InputError


class VisibleStream:
    """sys.stdout or sys.stderr (looked up at each write), showing bidi controls instead of obeying them.

    Stored text is the user's (or an import's); a right-to-left override in a note must not
    reorder what the terminal shows, so it is printed as <U+202E>.
    """

    def __init__(self, name: str):
        self._name = name

    def write(self, text: str) -> int:
        return getattr(sys, self._name).write(visible(text))

    def __getattr__(self, attr: str) -> Any:
        return getattr(getattr(sys, self._name), attr)


console = Console(file=VisibleStream("stdout"))
err_console = Console(file=VisibleStream("stderr"))

JSON_HELP = "Print exactly one JSON document on stdout."


@lru_cache(maxsize=1)
def settings() -> Settings:
    """The settings in force for this process (environment and .env)."""
    return load_settings()


def open_store():
    """The contacts store for these settings (its home made first), opened once per process."""
    from coach.crm.store import Store

    cfg = settings()
    cfg.ensure_home()
    return Store.open(cfg)


def parse_date(value: str | None, flag: str) -> dt.date | None:
    """A YYYY-MM-DD option as a date (None when not given); `flag` names the option in the error."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise InputError(f"{flag} {value!r} is not a date: use YYYY-MM-DD, for example 2024-03-12.") from None


def to_jsonable(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, list | tuple):
        return [to_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: to_jsonable(v) for k, v in value.items()}
    return value


def emit(value: Any, as_json: bool, render: Callable[[Any], None] | None = None) -> None:
    """Print `value` as one JSON document, or through `render` for people."""
    if as_json or render is None:
        text = json.dumps(to_jsonable(value), ensure_ascii=False, indent=2, default=str)
        if any(ch in BIDI_CONTROLS for ch in text):  # the same JSON, with bidi controls as \u escapes
            text = "".join(f"\\u{ord(ch):04x}" if ch in BIDI_CONTROLS else ch for ch in text)
        sys.stdout.write(text + "\n")
        sys.stdout.flush()
    else:
        render(value)


@contextmanager
def progress(description: str, total: int | None, enabled: bool = True):
    """A rich progress bar on stderr; silent when `enabled` is false (for --json or tiny jobs)."""
    if not enabled:
        yield lambda advance=1, total=None: None
        return
    bar = Progress(
        TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
        TimeRemainingColumn(), console=err_console, transient=True,
    )
    with bar:
        task = bar.add_task(description, total=total)

        def advance(n: int = 1, total: int | None = None) -> None:
            if total is not None:
                bar.update(task, total=total)
            bar.advance(task, n)

        yield advance


def after_store_change(store) -> None:
    """Hook: keep derived data (the search index) in sync after the store changed.

    Every command that writes to the store calls this once, after its transaction
    committed. The index follows the store's revision, and every search, draft and
    chat turn syncs it incrementally before it reads, so the user never runs
    `coach index` by hand. Here we sync at once only when the embedding model is
    already loaded in this process (the app); a one-shot CLI write such as
    `coach contacts note` would otherwise pay seconds of model loading for a note.
    """
    from coach.core.errors import CoachError
    from coach.llm.providers import embeddings_loaded
    from coach.retrieval.index import Index

    cfg = settings()
    if not embeddings_loaded(cfg.embeddings):
        return
    try:
        Index(cfg).sync_store(store)
    except CoachError as exc:  # the store change stands; the next search syncs again
        err_console.print(f"Note: the search index was not updated ({exc}); it will be on the next search.")
