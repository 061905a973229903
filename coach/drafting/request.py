"""The user's request, read into typed parts: what a draft may say of it, and how to write the draft.

What the user types beside the goal mixes words for the person ("the Developer Advocate opening on her team",
"I've been writing Rust tutorials for two years") with words for the coach ("keep it short", "don't bring up the
layoffs", "in French pls"). The request is cut into parts here; each part is read into the style
(`coach.drafting.style`), into a thing to leave out, or into a `RequestPart` of one kind (`coach.drafting.parts`);
a part no rule reads is left out and shown as not used. Sentences come only from typed parts through their kind's
frame (`coach.drafting.part_lines.sentences`); nothing here glues the user's free text into a sentence.
"""

from __future__ import annotations

import re

from coach.core.domain import Contact
from coach.core.messages import RequestPart, RequestReading
from coach.core.text import fold
from coach.crm.facts.names import short_of
from coach.drafting.dates import join_labels
from coach.drafting.echoes import restates_goal
from coach.drafting.envelope import read_envelope
from coach.drafting.heads import read_head, said_content, to_coach
from coach.drafting.parts import FINITE, names_of, read_part, slot_to_you
from coach.drafting.sayable import sayable
from coach.drafting.style import read_style_and_why

# Parts: sentences, semicolons, dashes and colons; a comma only where an instruction or a new clause starts.
_SPLIT = re.compile(
    r"(?<=[.!?])(?<!\bDr\.)(?<!\bMr\.)(?<!\bMs\.)(?<!\bMrs\.)(?<!\bProf\.)(?<!\bSt\.)\s+|"
    # a second instruction joined by "and" starts a part ("mention I enrolled and thank her for the intro")
    r"\s+and\s+(?=(?:also\s+)?(?:thank|ask|tell|mention|invite|offer|suggest|propose|remind)\s+(?:her|him|them|you)?\b)|"
    # … or by "and I want to" ("the study is published and I want to thank him for his data")
    r",?\s+and\s+(?=(?:i|we)\s+(?:really\s+|also\s+)?(?:want|wanna|need|'d like|would like|'d love|would love)\s+to\s)|"
    # an emoji, a channel after " + " and a length said after a thing end it ("the seed round 🎉 2-3 sentences",
    # "her studio + connect"; "thanks for the intro + the book" stays one)
    r"\s*[\U0001F300-\U0001FAFF\u2600-\u27BF\uFE0F]+\s*|\s+\+\s+(?=(?:connect|connection|add|dm|message|email|note|request|invite|(?:i\s+)?hope|wish|say|mention|tell|ask)\b)|\s+(?=\d+\s*(?:-|–|to)\s*\d+\s*(?:sentences|lines|words)\b)|"
    r"\s+so\s+(?=(?:please\s+)?(?:(?:definitely|really|just)\s+)?(?:don'?t|do not|dont|never|(?:say|mention)(?!\s+(?:that|it|so)\b\s*(?:[.!;,]|$))|tell (?:her|him|them)|let (?:her|him|them) know)\b)|[!?]{2,}\s*|;\s*|\s+[—–-]{1,2}\s+|(?<!\brole)(?<!\bposition):\s+(?!(?:https?://|www\.)|(?:[a-z0-9-]+\.)+[a-z]{2,}/)|\s*\(\s*|\s*\)\s*|,\s+(?=(?:and\s+|but\s+)?(?:please\s+|"
    r"pls\s+)?(?:keep|make|be|write|use|sound|ask|don'?t|do not|dont|never|no need|avoid|without|in\s+[A-Z]\w+\b|it\b|"
    r"that\b|this\b|i\b|i'm|i've|i'd|my\b|we\b|(?:i\s+)?(?:saw|heard|noticed)\s+(?:that\s+)?(?:she|he|they)\b|formal|short|brief|warm|friendly|casual|thanks?\b|congrat\w*|mention|remind|include|invite|say\s+(?:that\s+)?(?:i|i'm|i've|we|we're|we've|my|our|she|he|they|thanks|thank you|hi|hello)\b))|"
    r"\s+and\s+(?=whether\s+(?:she|he|they)\b)|"
    # a remark for the coach on the end of a clause ("I'm in Leeds on the 14th so that's the excuse")
    r",?\s+(?=so\s+that['’]?s\s+(?:the|my|our|a|an)\s+(?:excuse|reason|hook|angle|pretext|opening|in|segue|way in)\b)|"
    r",\s+(?=(?:it\s+)?would be (?:nice|great|good|fun|lovely)\b|would (?:she|he|they)\b|(?:maybe|perhaps|how about|suggest|propose|want|no|"
    r"something like|like an?|sorry|offer|"
    r"(?:tell|let)\s+(?:her|him|them)\b)\b|(?:(?:weekly|monthly|quarterly|fortnightly|biweekly)\s+)?\d{1,2}\s*(?:-\s*)?min|"
    r"(?:she|he|they)\s+(?:said|told me|offered|promised|kindly offered|agreed)\b|(?:job|req(?:uisition)?)\s+id\b|"
    # "…, haven't talked in 2 yrs": how long it has been, a part of its own
    r"(?:we\s+)?(?:haven'?t|have not|havent)\s+(?:talked|spoken|been in touch|caught up|seen each other)\b)|"
    r"\s+but\s+(?=(?:please\s+)?(?:don'?t|do not|dont|never)\b)|"
    r",?\s+and\s+(?=(?:tell|mention|say|let (?:her|him|them) know)\b)|,\s+(?=intro(?:duce)?\s+myself\b)|,\s+(?=[A-Za-z][\w' -]{0,30}\s(?:https?://|www\.))|,\s+(?=(?:posted|listed|saw it|found it)\b)",
    re.IGNORECASE)
