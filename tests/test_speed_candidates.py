"""Fast drafts (issue 15): candidates decoded together, a draft that embeds nothing it does not need, and
query vectors that survive the process. Speed itself is measured in benchmarks/, never asserted here."""

from __future__ import annotations

import json

import pytest

from coach.retrieval.search import Retriever
from tests.coach_world import make_world
from tests.doubles import HashingEmbeddings, ScriptedChatModel

HOOK = "Hi Priya, great talking about payments APIs and your move to Dublin!"


class TogetherModel(ScriptedChatModel):
    """A scripted model that, like the embedded one, writes all candidates in one call."""

    batches: list = []  # each call's per-candidate arguments

    def candidates(self, messages, params, on_token=None):
        self.batches.append([dict(p) for p in params])
        replies = [str(self.invoke(messages, **p).content) for p in params]
        if on_token:
            for word in replies[0].split(" "):
                on_token(word + " ")
        return replies


def test_the_embedded_drafter_asks_for_every_candidate_in_one_call_with_its_own_seed():
    model = TogetherModel(responses=[HOOK] * 8, batches=[])
    coach = make_world(model)
    streamed: list[str] = []
    draft = coach.draft("Priya Raman", "referral", "linkedin-note", on_token=streamed.append)
    again = coach.draft("Priya Raman", "referral", "linkedin-note")
    assert len(model.batches) == 2 and [len(b) for b in model.batches] == [4, 4]
    first = model.batches[0]
    assert [p["seed"] for p in first] == [1000, 1001, 1002, 1003], "a seed per candidate, the same every draft"
    assert first == model.batches[1], "the same request samples the same way: the same draft"
    assert first[0]["temperature"] < first[1]["temperature"], "the first candidate is the careful one"
    assert all(p["max_tokens"] == first[0]["max_tokens"] for p in first)
    assert "".join(streamed).strip() == HOOK, "the first candidate still streams to the user"
    assert draft.body == again.body and draft.path == "template" and HOOK not in draft.body  # counted, never sent


def test_a_model_without_batch_candidates_is_called_once_per_candidate():
    model = ScriptedChatModel(responses=[HOOK] * 4)
    make_world(model).draft("Priya Raman", "referral", "linkedin-note")
    model.assert_complete()


class CountingEmbeddings(HashingEmbeddings):
    """Fake embeddings that count what they were asked to embed."""

    def __init__(self):
        super().__init__()
        self.queries: list[str] = []
        self.documents = 0

    def embed_query(self, text):
        self.queries.append(text)
        return super().embed_query(text)

    def embed_documents(self, texts):
        self.documents += len(texts)
        return super().embed_documents(texts)


def test_a_query_asked_before_needs_no_embedding_model_in_a_new_process(settings):
    first = Retriever(settings, embeddings=CountingEmbeddings())
    first.ensure_synced()
    before = first.search("asking a stranger for a referral", kind="guidance", k=3)
    assert first.index.embeddings.queries == ["asking a stranger for a referral"]

    fresh = CountingEmbeddings()
    second = Retriever(settings, embeddings=fresh)  # what a new `coach draft` process builds
    after = second.search("asking a stranger for a referral", kind="guidance", k=3)
    assert fresh.queries == [], "the cached vector served the query"
    assert [h.id for h in after] == [h.id for h in before] and [h.score for h in after] == [h.score for h in before]
    second.search("thanking a mentor", kind="guidance", k=3)
    assert fresh.queries == ["thanking a mentor"], "a new query is embedded (and then kept)"


def test_a_damaged_query_cache_is_ignored_and_rewritten(settings):
    path = settings.home / "query-vectors.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{not json", encoding="utf-8")
    retriever = Retriever(settings, embeddings=HashingEmbeddings())
    retriever.ensure_synced()
    assert retriever.search("following up after no reply", kind="guidance", k=2)
    kept = json.loads(path.read_text(encoding="utf-8"))
    assert list(kept) == [retriever.index.model_name] and "following up after no reply" in kept[retriever.index.model_name]


