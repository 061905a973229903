"""The chat's reading of a message, as data: what the user asked for, for whom, how sure the coach is.

`coach.conversation.router.route` fills a `Reading`; the chat acts on it and shows it in one
line ("Email to Priya Shah · referral · Product Manager, Connect"). The pieces
here find what the rule router's patterns do not: a name said that matches
nobody exactly (asked back, never fuzzily chosen), the role or thing the
message is about (its `topic`), and the words nothing accounts for (`leftover`,
asked back rather than pasted into a message).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from coach.conversation.cues import words
from coach.conversation.topics import CHANNEL_PHRASE, field, topic, topic_label  # noqa: F401  (read from here too)
from coach.core.dates import ABBREVIATIONS
from coach.core.domain import Contact
from coach.core.messages import ContactChoice
from coach.core.text import STOPWORDS, fold, without_possessive
from coach.crm.names import everyday, name_slot
from coach.crm.names import vocabulary as naming

Intent = Literal["draft", "revise", "check", "find", "advise", "general", "clarify", "show", "note", "due", "help"]
ASK_BACK = 0.5  # a reading less sure than this is asked back, not acted on

CHANNEL_NAMES = {"email": "Email", "linkedin-message": "LinkedIn message", "linkedin-note": "LinkedIn note"}


class Reading(BaseModel):
    """What a chat message asks for: the intent, the person (by id, or the people it could be), the goal, the
    channel, the topic in the user's words, a revision's style steps, and how sure the reading is."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    intent: Intent = Field(description="draft, revise, check, find, advise, general, clarify (ask back), show (a "
                                       "contact's card), note (keep something on their record), due (who to "
                                       "check in with) or help (how to do something in the app).")
    contact: Contact | None = Field(default=None, exclude=True, description="The person meant, when one is.")
    contact_id: int | None = Field(default=None, description="The person meant, by id.")
    choices: list[Contact] = Field(default_factory=list, exclude=True,
                                   description="A name that fits several (or a near miss): ask back with these.")
    candidates: list[ContactChoice] = Field(default_factory=list, description="`choices`, as the user sees them.")
    contact_query: str = Field(default="", description="The name as the user said it.")
    unknown_name: str = Field(default="", description="A name said that matches no contact exactly.")
    goal: str | None = None
    channel: str | None = None
    topic: str = Field(default="", description="The role, project or thing the message is about, in the user's "
                                               "words ('the product manager role on the Connect platform team').")
    context: str = Field(default="", description="The user's own words passed to the drafter (never the request "
                                                 "itself: no channel words, no politeness).")
    length: int = Field(default=0, description="revise: -1 shorter, 1 longer.")
    tone: int = Field(default=0, description="revise: -1 friendlier, 1 more formal.")
    regenerate: bool = False
    pronoun: bool = Field(default=False, description="The person is 'him/her/them' from the previous turn.")
    carried: bool = Field(default=False, description="The goal and channel are the previous request's, asked "
                                                     "again for someone else ('do the same for Sofia').")
    listing: bool = Field(default=False, description="find: every contact (at the company in `topic`), not the "
                                                     "best matches.")
    help: str = Field(default="", description="help: the app's job asked about (a topic of prompts/help.yaml).")
    confidence: float = Field(default=1.0, ge=0, le=1)
    leftover: str = Field(default="", description="Words the reading does not account for.")
    message: str = Field(default="", description="check: the message to score.")
    note: str = Field(default="", description="note: what to keep on the person's record, in the user's words.")
    date: dt.date | None = Field(default=None, description="note: the day it is about, when the words say it.")
    later: str = Field(default="", description="A later request of the same message, in the user's words: only "
                                               "the first is read, and the chat says the rest is left for later.")
    why: str = ""

    @model_validator(mode="after")
    def _ids(self) -> Reading:
        if self.contact is not None and self.contact_id is None:
            self.contact_id = self.contact.id
        if self.choices and not self.candidates:
            self.candidates = [ContactChoice(id=c.id or 0, name=c.name, company=c.company, title=c.title)
                               for c in self.choices]
        return self

    def line(self, contact_name: str = "") -> str:
        """The reading in one line: 'Email to Priya Shah · referral · Product Manager, Connect'; 'Note on Priya
        Shah'; 'Priya Shah's card'; 'Who is due for a check-in'."""
        name = contact_name or (self.contact.name if self.contact else "")
        if self.intent == "due":
            return "Who is due for a check-in"
        if self.intent == "help":
            return f"Using the app: {self.help}"
        if self.intent == "find":
            return (f"Everyone at {self.topic}" if self.topic else "All your contacts") if self.listing else \
                ("Who you know" + (f" at {self.topic}" if self.topic else ""))
        if self.intent == "show" or (self.intent == "clarify" and self.why.startswith("show")):
            return f"{name}'s card" if name else "A contact's card"
        if self.intent == "note" or (self.intent == "clarify" and self.why.startswith("note")):
            return f"Note on {name}" if name else "A note"
        head = CHANNEL_NAMES.get(self.channel or "", "Message") + (f" to {name}" if name else "")
        return " · ".join(p for p in (head, self.goal or "", topic_label(self.topic)) if p)


