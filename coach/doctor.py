"""Health checks for each component, done for real: `coach doctor` and the app's settings page."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel

from coach.config.settings import Settings
from coach.core.errors import CoachError


class Probe(BaseModel):
    ok: bool
    name: str
    detail: str
    seconds: float


def _timed(name: str, fn: Callable[[], str]) -> Probe:
    start = time.perf_counter()
    try:
        detail = fn()
        ok = True
    except CoachError as exc:
        detail, ok = str(exc), False
    except Exception as exc:  # a component failing is what doctor reports, not a crash
        detail, ok = f"{type(exc).__name__}: {exc}", False
    return Probe(ok=ok, name=name, detail=detail, seconds=round(time.perf_counter() - start, 3))


def check_resources(settings: Settings) -> str:
    """The prompts and the guidance corpus this install reads: every prompt parses, the corpus loads."""
    from coach.config.prompts import PROMPTS_DIR, load_data, load_prompt
    from coach.retrieval.knowledge import load_corpus

    prompts = sorted(PROMPTS_DIR.glob("*.md"))
    data = sorted(PROMPTS_DIR.glob("*.yaml"))
    if not prompts:
        raise CoachError(f"No prompts in {PROMPTS_DIR}: the install is incomplete; reinstall networking-coach.")
    for path in prompts:
        load_prompt(path.stem)
    for path in data:
        load_data(path.stem)
    articles = load_corpus(settings.knowledge_dir)
    return (f"{len(prompts)} prompts and {len(data)} data files in {PROMPTS_DIR}; {len(articles)} articles in "
            f"{settings.knowledge_dir}")


def check_llm(settings: Settings) -> str:
    from coach.llm.providers import make_chat_model

    model = make_chat_model(settings.llm, settings)
    reply = model.invoke("Reply with one word: hello.", max_tokens=8, temperature=0.0)
    text = str(reply.content).strip()
    if not text:
        raise CoachError(f"{settings.llm} returned an empty answer; check the model or server.")
    answered = f"{settings.llm} answered: {text[:40]!r}"
    if settings.llm.startswith("llamacpp/"):
        from coach.llm.cpu import cpu_path
        from coach.llm.providers import embedded_weights

        weights = str(embedded_weights(settings.llm_weights))
        return f"{answered}; {cpu_path(weights, settings.llm_extra_buffers).describe()}"
    return answered


def check_embeddings(settings: Settings) -> str:
    from coach.llm.providers import embeddings_key, make_embeddings

    vector = make_embeddings(settings.embeddings, settings).embed_query("networking coach")
    return f"{embeddings_key(settings)} loaded, {len(vector)} dimensions"


def check_chroma(settings: Settings) -> str:
    """Reachable, and sound: files intact, counts as in the store and knowledge/, real queries answer."""
    from coach.retrieval.chroma import make_chroma_client
    from coach.retrieval.index import Index

    index = Index(settings)
    with index.using():
        make_chroma_client(settings).heartbeat()
    where = settings.chroma_url or str(settings.chroma_path)
    try:
        from coach.crm.store import Store

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

    from coach.crm.backups import check, list_backups, sqlite_path

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
    "resources": check_resources,
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
