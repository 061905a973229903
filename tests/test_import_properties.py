"""Property tests: no byte string makes an importer fail with anything but ImportFormatError."""

from __future__ import annotations

import itertools
import os
from pathlib import Path

from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from coach.errors import ImportFormatError
from coach.importers import FORMATS, Row, Skip, read_rows
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