def line_for(channel: str, name: str, goal: str, about: str = "") -> str:
    return Reading(intent="draft", channel=channel, goal=goal, topic=about).line(name)


# ------------------------------------------------------------------ names said that match nobody exactly
KNOWN_CAPS = frozenset(
    "i linkedin email e-mail dm inmail please thanks thank hi hello hey dear can could would will write draft "
    "compose send message ask email note connection monday tuesday wednesday thursday friday saturday sunday "
    "january february march april may june july august september october november december now then also and "
    "mon tue tues wed thu thur thurs fri sat sun "
    "but so ok okay help congratulate congrats reconnect follow introduce ping nudge remind tell make try "
    "quick short a an the my our his her their to for about".split()) | frozenset(ABBREVIATIONS)
# a capitalised name where a name stands ('email Jordan', 'what have I got on Tash'): the words before a name are
# the naming vocabulary's (`coach.crm.names.name_slot`)
AFTER_VERB = re.compile(rf"\b(?:{'|'.join(re.escape(w) for w in naming()['name_slot'])})\s+"
                        r"(?P<n>[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?)")
# a name typed in lower case where a name stands, said with where the person works ('ask jo from acme'): a word
# that is no everyday word, asked back when it is nobody's
SAID_WITH_WORKPLACE = re.compile(r"(?<![\w'-])(?P<n>[a-zß-öø-ÿ][a-zß-öø-ÿ'-]{2,})\s+(?:from|at|@)\s+\w")
# … or as the owner of what a card holds ('jo smith's details', 'show me kim's notes', 'brian o'neill's profile')
OWNER = re.compile(r"(?<![\w'-])(?P<n>[A-Za-zß-öø-ÿ][\w'ß-öø-ÿ-]{1,}(?:\s+[A-Za-zß-öø-ÿ][\w'ß-öø-ÿ-]{1,})?)'s\s+"
                   rf"(?:{words('card_words')}|{words('card_fields')})\b", re.IGNORECASE)
# a capitalised word, accented ones too ("García"), and hyphenated ones ("Ben-Haim", "Jean-Pierre")
NAME_WORD = r"[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ']+(?:-[A-ZÀ-ÖØ-Þ]?[a-zß-öø-ÿ']+)*"
# overlapping; the two words on one line ("Re: lunch with Sofia" over "Sofia offered…" is no name)
PAIR = re.compile(rf"(?=(?<![\w'-])(?P<f>{NAME_WORD})[^\S\n]+(?P<l>{NAME_WORD})(?![\w'-]))")


def _words_of(contacts: list[Contact]) -> frozenset[str]:
    """Words of every contact's company, title and tags: capitalised words that are not names."""
    out: set[str] = set()
    for c in contacts:
        for x in (c.company, c.title, c.location, *c.tags):
            out.update(fold(w) for w in re.findall(r"[\w'-]+", x or ""))
    return frozenset(out)


def unknown_name(text: str, contacts: list[Contact], mention: str) -> tuple[str, list[Contact]]:
    """A person's name in the words that is no contact's name (and the contacts it is close to), or ('', []).

    'Priya Raman' with only a Priya Shah: ('Priya Raman', [Priya Shah]); 'Pryia Shah': ('Pryia Shah',
    [Priya Shah]); 'Jordan' with no Jordan after 'to'/'ask'/'email': ('Jordan', [])."""
    firsts = {fold(c.first_name) for c in contacts if c.first_name}
    lasts = {fold(c.last_name) for c in contacts if c.last_name}
    full = {fold(c.name) for c in contacts}
    other = _words_of(contacts) | KNOWN_CAPS
    said = fold(mention)
    for m in PAIR.finditer(text):
        f, last = fold(m.group("f")), fold(m.group("l"))
        # a word of a company or title is no name, unless it is a contact's own name where it stands ('Sophia
        # Rossi' with a Sofia Rossi of Rossi Studio: a surname that is also her studio's)
        if f"{f} {last}" in full or (f in other and f not in firsts) or (last in other and last not in lasts):
            continue
        if (f in firsts or last in lasts) and (not said or said in (f, last)):
            near = [c for c in contacts if fold(c.first_name) == f or fold(c.last_name) == last]
            return f"{m.group('f')} {m.group('l')}", near[:3]
        near = _closest(f"{f} {last}", contacts, least=0.8)  # 'Sofiia Rosi': both names misspelt
        if near and not said and not everyday(m.group("f")) and not everyday(m.group("l")):
            return f"{m.group('f')} {m.group('l')}", near
    if mention and set(said.split()) & (firsts | lasts):  # a contact named: no other name is looked for
        return "", []
    # a person only described ("the PM") beside a name no contact has ("to Rachel at Contoso"): the name is whom
    # they mean, asked back, never the description's contact
    for m in SAID_WITH_WORKPLACE.finditer(text):
        name = m.group("n")
        if not everyday(name) and fold(name) not in other and name_slot().search(text[:m.start("n")]):
            return name, _closest(fold(name), contacts)
    for m in OWNER.finditer(text):
        name = [w for w in m.group("n").split() if not everyday(w) and _bare(w) not in other | STOPWORDS]
        if name and len(name) == len(m.group("n").split()):
            return " ".join(name), _closest(fold(" ".join(name)), contacts)
    for m in AFTER_VERB.finditer(text):
        name = m.group("n").split()
        name = name[:1] if len(name) > 1 and _bare(name[1]) in other else name
        if _bare(name[0]) in other or fold(name[0]) in STOPWORDS:  # "someone on Globex's team": a workplace
            continue
        if name[0].isupper() and len(name[0]) <= 5 and not text.isupper():  # "promoted to CTO": a title
            continue
        said_name = " ".join(name)
        return said_name, _closest(fold(said_name), contacts)
    return "", []


