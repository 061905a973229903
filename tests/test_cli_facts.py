"""`coach contacts facts`: list, edit, pin, hide and add the facts drafts draw on (real `coach` processes)."""

from __future__ import annotations

import json

from tests.conftest import run_cli


def ok(*args: str) -> object:
    result = run_cli(*args)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout) if "--json" in args else result.stdout


def test_facts_are_listed_fixed_and_kept(tmp_path):
    note = tmp_path / "Priya Shah.md"
    note.write_text("---\nname: Priya Shah\ncompany: Stripe\ntitle: Staff Engineer\n---\n\n"
                    "## 2024-05-02 Offsite in Lyon\nWe planned the Q3 roadmap.\n\n"
                    "## 2025-03-04 Coffee\nshe said to ping her when roles open on her team\n", encoding="utf-8")
    ok("import", str(note), "--json")
    facts = ok("contacts", "facts", "Priya Shah", "--json")
    assert all(set(f) == {"id", "kind", "text", "date", "source", "confirmed"} for f in facts)
    by_kind = {f["kind"]: f for f in facts}
    assert by_kind["offer"]["text"] == "you asked me to get back in touch when roles open on your team"
    assert by_kind["offer"]["date"] == "2025-03-04"
    assert by_kind["met-at"]["text"] == "at the offsite in Lyon" and "Offsite in Lyon" in by_kind["met-at"]["source"]
    edited = ok("contacts", "facts", "edit", str(by_kind["met-at"]["id"]), "at our team offsite in Lyon", "--json")
    assert edited["text"] == "at our team offsite in Lyon" and edited["confirmed"]
    ok("contacts", "facts", "hide", str(by_kind["worked-together"]["id"]), "--json")
    added = ok("contacts", "facts", "add", "Priya Shah", "you gave the keynote at PyCon", "--kind", "their-news",
               "--json")
    assert added["kind"] == "their-news" and added["source"] == "user"
    ok("contacts", "note", "Priya Shah", "She reviewed my portfolio", "--json")  # re-extraction keeps the edit
    texts = [f["text"] for f in ok("contacts", "facts", "Priya Shah", "--json")]
    assert "at our team offsite in Lyon" in texts and "at the offsite in Lyon" not in texts
    assert "we planned the Q3 roadmap" not in texts and "you reviewed my portfolio" in texts
    bad = run_cli("contacts", "facts", "edit", "999", "words")
    assert bad.returncode == 2 and "No fact with id 999" in bad.stderr
