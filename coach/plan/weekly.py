"""This week's plan: who to reach, why (the fact and its date), with what goal and channel.

Signals come from the store: open loops in the notes (they invited you back, you promised something,
you asked and never heard back), their news (a job or title change a newer export showed, a birthday
this week, a year in a role the coach saw them start), the profile's target companies and roles,
cadence due, and strong ties gone quiet. Each signal adds its weight
(`WEIGHTS`, data with a comment each); the strongest signal of a person gives the reason, the goal
and the fact. Time-dependent signals are read as of the week's Monday, so the same week's plan is the
same unless the store changed (a note, an import, a plan action). Sent, snoozed and skipped people
(`plan_marks`) are left out: sent until next week, snoozed until their date, skipped "not now" until
next week and "not this person" for half a year, after which each such skip counts against them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, Field

from coach.core.domain import Contact, Note
from coach.core.errors import CoachError
from coach.core.messages import DraftRequest
from coach.core.text import counted, fold
from coach.crm.cadence import effective_cadence
from coach.crm.importers.merge import headline
from coach.crm.relations import LABELS, ago, current_employer, read_person, same_company

# How much each signal counts. The strongest signal a person has gives their reason.
WEIGHTS: dict[str, float] = {
    "job_change": 5.0,        # their news: a new role is the most natural reason to write, and it goes stale fast
    "invited": 4.5,           # they asked you to get back in touch: an open door, theirs
    "promised": 4.0,          # you owe them something: keeping a promise is what trust is made of
    "asked": 3.0,             # you asked and never heard back: one polite follow-up after the guidance's wait
    "birthday": 3.5,          # their birthday falls this week: a short, warm note needs no other reason
    "anniversary": 2.75,      # a year in the role the coach saw them start: a natural check-in
    "target_company": 2.5,    # they work at a company your profile targets
    "target_role": 2.25,      # they hold a role your profile targets: someone to learn from
    "cadence_due": 2.0,       # due for a check-in by their own or their tag's cadence
    "overdue_month": 0.25,    # each 30 days past due adds this (at most OVERDUE_CAP)
    "strong_quiet": 1.5,      # a strong tie (mentor, former colleague, friend, 3+ conversations) quiet for months
    "skipped_person": -3.0,   # each time the user skipped them as "not this person", once the pause is over
}
OVERDUE_CAP = 1.0
NEWS_DAYS = 60               # a job change older than this is no longer news
ASK_WAIT_DAYS = 7            # guidance (craft/follow-up-timing): five to seven working days before following up
LOOP_DAYS = 365              # an open loop older than a year is not this week's business
QUIET_DAYS = 180             # a strong tie is quiet after half a year without a conversation
NOT_THIS_PERSON_DAYS = 182   # "not this person" keeps them out of the plan this long
STRONG_KINDS = ("mentor", "former-colleague", "former-manager", "friend", "coach", "partner")
SKIP_REASONS = ("not-this-person", "not-now")

# Open loops: which notes leave something open, and the goal that closes it. Patterns only classify a
# note; the reason quotes the note as written.
OPEN_LOOPS: tuple[tuple[str, re.Pattern[str], str], ...] = (
    ("invited", re.compile(r"\b(ping (?:me|her|him|them)|get back (?:in touch|to (?:her|him|them|me))|reach (?:out|back) "
                           r"(?:again|in|after)|check back|circle back|touch base|reconnect (?:in|after)|"
                           r"catch up (?:in|after))\b", re.IGNORECASE), "follow-up"),
    ("promised", re.compile(r"\b(I (?:promised|said I(?:'d| would)|will send|owe (?:her|him|them))|"
                            r"promised (?:to|her|him|them))\b", re.IGNORECASE), "follow-up"),
    ("asked", re.compile(r"\b(I asked|asked (?:her|him|them) (?:for|about|if|whether)|no reply|"
                         r"never heard back|waiting to hear)\b", re.IGNORECASE), "follow-up"),
)
LOOP_WORDS = {"invited": "they invited you to get back in touch", "promised": "you promised them something",
              "asked": "you asked and have not heard back"}
GOALS = {"job_change": "congratulations", "birthday": "reconnect", "anniversary": "congratulations",
         "target_company": "informational-interview", "target_role": "informational-interview", "cadence_due": "reconnect",
         "strong_quiet": "reconnect", **{kind: goal for kind, _, goal in OPEN_LOOPS}}


class PlanFact(BaseModel):
    """The fact a plan entry rests on."""

    kind: str = Field(description="job_change, invited, promised, asked, target_company, cadence_due, strong_quiet.")
    text: str = Field(description="The fact as stored (a note's words, the two headlines of a job change, …).")
    date: dt.date | None = Field(description="When it happened or was recorded.")
    source: str = Field(description="Where it is stored: note:ID, job_change:ID, profile, cadence, interaction.")


class PlanEntry(BaseModel):
    contact: dict[str, Any] = Field(description="{id, name}")
    reason: str = Field(description="One sentence: why this week, naming the fact and its date.")
    fact: PlanFact
    goal: str
    channel: str
    draft: dict[str, Any] | None = None
    draft_error: str | None = Field(default=None, description="Why no draft passed, in one sentence.")
    news: str = Field(default="", exclude=True, description="For a job change: the new role, as the user would "
                                                            "name it ('your new role as X at Y').")
    score: float = 0.0
    parts: dict[str, float] = Field(default_factory=dict, description="The score, signal by signal.")

    def public(self, explain: bool = False) -> dict[str, Any]:
        """The `coach plan --json` contract; with `explain`, the score and its parts too."""
        out = self.model_dump(mode="json", include={"contact", "reason", "fact", "goal", "channel", "draft",
                                                         "draft_error"})
        if explain:
            out.update(score=self.score, parts=self.parts)
        return out

    def request(self) -> DraftRequest:
        """The typed request that drafts this entry's message, through the same path as every draft."""
        # The context holds what the user would say the message is about. A fact's stored text pasted there ended
        # up in the message ("Congratulations! Now X; before: Y."), so a job change gives only the new role, and
        # other signals none: their fact is in the contact's dated notes, which drafts draw on.
        return DraftRequest(contact_id=self.contact["id"], goal=self.goal, channel=self.channel,
                            context=self.news)


