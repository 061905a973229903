"""Importers against exports with the quirks real ones have (fixtures written by the tests)."""

from __future__ import annotations

import datetime as dt
import os
import resource
import time

import pytest

from coach.core.errors import ImportFormatError
from coach.crm.importers import read_rows
from coach.crm.importers.detection import detect
from coach.crm.store import Store
from tests.fixtures_contacts import (
    GOOGLE_ROWS,
    LINKEDIN_HEADER,
    LINKEDIN_ROWS,
    VCARD_21,
    VCARD_30,
    VCARD_40,
    google_row,
    linkedin_text,
    write_google,
    write_google_legacy,
    write_linkedin,
    write_linkedin_big,
    write_markdown_folder,
    write_vcard,
)


def by_name(store: Store) -> dict[str, object]:
    return {c.name: c for c in store.all_contacts()}


# ------------------------------------------------------------------ LinkedIn
def test_linkedin_export_with_preamble_bom_crlf_quoted_commas_and_blank_rows(store, tmp_path):
    path = write_linkedin(tmp_path / "Connections.csv")
    assert path.read_bytes().startswith(b"\xef\xbb\xbfNotes:\r\n")
    report = store.import_file(path)
    assert (report.format, report.created, report.skipped) == ("linkedin", 4, [])
    people = by_name(store)
    wei = people["Wei Chen"]
    assert wei.company == "Initech, Inc." and wei.title == "Head of Data, EMEA"
    assert wei.emails == ["wei.chen@example.org"] and wei.linkedin_url == "https://www.linkedin.com/in/wei-chen-fict"
    assert people["Priya Raman"].emails == [] and people["Priya Raman"].connected_on == dt.date(2024, 3, 12)
    assert people["Tomás Ortega"].connected_on == dt.date(2022, 2, 7)  # 7-Feb-22
    assert people["Priya Raman"].sources == ["linkedin"]


def test_older_linkedin_export_without_url_column(store, tmp_path):
    path = write_linkedin(tmp_path / "Connections.csv", url_column=False, bom=False)
    report = store.import_file(path)
    assert report.created == 4 and report.format == "linkedin"
    assert by_name(store)["Wei Chen"].emails == ["wei.chen@example.org"]
    assert all(c.linkedin_url == "" for c in store.list_contacts())


def test_header_is_found_not_skipped_by_count(store, tmp_path):
    """The header row is found by its names, wherever the preamble ends."""
    path = tmp_path / "Connections.csv"
    path.write_text("Notes:\nline one\nline two\nline three\n\n" + linkedin_text(preamble=False), encoding="utf-8")
    assert store.import_file(path).created == 4


def test_bad_rows_are_reported_with_line_numbers_and_good_rows_import(store, tmp_path):
    rows = [
        LINKEDIN_ROWS[0],
        ["", "", "", "", "Nobody Inc", "", "12 Mar 2024"],                   # no name
        ["Lena", "Novak", "", "", "Contoso", "CTO", "Smarch 45th"],          # bad date: imported without it
        ["Too", "Many", "", "", "A", "B", "12 Mar 2024", "extra"],           # an unquoted comma
        LINKEDIN_ROWS[1],
    ]
    path = write_linkedin(tmp_path / "Connections.csv", rows=rows, preamble=False, bom=False)
    lines = path.read_text(encoding="utf-8").splitlines()
    report = store.import_file(path)
    assert report.created == 3
    reasons = {s.line: s.reason for s in report.skipped}
    assert lines[reasons_line(lines, ",,,,Nobody Inc") - 1].startswith(",,,,Nobody Inc")
    assert "no First Name" in reasons[reasons_line(lines, ",,,,Nobody Inc")]
    assert "not a date" in reasons[reasons_line(lines, "Lena,Novak")]
    assert "8 cells where the header has 7" in reasons[reasons_line(lines, "Too,Many")]
    assert by_name(store)["Lena Novak"].connected_on is None


def reasons_line(lines: list[str], prefix: str) -> int:
    return next(i for i, line in enumerate(lines, start=1) if line.startswith(prefix))