def test_a_guidance_question_answered_before_opens_no_index_and_a_changed_corpus_asks_again(settings, tmp_path):
    import shutil

    corpus = tmp_path / "knowledge"
    shutil.copytree(settings.knowledge_dir, corpus)
    settings = settings.model_copy(update={"knowledge_dir": corpus})
    first = Retriever(settings, embeddings=CountingEmbeddings())
    before = first.guidance("asking a stranger for a referral", k=3)
    assert len(before) == 3 and first.index.embeddings.documents > 100, "the first question syncs the corpus"

    fresh = Retriever(settings, embeddings=CountingEmbeddings())  # what a new `coach draft` process builds
    fresh.index.collection = None  # any use of the index now fails the test
    assert [h.model_dump() for h in fresh.guidance("asking a stranger for a referral", k=3)] == \
        [h.model_dump() for h in before]

    article = next(corpus.rglob("*.md"))
    article.write_text(article.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    again = Retriever(settings, embeddings=CountingEmbeddings())
    assert len(again.guidance("asking a stranger for a referral", k=3)) == 3
    assert again.index.embeddings.documents >= 1, "an edited corpus is synced and searched, not read back"


def test_a_cold_draft_process_imports_no_index_or_stemmer_when_guidance_was_asked_before(tmp_path):
    """The process `coach draft` runs, a second time: the draft's guidance answer is on disk."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    code = (
        "import sys\n"
        "from coach.service import Coach\n"
        "from coach.retrieval.search import Retriever\n"
        "from coach.config.settings import load_settings\n"
        "from tests.doubles import HashingEmbeddings, ScriptedChatModel\n"
        "settings = load_settings()\n"
        f"model = ScriptedChatModel(responses=[{HOOK!r}] * 8)\n"
        "if sys.argv[1] == 'first':\n"
        "    from tests.coach_world import make_world\n"
        "    coach = make_world(model)\n"
        "else:\n"
        "    coach = Coach(settings, retriever=Retriever(settings, embeddings=HashingEmbeddings()), model=model)\n"
        "draft = coach.draft('Priya Raman', 'referral', 'linkedin-note')\n"
        "print(bool(draft.body and draft.citations), "
        "sorted(m for m in ('chromadb', 'torch', 'nltk', 'textstat') if m in sys.modules))\n")
    env = {**os.environ, "COACH_HOME": str(tmp_path / "home"), "PYTHONPATH": str(root)}
    runs = [subprocess.run([sys.executable, "-c", code, which], capture_output=True, text=True, cwd=root, env=env,
                           timeout=300, check=False) for which in ("first", "second")]
    assert all(r.returncode == 0 for r in runs), runs[-1].stderr[-2000:]
    assert runs[0].stdout.split(" ", 1)[0] == "True" and "chromadb" in runs[0].stdout, "the first one indexes"
    assert runs[1].stdout.strip() == "True []", runs[1].stdout


def test_a_draft_does_not_embed_a_changed_contact_first():
    embeddings = CountingEmbeddings()
    coach = make_world(ScriptedChatModel(responses=[HOOK] * 8))
    coach._retriever = Retriever(coach.settings, embeddings=embeddings)
    coach.__dict__.pop("retriever", None)
    coach.synced_retriever()  # the index as the app leaves it
    indexed = embeddings.documents
    priya = coach.store.resolve_contact("Priya Raman")
    coach.store.add_note(priya.id, "Moved to the Dublin office in March.")
    draft = coach.draft("Priya Raman", "referral", "linkedin-note")
    assert draft.body and embeddings.documents == indexed, "drafting searched guidance only; no contact embedded"
    coach.synced_retriever()
    assert embeddings.documents == indexed + 1, "the next search still brings the changed contact up to date"


# ---------------------------------------------------------------- the embedded model itself
@pytest.fixture(scope="module")
def smollm():
    from coach.llm.providers import make_chat_model

    return make_chat_model("llamacpp/smollm2")



def _messages():
    from langchain_core.messages import HumanMessage, SystemMessage

    return [SystemMessage("You write short, friendly professional messages."),
            HumanMessage("Write one sentence thanking Priya for her advice on payments APIs.")]


@pytest.mark.slow
def test_candidates_together_are_deterministic_and_a_single_one_matches_a_plain_call(smollm):
    params = [{"max_tokens": 24, "temperature": 0.7 if i else 0.3, "seed": 1000 + i} for i in range(4)]
    first = smollm.candidates(_messages(), params)
    again = smollm.candidates(_messages(), params)
    assert first == again, "the same seeds give the same candidates"
    assert len(first) == 4 and all(text.strip() for text in first)
    assert len(set(first)) > 1, "each candidate samples on its own"
    tokenize = smollm._llama.tokenize
    assert all(len(tokenize(t.encode(), add_bos=False)) <= 25 for t in first), "max_tokens holds per candidate"
    greedy = {"max_tokens": 20, "temperature": 0.0}
    assert smollm.candidates(_messages(), [greedy]) == [str(smollm.invoke(_messages(), **greedy).content)], \
        "one candidate is exactly what create_chat_completion writes for the same prompt"


@pytest.mark.slow
def test_candidates_stream_the_first_and_stop_at_a_stop_string(smollm):
    pieces: list[str] = []
    params = [{"max_tokens": 20, "temperature": 0.3, "seed": 7}, {"max_tokens": 20, "temperature": 0.7, "seed": 8}]
    texts = smollm.candidates(_messages(), params, on_token=pieces.append)
    assert "".join(pieces) == texts[0]
    # the same request with a stop string: compared at the same batch shape (one candidate), because llama.cpp
    # picks its matrix kernels by batch size and a one-row step may round differently from a two-row one
    full = smollm.candidates(_messages(), [params[0]])[0]
    stop = " " + full.split()[3]  # a word the model writes: the reply must end just before it
    cut = smollm.candidates(_messages(), [{**params[0], "stop": [stop]}])[0]
    assert cut == full[:full.index(stop)] and len(cut) < len(full)
    assert smollm.candidates(_messages(), []) == []
