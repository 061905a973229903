"""`coach doctor`: check each component and show the settings in force."""

from __future__ import annotations

import typer
from rich.table import Table

from coach.cli import app
from coach.cli.common import JSON_HELP, console, emit, settings
from coach.doctor import CHECKS, run_doctor
from coach.llm.providers import validate_names


@app.command()
def doctor(as_json: bool = typer.Option(False, "--json", help=JSON_HELP)) -> None:
    """Check that the prompts and corpus load, the model answers, the embeddings load, and the index and store
    are reachable."""
    cfg = settings()
    validate_names(cfg)  # an unknown provider is a configuration error (exit 2), not a failed check
    report = run_doctor(cfg)

    def render(rep: dict) -> None:
        table = Table(title="Networking Coach — health", show_lines=False)
        table.add_column("component")
        table.add_column("status")
        table.add_column("detail")
        for name in CHECKS:
            item = rep[name]
            table.add_row(name, "[green]ok[/]" if item["ok"] else "[red]FAIL[/]", item["detail"])
        console.print(table)
        settings_table = Table(title="Settings in force")
        settings_table.add_column("variable")
        settings_table.add_column("value")
        for key, value in rep["settings"].items():
            settings_table.add_row(key, "" if value is None else str(value))
        console.print(settings_table)

    emit(report, as_json, render)
    if not report["ok"]:
        raise typer.Exit(1)
