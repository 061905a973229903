"""The app's Draft button sends a typed request (the contact's id), so with two people of one name the button on
the second person's page drafts to that person, in Debian's Chromium against the real app. The model is an
OpenAI-compatible stand-in on loopback that answers nothing, so each draft is composed from the person's own
notes and checked: what the draft says shows whom it went to."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from coach.config.settings import load_settings
from coach.core.domain import Contact
from coach.crm.store import Store
from tests.conftest import free_port
from tests.test_app_browser import DRAFT_TIMEOUT_MS, _need_browser, _quiet_page, _shot

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.integration]


def test_the_draft_button_on_a_namesakes_page_drafts_to_that_person(tmp_path: Path, monkeypatch) -> None:
    _need_browser()
    from playwright.sync_api import expect

    home = tmp_path / "home"
    monkeypatch.setenv("COACH_HOME", str(home))
    store = Store.open(load_settings())
    first = store.add_contact(Contact(first_name="Marcus", last_name="Lee", company="Fabrikam",
                                      title="Engineering Manager", how_we_met="KubeCon 2023 in Chicago"))
    second = store.add_contact(Contact(first_name="Marcus", last_name="Lee", company="Datadog", title="SRE",
                                       how_we_met="SREcon 2024 in Dublin"))
    store.add_note(second.id, "Walked me through their on-call handbook after his SREcon talk.", dt.date(2024, 6, 3))
    store.set_profile(name="Sam Carter", headline="Backend engineer")
    store.close()
    port = free_port()
    with _quiet_page(home, port) as page:
        page.goto(f"http://127.0.0.1:{port}/contacts?contact={second.id}")
        expect(page.get_by_role("heading", name="Marcus Lee", exact=True)).to_be_visible()
        expect(page.get_by_text("SREcon 2024 in Dublin").first).to_be_visible()
        page.get_by_role("button", name="Draft", exact=True).click()
        card = page.get_by_test_id("stChatMessage").filter(has=page.get_by_test_id("stCode"))
        expect(card).to_be_visible(timeout=DRAFT_TIMEOUT_MS)
        expect(card).to_contain_text("to Marcus Lee")
        text = card.get_by_test_id("stCode").inner_text()
        assert "SREcon" in text or "on-call handbook" in text, text  # the second Marcus Lee's history
        assert "KubeCon" not in text and "Fabrikam" not in text, text
        expect(page.get_by_test_id("stChatMessage").first).to_contain_text(f"#{second.id}")
        _shot(page, "13-namesake-draft-button")

        # the same from the chat in words: asked back with both, answered by a click
        box = page.get_by_test_id("stChatInputTextArea")
        box.fill("Ask Marcus Lee for a referral by email")
        box.press("Enter")
        pick = page.get_by_role("button", name=f"Marcus Lee (Engineering Manager at Fabrikam, #{first.id})")
        expect(pick).to_be_visible(timeout=DRAFT_TIMEOUT_MS)
        expect(page.get_by_role("button", name=f"Marcus Lee (SRE at Datadog, #{second.id})")).to_be_visible()
        _shot(page, "14-namesake-asked-back")
        pick.click()
        cards = page.get_by_test_id("stChatMessage").filter(has=page.get_by_test_id("stCode"))
        expect(cards).to_have_count(2, timeout=DRAFT_TIMEOUT_MS)
        email = cards.nth(1).get_by_test_id("stCode").inner_text()
        assert "KubeCon" in email and "SREcon" not in email, email
        _shot(page, "15-namesake-chosen")
