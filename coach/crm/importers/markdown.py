"""Markdown notes, one person per file, as people keep them in Obsidian.

YAML front matter holds the fields (`name`, `company`, `title`, `email`,
`tags`, …); the body is the notes. Headings that start with a date
(`## 2024-03-12 Coffee`) split the body into dated notes; text before the
first dated heading is one undated note. A folder is read recursively,
skipping hidden folders such as `.obsidian` and never following a link out of
it (a hard link whose other names are not all inside the folder counts as such a
link); every file left out is reported with its reason.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import frontmatter
import yaml

from coach.core.domain import Contact
from coach.core.errors import ImportFormatError
from coach.crm.importers.encoding import open_text
from coach.crm.importers.records import (
    FieldProblems,
    Row,
    Skip,
    clean_tag,
    normalize_linkedin,
    parse_birthday,
    split_name,
)

SOURCE = "markdown"
MAX_FILE_CHARS = 4 * 1024 * 1024
SUFFIXES = (".md", ".markdown")
_DATED_HEADING = re.compile(r"^#{1,6}[ \t]+(\d{4}-\d{2}-\d{2})\b[ \t:—-]*(.*)$", re.M)
_WIKILINK = re.compile(r"\[\[([^\]|]+)(?:\|([^\]]+))?\]\]")

_ALIASES = {
    "name": ("name", "full_name", "fullname"),
    "first_name": ("first_name", "firstname", "given_name"),
    "middle_name": ("middle_name",),
    "last_name": ("last_name", "lastname", "family_name", "surname"),
    "company": ("company", "organization", "organisation", "org", "employer"),
    "title": ("title", "role", "position", "job_title", "jobtitle"),
    "emails": ("email", "emails", "e-mail"),
    "phones": ("phone", "phones", "tel", "mobile"),
    "linkedin_url": ("linkedin", "linkedin_url", "linkedin_profile"),
    "tags": ("tags", "labels", "categories"),
    "location": ("location", "city"),
    "how_we_met": ("how_we_met", "met", "met_at"),
    "connected_on": ("connected_on", "connected"),
    "birthday": ("birthday", "bday"),
    "cadence_days": ("cadence", "cadence_days"),
}


def files(path: Path) -> tuple[list[Path], list[Skip]]:
    """The Markdown files to read under `path`, and a Skip for everything left out, with why.

    Nothing outside the folder is ever read: links (to files or folders) are not followed
    when they lead out of it, and folders are walked without following links at all.
    Hidden files and folders (`.obsidian`, `.trash`) and files that are not Markdown are
    listed as skipped, so the report accounts for every file.
    """
    if not path.is_dir():
        return [path], []
    root = path.resolve()
    found: list[Path] = []
    skipped: list[Skip] = []
    names_inside: dict[tuple[int, int], int] = {}  # (device, inode) -> names of it found inside the folder

    def skip(item: Path, reason: str) -> None:
        skipped.append(Skip(1, f"{item.relative_to(path)}: {reason}"))

    for folder, dirs, names in os.walk(path, followlinks=False):
        here = Path(folder)
        for d in sorted(dirs):
            sub = here / d
            if d.startswith("."):
                skip(sub, "a hidden folder; not read")
            elif sub.is_symlink():
                skip(sub, "a link to a folder; links to folders are not followed")
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not (here / d).is_symlink())
        for name in sorted(names):
            file = here / name
            with contextlib.suppress(OSError):
                info = file.lstat()
                if stat.S_ISREG(info.st_mode):
                    names_inside[(info.st_dev, info.st_ino)] = names_inside.get((info.st_dev, info.st_ino), 0) + 1
            if name.startswith("."):
                skip(file, "a hidden file; not read")
            elif file.suffix.lower() not in SUFFIXES:
                skip(file, f"not a Markdown file ({', '.join(SUFFIXES)})")
            elif file.is_symlink() and not _inside(file, root):
                skip(file, "a link to a file outside the folder; not followed")
            elif not file.is_file():
                skip(file, "not a regular file (a broken link, a device or a pipe)")
            else:
                found.append(file)
    kept = []
    for file in found:
        if _linked_from_outside(file, names_inside):
            skip(file, "a hard link to a file that also has a name outside the folder; not read, like a link "
                       "out of it")
        else:
            kept.append(file)
    found = kept
    if not found and not any(s.reason.split(": ", 1)[0].lower().endswith(SUFFIXES) for s in skipped):
        raise ImportFormatError(f"{path} contains no Markdown (.md) files; point at a notes folder or file.")
    return found, skipped


def _linked_from_outside(file: Path, names_inside: dict[tuple[int, int], int]) -> bool:
    """Whether the file `file` names has more hard links than the folder holds: another name, outside."""
    try:
        info = file.stat()
    except OSError:
        return True
    return info.st_nlink > names_inside.get((info.st_dev, info.st_ino), 0)


def _inside(file: Path, root: Path) -> bool:
    try:
        return file.resolve().is_relative_to(root)
    except (OSError, RuntimeError):  # a link loop
        return False


def parse(path: Path) -> Iterator[Row | Skip]:
    folder = path.is_dir()
    found, skipped = files(path)
    yield from skipped
    for file in found:
        label = f"{file.relative_to(path)}: " if folder else ""
        try:
            item = _parse_file(file, label)
        except ImportFormatError as exc:
            if not folder:
                raise
            item = Skip(1, f"{label}{exc}")
        yield item


def _read(file: Path) -> str:
    stream, _ = open_text(file)
    with stream:
        text = stream.read(MAX_FILE_CHARS + 1)
    if len(text) > MAX_FILE_CHARS:
        raise ImportFormatError(f"{file.name} is larger than {MAX_FILE_CHARS // (1024 * 1024)} MB of text; split it.")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _parse_file(file: Path, label: str) -> Row | Skip:
    text = _read(file)
    try:
        post = frontmatter.loads(text)
    except (yaml.YAMLError, ValueError, TypeError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return Skip(1, f"{label}the front matter is not valid YAML ({first[:100]})")
    meta = {str(k).strip().lower().replace(" ", "_").replace("-", "_"): v for k, v in post.metadata.items()}
    p = FieldProblems()

    def get(field: str) -> Any:
        for alias in _ALIASES[field]:
            if meta.get(alias.replace("-", "_")) not in (None, "", []):
                return meta[alias.replace("-", "_")]
        return None

    def one(field: str) -> str:
        value = get(field)
        if isinstance(value, list):
            value = value[0] if value else ""
        return p.text(_unlink(str(value)) if value is not None else "", field.replace("_", " "))

    def many(field: str) -> list[str]:
        value = get(field)
        if value is None:
            return []
        items = value if isinstance(value, list) else re.split(r"[,;]", str(value))
        return [_unlink(str(v)).strip() for v in items if v is not None and str(v).strip()]

    first, middle, last = one("first_name"), one("middle_name"), one("last_name")
    if not (first or last):
        first, middle, last = split_name(one("name") or file.stem.replace("_", " "))
    if not (first or last):
        return Skip(1, f"{label}no name in the front matter or the file name")

    contact = Contact(
        first_name=first, middle_name=middle, last_name=last,
        company=one("company"), title=one("title"),
        emails=p.items_list(many("emails"), "email"), phones=p.items_list(many("phones"), "phone"),
        linkedin_url=normalize_linkedin(one("linkedin_url")),
        tags=p.items_list([clean_tag(t) for t in many("tags")], "tags"),
        location=one("location"), how_we_met=p.text(one("how_we_met"), "how we met", 20_000),
        sources=[SOURCE],
    )
    contact.connected_on = _date(get("connected_on"), "connected_on", p)
    raw_bday = get("birthday")
    if raw_bday:
        try:
            contact.birthday = parse_birthday(raw_bday.isoformat() if isinstance(raw_bday, dt.date) else str(raw_bday))
        except ValueError:
            p.items.append(f"{label}birthday {str(raw_bday)[:30]!r} is not a date; imported without it")
    cadence = get("cadence_days")
    if cadence is not None:
        if str(cadence).strip().isdigit() and 0 < int(str(cadence).strip()) < 100_000:
            contact.cadence_days = int(str(cadence).strip())
        else:
            p.items.append(f"{label}cadence {str(cadence)[:20]!r} is not a number of days; ignored it")
    contact.notes = _notes(post.content, contact.name, p)
    p.items = [f"{label}{m}" if label and not m.startswith(label) else m for m in p.items]
    return Row(1, contact, p.items)


def _unlink(text: str) -> str:
    """[[Acme Corp]] or [[acme|Acme Corp]] -> Acme Corp."""
    return _WIKILINK.sub(lambda m: m.group(2) or m.group(1), text)


def _date(value: Any, label: str, p: FieldProblems) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return p.date(value, label) if value else None


def _notes(body: str, name: str, p: FieldProblems):
    lines = body.strip().split("\n")
    if lines and lines[0].startswith("# ") and " ".join(lines[0][2:].split()).casefold() == name.casefold():
        body = "\n".join(lines[1:])
    notes = []
    matches = list(_DATED_HEADING.finditer(body))
    preamble = body[: matches[0].start()] if matches else body
    note = p.note(preamble, SOURCE)
    if note:
        notes.append(note)
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(body)
        text = (m.group(2).strip() + "\n" + body[m.end():end].strip()).strip()
        try:
            date = dt.date.fromisoformat(m.group(1))
        except ValueError:
            date = None
            text = m.group(0).strip() + "\n" + text
        note = p.note(text, SOURCE, date)
        if note:
            notes.append(note)
    return notes
