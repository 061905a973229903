"""What the user says of a message's envelope: its email subject and its sign-off, read word for word.

"subject: Pilot at two branches", "Subject should be: Six years on", 'use the subject line "Notes"'; "sign off as
Mei & the Flourish team", "sign as CEO", "Sign off Anneke", "sign it Thandi", 'Sign off "All best, Hugo"' (a closing
word and a name: the closing replaces the tone's "Best,"), "sign off with just -M" (a dash sign-off: the name alone,
with no closing word). These are read before the words are split into parts (a subject's colon would split it).
"""

from __future__ import annotations

import re

from coach.core.messages import RequestReading
from coach.core.text import capitalise, fold
from coach.drafting.wants import JOB_NOUNS

SUBJECT = re.compile(
    r"(?:\b(?:use|with|put|make)\s+(?:the\s+|a\s+|this\s+)?)?\bsubject(?:\s+line)?\s*(?:[:=-]|should be|to be|as|is)?\s*"
    r"[\"'“‘](?P<q>[^\"'”’]{2,80})[\"'”’]|"
    r"(?:\b(?:use|with|put|make)\s+(?:the\s+|a\s+|this\s+)?)?\bsubject(?:\s+line)?\s*(?:(?:should be|to be|is|as)\s*)?"
    r"[:=]\s*(?P<x>[^.;\n]{2,80})", re.IGNORECASE)
# A sign-off: "as"/"with" and the rest of the clause, or with no "as" a quoted sign-off, a dash sign-off or a name.
_SIGN_VERB = r"(?i:\bsign(?:\s+it)?(?:\s*-?\s*off)?)"
_QUOTED = r"(?:[\"“](?P<{0}>[^\"”\n]{{1,60}})[\"”]?|['‘](?P<{0}s>[^'’\n]{{1,60}})['’])"
# The closing words a sign-off may start with ("All best, Hugo").
CLOSINGS = ("best", "all best", "all the best", "best wishes", "warm wishes", "best regards", "kind regards",
            "warm regards", "regards", "warmly", "cheers", "thanks", "many thanks", "thank you", "with thanks",
            "sincerely", "yours", "yours sincerely", "take care", "talk soon", "speak soon", "ciao", "love", "with love", "warmest")
# A closing said without quote marks before the name ("Sign off Kind regards, Morag").
_BARE_CLOSING = (r"(?P<bare>(?i:" + "|".join(sorted(CLOSINGS, key=len, reverse=True)) + r"),\s*[A-Z][\w'’-]*"
                 r"(?:\s+[A-Z][\w'’-]*)?(?:\s+x{1,3}\b)?)")
SIGN = re.compile(
    _SIGN_VERB + r"\s+(?i:as|with)\s+(?:(?i:just|only)\s+)?(?:" + _QUOTED.format("qa") + "|"
    # "Sign as Kenji Sato, Key Account Manager": a name and the title after it, to the end of the clause
    r"(?!(?i:him|her|them|you|me|us)\b)(?P<x>[^.;,\n\"”]{1,60}(?:,\s+(?-i:[A-Z])[\w&'’-]*(?:\s+(?:(?:of|and|for|the|&)\s+)?(?-i:[A-Z])[\w&'’-]*){0,4}"
    r"(?=\s*(?:[.;!\n]|$)))?))|"
    r"(?i:\bsign(?:\s+it|\s*-?\s*off)?)\s*:?\s+(?:(?i:just|only)\s+)?(?:" + _QUOTED.format("q") + "|"
    + _BARE_CLOSING + r"|(?P<dash>[-—–]\s*[A-Z][\w'’.-]*))|"
    r"(?i:\bsign(?:\s+it|\s*-?\s*off))\s+(?:(?i:just|only)\s+)?"
    r"(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})(?![\w'’-])|"
    # "end with 'Cheers, Tomasz'", "close it with Warmly, Greta": a quoted sign-off, or a closing word and a name
    r"(?i:\b(?:end|close|finish)(?:\s+(?:it|the (?:email|message|note)))?\s+with)\s+(?:" + _QUOTED.format("qe") + "|"
    + _BARE_CLOSING.replace("?P<bare>", "?P<bare_end>") + r")|"
    # "Rach x is how I sign off with him": the sign-off said before the verb
    r"(?P<pre>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?(?:\s+x{1,3})?)\s+(?i:is how I(?:\s+(?:always|usually|normally))?"
    r"\s+sign(?:\s*-?\s*off)?(?:\s+(?:with|to)\s+(?:him|her|them))?)")
