"""Whether a fact's phrase can be said to the person as it is, or only through its typed fields.

A rule keeps the note's own words, and notes are written for the user: shorthand ("3/2022", "'24", "w/",
"+"), quotes, asides in brackets, emoji, a heading that is only the person's name, a clause cut off before its
object ("we talked about at the party"). Said to the person, such a phrase reads as a note pasted into a
frame. This module judges the phrase only (it never rewrites it): a phrase that fails is left out of the
draft, and the draft is shorter for it.
"""

from __future__ import annotations

import re
import unicodedata

from coach.core.text import fold, words

# Words a clause cannot end on: it was cut before its object ("we talked about", "you sent me the").
_DANGLING = {"about", "at", "to", "the", "a", "an", "and", "or", "with", "of", "for", "on", "in", "by", "from",
             "my", "your", "our", "their", "his", "her", "that", "which", "who", "is", "was", "were", "be", "but",
             "so", "as", "into", "over", "after", "before", "taught", "gave", "sent", "showed", "introduced", "told",
             "made", "brought", "offered"}
# Chat shorthand a user types but never sends ("thanks for the ep", "answering my q", "pls"), in a note or a
# request alike ("the Q&A" and "the U.S." are words).
_CHAT_SHORTHAND = r"b/c|bc|w/o|ur|u(?!\.)|pls|thx|ppl|mtg|abt|mgr|ep|eps|q(?!&)|qs|msg|convo|prez|recs?"
# Note-taking marks: a date or year in shorthand, a symbol for a word, a quote, an aside, a question.
_SHORTHAND = re.compile(r"\d+/\d+|['’]\d\d\b|\b\d{1,2}\.\d{1,2}\b|[+@#~|=<>*_\\[\]{}()!?\"“”‘…→←↔⇒⇐➜➡]|\.\.|\bw/|"
                        rf"\b(?:{_CHAT_SHORTHAND}|tbh|imo|btw|lol|approx|etc|re|mgrs|asst|supvr|supv|dept|mgmt|"
                        r"acct|govt|yrs|wks|tmrw|yday|diff|prob|probs|def|obvs|rn|atm|asap|fyi|nvm|idk)\b|"
                        r"(?:^|\s)'|(?<![sS])'(?:\s|$)")  # "the funders' forum": a plural's apostrophe is no quote
# Kinds whose phrase is a place or an occasion: short, or it is a note's line.
_PLACE_WORDS = 12
_CLAUSE_WORDS = 16
# Their work is said from typed fields and its topic ("I heard you on episode 48 of the … podcast, on …"): longer.
_WORK_WORDS = 22
# The user's own words for this message (kind "request") are theirs: only what no message says passes no gate
# (quotes, brackets, emoji, "!!", "..."), and a longer clause is allowed.
_NOT_SAID = re.compile(rf"[\"“”()\[\]{{}}<>#~|=*_…→←↔⇒⇐➜➡]|\.\.|[!?]{{2,}}|\bw/|\b(?:{_CHAT_SHORTHAND})\b", re.IGNORECASE)
# Words for the coach, not the person: the user's worries about how the message reads, a laugh, a dictation filler
# ("I'm nervous about sounding needy", "the rec i never wrote lol", "partner no wait just partner", "uh").
ASIDE = re.compile(r"\b(?:lol|lmao|haha+|hehe|tbh|idk|uh+|um+|erm|no wait|i mean|sound(?:s|ing)? (?:like|needy|"
                   r"salesy|desperate|pushy|weird)|read(?:s)? as|come(?:s)? across|make it|made it sound|nervous|"
                   r"(?:frame|word|phrase|pitch|position|spin|angle|play)\s+it\b|"
                   r"worried|anxious|scared|awkward|needy|cringe|grovel\w*|i'?d rather it|i don'?t want it|"
                   r"(?:i\s+)?(?:want|need|would like|'d like) to (?:mention|say|add|note|write)|mention that|"
                   r"the (?:message|email|note|draft)|this (?:message|email|note|draft)|my first name|"
                   # how the message should sound ("not too jokey", "overly formal", "a sales email"), and what
                   # the user knows only from others ("I only know it second hand")
                   r"(?:not |too |overly |over-)+(?:jokey|jokes?|funny|formal|casual|stiff|gushing|gushy|mushy|"
                   r"long|salesy|pushy|keen|familiar|chummy|corporate)|sales (?:email|message|pitch)|"
                   r"(?:know|heard) (?:it|this|that|about it) (?:second[- ]?hand|through|via|from)|"
                   r"(?:(?:my|her|his|their) )?english is)\b", re.IGNORECASE)
_REQUEST_WORDS = 24


def _has_symbol(text: str) -> bool:
    """Emoji and other pictographs: a note's mark, never a message's word."""
    return any(unicodedata.category(ch) in ("So", "Sk", "Cs", "Co") or ord(ch) > 0x1F000 for ch in text)


