"""Property tests: no byte string makes an importer fail with anything but ImportFormatError."""

from __future__ import annotations

import itertools
import os
from pathlib import Path

from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from coach.core.errors import ImportFormatError
from coach.crm.importers import FORMATS, Row, Skip, read_rows
from tests.fixtures_contacts import GOOGLE_CURRENT_HEADER, LINKEDIN_HEADER, VCARD_30, linkedin_text

_counter = itertools.count()
# COACH_FUZZ_EXAMPLES=5000 for a longer hunt
PROPERTY = hsettings(max_examples=int(os.environ.get("COACH_FUZZ_EXAMPLES", "150")), deadline=None,
                     suppress_health_check=[HealthCheck.function_scoped_fixture])


def _consume(path: Path, fmt: str) -> list:
    try:
        _fmt, rows = read_rows(path, fmt)
        items = list(rows)
    except ImportFormatError as exc:
        message = str(exc)
        assert message and "\n" not in message and "Traceback" not in message
        return []
    assert all(isinstance(i, Row | Skip) for i in items)
    for item in items:
        if isinstance(item, Skip):
            assert item.reason and item.line >= 1
    return items


def _write(tmp_path: Path, data: bytes, suffix: str = ".csv") -> Path:
    path = tmp_path / f"case-{next(_counter)}{suffix}"
    path.write_bytes(data)
    return path


@PROPERTY
@given(data=st.binary(max_size=2048), fmt=st.sampled_from(("auto", *FORMATS)))
def test_any_bytes(tmp_path, data, fmt):
    _consume(_write(tmp_path, data), fmt)


PREFIXES = [
    b"\xef\xbb\xbf" + linkedin_text().encode()[:400],
    (",".join(LINKEDIN_HEADER) + "\r\n").encode(),
    (",".join(GOOGLE_CURRENT_HEADER) + "\n").encode(),
    b"BEGIN:VCARD\r\nVERSION:3.0\r\n",
    VCARD_30.encode()[:200],
    b"---\nname: x\n",
    b"first_name,middle_name,last_name,company,title,emails,phones,linkedin_url,tags,location,how_we_met,"
    b"connected_on,birthday,cadence_days,last_contacted,sources,field_sources,notes,interactions\n",
]


@PROPERTY
@given(prefix=st.sampled_from(PREFIXES), tail=st.binary(max_size=1024),
       text_tail=st.text(max_size=400), fmt=st.sampled_from(("auto", *FORMATS)))
def test_valid_start_then_garbage(tmp_path, prefix, tail, text_tail, fmt):
    """A real header or card followed by random bytes or text: rows or skips, never a crash."""
    suffix = ".md" if prefix.startswith(b"---") else ".csv"
    _consume(_write(tmp_path, prefix + text_tail.encode("utf-8", "surrogatepass") + tail, suffix), fmt)


@PROPERTY
@given(cells=st.lists(st.lists(st.text(max_size=30), min_size=0, max_size=9), max_size=12))
def test_linkedin_rows_of_random_cells(tmp_path, cells):
    import csv
    import io

    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(LINKEDIN_HEADER)
    for row in cells:
        writer.writerow([c.replace("\x00", "") for c in row])
    items = _consume(_write(tmp_path, buf.getvalue().encode("utf-8", "surrogatepass")), "linkedin")
    for item in items:
        if isinstance(item, Row):
            assert item.contact.name


@hsettings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(prefix=st.sampled_from(PREFIXES), tail=st.binary(max_size=600))
def test_store_import_of_garbage_is_all_or_nothing(tmp_path, store, prefix, tail):
    """Through the store too: either an ImportFormatError and no change, or a report; never a crash."""
    before = store.revision()
    count = len(store.list_contacts())
    path = _write(tmp_path, prefix + tail)
    try:
        report = store.import_file(path)
    except ImportFormatError:
        assert store.revision() == before and len(store.list_contacts()) == count
        return
    assert len(store.list_contacts()) == count + report.created


# ------------------------------------------------------------------ two people who share a name
_letters = st.characters(min_codepoint=ord("a"), max_codepoint=ord("z"))
_word = st.text(alphabet=_letters, min_size=2, max_size=10).map(str.capitalize)
_person_counter = itertools.count()


