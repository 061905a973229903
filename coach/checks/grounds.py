"""What the user knows, and the claims a message makes: the ground every check stands on.

Grounding is literal: every name, organisation, event, date, number, link and
email address in a message must appear in what the user told us (the contact
record, their notes and history, the user's profile, or the request itself).
Links, email addresses and money are stricter: a contact *note* is data, not an
instruction, so they count only when the user supplied them in the request or
profile, or as the contact's own address.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from coach.checks.language import allowed_language
from coach.checks.links import noted_links
from coach.checks.shortforms import compound_of, other_names, written_shorter
from coach.core.dates import (
    claim_forms,
    date_phrases,
    date_words,
    day_months,
    iso_dates,
    short_years,
    weekdays,
)
from coach.core.domain import HONORIFICS, Contact, Profile
from coach.core.text import (
    STOPWORDS,
    fold,
    has_word,
    scaled_numbers,
    sentences,
    spoken_numbers,
    unit_numbers,
    without_possessive,
    words,
)
from coach.crm.names import everyday

STOCK_PHRASES = (
    "i hope this message finds you well", "i hope this email finds you well", "hope this finds you well",
    "i came across your profile", "i stumbled upon your profile", "to whom it may concern",
    "allow me to introduce myself", "my name is", "i am writing to", "i wanted to reach out",
    "i hope you are doing well", "i hope you're doing well", "i hope all is well", "hope all is well",
    "hope you are well", "hope you're well", "hope you are doing well", "hope you're doing well",
)
# The greeting and the name it uses (group 2): a title before a surname ("Dear Dr. Okafor") is read past, and a
# name is any letters ("Małgorzata", "Nguyễn"), not only Latin-1 ones.
TITLE = "(?:" + "|".join(sorted(HONORIFICS, key=len, reverse=True)) + ")"  # the titles a record's name may carry
# A greeting in the language the message is written in ("Bonjour Clémence", "Hola Jandro") greets as "Hi" does.
OTHER_GREETINGS = ("bonjour", "bonsoir", "salut", "chère", "hola", "buenos días", "buenas tardes", "querida", "querido",
                   "estimada", "estimado", "hallo", "guten tag", "liebe", "lieber", "ciao", "buongiorno", "olá",
                   "bom dia", "hej")
GREETS = "|".join(("hi", "hello", "hey", "dear", "good morning", "good afternoon", *OTHER_GREETINGS))
GREETING = re.compile(rf"^\s*({GREETS})\s+(?:{TITLE}\.?\s+(?=[^\W\d_]))?"
                      r"([^\W\d_][\w'’-]*)", re.IGNORECASE)
GREETING_TITLE = re.compile(rf"^\s*(?:{GREETS})\s+({TITLE})\.?\s+(?=[^\W\d_])", re.IGNORECASE)
# The names a greeting line addresses, one or several ("Hi Piet and Thandiwe,", "Hi Fenna, hi Seun,", "Dear Ana &
# Tom,"): the first line up to its comma-ended close, each name after a greeting word, a comma, "and" or "&".
_NAME = r"[^\W\d_][\w'’-]*"
_ONE = rf"(?:(?:{GREETS})\s+)?(?:{TITLE}\.?\s+)?{_NAME}"
_GREETING_LINE = re.compile(rf"\s*(?:{GREETS})\s+(?:{TITLE}\.?\s+)?{_NAME}(?:\s*(?:,|\band\b|&)\s*{_ONE})*\s*[,!:]?\s*",
                            re.IGNORECASE)
_GREETED = re.compile(rf"(?:^|,|\band\b|&)\s*(?:(?:{GREETS})\s+)?(?:{TITLE}\.?\s+)?({_NAME})", re.IGNORECASE)


def greeted_names(body: str) -> list[str]:
    """The names a greeting line of its own addresses, in order; [] when the message opens otherwise (a greeting
    that runs on into a sentence, "Hi Priya, I hope …", is read by GREETING alone)."""
    line = body.strip().splitlines()[0] if body.strip() else ""
    if not GREETING.match(line) or not _GREETING_LINE.fullmatch(line):
        return []
    return [m.group(1) for m in _GREETED.finditer(line.rstrip(" ,!:"))]
# A template slot: brackets, braces, blanks, or a slot's words in a template's Title Case or capitals ("Your Name",
# "INSERT COMPANY"); "I mentioned your name" is English, not a slot.
PLACEHOLDER = re.compile(
    r"\[[^\]\n]{1,40}\]|\{[^}\n]{1,40}\}|<[^>\n]{1,40}>|_{3,}|\bX{2,}\b|"
    r"\b(?:Your Name|Company Name|Recipient'?s? Name|Insert [A-Z][A-Za-z ]+|Name Here|Job Title Here|YOUR NAME|"
    r"COMPANY NAME|INSERT [A-Z ]+|NAME HERE)\b")
URL = re.compile(r"\bhttps?://[^\s)>\]]+|\bwww\.[^\s)>\]]+|\b[a-z0-9-]+\.(?:com|io|org|net|dev|ai|co|ly|me)(?:/[^\s)]*)?\b",
                 re.IGNORECASE)
SLUG = re.compile(r"(?<=[A-Za-z])[-_.](?=[A-Za-z])")  # the joins of a slug or handle ("product-ops", "dele.f")
BARE_DOMAIN = re.compile(r"^[a-z0-9-]+\.[a-z]{2,3}$", re.IGNORECASE)  # no scheme, no www, no path
EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
MONEY = re.compile(r"[$€£¥]\s?\d[\d,.]*\s?[kKmMbB]?\b|\b\d[\d,.]*\s?(?:dollars|usd|eur|euros|pounds|gbp)\b",
                   re.IGNORECASE)
NUMBER = re.compile(r"\b\d[\d,.:/'-]*\d\b|\b\d\b")
DURATION = re.compile(r"^\s*[- ]?(minutes?|mins?|hours?|hrs?|weeks?|days?|months?)\b", re.IGNORECASE)
CAPITALISED = re.compile(r"\b[A-ZÀ-ÖØ-Þ][\w&'’.-]*\w|\b[A-ZÀ-ÖØ-Þ]\b")
ASK_PATTERN = re.compile(
    r"\b(would you|could you|can you|could we|can we|are you open|would it be|would you be|might you|"
    r"let me know if|let me know whether|please (?:let|share|send|consider)|i'd love to|i would love to|"
    r"would love to|is there any chance|do you have (?:time|\d+ minutes)|are you free|happy to hop)\b",
    re.IGNORECASE,
)
# A title's long form: a record's "Capt." grounds "Captain".
TITLE_WORDS = {"capt": "captain", "prof": "professor", "dr": "doctor", "rev": "reverend", "fr": "father",
               "sr": "sister", "col": "colonel", "maj": "major", "lt": "lieutenant", "sgt": "sergeant",
               "hon": "honourable"}
ALWAYS_OK = {
    "a", "i", "i'm", "i’m", "i've", "i'd", "i'll", "hi", "hello", "hey", "dear", "thanks", "thank", "best", "cheers",
    "regards", "sincerely", "warmly", "warm", "all", "linkedin", "ok", "okay", "p.s", "ps", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday", "zoom", "email",
    # where people talk, not a claim about anyone ("the Product Ops Slack", "on Teams")
    "slack", "teams", "whatsapp", "discord", "signal", "congrats", "congratulations",
    "sorry",  # an apology at a sentence's start makes no claim
    # titles: whether one fits the person is the greeting check's business
    "dr", "prof", "professor", "mr", "mrs", "ms", "mx",
    # documents every job search has: written in capitals, no claim about anyone ("my CV", "the PDF")
    "cv", "pdf", "faq", "bio", "id",
    *(greeting.split()[0] for greeting in OTHER_GREETINGS),
}
COMMON_CAPITALISED = set(
    ["it", "would", "could", "can", "we", "you", "thanks", "great", "congrats", "this", "that", "the", "my", "our", "your", "hope", "looking", "just", "quick", "happy", "glad", "lovely", "so", "and", "but", "also", "if", "when", "as", "please", "no", "yes", "let", "how", "what", "do", "did", "are", "is", "was", "were", "have", "has", "had", "will", "may", "might", "should", "since", "after", "before", "during", "not", "nice", "good", "wonderful", "really", "hey", "there", "here", "they", "he", "she", "his", "her", "its", "one", "every", "any", "all", "some", "best", "kind", "warm", "again", "still", "last", "next", "first",
     "shall", "who", "which", "why", "where", "while", "although", "though", "because", "once", "even", "for",
     "from", "in", "on", "at", "to", "with", "about", "over", "perhaps", "maybe", "hearing", "seeing", "reading",
     "thinking", "both", "each", "either", "many", "much", "most", "other", "such", "very", "well", "yet", "now",
     "then", "today", "tomorrow", "yesterday", "sometime", "following", "speaking", "lets", "let's"]
)


@dataclass
class Grounds:
    """What the user knows: the only sources a message may draw facts from."""

    contact: Contact | None = None
    profile: Profile = field(default_factory=Profile)
    request: str = ""
    others: list[Contact] = field(default_factory=list)
    goal: str = ""
    context: str = field(default="", metadata={"doc": "The user's own words about this message (their reason)."})
    facts: list = field(default_factory=list, metadata={"doc": "The contact's facts (coach.crm.facts.kinds.Fact)."})
    reading: Any = field(default=None, metadata={"doc": "The request read into typed parts (RequestReading): the "
                                                        "people to meet, the things to leave out."})
    _others: dict[str, str] | None = field(default=None, repr=False)

    def fact_text(self) -> str:
        parts = [self.request, self.context, self.profile.name, self.profile.headline, self.profile.goals,
                 " ".join(self.profile.target_companies), " ".join(self.profile.target_roles)]
        c = self.contact
        if c:
            parts += [c.name, c.company, c.title, c.location, c.how_we_met, " ".join(c.tags),
                      " ".join(c.emails), c.linkedin_url]
            parts += [n.text for n in c.notes]
            # a channel, tag or handle the notes write as a slug ("[product-ops-collective]", "#wins", "@dele.f")
            parts += [SLUG.sub(" ", n.text) for n in c.notes if SLUG.search(n.text)]
            parts += [f"{i.date:%B %d %Y} {i.date.year} {i.summary}" for i in c.interactions]
            if c.connected_on:
                parts.append(f"{c.connected_on:%B %Y} {c.connected_on.year}")
            parts += [date_words(n.date) for n in c.notes if n.date]
            parts += [date_words(d) for n in c.notes for d in iso_dates(n.text)]  # "## 2025-03-04 Coffee"
            parts += [short_years(n.text) for n in c.notes]  # "kubecon eu 24": 2024
            parts += [date_phrases(t) for t in (c.how_we_met, *(n.text for n in c.notes),
                                                *(i.summary for i in c.interactions))]  # "Oct 2023", "9/14"
            parts += [weekdays(t) for t in (c.how_we_met, *(n.text for n in c.notes))]  # "most Sats": Saturdays
            if c.honorific:  # "Capt. Aldana-Rourke" may be "Captain Aldana-Rourke"
                parts.append(TITLE_WORDS.get(fold(c.honorific).rstrip("."), ""))
        parts += [f"{f.phrase} {date_words(f.date)}" for f in self.facts if not getattr(f, "hidden", False)]
        parts.append(date_phrases(f"{self.request} {self.context}"))
        parts += [day_months(p) for p in list(parts) if p]  # "nov 17", "03/06": the day and its month
        parts += [spoken_numbers(p) for p in list(parts) if p]  # a dictated "eighteen forty one": 1841
        parts += [scaled_numbers(p) for p in list(parts) if p]  # "50k": 50,000
        parts += [unit_numbers(p) for p in list(parts) if p]  # "1.8m": 1.8
        return fold("\n".join(p for p in parts if p))

    def language(self, text: str) -> str:
        """The language other than English that `text` is written in, when the user asked for it or allowed it
        ("spanish is fine"); '' otherwise (coach.checks.language)."""
        return allowed_language(text, self.reading.language if self.reading is not None else "",
                                f"{self.request} {self.context}")

    def others_table(self) -> dict[str, str]:
        """Folded name or company of every other contact -> how it is written (built once per Grounds)."""
        if self._others is None:
            own_id = self.contact.id if self.contact else None
            table: dict[str, str] = {}
            for other in self.others:
                if own_id is not None and other.id == own_id:
                    continue
                for value in (other.name, other.company):
                    key = " ".join(words(value))
                    if len(key) >= 3 and fold(key) not in ALWAYS_OK and key not in STOPWORDS:
                        table.setdefault(key, value)
            self._others = table
        return self._others

    def trusted_text(self) -> str:
        """Where links, emails and money may come from: the user's own words and the contact's own address."""
        parts = [self.request, self.context, self.profile.name, self.profile.headline, self.profile.goals]
        if self.contact:
            parts += [" ".join(self.contact.emails), self.contact.linkedin_url]
        return fold("\n".join(p for p in parts if p))

    def history_words(self) -> set[str]:
        """Distinctive words of the shared history: notes, how we met, interactions — not their name,
        employer or title (anyone could write "your work at Stripe")."""
        c = self.contact
        if not c:
            return set()
        text = " ".join([c.how_we_met, *(n.text for n in c.notes), *(i.summary for i in c.interactions)])
        own = set(words(f"{c.name} {c.company} {c.title}"))
        # their employer is shared history when a fact from the notes says we were there together
        # ("my team lead at Fjordline"): then "working with you at Fjordline" is no line anyone could write
        together = " ".join(f.phrase for f in self.facts if not getattr(f, "hidden", False)
                            and not str(getattr(f, "source", "")).startswith("field:")
                            and f.kind in ("worked-together", "role", "met-at"))
        own -= set(words(together)) - set(words(f"{c.name} {c.title}"))
        text = URL.sub(" ", EMAIL.sub(" ", text))
        return {w for w in words(text) if (len(w) >= 4 or w.isdigit()) and w not in STOPWORDS and w not in own
                and w not in GENERIC_HISTORY}

    def history_names(self) -> set[str]:
        """The names in the shared history and the user's reason (events, products, teams: "Config",
        "Connect"), folded; not the contact's own name. A draft that keeps them is the more specific one."""
        c = self.contact
        parts = [self.context, self.request, *([c.how_we_met, *(n.text for n in c.notes), *(i.summary for i in c.interactions)]
                                 if c else [])]
        own = set(words(c.name)) if c else set()
        # each part read as if mid-sentence: "Config 2023 design-systems workshop" starts with a name
        return {w for p in parts if p for w in proper_words("and " + URL.sub(" ", EMAIL.sub(" ", p)))
                if w not in own}

    def has_history(self) -> bool:
        """Whether the user told us anything shared with this person (more than where they work)."""
        return bool(self.history_words())

    def sources(self) -> list[str]:
        """Each fact on its own (folded), so that a claim can be checked against one fact at a time."""
        out = [self.context, self.request, self.profile.name, self.profile.headline, self.profile.goals,
               *self.profile.target_companies, *self.profile.target_roles]
        c = self.contact
        if c:
            out += [c.name, c.headline(), c.company, c.title, c.location, c.how_we_met, *c.tags,
                    *(n.text for n in c.notes),
                    *(f"{i.date:%B %d %Y} {i.date.year} {i.summary}" for i in c.interactions)]
            if c.connected_on:
                out.append(f"{c.connected_on:%B %Y} {c.connected_on.year}")
            out += [f"{n.text} {date_words(n.date)} {' '.join(date_words(d) for d in iso_dates(n.text))} "
                    f"{date_phrases(n.text)}" for n in c.notes if n.date]
        out += [f"{f.phrase} {date_words(f.date)}" for f in self.facts if not getattr(f, "hidden", False)]
        # a day keeps its month whichever way the source writes it ("week of nov 17" holds "17 November")
        return [fold(f"{t} {day_months(t)}") for t in out if t]


