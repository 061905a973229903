"""Assembly: a message from verified sentences, fitted to the channel, chosen by the checker.

The pieces come from elsewhere: the user's reason and their history with the
person as sentences to them (`coach/drafting/phrasing.py`, `coach/crm/facts/kinds.py`), the goal's
one ask, subject and email line (`prompts/goals.yaml`), and whatever sentences
of the model pass (`model_sentences`). This module puts them in the order the
goal wants (a congratulation leads with the news, a referral with the shared
history), makes the few variants the channel allows, and keeps the one the
checker likes best. Nothing here invents a fact.
"""

from __future__ import annotations

from coach.checks import grammar
from coach.checks.grounds import proper_words
from coach.checks.substance import the_thing
from coach.core.messages import CheckReport
from coach.core.text import (
    clean,
    content_words,
    fold,
    sentences,
    shared_stems,
    stem,
    words,
)
from coach.drafting.asks import (  # noqa: F401  (the drafter and tests import these from here)
    GREETING,
    INTRODUCE,
    SIGN_OFF,
    WHY_YOU,
    ask_for,
    email_line,
    frame,
    in_ask,
    inline,
    introduce,
    parting_line,
    reason_lines,
    sender_name,
    subject_for,
)
from coach.drafting.brief import Brief
from coach.drafting.model_lines import (  # noqa: F401
    FRAME_WORDS,
    GENERIC,
    _same_point,
    body_sentences,
    model_sentences,
    passes_sentence,
    well_supported,
)
from coach.drafting.openers import Opener, openers
from coach.drafting.versions import new_sentences, said, visibly_different

# Goals whose message leads with the user's news or reason rather than the shared history.
REASON_FIRST = ("congratulations", "thank-you", "follow-up")


def _adds(line: str, reason: str) -> bool:
    """Whether `line` says more than the user's reason: three or more things of its own ('you offered to review my
    portfolio once I finish the case study' beside 'I finished the case study')."""
    own = {stem(w) for w in content_words(line, ignore=FRAME_WORDS | GENERIC)}
    return len(own - {stem(w) for w in content_words(reason, ignore=FRAME_WORDS | GENERIC)}) >= 3


def _distinct(lines: list[str], keep_first: str = "") -> list[str]:
    """The lines without repeats; `keep_first` (the user's reason) wins over any line it repeats, but not over one
    that says three things more than it."""
    out: list[str] = []
    for line in lines:
        if not line or any(_same_point(line, o) and not (o == keep_first and _adds(line, o)) for o in out):
            continue
        if keep_first and line != keep_first and _same_point(line, keep_first) and not _adds(line, keep_first):
            continue
        out.append(line)
    return out


def _hook_lines(hooks: list, note: bool) -> list[str]:
    """Hooks as sentences; a second line in the same frame as the first is said plainly."""
    out: list[str] = []
    for i, hook in enumerate(hooks):
        text = hook.short if note else hook.sentence
        if i and out and text.split(" ")[:3] == out[0].split(" ")[:3]:
            text = hook.plain
        out.append(text)
    return out


def hooks_for(brief: Brief) -> list[Opener]:
    """The goal's openers from the facts, each kept only if it keeps every grammar invariant; with no
    history at all, their work (the one line anyone could write, said only when nothing else is known)."""
    names = brief.names()
    person = (brief.contact.name, brief.contact.given_name, brief.first)
    hooks = [h for h in openers(brief.all_facts, brief.goal, person=person)
             if grammar.ok(h.sentence, names) and grammar.ok(h.short, names) and grammar.ok(h.plain, names)
             and not brief.avoided(h.sentence)]
    if len(hooks) > 1:  # "we worked together" and nothing more says little beside a line that says something
        hooks = [h for h in hooks if not h.vague]
    # one meeting, said once: "It was great meeting you at the expo." and "We met in Singapore in 2022." tell
    # the same first meeting twice
    met = [h for h in hooks if h.kind == "met-at" and h.short.startswith("We met ")]  # where, not what we talked of
    hooks = [h for h in hooks if h not in met[1:]]
    if not hooks:  # nothing shared that a rule could read
        hooks = [h for h in [introduce(brief)] if h and grammar.ok(h.sentence, names)]
    elif not any(f.kind in _ACQUAINTED and not f.hidden for f in brief.all_facts):
        # a stranger (a talk heard, their news read): who the user is, after the one thing that says why them
        me = introduce(brief, why=False)  # "I am a …": who writes, beside the line that says why them
        if me and grammar.ok(me.sentence, names) and not any(h.kind == "profile" for h in hooks):
            hooks = [hooks[0], me, *hooks[1:]]
    return hooks


