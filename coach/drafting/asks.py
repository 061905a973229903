"""Asks and frames: the goal's one ask (with the role, person or duration from the request as data), the
subject, the email line, the greeting and sign-off, and the honest opener for a contact with no shared history."""

from __future__ import annotations

import re

from coach.checks import checker, grammar
from coach.core.domain import HONORIFICS
from coach.core.jobs import JOB_WORDS
from coach.core.text import content_words, fold, stem
from coach.drafting.brief import Brief
from coach.drafting.dates import date_sentence
from coach.drafting.envelope import dash_sign_off
from coach.drafting.offers import INTRODUCTION, offer_sentence
from coach.drafting.openers import Opener
from coach.drafting.part_lines import sentences as request_lines
from coach.drafting.phrasing import register
from coach.drafting.wants import JOB_NOUNS, ask_from


def _own_ask(brief: Brief) -> str:
    """The ask the user's words give (their question, their meeting), when it keeps the goal's marker and the
    grammar; '' otherwise."""
    own = ask_from(brief.reading.parts, brief.goal)
    spec = brief.spec()  # a goal with its own opener ("Congratulations on the news!") says its marker there
    marker = "" if spec.get("opener") else spec.get("marker", "")
    if not own or not grammar.ok(own, brief.names()) or (marker and not re.search(rf"\b(?:{marker})", fold(own))):
        return ""
    return own


def asks_nothing(brief: Brief) -> bool:
    """Whether the message makes no ask: the user said so, or the goal asks nothing of its own (a thank-you, a
    congratulation) and the user gave no ask."""
    if checker.said_no_ask(brief.reading.avoid):
        return True
    return bool(brief.spec().get("no_ask")) and not _own_ask(brief)


def inline(sentence: str, names: set[str] | frozenset[str] = frozenset()) -> str:
    """A sentence that follows 'Hi Priya,' on the same line starts in lower case, unless it starts with a name,
    'I' or an acronym."""
    first = sentence.split(" ", 1)[0]
    bare = first.rstrip("!,.:;?")
    if re.match(r"I(?:['’]\w+)?$", bare) or bare in names or (len(bare) > 1 and bare.isupper()):
        return sentence
    if fold(bare) in names and fold(bare) not in checker.COMMON_CAPITALISED:
        return sentence
    return sentence[0].lower() + sentence[1:]


def ask_for(brief: Brief, short: bool = False, with_reason: bool = False, again: bool = False) -> str:
    """The goal's one ask, and after it when the user is free (their availability), where there is room."""
    ask = _the_ask(brief, short, with_reason, again)
    free = next((p for p in brief.reading.parts if p.kind == "availability"), None)
    first = next((p for p in brief.reading.parts if p.kind == "date" and p.extra == "the first one"), None)
    tail = " ".join(x for x in (offer_sentence(free) if free else "", date_sentence(first) if first else "") if x) \
        if ask and not (short and brief.limit is not None) else ""
    return f"{ask} {tail}" if tail and grammar.ok(tail, brief.names()) else ask