# Words in a note that say nothing shared ("works at", "is a"): they do not make a message personal.
GENERIC_HISTORY = frozenset(
    "works working work based lives team company role title currently employed".split()
)


def _supported(phrase: str, facts: str) -> bool:
    f = fold(phrase).strip(".'’-")
    if not f or f in ALWAYS_OK:
        return True
    if has_word(f, facts):
        return True
    if len(f) == 1 and f.isalpha():  # a lone initial ("the U of M" for the University of Minnesota)
        return re.search(rf"\b{re.escape(f)}\w", facts) is not None
    bare = phrase.strip(".'’-")
    if bare.isupper() and bare.isalpha() and 3 <= len(bare) <= 5 and _initials(bare, facts):
        return True  # an acronym of words the notes write out ("BRT" for "bus rapid transit")
    parts = [w for w in words(f) if w not in STOPWORDS and w not in ALWAYS_OK]
    if parts and all(_word_supported(p, facts) for p in parts):
        return True
    # the same words written shorter: a compound of words the facts write out ("MechEng"), or a name the
    # notes abbreviate ("Facilities Mgr")
    tokens = [t for t in bare.split() if fold(t).strip(".,'’-") not in STOPWORDS | ALWAYS_OK]
    if tokens and all(_word_supported(fold(t).strip(".,'’-"), facts) or compound_of(t, facts) for t in tokens):
        return True
    return written_shorter(f, facts) or _spelt_out(tokens, facts)