# ------------------------------------------------------------------ Google
def test_google_current_header_multi_values_labels_and_birthdays_without_year(store, tmp_path):
    report = store.import_file(write_google(tmp_path / "contacts.csv"))
    assert (report.format, report.created) == ("google", 3)
    people = by_name(store)
    hana = people["Hana Mei Sato"]
    assert hana.emails == ["hana@example.net", "hana.sato@example.com"]
    assert hana.phones == ["+1 555 0100", "+1 555 0101"]
    assert hana.tags == ["Friends", "Mentors"] and hana.birthday == "1988-11-30"
    assert hana.linkedin_url == "https://www.linkedin.com/in/hana-sato-fict" and hana.title == "Director"
    priya = people["Priya Raman"]
    assert priya.birthday == "--07-01" and priya.tags == ["Mentors"]  # '* myContacts' is not a tag
    assert [n.text for n in priya.notes] == ["Prefers email over calls."]
    assert priya.notes[0].source == "google"


def test_google_legacy_header(store, tmp_path):
    report = store.import_file(write_google_legacy(tmp_path / "google.csv"))
    assert (report.format, report.created) == ("google", 2)
    olu = by_name(store)["Olu Adeyemi"]
    assert olu.emails == ["olu@example.org", "olu.a@example.com"]
    assert (olu.company, olu.title, olu.birthday, olu.tags) == ("Stark Analytics", "Founder", "--03-15", ["Community"])
    assert by_name(store)["Grace Kim"].company == "Hooli"  # name taken from the Name column


# ------------------------------------------------------------------ vCard
def test_vcard_30_folded_lines_escaped_commas_and_structured_values(store, tmp_path):
    report = store.import_file(write_vcard(tmp_path / "contacts.vcf"))
    assert (report.format, report.created) == ("vcard", 3)
    people = by_name(store)
    priya = people["Priya Raman"]
    assert priya.company == "Northwind Labs" and priya.title == "Staff Engineer"
    assert priya.notes[0].text == ("Mentored me at the 2021 hackathon, very generous with time. "
                                   "Follow up about the platform role.")
    assert priya.tags == ["mentor", "ex-colleague"] and priya.phones == ["+44 20 7946 0000"]
    wei = people["Wei Chen"]
    assert wei.company == "Initech, Inc." and wei.emails == ["wei.chen@example.org", "wei@example.net"]
    assert wei.notes[0].text == "Introduced me to the data team\nSecond line of the note."
    assert people["Maja Lindqvist"].birthday == "--07-01"


def test_vcard_21_quoted_printable_and_40(store, tmp_path):
    store.import_file(write_vcard(tmp_path / "old.vcf", VCARD_21))
    store.import_file(write_vcard(tmp_path / "new.vcf", VCARD_40))
    people = by_name(store)
    jurgen = people["Jürgen Müller"]
    assert jurgen.notes[0].text == "Met at the Berlin meetup, talked about hiring."
    assert jurgen.emails == ["juergen@example.de"] and jurgen.phones == ["+49 30 0000000"]
    ana = people["Ana María López"]
    assert ana.company == "Soylent, S.A." and ana.birthday == "--12-24"
    assert ana.linkedin_url == "https://www.linkedin.com/in/ana-lopez-fict" and ana.phones == ["+34 600 00 00 00"]


def test_broken_card_is_skipped_with_its_line(store, tmp_path):
    text = VCARD_30 + "BEGIN:VCARD\r\nVERSION:3.0\r\nthis is not a property\r\nEND:VCARD\r\n" + VCARD_40
    report = store.import_file(write_vcard(tmp_path / "mixed.vcf", text))
    assert report.created == 4
    assert len(report.skipped) == 1 and report.skipped[0].line == VCARD_30.count("\n") + 1


# ------------------------------------------------------------------ Markdown
def test_markdown_folder_front_matter_and_dated_notes(store, tmp_path):
    vault = write_markdown_folder(tmp_path / "vault", {"broken.md": "---\nname: [unclosed\n---\nbody\n"})
    report = store.import_file(vault)
    assert (report.format, report.created) == ("markdown", 2)
    assert [s.reason.split(":")[0] for s in report.skipped] == [".obsidian", "broken.md"]  # every file accounted for
    priya = by_name(store)["Priya Raman"]
    assert priya.company == "Northwind Labs" and priya.tags == ["mentor", "platform"] and priya.cadence_days == 45
    notes = {n.date: n.text for n in priya.notes}
    assert notes[None] == "Always asks about my side project."
    assert notes[dt.date(2024, 2, 10)] == "Coffee\nTalked about the staff promotion process."
    assert notes[dt.date(2024, 5, 2)] == "Sent her the draft design doc."
    kwame = by_name(store)["Kwame Mensah"]  # name from the file name
    assert kwame.connected_on == dt.date(2022, 9, 1) and kwame.linkedin_url.endswith("/kwame-mensah-fict")