def week_start(today: dt.date) -> dt.date:
    return today - dt.timedelta(days=today.weekday())


def _this_week(day: dt.date, as_of: dt.date) -> dt.date | None:
    """`day`'s month and day in the week that starts on `as_of` (a Monday), if they fall in it (29 February: the
    28th in other years)."""
    for offset in range(7):
        date = as_of + dt.timedelta(days=offset)
        if (date.month, date.day) == (day.month, day.day) or (
                (day.month, day.day) == (2, 29) and (date.month, date.day) == (2, 28) and not _leap(date.year)):
            return date
    return None


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _birthday(value: str, as_of: dt.date) -> dt.date | None:
    """This week's date of a birthday stored as an ISO date or --MM-DD (year unknown), or None."""
    text = (value or "").strip()
    try:
        month, day = (int(text[2:4]), int(text[5:7])) if text.startswith("--") else (int(text[5:7]), int(text[8:10]))
        return _this_week(dt.date(2000, month, day), as_of)  # 2000: a leap year, so 29 February is a date
    except (ValueError, IndexError):
        return None


def _quote(note: Note) -> str:
    text = " ".join(note.text.split())
    return f"“{text if len(text) <= 160 else text[:157].rstrip() + '…'}”"


def _loops(contact: Contact, as_of: dt.date, closed_after: dt.date | None) -> list[tuple[str, float, PlanFact, str]]:
    out = []
    for note in contact.notes:
        if note.date is None or (closed_after and note.date <= closed_after) or (as_of - note.date).days > LOOP_DAYS:
            continue
        for kind, pattern, _ in OPEN_LOOPS:
            if not pattern.search(note.text):
                continue
            if kind == "asked" and (as_of - note.date).days < ASK_WAIT_DAYS:
                break
            fact = PlanFact(kind=kind, text=" ".join(note.text.split()), date=note.date, source=f"note:{note.id}")
            tail = f", {ago(note.date, as_of)}" if kind == "asked" else ""
            reason = f"Open loop: {LOOP_WORDS[kind]}, in your note of {note.date.isoformat()}{tail}: {_quote(note)}"
            out.append((kind, WEIGHTS[kind], fact, reason))
            break
    return out


