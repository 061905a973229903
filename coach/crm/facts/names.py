"""The name a person goes by, when the notes say it is not the first word of their name.

"Nguyễn Thị Lan, she goes by Lan", "Gosia (Małgorzata) Wiśniewska", "aliases: [Greg Ashby]", a note headed
"Ben Krause" for Benedikt Krause: a greeting uses "Lan", "Gosia", "Greg", "Ben". Read from the notes as data
(a word of the note, never a guess): an explicit cue ("goes by", "prefers", "call her", "aka", a name in
brackets beside the given name), or a shorter form of the given name written before their family name.
"""

from __future__ import annotations

import re

from coach.core.domain import HONORIFICS, Contact
from coach.core.text import STOPWORDS, fold, refused
from coach.crm.names import everyday

_NAME = r"([A-ZÀ-ÖØ-ÞĀ-Ž][\w'’-]{0,19}\w)"  # ends on a letter: "call me Rudy'" is Rudy
_CUES = (
    # the cue in any case ("Goes by Trish" opening a line), the name capitalised
    re.compile(r"\b(?i:goes by|go by|went by|prefers to be called|known as|call(?:s|ed)? (?:her|him|them|me)|calls? (?:herself|"
               r"himself|themself|themselves)|introduce[sd]? (?:herself|himself|themself|themselves)(?: to (?:me|us))? as|aka|"
               r"a\.k\.a\.?|"
               r"nickname:?)\s+[\"'“‘]?" + _NAME),
    # dictated or typed in lower case: "he goes by greg" (a name only after an explicit cue)
    re.compile(r"\b(?:goes by|go by|went by|prefers to be called|call(?:s|ed)? (?:her|him|them|me))\s+[\"'“‘]?"
               r"([a-zà-ÿ][\w'’-]{0,19}\w)\b"),
    re.compile(_NAME + r"\s*=\s*(?:her |his |their )?(?:first|given|preferred) name", re.IGNORECASE),
    re.compile(r"\b(?:preferred[_ ]name|goes[_ ]by|nick[_ ]?name)[\"']?\s*[:=]\s*[\"'“]?" + _NAME, re.IGNORECASE),
    re.compile(r"\baliases?\s*:\s*\[?\s*[\"'“]?" + _NAME),
    re.compile(r"\bprefers\s+[\"“‘']" + _NAME + r"[\"”’']"),
    re.compile(r"[\"“‘']" + _NAME + r"[\"”’']\s+(?:to\s+(?:everyone|friends|colleagues|most people|all|us)|for short|"
               r"informally|day[- ]to[- ]day)"),
    # what everyone (or the user) calls them, never what one third party or their friends do ("Sam calls him Kav",
    # "her close friends call her Hattie")
    re.compile(r"\b(?:everyone|everybody|we all|we|i|people|colleagues|the team)\b[^.;\n]{0,40}?\bcall(?:s|ed)?\s+"
               r"(?:her|him|them)\s+[\"'“‘]?" + _NAME, re.IGNORECASE),
    # how they sign: 'signs DMs "Bia"', "signs off as Tomek", "signs her emails 'Jo'"
    re.compile(r"\bsigns\s+(?:off\s+)?(?:(?:her|his|their|all|li|linkedin|dms?|emails?|messages?|msgs?|notes?|texts?)\s+){0,3}"
               r"(?:(?:as|with)\s+)?[\"“‘']" + _NAME + r"[\"”’']", re.IGNORECASE),
    re.compile(r"\bsigns\s+(?:off\s+)?(?:as|with)\s+" + _NAME),
    # how they sign: 'signs DMs "Bia"', 'still signs his messages "Tomek"', "signs off as Jo"
    re.compile(r"\bsigns\b(?:\s+(?!as\b)[\w.]+){0,3}?\s+(?:as\s+)?[\"“‘']" + _NAME + r"[\"”’']"),
    re.compile(r"\bsigns(?: off)? as\s+" + _NAME),
    # a record's field: '"nickName": "Alex"', 'Nickname__c: Kei', 'preferred_name = Sol'
    re.compile(r"(?i:\b(?:nick_?name|preferred_?name)\w*)[\"']?\s*[:=]\s*[\"']?" + _NAME),
    # what they are to everyone: "she's Ify to everyone", "he's just Kit to us"
    re.compile(r"\b(?i:she|he|they)(?:'s|’s| is| are|'re|’re)\s+(?:just\s+)?" + _NAME +
               r"\s+(?i:to\s+(?:everyone|everybody|all of us|us all|us|friends|colleagues|the team|most people))\b"),
)
# Cues that also say other things ("call me anytime", "called him Monday"): a lower-case word after them, or a name
# after "called", counts when it is a short form of the given name (it starts as the given name does, or the table
# of short forms lists it), or, after "call her/him/them", when it is no word that says when or how to call.
_LOOSE = {1}
# A third person named just before "calls him …": their name for the contact, not everyone's or the user's.
_THIRD_PARTY = re.compile(r"\b(?!(?:I|We|Everyone|Everybody|People|Friends|Colleagues|All|They|She|He)\b)"
                          r"[A-Z][\w'’-]+(?:['’]s\s+\w+)?\s+(?:\w+ly\s+|still\s+|also\s+)?$")
