"""A note cut into clauses (sentences, lines, bullets, semicolons, asides in brackets), and who each clause's
subject is: the person ('them'), the user ('me'), both ('we'), or no one written (shorthand).
"""

from __future__ import annotations

import re


def split_clauses(text: str) -> list[str]:
    """A note's clauses: sentences, lines, bullets and semicolons split; Markdown marks dropped."""
    text = re.sub(r"\[\[([^\]|]+)\|?([^\]]*)\]\]", lambda m: m.group(2) or m.group(1), text)
    text = re.sub(r"\bI (?:still )?(?:remember|recall)(?: that)? (?=(?:she|he|they|[A-Z]\w+) )", "", text)  # a memory: what happened
    text = text.replace("w/", "with").replace(" @ ", " at ").replace(" & ", " and ")
    text = re.sub(r"\s*\(([^()]{2,80})\)", r"; \1;", text)
    # "Marcus and I co-organised…" is one clause with "we" as its subject, not two
    text = re.sub(r"(^|[.!?;\n]\s*)(?:[A-Z][\w'’-]+|[Ss]he|[Hh]e) and I\b", r"\1We", text)  # an aside in brackets is its own clause, never a span's tail
    parts = re.split(r"(?<=[.!?])\s+|\n+|;\s*|\s+-{1,2}\s+|\s+—\s+|,?\s+and\s+(?=(?:suggested|offered|"
                     r"promised|said|told|asked|invited|introduced|gave|helped|sent|shared|recommended)\b)", text)
    parts = [q for p in parts if p for q in re.split(r",\s+(?=(?:she|he|I|we)\s)|\s+and\s+(?=(?:we|she|he|I)\s)"
                                                    r"|,\s+and\s+|,\s+(?=then\s)", p) if q]
    parts = [re.sub(r"^(?:so|and|then|also|anyway|btw|oh|plus)\s+", "",
                    re.sub(r"^[^\w\"'(]+", "", p.strip(" -*•>#\t")), flags=re.IGNORECASE)  # bullets and emoji
             for p in parts]
    return [" ".join(p.split()).rstrip(".!") for p in parts if p.strip()]


def subject_of(clause: str, names: tuple[str, ...]) -> tuple[str, str]:
    """(who, rest): who is 'them', 'me', 'we' or '' (shorthand with no subject)."""
    low = clause.lower()
    both = re.match(r"(?:(?:she|he)|" + "|".join(re.escape(n.lower()) for n in names if n) + r") and i\s+", low) \
        if names else re.match(r"(?:she|he) and i\s+", low)
    if both:
        return "we", clause[both.end():]
    for name in sorted((n for n in names if n), key=len, reverse=True):
        if low.startswith(name.lower() + " "):
            return "them", clause[len(name) + 1:]
    head, _, rest = clause.partition(" ")
    h = head.lower()
    if h in ("she", "he"):
        return "them", rest
    if h in ("she's", "he's", "she’s", "he’s") and not rest.lower().startswith(("been ", "got ")):
        return "them", f"is {rest}"
    if h in ("i", "i've", "i'd"):
        return "me", rest
    if h == "we":
        return "we", rest
    return "", clause