def test_single_markdown_file(store, tmp_path):
    path = tmp_path / "Jo Park.md"
    path.write_text("Met at the climbing gym; works in fintech.\n", encoding="utf-8")
    report = store.import_file(path)
    assert report.created == 1 and by_name(store)["Jo Park"].notes[0].text.startswith("Met at the climbing gym")


# ------------------------------------------------------------------ encodings
@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_spreadsheet_resaved_files_decode(store, tmp_path, encoding):
    rows = [["José", "Müller-Ñúñez", "", "", "Café Société", "Directeur général", "12 Mar 2024"],
            ["Zoë", "Brontë", "", "", "Ålesund Øl", "Brewer", "1 Apr 2020"]]
    if encoding == "cp1252":
        rows.append(["Renée", "O’Hara", "", "", "Smart “Quotes” Ltd", "Editor", "2 Apr 2020"])
    path = write_linkedin(tmp_path / "Connections.csv", rows=rows, bom=False, encoding=encoding)
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")
    report = store.import_file(path)
    assert report.created == len(rows)
    people = by_name(store)
    assert people["José Müller-Ñúñez"].company == "Café Société"
    assert people["Zoë Brontë"].company == "Ålesund Øl"
    if encoding == "cp1252":
        assert people["Renée O’Hara"].company == "Smart “Quotes” Ltd"


def test_google_csv_in_cp1252(store, tmp_path):
    rows = [google_row(**{"First Name": "Mañana", "Last Name": "Dvořák" if False else "Dvorak",
                          "Notes": "Prefers déjà-vu jokes – really.", "Organization Name": "Crème Brûlée SA"})]
    store.import_file(write_google(tmp_path / "g.csv", rows, encoding="cp1252"))
    c = by_name(store)["Mañana Dvorak"]
    assert c.company == "Crème Brûlée SA" and c.notes[0].text == "Prefers déjà-vu jokes – really."


# ------------------------------------------------------------------ detection
def test_format_detected_from_content_not_name(tmp_path):
    assert detect(write_linkedin(tmp_path / "a.txt")) == "linkedin"
    assert detect(write_google(tmp_path / "b.txt")) == "google"
    assert detect(write_google_legacy(tmp_path / "c.dat")) == "google"
    assert detect(write_vcard(tmp_path / "d.csv")) == "vcard"
    assert detect(write_markdown_folder(tmp_path / "vault")) == "markdown"


def test_forcing_the_wrong_format_is_a_clear_error(store, tmp_path):
    path = write_google(tmp_path / "contacts.csv")
    with pytest.raises(ImportFormatError, match="no LinkedIn .* header row"):
        store.import_file(path, fmt="linkedin")
    assert store.list_contacts() == []


# ------------------------------------------------------------------ bad files
BAD_FILES = {
    "empty": (b"", "is empty"),
    "blank": (b"\r\n\r\n  \n", "is empty"),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "not a text file"),
    "wrong header": (b"id,amount,currency\n1,2.50,EUR\n", "not a recognised contacts export"),
    "truncated csv": (linkedin_text().encode()[: linkedin_text().encode().index(b"Initech") + 3], "truncated"),
    "truncated vcard": (VCARD_30.encode()[:-40], "truncated"),
    "vcard without cards": (b"BEGIN:VCALENDAR\nEND:VCALENDAR\n", "not a recognised"),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_unreadable_files_raise_one_clear_sentence_and_write_nothing(store, tmp_path, case):
    store.import_file(write_linkedin(tmp_path / "before.csv"))
    before, revision = store.all_contacts(), store.revision()
    data, message = BAD_FILES[case]
    path = tmp_path / "bad.csv"
    path.write_bytes(data)
    with pytest.raises(ImportFormatError, match=message) as info:
        store.import_file(path)
    text = str(info.value)
    assert "\n" not in text and text.endswith(".") and str(path) in text
    assert store.all_contacts() == before and store.revision() == revision