def _signals(contact: Contact, ctx: dict[str, Any]) -> list[tuple[str, float, PlanFact, str]]:
    """Every signal a person has this week: (kind, weight, fact, reason)."""
    as_of: dt.date = ctx["as_of"]
    person = read_person(contact, ctx["employer"])
    last = person.last_spoke
    out: list[tuple[str, float, PlanFact, str]] = []
    for change in ctx["changes"].get(contact.id, []):
        if (as_of - change.date).days <= NEWS_DAYS and not (last and last >= change.date):
            now = headline(change.new_title, change.new_company)
            before = headline(change.old_title, change.old_company)
            fact = PlanFact(kind="job_change", text=f"Now {now}; before: {before}.", date=change.date,
                            source=f"job_change:{change.id}")
            ctx.setdefault("news", {})[contact.id] = (f"your new role as {now}" if change.new_title
                                                      else f"your move to {change.new_company}")
            out.append(("job_change", WEIGHTS["job_change"], fact,
                        f"Their news: now {now} (was {before}), seen in the {change.source} export of "
                        f"{change.date.isoformat()}."))
        year = _this_week(change.date, as_of)
        if year and year.year > change.date.year:
            now = headline(change.new_title, change.new_company)
            years = year.year - change.date.year
            fact = PlanFact(kind="anniversary", text=f"Started as {now} on {change.date.isoformat()}.",
                            date=change.date, source=f"job_change:{change.id}")
            ctx.setdefault("news", {})[contact.id] = f"{counted(years, 'year')} in your role as {now}"
            out.append(("anniversary", WEIGHTS["anniversary"], fact,
                        f"{counted(years, 'year')} this week since they started as {now} "
                        f"({change.date.isoformat()}, seen in the {change.source} export)."))
    birthday = _birthday(contact.birthday, as_of)
    if birthday:
        fact = PlanFact(kind="birthday", text=f"Birthday: {contact.birthday}.", date=birthday, source="field:birthday")
        out.append(("birthday", WEIGHTS["birthday"], fact, f"Their birthday is this week ({birthday.isoformat()})."))
    out.extend(_loops(contact, as_of, last))
    role = next((r for r in ctx["roles"] if contact.title and fold(r) in fold(contact.title)), "")
    if role:
        fact = PlanFact(kind="target_role", text=f"{headline(contact.title, contact.company)}; your profile "
                                                 f"targets {role} roles.", date=contact.connected_on, source="profile")
        out.append(("target_role", WEIGHTS["target_role"], fact,
                    f"Works as {contact.title}, a role your profile targets ({role})."))
    target = next((t for t in ctx["targets"] if same_company(contact.company, t)), "")
    if target:
        since = contact.connected_on
        fact = PlanFact(kind="target_company", text=f"Works at {contact.company}; your profile targets {target}.",
                        date=since, source="profile")
        when = f"connected since {since.isoformat()}" if since else "no connection date recorded"
        out.append(("target_company", WEIGHTS["target_company"], fact,
                    f"Works at {contact.company}, one of your target companies ({when})."))
    due = ctx["due"].get(contact.id)
    if due:
        days = effective_cadence(contact.cadence_days, contact.tags, ctx["tag_cadences"]) or 0
        overdue = min(OVERDUE_CAP, WEIGHTS["overdue_month"] * ((as_of - due["due_since"]).days // 30))
        fact = PlanFact(kind="cadence_due", text=f"Check in every {days} days.", date=due["due_since"],
                        source="cadence")
        lastly = due["last_contacted"].isoformat() if due["last_contacted"] else "never"
        out.append(("cadence_due", WEIGHTS["cadence_due"] + overdue, fact,
                    f"Due for a check-in since {due['due_since'].isoformat()} (every {days} days; last contacted "
                    f"{lastly})."))
    strong = [k for k in person.kinds() if k in STRONG_KINDS] or (["3+ conversations"]
                                                                   if len(contact.interactions) >= 3 else [])
    if strong and last and (as_of - last).days >= QUIET_DAYS:
        label = ", ".join(LABELS.get(k, k) for k in strong)
        fact = PlanFact(kind="strong_quiet", text=f"Strong tie ({label}); last spoke {last.isoformat()}.", date=last,
                        source="interaction")
        out.append(("strong_quiet", WEIGHTS["strong_quiet"], fact,
                    f"A strong tie ({label}) gone quiet: you last spoke on {last.isoformat()}, {ago(last, as_of)}."))
    return out


def _excluded(marks: list[Any], today: dt.date) -> tuple[set[int], dict[int, int]]:
    """Who the user's plan actions keep out today, and how many 'not this person' skips each has."""
    out: set[int] = set()
    skips: dict[int, int] = {}
    this_week = week_start(today)
    for m in marks:
        if m.action == "sent" and week_start(m.date) == this_week or m.action == "snoozed" and m.until and today < m.until or m.action == "skipped" and m.reason == "not-now" and week_start(m.date) == this_week:
            out.add(m.contact_id)
        elif m.action == "skipped" and m.reason == "not-this-person":
            skips[m.contact_id] = skips.get(m.contact_id, 0) + 1
            if (today - m.date).days < NOT_THIS_PERSON_DAYS:
                out.add(m.contact_id)
    return out, skips


def build_plan(store: Any, size: int = 5, today: dt.date | None = None) -> list[PlanEntry]:
    """This week's plan: at most `size` people, strongest first (ties: by name, then id)."""
    today = today or dt.date.today()
    as_of = week_start(today)
    profile = store.get_profile()
    changes: dict[int, list[Any]] = {}
    for change in store.job_changes():
        changes.setdefault(change.contact_id, []).append(change)
    ctx = {"as_of": as_of, "employer": current_employer(profile), "targets": profile.target_companies,
           "roles": profile.target_roles,
           "changes": changes, "due": {d["id"]: d for d in store.due_contacts(as_of)},
           "tag_cadences": store.tag_cadences()}
    excluded, skips = _excluded(store.plan_marks(), today)
    entries = []
    for contact in store.all_contacts():
        if contact.id in excluded:
            continue
        signals = _signals(contact, ctx)
        if not signals:
            continue
        parts: dict[str, float] = {}
        for kind, weight, _, _ in signals:
            parts[kind] = max(parts.get(kind, 0.0), weight)
        if skips.get(contact.id):
            parts["skipped_person"] = WEIGHTS["skipped_person"] * skips[contact.id]
        kind, _, fact, reason = max(signals, key=lambda s: (s[1], -_order(s[0])))
        channel = "email" if contact.email else "linkedin-message"
        entries.append(PlanEntry(contact={"id": contact.id, "name": contact.name}, reason=reason, fact=fact,
                                 goal=GOALS[kind], channel=channel, score=round(sum(parts.values()), 2),
                                 parts=parts, news=ctx.get("news", {}).get(contact.id, "")
                                 if kind in ("job_change", "anniversary") else ""))
    entries.sort(key=lambda e: (-e.score, e.contact["name"].casefold(), e.contact["id"]))
    return [e for e in entries if e.score > 0][:size]


def _order(kind: str) -> int:
    return list(WEIGHTS).index(kind)


def fill_draft(entry: PlanEntry, draft: Callable[[DraftRequest], Any],
               request: DraftRequest | None = None) -> PlanEntry:
    """The entry with its checked draft, made by `draft` (the coach's `draft_request`) from the typed request
    (`request`: a revision of it, such as "another one")."""
    try:
        made = draft(request or entry.request())
    except CoachError as exc:  # one person's failed draft leaves the rest of the plan standing
        return entry.model_copy(update={"draft": None, "draft_error": str(exc)})
    return entry.model_copy(update={"draft": made.model_dump(mode="json") if hasattr(made, "model_dump") else made})


def mark_sent(store: Any, contact_id: int, today: dt.date, channel: str = "linkedin-message",
              goal: str = "", text: str = "") -> Any:
    """Sent: log the interaction (date, channel, goal, the text as sent), which resets the cadence, and keep
    them out of this week's plan."""
    from coach.core.domain import Interaction

    summary = " ".join(text.split())
    if goal:
        summary = f"{goal}: {summary}" if summary else goal
    interaction = Interaction(date=today, channel=channel, direction="outbound", summary=summary)
    return store.add_plan_mark(contact_id, "sent", today, interaction=interaction)


def mark_snoozed(store: Any, contact_id: int, today: dt.date, until: dt.date) -> Any:
    from coach.core.errors import InputError

    if until <= today:
        raise InputError(f"Snooze until a date after today ({today.isoformat()}), for example "
                         f"--until {(today + dt.timedelta(days=7)).isoformat()}.")
    return store.add_plan_mark(contact_id, "snoozed", today, until=until)


def mark_skipped(store: Any, contact_id: int, today: dt.date, reason: str) -> Any:
    from coach.core.errors import InputError

    if reason not in SKIP_REASONS:
        raise InputError(f"Unknown skip reason {reason!r}: use {' or '.join(SKIP_REASONS)}.")
    return store.add_plan_mark(contact_id, "skipped", today, reason=reason)