# Someone unnamed just before "called her …" in the same clause: their name for the contact, not everyone's.
_SOMEONE = re.compile(r"\b(?:someone|somebody|a colleague|a coworker|a co-worker|one of (?:the|her|his|their)\b|"
                      r"a few people|some people|a client|a customer|a recruiter)\b[^.;!?\n]{0,50}$", re.IGNORECASE)
# A name the notes say not to use, right before it: "never Bert", "don't call him Rob", "not Kav".
_REFUSED = re.compile(r"(?:\b(?:never|not|dont|don'?t call (?:her|him|them)|doesn'?t like|hates?|no)|n't)\s+(?:\w+\s+)?"
                      r"[\"'“‘]?$", re.IGNORECASE)
# ", I never did" / "(not me)" right after the name: the user does not call them so.
_NOT_ME = re.compile(r"^[\"”’']?\s*[,;(—–-]*\s*(?:but\s+)?(?:I\s+(?:never|don'?t|do not|didn'?t)|not me)\b", re.IGNORECASE)
# A cue the note questions and denies at once: "goes by Eleni?? -> NO, that's his wife", "aka Bill? no".
_DENIED = re.compile(r"\s*\?+\s*(?:[-–—>=]+\s*)?(?:no|nope|not|wrong|nah)\b", re.IGNORECASE)
_WHEN = frozenset("back later tomorrow today tonight soon asap again first next now sometime anytime whenever "
                  "directly instead out up about on at when if after before re abt and to this that".split())
# Month and day words a note writes capitalised ("Jan", "March", "Sat"): never a short form of a name.
_CALENDAR = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec", "mon", "tue", "wed",
             "thu", "fri", "sat", "sun"}
_NOT_NAMES = {"the", "her", "him", "them", "me", "a", "an", "email", "phone", "text", "first", "mr", "ms", "mrs",
              "dr", "prof", "she", "he", "they", "i",
              # a role a chat log or a run-sheet writes in brackets after a name ("Hrytsenko, Oksana (Guest)")
              "guest", "host", "speaker", "chair", "moderator", "panelist", "panellist", "presenter", "organiser",
              "organizer", "external", "internal", "events", "admin", "client", "vendor", "interviewer", "candidate",
              "cohost", "co-host", "keynote", "mc", "you"}


