"""The real app in Debian's Chromium: a fact fixed on the contact page is what the next draft says.
Run alone (it drafts with the embedded model). Screenshots go to artifacts/screenshots/ (or $COACH_SHOTS)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from tests.conftest import background_server, free_port, run_cli
from tests.test_app_browser import CHROMIUM_ARGS, DRAFT_TIMEOUT_MS, _go, _need_browser, _open_contact, _shot

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.integration]


def test_edit_a_fact_and_the_next_draft_uses_it(tmp_path: Path) -> None:
    _need_browser()
    from playwright.sync_api import expect, sync_playwright

    env = {"COACH_HOME": str(tmp_path / "home"), "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    made = run_cli("contacts", "add", "--name", "Inès Moreau", "--company", "Quillmark", "--title",
                   "Design Director", "--note", "met at Config 2023", "--json", env=env)
    assert made.returncode == 0, made.stderr
    facts = json.loads(run_cli("contacts", "facts", "Inès Moreau", "--json", env=env).stdout)
    met = next(f for f in facts if f["kind"] == "met-at")
    assert met["text"] == "at Config 2023"
    port = free_port()
    expect.set_options(timeout=120_000)
    pw = sync_playwright().start()
    browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
    try:
        with background_server([sys.executable, "-m", "coach.cli", "app", "--port", str(port)], port, timeout=180,
                               env=env):
            page = browser.new_page(viewport={"width": 1300, "height": 1000})
            page.goto(f"http://127.0.0.1:{port}/")
            _go(page, "Contacts")
            _open_contact(page, "Moreau")
            expect(page.get_by_text("What drafts may say", exact=False)).to_be_visible()
            box = page.locator(f".st-key-fact-{met['id']} input")
            expect(box).to_have_value("at Config 2023")
            box.fill("at the Config 2023 accessibility workshop")
            box.press("Enter")
            page.wait_for_timeout(1500)  # the rerun that Enter started
            page.locator(f".st-key-fact-save-{met['id']} button").click()
            expect(page.get_by_text("yours", exact=False).first).to_be_visible()  # saved as the user's own
            page.locator(f".st-key-fact-pin-{met['id']} button").click()
            expect(page.get_by_text("pinned", exact=False).first).to_be_visible()
            _shot(page, "facts-01-edited")
            stored = json.loads(run_cli("contacts", "facts", "Inès Moreau", "--json", env=env).stdout)
            assert any(f["text"] == "at the Config 2023 accessibility workshop" and f["confirmed"] for f in stored), \
                stored
            page.get_by_role("button", name="Draft", exact=True).click()
            card = page.get_by_test_id("stChatMessage").filter(has=page.get_by_test_id("stCode"))
            expect(card).to_be_visible(timeout=DRAFT_TIMEOUT_MS)
            draft_text = card.get_by_test_id("stCode").inner_text()
            _shot(page, "facts-02-draft")
            assert "accessibility workshop" in draft_text, draft_text
    finally:
        browser.close()
        pw.stop()
