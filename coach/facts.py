"""Facts: what the user knows about a person, each with where it came from, strongest history first."""

from __future__ import annotations

from coach.domain import Contact
from coach.messages import Fact
from coach.phrasing import Hook, how_we_met_hook, interaction_hook, note_hook


def gather_facts(contact: Contact, context: str = "") -> list[Fact]:
    """What the user knows about the person, most specific first, each with where it came from."""
    facts: list[Fact] = []
    if contact.how_we_met:
        facts.append(Fact(text=f"How we met: {contact.how_we_met}", source="contact:how_we_met"))
    for note in sorted(contact.notes, key=lambda n: (n.date is not None, n.date), reverse=True)[:6]:
        text = " ".join(note.text.split())
        if text:
            facts.append(Fact(text=text[:300], source=f"note:{note.id}" if note.id else "note"))
    for inter in sorted(contact.interactions, key=lambda i: i.date, reverse=True)[:3]:
        if inter.summary:
            facts.append(Fact(text=f"{inter.date:%b %Y} ({inter.channel}): {inter.summary}"[:300],
                              source=f"interaction:{inter.id}" if inter.id else "interaction"))
    if contact.headline():
        facts.append(Fact(text=f"Works as {contact.headline()}", source="contact"))
    if context:
        facts.append(Fact(text=f"My request: {context}", source="request"))
    return facts


def history_hooks(contact: Contact) -> list[Hook]:
    """Opening lines from how we met and the notes, the most relationship-specific first.

    What you did together or for each other beats where you met, which beats what you talked about,
    which beats news about them. Only when nothing is shared does their employer make a line."""
    hooks: list[Hook] = []
    if contact.how_we_met:
        hook = how_we_met_hook(contact.how_we_met, contact)
        if hook:
            hooks.append(hook)
    for inter in sorted(contact.interactions, key=lambda i: i.date, reverse=True)[:1]:
        hook = interaction_hook(inter.summary, contact, f"interaction:{inter.id}" if inter.id else "interaction")
        if hook:
            hooks.append(hook)
    notes = sorted(contact.notes, key=lambda n: (n.date is not None, n.date), reverse=True)
    for note in notes[:6]:
        hook = note_hook(note.text, contact, f"note:{note.id}" if note.id else "note")
        if hook and not any(h.sentence == hook.sentence for h in hooks):
            hooks.append(hook)
    hooks.sort(key=lambda h: -h.strength)  # stable: how we met first among equals, then newest notes
    if not hooks and contact.company and not contact.notes and not contact.how_we_met:
        role = f" as {contact.title}" if contact.title else ""
        hooks.append(Hook(f"I have been following your work{role} at {contact.company}.", "employer", 0, "contact",
                          short=f"I have been following your work at {contact.company}."))
    return hooks