def _the_ask(brief: Brief, short: bool = False, with_reason: bool = False, again: bool = False) -> str:
    """The goal's one ask. What the user asked about goes in it as data: the role they want a referral for,
    the person they want to meet; an introduction with no one named is the user introducing themselves.
    `again` (another version) asks the same in the goal's other words (`ask_again`), where it has them."""
    spec = brief.spec()
    parts = brief.reading.parts
    if asks_nothing(brief):
        return ""
    own = _own_ask(brief)
    if own and (not short or brief.limit is None or len(own) <= 110):
        return own
    if spec.get("ask_offered") and offers_introduction(brief):
        return spec["ask_offered"]
    if spec.get("ask_offer") and not again and any(p.kind == "their-offer" and p.extra.split(" ")[0] in (
            "offered", "promised", "agreed", "said") for p in parts):  # not what they asked the user to do
        return spec["ask_offer"]  # "You offered to send me your template …": whether that still stands
    role = _role_part(brief).text if _role_part(brief) else ""
    person = next((p.text for p in parts if p.kind == "person"), "")
    if brief.goal == "introduction" and not person and spec.get("ask_self"):
        return spec["ask_self_short"] if short else spec["ask_self"]
    if role and spec.get("ask_role"):
        line = spec["ask_role"].format(role=role.rstrip(".,;"))
        if grammar.ok(line, brief.names()) and (not short or brief.limit is None or len(line) <= 110):
            return line
    if person and spec.get("ask_person"):
        line = spec["ask_person"].format(person=person.rstrip(".,;"))
        if grammar.ok(line, brief.names()) and (not short or len(line) <= 110):
            return line
    if again and spec.get("ask_again") and not (short and brief.limit is not None and len(spec["ask_again"]) > 110):
        return spec["ask_again"]
    if short:
        return spec["ask_short"]
    if with_reason and spec.get("ask_with_reason"):
        return spec["ask_with_reason"]
    if brief.contact.company and "{company}" in spec["ask"]:
        return spec["ask"].format(company=brief.contact.company, first=brief.first)
    return spec["ask_plain"].format(first=brief.first)


# A thing named that is an opening ("the product manager role on the Connect team"): a referral asks about it.
OPENING = re.compile(r"\b(?:role|position|opening|job|posting|vacancy|req|requisition|opportunity)\b", re.IGNORECASE)


def _role_part(brief: Brief):
    """The role a referral is for: a role part, or for a referral a thing named that is an opening."""
    parts = brief.reading.parts
    role = next((p for p in parts if p.kind == "role"), None)
    if role is None and brief.goal == "referral":
        role = next((p for p in parts if p.kind == "topic" and OPENING.search(p.text)), None)
    return role


def in_ask(brief: Brief) -> tuple[str, ...]:
    """The kinds of the user's request the goal's ask carries as data (the role, the person to meet)."""
    spec = brief.spec()
    own = ("meet", "ask") if _own_ask(brief) else ()
    own += ("availability", "first-date") if not asks_nothing(brief) else ()  # said after the ask
    role = _role_part(brief)
    return own + ((role.kind,) if role is not None and spec.get("ask_role") else ()) + \
        (("person",) if spec.get("ask_person") and any(p.kind == "person" for p in brief.reading.parts) else ())


def reason_lines(brief: Brief) -> str:
    """The user's reason as sentences to the person, less what the ask says and the parting wish."""
    return " ".join(request_lines(brief.reading, brief.goal, brief.contact, skip=(*in_ask(brief), *PARTING)))


# What the user asks to wish them at the end ("wish her luck with the keynote") or to tell them last ("no rush to
# reply"): said after the ask or closing line.
PARTING = ("luck", "parting")


def parting_line(brief: Brief) -> str:
    """The parting wish the user asked for, as a sentence to the person; '' for none."""
    wishes = [p for p in brief.reading.parts if p.kind in PARTING]
    return " ".join(request_lines(brief.reading.model_copy(update={"parts": wishes}), brief.goal, brief.contact)) \
        if wishes else ""


def subject_for(brief: Brief) -> str:
    """The goal's subject; a congratulation or a thank-you names its thing when the user named a short one."""
    spec = brief.spec()
    if brief.reading.subject:
        return brief.reading.subject
    kind, frame_ = {"congratulations": ("news", "Congratulations on {x}"),
                    "thank-you": ("thanks", "Thank you for {x}")}.get(brief.goal, ("", ""))
    thing = next((p for p in brief.reading.parts if p.kind == kind and not p.extra), None)
    if thing and len(thing.text.split()) <= 5 and grammar.ok(frame_.format(x=thing.text) + ".", brief.names()):
        return frame_.format(x=thing.text)
    if spec.get("subject_offered") and offers_introduction(brief):
        return spec["subject_offered"]
    if brief.contact.company and "{company}" in spec["subject"]:
        return spec["subject"].format(company=brief.contact.company)
    return spec["subject_plain"]


