"""Write contact exports at test time, with the quirks real exports have. Fictional people only."""

from __future__ import annotations

import csv
import io
from pathlib import Path

LINKEDIN_PREAMBLE = (
    'Notes:\r\n'
    '"When exporting your connection data, you may notice that some of the email addresses are missing. '
    'You will only see email addresses for connections who have allowed their connections to see or download '
    'their email address using this setting https://www.linkedin.com/psettings/privacy/email. You can learn more '
    'here https://www.linkedin.com/help/linkedin/answer/261"\r\n'
    '\r\n'
)
LINKEDIN_HEADER = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]

# The people below overlap across the LinkedIn, vCard and Google fixtures.
LINKEDIN_ROWS = [
    ["Priya", "Raman", "https://www.linkedin.com/in/priya-raman-fict", "", "Northwind Labs", "Staff Engineer", "12 Mar 2024"],
    ["Tomás", "Ortega", "https://www.linkedin.com/in/tomas-ortega-fict", "", "Globex", "Product Manager", "7-Feb-22"],
    ["Wei", "Chen", "https://www.linkedin.com/in/wei-chen-fict/", "wei.chen@example.org", "Initech, Inc.", "Head of Data, EMEA", "01 Jan 2023"],
    ["Fatima", "Zahra", "https://www.linkedin.com/in/fatima-zahra-fict", "", "Umbrella Health", "Recruiter", "28 Feb 2021"],
]


def _csv(rows: list[list[str]], crlf: bool = True) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n" if crlf else "\n").writerows(rows)
    return buf.getvalue()


def linkedin_text(rows=None, url_column: bool = True, preamble: bool = True, blank_rows: bool = True) -> str:
    rows = [list(r) for r in (rows if rows is not None else LINKEDIN_ROWS)]
    header = list(LINKEDIN_HEADER)
    if not url_column:
        header.remove("URL")
        rows = [r[:2] + r[3:] for r in rows]
    body = _csv([header]) + _csv(rows[:2]) + ("\r\n" if blank_rows else "") + _csv(rows[2:])
    return (LINKEDIN_PREAMBLE if preamble else "") + body + ("\r\n" if blank_rows else "")


def write_linkedin(path: Path, rows=None, *, url_column: bool = True, bom: bool = True,
                   encoding: str = "utf-8", preamble: bool = True) -> Path:
    text = linkedin_text(rows, url_column=url_column, preamble=preamble)
    data = text.encode(encoding)
    if bom and encoding == "utf-8":
        data = b"\xef\xbb\xbf" + data
    path.write_bytes(data)
    return path


def write_linkedin_big(path: Path, n: int) -> Path:
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        fh.write(LINKEDIN_PREAMBLE)
        w = csv.writer(fh, lineterminator="\r\n")
        w.writerow(LINKEDIN_HEADER)
        for i in range(n):
            w.writerow([f"Person{i}", f"Fictional{i % 997}", f"https://www.linkedin.com/in/fict-person-{i}",
                        f"person{i}@example.com" if i % 5 == 0 else "", f"Company {i % 300}, Ltd",
                        "Engineer", "12 Mar 2024"])
    return path


GOOGLE_CURRENT_HEADER = [
    "First Name", "Middle Name", "Last Name", "Phonetic First Name", "Phonetic Middle Name", "Phonetic Last Name",
    "Name Prefix", "Name Suffix", "Nickname", "File As", "Organization Name", "Organization Title",
    "Organization Department", "Birthday", "Notes", "Photo", "Labels", "E-mail 1 - Label", "E-mail 1 - Value",
    "E-mail 2 - Label", "E-mail 2 - Value", "Phone 1 - Label", "Phone 1 - Value", "Address 1 - Label",
    "Address 1 - Formatted", "Address 1 - City", "Website 1 - Label", "Website 1 - Value",
]


def google_row(**values: str) -> list[str]:
    return [values.get(h, "") for h in GOOGLE_CURRENT_HEADER]


GOOGLE_ROWS = [
    google_row(**{"First Name": "Priya", "Last Name": "Raman", "Organization Name": "Northwind Labs",
                  "Notes": "Prefers email over calls.", "Labels": "Mentors ::: * myContacts",
                  "E-mail 1 - Label": "* Work", "E-mail 1 - Value": "priya.raman@example.com",
                  "Birthday": "--07-01"}),
    google_row(**{"First Name": "Tomas", "Last Name": "Ortega", "Organization Name": "Globex Inc.",
                  "Notes": "Knows the hiring manager on the platform team.", "Labels": "* myContacts"}),
    google_row(**{"First Name": "Hana", "Middle Name": "Mei", "Last Name": "Sato", "Organization Name": "Vandelay Industries",
                  "Organization Title": "Director", "Labels": "Friends ::: Mentors",
                  "E-mail 1 - Value": "hana@example.net ::: hana.sato@example.com", "Phone 1 - Value": "+1 555 0100 ::: +1 555 0101",
                  "Birthday": "1988-11-30", "Address 1 - Formatted": "Osaka\nJapan",
                  "Website 1 - Value": "https://linkedin.com/in/hana-sato-fict"}),
]


def write_google(path: Path, rows=None, encoding: str = "utf-8") -> Path:
    path.write_bytes(_csv([GOOGLE_CURRENT_HEADER] + (rows if rows is not None else GOOGLE_ROWS)).encode(encoding))
    return path