# Facts that say the two know each other: with none, the person may not know who writes.
_ACQUAINTED = frozenset({"met-at", "worked-together", "favour", "offer", "my-request", "personal"})




def variants(brief: Brief, own: list[str] | None = None, said: str | None = None,
             rotate: bool = False) -> list[tuple[str, str]]:
    """(subject, body) candidates in order of preference: the model's sentences first, then fewer parts.
    `said` is the user's reason as a sentence, when the caller has it already. `rotate` (a regenerate) adds the
    versions that lead with each other fact and put the ask in its other words, after the usual ones."""
    if said is None:
        said = reason_lines(brief)
    hooks = hooks_for(brief)
    marked = ("Thank you", "Congratulations")  # a hook that already does the goal's job
    if said and fold(said).startswith(("thank", "congrat")):  # the user's reason does it: the fact is said plainly
        hooks = [Opener(h.plain, h.kind, h.source) if h.sentence.startswith(marked) else h for h in hooks]
    # the goal's stock opener ("Thank you again for your help.") only when neither the user's words nor a fact
    # does its job ("We closed." alone thanks no one)
    hook_does = any(h.sentence.startswith(marked) and not (said and _same_point(h.sentence, said)
                                                           and not _adds(h.sentence, said)) for h in hooks[:1])
    does_job = fold(said).startswith(("thank", "congrat")) or hook_does  # a hook that repeats the reason is dropped
    reason = said if does_job else " ".join(p for p in (brief.spec().get("opener", ""), said) if p)
    if not brief.context and brief.goal in REASON_FIRST:
        thing = the_thing(brief.grounds)  # no news given: the latest note is what it is about
        hooks.sort(key=lambda h: not shared_stems(h.sentence, thing, ignore=set(words(brief.contact.name))))
    own = [s for s in (own or []) if not (reason and _same_point(s, reason))]
    orders = [hooks]
    if rotate:  # another version: each other fact first, and the facts said plainly ("We met at …")
        orders += [hooks[i:] + hooks[:i] for i in range(1, len(hooks))]
        orders += [[Opener(h.plain, h.kind, h.source, h.plain, h.plain, h.vague) for h in order] for order in orders]
    parting = parting_line(brief)  # "Good luck with the keynote!": last, after the ask, in every candidate
    out: list[tuple[str, str]] = []
    for again in ([False, True] if rotate else [False]):
        for order in orders:
            for option in _assembled(brief, order, own, reason, parting, again):
                if option not in out:
                    out.append(option)
    return out


