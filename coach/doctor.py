"""Health checks for each component, done for real: `coach doctor` and the app's settings page."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel

from coach.errors import CoachError
from coach.settings import Settings


class Check(BaseModel):
    ok: bool
    name: str
    detail: str
    seconds: float


def _timed(name: str, fn: Callable[[], str]) -> Check:
    start = time.perf_counter()
    try:
        detail = fn()
        ok = True
    except CoachError as exc:
        detail, ok = str(exc), False
    except Exception as exc:  # a component failing is what doctor reports, not a crash
        detail, ok = f"{type(exc).__name__}: {exc}", False
    return Check(ok=ok, name=name, detail=detail, seconds=round(time.perf_counter() - start, 3))


def check_llm(settings: Settings) -> str:
    from coach.providers import make_chat_model

    model = make_chat_model(settings.llm, settings)
    reply = model.invoke("Reply with one word: hello.", max_tokens=8, temperature=0.0)
    text = str(reply.content).strip()
    if not text:
        raise CoachError(f"{settings.llm} returned an empty answer; check the model or server.")
    answered = f"{settings.llm} answered: {text[:40]!r}"
    if settings.llm.startswith("llamacpp/"):
        from coach.cpu import cpu_path

        return f"{answered}; {cpu_path(None, settings.llm_extra_buffers).describe()}"
    return answered


def check_embeddings(settings: Settings) -> str:
    from coach.providers import embeddings_key, make_embeddings

    vector = make_embeddings(settings.embeddings, settings).embed_query("networking coach")
    return f"{embeddings_key(settings)} loaded, {len(vector)} dimensions"


def check_chroma(settings: Settings) -> str:
    """Reachable, and sound: files intact, counts as in the store and knowledge/, real queries answer."""
    from coach.chroma import make_chroma_client
    from coach.index import Index

    index = Index(settings)
    with index.using():
        make_chroma_client(settings).heartbeat()
    where = settings.chroma_url or str(settings.chroma_path)
    try:
        from coach.store import Store

        store = Store.open(settings)
    except Exception:  # the database check reports this; compare without it
        store = None
    try:
        return f"reachable at {where}; {index.verify(store)}"
    finally:
        if store is not None:
            store.close()


def check_database(settings: Settings) -> str:
    """Reachable; and a SQLite store is whole (header, size, PRAGMA quick_check), with its backups counted."""
    from sqlalchemy import create_engine, text

    from coach.backups import check, list_backups, sqlite_path

    settings.ensure_home()
    path = sqlite_path(settings.sqlalchemy_url)
    if path is not None:
        check(path)
    engine = create_engine(settings.sqlalchemy_url)
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        where = f"reachable: {engine.url.render_as_string(hide_password=True)} ({engine.dialect.name})"
        if path is None:
            return f"{where}; file backups are for SQLite only: back this database up with its server's tools"
        return f"{where}; quick_check ok; {len(list_backups(path))} backup(s) in {path.parent / 'backups'}"
    finally:
        engine.dispose()


CHECKS: dict[str, Callable[[Settings], str]] = {
    "llm": check_llm,
    "embeddings": check_embeddings,
    "chroma": check_chroma,
    "database": check_database,
}


def run_doctor(settings: Settings, only: list[str] | None = None) -> dict[str, Any]:
    """Run each check; return {name: {ok, detail, seconds}} plus the settings in force."""
    report: dict[str, Any] = {}
    for name, fn in CHECKS.items():
        if only and name not in only:
            continue
        check = _timed(name, lambda fn=fn: fn(settings))
        report[name] = check.model_dump(exclude={"name"})
    report["settings"] = settings.public_dict()
    report["ok"] = all(v["ok"] for k, v in report.items() if k in CHECKS)
    return report