def offers_introduction(brief: Brief) -> bool:
    """The user offers to introduce them to someone ("offer Rachel an intro to Lola Brennan")."""
    return any(p.kind == "offer" and p.extra == INTRODUCTION for p in brief.reading.parts)


def email_line(brief: Brief) -> str:
    """The goal's one extra sentence for an email, with the contact's headline when we know it; an introduction
    with no one named to meet (the user introducing themselves) has no blurb to forward, so none."""
    spec = brief.spec()
    if brief.goal == "introduction" and (offers_introduction(brief) or spec.get("ask_self") and not any(
            p.kind == "person" for p in brief.reading.parts)):
        return ""
    headline = brief.contact.headline()
    line = spec["email_line"].format(headline=headline) if headline else spec["email_line_plain"]
    # what the user offers or sends already says it ("offer a short blurb about my firm he can pass on")
    said = {_SAME_THING.get(stem(w), stem(w)) for p in brief.reading.parts if p.kind in ("offer", "sending")
            for w in [*content_words(p.text), *re.findall(r"\bcv\b", fold(p.text))]}  # "my CV": two letters
    wrote = {_SAME_THING.get(stem(w), stem(w)) for w in content_words(line)}
    # the CV sent already: "happy to send my resume" would offer it again
    return "" if len(said & wrote) >= 2 or said & wrote & {"cv"} else line


# Words for the one thing an email may enclose.
_SAME_THING = {"resum": "cv", "resume": "cv", "résumé": "cv", "cv": "cv"}


def sender_name(name: str) -> str:
    """The user's first name for the sign-off, without a title ("Dr. Ada Obi" signs "Ada")."""
    parts = (name or "").split()
    if not parts:
        return ""
    if fold(parts[0]).rstrip(".") in HONORIFICS and len(parts) > 1:  # "Dr. Ada Obi": the title is a word of its own
        return parts[1]
    return parts[0]


def signature(brief: Brief) -> str:
    """The name under the sign-off: the user's first name, or what they asked to sign as ('Mei & the Flourish team';
    a title alone, 'CEO', goes under their name)."""
    sender = sender_name(brief.profile.name)
    asked = brief.reading.sign_as
    if not asked:
        return sender
    names = {fold(w) for w in (brief.profile.name or "").split()}
    if names & {fold(w) for w in re.findall(r"[\w'’-]+", asked)} or not sender or dash_sign_off(asked):
        return asked  # their own name is in it: said as they wrote it
    bare = re.sub(r"\s+x{1,3}$", "", asked)  # "Rach x": a kiss after the name
    if len(bare) >= 3 and fold(sender).startswith(fold(bare)):
        return asked  # a short form of their own name ("Rach" for Rachel)
    if re.fullmatch(r"[A-Z][a-z][\w'’-]*", bare) and fold(bare) not in checker.COMMON_CAPITALISED \
            and not re.fullmatch(JOB_NOUNS, bare, re.IGNORECASE):
        return asked  # one name of their own ("Kit", "Thandi"): the name they go by
    return f"{sender}\n{asked}"


GREETING = {-1: "Hey", 0: "Hi", 1: "Dear"}
SIGN_OFF = {-1: "Cheers,", 0: "Best,", 1: "Kind regards,"}


def frame(brief: Brief, lines: list[str], ask: str) -> str:
    """Greeting, the lines, the ask, sign-off — in the channel's shape."""
    tone = brief.style.tone
    name = brief.addressed(formal=tone > 0)
    word = GREETING[max(tone, 1) if name != brief.first and tone >= 0 else tone]  # "Dear Dr. Okafor," not "Hi Dr."
    greeting = f"{word} {name},"
    if brief.channel == "linkedin-note":
        said = [*lines, ask] if ask else lines
        return register(" ".join([greeting, *([inline(said[0], brief.names()), *said[1:]] if said else [])]), tone)
    closing = brief.reading.closing or SIGN_OFF[tone]
    signoff = signature(brief) if dash_sign_off(brief.reading.sign_as) else \
        closing + (f"\n{signature(brief)}" if signature(brief) else "")
    middle = " ".join([*lines, *([ask] if ask else [])])
    return register(f"{greeting}\n\n{middle}\n\n{signoff}", tone)

