"""The style the user asks for in words ("keep it short", "make it warm", "in French pls", "tú, not usted"): a part
of the request that only says how to write the draft is read into the reading's length, tone and language.
"""

from __future__ import annotations

import re

from coach.core.limits import LIMIT, read_limit
from coach.core.messages import RequestReading
from coach.core.text import fold

SHORT = re.compile(r"\b(short|shorter|brief|briefer|concise|succinct|tight|punchy|one[- ]liner|to the point|(?:under|max|at most|"
                   r"no more than|<)\s*\d+\s*(?:chars?|characters|words)|\d+\s*(?:chars?|characters|words)\s*"
                   r"(?:max|or less|tops|at most)|\d\s*(?:-|–|to)?\s*\d?\s*(?:sentences|lines)|"
                   r"(?:a\s+)?(?:few|couple(?:\s+of)?)\s+(?:short\s+)?(?:sentences|lines))\b",
                   re.IGNORECASE)
LONG = re.compile(r"\b(longer|more detail(?:ed)?|a bit more|detailed|fuller)\b", re.IGNORECASE)
WARM = re.compile(r"\b(warm|warmer|friendly|friendlier|casual|informal|relaxed|chatty|light)\b", re.IGNORECASE)
FORMAL = re.compile(r"\b(formal|professional|polite|respectful)\b", re.IGNORECASE)
LANGUAGES = ("french", "spanish", "german", "italian", "portuguese", "dutch", "polish", "japanese", "chinese",
             "mandarin", "korean", "arabic", "hindi", "swedish", "norwegian", "danish", "finnish", "turkish",
             "vietnamese", "greek", "czech", "ukrainian", "russian", "hebrew", "français", "español", "deutsch",
             "english", "englisch", "anglais", "inglés", "ingles", "inglese", "engels")
ENGLISH = frozenset(("english", "englisch", "anglais", "inglés", "ingles", "inglese", "engels"))  # what drafts are in
LANGUAGE = re.compile(r"\b(?:in|en|auf)\s+(" + "|".join(LANGUAGES) + r")\b", re.IGNORECASE)
# A form of address that only one language has says which language is meant ("tú, not usted", "du-Form").
ADDRESS_FORMS = {"tú": "Spanish", "usted": "Spanish", "du": "German", "duzen": "German", "siezen": "German",
                 "vous": "French", "tutoyer": "French", "vouvoyer": "French"}
ADDRESS = re.compile(r"(?<![\w'’])(" + "|".join(ADDRESS_FORMS) + r")(?![\w'’])", re.IGNORECASE)
# Words that make a part an instruction to the coach when the style words are all it says.
_INSTRUCTION_WORDS = set("keep make be write use sound it the message note email tone please pls plz a bit more less "
                         "and very nice super really but not too it's its register language translate one line "
                         "lines words sentence sentences bitte por favor svp s'il vous plait obviously of course "
                         "under max at most chars characters no more than pls thx obvs tops du sie tu tú usted vous form "
                         "forms informal address must has have to fit limit should around about approx roughly maybe "
                         "within in obviously obv char max tops needs need stay below less fewer or ok okay so "
                         "sentence lines line few couple of".split())
# How not to sound, said beside a style ("3-4 sentences, not gushy", "warm but not over the top"): the coach
# writes none of these anyway, so the words only say how to write.
_NOT_SOUNDING = re.compile(r"\b(?:not|but not|never|no|don'?t be|without being)\s+(?:too\s+|overly\s+|so\s+)?(?:gushy|gushing|"
                           r"pushy|needy|salesy|cheesy|desperate|over the top|ott|weird|awkward|creepy|robotic|cringe|"
                           r"cringy|grovel(?:l?ing)?|sappy|sycophantic)\b", re.IGNORECASE)


# A subject line asked for without its words ("I want a subject line", "add a clear subject pls"): an email
# always has one, so the part asks nothing more (a subject given word for word is read by the envelope).
SUBJECT_WANTED = re.compile(r"^(?:(?:and|also|please|pls)\s+)*(?:i\s+(?:want|need|would like|'d like)|add|include|give it|"
                            r"use|put|needs?|with|make sure (?:it has|there is|there's))\s+(?:a|an|the)?\s*"
                            r"(?:(?:good|clear|short|proper|catchy|real)\s+)?subject(?:\s+line)?(?:\s+(?:please|pls|too|"
                            r"as well|on it))*$", re.IGNORECASE)


