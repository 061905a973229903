"""The real app in Chromium: the advice card opens with how the coach read the situation, so a misreading
is visible (issue 25). Screenshots go to artifacts/screenshots/ (or $COACH_SHOTS)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import free_port
from tests.test_app_browser import DRAFT_TIMEOUT_MS, _app, _browser, _go, _need_browser, _shot

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.integration]


def test_the_advice_card_shows_the_reading_and_a_decline_article(tmp_path: Path) -> None:
    _need_browser()
    from playwright.sync_api import expect

    port = free_port()
    pw, browser = _browser()
    try:
        with _app(tmp_path / "home", port):
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.set_default_timeout(120_000)
            page.goto(f"http://127.0.0.1:{port}/")
            page.get_by_role("button", name="Load the sample network").click()
            expect(page.get_by_text("Loaded 20 sample contacts")).to_be_visible(timeout=DRAFT_TIMEOUT_MS)
            _go(page, "Chat")
            box = page.get_by_test_id("stChatInputTextArea")
            box.fill("An acquaintance asked me for a referral and I want to say no")
            box.press("Enter")
            card = page.get_by_test_id("stChatMessage").filter(has_text="I read this as")
            expect(card).to_be_visible(timeout=DRAFT_TIMEOUT_MS)
            expect(card).to_contain_text("I read this as: An acquaintance asked you for a referral and you want "
                                         "to say no.")
            expect(card).to_contain_text(re.compile("Saying no to a referral request|a favour you cannot give"))
            _shot(page, "11-advice-reading")
    finally:
        browser.close()
        pw.stop()