def goes_by(contact: Contact, words: str = "") -> str:
    """The name the notes say this person goes by, or '' when they say nothing (the given name stands). `words`
    (what the user typed for this draft) may name them the way the user does ("ask tomek for…" to Tomasz)."""
    given = contact.given_name
    texts = [contact.how_we_met, *(n.text for n in contact.notes)]
    if any(_given_stands(text or "", given) for text in texts):  # "she goes by 'Fatima'", 'She's "Keturah"'
        return ""
    if any(_titled_stands(text or "", contact) for text in texts):  # "… but I'll stick to Dr Adeyemi"
        return ""
    for text in texts:
        for i, cue in enumerate(_CUES):
            for m in cue.finditer(text or ""):
                name = m.group(1)
                negated = _REFUSED.search(text[max(0, m.start() - 24):m.start()])
                loose = i in _LOOSE or re.match(r"call(?:s|ed) ", m.group(0), re.IGNORECASE)
                said = i in _LOOSE and re.match(r"call (?:her|him|them)\b", m.group(0)) and fold(name) not in _WHEN \
                    and fold(name) not in STOPWORDS
                theirs = re.match(r"call(?:s|ed) ", m.group(0), re.IGNORECASE) and _THIRD_PARTY.search(
                    text[max(0, m.start() - 30):m.start()])  # "Sam calls him Kav": one person's name for them
                theirs = theirs or _NOT_ME.search(text[m.end():m.end() + 20]) or _DENIED.match(text[m.end():]) or \
                    _some_call(text, m) or (
                    re.match(r"call(?:s|ed) ", m.group(0), re.IGNORECASE) and _SOMEONE.search(
                        text[max(0, m.start() - 60):m.start()]))  # "someone on the panel called her Maggie"
                everyone = bool(set(_clause_before(text, m)) & _EVERYONE)  # "everyone calls him Nacho"
                # a cue read in any case gives a capitalised name; a word typed in lower case only after a cue for
                # one, and never an everyday word ("I called him myself")
                typed_low = (i in _LOOSE or not name[:1].isupper()) and everyday(name) and not short_of(name, given)
                if not name[:1].isupper() and i not in _LOOSE:
                    continue
                if _a_name(name, given) and not negated and not theirs and not typed_low and \
                        (not loose or said or everyone or short_of(name, given)):
                    return name[:1].upper() + name[1:]
    family = contact.last_name.split(" ")[0] if contact.last_name else ""
    for text in texts:  # "Lottie (Charlotte Ashdown)": the name they go by, their full name in brackets
        m = re.search(_NAME + r"\s*\(\s*" + re.escape(given) + r"\s+" + re.escape(family) + r"\b[^()]{0,40}\)",
                      text or "") if family else None
        before = (text or "")[max(0, m.start() - 40):m.start()].split() if m else []
        if m and _a_name(m.group(1), given) and not (before and fold(before[-1].strip(".,")) == fold(family)) and \
                not _in_a_title(before) and \
                (not everyday(m.group(1)) or short_of(m.group(1), given)):  # "Technical Interview (Anneliese Vogt)"
            return m.group(1)  # not "S. Varghese Studio (Sunil Varghese)": a business under their family name
    surname = {fold(w) for w in (contact.last_name or "").replace("-", " ").split()}
    for text in [*texts, words]:  # "Gosia (Małgorzata) Wiśniewska", "Małgorzata (Gosia)", also in the request
        for m in re.finditer(_NAME + r"\s*\(\s*" + _NAME + r"\s*\)", text or ""):
            a, b = m.group(1), m.group(2)
            if fold(b) == fold(given) and fold(a) != fold(given) and fold(a) not in surname and _a_name(a, given):
                return a  # not "Sade Ibekwe (Folasade)" (their family name), nor "delivery 17 May (Sunita)" (a date)
            employer = {fold(w) for w in re.findall(r"[\w'’-]+", contact.company or "")}
            if fold(a) == fold(given) and fold(b) != fold(given) and fold(b) not in _NOT_NAMES \
                    and len(b) < len(a) and fold(b) not in employer:  # "Anneliese (Parapet)": where she works
                return b
    for text in texts:  # "Jandro (Alejandro Ybarra Quintero)": the name before the person's full name in brackets
        for m in re.finditer(_NAME + r"\s*\(\s*" + re.escape(contact.given_name) + r"(?:\s+[\w'’-]+){1,3}\s*\)", text or ""):
            before = (text or "")[max(0, m.start() - 40):m.start()].split()
            if fold(m.group(1)) != fold(given) and fold(m.group(1)) not in _NOT_NAMES and \
                    not (before and fold(before[-1].strip(".,")) in surname) and not _in_a_title(before) and \
                    (not everyday(m.group(1)) or short_of(m.group(1), given)):  # "S. Varghese Studio (Sunil …)"
                return m.group(1)
    for text in texts:  # 'Tobias "Toby" Ngata-Lowe': a quoted name inside the full name
        m = re.search(re.escape(given) + r"\s*(?:[-–—=:,]\s*)?[\"“‘']" + _NAME + r"[\"”’']", text or "")
        if m and fold(m.group(1)) != fold(given) and fold(m.group(1)) not in _NOT_NAMES:
            return m.group(1)
    called = _called_in_words(contact, texts, words)
    if called:
        return called
    short = _short_form(contact, texts)
    if short:
        return short
    last = contact.last_name.split(" ")[0] if contact.last_name else ""
    if last and len(given) > 3:  # "Greg Ashby" in the notes of Gregory Ashby: a short form before the family name
        for text in texts:
            for m in re.finditer(_NAME + r"\s+" + re.escape(last) + r"\b", text or ""):
                name = m.group(1)
                if fold(name) != fold(given) and len(name) < len(given) and fold(name)[:2] == fold(given)[:2]:
                    return name
    return ""


