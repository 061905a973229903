"""What a message is about, in the user's words: the role, team, project or thing ('the product manager role on
the Connect platform team'), the field the user is moving into ('healthcare admin'), the role someone was just
given ('Director of Nursing'); and the channel phrases that are never part of it. Read by the chat's reading
(`coach.conversation.reading`) and shown in its one line (`topic_label`)."""

from __future__ import annotations

import re

from coach.core.text import fold

ROLE_NOUN = (r"role|position|job|opening|opportunity|internship|team|project|program(?:me)?|launch|product|talk|"
             r"paper|article|post|book|event|conference|meetup|workshop|initiative|startup|promotion|offer|"
             r"podcast|panel|hackathon|fellowship|grant|course|report|study|demo|pilot|platform|org|group|"
             r"department|squad|lab|req|requisition|vacanc(?:y|ie)|headcount|series|plugin|plug-in|extension|"
             r"integration|feature|tool|library|thesis|dissertation|revision|defen[cs]e|submission|session|survey|"
             r"redesign|refresh|roadmap")
WORD = (r"(?!(?:for|about|to|with|by|via|and|but|so|as|please|because|since|from|on|at|in|of|the|there(?:'s)?)\b)"
        r"[\w'&./+-]+")
# an opening said to exist ("there's an SRE II req open", "there is a data role") names its role after the verb
TOPIC = re.compile(rf"(?:\b(?:for|about|regarding|re:?|on|at|into|to join|to)\s+|,\s*|\bthere(?:'s| is| are)\s+)(?P<t>(?:(?:the|a|an|their|her|his|"
                   rf"your|my|our|this|that|its)\s+)?(?:{WORD}\s+){{0,6}}(?:{ROLE_NOUN})s?\b(?:\s+(?:{ROLE_NOUN})s?\b)*"
                   rf"(?:\s+(?:on|at|in|for|with|of)\s+(?:the\s+)?(?:{WORD}(?:\s+{WORD}){{0,4}}\s+(?:{ROLE_NOUN})s?\b"
                   rf"|{WORD}(?:\s+{WORD}){{0,3}}(?=\s*[.?!,;]|\s*$|\s+(?:by|via|as|in|over|please|thanks)\b)))?)",
                   re.IGNORECASE)
CHANNEL_PHRASE = re.compile(r"\b(?:(?:by|via|over|through|as|in|on)\s+(?:an?\s+|the\s+)?)?(?:e-?mail|linkedin"
                            r"(?:\s+(?:note|message|dm|connection request))?|dm|inmail|connection (?:request|note))"
                            r"(?:\s+please)?\b", re.IGNORECASE)
ARTICLE = re.compile(r"^(?:the|a|an|their|her|his|your|my|our|this|that|its)\s+", re.IGNORECASE)
# the nouns of an opening ("the data role", "openings for a Platform Engineer")
OPENING = r"(?:role|position|job|opening|opportunit(?:y|ie)|internship|req|requisition|vacanc(?:y|ie)|headcount)s?"
JOB = re.compile(rf"\b{OPENING}\b", re.IGNORECASE)
ROLE_WORD = re.compile(rf"\s+(?:{ROLE_NOUN})s?\b", re.IGNORECASE)


# The field the user is moving into or asking what it is like: "switching into healthcare admin", "as I move from
# nursing into health IT", "what product management looks like", "how it is to work as a nurse manager".
FIELD = re.compile(
    r"\b(?:(?:(?:switch|transition|pivot|shift)(?:es|ed|ing)?|chang(?:e|ed|ing) careers?)"
    r"(?:\s+(?:careers?\s+)?from\s+[\w&/ -]{1,30}?)?\s+(?:in)?to"
    r"|(?:mov(?:e|es|ed|ing)|break(?:s|ing)?|branch(?:es|ed|ing)?|g[eo]t(?:s|ting)?)"
    r"(?:\s+(?:out\s+)?from\s+[\w&/ -]{1,30}?)?\s+into"
    r"|\bwork(?:s|ed|ing)?\s+as|\b(?:to\s+be|becom(?:e|es|ing))(?=\s+an?\s)"
    r"|\bwhat(?=\s+(?:[\w&/+-]+\s+){1,4}(?:looks?|is|'s|are)\s+(?:really\s+|actually\s+|truly\s+)?like\b))\s+"
    r"(?:(?:a|an|the)\s+)?(?P<f>(?!(?:it|this|that|they|he|she|you|i|we)\b)[\w&/+-]+(?:\s+[\w&/+-]+){0,3}?)"
    r"(?=\s*(?:[.?!,;:]|$)|\s+(?:and|but|so|because|since|looks?|is|'s|are|at|in|with|for|from|by|via|now|soon|next|"
    r"last|later|this|maybe|please|day|someday|one|some)\b)",
    re.IGNORECASE)
