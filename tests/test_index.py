"""The index: contact documents, incremental sync by content hash, deletions, store revisions."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from coach.core.domain import Contact, Interaction, Note
from coach.retrieval.index import Index
from coach.retrieval.index.access import CONTACTS, GUIDANCE
from coach.retrieval.index.documents import contact_document
from coach.retrieval.index.sync import EMBED_BATCH
from tests.doubles import HashingEmbeddings

REPO = Path(__file__).resolve().parent.parent


class CountingEmbeddings(HashingEmbeddings):
    """Fake embeddings that record every batch they were asked to embed."""

    def __init__(self):
        super().__init__()
        self.batches: list[list[str]] = []

    def embed_documents(self, texts):
        self.batches.append(list(texts))
        return super().embed_documents(texts)

    @property
    def embedded(self) -> int:
        return sum(len(b) for b in self.batches)


def person(i: int, **extra) -> Contact:
    return Contact(id=i, first_name=f"Person{i}", last_name="Example", company=f"Company{i % 7}",
                   title="Engineer", notes=[Note(text=f"note number {i}")], **extra)


@pytest.fixture
def counting():
    return CountingEmbeddings()


@pytest.fixture
def index(settings, counting):
    return Index(settings, counting)


@pytest.fixture
def small_corpus(settings, tmp_path):
    """A private copy of three real articles, so tests can edit and delete them."""
    root = tmp_path / "knowledge"
    for rel in ("support/no-reply-after-an-ask.md", "mentorship/finding-a-mentor.md",
                "opportunities/referral-from-a-weak-tie.md"):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / "coach" / "resources" / "knowledge" / rel, root / rel)
    return settings.model_copy(update={"knowledge_dir": root}), root


def test_contact_document_carries_everything_worth_finding():
    contact = Contact(
        id=3, first_name="Zoë", last_name="Müller", company="Figma", title="Product Designer",
        tags=["design", "berlin"], location="Berlin", how_we_met="Met at KubeCon 2024",
        notes=[Note(text="Runs a design critique meetup", date=dt.date(2024, 5, 1))],
        interactions=[Interaction(date=dt.date(2024, 6, 2), channel="email", summary="Sent her my portfolio")],
    )
    doc = contact_document(contact)
    for fragment in ("Zoë Müller", "Product Designer at Figma", "design, berlin", "Location: Berlin",
                     "How we met: Met at KubeCon 2024", "2024-05-01: Runs a design critique meetup",
                     "Interactions: 1, most recent 2024-06-02 by email", "Sent her my portfolio"):
        assert fragment in doc


def test_sync_contacts_embeds_only_what_changed_and_removes_deletions(index, counting):
    people = [person(i) for i in range(1, 6)]
    first = index.sync_contacts(people, revision=1)
    assert (first.total, first.embedded, first.removed) == (5, 5, 0)
    assert index.count(CONTACTS) == 5

    counting.batches.clear()
    again = index.sync_contacts(people, revision=1)
    assert (again.embedded, again.unchanged) == (0, 5)
    assert counting.batches == []

    people[2].notes.append(Note(text="met at KubeCon 2024"))
    changed = index.sync_contacts(people, revision=2)
    assert changed.embedded == 1
    assert len(counting.batches) == 1 and "KubeCon" in counting.batches[0][0]

    gone = index.sync_contacts(people[:3], revision=3)
    assert (gone.removed, gone.embedded) == (2, 0)
    assert sorted(index.collection(CONTACTS).get()["ids"]) == ["1", "2", "3"]
    assert index.contacts_revision() == 3


def test_embeddings_are_batched(index, counting):
    n = EMBED_BATCH + 72
    index.sync_contacts([person(i) for i in range(1, n + 1)], revision=1)
    assert [len(b) for b in counting.batches] == [EMBED_BATCH, 72]
    assert EMBED_BATCH >= 64


def test_contact_without_id_is_refused_with_advice(index):
    from coach.core.errors import InputError

    with pytest.raises(InputError, match="save it in the store"):
        index.sync_contacts([Contact(first_name="Nobody")])


def test_state_token_changes_only_when_the_collection_does(index):
    index.sync_contacts([person(1)], revision=1)
    token = index.token(CONTACTS)
    index.sync_contacts([person(1)], revision=1)
    assert index.token(CONTACTS) == token
    index.sync_contacts([person(1), person(2)], revision=2)
    assert index.token(CONTACTS) != token


def test_sync_store_costs_one_revision_query_when_nothing_changed(settings, index, counting):
    from coach.crm.store import Store

    store = Store.open(settings)
    for i in range(1, 4):
        store.add_contact(person(i).model_copy(update={"id": None}))
    first = index.sync_store(store)
    assert first.embedded == 3

    class Spy:
        def __init__(self, inner):
            self.inner, self.calls = inner, []

        def revision(self):
            self.calls.append("revision")
            return self.inner.revision()

        def all_contacts(self):
            self.calls.append("all_contacts")
            return self.inner.all_contacts()

    spy = Spy(store)
    counting.batches.clear()
    assert index.sync_store(spy).skipped
    assert spy.calls == ["revision"] and counting.batches == []

    target = store.all_contacts()[0]
    store.add_note(target.id, "Now leads the Stripe partnerships team")
    again = index.sync_store(spy)
    assert again.embedded == 1 and spy.calls[-1] == "all_contacts"
    assert "Stripe partnerships" in counting.batches[-1][0]


def test_sync_guidance_is_incremental_and_removes_deleted_articles(small_corpus, counting):
    settings, root = small_corpus
    index = Index(settings, counting)
    first = index.sync_guidance()
    assert first.embedded == first.total > 3 and index.count(GUIDANCE) == first.total

    counting.batches.clear()
    assert index.sync_guidance().skipped and counting.batches == []

    path = root / "support/no-reply-after-an-ask.md"
    path.write_text(path.read_text().replace("Wait five to seven working days", "Wait a full week"))
    edited = index.sync_guidance()
    assert edited.embedded == 1 and "Wait a full week" in counting.batches[-1][0]

    (root / "mentorship/finding-a-mentor.md").unlink()
    removed = index.sync_guidance()
    assert removed.removed >= 3 and removed.embedded == 0
    sources = {m["source"] for m in index.collection(GUIDANCE).get()["metadatas"]}
    assert "knowledge/mentorship/finding-a-mentor.md" not in sources


def test_changing_the_embedding_model_reindexes_everything(settings):
    Index(settings, HashingEmbeddings(64), model_name="fake/a").sync_contacts([person(1), person(2)])
    other = CountingEmbeddings()
    stats = Index(settings, other, model_name="fake/b").sync_contacts([person(1), person(2)])
    assert stats.embedded == 2 and other.embedded == 2


def test_rebuild_recreates_both_collections(small_corpus, counting):
    settings, _ = small_corpus
    index = Index(settings, counting)
    index.sync_guidance()
    index.sync_contacts([person(1), person(2)], revision=4)
    counting.batches.clear()
    guidance, contacts = index.rebuild([person(1)], revision=5)
    assert guidance.embedded == guidance.total and contacts.embedded == 1
    assert index.count(CONTACTS) == 1 and index.contacts_revision() == 5


def test_a_second_index_takes_the_corpus_vectors_from_the_machines_cache(settings, tmp_path, monkeypatch):
    """The guidance corpus is embedded once per machine and model: a new COACH_HOME (the sample's workspace,
    another user home) takes the vectors from the cache; contacts' vectors are never kept there."""
    from coach.config.settings import load_settings
    from coach.llm import providers

    made: list[CountingEmbeddings] = []

    def make(name, settings=None):
        made.append(CountingEmbeddings())
        return made[-1]

    monkeypatch.setattr(providers, "make_embeddings", make)
    monkeypatch.setattr(providers, "model_cache", lambda: tmp_path / "cache" / "models")
    first = Index(settings, model_name="test/counting")
    first.sync_guidance()
    first.sync_contacts([person(1), person(2)])
    assert made[0].embedded > 100

    other = load_settings(home=str(tmp_path / "second-home"))
    second = Index(other, model_name="test/counting")
    stats = second.sync_guidance()
    assert stats.embedded == stats.total > 100 and sum(m.embedded for m in made[1:]) == 0, "all from the cache"
    second.sync_contacts([person(1), person(2)])
    assert sum(m.embedded for m in made[1:]) == 2, "contacts are embedded in their own home, never cached"
    query = made[0].embed_query("asking for a referral")
    ours = first.collection(GUIDANCE).query(query_embeddings=[query], n_results=3)["ids"]
    theirs = second.collection(GUIDANCE).query(query_embeddings=[query], n_results=3)["ids"]
    assert ours == theirs

    renamed = Index(load_settings(home=str(tmp_path / "third-home")), model_name="test/other-model")
    renamed.sync_guidance()
    assert made[-1].embedded > 100, "another model's vectors are never taken"

    class Smaller(CountingEmbeddings):  # other weights behind the same name: a test double, a swapped file
        def __init__(self):
            HashingEmbeddings.__init__(self, 64)
            self.batches = []

    monkeypatch.setattr(providers, "make_embeddings", lambda name, settings=None: made.append(Smaller()) or made[-1])
    swapped = Index(load_settings(home=str(tmp_path / "fourth-home")), model_name="test/counting")
    swapped.sync_guidance()
    assert made[-1].embedded > 100, "vectors are shared only with the same model, whatever its name"


