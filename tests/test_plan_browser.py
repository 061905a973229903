"""The "This week" page in Debian's Chromium: Sent logs the interaction and takes the person off the plan;
Snooze takes them off until the date, when the plan shows them again."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from tests.conftest import free_port, run_cli
from tests.test_app_browser import _app, _browser, _go, _need_browser, _shot

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.integration]


def _home_with_open_loops(home: Path) -> dict[str, int]:
    """Two people with an open loop each, in notes written a few days ago (the app plans for today)."""
    from coach.config.settings import load_settings
    from coach.core.domain import Contact
    from coach.crm.store import Store

    settings = load_settings().model_copy(update={"home": home})
    store = Store.open(settings)
    day = dt.date.today() - dt.timedelta(days=3)
    ids = {}
    try:
        for name, company, note in (
                ("Ingrid Solberg", "Globex", "Coffee after the meetup. She said to ping her after the launch."),
                ("Yusuf Demir", "Initech", "I promised to send Yusuf the interview rubric we use.")):
            first, last = name.split()
            contact = store.add_contact(Contact(first_name=first, last_name=last, company=company))
            store.add_note(contact.id, note, date=day)
            ids[name] = contact.id
    finally:
        store.close()
    return ids


def test_sent_and_snooze_on_the_week_page(tmp_path: Path) -> None:
    _need_browser()
    from playwright.sync_api import expect

    home = tmp_path / "home"
    ids = _home_with_open_loops(home)
    port = free_port()
    pw, browser = _browser()
    try:
        with _app(home, port):
            page = browser.new_page(viewport={"width": 1280, "height": 1000})
            page.goto(f"http://127.0.0.1:{port}/")
            _go(page, "This week")
            main = page.get_by_test_id("stMain")
            expect(main.get_by_text("Ingrid Solberg", exact=False).first).to_be_visible()
            expect(main.get_by_text("Yusuf Demir", exact=False).first).to_be_visible()
            _shot(page, "plan-week")

            page.locator(f".st-key-plan-sent-{ids['Ingrid Solberg']} button").click()
            expect(main.get_by_text("Logged: sent to Ingrid Solberg.")).to_be_visible()
            expect(page.locator(f".st-key-plan-sent-{ids['Ingrid Solberg']}")).to_have_count(0)

            page.locator(f".st-key-plan-snooze-{ids['Yusuf Demir']} button").click()
            expect(main.get_by_text("Snoozed Yusuf Demir until", exact=False)).to_be_visible()
            expect(page.locator(f".st-key-plan-snooze-{ids['Yusuf Demir']}")).to_have_count(0)
            _shot(page, "plan-after-sent-and-snooze")
    finally:
        browser.close()
        pw.stop()

    env = {"COACH_HOME": str(home)}
    shown = json.loads(run_cli("contacts", "show", str(ids["Ingrid Solberg"]), "--json", env=env).stdout)
    assert [i["direction"] for i in shown["interactions"]] == ["outbound"], shown["interactions"]
    assert shown["last_contacted"] == dt.date.today().isoformat()

    today = dt.date.today()
    now = json.loads(run_cli("plan", "--json", env=env).stdout)
    assert [e["contact"]["name"] for e in now] == [], now
    back = (today + dt.timedelta(days=7)).isoformat()  # the page's default snooze: a week
    later = json.loads(run_cli("plan", "--json", "--today", back, env=env).stdout)
    assert [e["contact"]["name"] for e in later] == ["Yusuf Demir"], later