def _assembled(brief: Brief, hooks: list[Opener], own: list[str], reason: str, parting: str = "",
               again: bool = False) -> list[tuple[str, str]]:
    """The candidates of one order of the facts: all of them, fewer, none; with and without the user's reason
    and the short ask. `again` puts the ask in its other words (a regenerate)."""
    note = brief.channel == "linkedin-note"
    names = brief.names()
    most = 3 if brief.style.longer and not note else 2  # "longer": one more thing you share, where there is one
    lines = _hook_lines(hooks[:most], note=False)
    short_lines = _hook_lines(hooks[:2], note=True)
    # the goal's extra sentence only where the goal needs it, or where no fact gives the message its substance
    extra = [line for line in [email_line(brief)] if line] if (brief.channel == "email" and not brief.style.shorter
                                    or brief.channel == "linkedin-message" and brief.style.longer) \
        and (brief.goal in ("referral", "introduction") or len(hooks) < 2 and not said) else []
    subject = subject_for(brief) if brief.channel == "email" else ""
    leads = [own + lines[:most], own + lines[:1], own[:1], lines[:most], lines[:1], []] if own \
        else [lines[:most], lines[:1], []]
    if note and short_lines != lines:
        leads[-1:-1] = [short_lines[:2], short_lines[:1]]
    # a note says two sentences before the ask; "shorter" one: the user's reason, else the first fact (two when
    # one alone fails the checks)
    keeps = (1, 2) if brief.style.shorter and not note else (2,)
    out: list[tuple[str, str]] = []
    for keep, history in ((k, h) for k in keeps for h in leads):
        for short in (False, True):
            for with_reason in ([True, False] if reason else [False]):
                parts = ([reason] if with_reason else [])
                thanks_first = brief.goal == "thank-you" and history and history[0].startswith("Thank") \
                    and not fold(reason).startswith("thank")  # thanks, then what came of it
                parts = [*parts, *history] if brief.goal in REASON_FIRST and not thanks_first else [*history, *parts]
                parts = _distinct(parts, keep_first=reason if with_reason else "")
                parts = [p for p in parts if grammar.ok(p, names)]  # a sentence that fails is dropped, not sent
                if note or brief.style.shorter:  # the user's own sentences counted as said
                    kept: list[str] = []
                    for p in sorted(parts, key=lambda p: p != reason):  # the user's reason goes last
                        if len(sentences(" ".join([*kept, p]))) <= keep or not kept:
                            kept.append(p)
                    parts = [p for p in parts if p in kept]
                else:
                    parts = _distinct([*parts, *extra], keep_first=reason if with_reason else "")
                ask = ask_for(brief, short=short or note and len(parts) > 1,
                              with_reason=bool(reason) and with_reason, again=again)
                # a message that asks nothing closes with the goal's line only where it is too short without it
                closing = brief.spec().get("closing", "")  # an email closes with it; a short message where it must
                for end in [ask] if ask else ([closing] if brief.channel == "email" and closing else ["", closing]):
                    body = frame(brief, parts, " ".join(x for x in (end, parting) if x))
                    if (subject, body) not in out:
                        out.append((subject, body))
    return out


def choose(brief: Brief, options: list[tuple[str, str]], prefer: str = "",
           avoid: tuple[str, ...] = ()) -> tuple[str, str, CheckReport] | None:
    """The best option by the checker: every hard check passed, then not one already shown (`avoid`, folded
    bodies, the latest last: a regenerate differs, visibly from the one on the table where it can), then the
    user's own reason (`prefer`) said, then for "shorter" one line before the ask, then score, then the most
    sentences no version said yet, then the most names of the shared history kept ("the Config 2023 workshop"
    over "the 2023 workshop"); ties go to the earlier one."""
    best: tuple[tuple, str, str, CheckReport] | None = None
    names = brief.grounds.history_names()
    for i, (subject, body) in enumerate(options):
        report = brief.check(subject, body)
        if not report.hard_passed:
            continue
        specific = len(names & proper_words(body)) if names else 0
        key = (fold(body) not in avoid, visibly_different(body, list(avoid[-1:])),
               bool(prefer) and fold(prefer) in fold(body), len(said(body)) <= 2 if brief.style.shorter else True,
               report.score, new_sentences(body, list(avoid)), specific, -i)
        if best is None or key > best[0]:
            best = (key, subject, body, report)
    return None if best is None else best[1:]


def compose(brief: Brief, candidate: str = "", budget: int = 1,
            avoid: tuple[str, ...] = ()) -> tuple[str, str, CheckReport, bool] | None:
    """The best message from verified parts plus up to `budget` of a capable model's passing sentences (none when
    `candidate` is empty). Returns (subject, body, report, uses_model_words), or None when nothing passes."""
    own = model_sentences(candidate, brief, budget) if candidate else []
    said = reason_lines(brief)
    picked = choose(brief, variants(brief, own, said, rotate=bool(avoid)), prefer=said, avoid=avoid)
    if picked is None:
        return None
    subject, body, report = picked
    if brief.channel == "email" and candidate:
        model_subject, _ = clean(candidate)
        if model_subject and 2 <= len(model_subject.split()) <= 8 and passes_sentence(model_subject, brief):
            trial = brief.check(model_subject, body)
            if trial.hard_passed and trial.score >= report.score:
                subject, report = model_subject, trial
    uses_model = any(fold(s) in fold(body) for s in own)
    return subject, body, report, uses_model
