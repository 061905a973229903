"""Hybrid retrieval: tokenizer, fusion, mentions first, filters, freshness, and the real model."""

from __future__ import annotations

import json

import pytest

from coach.core.domain import Contact, Note
from coach.core.errors import InputError
from coach.retrieval.index import Index
from coach.retrieval.lexical import tokenize
from coach.retrieval.search import Retriever
from tests.conftest import run_cli


def people() -> list[Contact]:
    return [
        Contact(id=1, first_name="Priya", last_name="Raman", company="Stripe", title="Product Manager",
                tags=["fintech"], notes=[Note(text="Leads payments onboarding")]),
        Contact(id=2, first_name="Daniel", last_name="Okafor", company="Stripe", title="Staff Engineer",
                tags=["engineering"]),
        Contact(id=3, first_name="Kevin", last_name="Nguyen", company="Plaid", title="Solutions Engineer",
                tags=["fintech"], notes=[Note(text="Compared Stripe and Stripe APIs; Stripe Stripe Stripe fan")]),
        Contact(id=4, first_name="Zoë", last_name="Müller", company="Figma", title="Product Designer",
                tags=["design"], how_we_met="Met at KubeCon 2024 in Salt Lake City"),
        Contact(id=5, first_name="Arjun", last_name="Mehta", company="Datadog", title="SRE",
                tags=["kubernetes", "mentor"], notes=[Note(text="Mentor for data science careers")]),
    ]


@pytest.fixture
def retriever(settings, fake_embeddings):
    index = Index(settings, fake_embeddings)
    index.sync_guidance()
    index.sync_contacts(people(), revision=1)
    return Retriever(settings, index)


def test_tokenizer_lowercases_strips_punctuation_accents_and_stopwords():
    assert tokenize("Who do I know at Stripe?") == ["stripe"]
    assert tokenize("Met at KubeCon-2024, in Zürich!") == ["met", "kubecon", "2024", "zurich"]
    assert tokenize("mentors mentoring") == tokenize("mentor mentored")


def test_company_mention_ranks_that_companys_people_first(retriever):
    hits = retriever.search("who do I know at Stripe", kind="contacts", k=5)
    assert {h.title for h in hits[:2]} == {"Priya Raman", "Daniel Okafor"}
    assert hits[0].kind == "contact" and hits[0].source == f"contact:{hits[0].id}"
    # without the mention rule, the note that repeats "Stripe" wins on BM25 alone
    assert retriever.search_bm25("who do I know at Stripe", kind="contacts", k=1)[0].title == "Kevin Nguyen"


def test_name_mention_is_case_and_accent_insensitive(retriever):
    assert retriever.search("zoe muller", kind="contacts", k=3)[0].title == "Zoë Müller"


def test_rare_words_are_found_lexically(retriever):
    assert retriever.search("someone I met at kubecon", kind="contacts", k=1)[0].title == "Zoë Müller"


def test_filters_by_company_tag_and_theme(retriever):
    assert {h.id for h in retriever.search("engineer", kind="contacts", company="stripe")} == {"1", "2"}
    assert [h.id for h in retriever.search("someone", kind="contacts", tag="Mentor")] == ["5"]
    hits = retriever.search("what to do when nobody replies", kind="guidance", k=5, theme="support")
    assert hits and all(h.theme == "support" for h in hits)
    assert retriever.search("Stripe", kind="all", theme="support") and all(
        h.kind == "guidance" for h in retriever.search("Stripe", kind="all", theme="support"))


def test_guidance_hits_are_one_per_article(retriever):
    hits = retriever.search("follow up after no reply", kind="guidance", k=10)
    assert len(hits) == 10 and len({h.source for h in hits}) == 10
    assert all(h.source.startswith("knowledge/") and h.id.startswith(h.source + "#") for h in hits)
    assert all(h.snippet and len(h.snippet) <= 240 for h in hits)


def test_all_kinds_merge_by_score(retriever):
    hits = retriever.search("Stripe payments", kind="all", k=6)
    assert hits[0].kind == "contact" and {"guidance", "contact"} <= {h.kind for h in hits}
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_bad_input_is_refused(retriever):
    with pytest.raises(InputError):
        retriever.search("   ")
    with pytest.raises(InputError):
        retriever.search("x", kind="people")


def test_tables_reload_only_when_the_index_changes(retriever, monkeypatch):
    loads = []
    real = retriever.index.load
    monkeypatch.setattr(retriever.index, "load", lambda name: loads.append(name) or real(name))
    retriever.search("stripe", kind="contacts")
    retriever.search("design", kind="contacts")
    assert loads == ["contacts"]  # built once, then reused while the index is unchanged
    retriever.index.sync_contacts([*people(), Contact(id=9, first_name="Ada", last_name="Lovelace",
                                                      company="Analytical Engines")], revision=2)
    assert retriever.search("Analytical Engines", kind="contacts")[0].title == "Ada Lovelace"
    assert loads == ["contacts", "contacts"]


def test_ensure_synced_asks_the_store_only_for_its_revision(settings, fake_embeddings):
    class FakeStore:
        def __init__(self):
            self.rev, self.fetches = 1, 0

        def revision(self):
            return self.rev

        def all_contacts(self):
            self.fetches += 1
            return people()[: 2 + self.rev]

    store = FakeStore()
    retriever = Retriever(settings, Index(settings, fake_embeddings))
    retriever.ensure_synced(store)
    retriever.ensure_synced(store)
    assert store.fetches == 1
    store.rev = 2
    retriever.ensure_synced(store)
    assert store.fetches == 2 and retriever.index.count("contacts") == 4


