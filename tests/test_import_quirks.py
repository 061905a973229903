"""One test per quirk of real exports (issue 22, and issue 29's bad bytes), on fixtures we wrote.

Each fixture under tests/fixtures/imports reproduces the shape of a quirk found in
public test suites and real exports (Android and ez-vcard vCards, Thunderbird,
ownCloud, Outlook, LinkedIn, Google); none is copied from them.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from coach.crm.importers.detection import detect
from coach.crm.store import Store
from tests.conftest import run_cli

FIXTURES = Path(__file__).parent / "fixtures" / "imports"
# the CLI runs in a subprocess from a temporary folder: make it import this tree's `coach`
REPO = {"PYTHONPATH": str(Path(__file__).resolve().parent.parent)}


def fixture(tmp_path: Path, name: str) -> Path:
    """A copy of a fixture (imports never touch the originals)."""
    target = tmp_path / name
    shutil.copyfile(FIXTURES / name, target)
    return target


def by_name(store: Store) -> dict[str, object]:
    return {c.name: c for c in store.all_contacts()}


def reasons(report) -> str:
    return " | ".join(s.reason for s in report.skipped)


# ------------------------------------------------------------------ merging
def test_two_people_who_share_a_name_stay_two_and_are_reported(store, tmp_path):
    report = store.import_file(fixture(tmp_path, "two_john_smiths.csv"))
    people = by_name(store)
    assert report.created == 4
    paul, henry = people["John Paul Smith"], people["John Henry Smith"]
    assert paul.phones == ["+1 202-555-0143"] and henry.phones == ["+1 303-555-0178"]
    assert {c.company for c in store.all_contacts() if c.last_name == "Garcia"} == {"Fabrikam", "Contoso"}
    dups = {d.name: d for d in report.possible_duplicates}
    assert set(dups) == {"John Henry Smith", "Maria Garcia"}
    assert dups["John Henry Smith"].matches == [paul.id] and dups["John Henry Smith"].id == henry.id
    assert "middle name" in dups["John Henry Smith"].reason and "company" in dups["Maria Garcia"].reason


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.iterdir() if not p.name.startswith(".")))
def test_reimporting_any_fixture_changes_nothing(store, tmp_path, name):
    path = fixture(tmp_path, name)
    first = store.import_file(path)
    again = store.import_file(path)
    assert (again.created, again.updated) == (0, 0), (first, again)
    assert again.unchanged == first.created + first.updated + first.unchanged
    assert again.possible_duplicates == []


def test_a_strong_key_still_merges(store, tmp_path):
    store.import_file(fixture(tmp_path, "two_john_smiths.csv"))
    path = tmp_path / "more.csv"
    path.write_text("First Name,Last Name,Organization Name,E-mail 1 - Value,Phone 1 - Value\n"
                    "John,Smith,Acme,,+12025550143\n"
                    "M.,Garcia,,maria.garcia@fabrikam.example,\n", encoding="utf-8")
    report = store.import_file(path)
    assert (report.created, report.updated) == (0, 2)
    assert by_name(store)["John Paul Smith"].company == "Acme"


def test_json_report_lists_possible_duplicates_and_skipped_lines(tmp_path):
    result = run_cli("import", str(fixture(tmp_path, "two_john_smiths.csv")), "--json", env=REPO)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [set(d) for d in data["possible_duplicates"]] == [{"id", "name", "matches", "reason"}] * 2
    assert data["skipped"] == []
    result = run_cli("import", str(fixture(tmp_path, "kinds.vcf")), "--json", env=REPO)
    assert [s["line"] for s in json.loads(result.stdout)["skipped"]] == [1, 7, 13, 18]
    text = run_cli("import", str(fixture(tmp_path, "two_john_smiths.csv")), "--format", "google", env=REPO).stdout
    assert "0 created" in text and "possible duplicate" not in text


# ------------------------------------------------------------------ Outlook and LinkedIn
def test_linkedin_outlook_layout_is_outlook_not_google(store, tmp_path):
    path = fixture(tmp_path, "linkedin_outlook_layout.csv")
    assert detect(path) == "outlook"
    report = store.import_file(path)
    assert (report.format, report.created, report.skipped) == ("outlook", 2, [])
    keiko = by_name(store)["Keiko Tanaka"]
    assert (keiko.company, keiko.title, keiko.emails) == ("Northwind Traders", "Head of Platform",
                                                          ["keiko.tanaka@northwind.example"])
    assert keiko.birthday == ""  # Outlook's 0/0/00
    assert by_name(store)["Lars Erik Holm"].title == "Designer"


def test_outlook_export_columns(store, tmp_path):
    report = store.import_file(fixture(tmp_path, "outlook.csv"))
    assert report.created == 2
    amara = by_name(store)["Amara Okafor"]
    assert amara.emails == ["amara@litware.example", "amara.okafor@mail.example"]
    assert amara.phones == ["+234 802 123 4567", "+234 1 270 0000"]
    assert amara.tags == ["Mentors", "Conference 2023"] and amara.birthday == "1984-04-17"
    assert amara.linkedin_url == "https://www.linkedin.com/in/amara-okafor-fict" and amara.location == "Lagos"
    assert amara.notes[0].text == "Met at the Lagos fintech meetup."
    assert "named it after its organisation" in reasons(report)
    assert by_name(store)["Adventure Works"].company == "Adventure Works"


def test_linkedin_imported_contacts(store, tmp_path):
    path = fixture(tmp_path, "Imported Contacts.csv")
    assert detect(path) == "linkedin-contacts"
    report = store.import_file(path)
    assert report.created == 2
    ines = by_name(store)["Ines Carvalho"]
    assert ines.emails == ["ines@proseware.example", "ines.c@mail.example"]
    assert ines.phones == ["+351 912 345 678"] and ines.company == "Proseware" and ines.location == "Lisbon"
    assert by_name(store)["Omar Haddad"].emails == ["omar@relecloud.example"]  # FullName only


# ------------------------------------------------------------------ vCard
def test_a_fold_inside_a_utf8_character_is_unfolded_before_decoding(store, tmp_path):
    report = store.import_file(fixture(tmp_path, "split_utf8_fold.vcf"))
    assert report.created == 2 and report.skipped == []
    zoe = by_name(store)["Zoë Müller"]
    assert zoe.notes[0].text == ("Introduced me to the café owners in Köln. She prefers long calls over short "
                                 "messages.")
    assert "Thị Ngô" in by_name(store)


def test_a_comment_line_is_skipped_and_the_card_kept(store, tmp_path):
    report = store.import_file(fixture(tmp_path, "comment_line.vcf"))
    assert report.created == 1
    kenji = by_name(store)["Kenji Sato"]
    assert kenji.company == "Fabrikam" and kenji.emails == ["kenji@fabrikam.example"]
    assert [(s.line, "line 3 is not a vCard property" in s.reason) for s in report.skipped] == [(1, True)]


def test_kind_cards_that_are_not_people_are_skipped_with_their_reason(store, tmp_path):
    report = store.import_file(fixture(tmp_path, "kinds.vcf"))
    assert report.created == 1 and list(by_name(store)) == ["Jane Doe"]
    assert [s.reason.split(" card")[0] for s in report.skipped] == ["a group", "an organisation", "a place",
                                                                    "a group"]


def test_cards_without_a_name_take_one_marked_as_guessed(store, tmp_path):
    report = store.import_file(fixture(tmp_path, "nameless.vcf"))
    assert report.created == 3
    people = by_name(store)
    assert set(people) == {"quiet.reader@example.org", "Bobbie", "Woodgrove Bank"}
    text = reasons(report)
    for what in ("email address", "nickname", "organisation"):
        assert f"named it after its {what}" in text
    assert "no name (N, FN, NICKNAME, ORG or EMAIL)" in text
    # a real name imported later replaces the guessed one
    path = tmp_path / "named.vcf"
    path.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nN:Reader;Quinn;;;\r\nEMAIL:quiet.reader@example.org\r\n"
                    "END:VCARD\r\n", encoding="utf-8")
    store.import_file(path)
    assert "Quinn Reader" in by_name(store) and "quiet.reader@example.org" not in by_name(store)


def test_n_additional_names_categories_emails_and_phones(store, tmp_path):
    report = store.import_file(fixture(tmp_path, "fields.vcf"))
    assert report.created == 1
    jon = store.all_contacts()[0]
    assert (jon.first_name, jon.middle_name, jon.last_name) == ("Jonathan", "John Richter James Doe", "Doe")
    assert jon.tags == ["colleague", "mentor", "berlin"]
    assert jon.emails == ["Jon.Doe@example.com"]
    assert jon.phones == ["+44 20 7946 0958", "+1 202-555-0100"]
    text = reasons(report)
    assert "'urn:li:member:123456789' is not an email address" in text
    assert "'semicolon;@points.net' is not an email address" in text
    assert "'12' is not a phone number" in text


def test_nested_cards_are_reported(store, tmp_path):
    report = store.import_file(fixture(tmp_path, "nested.vcf"))
    assert by_name(store)["Olivia Vance"]
    text = reasons(report)
    assert "holds 1 nested vCard(s) (from line 6" in text
    assert "holds 4 nested vCard(s)" in text


# ------------------------------------------------------------------ bad bytes (issue 29, item 6)
def test_one_row_in_another_encoding_garbles_only_itself(store, tmp_path):
    report = store.import_file(fixture(tmp_path, "one_bad_row.csv"))
    assert report.created == 3
    people = by_name(store)
    assert people["Zoë Müller"].company == "Café Nord" and people["Jürgen Weiß"].company == "Straße GmbH"
    assert people["Renée Søndergaard"].company == "Øresund AB"
    assert [(s.line, "not valid UTF-8" in s.reason) for s in report.skipped] == [(3, True)]


def test_a_nul_byte_is_removed_and_reported_and_good_rows_kept(store, tmp_path):
    report = store.import_file(fixture(tmp_path, "nul_byte.csv"))
    assert report.created == 3 and "Ben Ross" in by_name(store)
    assert [(s.line, "NUL" in s.reason) for s in report.skipped] == [(3, True)]


def test_a_hard_link_to_a_file_outside_the_folder_is_not_read(store, tmp_path):
    outside = tmp_path / "private"
    outside.mkdir()
    secret = outside / "Secret Person.md"
    secret.write_text("---\nname: Secret Person\n---\nnot for this vault\n", encoding="utf-8")
    vault = tmp_path / "vault"
    vault.mkdir()
    (vault / "Jo Park.md").write_text("Met at the climbing gym.\n", encoding="utf-8")
    os.link(secret, vault / "Linked.md")
    (vault / "a.md").write_text("---\nname: Al Inside\n---\nx\n", encoding="utf-8")
    os.link(vault / "a.md", vault / "b.md")  # both names inside: read
    report = store.import_file(vault)
    names = set(by_name(store))
    assert "Secret Person" not in names and {"Jo Park", "Al Inside"} <= names
    assert any(s.reason.startswith("Linked.md: a hard link") for s in report.skipped)