# What says nothing of the subject by itself: "her job", "a 20 minute talk", "a quick call".
VAGUE = frozenset("the a an her his their your my our its this that maybe quick short small brief little min mins "
                  "minute minutes job role work position talk chat call career it them him".split())


# The role an opening is for, said after it: "any openings for a Solutions Architect", "a role as a data engineer".
OPENING_FOR = re.compile(
    rf"\b{OPENING}\s+(?:for|as)\s+"
    rf"(?:an?\s+|the\s+)?(?P<t>{WORD}(?:\s+{WORD}){{0,3}}?)"
    r"(?=\s*[.?!,;]|\s*$|\s+(?:and|or|if|at|in|on|with|please|thanks|who|that|there)\b)", re.IGNORECASE)


# The role someone has just been given, for a congratulation: "promoted to Director of Nursing at …", "named
# head of design", "joined Globex as VP Engineering", "on making SRE lead".
NEW_ROLE = re.compile(
    r"\b(?:(?:promoted|promotion|appointed|appointment|named|elevated|made|hired|moved up|stepped up|"
    r"joined(?:\s+[\w&.-]+){0,3}?)\s+(?:to|as)|\bon\s+(?:making|becoming|being\s+(?:made|named|appointed)))\s+(?:(?:the|a|an|their|our)\s+)?(?P<t>[\w&/+-]+(?:\s+(?!(?:at|in|with|for|on|and|but|so)\b)"
    r"[\w&/+-]+){0,4})(?=\s+(?:at|in|with|for|on|and|but|so)\b|\s*[.?!,;:]|\s*$)", re.IGNORECASE)


# What the message is marked as being about ("re the incident tooling we talked about", "regarding the Q3 pilot"),
# up to where a clause about it starts; what a third person works on ("a PhD student who's working on fraud ML");
# what the person just did, for a congratulation or a thank-you ("launched the new analytics dashboard").
CLAUSE_END = (r"(?=\s+(?:we|i|you|they|he|she|that|which|who|from|at|last|next|when|since|because|so|and|but|as|"
              r"by|via|over|please|pls|thanks)\b|\s*[.?!,;:)(—–-]|\s*$)")
MARKED = re.compile(rf"(?:^|\s)(?:re:?|regarding|concerning)\s+(?P<t>(?:the\s+)?{WORD}(?:\s+{WORD}){{0,5}}?){CLAUSE_END}",
                    re.IGNORECASE)
WORKS_ON = re.compile(rf"\b(?:work(?:s|ing)? on|build(?:s|ing)?|research(?:es|ing)?)\s+(?:an?\s+|the\s+)?"
                      rf"(?P<t>{WORD}(?:\s+{WORD}){{0,4}}?)(?:{CLAUSE_END}|(?=\s+(?:for|with)\b))", re.IGNORECASE)
DID = re.compile(rf"\b(?:launched|shipped|released|published|won|passed|defended|finished|completed|opened|"
                 rf"walk(?:ed|ing) me through)\s+(?P<t>(?:(?:the|a|an|her|his|their|its)\s+)?{WORD}(?:\s+{WORD}){{0,4}}?)"
                 rf"{CLAUSE_END}", re.IGNORECASE)


# What a conversation or guidance is asked about: "mentor me on starting my own practice", "advice on moving into
# product", "our chat about swarm robotics", "a call about how he got into product management".
SUBJECT = re.compile(rf"\b(?:mentor(?:ing|ship)?(?:\s+me)?\s+(?:in|with|through)|(?:mentor(?:ing|ship)?(?:\s+me)?|"
                     rf"advice|advices|guidance|tips|pointers|insights?|chat(?:ted|ting)?|talk(?:ed|ing)?|spoke|speaking|call|"
                     rf"conversation|discussion|coffee)"
                     rf"\s+(?:on|about|around|regarding))\s+"
                     rf"(?P<t>(?:how\s+)?{WORD}(?:\s+{WORD}){{0,6}}?){CLAUSE_END}", re.IGNORECASE)
