"""A message typed while the coach is drafting waits its turn: in Debian's Chromium against the real app, with an
OpenAI-compatible stand-in on loopback that answers slowly (nothing), a revision typed during the first draft is
shown as queued and answered after it, in order, and the first draft is not lost."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest

from coach.config.settings import load_settings
from coach.core.domain import Contact
from coach.crm.store import Store
from tests.conftest import free_port
from tests.standin import StandinServer
from tests.test_app_browser import DRAFT_TIMEOUT_MS, _app, _browser, _need_browser, _shot

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.integration]


def slow(request) -> str:
    time.sleep(8)  # long enough to type during the draft
    return ""


def test_a_message_typed_during_a_draft_is_queued_and_answered_after_it(tmp_path: Path, monkeypatch) -> None:
    _need_browser()
    from playwright.sync_api import expect

    home = tmp_path / "home"
    monkeypatch.setenv("COACH_HOME", str(home))
    store = Store.open(load_settings())
    priya = store.add_contact(Contact(first_name="Priya", last_name="Shah", company="Stripe",
                                      title="Product Manager", how_we_met="PyCon 2024 in Pittsburgh"))
    store.add_note(priya.id, "Talked about payments APIs and her team's move to streaming.", dt.date(2024, 5, 20))
    store.set_profile(name="Sam Carter", headline="Backend engineer")
    store.close()
    port = free_port()
    pw, browser = _browser()
    try:
        with StandinServer(slow, model="standin-slow") as server, \
                _app(home, port, env={"COACH_LLM": "openai/standin-slow", "COACH_LLM_BASE_URL": server.url,
                                      "OPENAI_API_KEY": "not-needed", "COACH_AGENT": "off"}):
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.set_default_timeout(120_000)
            page.goto(f"http://127.0.0.1:{port}/")  # the chat is the main page
            expect(page.get_by_role("heading", name="Chat with your coach")).to_be_visible()
            box = page.get_by_test_id("stChatInputTextArea")
            box.fill("Write a LinkedIn message to Priya Shah to reconnect")
            box.press("Enter")
            expect(page.get_by_test_id("stExpander").first).to_be_visible()  # the coach is working
            page.wait_for_timeout(1500)
            _shot(page, "16a-first-turn-running")
            box.fill("make it more formal")
            box.press("Enter")
            try:
                expect(page.get_by_text("Queued: answered after the one above.")).to_be_visible(timeout=20_000)
            finally:
                _shot(page, "16-queued-during-a-draft")
            cards = page.get_by_test_id("stChatMessage").filter(has=page.get_by_test_id("stCode"))
            expect(cards).to_have_count(2, timeout=DRAFT_TIMEOUT_MS)
            first, second = (cards.nth(i).get_by_test_id("stCode").inner_text() for i in range(2))
            assert first.startswith("Hi Priya,") and second.startswith("Dear Priya,"), (first, second)
            users = page.get_by_test_id("stChatMessage").filter(has_not=page.get_by_test_id("stCode"))
            said = [t for t in users.all_inner_texts() if "Priya Shah to reconnect" in t or "more formal" in t]
            assert said[0].endswith("Write a LinkedIn message to Priya Shah to reconnect") or \
                "reconnect" in said[0], said
            assert "more formal" in said[-1], said
            expect(page.get_by_text("Queued: answered after the one above.")).to_have_count(0)
            _shot(page, "17-both-turns-answered")
    finally:
        browser.close()
        pw.stop()
