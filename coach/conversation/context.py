"""The user's own words for a message, apart from what only asks for it: the reason after the instruction ("…
to Priya about the Connect team: I saw the PM opening"), without channel words or politeness, and the message a
user wants checked, kept exactly as written."""

from __future__ import annotations

import re
from typing import NamedTuple

from coach.conversation.asking import DRAFT, WRITE
from coach.conversation.cues import polite, words
from coach.conversation.reading import CHANNEL_PHRASE
from coach.core.text import fold


def quoted_message(text: str) -> str:
    """The message the user wants checked: after a colon, in quotes, or after the first line."""
    m = re.search(r"[\"“](.+)[\"”]", text, re.DOTALL)
    if m and len(m.group(1)) > 15:
        return m.group(1).strip()
    if ":" in text:
        after = text.split(":", 1)[1].strip()
        if len(after) > 15:
            return after
    first, _, rest = text.partition("\n")
    return rest.strip()


EMAIL_HEADERS = re.compile(r"^(?:from|to|subject|sent|date|cc):\s", re.IGNORECASE | re.MULTILINE)
REPLY = re.compile(r"\b(?:reply|respond|answer|write back|get back)\b", re.IGNORECASE)


def replies_to_email(text: str) -> bool:
    """The user pasted an email (its From:/Subject: lines) and asks for the reply: the reply is an email."""
    return len(EMAIL_HEADERS.findall(text)) >= 2 and bool(REPLY.search(text))


# Where the user's own reason starts in "Write a note to Priya about the Connect team": after a dash, a colon, a
# sentence end, or words that introduce what it is about.
CONTEXT_START = re.compile(r"\s[—–-]+\s|:\s|;\s|[.?!]\s+|,\s*(?=(?:she|he|they|i|we|my|our)\b)|"
                           r"\b(?:about|regarding|because|since|re|while)\b\s*|\bfor\s+(?=\w+ing\b)|\b(?:on|for) (?=(?:her|his|their|the|my)\b)",
                           re.IGNORECASE)
INSTRUCTION = re.compile(rf"^(?:please\s+|(?:can|could) you\s+|now\s+|then\s+)?(?:{words('instruction_verbs')})\b",
                         re.IGNORECASE)
NOT_CONTEXT = re.compile(rf"^(?:(?:{words('not_context')})\W*)*$", re.IGNORECASE)


def user_context(text: str, mention: str) -> str:
    """The user's own words for the message: what follows the instruction ('… to Priya about the Connect team at
    Stripe: I saw the PM opening' -> 'the Connect team at Stripe: I saw the PM opening'), or '' when the words only
    say who, what for and where."""
    at = fold(text).find(fold(mention)) if mention else -1
    tail_from = at + len(mention) if at >= 0 else 0
    m = CONTEXT_START.search(text, tail_from)
    if not m:
        return ""
    rest = text[m.end():].strip(" \t—–-:;,")
    while INSTRUCTION.match(rest):  # "who do I know at Stripe? draft a note to the best one about X": X
        m = CONTEXT_START.search(rest, 1)
        rest = rest[m.end():].strip(" \t—–-:;,") if m else ""
    return "" if NOT_CONTEXT.match(rest) else rest


def story(text: str) -> list[str]:
    """The sentences a user tells before asking for the message ('I'm growing into engineering leadership. Dan was
    my best manager. Could you draft…': the first two), which are their own words for it; none when the message
    opens with what it asks, or asks nothing."""
    told = []
    for sentence in re.split(r"(?<=[.?!])\s+|\n+", text.strip()):
        if WRITE.search(sentence) or DRAFT.search(sentence):
            return told
        sentence = sentence.strip()
        if sentence and not NOT_CONTEXT.match(sentence) and not polite(sentence):
            told.append(sentence)
    return []


def draft_context(text: str, mention: str) -> str:
    """The user's own words for the message, without what only asks for it: 'for the PM role? An email please.'
    -> 'the PM role' (a sentence of channel words and politeness is dropped, and a trailing 'by email'); the
    story told before the request comes first."""
    kept = story(text)
    for sentence in re.split(r"(?<=[.?!])\s+", user_context(text, mention)):
        sentence = re.sub(CHANNEL_PHRASE.pattern + r"(?:['’]s\b)?", "", sentence, flags=re.IGNORECASE).strip(" ,;:")
        sentence = re.sub(r"\s*\b(?:please|thanks|thank you)\W*$", "", sentence, flags=re.IGNORECASE).strip(" ,;:")
        asked = INSTRUCTION.match(sentence)  # "Can you write him an email?" after the story: the request itself
        if asked and NOT_CONTEXT.match(sentence[asked.end():].strip(" ?!.,;:")):
            continue
        if sentence and not NOT_CONTEXT.match(sentence) and not polite(sentence):  # "Thanks so much!": no reason
            kept.append(sentence.rstrip(".?! ") if len(kept) == 0 else sentence)
    return " ".join(kept).strip()


# A block pasted from another app under its header ("---------- Forwarded message ---------", "Begin forwarded
# message:", "Shared from LinkedIn:"), with the user's own request before it or in the paragraph after it.
PASTE_HEADER = re.compile(r"^\s*(?:-{2,}\s*forwarded message\s*-{2,}|begin forwarded message:?|fwd?:\s.*|"
                          r"shared (?:from|via|on|with) [\w .]{1,30}:?|forwarded from [\w .]{1,30}:?)\s*$", re.IGNORECASE)
SENDER = re.compile(r"^\s*from:\s*(?P<name>[^<\n]+?)\s*(?:<[^>\n]*>)?\s*$", re.IGNORECASE | re.MULTILINE)
# Where a share's first line stops naming its author: "Wei Chen · PhD Student", "Ana López | Recruiter at Contoso"
AUTHOR_END = re.compile(r"\s*(?:[·•|—–]|\s-\s|,|\(|\bposted\b|\bshared\b).*$", re.IGNORECASE)


class Pasted(NamedTuple):
    """A message that pastes another app's text: the user's own words, who wrote the pasted text (as the header
    gives it; "" when it does not), and the pasted text without its header lines."""

    own: str
    author: str
    body: str


def pasted(text: str) -> Pasted | None:
    """The user's own request apart from a forwarded or shared block pasted with it; None when nothing pasted
    under such a header. The request is what comes before the header, or else the last paragraph after it."""
    lines = text.strip().splitlines()
    at = next((i for i, line in enumerate(lines) if PASTE_HEADER.match(line)), None)
    if at is None:
        return None
    if at > 0:
        own, block = "\n".join(lines[:at]).strip(), "\n".join(lines[at + 1:]).strip()
    else:
        paragraphs = re.split(r"\n\s*\n", "\n".join(lines[1:]).strip())
        if len(paragraphs) < 2:
            return None
        own, block = paragraphs[-1].strip(), "\n\n".join(paragraphs[:-1]).strip()
    if not own or not block:
        return None
    sender = SENDER.search(block)
    first = next((line for line in block.splitlines() if line.strip()), "")
    author = sender.group("name") if sender else AUTHOR_END.sub("", first).strip(" \"'")
    body = "\n".join(line for line in block.splitlines() if not EMAIL_HEADERS.match(line)).strip()
    return Pasted(own=own, author=author if 0 < len(author.split()) <= 4 else "", body=body)