# ------------------------------------------------------------ real MiniLM
THEME_QUERIES = {
    "opportunities": "how do I ask someone I barely know to refer me for a job",
    "mentorship": "how do I find a mentor and ask them",
    "visibility": "how to get the most out of a conference",
    "partnerships": "proposing a collaboration to another company",
    "support": "I was laid off, how do I tell my network",
    "craft": "how to write a good subject line for a cold email",
    "maintenance": "how often should I check in with people to keep relationships warm",
}


@pytest.fixture(scope="module")
def real_retriever(tmp_path_factory):
    from coach.config.settings import load_settings
    from evals.retrieval import load_fixture_contacts

    settings = load_settings(home=str(tmp_path_factory.mktemp("real-home")))
    index = Index(settings)
    index.sync_guidance()
    contacts, _ = load_fixture_contacts()
    index.sync_contacts(contacts, revision=1)
    return Retriever(settings, index)


@pytest.mark.slow
def test_real_model_who_do_i_know_at_stripe(real_retriever):
    hits = real_retriever.search("who do I know at Stripe", kind="contacts", k=5)
    assert [h.metadata["company"] for h in hits[:3]] == ["Stripe"] * 3
    assert hits[3].metadata["company"] != "Stripe"


@pytest.mark.slow
@pytest.mark.parametrize("theme", sorted(THEME_QUERIES))
def test_real_model_guidance_queries_return_their_theme_in_top_3(real_retriever, theme):
    hits = real_retriever.search(THEME_QUERIES[theme], kind="guidance", k=3)
    assert theme in {h.theme for h in hits}, [h.source for h in hits]


@pytest.mark.slow
def test_real_model_incremental_reindex(settings):
    from coach.llm.providers import make_embeddings

    calls: list[int] = []
    real = make_embeddings(settings.embeddings, settings)

    class Counting:
        def embed_documents(self, texts):
            calls.append(len(texts))
            return real.embed_documents(texts)

        def embed_query(self, text):
            return real.embed_query(text)

    index = Index(settings, Counting(), model_name=settings.embeddings)
    group = people()
    index.sync_contacts(group, revision=1)
    assert calls == [5]
    index.sync_contacts(group, revision=1)
    assert calls == [5]
    group[4].notes.append(Note(text="Now advises on machine learning interviews"))
    index.sync_contacts(group, revision=2)
    assert calls == [5, 1]
    index.sync_contacts(group[:3], revision=3)
    assert calls == [5, 1] and index.count("contacts") == 3
    hits = Retriever(settings, index).search("Arjun Mehta", kind="contacts")
    assert "Arjun Mehta" not in [h.title for h in hits]


@pytest.mark.slow
def test_changing_the_embeddings_backend_re_embeds_the_index_instead_of_mixing_vectors():
    import numpy as np

    from coach.config.settings import load_settings
    from coach.retrieval.index.access import CONTACTS
    from coach.retrieval.index.documents import contact_meaning

    torch_settings, int8_settings = (load_settings(embeddings_backend=b) for b in ("torch", "onnx-int8"))
    group = people()
    assert Index(torch_settings).sync_contacts(group, revision=1).embedded == 5
    index = Index(int8_settings)
    assert index.sync_contacts(group, revision=1).embedded == 5, "every vector is made again by the new backend"
    assert index.state(CONTACTS)["embeddings"] == "local/all-MiniLM-L6-v2+onnx-int8"
    stored = index.collection(CONTACTS).get(include=["embeddings", "documents"])
    fresh = index.embeddings.embed_documents([contact_meaning(d) for d in stored["documents"]])
    assert np.allclose(stored["embeddings"], fresh, atol=1e-5), "no vector of the torch backend is left"
    assert Retriever(int8_settings, index).search_dense("mentor for data science careers", kind="contacts")[0].title \
        == "Arjun Mehta"
    assert Index(int8_settings).sync_contacts(group, revision=1).embedded == 0, "same backend: nothing to redo"
    assert Index(torch_settings).sync_contacts(group, revision=1).embedded == 5, "and back again"


@pytest.mark.slow
def test_cli_search_puts_stripe_contacts_first(settings):
    from coach.crm.store import Store

    store = Store.open(settings)
    for contact in people():
        store.add_contact(contact.model_copy(update={"id": None}))
    done = run_cli("search", "who do I know at Stripe", "--kind", "contacts", "--json")
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    assert {r["title"] for r in rows[:2]} == {"Priya Raman", "Daniel Okafor"}
    assert set(rows[0]) == {"kind", "id", "title", "theme", "score", "snippet", "source"}

    # a note added through the CLI is searchable right away
    noted = run_cli("contacts", "note", "Zoë Müller", "Introduced me to the Quetzalcoatl project")
    assert noted.returncode == 0, noted.stderr
    found = json.loads(run_cli("search", "Quetzalcoatl", "--kind", "contacts", "--json").stdout)
    assert found[0]["title"] == "Zoë Müller"

    index = run_cli("index", "--json")
    assert index.returncode == 0, index.stderr
    report = json.loads(index.stdout)
    assert report["contacts"] == 5 and report["guidance_chunks"] > 100
