"""The weekly plan as files people already plan with: an .ics calendar and a Markdown digest."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from coach.plan.weekly import week_start

REMINDER_HOUR = 9  # each reminder is an all-day event on its day with an alarm at this hour


def ics_bytes(entries: list[Any], today: dt.date) -> bytes:
    """One all-day event per person, spread over the working days from `today`, each with a reminder."""
    from icalendar import Alarm, Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//Networking Coach//weekly plan//EN")
    cal.add("version", "2.0")
    day = today
    for i, e in enumerate(entries):
        while day.weekday() >= 5:
            day += dt.timedelta(days=1)
        event = Event()
        event.add("uid", f"coach-plan-{week_start(today).isoformat()}-{e.contact['id']}@networking-coach")
        event.add("summary", f"Reach out to {e.contact['name']} ({e.goal}, {e.channel})")
        description = e.reason + (f"\n\nDraft:\n{e.draft.get('body', '')}" if e.draft else "")
        event.add("description", description)
        event.add("dtstart", day)
        event.add("dtend", day + dt.timedelta(days=1))
        event.add("dtstamp", dt.datetime.combine(today, dt.time(0), tzinfo=dt.UTC))
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"Reach out to {e.contact['name']}")
        alarm.add("trigger", dt.timedelta(hours=REMINDER_HOUR))
        event.add_component(alarm)
        cal.add_component(event)
        if i % 2 == 1:  # two people a day
            day += dt.timedelta(days=1)
    return cal.to_ical()


def markdown(entries: list[Any], today: dt.date) -> str:
    lines = [f"# This week ({week_start(today).isoformat()})", ""]
    if not entries:
        lines.append("Nobody to reach this week.")
    for i, e in enumerate(entries, 1):
        lines += [f"## {i}. {e.contact['name']} — {e.goal} by {e.channel}", "", e.reason, ""]
        if e.draft:
            lines += ["```", (e.draft.get("subject") or "") + "\n" + (e.draft.get("body") or ""), "```", ""]
        lines += [f"Done: `coach plan sent {e.contact['id']} --channel {e.channel} --goal {e.goal}`", ""]
    return "\n".join(lines).rstrip() + "\n"


def write_ics(entries: list[Any], today: dt.date, path: str | Path) -> Path:
    out = Path(path)
    out.write_bytes(ics_bytes(entries, today))
    return out


def write_markdown(entries: list[Any], today: dt.date, path: str | Path) -> Path:
    out = Path(path)
    out.write_text(markdown(entries, today), encoding="utf-8")
    return out
