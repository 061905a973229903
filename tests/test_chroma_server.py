"""The index against a real Chroma server (`chroma run`) on a free loopback port."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from coach.retrieval.index import Index
from coach.retrieval.search import Retriever
from tests.conftest import background_server, free_port
from tests.test_retrieval import people

CHROMA = shutil.which("chroma") or str(Path(sys.executable).parent / "chroma")


@pytest.mark.integration
def test_index_and_search_on_a_chroma_server(tmp_path, monkeypatch, fake_embeddings):
    from coach.config.settings import load_settings

    port = free_port()
    args = [CHROMA, "run", "--host", "127.0.0.1", "--port", str(port), "--path", str(tmp_path / "server")]
    with background_server(args, port, env={"ANONYMIZED_TELEMETRY": "False"}):
        monkeypatch.setenv("COACH_CHROMA_URL", f"http://127.0.0.1:{port}")
        settings = load_settings()
        index = Index(settings, fake_embeddings)
        assert "HttpClient" in type(index.client).__name__ or index.client.heartbeat()
        index.sync_guidance()
        stats = index.sync_contacts(people(), revision=1)
        assert stats.embedded == 5
        assert index.sync_contacts(people(), revision=1).embedded == 0
        retriever = Retriever(settings, index)
        hits = retriever.search("who do I know at Stripe", kind="contacts", k=3)
        assert {h.title for h in hits[:2]} == {"Priya Raman", "Daniel Okafor"}
        assert retriever.search("no reply after asking", kind="guidance", k=3)
        # nothing went to the embedded path under COACH_HOME
        assert not settings.chroma_path.exists()