# Where the two met, not what the message is about: "at the robotics meetup", "at a conference".
MET_AT = re.compile(r"^(?:the|a|an|that|this|their|our)?\s*(?:[\w'&.-]+\s+){0,4}(?:conference|meetup|event|workshop|"
                    r"panel|hackathon|summit|expo|fair|mixer|gala|dinner|party)s?"
                    r"(?:\s+(?:in|at|on)\s+[\w'&.-]+(?:\s+[\w'&.-]+)?)?$", re.IGNORECASE)


# A verb taking a clause inside what was read as a topic ("at City Hospital proposing we pilot it"): no noun phrase.
CLAUSE_IN = re.compile(r"\b\w+(?:ing|ed)\s+(?:that\s+)?(?:we|i|you|they|she|he)\b", re.IGNORECASE)
# Slots of a terse command, each apart: "draft: priya / referral / email / backend infra role".
SLOTS = re.compile(r"\s+[/|—–]\s+")
# A speaker correcting themselves mid-sentence ("… no wait, about …", "… I mean …", "… scratch that …"): what
# follows is what they meant.
CORRECTED = re.compile(r"[,;]?\s+\b(?:no,?\s+wait|no\s+no|i\s+mean|i\s+meant|sorry,?\s+i\s+meant?|scratch\s+that|"
                       r"or\s+rather|correction)\b[,:]?\s+", re.IGNORECASE)


def field(text: str) -> tuple[str, tuple[int, int]]:
    """The field the user is moving into or asks about, and where it is said; ('', (0, 0)) when none."""
    m = FIELD.search(text)
    return (m.group("f"), m.span("f")) if m else ("", (0, 0))


# A topic said with a filler noun at its head ("for the machine learning research thing", "about that grant
# stuff"): the words before the filler name it.
FILLER_HEAD = re.compile(rf"\b(?:for|about|on|re|regarding|with)\s+(?:the|this|that|my|our|your|his|her|their|all the)\s+"
                         rf"(?P<t>{WORD}(?:\s+{WORD}){{0,5}}?)\s+(?:thing|things|stuff|business|side of things)\b", re.IGNORECASE)
# The word after a topic's noun that ends the same noun phrase ("the conference poster.", "a grant deadline,"):
# one word before the clause ends, not a time or a courtesy word.
NOUN_AFTER = re.compile(r"\s+(?P<w>(?!(?:today|tomorrow|yesterday|tonight|again|please|pls|thanks|too|though|then|yet|"
                        r"already|now|soon|later|earlier|lol|haha|asap|first|here|there|instead|anyway|maybe|either|"
                        r"itself|ok|okay|mate|bro|sis|fam|btw)\b)[a-z][\w'-]*[a-z])(?=\s*[.?!,;:]|\s*$)")