def _spelt_out(tokens: list[str], facts: str) -> bool:
    """A name that spells out what the facts abbreviate ("South West Food" for the note's "SW Food"): a run of two
    or more of its words whose initials the facts write as one word, and every other word supported."""
    for i in range(len(tokens)):
        for j in range(i + 2, len(tokens) + 1):
            short = "".join(t[:1] for t in tokens[i:j]).lower()
            if short.isalpha() and short not in STOPWORDS and has_word(short, facts) and all(
                    _word_supported(fold(t).strip(".,'’-"), facts) for t in tokens[:i] + tokens[j:]):
                return True
    return False


def _initials(acronym: str, facts: str) -> bool:
    """Whether an acronym ("BRT") stands for words the facts write out in a row ("bus rapid transit")."""
    letters = fold(acronym)
    return re.search(r"\b" + r"\w{2,}[\s-]+".join(re.escape(ch) for ch in letters) + r"\w{2,}\b", facts) is not None


def _word_supported(word: str, facts: str) -> bool:
    """One word of a claim: as written, without a possessive ("Verdant's"), or each part of a hyphenated pair
    ("Paris-Douala" where the note says "Paris to Douala")."""
    if has_word(word, facts):
        return True
    bare = without_possessive(word)
    if bare != word and has_word(bare, facts):
        return True
    if bare.endswith("s") and len(bare) > 4 and has_word(bare[:-1], facts):
        return True  # a plural of a name the notes use ("the Effies" for "the Effie Awards")
    pieces = [p for p in bare.split("-") if p]
    if len(pieces) > 1:
        return all(p in STOPWORDS or has_word(p, facts) for p in pieces)
    # one word a dictated note writes as two ("Rivermouth" for "river mouth"), each part a word of three letters or more
    return bare.isalpha() and len(bare) >= 7 and any(has_word(f"{bare[:i]} {bare[i:]}", facts)
                                                     for i in range(3, len(bare) - 2))


