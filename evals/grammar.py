"""The eval's own grammar rules, read from the draft's text alone (no import from coach): a draft the
drafter's own gate let through can still fail here. Used by `hard_pass`, which is therefore not the checker
judging its own selection.

Rules: every sentence starts with a capital and ends with . ! or ?; no sentence-opening pronoun glued to the
previous word ("Lyon We planned"); never "you" before a possessive-needing word ("you new role"); never
"your I"; after "you", no verb in -s form ("you was", "you keeps").
"""

from __future__ import annotations

import re

_SPLIT = re.compile(r"(?<=[.!?])\s+|\n+")
_GLUED = re.compile(r"(?<=\w)\s+(We|She|He|They|It|My|Our|The)\s+[a-z]")
_YOU_NOUN = re.compile(r"\byou (new|old|own|former|latest|role|team|job|company|work|talk|project|career)\b",
                       re.IGNORECASE)
_YOUR_I = re.compile(r"\byour I\b")
_YOU_S = re.compile(r"\byou (was|is|has|does|(?!always\b|perhaps\b|this\b|thus\b|sometimes\b|yours\b|thanks\b)"
                    r"[a-z]{2,}[^s\W]s)\b", re.IGNORECASE)
_GREETING = re.compile(r"^\s*(hi|hello|hey|dear)\b[^,\n]{0,40},\s*", re.IGNORECASE)
_SIGNOFF = re.compile(r"^\s*(best|kind regards|regards|cheers|thanks|warmly|sincerely)\b", re.IGNORECASE)


def sentences(body: str) -> list[str]:
    lines = []
    for line in body.strip().splitlines():
        if _SIGNOFF.match(line):
            break
        lines.append(line)
    text = _GREETING.sub("", "\n".join(lines).strip(), count=1)
    text = text[:1].upper() + text[1:]
    return [s.strip() for s in _SPLIT.split(text) if s.strip()]


def failures(body: str) -> list[str]:
    out = []
    for s in sentences(body):
        if not s[:1].isupper() and not s[:1].isdigit():
            out.append(f"no capital: {s[:40]}")
        if not s.rstrip('"”)').endswith((".", "!", "?")):
            out.append(f"no end punctuation: {s[:40]}")
        for rule, what in ((_GLUED, "glued sentences"), (_YOU_NOUN, "'you' before a noun"), (_YOUR_I, "'your I'"),
                           (_YOU_S, "agreement after 'you'")):
            if rule.search(s):
                out.append(f"{what}: {s[:60]}")
    return out