GOOGLE_LEGACY_HEADER = [
    "Name", "Given Name", "Additional Name", "Family Name", "Yomi Name", "Given Name Yomi", "Additional Name Yomi",
    "Family Name Yomi", "Name Prefix", "Name Suffix", "Initials", "Nickname", "Short Name", "Maiden Name",
    "Birthday", "Gender", "Location", "Billing Information", "Directory Server", "Mileage", "Occupation", "Hobby",
    "Sensitivity", "Priority", "Subject", "Notes", "Language", "Photo", "Group Membership", "E-mail 1 - Type",
    "E-mail 1 - Value", "Phone 1 - Type", "Phone 1 - Value", "Organization 1 - Type", "Organization 1 - Name",
    "Organization 1 - Yomi Name", "Organization 1 - Title", "Website 1 - Type", "Website 1 - Value",
]


def write_google_legacy(path: Path) -> Path:
    def row(**v: str) -> list[str]:
        return [v.get(h, "") for h in GOOGLE_LEGACY_HEADER]

    rows = [
        row(**{"Name": "Olu Adeyemi", "Given Name": "Olu", "Family Name": "Adeyemi", "Birthday": "--03-15",
               "Notes": "Runs the Lagos data meetup.", "Group Membership": "* myContacts ::: Community",
               "E-mail 1 - Type": "* Home", "E-mail 1 - Value": "olu@example.org ::: olu.a@example.com",
               "Organization 1 - Name": "Stark Analytics", "Organization 1 - Title": "Founder"}),
        row(**{"Name": "Grace Kim", "Given Name": "", "Family Name": "", "Organization 1 - Name": "Hooli"}),
    ]
    path.write_bytes(_csv([GOOGLE_LEGACY_HEADER] + rows).encode("utf-8"))
    return path


VCARD_30 = (
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "N:Raman;Priya;;;\r\n"
    "FN:Priya Raman\r\n"
    "ORG:Northwind Labs;Platform\r\n"
    "TITLE:Staff Engineer\r\n"
    "EMAIL;TYPE=INTERNET,WORK:priya.raman@example.com\r\n"
    "TEL;TYPE=CELL:+44 20 7946 0000\r\n"
    "NOTE:Mentored me at the 2021 hackathon\\, very generous with time. Follow up ab\r\n"
    " out the platform role.\r\n"
    "CATEGORIES:mentor,ex-colleague\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "N:Chen;Wei;;;\r\n"
    "FN:Wei Chen\r\n"
    "ORG:Initech\\, Inc.\r\n"
    "EMAIL:wei.chen@example.org\r\n"
    "EMAIL;TYPE=HOME:wei@example.net\r\n"
    "URL:https://www.linkedin.com/in/wei-chen-fict\r\n"
    "NOTE:Introduced me to the data team\\nSecond line of the note.\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "N:Lindqvist;Maja;;;\r\n"
    "FN:Maja Lindqvist\r\n"
    "BDAY:--0701\r\n"
    "END:VCARD\r\n"
)

VCARD_21 = (
    "BEGIN:VCARD\r\n"
    "VERSION:2.1\r\n"
    "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=C3=BCrgen;;;\r\n"
    "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:J=C3=BCrgen M=C3=BCller\r\n"
    "ORG:Acme Widgets\r\n"
    "TEL;CELL:+49 30 0000000\r\n"
    "EMAIL;INTERNET:juergen@example.de\r\n"
    "NOTE;ENCODING=QUOTED-PRINTABLE:Met at the Berlin meetup, =\r\n"
    "talked about hiring.\r\n"
    "END:VCARD\r\n"
)

VCARD_40 = (
    "BEGIN:VCARD\n"
    "VERSION:4.0\n"
    "N:López;Ana;María;;\n"
    "FN:Ana María López\n"
    "ORG:Soylent\\, S.A.\n"
    "EMAIL;TYPE=work:ana.lopez@example.com\n"
    "TEL;VALUE=uri;TYPE=\"voice,cell\":tel:+34-600-000-000\n"
    "URL;TYPE=linkedin:https://linkedin.com/in/ana-lopez-fict/\n"
    "CATEGORIES:partner,conference\n"
    "BDAY:--1224\n"
    "NOTE:Co-presented at the 2023 summit.\n"
    "END:VCARD\n"
)


def write_vcard(path: Path, text: str = VCARD_30, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


MARKDOWN_PEOPLE = {
    "Priya Raman.md": (
        "---\nname: Priya Raman\ncompany: \"[[Northwind Labs]]\"\nemail: priya.raman@example.com\n"
        "tags: [mentor, '#platform']\nhow_we_met: 2021 hackathon\ncadence: 45\n---\n"
        "# Priya Raman\n\nAlways asks about my side project.\n\n"
        "## 2024-02-10 Coffee\nTalked about the staff promotion process.\n\n"
        "## 2024-05-02\nSent her the draft design doc.\n"
    ),
    "people/Kwame Mensah.md": (
        "---\ncompany: Tyrell Systems\ntitle: Engineering Manager\nconnected_on: 2022-09-01\n"
        "linkedin: https://www.linkedin.com/in/kwame-mensah-fict\n---\nHiring for two backend roles.\n"
    ),
}


def write_markdown_folder(folder: Path, extra: dict[str, str] | None = None) -> Path:
    for rel, text in {**MARKDOWN_PEOPLE, **(extra or {})}.items():
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    (folder / ".obsidian").mkdir(exist_ok=True)
    (folder / ".obsidian" / "workspace.md").write_text("not a person", encoding="utf-8")
    return folder