def test_a_damaged_vector_cache_only_costs_the_time(tmp_path):
    from coach.retrieval.vector_cache import VectorCache

    cache = VectorCache(tmp_path, "test/m")
    cache.put(["a", "b"], [[1.0, 2.0], [3.0, 4.0]])
    assert cache.get(["a", "b", "c"]) == {"a": [1.0, 2.0], "b": [3.0, 4.0]}
    cache.path.write_bytes(b"not a database" * 100)
    assert cache.get(["a"]) == {}
    cache.put(["a"], [[1.0, 2.0]])  # no error: the cache is only a shortcut


def test_the_dense_search_is_exact_enough_to_repeat_even_on_an_index_built_before(index):
    """An index built with Chroma's default ef_search (100) is moved to EF_SEARCH when it is opened, so two builds
    of the same index rank alike deep down (measured: at 100 two builds of the guidance index disagreed at ranks
    10-20 of a 50-deep dense ranking)."""
    from coach.retrieval.index.access import EF_SEARCH

    with index.using():
        index.client.get_or_create_collection(CONTACTS, embedding_function=None,
                                              configuration={"hnsw": {"space": "cosine"}})
    assert index.client.get_collection(CONTACTS).configuration["hnsw"]["ef_search"] == 100
    index.sync_contacts([person(i) for i in range(1, 4)], revision=1)
    assert index.collection(CONTACTS).configuration["hnsw"]["ef_search"] == EF_SEARCH
    assert index.client.get_collection(CONTACTS).configuration["hnsw"]["ef_search"] == EF_SEARCH
    assert EF_SEARCH > 100
