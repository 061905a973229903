"""The index under concurrent use and after damage: one writer at a time, a fresh view of another
process's writes, every kind of damaged file named in one sentence, and `--rebuild` that repairs it."""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from coach.core.domain import Contact, Note
from coach.retrieval.chroma import WAITING, IndexDamagedError
from coach.retrieval.index import Index
from coach.retrieval.index.access import CONTACTS
from coach.retrieval.search import Retriever
from tests.doubles import HashingEmbeddings

REPO = Path(__file__).resolve().parent.parent
N_BUILT = 1200  # above Chroma's sync threshold (1000), so the vector files (pickle included) are on disk

SYNC_SCRIPT = textwrap.dedent("""
    from coach.retrieval.index import Index
    from coach.config.settings import load_settings
    from coach.crm.store import Store
    from tests.doubles import HashingEmbeddings

    settings = load_settings()
    stats = Index(settings, HashingEmbeddings(), model_name="hashing").sync_store(Store.open(settings))
    print(stats.embedded, stats.total, stats.skipped)
""")


def person(i: int) -> Contact:
    return Contact(first_name=f"Person{i}", last_name="Example", company=f"Company{i % 11}", title="Engineer",
                   notes=[Note(text=f"Talked about project {i} and payments APIs")])


def hashing_index(settings) -> Index:
    return Index(settings, HashingEmbeddings(), model_name="hashing")