def proper_words(text: str, numbers: bool = False) -> set[str]:
    """Folded capitalised words (and, with `numbers`, numbers) that are not a sentence's first word nor a
    common word: the names and events a line speaks of."""
    pattern = r"(?<!^)(?<![.!?] )\b(?:[A-Z][\w-]{2,}" + (r"|\d[\d,.]*)" if numbers else ")")
    return {fold(w) for w in re.findall(pattern, text.strip())
            if fold(w) not in COMMON_CAPITALISED and fold(w) not in ALWAYS_OK}


LIST_MARK = re.compile(r"(^|\n)[ \t]*\d{1,2}[.)][ \t]+(?=\S)")


def claims(text: str) -> list[tuple[str, str]]:
    """(kind, text) of every checkable claim: links, emails, money, numbers, proper names."""
    found: list[tuple[str, str]] = []
    masked = text
    for kind, pattern in (("email", EMAIL), ("link", URL), ("money", MONEY)):
        for m in pattern.finditer(masked):
            found.append((kind, m.group(0).rstrip(".,;:!?")))
        masked = pattern.sub(" ", masked)
    masked = LIST_MARK.sub(r"\1- ", masked)  # "1. The price", "2) The lead time": a list's order, no claim
    for m in NUMBER.finditer(masked):
        if not DURATION.match(masked[m.end():]):
            year = len(m.group(0)) == 2 and masked[max(0, m.start() - 1):m.start()] in ("'", "’")
            found.append(("number", f"'{m.group(0)}" if year else m.group(0)))  # "class of '12": a year
    masked = GREETING.sub(lambda m: m.group(0) + ".", masked)  # the word after "Hi Priya," starts a sentence
    # … and so does a subject's word after a reply mark or a colon ("Re: Introduction: Lucía and Obinna")
    first, nl, rest = masked.partition("\n")
    masked = re.sub(r":\s+(?=[A-Z])", ". ", re.sub(r"^\s*(?:re|fwd?|aw)\s*:\s*", "", first, flags=re.IGNORECASE)) + nl + rest
    # … and so does a line's first word after a list mark ("In short:\n- Around six of our graduates")
    masked = re.sub(r"\n[ \t]*(?:[-*•·–]|\d{1,2}[.)])[ \t]+", ".\n", masked)
    names: list[tuple[list[str], bool]] = []  # each run of capitalised words, and whether it opens its sentence
    for sentence in sentences(masked):
        tokens = list(CAPITALISED.finditer(sentence))
        phrase: list[str] = []
        opens = False
        last_end = -1
        for i, tok in enumerate(tokens):
            word = tok.group(0)
            initial = i == 0 and tok.start() == len(sentence) - len(sentence.lstrip())
            if phrase and tok.start() - last_end <= 1:
                phrase.append(word)
            else:
                if phrase:
                    names.append((phrase, opens))
                phrase, opens = ([] if (initial and not word.isupper()) else [word]), False
                if initial and not word.isupper():
                    # a sentence's first word counts only as the start of a multi-word name
                    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
                    if nxt and nxt.start() - tok.end() <= 1 and fold(word) not in ALWAYS_OK:
                        phrase, opens = [word], True
            last_end = tok.end()
        if phrase:
            names.append((phrase, opens))
    for parts, opens in names:  # trim common words off a run's ends: "Could I" is no name, "Thanks Priya" is Priya
        trimmed = list(parts)
        while trimmed and (_common(trimmed[0])):
            trimmed.pop(0)
        while trimmed and (fold(trimmed[-1]) in COMMON_CAPITALISED or fold(trimmed[-1]) in ALWAYS_OK):
            trimmed.pop()
        if opens and len(trimmed) > 1 and trimmed[0] == parts[0] and everyday(trimmed[0]):
            trimmed.pop(0)  # "Newer PD here.": a sentence's everyday first word before a name is not part of it
        # a sentence's first word left alone once the common words after it are gone ("Whenever I", "Later
        # we") is a word like any other at a sentence's start, not a name
        if not trimmed or (opens and trimmed == parts[:1]):
            continue
        found.append(("name", " ".join(trimmed)))
    return found


