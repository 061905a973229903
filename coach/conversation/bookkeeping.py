"""The chat's record-keeping turns, carried out through the store: a contact's card, a note kept on someone,
who is due for a check-in. The rule router reads them (`coach.conversation.records`); the tool-calling agent
has the same jobs as tools (`show_contact`, `add_note`, `who_is_due`).

Each handler takes the chat, the reading, the words and the state, and returns the turn and the state update,
like the chat's other handlers.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from coach.core.domain import Contact
from coach.core.messages import Turn

if TYPE_CHECKING:
    from coach.conversation.reading import Reading

Chat = Any  # the chat these turns belong to (`coach.conversation.chat.Chat`, which imports this module)

SHOWN_NOTES = 5
SHOWN_DUE = 10
SHOWN_LISTED = 25


def card_text(c: Contact) -> str:
    """A contact as chat text: who they are, how you met, when you last spoke, the latest notes and talks."""
    role = " at ".join(p for p in (c.title, c.company) if p)
    lines = [f"{c.name} (#{c.id})" + (f" — {role}" if role else "")]
    if c.location:
        lines.append(f"Location: {c.location}")
    if c.tags:
        lines.append("Tags: " + ", ".join(c.tags))
    if c.how_we_met:
        lines.append(f"How you met: {c.how_we_met}")
    lines.append(f"Last contacted: {c.last_contacted or 'never recorded'}")
    if c.emails:
        lines.append("Email: " + ", ".join(c.emails))
    notes = sorted(c.notes, key=lambda n: (n.date is not None, n.date or dt.date.min), reverse=True)[:SHOWN_NOTES]
    if notes:
        lines.append(f"Notes ({len(c.notes)}):" if len(c.notes) <= SHOWN_NOTES
                     else f"Latest {SHOWN_NOTES} of {len(c.notes)} notes:")
        lines += [f"- {n.date or 'undated'}: {n.text}" for n in notes]
    else:
        lines.append("No notes yet: say \"remember that …\" to keep one.")
    talks = sorted(c.interactions, key=lambda i: i.date, reverse=True)[:SHOWN_NOTES]
    if talks:
        lines.append("Latest interactions:")
        lines += [f"- {i.date} ({i.channel}): {i.summary}" for i in talks]
    return "\n".join(lines)


def link(c: Contact, snippet: str) -> dict:
    """A person as a result the app links to their page."""
    return {"kind": "contact", "id": str(c.id), "title": c.name, "snippet": snippet, "score": 1.0, "source": ""}


def show(chat: Chat, r: Reading, text: str, state: dict) -> tuple[Turn, dict]:
    c = chat.coach.store.get_contact(r.contact_id)
    chat.step(f"Reading what you have on {c.name}…")
    role = " at ".join(p for p in (c.title, c.company) if p)
    return (Turn(reply=card_text(c), intent="show", reading=r.line(c.name), results=[link(c, role)]),
            {"last_contact": c.id})


def note(chat: Chat, r: Reading, text: str, state: dict) -> tuple[Turn, dict]:
    c = chat.coach.store.get_contact(r.contact_id)
    chat.step(f"Saving a note on {c.name}…")
    saved = chat.coach.store.add_note(c.id, r.note, r.date)
    reply = f"Saved on {c.name}'s record ({saved.date}): {saved.text}"
    return (Turn(reply=reply, intent="note", reading=r.line(c.name), results=[link(c, saved.text)]),
            {"last_contact": c.id})


def due(chat: Chat, r: Reading, text: str, state: dict) -> tuple[Turn, dict]:
    chat.step("Checking who you are due to get back to…")
    people = chat.coach.store.due_contacts()
    if not people:
        reply = ("Nobody is due for a check-in. Set how often to keep in touch per contact or per tag on the "
                 "Contacts page (or `coach contacts cadence`).")
        return Turn(reply=reply, intent="due", reading=r.line()), {}
    shown = people[:SHOWN_DUE]
    count = f"{len(people)} {'person is' if len(people) == 1 else 'people are'} due for a check-in"
    head = count + (f"; the {len(shown)} most overdue:" if len(people) > len(shown) else ", most overdue first:")
    rows = [f"- {d['name']} (#{d['id']}): last contacted {d.get('last_contacted') or 'never'}, due since "
            f"{d['due_since']}" for d in shown]
    results = [{"kind": "contact", "id": str(d["id"]), "title": d["name"], "score": 1.0, "source": "",
                "snippet": f"last contacted {d.get('last_contacted') or 'never'}, due since {d['due_since']}"}
               for d in shown]
    return Turn(reply="\n".join([head, *rows]), intent="due", reading=r.line(), results=results), {}


def everyone(chat: Chat, r: Reading, text: str, state: dict) -> tuple[Turn, dict]:
    """Every contact, or everyone at the company the reading names, by name, from the store (not a search)."""
    from coach.core.text import fold

    chat.step("Listing your contacts…")
    people = sorted(chat.coach.contacts(), key=lambda c: fold(c.name))
    where = f" at {r.topic}" if r.topic else ""
    if r.topic:
        people = [c for c in people if fold(c.company) == fold(r.topic)]
    if not people:
        reply = (f"Nobody{where} in your contacts." if r.topic else
                 "No contacts yet: import your LinkedIn export on the Contacts page (or `coach import FILE`).")
        return Turn(reply=reply, intent="find", reading=r.line()), {}
    shown = people[:SHOWN_LISTED]
    head = f"{len(people)} {'person' if len(people) == 1 else 'people'}{where} in your contacts" + (
        f"; the first {len(shown)} by name:" if len(people) > len(shown) else ":")
    roles = [" at ".join(p for p in (c.title, c.company) if p) for c in shown]
    rows = [f"- {c.name} (#{c.id})" + (f" — {role}" if role else "") for c, role in zip(shown, roles, strict=True)]
    if len(people) > len(shown):
        rows.append(f"… and {len(people) - len(shown)} more on the Contacts page (or `coach contacts list`).")
    results = [link(c, role) for c, role in zip(shown, roles, strict=True)]
    return (Turn(reply="\n".join([head, *rows]), intent="find", reading=r.line(), results=results),
            {"last_contact": people[0].id} if len(people) == 1 else {})


def pending_turn(chat: Chat, contact_id: int, pending: dict[str, Any], state: dict) -> tuple[Turn, dict] | None:
    """A note or a card asked for a name several people share, now that the user said which one; None when the
    question open was about a draft."""
    from coach.conversation.reading import Reading

    kind = pending.get("intent")
    if kind not in ("note", "show"):
        return None
    contact = chat.coach.store.get_contact(contact_id)
    r = Reading(intent=kind, contact=contact, note=pending.get("note", ""), date=pending.get("date"))
    turn, update = (note if kind == "note" else show)(chat, r, "", state)
    return turn, {**update, "pending": None}
