"""What is at stake and who the counterpart is, read from the user's own situation.

A stake word counts where it belongs to the user's situation: the user's own words come before what they quote
(someone's remark, a joke retold); a word of money that only describes ("a decently paid job", "we pay very
well", "more money than the new job") is a stake only in a sentence that asks, while money changing hands (a
loan, an investment, funding) is one anywhere; a relation word ("my oldest friend", "his partner") is who, never
what, and the friendship, a concern, comes after the thing asked for. The reading names a thing as asked for
only where a clause asks, wants or presses for it (`asked_for`).

The counterpart is the person the user must deal with: a role word that refers to someone ("my friend", "a
client"), preferring the one in the sentence where someone asks the user, never a role word that refers to nobody
in particular ("still friends with half my old team", "no wish to be friends", "friends and relatives often ask"),
a relation of someone else ("my mom's coworkers", "my friend's boss") or a verb ("the students I mentor").
"""

from __future__ import annotations

import re
from typing import Any

from coach.advice.clauses import ASK, CONTROL, OTHER, USER, requests
from coach.advice.cues import ROLES, STAKES, TOLD_STAKES
from coach.core.text import fold, sentences

_STAKES: list[tuple[re.Pattern[str], str]] = [(re.compile(p, re.IGNORECASE), s) for p, s in STAKES]
_TOLD: list[tuple[re.Pattern[str], str]] = [(re.compile(p, re.IGNORECASE), s) for p, s in TOLD_STAKES]
CONCERNS = ("relationship",)  # what the user fears to lose, never the thing asked for: it comes after any other stake
_ASKING = re.compile(r"\b(?:ask|asks|asked|asking|request|requests|requested|requesting)\b", re.IGNORECASE)
# Words of a clause that asks for its stake: a request verb or noun, a wanting or pressing verb ("got him a job"
# and "I'd like" ask for nothing by themselves).
_NOT_ASKING = {"get", "gets", "got", "getting", "like", "love", "expect", "expects", "expected", "expecting"}
_WANTING = ASK | CONTROL - _NOT_ASKING | {"needing", "hoping", "hopes", "seeking", "seeks", "chasing", "chased",
                                          "request", "requests", "invitation", "invitations", "pestering",
                                          "pestered", "begging", "begged"}
_TURN = re.compile(r"[;:]|\b(?:so|but|because|since|although|though|while|whereas|yet|then)\b", re.IGNORECASE)
_WORD = re.compile(r"[a-z]+")
_ROLES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"\b(?:(my|our|the|a|an|one of my) )?{p}\b", re.IGNORECASE), r) for p, r in ROLES]
# A quoted remark: straight or curly double quotes, or single quotes that open after no letter and close before none
# (so "don't" and "the kids' room" open nothing).
_QUOTED = re.compile(r"\"[^\"]{1,160}\"|“[^”]{1,160}”|‘[^’]{1,160}’|(?<![\w])'(?=\w)[^']{1,160}(?<=[\w.!?,])'(?!\w)")
# Role words that refer to nobody the user deals with: a relation between others or to a crowd ("friends with",
# "Facebook friends", "mutual friends"), one wished or denied ("make friends", "no wish to be friends"), a list of
# kinds of people ("friends and relatives", "refer friends or colleagues"), someone else's relation ("my mom's
# friend", "her friend's boss"), a verb ("people I mentor", "to mentor").
_NOT_SOMEONE_BEFORE = re.compile(
    r"(?:\b(?:make|made|making|many|no|not|few|fewer|be)(?: \w+)?|n't(?: \w+){0,3}|\b(?:and|or)) $", re.IGNORECASE)
