"""A note's layout: front matter, headings that title interactions, and dated log lines.

What the rules read is the text inside each part; the part's heading and date travel with it (a dated heading
`## 2024-05-02 Offsite` or a log line `02/11/2025 09:14 Call logged: ...` is a date and a title, never a
sentence).
"""

from __future__ import annotations

import datetime as dt
import re

from coach.core.dates import month_number
from coach.core.text import fold

# Headings that file notes, not interactions: their lines are the user's to-dos, links and questions.
NOT_EVENTS = {"follow-ups", "follow-up", "followups", "follow ups", "follow up", "todo", "todos", "to do", "to-do",
              "tasks", "next steps", "action items", "actions", "notes", "links", "resources", "questions",
              "ideas", "misc", "background", "about", "bio", "contact", "details", "info", "reminders", "open questions",
              "people", "related", "see also", "summary", "context", "reading", "refs", "references"}

def front_matter(text: str) -> tuple[dict, str]:
    if not text.startswith("---"):
        return {}, text
    end = text.find("\n---", 3)
    if end < 0:
        return {}, text
    fields = {}
    for line in text[3:end].splitlines():
        k, sep, v = line.partition(":")
        if sep and v.strip():
            fields[k.strip().lower()] = v.strip().strip("'\"")
    return fields, text[end + 4:]


_HEADING = re.compile(r"^#{1,6}\s+(.*)$", re.MULTILINE)