# Goals that ask for this person's view: a message with nothing shared says why them, from their role.
WHY_YOU = ("informational-interview", "mentorship")
# Goals where, with nothing shared, who the user is helps the person answer; a congratulation, a thank-you or a
# follow-up has its own subject and gets no line about the user.
INTRODUCE = ("referral", "introduction", "partnership", "reconnect", *WHY_YOU)


def introduce(brief: Brief, why: bool = True) -> Opener | None:
    """With nothing shared, an honest line: who the user is (their headline), and for a goal that asks for this
    person's view, why them (their role) unless `why` is False. No invented history, no line that fits anyone."""
    who = headline_clause(brief.profile.headline)
    c = brief.contact
    role = " at ".join(p for p in (c.title, c.company) if p) if c.title else ""
    if not who or brief.goal not in INTRODUCE or brief.reading.parts and brief.goal not in (*WHY_YOU, "referral"):
        return None  # the user's own reason says why they write
    if brief.goal in WHY_YOU and role and why:
        return Opener(f"I {who}, and I would value your view as {role}.", "profile", "profile",
                      short=f"I would value your view as {c.title}.")
    return Opener(f"I {who}.", "profile", "profile")


# Where a headline's role ends and its place or tagline begins.
_HEADLINE_TAIL = re.compile(r"\s+(?:at|in|for|with|on|@|moving|turned|turning|building|helping)\s+", re.IGNORECASE)


def headline_clause(headline: str) -> str:
    """The user's headline as what they say of themselves: 'Backend engineer moving into payments' -> 'am a
    backend engineer moving into payments'; a field rather than a role ('Partnerships at Switchback Labs') ->
    'work in partnerships at Switchback Labs'. A tagline after a dash is left out; '' for a headline that is no
    noun phrase ('PM @ Acme | ex-Google', 'I build things') or a list of items ('Robotics engineer, industrial
    automation · Detroit': said as a sentence it reads as pasted)."""
    headline = re.split(r"\s+[—–-]{1,2}\s+", " ".join(headline.split()).rstrip("."), maxsplit=1)[0]
    # "Special Collections Cataloguer, Pemberton Public Library": a role, then where, as a name after one comma
    if m := re.fullmatch(r"(?P<role>[^,|@•/·;]+),\s+(?P<at>[A-Z][\w&'’.-]*(?:\s+(?:of|for|and|&|the|de)?\s*[A-Z][\w&'’.-]*)+)",
                         headline):
        headline = f"{m.group('role')} at {m.group('at')}"
    if not headline or re.search(r"[|@•/·,;]", headline) or len(headline.split()) > 10:
        return ""
    first = headline.split(" ", 1)[0]
    if fold(first) in ("i", "we", "my", "the", "a", "an") or not first[:1].isalpha():
        return ""
    role_words = _HEADLINE_TAIL.split(headline, maxsplit=1)[0].split()
    # the role in Title Case ("Sous Chef at Juniper & Salt") is said in lower case ("a sous chef at Juniper &
    # Salt"); an acronym or a word with inner capitals keeps them ("UX designer"), and so does the place after "at"
    lowered = [w.lower() if w[1:] == w[1:].lower() else w for w in role_words]  # never "DevOps", "iOS"
    headline = " ".join(lowered) + headline[len(" ".join(role_words)):]
    role = lowered
    # a job noun, or a last word that names a doer ("Special Collections Cataloguer", "Conservator")
    if not any(fold(w) in JOB_WORDS or fold(w).rstrip("s") in JOB_WORDS for w in role) and not (
            role and len(role[-1]) > 5 and re.search(r"(?:er|or|ist|ian)$", fold(role[-1]))):
        return f"work in {headline}" if len(role) <= 2 else ""
    article = "an" if fold(headline)[:1] in "aeio" else "a"
    return f"am {article} {headline}"