_LEAD = re.compile(r"^(?:and|but|also|so|oh|btw|plus|please|pls|plz|then|definitely|ok|okay|alright|right|well|"
                   # the coach asked to do it ("could you ask her for a 20-min chat"): the instruction is what follows
                   r"(?:could|can|would|will)\s+you(?:\s+(?:please|pls|also|just))?(?=\s+(?:ask|thank|mention|say|invite|"
                   r"offer|congratulate|remind|suggest|propose|wish|(?:tell|let)\s+(?:her|him|them)\b)))\s+", re.IGNORECASE)
# "want to thank her for …": the instruction is the verb after it
_WANT_TO = re.compile(r"^(?:i\s+)?(?:want|wanna|need|would like|'d like|i'd like)\s+(?:to\s+)?(?=(?:thank|congratulate|ask|tell|"
                      r"mention|say|invite|offer|propose|suggest|pitch|float|remind|follow|introduce|intro|apologi[sz]e|wish|let|"
                      # "want to send thanks to Ingrid for …"; "want to send you a bottle" is the user's own plan
                      r"(?:send|give)\s+(?:(?:my|a|an|some|big|huge|special|proper|quick|heartfelt|warm|belated)\s+)*"
                      r"(?:thanks|thank))\b)",
                      re.IGNORECASE)
AVOID = re.compile(r"^(?:please\s+)?(?:don'?t|do not|dont|never|no need to|avoid|without|not|no|leave out|skip)\s+"
                   # "not too long please": a length asked for, not a thing to leave out
                   r"(?!(?:too\s+)?(?:long|lengthy|short|wordy|formal|casual|stiff|much|salesy|pushy|gushing|keen)\b)"
                   # "no reply yet", "no response so far": what has happened, not a thing to leave out
                   r"(?!(?:reply|replies|response|responses|answer|news|luck)\b)"
                   r"(?:(?:bring(?:ing)?|brought)\s+up|mention(?:ing)?|talk(?:ing)?\s+about|say(?:ing)?(?:\s+"
                   r"anything)?(?:\s+about)?|refer(?:ring)?\s+to|referenc(?:e|ing)|rais(?:e|ing)|bring(?:ing)?)?\s*"
                   r"(?P<x>.+)$", re.IGNORECASE)
# What not to say, named as words: "(don't) use the word mentor or mentorship, she hates it".
# ("say the word 'networking'" loses its verb to the leave-out reading: the word is then quoted).
_THE_WORD = re.compile(r"^(?:(?:use|say|write|call it)\s+(?:the\s+)?(?:words?|term)\s+(?P<w>[^,;]+?)|(?:the\s+)?(?:words?|term)\s+"
                       r"(?P<q>['‘\"“][^,;]+?))(?:\s*,?\s+(?:(?:she|he|they)\b|because|as|since)\b.*)?$", re.IGNORECASE)
# A proposal named only by its kind: the part after it says what it is.
GENERIC_PROPOSALS = {"the partnership", "a partnership", "the collaboration", "a collaboration", "the idea",
                     "an idea", "my idea", "our idea", "working together", "the project", "a project", "teaming up",
                     "joining forces", "a team-up", "a collab", "collaborating"}
