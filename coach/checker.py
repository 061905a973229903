"""The message checker: every draft passes through it, and so can the user's own messages.

Each check returns pass/fail with a detail and a suggestion; hard checks gate
what the coach may show (channel limit, placeholders, unsupported claims,
another contact's facts, a wrong name). Grounding is literal: every name,
organisation, event, date, number, link and email address in the message must
appear in what the user told us (the contact record, their notes and history,
the user's profile, or the request itself). Links, email addresses and money
are stricter: a contact *note* is data, not an instruction, so they count only
when the user supplied them in the request or profile, or as the contact's own
address.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from coach.domain import Contact, Profile
from coach.messages import CheckReport, CheckResult
from coach.readability import grade as readability_grade

LINKEDIN_MESSAGE_LIMIT = 1900
EMAIL_WORDS = (25, 150)
EMAIL_IDEAL = (50, 125)
SUBJECT_WORDS = (2, 8)
SUBJECT_CHARS = 60
MAX_GRADE = 8.0

WEIGHTS = {
    "length": 20, "subject": 5, "ask": 15, "personalization": 15, "grounding": 20,
    "other-contacts": 5, "placeholders": 10, "stock-phrases": 5, "greeting": 5, "readability": 5,
}

STOCK_PHRASES = (
    "i hope this message finds you well", "i hope this email finds you well", "hope this finds you well",
    "i came across your profile", "i stumbled upon your profile", "to whom it may concern",
    "allow me to introduce myself", "my name is", "i am writing to", "i wanted to reach out",
    "i hope you are doing well", "i hope you're doing well", "i hope all is well",
)
GREETING = re.compile(r"^\s*(hi|hello|hey|dear|good morning|good afternoon)\s+([A-Za-zÀ-ÿ'’-]+)", re.IGNORECASE)
PLACEHOLDER = re.compile(
    r"\[[^\]\n]{1,40}\]|\{[^}\n]{1,40}\}|<[^>\n]{1,40}>|_{3,}|\bX{2,}\b|"
    r"\b(your name|company name|recipient'?s? name|insert [a-z ]+|name here|job title here)\b",
    re.IGNORECASE,
)
URL = re.compile(r"\bhttps?://[^\s)>\]]+|\bwww\.[^\s)>\]]+|\b[a-z0-9-]+\.(?:com|io|org|net|dev|ai|co|ly|me)(?:/[^\s)]*)?\b",
                 re.IGNORECASE)
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
ALWAYS_OK = {
    "i", "i'm", "i’m", "i've", "i'd", "i'll", "hi", "hello", "hey", "dear", "thanks", "thank", "best", "cheers",
    "regards", "sincerely", "warmly", "warm", "all", "linkedin", "ok", "okay", "p.s", "ps", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday", "zoom", "email", "congrats", "congratulations",
}
COMMON_CAPITALISED = set(
    ["it", "would", "could", "can", "we", "you", "thanks", "great", "congrats", "this", "that", "the", "my", "our", "your", "hope", "looking", "just", "quick", "happy", "glad", "lovely", "so", "and", "but", "also", "if", "when", "as", "please", "no", "yes", "let", "how", "what", "do", "did", "are", "is", "was", "were", "have", "has", "had", "will", "may", "might", "should", "since", "after", "before", "during", "not", "nice", "good", "wonderful", "really", "hey", "there", "here", "they", "he", "she", "his", "her", "its", "one", "every", "any", "all", "some", "best", "kind", "warm", "again", "still", "last", "next", "first"]
)
STOPWORDS = set(
    ["a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "for", "from", "had", "has", "have", "he", "her", "his", "i", "if", "in", "into", "is", "it", "its", "me", "my", "of", "on", "or", "our", "she", "so", "that", "the", "their", "them", "they", "this", "to", "was", "we", "were", "what", "when", "where", "which", "who", "will", "with", "you", "your", "about", "after", "also", "just", "more", "most", "very", "some", "any", "than", "then", "there", "these", "those", "would", "could", "should", "can", "may", "might", "our", "us"]
)


def fold(text: str) -> str:
    """Case- and accent-insensitive form for matching."""
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch)).casefold().replace("’", "'")


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9][a-z0-9'+#.-]*[a-z0-9]|[a-z0-9]", fold(text))


def sentences(text: str) -> list[str]:
    """Split into sentences, keeping line breaks as boundaries (greetings, sign-offs)."""
    out: list[str] = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        out.extend(s.strip() for s in re.split(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])", line) if s.strip())
    return out


@dataclass
class Grounds:
    """What the user knows: the only sources a message may draw facts from."""

    contact: Contact | None = None
    profile: Profile = field(default_factory=Profile)
    request: str = ""
    others: list[Contact] = field(default_factory=list)
    _others: dict[str, str] | None = field(default=None, repr=False)

    def fact_text(self) -> str:
        parts = [self.request, self.profile.name, self.profile.headline, self.profile.goals,
                 " ".join(self.profile.target_companies), " ".join(self.profile.target_roles)]
        c = self.contact
        if c:
            parts += [c.name, c.company, c.title, c.location, c.how_we_met, " ".join(c.tags),
                      " ".join(c.emails), c.linkedin_url]
            parts += [n.text for n in c.notes]
            parts += [f"{i.date:%B %d %Y} {i.date.year} {i.summary}" for i in c.interactions]
            if c.connected_on:
                parts.append(f"{c.connected_on:%B %Y} {c.connected_on.year}")
        return fold("\n".join(p for p in parts if p))

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
        parts = [self.request, self.profile.name, self.profile.headline, self.profile.goals]
        if self.contact:
            parts += [" ".join(self.contact.emails), self.contact.linkedin_url]
        return fold("\n".join(p for p in parts if p))

    def history_words(self) -> set[str]:
        """Distinctive words from the contact's notes, how we met, and interactions."""
        c = self.contact
        if not c:
            return set()
        text = " ".join([c.how_we_met, *(n.text for n in c.notes), *(i.summary for i in c.interactions)])
        own = set(words(c.name))
        text = URL.sub(" ", EMAIL.sub(" ", text))
        return {w for w in words(text) if (len(w) >= 4 or w.isdigit()) and w not in STOPWORDS and w not in own}


