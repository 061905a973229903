"""Requests about the user's own records, read from words: show what I have on a person, note something about
them, who is due for a check-in.

These are the CRM's own jobs in chat ("what do I have on Elena?", "remember that Priya moves to London in May",
"who haven't I talked to in a while?"); the rule router (`coach.conversation.router`) asks these patterns
before it reads a message as a draft, advice or a general question, and the chat carries each out through
the store. Each pattern is one small, testable expression of how people say it.
"""

from __future__ import annotations

import datetime as dt
import re

from coach.conversation.cues import cue_pattern, vocabulary, words


def _gerunds(name: str) -> str:
    """The -ing forms of a list of verbs ('ping': 'pinging', 'message': 'messaging', 'get back': 'getting back'),
    as an alternation."""
    out = []
    for phrase in vocabulary()[name]:
        verb, _, rest = phrase.partition(" ")
        if verb.endswith("e") and not verb.endswith("ee"):
            verb = verb[:-1]
        elif re.fullmatch(r"[^aeiou]*[aeiou][bdgmnpt]", verb):  # get, chat: the last letter doubled
            verb += verb[-1]
        out.append(re.escape(f"{verb}ing {rest}".strip()).replace(r"\ ", r"\s+"))
    return "|".join(sorted(out, key=len, reverse=True))


# "who should I catch up with?", "who's overdue", "who haven't I talked to in a while", "anyone I should reach
# out to this week?", "who am I neglecting", "people I've lost touch with": about everyone, never one person.
DUE = re.compile(
    r"\b(?:who(?:m)?|anyone|anybody|which (?:contacts?|people|persons?)|people|contacts?)\b[^.?!]{0,30}?"
    r"\b(?:(?:should|shall|do|must|ought to|need to|could)\s+i|i\s+(?:should|must|ought to|need to|could))\s+"
    # "who I must to contact": a learner's "to" after the modal is read past
    rf"(?:(?:need|have|ought|got)?\s*to\s+)?(?:{words('contact_verbs')}|be\s+(?:{_gerunds('contact_verbs')}))"
    # "which contacts do I keep forgetting to write to", "who have I forgotten about": the ones let slip
    r"|\b(?:who(?:m)?|anyone|anybody|which (?:contacts?|people|persons?))\b[^.?!]{0,30}?\b(?:i|i've|i have)\s+"
    r"(?:(?:always|often|keep|kept|been)\s+)?(?:forg[eo]t(?:ten|ting)?|neglect(?:ed|ing)?)\b"
    r"|\b(?:over ?due|due (?:for|a|to be)\b|is due|are due|due\s*[?!.]*$)"
    # the ones let slip, said of the people asked about ("people I've lost touch with"), never a story's "we lost
    # touch after I moved"
    r"|\b(?:who(?:m)?|anyone|anybody|which|people|contacts?|folks|friends|connections)\b[^.?!]{0,40}?"
    r"(?:\blost (?:touch|contact)\b|\bneglect|\bfalling out of touch|\bgone quiet)"
    r"|\b(?:who|which\s+(?:of\s+my\s+)?[\w-]+)\b[^.?!]{0,20}\b(?:haven'?t|have not|didn'?t|did not|hasn'?t)\s+(?:i\s+)?(?:talked|spoken|"
    r"contacted|written|been in touch|reached out|heard|seen|caught up)"
    r"|\b(?:did|have)\s+i\s+not\s+(?:talk|contact|spok|speak|writ|reach|message|call|seen|caught)"
    r"|\b(?:who|anyone|anybody|which|people|contacts?)\b[^.?!]{0,25}?(?:\bdue\b|\bignor|\bneed(?:s|ing)? (?:a |some )?"
    r"(?:check[- ]?in|follow[- ]?up|ping|nudge|catch[- ]?up|touch base))",
    re.IGNORECASE)