# Doubt about what to propose: a meeting is then not proposed.
UNSURE_MEET = re.compile(r"\?\?|\b(?:idk|not sure|unsure|dunno)\b", re.IGNORECASE)


# The introduction they offered ("introduce me to Gideon Marsh", "your offer to connect me with Yusra Haddad for our
# dye episode"): the person the ask asks to meet.
_INTRO_OFFERED = re.compile(r"\b(?:introduce|connect|put)\s+me\s+(?:in\s+touch\s+)?(?:to|with)\s+"
                            r"(?P<x>[A-ZÀ-ÖØ-Þ][\w'’.-]*(?:\s+[A-ZÀ-ÖØ-Þ][\w'’.-]*){0,2}(?:\s+(?:at|from)\s+"
                            r"[A-ZÀ-ÖØ-Þ][\w&'’.-]*(?:\s+(?:&\s+)?[A-ZÀ-ÖØ-Þ][\w&'’.-]*){0,3})?)")


# A thanks, then what came of it as a clause ("…, their house is under contract now").
_THANKS_THEN = re.compile(r"^(?P<t>.*\bthank.*?),\s+(?P<rest>(?:their|his|her|our|my|the)\s+[\w'’-]+(?:\s+[\w'’-]+)?\s+"
                          r"(?:is|are|was|were|has|have|got|went|just)\s.+)$", re.IGNORECASE)


# An aside in brackets ("Thank-you email to Perpetua (she said to call her Pet) for the reference on Lucas") is read
# as a part of its own after its sentence, so the words around it stay one part.
_ASIDE = re.compile(r"\s*\(([^()]{1,160})\)")


# A meeting asked for with what it is about, or when, in one part that no rule reads whole ("ask for a 30-minute
# chat about how she moved into design", "offer lunch once she's settled in"): read again as the meeting and the
# rest, each a part of its own.
_MEET_THEN = re.compile(r"^(?P<m>.*?\b(?:chat|call|coffee|meeting|lunch|catch-?up|conversation|drinks|video call|"
                        r"\d+\s*-?\s*min(?:ute)?s?))"
                        # "20 min to ask how she moved from the floor to planning": the meeting, then what to hear
                        r"(?:\s+|,\s*)(?P<rest>(?:about|on how|on what|re:?|once|when|after|next time|"
                        r"to (?:ask|hear|learn)(?= (?:about|how|what|why|whether|when|where|which)\b))\s+.+)$",
                        re.IGNORECASE)


# A thing and what happened to it, said as a clause ("the book came out", "our app finally shipped").
_EVENT = re.compile(r"^(?:the|my|our|his|her|their)\s+(?:[\w-]+\s+){0,3}?(?:finally\s+|just\s+)?(?:came|went|got|was|"
                    r"is|has|have|had|launched|shipped|opened|closed|sold|passed|won|finished|ended|started|"
                    r"happened|worked)\b")


# An aside that says who someone is: a role or relation after a determiner, no verb ("our summer temp in 2021").
_WHO_THEY_ARE = re.compile(r"^(?:my|our|the|an?|ex-?|former|old)\s+(?!(?:\w+\s+){0,5}?(?:is|was|said|says|wants|"
                           r"asked|told|prefers|hates|likes|goes|went)\b)(?:[\w'’-]+\s*){1,5}$", re.IGNORECASE)


def _parts(context: str) -> list[str]:
    out = []
    context = " ".join(context.split())
    # a short aside after someone's name ("Dana (CTO)", "Marcus (Datadog wala)") only says who they are: dropped
    # … and so does a description of them ("Tamsin (our summer temp in 2021)", "Ruth (my old team lead)")
    context = re.sub(r"\b(?P<n>[A-Z][\w'’-]{1,30})\s*\((?P<a>[^()]{1,40})\)",
                     lambda m: m.group("n") if len(m.group("a").split()) <= 3 and not re.search(r"\d", m.group("a"))
                     or _WHO_THEY_ARE.match(m.group("a")) else m.group(0), context)
    asides = [m.group(1) for m in _ASIDE.finditer(context)]
    if asides:
        context = _ASIDE.sub("", context) + "".join(f". {a}" for a in asides)
    context = re.sub(r"\b(re|ref|regarding):\s*", r"\1 ", context, flags=re.IGNORECASE)  # "re: the pilot": one part
    for part in _SPLIT.split(context):
        part = (part or "").strip(" ,.;:!?\"'")
        while _LEAD.match(part) or _WANT_TO.match(part):
            part = _WANT_TO.sub("", _LEAD.sub("", part, count=1).strip(), count=1).strip()
        if part:
            out.append(part)
    return out