_NOT_SOMEONE_AFTER = re.compile(r"^ (?:with|and|or)\b", re.IGNORECASE)
_CROWD = re.compile(r"\b(?:mutual|facebook|linkedin|instagram|friends? with|friends? of|\w+ of a) $", re.IGNORECASE)
_SUBJECT = re.compile(r"\b(?:i|we|you|they|to|who|will|would|can|could) $", re.IGNORECASE)
_OBJECT = re.compile(r"^(?:s|ed|ing)?\s+(?:me|him|her|them|people|students|young)\b", re.IGNORECASE)
# Someone else's relation: a person's possessive ("my mom's friend", "her friend's boss") or his/her/their.
_OWNED = re.compile(r"(?:\b(?:his|her|their)|\b(?:mom|mum|mother|dad|father|parents?|wife|husband|partner|son|"
                    r"daughter|kids?|child|sister|brother|cousin|friend|boss|manager|colleague|coworker|co-worker|"
                    r"neighbou?r|client|mentor|\w+-in-law)'s?) $", re.IGNORECASE)
_CAPACITY = re.compile(r"\b(?:as|being) (?:a|an)(?: \w+)? $", re.IGNORECASE)  # the user's own role, not someone's
_TOPIC = re.compile(r"\b(?:about|on|like|for|among|than) $", re.IGNORECASE)  # a bare plural after these is a kind
_VERBS = ("mentor",)  # role words that are also verbs: 'after' a subject or followed by an object they are verbs


# Whose reference it is. The user is the one referred ("my references", "she'll give me a bad reference", "who do I
# use as a reference", "I need two referees") or the one who refers ("he asked me to be a reference", "a reference
# for her", "listed me as"); only a reading with the first and none of the second is the user's own.
_REF = r"(?:references?|referees?|recommendations?|recommendation letters?|letters? of recommendation|rec letters?)"
_PERSON = (r"(?:colleague|coworker|co-worker|friend|student|employee|report|intern|mentee|candidate|classmate|"
           r"neighbou?r|client|contractor|volunteer|staff member|team ?mate|peer|boss|manager|supervisor|assistant)")
_GRADE = (r"(?:(?:a|an|any|the|good|great|glowing|bad|poor|negative|honest|fair|decent|positive|strong|lukewarm|"
          r"terrible|awful|hostile|neutral|proper|written|job|work|character|professional|academic)\s+){0,3}")
_OWN_REFERENCE = re.compile(
    rf"\b(?:give|gives|gave|giving|given|write|writes|wrote|writing|written|provide|provides|provided|be)\s+me\s+"
    rf"{_GRADE}{_REF}\b|"
    rf"\b(?:my|our)\s+(?:\w+\s+)?(?:references|referees)\b|"
    rf"\b(?:my|our)\s+{_REF}\s+(?:letter|check|call)s?\b|"
    rf"\b(?:use|list|put|name|give|gave|offer|include)\s+(?:him|her|them|(?-i:[A-Z]\w+)|my\s+(?!name\b)\w+(?:\s+\w+){{0,2}})"
    rf"\s+(?:down\s+)?as\s+(?:a|my|one of my)\s+{_REF}\b|"
    rf"\bI\s+(?:\w+\s+){{0,3}}(?:need|needed|require|have no|had no|don't have|do not have|lack)\s+"
    rf"(?:a|an|two|three|some|more|another|any|\d+|good|strong)?\s*(?:\w+\s+)?{_REF}\b|"
    rf"\b{_REF}\s+(?:for|about|on)\s+me\b|"
    rf"\b(?:want|wants|wanted|require|requires|required|need|needs|ask for|asks for|asked for|request|requests)\s+"
    rf"(?:a|an|two|three)?\s*{_GRADE}{_REF}\s+from\s+(?:my|a|an|the|your)\b|"
    rf"\b(?:I|I've|I'd|I'll|we|to|should I|can I|do I)\s+(?:\w+\s+){{0,2}}(?:ask|asking|asked)\s+"
    rf"(?:him|her|them|my\s+\w+(?:\s+\w+)?|(?-i:[A-Z]\w+)|someone|anyone|people)\s+"
    rf"(?:for|to be|to write|to give|to act as)\s+(?:a|an|my)?\s*{_GRADE}{_REF}\b",
    re.IGNORECASE)