def test_truncated_csv_after_good_rows_rolls_everything_back(store, tmp_path):
    data = linkedin_text().encode()
    path = tmp_path / "cut.csv"
    path.write_bytes(data[: data.index(b"Initech") + 3])  # good rows, then a row cut inside "Initech, Inc."
    with pytest.raises(ImportFormatError, match="truncated"):
        store.import_file(path)
    assert store.list_contacts() == []


def test_a_crash_half_way_leaves_the_store_as_it_was(store, tmp_path, monkeypatch):
    from coach.crm.importers import merge

    store.import_file(write_google(tmp_path / "g.csv"))
    before, revision = store.all_contacts(), store.revision()
    calls = {"n": 0}
    real_add = merge.Merger.add

    def flaky(self, contact, *args):
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("power cut")
        return real_add(self, contact, *args)

    monkeypatch.setattr(merge.Merger, "add", flaky)
    with pytest.raises(RuntimeError):
        store.import_file(write_linkedin(tmp_path / "Connections.csv"))
    assert store.all_contacts() == before and store.revision() == revision


# ------------------------------------------------------------------ oversized
def test_a_one_megabyte_cell_is_truncated_and_reported(store, tmp_path):
    huge = "x" * (1024 * 1024)
    rows = [*GOOGLE_ROWS, google_row(**{"First Name": "Bea", "Last Name": "Long", "Notes": huge})]
    report = store.import_file(write_google(tmp_path / "g.csv", rows))
    assert report.created == 4
    note = by_name(store)["Bea Long"].notes[0]
    assert len(note.text) == 20_000
    # line 6: the header, three rows (one with a two-line address), then Bea
    assert any(s.line == 6 and "cut to 20,000" in s.reason for s in report.skipped)


@pytest.mark.slow
def test_a_50_megabyte_file_imports_in_bounded_memory(store, tmp_path):
    path = tmp_path / "big.csv"
    note = "Long notes from years of coffee chats. " * 250  # ~10 KB per row
    rows = [google_row(**{"First Name": f"Person{i}", "Last Name": "Bulk", "Notes": f"{i} {note}"})
            for i in range(5400)]
    write_google(path, rows)
    assert path.stat().st_size > 50 * 1024 * 1024
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    report = store.import_file(path)
    assert report.created == 5400 and report.skipped == []
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before) / 1024
    assert grown_mb < 400, f"peak memory grew by {grown_mb:.0f} MB for a 50 MB file"


@pytest.mark.slow
def test_ten_thousand_linkedin_rows_import_fast_and_reimport_creates_nothing(store, tmp_path):
    path = write_linkedin_big(tmp_path / "Connections.csv", 10_000)
    start = time.perf_counter()
    report = store.import_file(path)
    first = time.perf_counter() - start
    assert report.created == 10_000 and report.skipped == []
    start = time.perf_counter()
    again = store.import_file(path)
    second = time.perf_counter() - start
    assert (again.created, again.updated, again.unchanged) == (0, 0, 10_000)
    print(f"\n10,000-row LinkedIn import: {first:.2f} s ({10_000 / first:,.0f} rows/s); re-import {second:.2f} s")
    assert first < 60


def test_streams_rows_without_reading_the_whole_file(tmp_path):
    path = write_linkedin_big(tmp_path / "Connections.csv", 3000)
    read: list[int] = []
    _fmt, rows = read_rows(path, on_read=read.append)
    next(rows)
    assert sum(read) < os.path.getsize(path) / 2
    assert len(list(rows)) == 2999 and sum(read) == os.path.getsize(path)


def test_header_only_file_imports_nothing(store, tmp_path):
    path = tmp_path / "Connections.csv"
    path.write_text(",".join(LINKEDIN_HEADER) + "\n", encoding="utf-8")
    report = store.import_file(path)
    assert (report.created, report.skipped) == (0, [])


def test_a_title_before_a_name_stays_with_the_first_name_and_greets_by_surname():
    from coach.core.domain import Contact
    from coach.crm.importers.records import split_name

    for full, first, last, greeting in [("Dr. Anjali Raghunathan", "Dr. Anjali", "Raghunathan", "Dr. Raghunathan"),
                                        ("Capt. Inés Aldana-Rourke", "Capt. Inés", "Aldana-Rourke", "Capt. Aldana-Rourke"),
                                        ("Ana María López", "Ana", "López", "Ana")]:
        f, m, last_name = split_name(full)
        contact = Contact(first_name=f, middle_name=m, last_name=last_name)
        assert (f, last_name) == (first, last) and contact.addressed() == greeting