# Who may say what everyone calls them: the user, everyone, a group that stands for everyone, or the person
# themselves ("she said call her Annie").
_ALL = frozenset("i we everyone everybody all people colleagues team the most us she he they said says told".split())


_FRIENDS_ONLY = re.compile(r"\b(?:lads|mates|friends|family|boys|girls|crew)\b", re.IGNORECASE)
# The user is one of those friends ("we're friends → Anj"): the friends' name is theirs to use.
_WE_ARE_CLOSE = re.compile(r"\b(?:we'?re|we are|we['’]re)\s+(?:(?:good|close|old|great|real)\s+)?(?:friends|mates|close)\b",
                           re.IGNORECASE)


# Those whose name for them is everyone's, so it stands even when it is no short form ("everyone calls him Nacho").
_EVERYONE = _ALL & frozenset("i we everyone everybody all people team us".split())


def _clause_before(text: str, m: re.Match) -> list[str]:
    """The words of the clause before a cue: who says the name ("her close friends", "everyone")."""
    clause = re.split(r"[.;:!?\n—–(]|\s-\s|\b(?:and|but|so)\b", text[max(0, m.start() - 40):m.start()])[-1]
    return [w for w in re.findall(r"[a-z']+", clause.lower()) if w not in ("pls", "please", "just", "always", "only")]


def _some_call(text: str, m: re.Match) -> bool:
    """A 'call her …' whose subject is some people, not everyone ("her close friends call her Hattie", "his
    family calls him Bobby"): their name for them, not the user's; an order ("call her Jo") has no subject."""
    if not re.match(r"call(?:s|ed)?\s+(?:her|him|them)\b", m.group(0), re.IGNORECASE):
        return False
    said = _clause_before(text, m)
    return bool(said) and not set(said) & _ALL


def asked_by_name(contact: Contact, words: str = "") -> bool:
    """The user's words or notes say to call them by their given name ("she said to call her Saoirse", "goes by
    'Fatima'"): a greeting then uses it, never a title and family name."""
    texts = [words, contact.how_we_met, *(n.text for n in contact.notes)]
    # the name they go by ("everyone calls her Pip"), or a title they dislike ("hated being Dr'd"): never the title
    return any(_given_stands(text or "", contact.given_name) or _TITLE_REFUSED.search(text or "") for text in texts) \
        or bool(goes_by(contact, words))


# A title the notes say they dislike: "hated being Dr'd", "hates being called Dr", "don't call him Professor".
_TITLE_REFUSED = re.compile(r"\b(?:hates?|hated|dislikes?|disliked|(?:does|did)(?:n'?t| not) like|can'?t stand|"
                            r"(?:don'?t|never|no need to) call (?:her|him|them))\s+(?:being\s+)?(?:called\s+)?[\"'“‘]?"
                            r"(?:dr|doctor|prof|professor)\b", re.IGNORECASE)