def _supported(phrase: str, facts: str) -> bool:
    f = fold(phrase).strip(".'’-")
    if not f or f in ALWAYS_OK:
        return True
    if re.search(r"(?<![a-z0-9])" + re.escape(f) + r"(?![a-z0-9])", facts):
        return True
    parts = [w for w in words(f) if w not in STOPWORDS and w not in ALWAYS_OK]
    return bool(parts) and all(re.search(r"(?<![a-z0-9])" + re.escape(p) + r"(?![a-z0-9])", facts) for p in parts)


def claims(text: str) -> list[tuple[str, str]]:
    """(kind, text) of every checkable claim: links, emails, money, numbers, proper names."""
    found: list[tuple[str, str]] = []
    masked = text
    for kind, pattern in (("email", EMAIL), ("link", URL), ("money", MONEY)):
        for m in pattern.finditer(masked):
            found.append((kind, m.group(0).rstrip(".,;:!?")))
        masked = pattern.sub(" ", masked)
    for m in NUMBER.finditer(masked):
        if not DURATION.match(masked[m.end():]):
            found.append(("number", m.group(0)))
    masked = GREETING.sub(lambda m: m.group(0) + ".", masked)  # the word after "Hi Priya," starts a sentence
    for sentence in sentences(masked):
        tokens = list(CAPITALISED.finditer(sentence))
        phrase: list[str] = []
        last_end = -1
        for i, tok in enumerate(tokens):
            word = tok.group(0)
            initial = i == 0 and tok.start() == len(sentence) - len(sentence.lstrip())
            if phrase and tok.start() - last_end <= 1:
                phrase.append(word)
            else:
                if phrase:
                    found.append(("name", " ".join(phrase)))
                phrase = [] if (initial and not word.isupper()) else [word]
                if initial and not word.isupper():
                    # a sentence's first word counts only as the start of a multi-word name
                    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
                    if nxt and nxt.start() - tok.end() <= 1 and fold(word) not in ALWAYS_OK:
                        phrase = [word]
            last_end = tok.end()
        if phrase:
            found.append(("name", " ".join(phrase)))
    out: list[tuple[str, str]] = []
    for kind, value in found:
        if kind == "name":  # trim common words off a phrase's ends: "Could I" is no name, "Thanks Priya" is Priya
            parts = value.split(" ")
            while parts and (fold(parts[0]) in COMMON_CAPITALISED or fold(parts[0]) in ALWAYS_OK):
                parts.pop(0)
            while parts and (fold(parts[-1]) in COMMON_CAPITALISED or fold(parts[-1]) in ALWAYS_OK):
                parts.pop()
            if not parts:
                continue
            value = " ".join(parts)
        out.append((kind, value))
    return out


def unsupported_claims(text: str, grounds: Grounds) -> list[str]:
    facts, trusted = grounds.fact_text(), grounds.trusted_text()
    bad: list[str] = []
    for kind, value in claims(text):
        ok = _supported(value, trusted) if kind in ("email", "link", "money") else _supported(value, facts)
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


def ask_sentences(text: str) -> list[str]:
    return [s for s in sentences(text) if s.rstrip().endswith("?") or ASK_PATTERN.search(s)]


def channel_limit(channel: str, premium: bool = False) -> int | None:
    if channel == "linkedin-note":
        return 300 if premium else 200
    if channel == "linkedin-message":
        return LINKEDIN_MESSAGE_LIMIT
    return None


