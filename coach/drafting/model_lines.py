"""The model's sentences: which of a candidate's sentences a composed draft may keep, each checked on its own
(a fact the model joined to another, an invented topic, a line about the recipient rather than to them)."""

from __future__ import annotations

import re

from coach.checks import checker
from coach.checks.grounds import proper_words
from coach.config.prompts import load_data
from coach.core.text import (
    LEADING_GREETING,
    SIGNOFF,
    STOPWORDS,
    clean,
    content_words,
    fold,
    repeated_spans,
    sentences,
    stem,
    words,
)
from coach.drafting.brief import Brief

ECHO = re.compile(r"^(how we met|my request|works as|goal|what i know|notes?)\s*:|<<<|>>>|NOTES|good practice",
                  re.IGNORECASE)
# Words that carry tone, not facts: a model sentence is judged on the rest.
GENERIC = set(
    "great good nice lovely wonderful awesome amazing fantastic fun talking talk talked chatting chat chatted "
    "meeting meet met seeing see saw loved love enjoyed enjoy really thanks thank again hope hoping glad happy "
    "catch catching caught connecting connect connected conversation conversations recently still remember "
    "since time work working worked while back last year week month days hear hearing heard learn learning "
    "share sharing insights advice help helping helped thoughts quick note reach reaching wanted want".split()
)




def body_sentences(text: str, finished_only: bool = False) -> list[str]:
    """The candidate's sentences with the greeting and sign-off removed. `finished_only` keeps only sentences
    the model ended itself (".", "!", "?"): a line it broke off ("great to meet you at the Lisbon product m")
    or one cut by the token limit is not a sentence to send."""
    kept: list[str] = []
    for line in text.splitlines():
        if SIGNOFF.match(line):
            break
        kept.append(line)
    text = LEADING_GREETING.sub("", "\n".join(kept).strip(), count=1)
    found = sentences(text)
    if finished_only:
        found = [s for s in found if s.rstrip(" *\"')").endswith((".", "!", "?"))]
    out = []
    for s in found:
        s = s.strip(" -—*•")
        if len(s.split()) < 3 or ECHO.search(s):
            continue  # fragments, and lines that echo the prompt's own labels
        if not s.endswith((".", "!", "?")):
            s += "."
        out.append(s[0].upper() + s[1:])
    return out


def well_supported(sentence: str, brief: Brief, share: float = 0.5) -> bool:
    """Most of a model sentence's content words must come from what the user knows (catches invented topics)."""
    facts = set(words(brief.grounds.fact_text()))
    content = content_words(sentence, ignore=GENERIC | checker.ALWAYS_OK)
    if not content:
        return True
    return sum(w in facts for w in content) / len(content) >= share


def passes_sentence(sentence: str, brief: Brief) -> bool:
    """A sentence may stay only if every sentence-level check passes on it alone."""
    if checker.PLACEHOLDER.search(sentence) or any(p in fold(sentence) for p in checker.STOCK_PHRASES):
        return False
    if any(f" {slip} " in f" {fold(sentence)} " for slip in load_data("phrasing").get("slips", [])):
        return False  # "We discussed about the on-call rotation": broken, and not what the note says
    if checker.unsupported_claims(sentence, brief.grounds) or checker.other_contact_mentions(sentence, brief.grounds):
        return False
    report = checker.check_message(f"Hi {brief.first}, {sentence}", "linkedin-message", brief.grounds)
    return all(c.passed for c in report.checks if c.name in ("to-them", "facts-together", "repetition"))


def model_sentences(candidate: str, brief: Brief, budget: int) -> list[str]:
    """A capable model's sentences that pass on their own, up to `budget`, without its ask (the goal's is used)."""
    _, text = clean(candidate)
    history = brief.grounds.history_words()
    keep: list[str] = []
    for s in body_sentences(text, finished_only=True):
        if len(keep) >= budget:
            break
        if s.rstrip().endswith("?") or checker.ASK_PATTERN.search(s):
            continue
        if brief.style.formal:
            s = s.replace("!", ".")
        if history and not (history & set(content_words(s, ignore=GENERIC))):
            continue  # the model's line must carry something shared, not just their employer
        head = fold(s.split(" ", 1)[0]).strip(",.!")
        if head in ("he", "she", "his", "her", "him"):
            continue  # the recipient spoken of, not to ("He said they're hiring")
        if _their_role_as_mine(s, brief):
            continue  # "I'm the HR Director at Calder & Finch": their title or employer said as the user's
        if passes_sentence(s, brief) and well_supported(s, brief) and not any(_same_point(s, k) for k in keep):
            keep.append(s)
    return keep


def _their_role_as_mine(sentence: str, brief: Brief) -> bool:
    """A first-person line about the user's work ("I'm the …", "I work at …") that names the recipient's title or
    employer, where the user's own headline names neither: the model swapped who is who."""
    if not re.match(r"(?:i'?m|i am|i work|i've been|i have been|i now|i currently)\b", fold(sentence).replace("’", "'")):
        return False
    c, mine = brief.contact, fold(f"{brief.profile.headline} {brief.profile.name}")
    said = fold(sentence)
    for field in (c.company, c.title):
        own = [w for w in words(field) if len(w) > 2 and w not in STOPWORDS]
        if own and all(w in said for w in own) and not all(w in mine for w in own):
            return True
    return False


# The words of our own frames ("I often think back to…"): two lines in one frame are not one point.
FRAME_WORDS = frozenset("often think back remember still value grateful time when that last spoke enjoyed "
                        "great meeting following work".split())


def _same_point(a: str, b: str) -> bool:
    """Two lines make the same point when they share most content words, a name, or five words in a row."""
    wa = {stem(w) for w in content_words(a, ignore=FRAME_WORDS)}
    wb = {stem(w) for w in content_words(b, ignore=FRAME_WORDS)}
    if wa and wb and len(wa & wb) / min(len(wa), len(wb)) >= 0.5:
        return True
    return bool(proper_words(a) & proper_words(b)) or bool(repeated_spans(f"{a}\n{b}", n=5))