# "show me Priya", "pull up Sam's card", "what do I have on Elena?", "tell me about Aisha", "when did I last talk
# to Sam?", "who is Aisha again?": one person's card. Only read so when a person is named and nothing is to be
# written.
SHOW = re.compile(
    r"^\W*(?:(?:please|pls|can you|could you|would you|hey|hi|ok|okay)[\s,]+)*(?:show|open|display|view|find)\b"
    r"|\b(?:pull up|bring up|look up)\b|\bwhat (?:i|did i|have i) (?:wrote|write|written|noted|recorded|saved)\b"
    rf"|\b(?:what(?:'s| is| was)|give me|tell me)\s+[^?.!]{{0,40}}?'s\s+(?:{words('card_fields')})\b"
    rf"|\b(?:show|give) me\b|\bon file\b|\b(?:{words('card_words')})\b"
    r"(?!\s+(?:to|for)\s+(?:a|an|the)\b)"
    r"|\bwhat (?:do|did|have) i (?:(?:last|ever|already|just|previously|actually|first)\s+)?"
    r"(?:have|know|got|write|wrote|written|note|noted|record|recorded|save|saved)\b"
    r"|\bwhat(?:'s| is| have i got) (?:on|about)\b"
    # what is known about someone, asked of the coach or of oneself, direct or embedded ("what do you have on …",
    # "remind me what I know about her", "everything you've got on …")
    r"|\b(?:what|everything|anything|all)\s+(?:(?:do|did|have)\s+)?(?:i|you|we)(?:'ve)?\s+(?:(?:have|has)\s+)?"
    # … or said after the person, ending the clause ("Fatima — everything you've got")
    r"(?:have|know|got|noted|saved|stored|kept|recorded)(?:\s+(?:on|about|for|of)\b|\s*(?:[.?!,;:)]|$))"
    r"|\btell me (?:(?:all|everything|anything|more|what you know|what you have)\s+)?about\b"
    # "who is Aisha again?", "wait, who's Ana?", "remind me who's Sam": asked, not "the Marcus who's a PM at …",
    # which only says which Marcus
    r"|(?:^|[,.;:!?]\s*|\b(?:remind me|tell me|know|recall|remember|forgot|forget|wonder(?:ing)?)\s+)"
    r"(?:(?:wait|hey|hi|so|ok|okay|um|uh|and|sorry|remind me|tell me)[\s,!.]+)*who(?:\s+(?:is|was)|'?s)\b"
    r"|\bwhen (?:did|was) (?:i|we) last\b|\blast (?:time )?(?:i|we) (?:talked|spoke|met|wrote)\b"
    # a summary asked for in a meeting's words: "a quick readout on the Stripe contact", "brief me on Ana"
    r"|\b(?:readout|read-out|rundown|run-down|lowdown|recap|refresher|briefing|brief me|fill me in)\s+(?:on|about)\b"
    # "send me the details of Mr. Daniel", "open my notes on the Datadog guy", "do I have anything saved on them?"
    r"|\b(?:send|give|share)\s+me\s+(?:all\s+)?(?:the\s+|his\s+|her\s+|their\s+)?(?:contact\s+)?(?:details|info|information|"
    r"particulars)\s+(?:of|on|for|about)\b"
    r"|\bopen\s+(?:up\s+)?(?:my\s+|the\s+)?(?:notes?|file|record|card|profile)\s+(?:on|for|about|of)\b"
    r"|\b(?:do|did)\s+(?:i|we|you)\s+have\s+(?:anything|something|any\s+notes?|much)\s+(?:(?:saved|noted|stored|written|"
    r"recorded)\s+(?:down\s+)?)?(?:on|about|for)\b",
    re.IGNORECASE)

# Where a note is kept, and the verbs that put something there ("pop this on her record", "paste that into his notes").
_RECORD = r"(?:notes?|record|file|card|profile)"
_PUT = r"(?:add|put|pop|stick|stash|drop|file|save|log|jot|chuck|throw|slap|whack|paste|copy)"

