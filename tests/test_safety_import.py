"""Imports as a careless or hostile user feeds them (issue 16 items 4, 5, 9; issue 14 item 6)."""

from __future__ import annotations

import codecs
import os

import pytest

from coach.crm.store import Store
from tests.conftest import run_cli
from tests.fixtures_contacts import GOOGLE_CURRENT_HEADER, LINKEDIN_HEADER, google_row, linkedin_text


def names(store: Store) -> list[str]:
    return sorted(c.name for c in store.all_contacts())


# ------------------------------------------------------------------ item 4: folders stay folders
@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_markdown_folder_never_follows_a_link_out_and_reports_every_skipped_file(store, tmp_path):
    outside = tmp_path / "outside"
    (outside / "deep").mkdir(parents=True)
    (outside / "secret.md").write_text("---\nname: Secret Person\n---\nroot:x:0:0\n", encoding="utf-8")
    (outside / "deep" / "hidden.md").write_text("---\nname: Deep Person\n---\nprivate\n", encoding="utf-8")
    notes = tmp_path / "notes"
    (notes / "people").mkdir(parents=True)
    (notes / ".obsidian").mkdir()
    (notes / ".obsidian" / "workspace.md").write_text("---\nname: Not A Person\n---\n", encoding="utf-8")
    (notes / "people" / "ana.md").write_text("---\nname: Ana López\ncompany: Contoso\n---\nMet at PyCon.\n",
                                             encoding="utf-8")
    (notes / "passwd.md").symlink_to(outside / "secret.md")          # a file link out of the folder
    (notes / "linked").symlink_to(outside, target_is_directory=True)  # a folder link out of the folder
    (notes / "people" / "ana-again.md").symlink_to(notes / "people" / "ana.md")  # a link that stays inside
    (notes / "..\\..\\escape.md").write_text("---\nname: Escape Artist\n---\n", encoding="utf-8")
    (notes / ".draft.md").write_text("---\nname: Draft Person\n---\n", encoding="utf-8")
    (notes / "photo.png").write_bytes(b"\x89PNG\r\n")

    report = store.import_file(notes)

    assert names(store) == ["Ana López"]
    reasons = {s.reason.split(": ", 1)[0]: s.reason.split(": ", 1)[1] for s in report.skipped}
    assert set(reasons) == {".obsidian", "linked", "passwd.md", "..\\..\\escape.md", ".draft.md", "photo.png"}
    assert "outside the folder" in reasons["passwd.md"] and "not followed" in reasons["linked"]
    assert "hidden" in reasons["..\\..\\escape.md"] and "hidden" in reasons[".obsidian"]
    assert "not a Markdown file" in reasons["photo.png"]
    assert all("root:x" not in n.text for c in store.all_contacts() for n in c.notes)

    printed = run_cli("import", str(notes), env={"COLUMNS": "200"})  # the CLI lists them too
    assert printed.returncode == 0, printed.stderr
    assert "passwd.md: a link to a file outside the folder; not followed" in printed.stdout
    assert "photo.png: not a Markdown file" in printed.stdout


# ------------------------------------------------------------------ item 5: invisible characters
def test_identity_fields_are_normalised_on_every_way_in(store, tmp_path):
    from coach.core.domain import Contact, Profile, clean_identity
    from coach.crm.importers.merge import normalize

    clean = tmp_path / "clean.csv"
    clean.write_text(linkedin_text([["Ana", "López", "", "", "Contoso", "Engineer", "12 Mar 2024"]]),
                     encoding="utf-8", newline="")
    assert store.import_file(clean).created == 1
    dirty = tmp_path / "dirty.csv"  # zero-width space, a decomposed ó, a bidi override, doubled spaces
    dirty.write_text(linkedin_text([["Ana\u200b", "Lo\u0301pez", "", "", "Con\u202etoso  ", "Engineer",
                                     "12 Mar 2024"],
                                    ["\u200b\u200b", "\u2066\u2069", "", "", "Nobody Inc", "", ""]]),
                     encoding="utf-8", newline="")
    report = store.import_file(dirty)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 1)
    assert [s.reason for s in report.skipped] == [
        "the name is empty once invisible characters (zero-width spaces, direction marks) are removed"]
    ana = store.all_contacts()[0]
    assert (ana.first_name, ana.last_name, ana.company) == ("Ana", "López", "Contoso")

    # typed by hand: the edit path and the profile clean the same way
    edited = store.update_contact(ana.id, first_name=" A\u200bna\u00ad ", company="Con\u200dtoso", tags=["\u200bmentor"])
    assert (edited.first_name, edited.company, edited.tags) == ("Ana", "Contoso", ["mentor"])
    assert store.set_profile(name="Sam\u200b  Reyes\u202e", target_companies=["\ufeffGlobex"]).model_dump(
        include={"name", "target_companies"}) == {"name": "Sam Reyes", "target_companies": ["Globex"]}
    # merge keys use the cleaned form, even for a stored name an older version let through
    assert normalize("A\u200bna  Lo\u0301pez") == normalize("Ana López") == "ana lopez"
    # scripts that need joiners keep them between their own letters
    assert clean_identity("Mohammad\u200cReza") == "MohammadReza"
    assert clean_identity("\u0645\u062d\u0645\u062f\u200c\u0631\u0636\u0627") == "\u0645\u062d\u0645\u062f\u200c\u0631\u0636\u0627"
    assert Contact(first_name="\u200b").name == "" and Profile(headline="\x1b[31mred").headline == "[31mred"