# "keep it short, she's busy", "keep it short and practical", "Keep it casual we were friendly": the instruction,
# then why (for the coach) or one more word for the tone that no list holds.
# "not too long", "not too formal": the other way (shorter, warmer), said by denying too much of one.
NOT_TOO = re.compile(r"\b(?:not|nothing)\s+(?:(?:too|overly|very|so)\s+)?(long|lengthy|wordy|formal|stiff|corporate|casual|"
                     r"informal|chatty|short)\b", re.IGNORECASE)
_NOT_TOO_MEANS = {"long": ("length", -1), "lengthy": ("length", -1), "wordy": ("length", -1), "short": ("length", 1), "formal": ("tone", -1),
                  "stiff": ("tone", -1), "corporate": ("tone", -1), "casual": ("tone", 1), "informal": ("tone", 1),
                  "chatty": ("tone", 1)}
_KEEP_IT = re.compile(r"^(?P<head>(?:please\s+)?(?:(?:keep|make)\s+it\s+[^,;]+?|not\s+(?:too|overly|so)\s+\w+(?:\s+please)?))(?:\s+(?:and|but)\s+[a-z-]+)?"
                      r"(?:\s*,\s*|\s+(?:because|since|as|cos|cause)\s+|\s+(?=(?:she|he|they|we|i)(?:['’](?:s|re|m)|\s)))"
                      r"(?P<why>.*)$|^(?P<head2>(?:please\s+)?(?:keep|make)\s+it\s+\w+)\s+(?:and|but)\s+[a-z-]+$",
                      re.IGNORECASE)


def read_style_and_why(part: str, reading: RequestReading) -> bool:
    """`read_style`, or the same for an instruction with its reason or one more tone word after it (the reason is
    kept for the coach, never said). Each reading is tried on a copy, so a failed one changes nothing."""
    def taken(probe: RequestReading) -> bool:
        for name in type(reading).model_fields:
            setattr(reading, name, getattr(probe, name))
        return True

    probe = reading.model_copy(deep=True)
    if read_style(part, probe):
        return taken(probe)
    m = _KEEP_IT.match(part.strip(" .!"))
    probe = reading.model_copy(deep=True)
    if m and read_style(m.group("head") or m.group("head2"), probe):
        why, second = m.group("why"), probe.model_copy(deep=True)
        if why and read_style_and_why(why, second):  # "…, under 200 words": a second instruction, read too
            probe = second
        elif why:
            probe.to_coach.append(why)  # "…, she's busy": why, for the coach
        return taken(probe)
    return read_style(part, reading)  # not a style: its words undo a style said inside a sentence, as before


def read_style(part: str, reading: RequestReading) -> bool:
    """Read a part that is only an instruction about the draft's form; True when it was one."""
    if SUBJECT_WANTED.match(part.strip(" .!")):
        return True
    found, before = False, reading.language
    lang = LANGUAGE.search(part)
    if lang:
        language = lang.group(1).capitalize()  # English is what drafts are written in: asking for it changes nothing
        reading.language = "" if fold(language) in ENGLISH else language
        found = True
    form = ADDRESS.search(part)
    if form and not lang:
        reading.language = reading.language or ADDRESS_FORMS[form.group(1).lower()]
        found = True
    denied = NOT_TOO.search(part)
    if denied:
        field, value = _NOT_TOO_MEANS[denied.group(1).lower()]
        setattr(reading, field, value)
        found = True
    for rx, field, value in ((SHORT, "length", -1), (LONG, "length", 1), (WARM, "tone", -1), (FORMAL, "tone", 1)):
        if rx.search(NOT_TOO.sub(" ", part)):
            setattr(reading, field, value)
            found = True
    most = read_limit(part)
    if most:
        tight = most.unit != "words" or most.most <= 120  # "200 chars", "3 sentences", "under 80 words": short
        reading.length = -1 if tight else reading.length
        found = True
    if not found:
        return False
    rest = LANGUAGE.sub(" ", NOT_TOO.sub(" ", LIMIT.sub(" ", _NOT_SOUNDING.sub(" ", part))))
    for rx in (ADDRESS, SHORT, LONG, WARM, FORMAL):
        rest = rx.sub(" ", rest)
    left = [w for w in re.findall(r"[\w'’]+", fold(rest)) if w not in _INSTRUCTION_WORDS]
    if left:  # style words inside a sentence for the person ("a short call"): not an instruction
        reading.length = reading.length if not (SHORT.search(part) or most) else 0
        reading.tone = 0 if (WARM.search(part) or FORMAL.search(part)) else reading.tone
        reading.language = before  # "we always talk in Spanish" says why, and undoes no earlier request
        # a number of words or characters limits the message wherever it is said ("under 250 words for the
        # pitch"); a number of sentences there sizes one part ("keep the old days to one line max")
        reading.most = reading.most or read_limit(part, whole=False)
        return False
    reading.most = reading.most or most
    return True
