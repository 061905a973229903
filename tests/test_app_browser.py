"""The real app in Debian's Chromium: first-run sample, an import through the uploader, a draft with the
embedded model, advice, the charts, the password gate, and the sample kept apart from the user's own network.
Screenshots go to artifacts/screenshots/ (or $COACH_SHOTS); each test prints the folder."""

from __future__ import annotations

import contextlib
import os
import re
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, background_server, free_port
from tests.fixtures_contacts import write_linkedin

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.integration]

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
SHOTS = Path(os.environ.get("COACH_SHOTS") or REPO / "artifacts" / "screenshots")
DRAFT_TIMEOUT_MS = 300_000  # the embedded model on two busy cores: several candidates, each some seconds
# Fictional people, not in the sample network.
EXPORT_ROWS = [
    ["Ingrid", "Solberg", "https://www.linkedin.com/in/ingrid-solberg-fict", "", "Globex", "Engineering Director",
     "03 Apr 2024"],
    ["Yusuf", "Demir", "https://www.linkedin.com/in/yusuf-demir-fict", "", "Initech", "Data Engineer", "19 Sep 2023"],
    ["", "", "https://www.linkedin.com/in/nobody-fict", "", "Hooli", "Unknown", "01 Jan 2020"],
]


def _need_browser() -> None:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make system-deps` (apt-get install chromium).")
    pytest.importorskip("playwright.sync_api")


def _app(home: Path, port: int, env: dict | None = None):
    args = [sys.executable, "-m", "coach.cli", "app", "--port", str(port)]
    return background_server(args, port, timeout=180, env={"COACH_HOME": str(home), "HF_HUB_OFFLINE": "1",
                                                           "TRANSFORMERS_OFFLINE": "1", **(env or {})})


@contextlib.contextmanager
def _quiet_app(home: Path, port: int):
    """The app on a stand-in model that answers nothing (drafts come from the composer; the chat runs the rule
    router), so a browser test is about the app, not the model."""
    from tests.standin import StandinServer

    with StandinServer(lambda request: "", model="standin-quiet") as server, \
            _app(home, port, env={"COACH_LLM": "openai/standin-quiet", "COACH_LLM_BASE_URL": server.url,
                                  "OPENAI_API_KEY": "not-needed", "COACH_AGENT": "off"}):
        yield server


@contextlib.contextmanager
def _quiet_page(home: Path, port: int):
    """A browser page (1400x1000) on the quiet app, all of it closed afterwards."""
    pw, browser = _browser()
    try:
        with _quiet_app(home, port):
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.set_default_timeout(120_000)
            yield page
    finally:
        browser.close()
        pw.stop()


def _browser():
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=120_000)
    pw = sync_playwright().start()
    browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    return pw, browser


def _shot(page, name: str) -> None:
    """The whole page: Streamlit scrolls inside its main section, so the window grows to fit it first."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    print(f"screenshot: {SHOTS / f'{name}.png'}")
    page.wait_for_timeout(800)  # let charts and fonts settle
    size = page.viewport_size
    height = page.evaluate("Math.max(...[...document.querySelectorAll('[data-testid=stMain], section')]"
                           ".map(e => e.scrollHeight), 0)")
    page.set_viewport_size({"width": size["width"], "height": max(size["height"], min(int(height) + 40, 5000))})
    page.wait_for_timeout(500)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    page.set_viewport_size(size)


def _go(page, title: str) -> None:
    page.get_by_test_id("stSidebarNav").get_by_text(title, exact=True).click()


def _open_contact(page, typed: str, tries: int = 4) -> None:
    """Choose a person in the contact page's searchable selectbox. A rerun of the page (on a busy machine the
    first one can land after the click) closes an open list, so the list is opened again until it shows them."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    box = page.get_by_test_id("stSelectbox").filter(has_text="Open a contact")
    for attempt in range(tries):
        box.wait_for(state="visible", timeout=120_000)
        box.click()
        page.keyboard.type(typed)
        option = page.get_by_role("option").filter(has_text=typed).first
        try:
            option.click(timeout=20_000)
            return
        except PlaywrightTimeout:
            if attempt == tries - 1:
                raise
            page.keyboard.press("Escape")


def test_first_run_import_draft_advice_charts(tmp_path: Path) -> None:
    _need_browser()
    from playwright.sync_api import expect

    export = write_linkedin(tmp_path / "Connections.csv", EXPORT_ROWS)
    port = free_port()
    pw, browser = _browser()
    try:
        with _app(tmp_path / "home", port):
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.set_default_timeout(120_000)
            page.goto(f"http://127.0.0.1:{port}/")
            expect(page.get_by_text("Your network is empty")).to_be_visible(timeout=DRAFT_TIMEOUT_MS)  # first render
            _shot(page, "01-first-run")

            page.get_by_role("button", name="Load the sample network").click()
            expect(page.get_by_text("Loaded 20 sample contacts")).to_be_visible(
                timeout=DRAFT_TIMEOUT_MS)  # it embeds the guidance corpus for the demo's own index
            expect(page.get_by_text("Sample network: 20 made-up people")).to_be_visible()
            # Advice on the sample: the people listed are those tied to the situation (at the company named)
            _go(page, "Chat")
            box = page.get_by_test_id("stChatInputTextArea")
            box.fill("I was laid off last week and would love to land at Contoso, what should I do?")
            box.press("Enter")
            advice = page.get_by_test_id("stChatMessage").filter(has_text="People who could help")
            expect(advice).to_be_visible(timeout=DRAFT_TIMEOUT_MS)
            _shot(page, "06-chat-advice")
            helper = advice.get_by_role("link").first
            name = helper.inner_text().split(" — ")[0].splitlines()[-1].strip()  # after the icon
            href = helper.get_attribute("href") or ""
            assert "contact=" in href, href  # each person who could help links to their contact
            page.goto(f"http://127.0.0.1:{port}/{href.lstrip('/')}")
            expect(page.get_by_role("heading", name=name, exact=True)).to_be_visible()
            expect(page.get_by_text("Timeline", exact=True)).to_be_visible()

            page.goto(f"http://127.0.0.1:{port}/contacts")  # a fresh page: no contact left open from the link
            page.get_by_role("tab", name="Import").click()
            page.locator("[data-testid='stFileUploader'] input[type='file']").set_input_files(str(export))
            expect(page.get_by_text("Connections.csv", exact=False).first).to_be_visible()
            page.get_by_role("button", name="Import", exact=True).click()
            expect(page.get_by_test_id("stMetric").filter(has_text="Created")).to_contain_text("2")
            expect(page.get_by_test_id("stMetric").filter(has_text="Skipped rows")).to_contain_text("1")
            _shot(page, "02-contacts-import")
            page.get_by_role("tab", name="People").click()
            expect(page.get_by_text("2 of 2 people")).to_be_visible()  # the import went to the user's own
            _shot(page, "03-contacts-table")
            # A LinkedIn export has no notes: add one, so the draft has something personal to say.
            _open_contact(page, "Ingrid")
            expect(page.get_by_text("Nothing logged yet.")).to_be_visible()
            page.get_by_label("Note", exact=True).fill("Talked about scaling the Globex data platform at PyData.")
            page.get_by_role("button", name="Add note").click()
            expect(page.get_by_text("Added a note to Ingrid Solberg")).to_be_visible()
            expect(page.get_by_text("scaling the Globex data platform").first).to_be_visible()
            _shot(page, "04-contact-detail")

            _go(page, "Chat")
            box = page.get_by_test_id("stChatInputTextArea")
            box.fill("Write a LinkedIn connection note to Ingrid Solberg to reconnect")
            box.press("Enter")
            card = page.get_by_test_id("stChatMessage").filter(has=page.get_by_test_id("stCode"))
            expect(card).to_be_visible(timeout=DRAFT_TIMEOUT_MS)
            expect(card).to_contain_text("LinkedIn connection note to Ingrid Solberg")
            expect(card).to_contain_text(re.compile(r"All \d+ checks pass"))
            draft_text = card.get_by_test_id("stCode").inner_text()
            assert "Ingrid" in draft_text
            card.get_by_text("What it used: facts and guidance").click()
            expect(card.get_by_text("scaling the Globex data platform").first).to_be_visible()  # the note it used
            _shot(page, "05-chat-draft")


            _go(page, "Network")
            expect(page.get_by_role("heading", name="Your target companies")).to_be_visible()
            # the user's own two people: companies and recency drawn; no check-ins due, no tags or targets yet: each
            # said in a sentence instead of an empty chart
            expect(page.get_by_test_id("stVegaLiteChart")).to_have_count(2, timeout=60_000)
            expect(page.get_by_text("Nobody is due in the coming weeks", exact=False)).to_be_visible()
            expect(page.get_by_text("No tags yet", exact=False)).to_be_visible()
            expect(page.get_by_text("Set target companies on the Settings page", exact=False)).to_be_visible()
            _shot(page, "07-network")

            _go(page, "Guidance")
            expect(page.get_by_role("heading", name="Guidance")).to_be_visible()
            expect(page.get_by_text(re.compile(r"^\d+ articles$"))).to_be_visible()
            _shot(page, "08-guidance")

            _go(page, "Settings")
            expect(page.get_by_role("heading", name="Settings")).to_be_visible()
            expect(page.get_by_text("Settings in force")).to_be_visible()
            _shot(page, "09-settings")
    finally:
        browser.close()
        pw.stop()


def test_password_gate_refuses_to_show_data(tmp_path: Path) -> None:
    _need_browser()
    from playwright.sync_api import expect

    from coach.config.settings import load_settings
    from coach.crm.sample import load_sample
    from coach.crm.store import Store

    home = tmp_path / "home"
    store = Store.open(load_settings(COACH_HOME=str(home)))
    load_sample(store)
    store.close()
    port = free_port()
    pw, browser = _browser()
    try:
        with _app(home, port, env={"COACH_APP_PASSWORD": "correct horse battery"}):
            page = browser.new_page(viewport={"width": 1200, "height": 800})
            page.set_default_timeout(60_000)
            for path in ("/", "/contacts", "/network"):
                page.goto(f"http://127.0.0.1:{port}{path}")
                expect(page.get_by_text("Enter the password to continue")).to_be_visible()
                body = page.locator("body").inner_text()
                assert "Priya" not in body and "Contoso" not in body and "Contacts" not in body
            _shot(page, "10-password-gate")
            page.get_by_label("Password", exact=True).fill("wrong")
            page.get_by_role("button", name="Unlock").click()
            expect(page.get_by_text("That password is not right.")).to_be_visible()
            assert "Priya" not in page.locator("body").inner_text()
            page.get_by_label("Password", exact=True).fill("correct horse battery")
            page.get_by_role("button", name="Unlock").click()
            _go(page, "Contacts")
            expect(page.get_by_text("20 of 20 people")).to_be_visible()
    finally:
        browser.close()
        pw.stop()


MARCUS_EXPORT = [
    ["Marcus", "Lee", "https://www.linkedin.com/in/marcus-lee-initech-fict", "", "Initech", "Data Engineer",
     "19 Sep 2023"],
    ["Ingrid", "Solberg", "https://www.linkedin.com/in/ingrid-solberg-fict", "", "Globex", "Engineering Director",
     "03 Apr 2024"],
]


def test_sample_apart_from_a_real_import_and_removed_in_one_click(tmp_path: Path) -> None:
    """Issue 14: the sample never takes over the user's identity, never mixes with a real "Marcus Lee", and
    goes in one click with the user's contacts intact. Offline: no request leaves this machine."""
    _need_browser()
    from playwright.sync_api import expect

    from coach.config.settings import load_settings
    from coach.crm.store import Store

    home = tmp_path / "home"
    store = Store.open(load_settings(COACH_HOME=str(home)))
    store.set_profile(name="Jordan Blake", headline="Data engineer", target_companies=["Globex"])
    store.close()
    export = write_linkedin(tmp_path / "Connections.csv", MARCUS_EXPORT)
    print(f"screenshots in {SHOTS}")
    port = free_port()
    pw, browser = _browser()
    remote: list[str] = []
    try:
        with _app(home, port):
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.set_default_timeout(120_000)
            page.on("request", lambda r: remote.append(r.url) if not r.url.startswith(
                (f"http://127.0.0.1:{port}", f"ws://127.0.0.1:{port}", "data:", "blob:")) else None)
            page.goto(f"http://127.0.0.1:{port}/")
            page.get_by_role("button", name="Load the sample network").click()
            expect(page.get_by_text("Loaded 20 sample contacts into a separate demo workspace")).to_be_visible(
                timeout=DRAFT_TIMEOUT_MS)  # it embeds the guidance corpus for the demo's own index
            expect(page.get_by_text("Sample network: 20 made-up people")).to_be_visible()
            _go(page, "Contacts")
            expect(page.get_by_text("20 of 20 people")).to_be_visible()
            _shot(page, "11-sample-labelled")

            page.get_by_role("tab", name="Import").click()
            expect(page.get_by_text("Imports go into your own network")).to_be_visible()
            page.locator("[data-testid='stFileUploader'] input[type='file']").set_input_files(str(export))
            page.get_by_role("button", name="Import", exact=True).click()
            expect(page.get_by_test_id("stMetric").filter(has_text="Created")).to_contain_text(
                "2", timeout=DRAFT_TIMEOUT_MS)  # and the user's own index
            _shot(page, "12-import-into-own-network")
            page.get_by_role("tab", name="People").click()
            expect(page.get_by_text("2 of 2 people")).to_be_visible()
            expect(page.get_by_text("Sample network loaded")).to_be_visible()  # the sidebar, not the list
            page.get_by_role("textbox", name="Search").fill("Marcus Lee")
            page.get_by_role("textbox", name="Search").press("Enter")
            expect(page.get_by_text("1 of 2 people match")).to_be_visible()
            # the list in the tab that shows this search (a rerun may leave the previous render's list in the page)
            grid = page.get_by_role("tabpanel").filter(has_text="1 of 2 people match").get_by_test_id("stDataFrame")
            expect(grid).to_contain_text("Initech")
            assert "Fabrikam" not in grid.inner_text()  # the sample's Marcus Lee is not in the user's network
            _shot(page, "13-one-marcus-lee")

            page.get_by_role("textbox", name="Search").fill("xyzzy quantum banana")
            page.get_by_role("textbox", name="Search").press("Enter")
            expect(page.get_by_text("No match for")).to_be_visible()
            _shot(page, "14-no-match")

            _go(page, "Settings")
            expect(page.get_by_label("Your name (used to sign drafts)")).to_have_value("Jordan Blake")
            expect(page.get_by_label("Target companies (comma-separated)")).to_have_value("Globex")
            _shot(page, "15-profile-unchanged")

            page.get_by_role("button", name="Remove the sample").click()
            expect(page.get_by_text("Removed the sample network. Your own 2 contacts")).to_be_visible()
            expect(page.get_by_text("Sample network loaded")).to_have_count(0)
            _go(page, "Contacts")
            expect(page.get_by_text("2 of 2 people")).to_be_visible()
            _shot(page, "16-sample-removed")
    finally:
        browser.close()
        pw.stop()
    assert not (home / "sample").exists()
    store = Store.open(load_settings(COACH_HOME=str(home)))
    try:
        assert sorted((c.name, c.company) for c in store.list_contacts()) == [("Ingrid Solberg", "Globex"),
                                                                            ("Marcus Lee", "Initech")]
        assert store.get_profile().name == "Jordan Blake"
    finally:
        store.close()
    assert remote == [], f"the app fetched from outside this machine: {remote[:5]}"
