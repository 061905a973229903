"""Result lists filter: exact name/company/tag matches first, a relevance cut-off calibrated on the retrieval
eval, nothing for nonsense; the chat's ranking (`search`) is unchanged."""

from __future__ import annotations

import json

import pytest

from coach.retrieval.search import RELEVANCE
from tests.coach_world import make_world
from tests.conftest import run_cli

NONSENSE = "xyzzy quantum banana"


@pytest.fixture
def world():
    coach = make_world()
    coach.synced_retriever()
    return coach


def test_find_keeps_only_what_fits_exact_matches_first(world) -> None:
    r = world.retriever
    assert [h.title for h in r.find("payments", kind="contacts")] == ["Priya Raman"]  # her note says payments
    assert r.find(NONSENSE, kind="contacts") == [] and r.find(NONSENSE, kind="guidance") == []
    assert r.find(NONSENSE) == []
    stripe = r.find("Stripe", kind="contacts")
    assert [h.title for h in stripe] == ["Priya Raman"] and stripe[0].metadata["mentioned"]
    mentors = [h.title for h in r.find("mentor", kind="contacts")]
    assert set(mentors[:2]) == {"Priya Raman", "Elena Petrova"}  # the tag, exactly
    assert [h.title for h in r.find("Marcus Lee", kind="contacts")][0] == "Marcus Lee"


def test_search_still_ranks_everyone_for_the_chat(world) -> None:
    ranked = world.retriever.search("who do I know at Stripe", kind="contacts", k=4)
    assert ranked[0].title == "Priya Raman" and len(ranked) >= 2  # ranking, not filtering


@pytest.mark.slow
def test_the_cut_off_is_the_calibrated_one_on_the_retrieval_eval(settings) -> None:
    """The eval's labelled queries keep their answers under `find`; nonsense keeps nothing (real MiniLM)."""
    import tempfile
    from pathlib import Path

    from coach.retrieval.index import Index
    from coach.retrieval.search import Retriever
    from evals.retrieval import load_contact_cases, load_fixture_contacts, load_guidance_cases

    contacts, keys = load_fixture_contacts()
    with tempfile.TemporaryDirectory() as tmp:
        temp = settings.model_copy(update={"home": Path(tmp), "chroma_url": None})
        index = Index(temp)
        index.sync_guidance()
        index.sync_contacts(contacts, revision=0)
        r = Retriever(temp, index)
        found = []
        for case in load_contact_cases():
            kept = {keys[h.id] for h in r.find(case.query, kind="contacts", k=50)}
            found.append(len(kept & set(case.expected)) / len(case.expected))
        articles = [case.article in {h.source for h in r.find(case.query, kind="guidance", k=50)}
                    for case in load_guidance_cases()]
        assert sum(found) / len(found) >= 0.95, sum(found) / len(found)
        assert sum(articles) / len(articles) >= 0.98
        assert r.find(NONSENSE) == [] and r.find("recipe for banana bread", kind="guidance") == []
    assert RELEVANCE["contacts"]["dense"] > 0.27  # above the nonsense queries' best cosine (see RELEVANCE)


@pytest.mark.slow
def test_coach_search_for_nonsense_is_an_empty_list_and_exit_0() -> None:
    run_cli("contacts", "add", "--name", "Priya Raman", "--company", "Stripe", "--note", "Talked about payments")
    run_cli("contacts", "add", "--name", "Marcus Lee", "--company", "Initech")
    result = run_cli("search", NONSENSE, "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []
    people = run_cli("search", "payments", "--kind", "contacts", "--json")
    assert [h["title"] for h in json.loads(people.stdout)] == ["Priya Raman"]
    plain = run_cli("search", NONSENSE)
    assert plain.returncode == 0 and "No match" in plain.stdout