# A clause that stops on its auxiliary ("we can't", "she won't", "I did") leans on the words before it: said alone
# it says nothing ("do NOT promise referrals, we can't").
_ELLIPTICAL = re.compile(r"\b(?:can|can'?t|cannot|won'?t|will|would|wouldn'?t|could|couldn'?t|should|shouldn'?t|do|"
                         r"don'?t|does|doesn'?t|did|didn'?t|is|isn'?t|are|aren'?t|was|wasn'?t|were|weren'?t|have|"
                         r"haven'?t|has|hasn'?t|had|hadn'?t|must|mustn'?t|might|shall)$")


# A thing given or sent named only by a pronoun: what it is stayed in the note's line.
_BARE_OBJECT = re.compile(r"\b(?:gave|give|given|sent|send|showed|show|shown|lent|lend|handed|hand|passed|forwarded|"
                          r"shared|brought|got|left)\s+(?:it|them|this|that|these|those)\b(?!\s+(?:to|for|with)\s+\w)")


# A date a note leaves on the end of a line after a comma ("…, Oct 2024", "…, 3/2022"), never a message's words.
_DATE_TAIL = re.compile(r",\s*(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+)?['’]?\d{2,4}$",
                        re.IGNORECASE)


# Slips of English as a second language that a message must not repeat ("I am career changer", "we work together
# 2 years", "for attach the summary", "I want you refer me"): a part with a clean head says the head alone
# (`coach.drafting.part_lines`); a whole line of it is still said (dropping it left slot drafts on the spent sets).
SLIP = re.compile(r"^i am (?!a\b|an\b|the\b|not\b|very\b|so\b|still\b|now\b|also\b|really\b|just\b|in\b|at\b|on\b|"
                   r"from\b|with\b|happy\b|glad\b|free\b|available\b|based\b|back\b|going\b|\w+ing\b|\w+ed\b)[a-z]+ "
                   r"[a-z]+(?:er|or|ist|ian|ant|ent)$|"
                   r"\b(?:we|i|you)\s+(?:work|study|studied|know|live|are|am)\s+(?:together\s+|each other\s+|there\s+)?"
                   r"\d+\s+(?:years?|months?|yrs?)\b|"
                   r"\bfor\s+(?:attach|send|ask|make|do|help|meet|discuss|share|give|get)\b|"
                   r"\b(?:want|need)\s+(?:you|him|her|he|she|them)\s+(?!to\b|know\b|back\b|here\b|there\b|now\b)"
                   r"(?:refer|help|introduce|give|send|write|meet|recommend|check|review|call|tell)\b")


def sayable(phrase: str, kind: str = "", person: tuple[str, ...] = ()) -> bool:
    """Whether `phrase` (a fact's words, addressed to the person) reads as a clean clause of a message.
    `person`: the recipient's names, which a place cannot be ("at Dana Okafor" is a heading, not a place)."""
    p = " ".join(phrase.split()).strip().rstrip(".")
    if _ELLIPTICAL.search(fold(p).replace("’", "'")):
        return False
    if kind == "request":
        return bool(p) and not _NOT_SAID.search(p) and not _has_symbol(p) and len(p.split()) <= _REQUEST_WORDS \
            and not ASIDE.search(p)
    if not p or _SHORTHAND.search(p) or _has_symbol(p) or ASIDE.search(p):
        return False
    if _DATE_TAIL.search(p):
        return False  # "you sent me a copy, Oct 2024": the note's date left on the end of the line
    if _BARE_OBJECT.search(fold(p)):
        return False  # "you gave it me at the fair": what "it" is stayed in the note
    toks = words(p)
    if not toks or toks[-1] in _DANGLING:
        return False
    if re.search(r"\b(?:about|with|to|of|for|from)\s+(?:at|in|on|during|after|before)\b|\babout\s+(?:to|you)\b", fold(p)):
        return False  # "we talked about at the fair": the clause lost its object
    if toks.count("you") + toks.count("your") > 2 or re.search(r"\byou\s+\w+\s+you\b", fold(p)):
        return False  # "you sent you our template": a pronoun swapped where it was the user
    limit = {"met-at": _PLACE_WORDS, "their-work": _WORK_WORDS}.get(kind, _CLAUSE_WORDS)
    if len(toks) > limit:
        return False  # a long line is the note's, not a clause of a message
    if kind == "met-at" and person:
        where = fold(re.sub(r"^(?:at|in|during|through|via|over)\s+", "", p))
        if any(where == fold(n) or where.startswith(fold(n) + " ") for n in person if n):
            return False
    low = [w for w in re.findall(r"[^\W\d_][\w'’-]*", p) if w[:1].islower()]
    caps_mid = re.findall(r"(?<=\s)[A-Z][a-z]+['’]d\b", p)  # "you Intro'd": shorthand capitalised mid-clause
    return not caps_mid and bool(low or kind == "met-at")
