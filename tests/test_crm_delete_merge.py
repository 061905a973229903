"""Deleting and merging contacts: the store, the CLI (confirmation, --export first) and the search index."""

from __future__ import annotations

import datetime as dt
import json

from coach.core.domain import Contact, Interaction
from coach.retrieval.index import Index
from tests.conftest import run_cli
from tests.doubles import HashingEmbeddings


def _pair(store):
    keep = store.add_contact(Contact(first_name="Marcus", last_name="Lee", company="Initech",
                                     emails=["marcus@initech.example"], tags=["hiring"]))
    other = store.add_contact(Contact(first_name="Marc", last_name="Lee", title="Data Engineer",
                                      emails=["MARCUS@initech.example", "m.lee@home.example"], tags=["pycon"],
                                      how_we_met="PyCon 2023", connected_on=dt.date(2021, 5, 1)))
    store.add_note(keep.id, "Runs the data platform team.", dt.date(2024, 1, 5))
    store.add_note(other.id, "runs the data  platform team.", dt.date(2024, 1, 5))  # the same note
    store.add_note(other.id, "Wants to hire a staff engineer in spring.", dt.date(2024, 3, 1))
    store.add_interaction(other.id, Interaction(date=dt.date(2024, 6, 2), channel="call", summary="Catch-up call"))
    return keep, other


def test_merge_moves_notes_and_interactions_fills_fields_and_deletes_the_duplicate(store) -> None:
    keep, other = _pair(store)
    merged = store.merge_contacts(keep.id, other.id)
    assert merged.company == "Initech" and merged.title == "Data Engineer"  # kept, and filled where empty
    assert merged.how_we_met == "PyCon 2023" and merged.connected_on == dt.date(2021, 5, 1)
    assert merged.emails == ["marcus@initech.example", "m.lee@home.example"]  # joined, no case duplicate
    assert merged.tags == ["hiring", "pycon"]
    assert sorted(n.text for n in merged.notes) == ["Runs the data platform team.",
                                                    "Wants to hire a staff engineer in spring."]
    assert [i.summary for i in merged.interactions] == ["Catch-up call"]
    assert merged.last_contacted == dt.date(2024, 6, 2)
    assert [c.id for c in store.list_contacts()] == [keep.id]
    assert merged.field_sources["how_we_met"] == "manual"  # what the user typed stays theirs (imports keep off)


def test_the_index_forgets_deleted_and_merged_contacts(settings, store) -> None:
    keep, other = _pair(store)
    gone = store.add_contact(Contact(first_name="Ines", last_name="Kowalski", company="Globex"))
    index = Index(settings, HashingEmbeddings(), model_name="hashing")
    assert index.sync_store(store).total == 3
    store.delete_contact(gone.id)
    store.merge_contacts(keep.id, other.id)
    stats = index.sync_store(store)
    assert stats.removed == 2 and stats.total == 1
    ids, _, _ = index.load("contacts")
    assert ids == [str(keep.id)]


def test_cli_delete_asks_first_exports_on_request_and_nothing_else_is_lost(tmp_path) -> None:
    def cli(*args):
        return run_cli(*args)

    cli("contacts", "add", "--name", "Marcus Lee", "--company", "Initech", "--note", "Knows payments")
    cli("contacts", "add", "--name", "Ines Kowalski", "--company", "Globex")
    refused = cli("contacts", "delete", "Marcus Lee")
    assert refused.returncode == 2 and "--yes" in refused.stderr and refused.stdout == ""
    assert len(json.loads(cli("contacts", "list", "--json").stdout)) == 2  # nothing deleted
    copy = tmp_path / "marcus.csv"
    done = cli("contacts", "delete", "Marcus Lee", "--yes", "--export", str(copy), "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["deleted"]["name"] == "Marcus Lee" and result["exported"] == str(copy)
    assert [c["name"] for c in json.loads(cli("contacts", "list", "--json").stdout)] == ["Ines Kowalski"]
    assert cli("import", str(copy)).returncode == 0  # the copy brings him back, with his note
    back = json.loads(cli("contacts", "show", "Marcus Lee", "--json").stdout)
    assert [n["text"] for n in back["notes"]] == ["Knows payments"]
    bad = cli("contacts", "delete", "Ines", "--yes", "--export", str(tmp_path))  # a folder: refused first
    assert bad.returncode == 2 and "is a folder" in bad.stderr
    assert len(json.loads(cli("contacts", "list", "--json").stdout)) == 2


def test_cli_merge(tmp_path) -> None:
    run_cli("contacts", "add", "--name", "Marcus Lee", "--company", "Initech", "--note", "Runs the platform team")
    run_cli("contacts", "add", "--name", "Marc Lee", "--email", "m.lee@home.example", "--note", "Met at PyCon")
    assert run_cli("contacts", "merge", "1", "1", "--yes").returncode == 2
    assert run_cli("contacts", "merge", "Marcus Lee", "Marc Lee").returncode == 2  # no terminal, no --yes
    both = tmp_path / "both.csv"
    done = run_cli("contacts", "merge", "Marcus Lee", "Marc Lee", "--yes", "--export", str(both), "--json")
    assert done.returncode == 0, done.stderr
    kept = json.loads(done.stdout)["kept"]
    assert kept["company"] == "Initech" and kept["emails"] == ["m.lee@home.example"]
    assert sorted(n["text"] for n in kept["notes"]) == ["Met at PyCon", "Runs the platform team"]
    assert both.read_text(encoding="utf-8").count("Lee") >= 2
    assert [c["name"] for c in json.loads(run_cli("contacts", "list", "--json").stdout)] == ["Marcus Lee"]