_THEIR_REFERENCE = re.compile(
    rf"\b(?:asked|asks|asking|ask|wants|wanted|want)\s+(?:me|us)\b[^.?!]{{0,60}}{_REF}|"
    rf"\b(?:listed|named|put|used|gave)\s+me\s+(?:down\s+)?as\b|"
    rf"\b{_REF}\s+(?:for|about|on)\s+(?:him|her|them|(?:my|a|an|this|that|our)\s+(?:former\s+|old\s+|ex-?)?"
    rf"{_PERSON})\b|"
    rf"\b(?:be|being|was|am)\s+(?:his|her|their|a)\s+{_REF}\b|"
    rf"\b(?:write|writing|give|giving|wrote|gave)\s+(?:him|her|them)\s+{_GRADE}{_REF}\b|"
    rf"\bmy name\s+as\b|\bvouch(?:ing|ed)?\s+for\s+(?:him|her|them)\b",
    re.IGNORECASE)


def reference_of_user(text: str) -> bool:
    """Whether the reference in the user's words is about the user (they need one, or one was or will be given
    about them) and nothing tells that they were asked to give one: such a user is never advised as a referee."""
    said = " ".join(text.split())
    return bool(_OWN_REFERENCE.search(said)) and not _THEIR_REFERENCE.search(said)


def own_words(sentence: str) -> str:
    """The sentence without the remarks it quotes."""
    return _QUOTED.sub(" ", sentence)


def read_stakes(text: str) -> list[str]:
    """Every stake the user's situation holds: those of a sentence that tells a request or a question asked first (the thing asked
    for: "she asked me to be her reference"), then the rest of the user's own words, then what they quote, each
    part in the stake list's order; a describing word of money only in a request's sentence; a concern (the
    relationship) after every thing asked for."""
    parts = sentences(text)
    told = {r.sentence for r in requests(text)}
    asked = " ".join(own_words(parts[n]) for n in sorted(told) if n < len(parts))
    found = [stake for pattern, stake in _STAKES if asked and pattern.search(asked)]
    questions = " ".join(own_words(p) for n, p in enumerate(parts) if n in told or _ASKING.search(p))
    found += [stake for pattern, stake in _TOLD if pattern.search(questions)]
    for words in (" ".join(own_words(p) for p in parts), text):  # the user's own words, then what they quote
        found += [stake for pattern, stake in _STAKES if pattern.search(words)]
    found = list(dict.fromkeys(found))
    return [s for s in found if s not in CONCERNS] + [s for s in found if s in CONCERNS]


def asked_for(text: str) -> list[str]:
    """The stakes told in a clause that asks, wants or needs something (the thing asked for: "he wants a
    recommendation from me", "she asked me to be her referee"), in the stake list's order; a stake only mentioned
    around a request ("my boss asked us to share the post, so I said we're hiring") is not asked for."""
    parts = [p for sentence in sentences(text) for p in _TURN.split(own_words(sentence))]
    wanting = [p for p in parts if _WANTING & set(_WORD.findall(fold(p)))]
    return [stake for pattern, stake in _STAKES + _TOLD if any(pattern.search(c) for c in wanting)]


def read_stake(text: str) -> str:
    """The main stake: the first of `read_stakes`."""
    return next(iter(read_stakes(text)), "")


def _refers(text: str, start: int, end: int, word: str) -> bool:
    """Whether the role word at text[start:end] refers to someone the user deals with (see the module's doc)."""
    before, after = text[max(0, start - 40): start], text[end: end + 12]
    if _THEIR_PERSON.match(text[end: end + 30]) and not _KIN.match(word.split()[-1]):
        return False  # "my best friend's dad": the friend names whose father, who is the one the user deals with
        # (the user's own family stays the way in: "my dad's colleague asked me" is through a relative)
    head = word.split()[-1].lower()
    if head == "friends" and (_NOT_SOMEONE_BEFORE.search(before) or _NOT_SOMEONE_AFTER.search(after)):
        return False
    if head.rstrip("s") in _VERBS and (_SUBJECT.search(before) or _OBJECT.match(after)):
        return False
    if _CAPACITY.search(before) or (head.endswith("s") and _TOPIC.search(before)):
        return False  # "as a manager I…": the user's own capacity; "moaning about teachers": a kind of people
    return not (_CROWD.search(before) or _OWNED.search(before))


