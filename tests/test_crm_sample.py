"""The sample network is a demo workspace of its own: it never writes the user's store or profile, a real
"Marcus Lee" is never mixed with the sample's, and it is removed in one command."""

from __future__ import annotations

import json

import pytest

from coach.core.domain import Contact
from coach.core.errors import InputError
from coach.crm import sample
from tests.conftest import run_cli
from tests.fixtures_contacts import write_linkedin

REAL_MARCUS = [["Marcus", "Lee", "https://www.linkedin.com/in/marcus-lee-initech-fict", "", "Initech",
                "Data Engineer", "19 Sep 2023"]]


def test_the_sample_lives_apart_and_reads_the_users_profile(settings, store) -> None:
    store.set_profile(name="Jordan Blake", target_companies=["Globex"])
    store.add_contact(Contact(first_name="Marcus", last_name="Lee", company="Initech"))
    ws, demo, reports = sample.create(settings, store)
    assert ws.home.parent == settings.home / "sample" and ws.database_url is None and ws.chroma_url is None
    assert sum(r.created for r in reports) == 20 and len(demo.list_contacts()) == 20
    # The user's store: their one contact and their profile, exactly as before.
    assert [(c.name, c.company) for c in store.list_contacts()] == [("Marcus Lee", "Initech")]
    assert store.get_profile().name == "Jordan Blake" and store.get_profile().target_companies == ["Globex"]
    # The demo reads the user's profile (drafts signed with their name) and has none of its own.
    assert demo.get_profile().name == "Jordan Blake"
    # Each store resolves its own Marcus Lee: no mix-up.
    assert store.resolve_contact("Marcus Lee").company == "Initech"
    assert demo.resolve_contact("Marcus Lee").company == "Fabrikam"
    with pytest.raises(InputError, match="already loaded"):
        sample.create(settings, store)
    assert sample.remove(settings) is True
    assert sample.workspace(settings) is None and not (settings.home / "sample").exists()
    assert [c.name for c in store.list_contacts()] == ["Marcus Lee"] and store.get_profile().name == "Jordan Blake"
    assert sample.remove(settings) is False


def test_a_draft_to_a_sample_person_is_signed_with_the_users_name_or_neutrally(settings, store) -> None:
    from coach.retrieval.search import Retriever
    from coach.service import Coach
    from tests.doubles import HashingEmbeddings, ScriptedChatModel

    ws, demo, _ = sample.create(settings, store)
    coach = Coach(ws, store=demo, retriever=Retriever(ws, embeddings=HashingEmbeddings()),
                  model=ScriptedChatModel(responder=lambda m: "I still remember our chat."))
    unsigned = coach.draft("Priya Raman", "reconnect", "email")
    assert "Alex" not in unsigned.body and unsigned.body.rstrip().endswith("Best,")
    store.set_profile(name="Jordan Blake")
    signed = coach.draft("Priya Raman", "reconnect", "email")
    assert signed.body.rstrip().endswith("Best,\nJordan") and "Alex" not in signed.body


def test_remove_refuses_to_delete_files_it_did_not_make(settings, store) -> None:
    sample.create(settings, store)
    stranger = settings.home / "sample" / "my-notes.txt"
    stranger.write_text("mine", encoding="utf-8")
    with pytest.raises(InputError, match="did not create"):
        sample.remove(settings)
    assert stranger.exists() and sample.workspace(settings) is not None


def test_cli_load_import_and_remove_keep_the_users_contacts(tmp_path, coach_home) -> None:
    loaded = run_cli("sample", "load", "--json")
    assert loaded.returncode == 0, loaded.stderr
    result = json.loads(loaded.stdout)
    assert result["contacts"] == 20 and result["workspace"].startswith(str(coach_home / "sample"))
    assert run_cli("sample", "load").returncode == 2  # already loaded: refused, nothing written
    export = write_linkedin(tmp_path / "Connections.csv", REAL_MARCUS)
    assert run_cli("import", str(export)).returncode == 0
    people = json.loads(run_cli("contacts", "list", "--json").stdout)
    assert [(p["name"], p["company"]) for p in people] == [("Marcus Lee", "Initech")]  # no sample people here
    assert json.loads(run_cli("profile", "show", "--json").stdout)["name"] == ""  # no "Alex Morgan"
    refused = run_cli("sample", "remove")
    assert refused.returncode == 2 and "--yes" in refused.stderr
    removed = run_cli("sample", "remove", "--yes", "--json")
    assert json.loads(removed.stdout)["removed"] is True and not (coach_home / "sample").exists()
    people = json.loads(run_cli("contacts", "list", "--json").stdout)
    assert [(p["name"], p["company"]) for p in people] == [("Marcus Lee", "Initech")]
    again = run_cli("sample", "remove", "--yes", "--json")
    assert again.returncode == 0 and json.loads(again.stdout)["removed"] is False