def _common(word: str) -> bool:
    """A capitalised word that names nothing: a common word, or one contracted ("It's", "That's", "I'm")."""
    w = fold(word)
    head = re.split(r"['’]", w)[0]
    return w in COMMON_CAPITALISED or w in ALWAYS_OK or (head != w and (head in COMMON_CAPITALISED or
                                                                         head in ALWAYS_OK))


def unsupported_claims(text: str, grounds: Grounds) -> list[str]:
    facts, trusted = grounds.fact_text(), grounds.trusted_text()
    noted: set[str] | None = None
    bad: list[str] = []
    # in a language the user asked for, capital letters mark nouns ("Weihnachten", "Brief"): only numbers, dates,
    # amounts, links and addresses are claims to check
    other_language = bool(grounds.language(text))
    for kind, value in claims(text):
        if other_language and kind == "name":
            continue
        # a bare domain is a name the notes may use ("the fast.ai course"), and an amount the notes state
        # ("raised $12M") is theirs to say; a link or an email address only ever from the user's own words
        if kind == "link" and BARE_DOMAIN.match(value) or kind == "money":
            ok = _supported(value, trusted) or _supported(value, facts)
        else:
            ok = _supported(value, trusted) if kind in ("email", "link") else _supported(value, facts)
        if not ok and kind == "link":  # a note's link the user's words point at, or someone's own page
            c = grounds.contact
            noted = noted if noted is not None else noted_links(
                [n.text for n in c.notes] if c else [], f"{grounds.request} {grounds.context}", grounds.profile.name, URL)
            ok = fold(value) in noted
        forms = claim_forms(kind, value)  # "Sept" as "september", "2015-2017" as its two years
        if not ok and forms:
            ok = all(_supported(f, facts) for f in forms)
        if not ok and kind == "name":  # "Warsaw" where the notes write "Warszawa"
            ok = any(_supported(n, facts) for n in other_names(value))
        if not ok and value not in bad:
            bad.append(value)
    return bad


def other_contact_mentions(text: str, grounds: Grounds) -> list[str]:
    """Names and companies of *other* contacts that appear in the message and not in this contact's facts."""
    table = grounds.others_table()
    if not table:
        return []
    tokens = words(text)
    own = grounds.fact_text()
    hits: list[str] = []
    for size in range(1, 6):
        for i in range(len(tokens) - size + 1):
            original = table.get(" ".join(tokens[i:i + size]))
            if original and original not in hits and not _supported(original, own):
                hits.append(original)
    return hits