def spawn(home: Path) -> subprocess.Popen:
    env = {**os.environ, "COACH_HOME": str(home), "PYTHONPATH": str(REPO)}
    return subprocess.Popen([sys.executable, "-c", SYNC_SCRIPT], env=env, cwd=REPO, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def test_a_second_writer_waits_says_so_and_finds_the_work_done(settings, store):
    for i in range(30):
        store.add_contact(person(i))
    index = hashing_index(settings)
    with index.writing():  # this process is indexing; another one starts
        other = spawn(settings.home)
        said = other.stderr.readline()  # it waits for us instead of writing beside us
        assert said.strip() == WAITING and other.poll() is None
        stats = index.sync_store(store)
    out, err = other.communicate(timeout=60)
    assert stats.embedded == 30
    assert other.returncode == 0 and out.split() == ["0", "30", "True"]  # nothing embedded twice
    assert index.count(CONTACTS) == 30


def test_a_process_sees_contacts_another_process_indexed(settings, store):
    for i in range(20):
        store.add_contact(person(i))
    retriever = Retriever(settings, hashing_index(settings))
    retriever.ensure_synced(store)
    assert not retriever.search_dense("Person25 Example", kind="contacts", k=1)[0].title.startswith("Person25")

    store.add_contact(person(25))
    other = spawn(settings.home)  # e.g. `coach index` while the app stays open
    out, _ = other.communicate(timeout=60)
    assert out.split()[:2] == ["1", "21"]
    hit = retriever.search_dense("Person25 Example project 25", kind="contacts", k=1)[0]
    assert hit.title == "Person25 Example"  # the vectors written by the other process, not a stale copy


# ------------------------------------------------------------------------ damage
@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """A COACH_HOME with the real knowledge/ and N_BUILT contacts indexed (built once, copied per test)."""
    from coach.config.settings import Settings
    from coach.crm.store import Store

    home = tmp_path_factory.mktemp("built") / "home"
    settings = Settings(_env_file=None, COACH_HOME=str(home))
    settings.ensure_home()
    store = Store.open(settings)
    for i in range(N_BUILT):
        store.add_contact(person(i))
    index = hashing_index(settings)
    index.sync_guidance()
    index.sync_store(store)
    store.close()
    return home


def _segment(home: Path) -> Path:
    """The contacts collection's vector segment directory."""
    conn = sqlite3.connect(home / "chroma" / "chroma.sqlite3")
    try:
        (seg,) = conn.execute("SELECT s.id FROM segments s JOIN collections c ON s.collection = c.id "
                              "WHERE c.name = 'contacts' AND s.scope = 'VECTOR'").fetchone()
    finally:
        conn.close()
    return home / "chroma" / seg


def _truncate(path: Path, size: int) -> None:
    with path.open("r+b") as fh:
        fh.truncate(size)


def _scramble(path: Path) -> None:
    data = bytearray(path.read_bytes())
    rng = random.Random(1)
    for _ in range(2000):
        data[rng.randrange(100, len(data))] = rng.randrange(256)
    path.write_bytes(bytes(data))


DAMAGE = {
    "truncated chroma.sqlite3": lambda home: _truncate(home / "chroma" / "chroma.sqlite3", 40_000),
    "scrambled chroma.sqlite3": lambda home: _scramble(home / "chroma" / "chroma.sqlite3"),
    "truncated index_metadata.pickle": lambda home: _truncate(_segment(home) / "index_metadata.pickle", 100),
    "truncated header.bin": lambda home: _truncate(_segment(home) / "header.bin", 20),
    "truncated data_level0.bin": lambda home: _truncate(
        _segment(home) / "data_level0.bin", (_segment(home) / "data_level0.bin").stat().st_size // 2),
}


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_damaged_index_is_named_in_one_sentence_and_rebuild_repairs_it(damage, built, settings, coach_home):
    from coach.crm.store import Store

    shutil.rmtree(coach_home, ignore_errors=True)
    shutil.copytree(built, coach_home)
    segment = _segment(coach_home)
    assert (segment / "index_metadata.pickle").is_file()
    DAMAGE[damage](coach_home)
    # This process has never opened these files: it meets the damage as a new process would.
    with pytest.raises(IndexDamagedError) as doctor_says:
        hashing_index(settings).verify(Store.open(settings))
    message = str(doctor_says.value)
    assert "is damaged" in message and "coach index --rebuild" in message and "\n" not in message

    with pytest.raises(IndexDamagedError, match="coach index --rebuild"):
        retriever = Retriever(settings, hashing_index(settings))
        retriever.search_dense("Person7 Example", kind="contacts")

    store = Store.open(settings)
    index = hashing_index(settings)
    guidance, contacts = index.rebuild(store.all_contacts(), store.revision())
    assert contacts.embedded == N_BUILT and guidance.embedded == guidance.total > 100
    assert len(store.list_contacts()) == N_BUILT  # the store is never touched
    assert "found again by a real query" in index.verify(store)
    # HNSW search is approximate and its graph depends on insertion threads: among 1,200 near-identical test
    # people the exact one is found in the first few, not always first (it failed 2 of 3 full runs under load,
    # and once in the top 5 on a fresh clone in session 20): the top 10 of 1,200
    hits = Retriever(settings, index).search_dense("Person7 Example project 7", kind="contacts", k=10)
    assert "Person7 Example" in [h.title for h in hits]


def test_verify_names_vectors_that_no_longer_match_their_text(settings, store):
    """Files can be sound while the vectors are wrong (a half-written sync, another model's vectors):
    real queries for stored items then find something else, and doctor says the index is damaged."""
    for i in range(30):
        store.add_contact(person(i))
    index = hashing_index(settings)
    index.sync_store(store)
    assert index.verify(store).endswith("6 found again by a real query")

    col = index.collection(CONTACTS)
    got = col.get(include=["embeddings"])
    ids, vectors = got["ids"], list(got["embeddings"])
    col.update(ids=ids[:1], embeddings=[[-v for v in vectors[0]]])  # one item astray: HNSW-sized doubt, not damage
    assert "found again by a real query" in index.verify(store)
    col.update(ids=ids, embeddings=[list(v) for v in vectors[7:] + vectors[:7]])  # every vector on another's text
    with pytest.raises(IndexDamagedError, match=r"searching contacts for 6 stored items missed [4-6]"):
        index.verify(store)


SEARCH_SCRIPT = textwrap.dedent("""
    import sys
    from coach.retrieval.chroma import IndexDamagedError
    from coach.retrieval.index import Index
    from coach.retrieval.search import Retriever
    from coach.config.settings import load_settings
    from tests.doubles import HashingEmbeddings

    try:
        Retriever(load_settings(), Index(load_settings(), HashingEmbeddings(), model_name="hashing")).search_dense(
            "Person7 Example", kind="contacts")
    except IndexDamagedError as exc:
        print(exc, file=sys.stderr)
        sys.exit(2)
    print("searched")
""")


def test_a_fresh_process_meets_a_scrambled_database_with_one_sentence_never_an_abort(built, coach_home):
    shutil.rmtree(coach_home, ignore_errors=True)
    shutil.copytree(built, coach_home)
    env = {**os.environ, "COACH_HOME": str(coach_home), "PYTHONPATH": str(REPO)}
    sound = subprocess.run([sys.executable, "-c", SEARCH_SCRIPT], env=env, cwd=REPO, text=True, capture_output=True,
                           timeout=120, check=False)
    assert sound.returncode == 0 and sound.stdout.strip() == "searched", sound.stderr[-1500:]
    assert (coach_home / "index.checked").is_file(), "the sound file is remembered: the next process skips the check"

    _scramble(coach_home / "chroma" / "chroma.sqlite3")
    hurt = subprocess.run([sys.executable, "-c", SEARCH_SCRIPT], env=env, cwd=REPO, text=True, capture_output=True,
                          timeout=120, check=False)
    assert hurt.returncode == 2, (hurt.returncode, hurt.stderr[-1500:])
    assert "is damaged" in hurt.stderr and "coach index --rebuild" in hurt.stderr


def test_the_database_check_runs_once_per_change_of_the_file(settings, store, monkeypatch):
    import coach.retrieval.chroma as chroma

    for i in range(5):
        store.add_contact(person(i))
    index = hashing_index(settings)
    index.sync_store(store)
    lock, path = index.lock, index.lock.chroma_path
    calls = []
    real = chroma.damaged_database
    monkeypatch.setattr(chroma, "damaged_database", lambda p: calls.append(p) or real(p))
    (settings.home / "index.checked").unlink(missing_ok=True)
    assert lock._database_problem(path) is None and lock._database_problem(path) is None
    assert len(calls) == 1, "a file found sound is not read again while it stays the same"
    db = path / "chroma.sqlite3"
    os.utime(db, ns=(db.stat().st_atime_ns, db.stat().st_mtime_ns + 1_000_000))
    assert lock._database_problem(path) is None and len(calls) == 2, "a changed file is checked again"