# A first-person line about the message being written ("I need an email to you making a proposal").
_ABOUT_THE_MESSAGE = re.compile(r"^i\s+(?:need|want|have to|gotta|would like|'d like)\s+(?:to\s+(?:write|send|draft)\s+)?"
                                r"(?:an?|the|this)\s+(?:email|e-mail|message|msg|note|letter|draft|dm|linkedin)\b",
                                re.IGNORECASE)


# How well the user and the person know each other, told to the coach ("we go way back", "we're old friends", "we
# only know each other from the PR", "he's always been decent to me"): it sets the tone; said to them it reads odd.
_HOW_CLOSE = re.compile(r"(?:we\s+(?:go|went)\s+(?:way\s+)?back|we(?:'re|’re|\s+are|\s+were)\s+(?:old\s+|close\s+|good\s+|"
                        r"really\s+)?(?:friends|friendly|close|mates|pals|buddies)|we\s+(?:only\s+|barely\s+|hardly\s+)?know\s+"
                        r"each\s+other|(?:she|he|they)(?:'s|’s|\s+is|\s+was|\s+has|\s+have)?\s+(?:always\s+)?(?:been\s+)?"
                        r"(?:good|kind|decent|nice|generous|lovely)\s+to\s+me)\b")


# "We met at the harvest mixer", "we first met in Lisbon last May": where, said after the verb.
_WE_MET = re.compile(r"^(?:we|i)\s+(?:first\s+)?met(?:\s+(?:you|her|him|them))?\s+(?P<where>(?:at|in|during|on)\s+"
                     r"[^,;.!?]{3,60}?)\s*[.!]?$", re.IGNORECASE)


def _names_them(text: str, contact: Contact) -> bool:
    """The recipient named in the third person inside a line said to them ("this scientist Dr Obiora-Lund")."""
    family = [w for w in re.split(r"[\s]+", contact.last_name or "") if len(w) > 2]
    if any(re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text) for w in family):
        return True
    # their given name or a short form of it after a verb or preposition ("I haven't talked to Bernie in years")
    return any(short_of(m.group(1), contact.given_name) or fold(m.group(1)) == fold(contact.given_name)
               for m in re.finditer(r"\b(?:to|with|about|for|from|told|tell|asked|ask|met|saw|see|thank|thanked)\s+"
                                    r"([A-ZÀ-ÖØ-Þ][\w'’-]+)", text) if contact.given_name)


def _meet_topic(part: str, reading: RequestReading, contact: Contact) -> bool:
    """Read a part that says the topic of the meeting just asked for ("about how she moved into design" after "a
    30-minute chat") into that meeting, when it has none yet and the topic can be said to them."""
    meet = next((p for p in reversed(reading.parts) if p.kind == "meet"), None)
    if meet is None or meet.tail or not re.match(r"(?:about|on how|on what|re:?)\s+\S", part, re.IGNORECASE):
        return False
    said = slot_to_you(re.sub(r"^re:?\s+", "about ", part, flags=re.IGNORECASE), contact)
    if said and len(said.split()) <= 14:
        meet.tail = said
    return bool(meet.tail)


# What to leave out named by a word that points back at what was just said ("don't bring it up", "skip that").
# "not sure …": doubt; "(not the 10-12 May weekend, I'm firing)", "not on Fridays": a time the user cannot do, which
# the message may well say; neither is a thing to leave out.
_NOT_AVOIDED = re.compile(r"not\s+(?:sure|certain|100%|(?:the\s+|on\s+|in\s+|during\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\b|"
                          r"(?:mon|tues|wednes|thurs|fri|satur|sun)days?\b|weekends?\b|mornings?\b|afternoons?\b|"
                          r"evenings?\b|week\s+of\b))", re.IGNORECASE)