def topic(text: str) -> str:
    """The role, project or thing the message is about, in the user's words; '' when the words name none. A
    topic that says nothing by itself ("about her job", "a 20 minute talk") or that cuts a field in two ("to
    learn what product | management looks like") gives way to the field the user is moving into or asks about;
    the role an opening is for, said after it, comes first."""
    slots = SLOTS.split(text)
    if len(slots) >= 3:  # "draft: priya / referral / email / backend infra role": the slot that names a thing
        named = next((p for p in slots[1:] if re.search(rf"\b(?:{ROLE_NOUN})s?\b", p, re.IGNORECASE)), "")
        if named:
            return named.strip(" .!?")
    corrected = CORRECTED.split(text)
    if len(corrected) > 1:  # "about product management no wait about moving into product ops": what was meant
        meant = topic(corrected[-1])
        if meant:
            return meant
    filler = FILLER_HEAD.search(text)
    if filler and not all(w in VAGUE for w in re.findall(r"[\w'-]+", filler.group("t").lower())):
        return filler.group("t")
    wanted, (a, b) = field(text)
    promoted = NEW_ROLE.search(text)
    if promoted and not wanted:
        return promoted.group("t")
    marked = MARKED.search(text)
    if marked and (wanted or all(w in VAGUE for w in re.findall(r"[\w'-]+", marked.group("t").lower()))):
        marked = None
    opening = OPENING_FOR.search(text)
    if opening and not wanted:  # the role said after the opening names it best ("openings for a Platform Engineer")
        return opening.group("t")
    subject = SUBJECT.search(text)
    subject = None if subject is None or all(w in VAGUE for w in re.findall(r"[\w'-]+", subject.group("t").lower())) \
        else subject
    for m in TOPIC.finditer(text):
        found = CHANNEL_PHRASE.split(m.group("t"))[0].strip(" ,.;:")
        if (subject or wanted) and re.match(r"(?:at|in)\b", text[m.start():], re.I) and MET_AT.match(found):
            continue  # "met at the robotics meetup … our chat about swarm robotics": the chat's subject
        if subject and (subject.start("t") <= m.start("t") and m.end("t") <= subject.end("t") or re.fullmatch(
                r"\s+(?:on|about|around|regarding)\s+", text[m.end("t"):subject.start("t")], re.I)):
            continue  # "advice on product management", "our talk about drones": the subject, not a noun of it
        if not found or re.fullmatch(r"(?:the|a|an)?\s*(?:note|message|email|request)s?", found, re.I):
            continue
        found = _noun_phrase(found)
        more = NOUN_AFTER.match(text, m.end("t")) if found.endswith(m.group("t").rstrip(" ,.;:")[-8:]) else None
        if more and not more.group("w").endswith(("ing", "ed", "ly")):
            found += " " + more.group("w")  # "the conference poster": the whole noun phrase
        if CLAUSE_IN.search(found):  # "City Hospital proposing we pilot": a clause, no thing named
            continue
        vague = all(w in VAGUE or w.isdigit() for w in re.findall(r"[\w'-]+", found.lower()))
        if vague or (wanted and m.start("t") < b and a < m.end("t")):
            continue  # "want to talk about …", "a chat about it": a later phrase may name the thing
        if marked and not JOB.search(found):  # what the message is marked as about, unless this names a job
            break
        return found
    if marked:
        return marked.group("t").rstrip(".,;:")
    if subject and not wanted:  # "a call about how he got into product management": the field, where one is said
        return field(subject.group("t"))[0] or subject.group("t").rstrip(".,;:")
    if wanted:
        return wanted
    done = DID.search(text) or WORKS_ON.search(text)
    return done.group("t").rstrip(".,;:") if done else ""


# What a thank-you is for, when no other topic is said: "a thank you email for Daniel, for de reference he give meh".
THANKED_FOR = re.compile(r"\bfor\s+(?:the|de|da|di|my|your|his|her|their|all (?:the|your|his|her))\s+"
                         r"(?P<t>(?:[\w'’-]+\s+){0,3}?[\w'’-]+?)(?=\s+(?:he|she|they|you|u|that|which|who|last|"
                         r"yesterday|today|on|at|in|from|back|earlier)\b|\s*[.,!?;:]|\s*$)", re.IGNORECASE)


def thanked_for(text: str) -> str:
    """What a thank-you is for, in the user's words ('reference'); '' when the words say nothing."""
    m = THANKED_FOR.search(text)
    return m.group("t") if m and not all(w in VAGUE for w in m.group("t").lower().split()) else ""


def _noun_phrase(found: str) -> str:
    """A topic from its last article on, when a verb comes before it ('propose we co-host a design workshop
    series' -> 'a design workshop series'); the words after the role noun ('… on the Connect team') are kept."""
    head = re.split(r"\s+(?:on|at|in|for|with|of)\s+", found, maxsplit=1)[0]
    inner = [m for m in re.finditer(r"\s(?:a|an|the|their|her|his|your|my|our|this|that)\s", head, re.I)]
    return found[inner[-1].start() + 1:] if inner else found


def topic_label(text: str) -> str:
    """A topic in a few words for the reading's line: 'the product manager role on the Connect platform team'
    -> 'Product Manager, Connect'."""
    if not text:
        return ""
    head = re.split(r"\s+(?:on|at|in|for|with|of)\s+", text, maxsplit=1)[0]
    tail = text[len(head):]
    role = ARTICLE.sub("", head)
    m = re.match(r"(?P<r>.+?)\s+(?:role|position|job|opening|opportunity|internship)s?\b", role, re.I)
    role = m.group("r") if m and fold(m.group("r")) not in ("new", "next", "current", "open") else role
    role = " ".join(w if w[:1].isupper() else w.capitalize() for w in role.split()) if m else role
    proper = [w for w in re.findall(r"[\w'&.+-]+", tail) if w[:1].isupper()]
    return ", ".join(p for p in (role, " ".join(proper)) if p)[:60]