# "remember that …", "note: …", "log that …", "add a note to Aisha: …", "jot down …", "keep in mind …", "I called
# Priya yesterday, please log it": something to keep on a person's record.
NOTE_LEAD = re.compile(
    r"^\W*(?:(?:please|pls|can you|could you|would you|kindly|ok|okay|fyi|btw|also|now|then|and|"
    r"is (?:it )?possible (?:to|that you)|i want to|i'd like to|i need to)[\s,:]+)*"
    r"(?:remember(?:\s+that)?|note(?:\s+to\s+self)?(?:\s+down)?(?:\s+that|\s*:)|make\s+(?:a\s+)?note(?:\s+that|\s*:)?|"
    r"note\s+(?:for|on|about|re)\s+(?P<whom>[^:,.]+?)\s*(?::|,|\s[—–-]|\s+that\b)|"
    # "note Sam is away until June", "please note her sister works there": note, then a statement about someone
    # "save: Wei prefers email", "please save for Bu Fatima: …", "write in the notes of Madam Priya that …"
    r"save\s*:|(?:save|store|log|keep|note|record)\s+(?:this\s+|it\s+|the\s+following\s+)?(?:(?:info(?:rmation)?|details?|"
    r"facts?|notes?)\s+)?(?:for|on|under|about)\s+(?:(?:mr|mrs|ms|miss|dr|prof)\.\s*)?[^:,.]{2,40}?\s*:|"
    # "FYI for the file — Marcus is OOO until the 15th": said for the record, then what to keep
    r"(?:for\s+(?:the|my|your|his|her|their)\s+(?:file|files|record|records|notes))\s*[:—–-]+|"
    rf"(?:write|put|add|note)\s+(?:it\s+|this\s+)?(?:in|into|to|on)\s+(?:the\s+)?{_RECORD}\s+(?:of|for|on)\s+"
    r"[^:,.]{2,40}?(?:\s+that|\s*:)|"
    r"note(?:\s+down)?\s+(?=(?:[\w'-]+\s+){1,3}?(?:is|are|was|were|has|have|had|will|won't|can't|isn't|wasn't|"
    r"doesn't|didn't|just|now|got|moved|left|joined|started|prefers|likes|wants|works|lives|[a-z]+ed)\b)|"
    # "add this to Sam's notes:", "pop this on her record —", "stick it in Kofi's file that …"
    rf"{_PUT}\s+(?:this\s+|that\s+|it\s+)?(?:to|on|in|into|under|onto)\s+"
    rf"(?P<whose>[^:,.]+?)'?s?\s+{_RECORD}(?:\s+that|\s*:|\s*,|\s+[—–-])|"
    r"(?:put|write|set)\s+(?:it\s+)?down(?:\s+that|\s*:)|"
    r"(?:add|save|take|put|leave|write down|chuck|throw|pop|stick|drop|slap|whack|jot)\s+(?:a\s+|this\s+)?(?:quick\s+)?"
    rf"note(?:\s+(?:to|on|for|about|under|in)\s+(?P<who>[^:,.]+?)(?:['’]s\s+{_RECORD})?)?"
    r"(?:\s+that|\s*:|\s*,|\s+-)|jot(?:\s+it)?\s+down(?:\s+that)?|record(?:\s+that)?|"
    r"log(?:\s+that)?|keep in mind(?:\s+that)?|don'?t forget(?:\s+that)?|"
    # "please save that Fatima's daughter sits exams in March": 'save that' and a statement (not "save that draft")
    r"save\s+that\s+(?!(?:draft|message|email|note|version|one|text|reply|for)\b)(?=\S+\s+\S+))\s*",
    re.IGNORECASE)
NOTE_TAIL = re.compile(
    # "… paste that into his notes please", "… put it on her file": kept on the record said after the words
    rf"[\s,.;:!—–-]*(?:(?:please|pls|can you|could you|and)\s+)*{_PUT}\s+"
    r"(?:it|this|that)\s+(?:in|into|on|to|onto|under)\s+(?:his|her|their|[A-Z][\w'’-]*['’]s)\s+"
    rf"{_RECORD}(?:\s+(?:please|pls|for me))*[\s.!]*$|"
    rf"[\s,.;:!—–-]*(?:(?:please|pls|can you|could you|and)\s+)*(?:{words('keep_verbs')})\s+"
    # what it is kept for may follow ("jot it down so I remember to ask", "save that for later")
    r"(?:it|this|that)(?:\s+(?:down|for me|please|pls))*(?:\s+(?:so|for|because|before|in case)\b[^.?!]*)?[\s.!?]*$"
    # "…, please note", "… — log": the verb alone, after a break or a please
    rf"|(?:[,;:—–-]|\bplease)\s*(?:(?:please|pls|can you|could you|and)\s+)*(?:{words('keep_verbs')})[\s.!]*$",
    re.IGNORECASE)