def check_message(body: str, channel: str, grounds: Grounds, subject: str = "", premium: bool = False) -> CheckReport:
    """Score a message on every check; see the module docstring for what each means."""
    checks: list[CheckResult] = []
    body = body.strip()
    n_chars, n_words = len(body), len(body.split())

    limit = channel_limit(channel, premium)
    if channel == "email":
        ok = EMAIL_WORDS[0] <= n_words <= EMAIL_WORDS[1]
        ideal = EMAIL_IDEAL[0] <= n_words <= EMAIL_IDEAL[1]
        checks.append(CheckResult(
            name="length", passed=ok, hard=True,
            detail=f"{n_words} words (email bodies: {EMAIL_WORDS[0]}-{EMAIL_WORDS[1]}, ideally "
                   f"{EMAIL_IDEAL[0]}-{EMAIL_IDEAL[1]})" + ("" if ideal or not ok else "; outside the ideal range"),
            suggestion="" if ok else ("Cut it to one short paragraph and the ask." if n_words > EMAIL_WORDS[1]
                                      else "Add one sentence of context: why them, why now."),
        ))
        sw = len(subject.split())
        ok = SUBJECT_WORDS[0] <= sw <= SUBJECT_WORDS[1] and len(subject) < SUBJECT_CHARS
        checks.append(CheckResult(
            name="subject", passed=ok, hard=True,
            detail=f"subject has {sw} words, {len(subject)} characters (2-8 words, under 60)" if subject
            else "no subject line",
            suggestion="" if ok else "Write a specific 2-8 word subject, e.g. 'Quick question about the data team'.",
        ))
    else:
        ok = limit is None or n_chars <= limit
        checks.append(CheckResult(
            name="length", passed=ok, hard=True, detail=f"{n_chars}/{limit} characters",
            suggestion="" if ok else f"Cut {n_chars - (limit or 0)} characters: keep the hook and the ask.",
        ))

    asks = ask_sentences(body)
    checks.append(CheckResult(
        name="ask", passed=len(asks) == 1,
        detail=f"one clear ask: “{asks[0]}”" if len(asks) == 1 else f"{len(asks)} asks found",
        suggestion="" if len(asks) == 1 else ("End with one specific, easy-to-answer request." if not asks
                                              else "Keep one ask; several make it harder to say yes."),
    ))

    history = grounds.history_words()
    used = sorted(history & set(words(body)))
    if grounds.contact is None:
        checks.append(CheckResult(name="personalization", passed=False, detail="no contact given to personalise for",
                                  suggestion="Name the recipient (--to) so the message can be checked against what you know."))
    else:
        checks.append(CheckResult(
            name="personalization", passed=bool(used),
            detail=f"uses what you know: {', '.join(used[:5])}" if used else "nothing specific to this person",
            suggestion="" if used else "Mention something from your notes: where you met, what you talked about.",
        ))

    bad = unsupported_claims(f"{subject}\n{body}", grounds)
    checks.append(CheckResult(
        name="grounding", passed=not bad, hard=True,
        detail="every name, date, number and link is supported" if not bad
        else f"unsupported: {', '.join(bad[:6])}",
        suggestion="" if not bad else "Remove or correct details that are not in your notes or request.",
    ))
    others = other_contact_mentions(f"{subject}\n{body}", grounds)
    checks.append(CheckResult(
        name="other-contacts", passed=not others, hard=True,
        detail="no other contact's details" if not others else f"mentions another contact's details: {', '.join(others)}",
        suggestion="" if not others else "Remove details that belong to someone else.",
    ))

    holders = [m.group(0) for m in PLACEHOLDER.finditer(f"{subject}\n{body}")]
    checks.append(CheckResult(
        name="placeholders", passed=not holders, hard=True,
        detail="no placeholders" if not holders else f"placeholders: {', '.join(holders[:4])}",
        suggestion="" if not holders else "Replace every placeholder with the real detail, or drop it.",
    ))

    stock = [p for p in STOCK_PHRASES if p in fold(body)]
    checks.append(CheckResult(
        name="stock-phrases", passed=not stock,
        detail="no stock phrases" if not stock else f"stock phrase: “{stock[0]}”",
        suggestion="" if not stock else "Open with something only you could say to this person.",
    ))

    first = grounds.contact.first_name if grounds.contact else ""
    greeting = GREETING.match(body)
    if greeting and first and fold(greeting.group(2)) != fold(first):
        checks.append(CheckResult(name="greeting", passed=False, hard=True,
                                  detail=f"addressed to {greeting.group(2)}, but this is {first}",
                                  suggestion=f"Address it to {first}."))
    else:
        ok = bool(greeting) and (not first or fold(greeting.group(2)) == fold(first))
        checks.append(CheckResult(
            name="greeting", passed=ok,
            detail=f"addressed to {greeting.group(2)}" if greeting else "no greeting",
            suggestion="" if ok else f"Start with 'Hi {first or 'and their first name'},'.",
        ))

    grade = readability_grade(body)
    checks.append(CheckResult(
        name="readability", passed=grade <= MAX_GRADE,
        detail=f"Flesch-Kincaid grade {grade:.1f} (aim for {MAX_GRADE:.0f} or lower)",
        suggestion="" if grade <= MAX_GRADE else "Use shorter sentences and plainer words.",
    ))

    total = sum(WEIGHTS[c.name] for c in checks)
    got = sum(WEIGHTS[c.name] for c in checks if c.passed)
    return CheckReport(score=round(100 * got / total), checks=checks, unsupported=bad)