@st.composite
def namesakes(draw):
    """Two distinct people with the same first and last name who differ in one field (both sides have a
    value) and share no strong key: no email, phone or profile in common."""
    first, last = draw(_word), draw(_word)
    differing = draw(st.sampled_from(("middle name", "company", "email", "phone")))
    a: dict[str, str] = {"First Name": first, "Last Name": last}
    b = dict(a)
    if differing == "middle name":
        m1, m2 = draw(_word), draw(_word)
        if m1[0] == m2[0]:
            m2 = ("Q" if m1[0] != "Q" else "Z") + m2[1:]
        a["Middle Name"], b["Middle Name"] = m1, m2
    elif differing == "company":
        c1, c2 = draw(st.lists(_word, min_size=2, max_size=2, unique=True))
        a["Organization Name"], b["Organization Name"] = f"{c1} Labs", f"{c2} Partners"
    elif differing == "email":
        u1, u2 = draw(st.lists(_word, min_size=2, max_size=2, unique_by=str.lower))
        a["E-mail 1 - Value"], b["E-mail 1 - Value"] = f"{u1.lower()}@one.example", f"{u2.lower()}@two.example"
    else:
        n1, n2 = draw(st.lists(st.integers(100, 199), min_size=2, max_size=2, unique=True))
        a["Phone 1 - Value"], b["Phone 1 - Value"] = f"+1 202 555 0{n1}", f"+1 202 555 0{n2}"
    # optional extra fields that never make a strong key in common
    if draw(st.booleans()):
        a["Organization Title"] = draw(_word)
    return differing, a, b


@hsettings(max_examples=300, deadline=None)
@given(pair=namesakes(), order=st.booleans())
def test_namesakes_are_never_matched_without_a_strong_key(pair, order):
    """The rule alone: a stored person and an imported namesake who conflicts are never one contact."""
    from coach.core.domain import Contact
    from coach.crm.importers.matching import Matcher
    from coach.crm.importers.merge import new_record

    differing, a, b = pair
    first, second = (a, b) if order else (b, a)

    def contact(cells: dict[str, str]) -> Contact:
        return Contact(first_name=cells["First Name"], last_name=cells["Last Name"],
                       middle_name=cells.get("Middle Name", ""), company=cells.get("Organization Name", ""),
                       title=cells.get("Organization Title", ""),
                       emails=[cells["E-mail 1 - Value"]] if cells.get("E-mail 1 - Value") else [],
                       phones=[cells["Phone 1 - Value"]] if cells.get("Phone 1 - Value") else [])

    matcher = Matcher()
    matcher.add(1, new_record(contact(first), "google"))
    decision = matcher.decide(contact(second))
    assert decision.contact_id is None, (differing, first, second)
    assert decision.possible == [1] and differing in decision.reason


@hsettings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pair=namesakes())
def test_importing_namesakes_makes_two_contacts_and_one_possible_duplicate(tmp_path, store, pair):
    """Through a real Google CSV and the store: two contacts, one possible duplicate; importing the file
    again changes nothing."""
    import csv
    import io

    from tests.fixtures_contacts import GOOGLE_CURRENT_HEADER

    differing, a, b = pair
    n = next(_person_counter)  # the store lives across examples: every example's people and keys apart
    people = []
    for i, person in enumerate((a, b)):
        person = {**person, "Last Name": f"{person['Last Name']}Run{n}"}
        if person.get("E-mail 1 - Value"):
            person["E-mail 1 - Value"] = person["E-mail 1 - Value"].replace("@", f".run{n}@")
        if person.get("Phone 1 - Value"):
            person["Phone 1 - Value"] = f"+44 20 7946 {(2 * n + i) % 10_000:04d}"
        people.append(person)
    a, b = people
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(GOOGLE_CURRENT_HEADER)
    for person in (a, b):
        writer.writerow([person.get(h, "") for h in GOOGLE_CURRENT_HEADER])
    path = _write(tmp_path, buf.getvalue().encode("utf-8"))
    report = store.import_file(path)
    assert report.created == 2, (differing, a, b, report)
    assert len(report.possible_duplicates) == 1 and differing in report.possible_duplicates[0].reason
    again = store.import_file(path)
    assert (again.created, again.updated, again.possible_duplicates) == (0, 0, [])
