"""Walk the real app in Debian's Chromium through what a new user types, and print each answer as shown.

    python -m evals.walkthrough [--out DIR]

A fresh home with a few people of the user's own (no sample), the app on a quiet stand-in model (drafts come
from the composer, the chat from the rule router, as with the embedded model), and the messages a user tried
when the app misread them: a name that matches nobody, a request in ordinary words with the channel at the
end, a revision after advice, relations from dated notes, a check-in for the richest notes, "another one",
"shorter", a search for a word inside a note. Prints "> message" then the answer's text; screenshots in DIR.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
STEPS = [
    "Write a LinkedIn note to Priya Raman to reconnect",
    "Can you help me ask Priya for a referral for the product manager role on the Connect platform team? "
    "An email please.",
    "How should I ask an old colleague for a referral?",
    "now as an email",
    "Who is Dana Whitfield?",
    "Who is Priya Shah?",
    "Draft a check-in with Dana Whitfield",
    "another one",
    "shorter",
    "Who do I know who works on payments?",
    "who is due for a catch-up?",
]


def seed(home: Path) -> None:
    os.environ["COACH_HOME"] = str(home)
    from coach.config.settings import load_settings
    from coach.core.domain import Contact
    from coach.crm.store import Store

    store = Store.open(load_settings())
    priya = store.add_contact(Contact(first_name="Priya", last_name="Shah", company="Stripe", title="Product Manager",
                                      how_we_met="sat next to her at a dinner for the Fintech Guild"))
    store.add_note(priya.id, "She works on payments APIs for the Connect platform team.", dt.date(2025, 3, 4))
    dana = store.add_contact(Contact(first_name="Dana", last_name="Whitfield", company="Northwind",
                                     title="Director of Engineering"))
    for day, text in [(dt.date(2019, 6, 1), "Dana was my manager at Acme from 2017 to 2019."),
                      (dt.date(2023, 9, 12), "Coffee in Lisbon: she moved to Northwind to lead the data platform."),
                      (dt.date(2024, 11, 2), "She offered to introduce me to her CTO when I am ready to move."),
                      (dt.date(2025, 5, 20), "Sent her my write-up on event pipelines; she said to get back in "
                                             "touch when roles open on her team.")]:
        store.add_note(dana.id, text, day)
    store.add_contact(Contact(first_name="Omar", last_name="Haddad", company="Globex", title="Recruiter"))
    store.set_profile(name="Sam Carter", headline="Backend engineer, payments")
    store.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("walkthrough-out"))
    args = parser.parse_args(argv)
    sys.path.insert(0, str(REPO))
    from playwright.sync_api import expect

    from tests.conftest import free_port
    from tests.test_app_browser import SHOTS, _browser, _quiet_app

    args.out.mkdir(parents=True, exist_ok=True)
    os.environ["COACH_SHOTS"] = str(args.out)
    with tempfile.TemporaryDirectory(prefix="coach-walk-") as tmp:
        home = Path(tmp) / "home"
        seed(home)
        port = free_port()
        pw, browser = _browser()
        try:
            with _quiet_app(home, port):
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                page.set_default_timeout(300_000)
                page.goto(f"http://127.0.0.1:{port}/")
                expect(page.get_by_role("heading", name="Chat with your coach")).to_be_visible()
                for n, text in enumerate(STEPS, 1):
                    before = page.get_by_test_id("stChatMessage").count()
                    box = page.get_by_test_id("stChatInputTextArea")
                    box.fill(text)
                    box.press("Enter")
                    expect(page.get_by_test_id("stChatMessage")).to_have_count(before + 2, timeout=300_000)
                    page.wait_for_timeout(1000)
                    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=300_000)  # run over
                    page.wait_for_timeout(1500)
                    last = page.get_by_test_id("stChatMessage").last
                    shown = last.inner_text().replace("smart_toy", "").strip()
                    print(f"> {text}\n{shown}\n", flush=True)
                    page.screenshot(path=str(args.out / f"walk-{n:02d}.png"))
        finally:
            browser.close()
            pw.stop()
    print(f"screenshots: {args.out} (SHOTS default {SHOTS})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