def _titled_stands(text: str, contact: Contact) -> bool:
    """The notes decide on the formal address: "I'll stick to Dr Adeyemi for a first email", "use Prof. Lund"."""
    family = contact.last_name.split(" ")[0] if contact.last_name else ""
    if not family:
        return False
    return re.search(r"\b(?:stick(?:ing)? (?:to|with)|use|go(?:ing)? with|keep(?:ing)? (?:it )?(?:to|at)|address (?:her|him|them) as)\s+"
                     r"(?:" + "|".join(HONORIFICS) + r")\.?\s+" + re.escape(family) + r"\b", text,
                     re.IGNORECASE) is not None


def _given_stands(text: str, given: str) -> bool:
    """The notes say they go by their given name itself: a cue naming it ("goes by 'Fatima' in person"), or the
    given name quoted as what they are called ('She's "Keturah"', 'name: "Harriet", not Hattie')."""
    g = re.escape(given)
    for m in _CUES[0].finditer(text):  # never "nobody calls her Oluwaseun", "only HR calls her Marisol"
        if fold(m.group(1)) == fold(given) and not refused(text, m.start(), m.end()):
            return True
    if re.search(rf"(?:->|→|=>)\s*(?:use|call (?:her|him|them)|say)\s+{g}\b", text, re.IGNORECASE):
        return True  # "'Tom' to his team but … -> use Tomasz": the user's own decision in the notes
    if re.search(r"\bfirst[- ]name\s+(?:is|'s|’s)\s+(?:fine|ok|okay|good|great)\b|\bon\s+(?:a\s+)?first[- ]name\s+"
                 r"(?:basis|terms)\b|\bcall\s+(?:her|him|them)\s+by\s+(?:her|his|their)\s+first\s+name\b", text,
                 re.IGNORECASE):  # "(first name is fine in conversation — Anjali)": never "Dr. Raghunathan"
        return True
    # what they told the user, in their words: 'she said "it's Kirsten now"', 'told me "Hiroko is fine"'
    if re.search(rf"[\"“‘'](?:(?:it'?s|it’s|just|call me|please call me)\s+{g}\b[^\"”’'\n]{{0,12}}|{g}\s+(?:is|'s|’s)\s+"
                 rf"(?:fine|ok|okay|great|good)\b[^\"”’'\n]{{0,6}}|{g},?\s+please[!.]?)[\"”’']", text, re.IGNORECASE):
        return True
    # 'She's "Keturah"', "she's Faye in emails", "he's just Tunde to everyone": the given name is what they are called
    return re.search(rf"\b(?:she|he|they)(?:'s|’s| is| are|'re)\s+(?:[\"“]{g}[\"”]|(?:just\s+)?{g}\s+(?:in|on|to|with|for)\s+"
                     rf"(?:e-?mails?|messages?|person|everyone|everybody|all|us|work|the team|writing)\b)", text,
                     re.IGNORECASE) is not None


_DAYS_MONTHS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
                "march", "april", "june", "july", "august", "september", "october", "november", "december"}


def _in_a_title(before: list[str]) -> bool:
    """Whether the words before a word end a title it belongs to ("A Conservator's Notebook (Imelda Sørvik-Park)":
    a book by her, not what she goes by): a capitalised possessive, or two capitalised words, just before it."""
    last = [w for w in before[-2:] if w[:1].isupper()]
    return bool(before) and (bool(re.search(r"['’]s$", before[-1])) and before[-1][:1].isupper() or len(last) == 2)


def _a_name(name: str, given: str) -> bool:
    """Whether a word a cue gives can be a name other than their given one (not "her", "Monday", "Jan")."""
    f = fold(name)
    return f != fold(given) and f not in _NOT_NAMES and f not in _DAYS_MONTHS and f not in _CALENDAR