_BACK = re.compile(r"^(?:it|that|this|them|those|these)(?:\s+(?:up|out|again|please|pls))*$", re.IGNORECASE)
# Why something is left out, said right after the instruction ("don't mention the divorce, I don't want to open
# that up", "skip the layoffs, it's still raw"): it points back at what is left out and is told to the coach, never
# said to them.
_WHY_LEFT_OUT = re.compile(r"\b(?:it|that(?!\s+(?:i|i'm|we|you|he|she|they|my|our|your)\b))\b", re.IGNORECASE)
_SAYS_TO_DO = re.compile(r"^(?:please\s+)?(?:just|only|but|instead|rather|mention|say|tell|ask|add|include|thank|offer|invite|suggest|propose|"
                         r"remind|let|keep|make|use|sign|start|end|focus|talk)\b", re.IGNORECASE)


# The recipient as the object of an instruction ("thank her", "ask him", "call her Pet"): which pronoun is theirs.
_RECIPIENT = re.compile(r"\b(?:thank|ask|tell|remind|wish|write|message|email|congratulate|invite|call|let|give|"
                        r"offer|say to|reach out to|catch up with|connect with)\s+(?P<p>her|him)\b", re.IGNORECASE)
_SHE = re.compile(r"\b(?:she|her|hers|herself)\b", re.IGNORECASE)
_HE = re.compile(r"\b(?:he|him|his|himself)\b", re.IGNORECASE)


# What to call the recipient ("she said to call her Pet", "he goes by Nacho"): for the greeting, never a sentence.
_CALL_THEM = re.compile(r"^(?:(?:she|he|they)\s+(?:said|says|asked me|told me|wants me|prefers me)\s+to\s+)?"
                        r"(?:call|address)\s+(?:her|him|them)\s+['\"“‘]?[A-Z][\w'’.-]*['\"”’]?"
                        r"(?:\s*,?\s*(?:not|never)\s+['\"“‘]?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2}['\"”’]?)?$|"
                        r"^(?:she|he|they)\s+(?:goes|go|prefers|prefer)\s+(?:by\s+)?['\"“‘]?[A-Z][\w'’.-]*['\"”’]?$")


def _recipients_pronoun(context: str) -> str:
    """'her' or 'him' when the request's instructions call the recipient only that ("thank her", "ask her"); ''."""
    theirs = {m.group("p").lower() for m in _RECIPIENT.finditer(context)}
    return theirs.pop() if len(theirs) == 1 else ""


def _someone_else(part: str, theirs: str, contact: Contact) -> bool:
    """The part speaks of a third person only: the recipient is `theirs` ('her') and the part says only 'he' (or
    the other way round), and names no one of the recipient's names ("thank her for the reference on Lucas. He
    started this week": he is Lucas, never 'you')."""
    if not theirs or any(re.search(rf"\b{re.escape(n)}\b", part, re.IGNORECASE) for n in names_of(contact) if n):
        return False
    mine, other = (_SHE, _HE) if theirs == "her" else (_HE, _SHE)
    return bool(other.search(part)) and not mine.search(part)


# A quoted value taken back for another ("'x Sunniva'? no, just 'Sunniva'"): the second stands, where the first was.
_QUOTE_TAKEN_BACK = re.compile(r"(['\"“‘])[^'\"”’\n]{1,40}['\"”’]\s*\?\s*(?:no|nah|nope)\b[,.!]?\s*(?:just|only|actually|rather)?\s*"
                               r"['\"“‘](?P<v>[^'\"”’\n]{1,40})(['\"”’])", re.IGNORECASE)
# A clause asked and answered no ("Mention I did my ECC course? no I haven't finished, say I'm halfway …"): the
# clause and the answer's reason are taken back; what the user says after them is the request.
_TAKEN_BACK = re.compile(r"(?:^|(?<=[.!]\s)|(?<=[.!]))[^.!?\n]*\?\s*(?:no|nah|nope|actually no|wait,?\s+no)\b[,.!]?\s*"
                         r"(?:[^,.!?\n]{0,40},\s*(?=(?:just|instead|say|mention|write|use|tell)\b))?", re.IGNORECASE)


def withdrawn(context: str) -> str:
    """The request less what the user took back as they typed it."""
    context = _QUOTE_TAKEN_BACK.sub(lambda m: f"{m.group(1)}{m.group('v')}{m.group(3)}", context)
    return _TAKEN_BACK.sub(" ", context).strip()