# A person named through the role word's owner ("friend's dad", "manager's boss"): someone else.
_THEIR_PERSON = re.compile(r"['’]s\s+(?:\w+\s+)?(?:dad|father|mother|mum|mom|parents?|son|daughter|wife|husband|partner|brother|"
                           r"sister|cousin|uncle|aunt|boss|manager|friend|colleague|kid|child)\b", re.IGNORECASE)


_KIN = re.compile(r"(?:dad|father|mother|mum|mom|parents?|son|daughter|wife|husband|brother|sister|cousin|uncle|aunt)$",
                  re.IGNORECASE)


def role_mentions(text: str) -> list[tuple[int, str, str]]:
    """(position, role, determiner) for each role word that refers to someone, in order."""
    found = []
    for pattern, role in _ROLES:
        for m in pattern.finditer(text):
            word_start = m.start() + (len(m.group(1)) + 1 if m.group(1) else 0)
            if _refers(text, word_start, m.end(), m.group(0)):
                found.append((m.start(), role, m.group(1) or ""))
    return sorted(found)


def read_role(text: str) -> str:
    """Who the counterpart is to the user: the role of `counterpart_role`, or ''."""
    found = counterpart_role(text)
    return found[0] if found else ""


def counterpart_role(text: str) -> tuple[str, str] | None:
    """(role, determiner) of the person the user deals with: the first role word that refers to someone in the
    sentence where someone asks the user, else the first role word that refers to someone; None when none does."""
    mentions = role_mentions(text)
    if not mentions:
        return None
    starts = _sentence_starts(text)
    asking = [r.sentence for r in requests(text) if r.asker == OTHER and r.asked == USER]
    for n in asking[:1]:
        lo, hi = starts[n], starts[n + 1] if n + 1 < len(starts) else len(text)
        inside = [m for m in mentions if lo <= m[0] < hi]
        agent = [m for m in inside if _BY.search(text[max(lo, m[0] - 4): m[0] + 1])]
        if agent or inside:  # "I was asked for a reference by my ex": the one who asked, named after 'by'
            return (agent or inside)[0][1], (agent or inside)[0][2]
    return mentions[0][1], mentions[0][2]


_BY = re.compile(r"\bby $", re.IGNORECASE)


def _sentence_starts(text: str) -> list[int]:
    """Where each of `sentences(text)` starts in `text` (the text is one line, as the adviser reads it)."""
    starts, at = [], 0
    for part in sentences(text):
        found = text.find(part, at)
        starts.append(found if found >= 0 else at)
        at = (found if found >= 0 else at) + len(part)
    return starts


# A contact named as whom someone wants to reach ("introduce him to Daniel Osei", "a call with Ravi Menon") is
# the target of the request, not the person the user answers: the words just before the name say so.
_TARGET = re.compile(r"\b(?:introduc\w*|intro|connect\w*|in touch|meet(?:ing)?|a call|access|reach|through me|"
                     r"pass(?:ing)? \w+ (?:cv|resume|pitch)|forward\w*)(?: \w+){0,2} (?:to|with)? ?$")


def read_counterpart(text: str, contacts: list[Any] = ()) -> tuple[str, int | None]:
    """A contact the user named exactly (full name; of several, the first named), else the role word of the
    person the user deals with (`counterpart_role`), else nobody."""
    folded = f" {re.sub(r'[^a-z0-9]+', ' ', fold(text))} "
    exact: dict[int, tuple[int, Any]] = {}
    for c in contacts:
        key = f" {re.sub(r'[^a-z0-9]+', ' ', fold(c.name)).strip()} " if c.name and " " in c.name.strip() else ""
        if key and key in folded and not _TARGET.search(folded[: folded.index(key) + 1]):
            exact.setdefault(folded.index(key), (c.id, c))
    positions = sorted(exact)
    if positions and len({exact[p][0] for p in positions if p == positions[0]}) == 1:
        first = exact[positions[0]][1]  # of several named, the one the story starts with: who asked, who went quiet
        return first.name, first.id
    found = counterpart_role(text)
    if found is None:
        return "", None
    role, determiner = found
    return ({"my": "your ", "our": "your ", "the": "the "}.get(determiner.lower(), "") + role), None