def short_of(name: str, given: str) -> bool:
    """`name` is a short form of `given`: it starts as the given name does ("Sid", "Tomek"), or the table of
    short forms says so ("Lottie" for Charlotte)."""
    from coach.crm.names import related

    a, b = fold(name), fold(given)
    return (len(a) >= 2 and a[:2] == b[:2] and len(a) < len(b)) or related(a, b)


_THEIRS = re.compile(r"\bcall(?:s|ed)\s+(?:her|him|them)\s+[\"'“‘]?$", re.IGNORECASE)


def _quoted(text: str, at: int) -> bool:
    """Whether `at` sits inside quoted speech on its line (a quoted span of several words: "tell Kav I sent
    you"), never a quoted value ('"preferred_name": "Sol"')."""
    start, end = text.rfind("\n", 0, at) + 1, text.find("\n", at)
    line, i = text[start:end if end >= 0 else len(text)], at - start
    for m in re.finditer(r"[\"“]([^\"“”\n]*)[\"”]", line):
        if m.start() < i < m.end():
            return " " in m.group(1).strip()
    return False


def _halves(given: str) -> set[str]:
    """The halves of a hyphenated given name ("Wen" of Wen-Li): a part of the name, never a short form of it."""
    return set(given.split("-")) if "-" in given else set()


def _short_form(contact: Contact, texts: list) -> str:
    """A short form of the given name that the notes, an @handle or an email address use on its own ("Met Sol
    at…", "@gwen.t", "seun.am@…" for Solomon, Gwendolyn, Oluwaseun): a word of three letters or more that the given
    name starts or ends with, or that shares its first three letters, never the given name itself."""
    given = fold(contact.given_name)
    if len(given) < 5:
        return ""
    words: list[str] = []
    for text in texts:
        words += [m.group(1) for m in re.finditer(r"(?<![\w@.])([A-ZÀ-ÖØ-Þ][a-zà-ÿ'’]{2,})\b", text or "")
                  if not _REFUSED.search((text or "")[max(0, m.start() - 24):m.start()])  # not "never Bert"
                  and not _THEIRS.search((text or "")[max(0, m.start() - 24):m.start()])  # not "Sam calls him Kav"
                  and not _quoted(text or "", m.start())  # not what someone else said: "tell Kav I sent you"
                  and not _someone_else(contact, _next_word(text or "", m.end()))]  # not "Ana Torres"
        words += [w.capitalize() for w in re.findall(r"@([a-z]{3,})[._]?", text or "")]  # handles
    words += [w.capitalize() for e in contact.emails for w in re.findall(r"^([a-z]{3,})[._@]", e.lower())]
    notes = "\n".join(t or "" for t in texts)
    for word in words:
        w = fold(word)
        if w == given or len(w) > len(given) - 2 or w in _NOT_NAMES or w[:3] in _CALENDAR or w in _halves(given):
            continue
        if _FRIENDS_ONLY.search(notes) and not _WE_ARE_CLOSE.search(notes) and re.search(r"\b" + re.escape(word) + r"\b[\"”’']?\s+(?:is\s+|'s\s+)?(?:only\s+)?"
                                                   r"(?:to|for|with|among)\s+(?:the\s+|his\s+|her\s+|their\s+|"
                                                   r"close\s+|old\s+)*(?:lads|mates|friends|family|boys|girls|crew)\b",
                                                   notes, re.IGNORECASE):
            continue  # '"Yus" to the lads', '"Yus" is for his mates': a name for those close to them
        diminutive = w[:3] == given[:3] and len(w) <= 5 and w.endswith(("y", "ie", "i", "o"))  # Toby, Susie
        if given.startswith(w) or given.endswith(w) or diminutive:
            return word
    return ""