# "add that she prefers WhatsApp": a note only while no draft is on the table (with one, it changes the draft).
# "save her new studio address to her contact", "add his mobile to Dan's card": what to keep, between the verb
# and the record it goes on
KEEP_ON = re.compile(rf"^\W*(?:(?:please|pls|can you|could you|kindly|and|also)\s+)*(?:{_PUT}|update|store|record)\s+"
                     r"(?P<what>(?!(?:it|this|that)\b)\S.*?)\s+(?:to|in|into|on|onto|under)\s+"
                     r"(?:his|her|their|the|[A-Z][\w'’-]*['’]s)\s+"
                     rf"(?:{_RECORD}|contact(?:\s+(?:card|info|details|entry|record))?|entry|details)"
                     r"(?:\s+(?:please|pls|for me))*[\s.!]*$", re.IGNORECASE)
ADD_THAT = re.compile(r"^\W*(?:(?:please|can you|could you|also|and)\s+)*add\s+(?:that|this)\b\s*(?::\s*)?", re.IGNORECASE)
FYI = re.compile(r"^\W*(?:fyi|btw|by the way|heads up)[\s,:-]+", re.IGNORECASE)


# A question asked of the coach ("what's the latest with …", "remind me who … is", "so how is … doing"): about a
# person when it names one and asks for nothing else (no message, no goal, no advice: the caller checks).
ASKED = re.compile(r"(?:^|[,.;:!?]\s*)(?:(?:so|and|hey|hi|ok|okay|wait|um|uh|also|quick question)[\s,!]+)*"
                   r"(?:what|who|where|how|remind me|tell me)\b", re.IGNORECASE)


def asks_about(text: str) -> bool:
    """The words are a question asked of the coach (a wh-question, 'remind me …'); about whom, the caller reads."""
    return bool(ASKED.search(text))


def asks_due(text: str) -> bool:
    """The words ask who the user is due to get back to: a 'who' that asks, not one that says which person a
    story is about ('someone I met at a conference who I forgot to follow up with')."""
    for m in DUE.finditer(text):
        before = re.findall(r"[\w']+|[^\w\s]", text[:m.start()].lower())
        relative = bool(before) and before[-1][:1].isalpha() and before[-1] not in vocabulary()["ask_who_after"]
        if not (relative and m.group(0).lower().startswith("who")):
            return True
    return False


def asks_timeline(text: str) -> bool:
    """The words ask about the history with someone ("do I owe Dan a reply?", "when did I last talk to Priya?"),
    which their card and timeline answer, and not what to do about it."""
    return bool(cue_pattern("timeline").search(text)) and not cue_pattern("advice_asks").search(text)


def asks_show(text: str) -> bool:
    """The words ask to see what the user has on someone (the caller checks that someone is named)."""
    return bool(SHOW.search(text))


def note_text(text: str, draft_on_table: bool = False) -> str:
    """What to keep, without the instruction: 'remember that Priya moves to London in May' -> 'Priya moves to
    London in May'; 'add a note to Aisha: she speaks at QCon' -> 'she speaks at QCon'; 'I called Priya
    yesterday, please log it' -> 'I called Priya yesterday'. '' when the words ask to keep nothing."""
    m = NOTE_LEAD.match(text) or (None if draft_on_table else ADD_THAT.match(text))
    if m is None and (kept := KEEP_ON.match(text.strip())):
        return kept.group("what").strip()
    if m:
        body = text[m.end():]
    else:
        tail = NOTE_TAIL.search(text)
        if not tail:
            return ""
        body = text[:tail.start()]
    body = FYI.sub("", body)
    body = NOTE_TAIL.sub("", body)
    return body.strip(" \t\n,;:-").rstrip() or ""


def keeps_what_came_before(clause: str) -> bool:
    """The clause only asks to keep what was said before it ('Can you save that?', 'jot it down'): a note whose
    words are the clauses before."""
    tail = NOTE_TAIL.search(clause)
    return bool(tail) and not clause[:tail.start()].strip(" \t\n,;:-")


def asks_note(text: str) -> bool:
    return bool(note_text(text))


def note_date(text: str, today: dt.date | None = None) -> dt.date | None:
    """The day a note is about, when the words say it plainly ('yesterday', 'today'); None otherwise."""
    today = today or dt.date.today()
    if re.search(r"\byesterday\b", text, re.IGNORECASE):
        return today - dt.timedelta(days=1)
    if re.search(r"\b(?:today|this morning|tonight|just now)\b", text, re.IGNORECASE):
        return today
    return None