def test_a_name_of_only_invisible_characters_is_refused_with_one_sentence():
    result = run_cli("contacts", "add", "--name", "\u200b\u200b \u202e")
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.strip() == "The name is empty once invisible characters are removed: give --name 'First Last'."


def test_the_terminal_never_receives_a_raw_bidi_override():
    added = run_cli("contacts", "add", "--name", "Ana López", "--note", "invoice_\u202efdp.exe is safe",
                    "--company", "Acme\u202e")
    assert added.returncode == 0, added.stderr
    for args in (("contacts", "show", "Ana"), ("contacts", "show", "Ana", "--json"), ("contacts", "list")):
        shown = run_cli(*args, env={"COLUMNS": "200"})
        assert shown.returncode == 0, shown.stderr
        assert not any(ch in shown.stdout for ch in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
    human = run_cli("contacts", "show", "Ana", env={"COLUMNS": "200"}).stdout
    assert "invoice_<U+202E>fdp.exe" in human  # the note is shown, with the override made visible
    assert '"invoice_\\u202efdp.exe is safe"' in run_cli("contacts", "show", "Ana", "--json").stdout


# ------------------------------------------------------------------ item 9: UTF-16 without a byte-order mark
@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_read(store, tmp_path, encoding):
    text = linkedin_text([["Ana", "López", "", "", "Contoso", "Engineer", "12 Mar 2024"],
                          ["Дмитрий", "Петров", "", "", "Яндекс", "Аналитик", "01 Jan 2023"]])
    path = tmp_path / "Connections.csv"
    data = text.encode(encoding)
    assert not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    path.write_bytes(data)
    report = store.import_file(path)
    assert (report.format, report.created, report.skipped) == ("linkedin", 2, [])
    assert names(store) == ["Ana López", "Дмитрий Петров"]


# ------------------------------------------------------------------ issue 14 item 6: European CSV
def test_semicolon_csv_from_a_european_spreadsheet_is_recognised(store, tmp_path):
    rows = [GOOGLE_CURRENT_HEADER,
            google_row(**{"First Name": "Émilie", "Last Name": "Dubois", "Organization Name": "Société Générale, SA",
                          "Notes": "Budget 12,5 k€; prefers mornings", "Labels": "mentor ::: * myContacts",
                          "E-mail 1 - Value": "emilie.dubois@example.fr", "Phone 1 - Value": "+33 1 23 45 67 89"}),
            google_row(**{"First Name": "Jonas", "Last Name": "Weber", "Organization Name": "Contoso GmbH",
                          "Organization Title": "Leiter Vertrieb", "Notes": "Umsatz 3,75 Mio."})]
    path = tmp_path / "contacts.csv"
    lines = [";".join(f'"{c}"' if (";" in c or '"' in c) else c for c in row) for row in rows]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    report = store.import_file(path)
    assert (report.format, report.created, report.skipped) == ("google", 2, [])
    emilie = next(c for c in store.all_contacts() if c.last_name == "Dubois")
    assert emilie.company == "Société Générale, SA" and emilie.tags == ["mentor"]
    assert emilie.notes[0].text == "Budget 12,5 k€; prefers mornings"  # the decimal comma stays in its cell
    assert emilie.emails == ["emilie.dubois@example.fr"]


@pytest.mark.parametrize("delimiter", [";", "\t"])
def test_linkedin_export_resaved_with_semicolons_or_tabs(store, tmp_path, delimiter):
    rows = [LINKEDIN_HEADER, ["Priya", "Raman", "https://www.linkedin.com/in/priya-raman-fict", "",
                              "Northwind Labs", "Staff Engineer", "12 Mar 2024"],
            ["Tomás", "Ortega", "", "", "Globex", "Product Manager, EMEA", "7-Feb-22"]]
    path = tmp_path / "Connections.csv"
    path.write_text("Notes:\n\"When exporting, some emails are missing\"\n\n"
                    + "\n".join(delimiter.join(r) for r in rows) + "\n", encoding="utf-8")
    report = run_cli("import", str(path), "--json")
    assert report.returncode == 0, report.stderr
    assert '"format": "linkedin"' in report.stdout and '"created": 2' in report.stdout
    listed = run_cli("contacts", "show", "Tomás", "--json").stdout
    assert '"title": "Product Manager, EMEA"' in listed
