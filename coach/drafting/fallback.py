"""What a draft falls back on when no candidate passed as written: a capable model's draft with one slip to fix by
hand (shown in its own words, marked to fix), a draft composed from verified facts keeping the model's sentences
that pass ("repaired", a capable model's only) or from facts alone ("template"), and never a dead end: the best composed draft whose only
hard failure is a slot the user fills, or a slot draft (greeting, one line for the user, the ask), marked to fix.
"""

from __future__ import annotations

from coach.checks.checker import SHORT_EMAIL
from coach.core.errors import CoachError
from coach.core.messages import CheckReport
from coach.core.text import fold
from coach.drafting.asks import ask_for, frame, subject_for
from coach.drafting.brief import Brief
from coach.drafting.composer import compose, variants

CAPABLE_BUDGET = 8  # how many of a capable model's sentences a composed draft may keep

# A draft that fails a hard check is offered (marked to fix) only when every hard failure is one of these: a slot
# the user fills in. Anything else (sensitive, grounding, other contacts…) is never shown.
USER_FILLS = frozenset({"placeholders"})
# A capable model's draft that still fails after its revisions is shown in its own words, marked to fix, when all it
# fails is one of these, and only one (a single unsupported name at most) (what the user can see and fix in a word: a name the notes spell otherwise, a long email):
# a composed rewrite loses what the model got right. A slip the composer fixes ("her talk" to them, a sentence
# twice) or one that says what must not be said is composed again.
FLAG_ONLY = frozenset({"placeholders", "grounding", "facts-together", "length", "subject", "goal"})


class DraftError(CoachError):
    """No draft could be made that passes the hard checks."""

    exit_code = 1


def recompose(brief: Brief, tier: str, best_candidate: dict,
              avoid_texts: list[str]) -> tuple[str, str, CheckReport, str]:
    """Nothing passed as written: (subject, body, report, path) composed from verified facts, keeping a capable
    model's sentences that pass and none of the small model's (`avoid_texts`: earlier drafts a regenerate must not
    repeat)."""
    avoid = tuple(dict.fromkeys(fold(text) for text in avoid_texts))  # the latest last
    best_text, report = best_candidate["text"], best_candidate["report"]
    failed = [c for c in report.checks if c.hard and not c.passed]
    if tier == "capable" and best_text and len(failed) == 1 and failed[0].name in FLAG_ONLY and \
            len(report.unsupported) <= 1:  # one slip to fix by hand; a draft failing more is composed again
        return best_candidate["subject"], best_candidate["body"].strip(), report, "needs-edit"
    texts = [best_text] if tier == "capable" and best_text else []  # the small model's sentences are never sent
    best: tuple | None = None
    for i, text in enumerate(texts):
        made = compose(brief, text, CAPABLE_BUDGET, avoid=avoid)
        if made is None:
            continue
        subject, body, report, uses_model = made
        key = (report.score, uses_model, -i)
        if best is None or key > best[0]:
            best = (key, subject, body, report, uses_model)
    if best is None:
        made = compose(brief, avoid=avoid)
        if made is None:  # never a dead end: the best draft, with the checks it fails marked to fix
            options = [(option, brief.check(*option)) for option in variants(brief)]
            failed = "; ".join(dict.fromkeys(c.detail for _, report in options[:1] for c in report.checks
                                             if c.hard and not c.passed))
            # offered only when what fails is a slot the user fills, or an email a few words short of the minimum
            # ("Congratulations on opening your clinic! Wishing you every success."): what it says is right, and
            # the user adds a line; a slot says nothing
            options = [(o, r) for o, r in options
                       if all(c.name in USER_FILLS or _short_of_minimum(c) for c in r.checks if c.hard and not c.passed)]
            if not options:
                options = slot_draft(brief)
            if not options:
                raise DraftError(f"No draft for {brief.contact.name} passed the checks ({failed}): add what you "
                                 "share with them as a fact (how you met, what you talked about) and draft "
                                 "again.")
            (subject, body), report = max(options, key=lambda o: o[1].score)
            fails = not all(c.passed for c in report.checks)
            return subject, body, report, "needs-edit" if fails else "template"
        best = ((0,), made[0], made[1], made[2], False)
    _, subject, body, report, uses_model = best
    return subject, body, report, "repaired" if uses_model else "template"


def _short_of_minimum(check) -> bool:
    """An email's length check failed for being short, with something said (not an empty body)."""
    return check.name == "length" and check.suggestion == SHORT_EMAIL


def slot_draft(brief: Brief) -> list[tuple[tuple[str, str], CheckReport]]:
    """The last resort before a dead end: greeting, one [slot] for the line only the user can write (why
    them, why now), the goal's ask, sign-off. Offered (marked to fix) when what it fails is that slot and the
    substance the slot stands for, never a check about what it says (it says nothing the user did not)."""
    slot = "[how you know them, and why now]"  # a placeholder the checker sees (at most 40 characters)
    # the slot is a sentence of its own: the ask after it starts one ("[…]. Up for a catch-up?")
    text = frame(brief, [slot + "."], ask_for(brief, short=brief.channel == "linkedin-note"))
    subject = subject_for(brief) if brief.channel == "email" else ""
    report = brief.check(subject, text)
    fixable = USER_FILLS | {"goal", "reason", "personal", "length"}
    if all(c.name in fixable for c in report.checks if c.hard and not c.passed):
        return [((subject, text), report)]
    return []