def _sign_off(value: str, quoted: bool = False) -> tuple[str, str]:
    """(closing, name) from a sign-off the user wrote: 'All best, Hugo' -> ('All best,', 'Hugo')."""
    value = " ".join(value.split()).strip(" .;\"”“")
    if quoted and (bang := re.fullmatch(r"(?P<h>[A-Z][^\W\d_]+(?:\s+[^\W\d_]+){0,2}!)\s+(?P<n>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)",
                                        value)):
        return bang.group("h"), bang.group("n")  # 'Obrigada! Priscila': a closing said with a '!'
    head, comma, rest = value.partition(",")
    if comma and fold(head.strip()) in CLOSINGS and rest.strip():
        return capitalise(head.strip()) + ",", rest.strip(" ,")
    # a closing in the user's own words, quoted: 'Med vennlig hilsen, Aoife', 'Viele Grüße, Hartmut'
    # … or one word ('Diolch, Owain', 'Saludos, Inés'), where what follows the comma is a name, not a title
    # ('Hugo, CEO', 'Ana, Founder': a name and a title)
    if quoted and comma and re.fullmatch(r"[A-Z]\S*(?:\s+\S+){1,3}|[A-Z][^\W\d_A-Z]+", head.strip()) and \
            re.fullmatch(r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?(?:\s+x{1,3})?(?:,\s+[A-Z][\w&'’ -]{1,40})?", rest.strip()) and \
            not re.fullmatch(r"(?-i:[A-Z]{2,})|" + JOB_NOUNS, rest.strip(), re.IGNORECASE):
        return head.strip() + ",", rest.strip()
    if fold(value) in CLOSINGS:  # a closing word alone: "sign off with cheers"
        return capitalise(value) + ",", ""
    if re.fullmatch(r"(?:just\s+|only\s+)?(?:with\s+)?my\s+(?:first\s+)?name(?:\s+only)?", fold(value)):
        return "", ""  # "sign off with just my first name": the profile's first name, as every draft signs
    return "", value


# A sign-off the user rules out ("don't sign as Cass"), and the name they give instead ("Use Niamh").
_REFUSED_SIGN = re.compile(r"\b(?:don'?t|do not|dont|never|not|no)\s*$", re.IGNORECASE)
_USE_INSTEAD = re.compile(r"\b(?i:use|sign (?:as|with)|go with)\s+(?P<n>[A-Z][\w'’-]+)\b(?:\s+(?i:instead))?[.!]?")
# "… Don't mention the grant amount. From Trish.": a last sentence that is only 'From' and a name is the signature.
FROM = re.compile(r"(?:^|(?<=[.!?])\s+)(?i:from)\s+(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)\s*[.!]?\s*$")


def read_envelope(context: str, reading: RequestReading) -> str:
    """Read the subject and the sign-off the user gave into `reading`; the words left to read."""
    if m := SUBJECT.search(context):
        reading.subject = (m.group("q") or m.group("x")).strip(" .")
        context = context[:m.start()] + " " + context[m.end():]
    m = next((s for s in SIGN.finditer(context) if not _REFUSED_SIGN.search(context[max(0, s.start() - 14):s.start()])),
             None)  # "Don't sign as Cass, that's his thing for me": never that one
    refused = next((s for s in SIGN.finditer(context) if s is not m and s.start() < len(context)
                    and _REFUSED_SIGN.search(context[max(0, s.start() - 14):s.start()])), None)
    if m is None and refused and (instead := _USE_INSTEAD.search(context, refused.end())):
        reading.sign_as = instead.group("n")  # "… Use Niamh.": the name to sign with instead
        return _REFUSED_SIGN.sub("", context[:refused.start()]) + " " + context[instead.end():]
    if m is not None:
        value = next(v for v in (m.group("qa"), m.group("qas"), m.group("x"), m.group("q"), m.group("qs"), m.group("bare"),
                                 m.group("qe"), m.group("qes"), m.group("bare_end"), m.group("dash"), m.group("name"),
                                 m.group("pre")) if v)
        if m.group("dash"):
            reading.sign_as = re.sub(r"\s+", "", value)
        else:
            quoted = any(m.group(g) for g in ("qa", "qas", "q", "qs", "qe", "qes"))
            reading.closing, reading.sign_as = _sign_off(value, quoted)
        context = context[:m.start()] + " " + context[m.end():]
    elif m := FROM.search(context):
        reading.sign_as = m.group("name")
        context = context[:m.start()]
    return context


def dash_sign_off(sign_as: str) -> bool:
    """A sign-off that is a dash and a name ('-M'): said alone, with no closing word above it."""
    return bool(re.match(r"[-—–]\s*\w", sign_as))