def _iso(text: str) -> dt.date | None:
    """A log line's date: ISO (2024-02-14), or numeric with slashes (US order, 02/14/2024, unless the first
    number cannot be a month) or dots (day first, 14.02.2024)."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    numeric = re.fullmatch(r"(\d{1,2})([/.])(\d{1,2})[/.]((?:19|20)\d\d)", text)
    if not numeric:
        return None
    a, sep, b, year = int(numeric.group(1)), numeric.group(2), int(numeric.group(3)), int(numeric.group(4))
    month, day = (a, b) if sep == "/" and a <= 12 else (b, a)
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


# A date written out as a journal app heads its entries ("Thursday, April 17, 2025", "Thu 17 Apr 2025").
_WRITTEN = re.compile(r"^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?(?:(?P<m1>[a-z]{3,9})\.?\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?"
                      r"|(?P<d2>\d{1,2})(?:st|nd|rd|th)?\s+(?P<m2>[a-z]{3,9})\.?),?\s+(?P<y>(?:19|20)\d\d)\b[\s,:–—-]*(?P<rest>.*)$",
                      re.IGNORECASE)


def _written_date(heading: str) -> tuple[dt.date, str] | None:
    """(date, what follows) of a heading that starts with a date written out; None otherwise."""
    m = _WRITTEN.match(heading.strip())
    month = month_number(m.group("m1") or m.group("m2")) if m else None
    if not m or not month:
        return None
    try:
        return dt.date(int(m.group("y")), month, int(m.group("d1") or m.group("d2"))), m.group("rest").strip()
    except ValueError:
        return None


def sections(body: str, note) -> list[tuple[str, dt.date | None, str]]:
    """(heading, date, text) of each part of a note. A Markdown heading, or the first line of a dated note
    imported from Markdown, is the title of an interaction; "2024-05-02 Offsite" gives its date."""
    body = body.strip()
    lines = body.split("\n")
    if note.source == "markdown" and note.date and len(lines) > 1 and not _HEADING.match(lines[0]):
        body = "## " + body  # the importer kept the heading's title as the note's first line
    parts: list[tuple[str, dt.date | None, str]] = []
    marks = list(_HEADING.finditer(body))
    if not marks or marks[0].start() > 0:
        parts.append(("", note.date, body[: marks[0].start()] if marks else body))
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(body)
        # an undated heading in a note typed by hand is a section title: the note's entry date is not its date
        heading, date = m.group(1).strip(), note.date if note.source == "markdown" else None
        dated = re.match(r"(\d{4}-\d{2}-\d{2})\s*(.*)", heading)
        if dated and _iso(dated.group(1)):
            date, heading = _iso(dated.group(1)), dated.group(2).strip()
        elif written := _written_date(heading):  # a journal's "## Thursday, April 17, 2025": its date, no title
            date, heading = written
        parts.append((heading, date, body[m.end():end]))
    out: list[tuple[str, dt.date | None, str]] = []
    for heading, date, text in parts:
        if fold(heading.strip(" :")) in NOT_EVENTS:
            continue  # the user's to-dos, links and questions: no shared history
        kept: list[str] = []
        for line in text.split("\n"):  # a log line "2024-02-14 - he sent me…" is an interaction of its own
            logged = _LOG_LINE.match(line)
            if logged and _iso(logged.group(1)):
                out.append(("", _iso(logged.group(1)), _ACTIVITY.sub("", logged.group(2), count=1)))
            else:
                kept.append(line)
        if heading or "\n".join(kept).strip():
            out.append((heading, date, "\n".join(kept)))
    return out


# A log line: a date (ISO or numeric), perhaps a time, then what happened ("02/11/2025 09:14 Call logged: …").
_LOG_LINE = re.compile(r"^\s*[-*•]?\s*\**((?:19|20)\d\d-\d\d-\d\d|\d{1,2}[/.]\d{1,2}[/.](?:19|20)\d\d)\**"
                       r"(?:,?\s+\d{1,2}:\d\d(?::\d\d)?\s*(?:[AaPp]\.?[Mm]\.?)?)?\s*[-:–—|]?\s*(.+)$")
# A CRM export's activity label before what happened ("Call logged:", "Email sent:", "Meeting - "): not words to
# use, only how the entry was filed.
_ACTIVITY = re.compile(r"^(?:call|phone call|email|e-mail|meeting|note|task|linkedin message|message|sms|text|"
                       r"inmail|lunch|coffee)\s*(?:logged|sent|received|added|completed|created|booked|held)?"
                       r"\s*[:–—-]\s*", re.IGNORECASE)


# A clause the user is unsure of is no fact to state: "hiring SREs?? not sure", "maybe she's moving".
UNSURE = re.compile(r"\?|\b(?:maybe|perhaps|not sure|unsure|might|possibly|probably|i think|i guess|idk|rumou?r\w*|"
                    r"apparently|supposedly|allegedly|tbc|tbd|unclear|check whether|check if)\b", re.IGNORECASE)


# Words in a heading that name an occasion, not a proper name: "Coffee", "Offsite in Lyon".
OCCASIONS = {"coffee", "lunch", "dinner", "drinks", "breakfast", "call", "chat", "catch-up", "catchup", "offsite",
             "meetup", "meeting", "sync", "1:1", "walk", "intro", "interview", "workshop", "conference", "zoom",
             "video", "phone", "quick", "first", "kickoff", "kick-off", "retro", "demo", "talk", "visit"}


# A heading that starts so is the title of the user's own notes, never an event ("Prep before the call",
# "Notes on Seun", "Re: intro").
NOTE_TITLE = re.compile(r"^(?:prep|prepping|preparing|preparation|notes?|about|re|regarding|before|after|for|on|"
                        r"questions?|bio|background|research|plan|draft|ideas?|who is|what i know)\b", re.IGNORECASE)


# A heading that names a document the notes were kept in or copied from ("Job search 2024 - tracker (Notion table
# export)", "Contacts spreadsheet", "CRM log"): the notes' own title, never an event.
DOCUMENT = re.compile(r"\b(?:tracker|export|exported|spreadsheet|sheet|table|log|logs|notebook|diary|"
                      r"crm|database|template|inbox|folder|file|doc|docs|document|notes|backup|dump|csv|xlsx)\b",
                      re.IGNORECASE)


def heading_phrase(title: str, names: tuple[str, ...] = ()) -> str:
    """'Offsite in Lyon' -> 'at the offsite in Lyon'; 'PyCon US 2024' -> 'at PyCon US 2024'; 'Coffee at Pier 9'
    -> 'over coffee at Pier 9'; 'Coffee', 'Follow-ups', 'Links', 'Prep before reaching out to Seun' -> '' (a
    heading that names the person is about them, not where the user met them)."""
    title = " ".join(title.split()).strip(" .:-")
    if not title or len(title) > 70 or fold(title) in NOT_EVENTS or UNSURE.search(title) or NOTE_TITLE.match(title) \
            or DOCUMENT.search(title):
        return ""
    if any(re.search(rf"(?<!\w){re.escape(fold(n))}(?!\w)", fold(title)) for n in names if len(n) > 2):
        return ""
    first, _, rest = title.partition(" ")
    if re.match(r"(?:[Ww]hat|[Ww]hy|[Hh]ow|[Ww]ho|[Ww]here|[Ww]hen|[Ww]hich|[Dd]id|[Dd]o|[Dd]oes|[Ii]s|[Aa]re|[Ww]as|"
                r"[Ww]ere|[Ss]hould|[Cc]ould|[Cc]an|[Nn]ext|[Tt]o)\b(?!\s+[A-Z])", title) or title.endswith("?"):
        return ""  # a question or a section of the user's own write-up ("What went well"): no event
    if first.lower() in ("coffee", "lunch", "dinner", "drinks", "breakfast"):
        return f"over {first.lower()} {rest}" if rest.split(" ", 1)[0].lower() in ("at", "in", "after", "during") \
            else ""
    if first.lower() in OCCASIONS:
        if not rest:
            return ""
        return f"at the {first.lower()} {rest}" if first.lower() not in ("call", "chat", "video", "phone", "zoom") \
            else ""
    if first[:1].isupper() and not re.search(r"\b(?:I|we|she|he|talked|asked|sent)\b", title):
        return f"at {title}"
    return ""
