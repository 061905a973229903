"""Grammar invariants every sentence a draft emits must keep; a sentence that breaks one is dropped, not sent.

They are checks on the output, not repairs: nothing here rewrites a sentence.
"""

from __future__ import annotations

import re

from coach.core.text import STOPWORDS, fold

# "you moved into consulting and is at …": a verb joined to "you" by "and" keeps its agreement.
AGREE_LATER = re.compile(r"\byou\s+(?:[a-z'’-]+\s+){1,6}?and\s+(?:is|was|has|does)\b")
# Words before "you" in a question, after which a verb stands in its base form ("could you review").
_MODALS = frozenset("would could can will should might may do did".split())
# Words that read as a noun or adjective right after "you" ("you new role", "you team"): a possessive lost.
_NOUNISH = {"new", "old", "own", "former", "latest", "recent", "role", "team", "job", "company", "work", "talk",
            "project", "career", "kids", "manager", "boss", "mentor", "help", "advice", "book", "startup",
            "launch", "promotion", "post", "article", "paper", "feedback", "intro", "introduction", "time",
            "resume", "portfolio", "deck", "product", "group", "org", "department", "office", "company's"}
_NOUN_SUFFIX = re.compile(r"(?:tion|ment|ness|ship|ity|ance|ence)$")
_SINGULAR_VERB = re.compile(r"^(?:is|was|has|does|goes|says|keeps|wants|needs|runs|leads|works|seems|knows|likes|"
                            r"loves|thinks|makes|takes|gives|gets|lives|manages|hires|plans|isn't|wasn't|hasn't|"
                            r"doesn't)$")
# Words after "you" that end in -s and are no verb ("you always", "you perhaps").
_NOT_VERB_S = {"always", "perhaps", "this", "these", "those", "thus", "sometimes", "plus", "across", "yours",
               "afterwards", "towards", "besides", "unless", "anyways", "news", "thanks", "nowadays", "anyhow"}
# '4B', '3D': one word, a code; a word keeps the '!' or '?' that ends its sentence ("… Low Water! We go way back.")
_WORD = re.compile(r"[A-Za-zÀ-ÿ][\w'’&.-]*[!?]*|\d+[A-Za-zÀ-ÿ][\w'’&.-]*[!?]*|[,;:()\"—–-]")
_SENTENCE_OPENERS = {"We", "She", "He", "It", "They", "You", "My", "Our", "The", "This", "Your", "Her", "His"}
_ALWAYS_CAPITAL = {"i", "i'm", "i’m", "i've", "i'd", "i'll", "january", "february", "march", "april", "may", "june",
                   "july", "august", "september", "october", "november", "december", "monday", "tuesday",
                   "wednesday", "thursday", "friday", "saturday", "sunday"}


_POSSESSIVES = frozenset("my your our their its".split())  # never "her", also an object ("I told her I would")
_PRONOUNS = frozenset("i me you he him she we us they them".split())


# "I want reconnect", "I want ask for a call": a verb after "want" needs "to" (a non-native slip copied as it was).
BARE_AFTER_WANT = re.compile(r"\b(?:want|wants|wanted|hope|hoping|plan|planning|would like|'d like|need|needs)\s+(?:ask|"
                             r"reconnect|connect|talk|meet|introduce|thank|say|tell|know|learn|hear|discuss|share|"
                             r"invite|apply|see|catch|follow|propose|offer|request|speak|visit)\b", re.IGNORECASE)


def problems(sentence: str, names: set[str] = frozenset()) -> list[str]:
    """What is wrong with one sentence ([] when nothing is). `names`: folded words that may be capitalised
    mid-sentence (names and proper nouns from the facts, the contact and the user's own words)."""
    s = sentence.strip()
    out: list[str] = []
    if not s or not (s[0].isupper() or s[0].isdigit()):
        out.append("does not start with a capital")
    if not s.endswith((".", "!", "?")):
        out.append("does not end with punctuation")
    if s.endswith(("..", "…")) or "..." in s or "…" in s:
        out.append("trails off (an ellipsis)")
    if AGREE_LATER.search(s):
        out.append("'you … and is' (agreement)")
    if m := BARE_AFTER_WANT.search(s):
        out.append(f"'{m.group(0)}' (no 'to' before the verb)")
    tokens = _WORD.findall(s)
    for i, (prev, tok) in enumerate(zip(tokens, tokens[1:], strict=False)):
        p, t = fold(prev), fold(tok.rstrip(".,!?"))
        asked = i > 0 and fold(tokens[i - 1]) in _MODALS  # "Would you mentor me": a verb follows "you" here
        mid = tok[:1].isupper() and prev[:1].islower() and prev[:1].isalpha() and not prev.endswith((".", "!", "?"))
        after = tokens[i + 2] if i + 2 < len(tokens) else ""
        if t in ("the", "a", "an") and after[:1].isupper() and fold(after.rstrip(".,!?'’s")) in names:
            continue  # a title that starts with its article: "I finished The Long Harbour", "read The Economist"
        code = any(ch.isdigit() for ch in t) or (tok.rstrip(".,!?").isupper() and len(t) >= 2 and t not in STOPWORDS)
        if mid and not code and t not in names and t not in _ALWAYS_CAPITAL and t.rstrip("'’s") not in names:
            out.append(f"'{tok}' is capitalised mid-sentence")
        if tok in _SENTENCE_OPENERS and prev[:1].isalpha() and not prev.endswith((".", "!", "?")):
            out.append(f"'{prev} {tok}' (two sentences glued together)")
        if p == "you" and not asked and (t in _NOUNISH or _NOUN_SUFFIX.search(t)):
            out.append(f"'you {tok}' (a noun after 'you')")
        if p == "you" and (_SINGULAR_VERB.match(t) or t.endswith("s") and len(t) > 3 and t not in _NOT_VERB_S
                           and not t.endswith(("ss", "ous", "ys"))):
            out.append(f"'you {tok}' (agreement)")
        if p == "your" and t in _ALWAYS_CAPITAL:
            out.append(f"'your {tok}'")
        if p in _POSSESSIVES and t in _PRONOUNS:  # "You said to call your you": a possessive needs its noun
            out.append(f"'{prev} {tok}' (a pronoun after a possessive)")
    return out


def ok(sentence: str, names: set[str] = frozenset()) -> bool:
    return not problems(sentence, names)


def names_in(*texts: str, mid_sentence: bool = False) -> set[str]:
    """Folded capitalised words of the given texts (names, companies, events): these may stay capitalised.
    With `mid_sentence`, a sentence's or line's first word is left out (a note's "Gave me…" is no name)."""
    out: set[str] = set()
    for text in filter(None, texts):
        for part in re.split(r"[.!?\n]+", text) if mid_sentence else [text]:
            found = re.findall(r"[A-ZÀ-Þ0-9][\w'’&.-]*|\S+", part.strip())
            for i, w in enumerate(found):
                if (i or not mid_sentence) and w[:1].isupper():
                    out |= {fold(w.rstrip(".,!?")), fold(w.rstrip(".,!?'’s"))}
    return out
