"""A note pasted as JSON (a CRM or app export: {"contact": {...}, "log": [{"ts": …, "txt": …}]}) read as the lines
the rules read: each record's text on a line of its own under its date, each scalar field as a "key: value" line
(a field, never a sentence). Not JSON: None, and the note is read as written."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable

# keys whose value is what someone wrote (read as sentences); keys whose value dates its record
_TEXT_KEYS = {"txt", "text", "body", "note", "notes", "comment", "comments", "content", "summary", "description",
              "message", "msg", "details", "detail", "memo", "remarks", "log_text"}
_DATE_KEYS = {"ts", "timestamp", "date", "created", "created_at", "createdat", "time", "when", "at", "datetime",
              "updated", "updated_at", "logged", "logged_at", "occurred_at", "sent", "sent_at"}


def _when(value: object, key: str) -> dt.date | None:
    """The date a value states: an ISO or day/month/year string under any key, or epoch seconds or milliseconds
    under a key that says it is a time."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        if key.lower() not in _DATE_KEYS and not re.search(r"time|date|_at$|^ts$", key.lower()):
            return None
        seconds = value / 1000 if value > 1e11 else value
        try:
            return dt.datetime.fromtimestamp(seconds, tz=dt.UTC).date() if 3e8 < seconds < 5e9 else None
        except (OverflowError, OSError, ValueError):
            return None
    text = str(value).strip()
    m = re.fullmatch(r"((?:19|20)\d\d)-(\d\d)-(\d\d)(?:[T ][\d:.+-]+Z?(?:\s*[A-Z]{2,4})?)?", text)
    dmy = re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.]((?:19|20)\d\d)", text)
    try:
        if m:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if dmy:  # day first unless the first number cannot be a day of a month
            a, b, y = int(dmy.group(1)), int(dmy.group(2)), int(dmy.group(3))
            return dt.date(y, b, a) if b <= 12 else dt.date(y, a, b)
    except ValueError:
        return None
    return None


_NAME_KEYS = ("name", "full_name", "fullname", "display_name", "contact_name")
_TASK = re.compile(r"^(?:task|todo|to-do|reminder)s?$|^(?:open|pending|not[ _-]?started|in[ _-]?progress|due)$", re.I)


def _walk(node: object, key: str, out: list[str], field: Callable[[str], bool],
          someone_else: Callable[[str], bool]) -> None:
    if isinstance(node, list):
        for item in node:
            _walk(item, key, out, field, someone_else)
        return
    if not isinstance(node, dict):
        name = key.replace("_", " ")
        if isinstance(node, str) and node.strip():
            text = " ".join(node.split())
            if key in _TEXT_KEYS or not key or len(text.split()) >= 5:  # what someone wrote, whatever its key
                out.append(text)
            elif field(name):  # a field the notes reader knows ("title", "goes by"); others are app bookkeeping
                out.append(f"{name}: {text}")
        return
    named = next((str(v) for k, v in node.items() if k.lower() in _NAME_KEYS and isinstance(v, str)), "")
    if named and someone_else(named):
        return  # a record about another person (a look-alike, a colleague): not about the two of us
    todo = any(k.lower() in ("type", "kind", "status", "state") and isinstance(v, str) and _TASK.match(v.strip())
               for k, v in node.items())  # an open task states nothing that happened
    date = next((d for k, v in node.items() for d in [_when(v, k)] if d), None)
    if date:
        out.append(date.isoformat())
    for k, v in node.items():
        if _when(v, k):
            continue
        if todo and isinstance(v, str) and (k.lower() in _TEXT_KEYS or len(v.split()) >= 5):
            out.append(f"todo: {' '.join(v.split())}")
            continue
        _walk(v, k.lower(), out, field, someone_else)
    if date:
        out.append("")  # the record ends: what follows is not under its date


def lines(text: str, field: Callable[[str], bool], someone_else: Callable[[str], bool]) -> list[str] | None:
    """The note's lines when it is JSON (one document, or one object per line), else None. `field` says which
    keys name a field worth a "key: value" line; `someone_else` which names are another person's."""
    stripped = text.strip()
    if not stripped or stripped[0] not in "[{":
        return None
    try:
        docs = [json.loads(stripped)]
    except ValueError:
        try:
            docs = [json.loads(line) for line in stripped.splitlines() if line.strip()]
        except ValueError:
            return None
    out: list[str] = []
    for doc in docs:
        if not isinstance(doc, dict | list):
            return None
        _walk(doc, "", out, field, someone_else)
    return out or None