def _called_in_words(contact: Contact, texts: list, words: str) -> str:
    """The name the user's request calls them by, when the notes write it too: a word of the request that is a
    form of their given name ("tomek", "Lottie", "Jandro" for Tomasz, Charlotte, Alejandro), that the notes
    write right before their family name ("Nacho Beltrán"), or that the request writes to and the notes use
    again and again ("email to Pip" for Philippa). Written capitalised in the notes, never refused there."""
    given, last = fold(contact.given_name), fold(contact.last_name.split(" ")[0]) if contact.last_name else ""
    if not words or len(given) < 4:
        return ""
    notes = "\n".join(t or "" for t in texts)
    # the person an introduction is to ("offer Rachel an intro to Lola Brennan") is not whom the message is to
    # ("introduction email to Kobby", "connection request to Kobby": the message is to them)
    channel = r"(?!(?:email|e-mail|message|msg|note|request|dm|letter)\b)"
    asked = re.sub(r"\b(?:intro(?:duction)?s?|introduc\w*(?:\s+" + channel + r"\w+)?|connect\w*(?:\s+" + channel +
                   r"\w+)?|put\s+\w+\s+in\s+touch)\s+(?:to|with)\s+\w+", " ", fold(words))
    for w in dict.fromkeys(fold(x) for x in re.findall(r"(?<![\w@./-])([^\W\d_]{2,})\b", words)):
        if w == given or len(w) >= len(given) or w in _NOT_NAMES or w[:3] in _CALENDAR or w in _halves(given):
            continue
        if len(w) == 2 and (w in STOPWORDS or w in _NOT_SHORT or not given.startswith(w)):
            continue  # "Jo" for Joanna, never "In" for Ingrid
        written = [m for m in re.finditer(r"(?<![\w@.])(" + re.escape(w) + r")\b", notes, re.IGNORECASE)
                   if m.group(1)[:1].isupper() and not _REFUSED.search(notes[max(0, m.start() - 24):m.start()])]
        if not written:
            continue
        follows = [fold(_next_word(notes, m.end())) for m in written]
        before_family = bool(last) and last in follows
        someone_else = any(_someone_else(contact, f) for f in follows)  # "Ana Torres": another person
        form = given.startswith(w[:3]) or w in given or (len(w) >= 4 and w[:4] in given)
        # "thank-you email to Pip" with Pip all through the notes: the user writes to them by that name
        addressed = re.search(r"\b(?:(?:email|e-mail|message|msg|note|dm|letter|reply|write|text|linkedin|li|card|"
                              r"request|thanks|thank-you|congrats)\s+to|message|email|e-mail|dm|ping|text|write|thank|"
                              r"congratulate|congrats)\s+"
                              + re.escape(w) + r"\b", asked) and len(written) >= 2
        if before_family or ((form or addressed) and not someone_else):
            name = next((m.group(1) for m in written if not m.group(1).isupper()), written[0].group(1))  # not "JO"
            return name[:1].upper() + name[1:]
    return ""


# Two-letter words a request may write capitalised that are no one's short name.
_NOT_SHORT = {"up", "go", "ok", "hi", "ya", "yo", "ha", "oh", "ah", "eh", "um", "uh", "hr", "pr", "it", "ai"}


def _someone_else(contact: Contact, family: str) -> bool:
    """Whether a capitalised word after a first name makes it another person's name ("Ana Torres")."""
    f = fold(family)
    own = {fold(contact.given_name), *(w for w in re.split(r"[\s-]+", fold(contact.last_name or "")) if w),
           fold(contact.last_name or "")}  # "Pemberton" of Pemberton-Achebe is their own
    return bool(f) and f not in own and f[:3] not in _CALENDAR and f not in _NOT_NAMES


def _next_word(text: str, at: int) -> str:
    """The capitalised word right after `at` (a family name), or ''."""
    m = re.match(r"[ \t]+([A-ZÀ-ÖØ-Þ][\w'’-]+)", text[at:])
    return m.group(1) if m else ""


def greeting_name(contact: Contact, words: str = "") -> str:
    """What 'Hi …,' calls them: the name they go by (in the notes, or as the user's request calls them), else
    their given name."""
    name = goes_by(contact, words) or contact.given_name
    # a name the notes shout ("goes by TOMEK", "TAM!!" for Tamsin) is greeted as it is spoken; initials ("JJ",
    # "AJ") stay as written
    spoken = len(name) > 3 or (len(name) == 3 and fold(contact.given_name).startswith(fold(name)))
    return name.title() if name.isupper() and spoken else name
