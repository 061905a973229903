"""The capable path on notes kept the way people keep them (evals/cases/drafting_notes.yaml): a good model's
draft, dates from dated headings included ("in March"), comes back as it wrote it."""

from __future__ import annotations

import pytest

from coach.config.prompts import load_data
from coach.config.settings import load_settings
from coach.llm.providers import make_chat_model
from evals.runner import Runner
from evals.schema import CASES_DIR, load_drafting
from tests.conftest import use_standin
from tests.doubles import HashingEmbeddings
from tests.standin import StandinServer

pytestmark = pytest.mark.integration


def _norm(text: str) -> str:
    return " ".join(text.split())


def test_good_drafts_on_varied_notes_come_back_as_written(monkeypatch, tmp_path):
    data = load_drafting(CASES_DIR / "drafting_notes.yaml")
    goals = load_data("goals")["goals"]

    def respond(request: dict) -> str:
        prompt = "\n".join(str(m.get("content", "")) for m in request["messages"] if m["role"] == "user")
        found = [c for c in data.cases if f"to {data.contact(c.to).name} (" in prompt
                 and (not c.context or " ".join(c.context.split()) in prompt)
                 and ("connection note" in prompt) == (c.channel == "linkedin-note")
                 and ("short email" in prompt) == (c.channel == "email")
                 and f"Goal: {goals[c.goal]['describe']}." in prompt]
        return found[0].reference if len(found) == 1 else "?"

    with StandinServer(respond, model="standin-capable") as server:
        use_standin(monkeypatch, tmp_path, server.url)
        settings = load_settings()
        report = Runner(settings, model=make_chat_model(settings.llm, settings), embeddings=HashingEmbeddings(),
                        candidates=1, drafting=data).run(("drafting",))
    kept = []
    for result in report.suites["drafting"].cases:
        case = next(c for c in data.cases if c.id == result.id)
        reference = case.reference.partition("\n")[2] if case.channel == "email" else case.reference
        kept.append(result.output.get("path") == "as-written" and _norm(result.output["body"]) == _norm(reference))
    assert sum(kept) / len(kept) >= 0.9, [(r.id, r.output.get("path"), r.error) for r, k in
                                          zip(report.suites["drafting"].cases, kept, strict=True) if not k]