# A comma and a new noun phrase after a thing to leave out: where the next part of the request may begin.
_THEN_THING = re.compile(r",\s+(?=(?:the|a|an|my|our|her|his|their)\s)", re.IGNORECASE)
_STAYS = re.compile(r"\b(?:or|and|nor|me|i|is|are|was|were|has|have|had|will|would|can|could|tell|tells|told|said|says|"
                    r"know|knows|knew|think|thinks)\b", re.IGNORECASE)


def _sizes(reading: RequestReading) -> dict[str, int]:
    """How many clauses each list of the reading holds that a clause said before 'don't mention that' may be in."""
    return {k: len(getattr(reading, k)) for k in ("parts", "left_out", "to_coach", "others")}


def read_request(context: str, contact: Contact) -> RequestReading:
    """The request, read: typed parts, the style asked for, what to leave out, what was not read."""
    reading = RequestReading()
    after_thing = False
    context = withdrawn(context)  # "sign off 'x Sunniva'? no, just 'Sunniva'": what the user took back is not read
    context = read_envelope(context, reading)  # subject, sign-off: word for word, before the colons split them
    queue = join_labels(_parts(context))
    theirs = _recipients_pronoun(context)
    after_avoid = False
    sizes = _sizes(reading)
    last = ""  # which of the reading's lists the clause before went to ("she doesn't know we tried X, don't say that")
    while queue:
        now = _sizes(reading)
        last = next((k for k in now if now[k] > sizes[k]), last)
        sizes = now
        part = queue.pop(0)
        if read_style_and_why(part, reading):
            continue
        if after_avoid and _WHY_LEFT_OUT.search(part) and not (_SAYS_TO_DO.match(part) or AVOID.match(part)) and \
                len(part.split()) <= 14:
            reading.to_coach.append(part)  # the reason for what was just left out
            after_avoid = False
            continue
        after_avoid = False
        avoid = AVOID.match(part) if not _NOT_AVOIDED.match(part) else None
        if avoid and re.match(r"(?:please\s+)?(?:don'?t|do not|dont|never|no need|avoid|without|not|no|leave|skip)\b",
                              part, re.IGNORECASE):
            # "no ask at all, just thanks": what to do instead is no part of what to leave out
            thing = re.split(r",\s*(?:just|only|simply|rather)\s+", avoid.group("x"), maxsplit=1)[0].strip(" .,")
            if (then := _THEN_THING.search(thing)) and not _STAYS.search(thing[then.end():]):
                # "no need to mention Lyon, the Staff Engineer opening on her team": what follows the comma is what
                # the message is about, read on its own (a list, "the layoffs, the move or the bonus", stays whole,
                # and so does a clause, "his wife told me in private": the reason it is left out)
                queue.insert(0, thing[then.end():])
                thing = thing[:then.start()]
            if _BACK.match(thing) and (reading.parts or reading.left_out or last):
                # "we lost the deal in dec, don't bring it up": "it" is what the user just said, wherever it was read
                said = getattr(reading, last) if last else []
                thing = said.pop() if said else reading.parts.pop() if reading.parts else reading.left_out.pop()
                thing = thing.text if isinstance(thing, RequestPart) else thing
            if words := _THE_WORD.match(thing):  # "don't use the word mentor or mentorship, she hates it": the words
                reading.avoid += [w.strip(" '\"‘’“”") for w in re.split(r"\s*(?:,|/|\bor\b|\band\b)\s*", words.group("w") or words.group("q"))
                                  if w.strip(" '\"‘’“”")]
                continue
            reading.avoid.append(thing)
            after_avoid = True
            continue
        if restates_goal(part, names_of(contact)):
            reading.echo.append(part)
            continue
        if _CALL_THEM.match(part):  # "she said to call her Pet": how to greet them (the greeting reads it), not news
            reading.to_coach.append(part)
            continue
        if _someone_else(part, theirs, contact):
            reading.others.append(part)
            continue
        head, rest = read_head(part, names_of(contact))  # "connection request to Mirela, remind her of …"
        if head:
            reading.echo.append(head)
            queue[0:0] = [rest] if rest else []
            continue
        coach, says = to_coach(part)  # "I always over-apologise": for the coach; "I should acknowledge X": X is read
        if coach:
            reading.to_coach.append(part)
            queue[0:0] = [f"mention {x}" for x in says]  # read as what they ask to mention
            continue
        if _meet_topic(part, reading, contact):  # "(…) about how she moved into design": the meeting's topic
            continue
        content = said_content(part)  # "mention start date 3 march", "my email bounced so say that"
        typed = read_part(content, contact, reading, after_thing) if content else None
        if typed is None and content and restates_goal(content, names_of(contact)):
            reading.echo.append(part)
            continue
        typed = typed or read_part(part, contact, reading, after_thing)
        if typed is not None and typed.kind == "topic" and _EVENT.match(fold(typed.text)):
            typed = None  # "the book came out": a thing that happened, told to the coach, no topic to write about
        if typed is not None and typed.kind == "topic" and content and content != part:
            typed = None  # "mention the Hull get-in": a thing named with no word for what it is to them; not guessed
        if typed is not None and typed.kind == "mine" and not sayable(typed.text, "request"):
            typed = None  # "we can't": a clause that leans on the words before it is no line of its own
        if typed is not None and typed.kind == "mine" and (_ABOUT_THE_MESSAGE.search(typed.text) or
                                                           _names_them(typed.text, contact)):
            typed = None  # "I need an email to you making a proposal": about the draft; "this scientist Dr Lund
            # gave a talk": the person spoken of, not to
        if typed is not None and typed.kind == "mine" and (met := _WE_MET.match(typed.text)):
            # "remind him we met at the council hearing": where they met, in the facts' words when the notes have
            # it, else as the user said it
            typed = RequestPart(kind="met", text=met.group("where")) if met.group("where") else None
        elif typed is not None and typed.kind == "mine" and re.match(r"(?:we|i)\s+(?:first\s+)?met\b", fold(typed.text)):
            typed = None  # "say we met at the market": a met-at fact, said through the facts' own frames
        if typed is not None and typed.kind == "mine" and _HOW_CLOSE.match(fold(typed.text)):
            reading.to_coach.append(part)  # "we go way back": how well they know each other, for the tone only
            continue
        if typed is not None and typed.kind == "meet" and UNSURE_MEET.search(context):
            typed = None  # "lunch?? idk": the user is not sure they want it, so the message does not propose it
        last = reading.parts[-1] if reading.parts else None
        if typed is None and last and last.kind == "proposal" and re.match(r"to\s+(?:be|get|join|become|have|run|"
                                                                             r"supply|provide|host)\b", fold(part)):
            said = slot_to_you(part, contact)  # "a partnership for 2026: to be on the preferred florist list"
            if said and len(said.split()) <= 16:
                last.text = f"{last.text}, {said}"
                continue
        if typed is None and last and last.kind == "proposal" and fold(last.text) in GENERIC_PROPOSALS:
            said = slot_to_you(part, contact)  # "propose the partnership: a donation and a sign-up table"
            if said and not FINITE.search(fold(said)):
                last.text = said
                continue
        if typed is not None and typed.kind == "thanks" and (came := _THANKS_THEN.match(part)):
            # "thank her for sending the Ferreiras my way, their house is under contract now": the thanks, then
            # what came of it, each a part of its own
            queue[0:0] = [came.group("t"), came.group("rest")]
            continue
        if typed is None and (meet := _MEET_THEN.match(part)) and " and " not in fold(meet.group("m")):
            # only a meeting asked for before it ("want 20 min", "ask for a 30-minute chat"); two clauses ("I'm a
            # teacher trying to … and I'd love a call") say more than a meeting
            queue[0:0] = [meet.group("m"), meet.group("rest")]
            continue
        if typed is None:
            reading.left_out.append(part)
            after_thing = False
            continue
        if last and {last.kind, typed.kind} == {"sending", "link"}:  # "sending the price sheet — https://…"
            link, sent = (typed, last) if typed.kind == "link" else (last, typed)
            if not link.extra and sayable(sent.text, "request"):
                link.extra = sent.text  # "Here is the price sheet: https://…"
                reading.parts[reading.parts.index(last)] = link
                continue
        reading.parts.append(typed)
        if typed.kind in ("their-offer", "follow") and (to := _INTRO_OFFERED.search(typed.text)) and \
                not any(p.kind == "person" for p in reading.parts):
            reading.parts.append(RequestPart(kind="person", text=to.group("x")))  # the introduction the ask asks for
        after_thing = typed.kind in ("topic", "thanks", "news", "follow", "role")
    if reading.language:  # "we always talk in Spanish": why the user wants the language, not news for the person
        said_language = [p for p in reading.parts if re.search(rf"\b{fold(reading.language)}\b", fold(p.text))]
        reading.parts = [p for p in reading.parts if p not in said_language]
        reading.left_out += [p.text for p in said_language]
    return reading
