"""`coach index` and `coach search`: build the search index and query it."""

from __future__ import annotations

import time

import typer
from rich.markup import escape

from coach.cli import app
from coach.cli.common import JSON_HELP, console, emit, err_console, open_store, progress, settings
from coach.core.errors import InputError

KINDS = ("guidance", "contacts", "all")


@app.command("index")
def index_command(
    rebuild: bool = typer.Option(False, "--rebuild", help="Drop the index and recreate it from the store and knowledge/."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Build or update the search index; only new or changed items are embedded again.

    A damaged index is rebuilt (its files are derived from the store and knowledge/, which stay untouched).
    """
    from coach.retrieval.chroma import IndexDamagedError
    from coach.retrieval.index import Index

    start = time.perf_counter()
    cfg = settings()
    index = Index(cfg)
    store = open_store()
    with progress("Indexing", None, enabled=not as_json) as advance:
        if not rebuild:
            try:
                guidance = index.sync_guidance(advance)
                contacts = index.sync_store(store, advance)
            except IndexDamagedError as exc:
                err_console.print(f"The search index at {exc.where} is damaged ({exc.reason}); "
                                  "rebuilding it from your contacts and knowledge/.", highlight=False, markup=False)
                rebuild = True
        if rebuild:
            revision = store.revision()
            guidance, contacts = index.rebuild(store.all_contacts(), revision, advance)
    report = {
        "guidance_chunks": guidance.total,
        "contacts": contacts.total if contacts else 0,
        "seconds": round(time.perf_counter() - start, 2),
    }

    def render(rep: dict) -> None:
        embedded = guidance.embedded + (contacts.embedded if contacts else 0)
        removed = guidance.removed + (contacts.removed if contacts else 0)
        console.print(
            f"Indexed {rep['guidance_chunks']} guidance sections and {rep['contacts']} contacts "
            f"({embedded} embedded, {removed} removed) in {rep['seconds']} s."
        )

    emit(report, as_json, render)


@app.command("search")
def search_command(
    query: str = typer.Argument(..., help="What you are looking for, in your own words."),
    kind: str = typer.Option("all", "--kind", help="guidance, contacts or all."),
    k: int = typer.Option(5, "-k", "--top", help="How many results."),
    theme: str | None = typer.Option(None, "--theme", help="Only guidance of this theme."),
    company: str | None = typer.Option(None, "--company", help="Only contacts at this company."),
    tag: str | None = typer.Option(None, "--tag", help="Only contacts with this tag."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Hybrid search (meaning + exact words) over the guidance and your contacts."""
    from coach.retrieval.knowledge import THEMES
    from coach.retrieval.search import Retriever

    if kind not in KINDS:
        raise InputError(f"Unknown --kind '{kind}': use guidance, contacts or all.")
    if theme and theme not in THEMES:
        raise InputError(f"Unknown --theme '{theme}': use one of {', '.join(THEMES)}.")
    if k < 1:
        raise InputError("-k must be at least 1.")
    retriever = Retriever(settings())
    store = open_store() if kind != "guidance" else None
    with progress("Updating the index", None, enabled=not as_json) as advance:
        retriever.ensure_synced(store, advance)
    hits = retriever.find(query, kind=kind, k=k, theme=theme, company=company, tag=tag)  # relevant ones only
    rows = [h.model_dump(include={"kind", "id", "title", "theme", "score", "snippet", "source"}) for h in hits]

    def render(items: list[dict]) -> None:
        if not items:
            console.print(f"No match for “{escape(query)}”: nothing fits closely enough. Try other words, or run "
                          "`coach index` if you just added articles.")
            return
        for n, item in enumerate(items, start=1):
            label = f"[dim]{item['theme']}[/]" if item["theme"] else "[dim]contact[/]"
            console.print(f"[bold]{n}. {escape(item['title'])}[/]  {label}  [dim]{escape(item['source'])}[/]")
            console.print(f"   {escape(item['snippet'])}", highlight=False)

    emit(rows, as_json, render)