def _bare(word: str) -> str:
    """A word folded, without a possessive ("Globex's" -> "globex")."""
    return fold(without_possessive(word))


def _closest(name: str, contacts: list[Contact], n: int = 3, least: float = 0.7) -> list[Contact]:
    scored = sorted(((difflib.SequenceMatcher(None, name, fold(c.name if " " in name else c.first_name)).ratio(),
                      c) for c in contacts), key=lambda x: -x[0])
    return [c for score, c in scored[:n] if score >= least]


def unknown_reply(name: str, near: list[Contact]) -> str:
    """'No Priya Raman in your contacts. Did you mean Priya Shah?'"""
    reply = f"No {name} in your contacts."
    if len(near) == 1:
        return f"{reply} Did you mean {near[0].name}?"
    if near:
        return f"{reply} Did you mean {', '.join(c.name for c in near[:-1])} or {near[-1].name}?"
    return f"{reply} Name the person as they appear in your contacts, or add them first."


# ------------------------------------------------------------------ leftover words
REQUEST_WORDS = frozenset(
    "please pls plz thanks thank thx hi hello hey can could would will you help me write draft compose send "
    "message note email e-mail mail dm inmail linkedin connection request ask asking asked reach out quick short "
    "brief little something one nice polite friendly warm formal casual now also too again want wanted need "
    "needs like love i'd i'm id im let's lets maybe kindly just real quickly get put together prepare whip up "
    "referral refer referring mentor mentorship reconnect catch up follow followup follow-up intro introduce "
    "introduction thank-you congratulate congratulations congrats partner partnership collaborate "
    "informational interview coffee chat call touch base nudge ping them him her his their she he they "
    "it its to for with by via as on in at a an the my of and or about regarding re some to-do "
    "possible possibly if ok okay so go ahead do that this new role job position someone somebody anyone people "
    "hope well good morning afternoon evening dear coach kindly request wanna gonna smth sth something msg mesage "
    "pleasee plz thnx thanks advance appreciate appreciated grateful would be great best really honestly "
    "write writing wrote drafting prepare preparing send sending sent get mail mails emails think "
    "person propose proposing suggest because since say saying tell telling know let been while it's long time "
    "haven't hasn't heard replied reply answered answer respond responded yet pick brain referal emial "
    "congratulating thanking asking".split())
MIN_LEFTOVER = 2  # one stray word is read past; two or more are asked back


# How the user knows the person, said beside who they are ("the Stripe engineer I met at the meetup"): what the
# coach's notes hold, never words left unread.
HOW_KNOWN = re.compile(r"\b(?:i|we)\s+(?:met|know|knew|worked with|sat next to|saw|heard)\b[^.?!,;]*", re.IGNORECASE)


def how_known(text: str) -> str:
    """'… the Stripe engineer I met at the meetup' -> 'I met at the meetup'; '' when the words say no such thing."""
    m = HOW_KNOWN.search(text)
    return m.group(0) if m else ""


def leftover(text: str, accounted: list[str]) -> str:
    """The words of `text` that neither the request's own words nor the `accounted` pieces (the name, the
    topic, the context) cover."""
    covered = set(REQUEST_WORDS) | STOPWORDS
    for piece in accounted:
        covered.update(w for token in re.findall(r"[a-z0-9'-]+", fold(piece)) for w in (token, *token.split("-")))
    rest = [w for w in re.findall(r"[a-z0-9'-]+", fold(text)) if w not in covered and not w.isdigit()]
    return " ".join(rest) if len(rest) >= MIN_LEFTOVER else ""


INTRO_TARGET = re.compile(r"\b(?:introduce me|intro(?:duction)? me|intro(?:duction)?|put me in touch|connect me)\s+(?:to|with)\s+"
                          r"(?P<t>[^.?!,;]+)", re.IGNORECASE)


def intro_target(text: str) -> str:
    """Who the user wants to be introduced to: 'introduce me to their CTO' -> 'their CTO'."""
    m = INTRO_TARGET.search(text)
    return CHANNEL_PHRASE.split(m.group("t"))[0].strip() if m else ""


def without_closing(text: str) -> str:
    """The message without a closing 'thanks!' (politeness, not a thank-you)."""
    return re.sub(r"[,.!\s]*\b(?:thanks|thank you|thx|cheers|ty)\b[.!\s]*$", "", text, flags=re.IGNORECASE)
