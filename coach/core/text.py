"""Text helpers shared by the checker, the composer and advice: one home for each.

Matching is case- and accent-insensitive (`fold`); `words` and `sentences`
split the way the checker counts; `content_words` are the words that carry
meaning; `second_person` turns what the user wrote *about* someone ("she just
got promoted", "his pilot") into words *to* them ("you just got promoted",
"your pilot").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from snowballstemmer.english_stemmer import EnglishStemmer

STOPWORDS = frozenset(
    "a an and are as at be been but by for from had has have he her his i if in into is it its me my of on or "
    "our she so that the their them they this to was we were what when where which who will with you your about "
    "after also just more most very some any than then there these those would could should can may might us "
    "am do does did not no yes all been being how why".split()
)


def fold(text: str) -> str:
    """Case- and accent-insensitive form for matching ('Lucía' and 'lucia' fold alike)."""
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch)).casefold().replace("’", "'")


def words(text: str) -> list[str]:
    """Folded words, keeping inner apostrophes, dots and hyphens ('co-host', 'node.js', "i'm")."""
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


def last_question(text: str) -> str:
    """The last sentence of `text` that asks something (ends with '?'), or '' when none does."""
    return next((s for s in reversed(sentences(text)) if s.rstrip().endswith("?")), "")


def has_word(needle: str, folded: str) -> bool:
    """Whether `folded` (already folded) holds `needle` as whole words: 'ana' is not in 'analytics'."""
    return re.search(rf"(?<![a-z0-9]){re.escape(needle)}(?![a-z0-9])", folded) is not None


_SNOWBALL = EnglishStemmer()


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The Snowball English stem of a folded word, for overlap tests and BM25 alike: 'promoted' and
    'promotion' share 'promot'; 'intern' and 'internal' stay apart."""
    return _SNOWBALL.stemWord(fold(word))


def content_words(text: str, min_len: int = 4, ignore: frozenset[str] | set[str] = frozenset()) -> list[str]:
    """The words that carry meaning: long enough, not stop words, not in `ignore`."""
    return [w for w in words(text) if len(w) >= min_len and w not in STOPWORDS and w not in ignore
            and not w.isdigit()]


def overlaps(a: str, b: str, share: float = 0.6) -> bool:
    """Whether two sentences say much the same (shared content words)."""
    wa, wb = {stem(w) for w in content_words(a)}, {stem(w) for w in content_words(b)}
    return bool(wa and wb) and len(wa & wb) / min(len(wa), len(wb)) >= share


def shared_stems(a: str, b: str, ignore: frozenset[str] | set[str] = frozenset()) -> set[str]:
    """Stems of the content words `a` and `b` have in common."""
    return {stem(w) for w in content_words(a, ignore=ignore)} & {stem(w) for w in content_words(b, ignore=ignore)}


def repeated_spans(text: str, n: int = 6) -> list[str]:
    """Sentences said twice, and runs of `n` words said twice (normalised): what a reader notices."""
    seen: set[str] = set()
    out: list[str] = []
    for s in sentences(text):
        key = " ".join(words(s))
        if len(key.split()) >= 3 and key in seen and key not in out:
            out.append(key)
        seen.add(key)
    tokens = words(text)
    grams: set[tuple[str, ...]] = set()
    for i in range(len(tokens) - n + 1):
        gram = tuple(tokens[i:i + n])
        if gram in grams:
            phrase = " ".join(gram)
            if not any(phrase in o for o in out):
                out.append(phrase)
        grams.add(gram)
    return out


# ---------------------------------------------------------------- person
# Notes and requests speak *of* the recipient; a message speaks *to* them.
_SUBJECT = {"he": "you", "she": "you", "he's": "you're", "she's": "you're", "he'd": "you'd", "she'd": "you'd",
            "he'll": "you'll", "she'll": "you'll", "him": "you", "his": "your", "hers": "yours",
            "himself": "yourself", "herself": "yourself"}
_AGREE = {"is": "are", "was": "were", "has": "have", "does": "do", "isn't": "aren't", "wasn't": "weren't",
          "hasn't": "haven't", "doesn't": "don't", "goes": "go"}
# Words between the subject and its verb that leave agreement alone ("she just got", "he recently moved").
_ADVERBS = {"just", "recently", "also", "still", "now", "finally", "already", "never", "always", "often", "even",
            "really", "actually", "only", "then", "once", "kindly"}
# "her" before these is the object ("thank her for", "I owe her a coffee"); before any other word it is the
# possessive ("her team", "on her Payments team", "meet her head of data").
_NOT_A_NOUN = {"a", "an", "the", "this", "that", "these", "those", "at", "in", "on", "for", "to", "with", "about",
               "from", "by", "of", "and", "or", "but", "if", "when", "whether", "last", "next", "yesterday",
               "today", "tomorrow", "again", "too", "so", "know", "how", "what", "why", "where", "who", "now",
               "back", "up", "out", "off", "down", "over", "after", "before", "during", "since", "because", "as",
               "is", "was", "are", "were", "has", "had", "have", "will", "would", "could", "can", "should", "may",
               "might", "do", "did", "does", "some", "any", "my", "our", "your", "me", "us", "once", "soon",
               "later", "personally", "directly", "properly", "first", "than", "into", "via", "through"}
_NAME = "Zzrecipientzz"
_CLAUSE_START = {"", "that", "and", "but", "because", "since", "when", "as", "while", "so", "after", "before", "if"}
_TOKEN = re.compile(r"[A-Za-zÀ-ÿ]+(?:['’][A-Za-z]+)?|[^A-Za-zÀ-ÿ]+")


def _base_verb(verb: str) -> str:
    """Third-person present to the form after 'you': runs -> run, studies -> study, pushes -> push."""
    low = verb.lower()
    if low in _AGREE:
        return _AGREE[low]
    if len(low) > 3 and low.endswith("ies"):
        return verb[:-3] + "y"
    if low.endswith(("ches", "shes", "sses", "xes", "zes", "oes")):
        return verb[:-2]
    if len(low) > 3 and low.endswith("s") and not low.endswith(("ss", "us", "is")):
        return verb[:-1]
    return verb


def _match_case(word: str, like: str) -> str:
    return word[:1].upper() + word[1:] if like[:1].isupper() else word


def second_person(text: str, names: tuple[str, ...] = ()) -> str:
    """Rewrite third-person references to the recipient as second person.

    `names` are how the user may call the recipient ('Grace', 'Grace Hopper'): "Grace's talk" becomes
    "your talk" and "Grace was promoted" becomes "you were promoted". Other people keep their pronouns
    only when named in the same text after the recipient — callers pass text about the recipient.
    """
    for name in sorted((n for n in names if n), key=len, reverse=True):
        # "Aisha, the recruiter at Woodgrove, told me" -> "you told me": the aside only says who they are
        text = re.sub(rf"\b({re.escape(name)}),\s+(?:the|my|our|a|an|his|her)\s[^,.;]{{2,60}},\s*", r"\1 ", text)
        text = re.sub(rf"\b{re.escape(name)}['’]s\b", "your", text)
        text = re.sub(rf"\b{re.escape(name)}\b", _NAME, text)
    tokens = _TOKEN.findall(text)
    out: list[str] = []
    prev_word = ""
    subject_open = False  # the last pronoun was a subject: its verb agrees with "you"
    for i, tok in enumerate(tokens):
        low = fold(tok)
        if not tok[:1].isalpha():
            out.append(tok)
            if tok.strip(" "):
                prev_word = ""  # punctuation starts a new clause
            continue
        if tok == _NAME:
            out.append("you")
            subject_open = fold(prev_word) in _CLAUSE_START
        elif low == "her":
            nxt = next((t for t in tokens[i + 1:] if t.strip()), "")
            possessive = bool(nxt[:1].isalpha()) and fold(nxt) not in _NOT_A_NOUN
            if nxt.strip()[:1] in "'\"“‘":  # "her 'cut the first 30 seconds' rule": a quoted name, then the noun it names
                rest = "".join(tokens[i + 1:])
                after = re.match(r"\s*['\"“‘][^'\"”’]{1,60}['\"”’]\s+([A-Za-z][\w-]*)", rest)
                possessive = bool(after) and fold(after.group(1)) not in _NOT_A_NOUN | STOPWORDS
            out.append(_match_case("your" if possessive else "you", tok))
            subject_open = False
        elif low in _SUBJECT:
            out.append(_match_case(_SUBJECT[low], tok))
            subject_open = low in ("he", "she")
        elif subject_open and low in _ADVERBS:
            out.append(tok)
        elif subject_open:
            out.append(_base_verb(tok))
            subject_open = False
        else:
            out.append(tok)
        prev_word = tok
    said = "".join(out)
    return re.sub(r"([.!?]\s+)(you|your)\b", lambda m: m.group(1) + m.group(2).capitalize(), said)


SIGNOFF = re.compile(r"^\s*(?:((?:with\s+)?(?:best|best regards|kind regards|regards|warm regards|warmest regards|"
                     r"warmly|cheers|thanks|thank you|thanks again|thanks so much|thank you so much|sincerely|all the best|"
                     r"all best|best wishes|warm wishes|many thanks|with thanks|yours|yours sincerely|yours truly|"
                     r"yours faithfully|respectfully|gratefully|with gratitude|take care|talk soon|speak soon|with love|"
                     r"love|warmest|obrigad[ao]|gracias|merci|danke|viele grüße|diolch))\b[ ,!.]*(\s+[A-Z][\w'-]*)?|"
                     r"[-—–]\s*[A-Z][\w'.-]*)\s*$", re.IGNORECASE)
LEADING_GREETING = re.compile(r"^\s*(hi|hello|hey|dear|good (?:morning|afternoon))\b[^,!.\n:-]{0,40}[,!.:-]?\s*",
                              re.IGNORECASE)


def strip_frame(text: str) -> str:
    """A message without its greeting ('Hi Priya,') and sign-off ('Best,\nSam'): what it says."""
    kept: list[str] = []
    for line in text.splitlines():
        if SIGNOFF.match(line):
            break
        kept.append(line)
    return LEADING_GREETING.sub("", "\n".join(kept).strip(), count=1)


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def ensure_period(text: str) -> str:
    text = text.rstrip()
    return text if text.endswith((".", "!", "?")) else text + "."


def counted(n: int, one: str, many: str | None = None) -> str:
    """'1 person', '3 people', '2 notes': a count with the noun in the number it takes."""
    return f"{n} {one if n == 1 else (many or one + 's')}"


SUBJECT_LINE = re.compile(r"^\s*\**subject\**\s*:\s*(.+)$", re.IGNORECASE | re.MULTILINE)

def without_possessive(word: str) -> str:
    """A word without its possessive ending ("Globex's" -> "Globex", "Okafor’s" -> "Okafor")."""
    return re.sub(r"['’]s$", "", word)


# What says a name or a title is not to be used: just before it ("never Bert", "nobody calls her Oluwaseun", 'pls not
# "Dr Castellanos"'), or just after it ('"Dr Castellanos", he hated that', "Henrietta except HMRC").
REFUSED_BEFORE = re.compile(r"\b(?:not|never|no|nobody|no one|no-one|only|dont|don'?t|do not|doesn'?t like|avoid|"
                            r"hates?)\b[^.;\n]{0,25}$|n't\b[^.;\n]{0,25}$", re.IGNORECASE)
REFUSED_AFTER = re.compile(r"[\"”’']?[,;:\s—–-]*(?:(?:\w+\s+){0,2}(?:hated|hates|dislikes?|can'?t stand)\b|"
                           r"(?:except|apart from)\b)", re.IGNORECASE)


def refused(text: str, start: int, end: int) -> bool:
    """Whether the words around text[start:end] (a name, a title) say it is not to be used."""
    # within its own line: "not getting into that" on the line above refuses nothing on this one
    before = text[max(0, start - 30):start].rsplit("\n", 1)[-1]
    return bool(REFUSED_BEFORE.search(before) or REFUSED_AFTER.match(text[end:end + 30].split("\n", 1)[0]))


def _unquoted(text: str) -> str:
    """The text without the quote marks wrapped round all of it; a quote mark at one end only is the text's own
    ('Thank you for "Pressing on"')."""
    return text[1:-1].strip() if len(text) > 1 and text[0] == text[-1] == '"' else text


def clean(text: str) -> tuple[str, str]:
    """Strip model formatting; return (subject, body)."""
    text = _unquoted(text.replace("\r", "").strip())
    text = re.sub(r"```[a-z]*", "", text)
    text = re.sub(r"\*\*|__", "", text)
    subject = ""
    match = SUBJECT_LINE.search(text)
    if match:
        subject = _unquoted(match.group(1).strip())
        text = SUBJECT_LINE.sub("", text, count=1).strip()
    return subject, text


_UNITS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve thirteen "
                                     "fourteen fifteen sixteen seventeen eighteen nineteen".split())}
_TENS = {w: 10 * (i + 2) for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())}


def _spoken_pair(tokens: list[str], i: int) -> tuple[int, int] | None:
    """The number below a hundred that tokens[i:] say ("forty one", "eighteen"), and where it ends."""
    if i < len(tokens) and tokens[i] in _TENS:
        unit = _UNITS.get(tokens[i + 1], 0) if i + 1 < len(tokens) else 0
        return (_TENS[tokens[i]] + unit, i + 2) if 1 <= unit <= 9 else (_TENS[tokens[i]], i + 1)
    if i < len(tokens) and tokens[i] in _UNITS:
        return _UNITS[tokens[i]], i + 1
    return None


_SCALED = re.compile(r"(?<![\w.,])(\d+(?:\.\d+)?)\s?(k|m|bn|mn|thousand|million|billion)(?![a-z])", re.IGNORECASE)
_SCALES = {"k": 1_000, "thousand": 1_000, "m": 1_000_000, "mn": 1_000_000, "million": 1_000_000, "bn": 1_000_000_000,
           "billion": 1_000_000_000}


def scaled_numbers(text: str) -> str:
    """The numbers a note writes with a scale, in full: "50k" and "50 thousand" give '50,000 50000', "1.5m"
    '1,500,000 1500000', so a message's "50,000" is the note's "50k"."""
    out: list[str] = []
    for m in _SCALED.finditer(text):
        value = float(m.group(1)) * _SCALES[m.group(2).lower()]
        if value == int(value):
            out += [f"{int(value):,}", str(int(value))]
    return " ".join(out)


_UNIT_GLUED = re.compile(r"(?<![\w.,])(\d+(?:[.,]\d+)?)(?:[a-zA-Z°%µ]{1,4})\b")


def unit_numbers(text: str) -> str:
    """The numbers a note writes with a unit glued on, bare: "1.8m" and "450kg" give '1.8 450', so a message's
    "1.8 m" is the note's "1.8m"."""
    return " ".join(m.group(1) for m in _UNIT_GLUED.finditer(text))


def spoken_numbers(text: str) -> str:
    """The numbers a dictated note spells out, in digits: "eighteen forty one" 1841, "twenty twenty two" 2022,
    "nineteen oh five" 1905, "two thousand and nine" 2009, "three hundred" 300, "forty five" 45."""
    tokens = re.findall(r"[a-z]+", fold(text))
    out: list[str] = []
    i = 0
    while i < len(tokens):
        found = _spoken_pair(tokens, i)
        if found is None:
            i += 1
            continue
        value, j = found
        for scale, size in (("thousand", 1000), ("hundred", 100)):
            if j < len(tokens) and tokens[j] == scale:
                value, j = value * size, j + 1 + (j + 1 < len(tokens) and tokens[j + 1] == "and")
                rest = _spoken_pair(tokens, j)
                if rest:
                    value, j = value + rest[0], rest[1]
        if 10 <= value <= 99 and j < len(tokens):  # a year said in two halves
            oh = tokens[j] == "oh" and j + 1 < len(tokens) and 1 <= _UNITS.get(tokens[j + 1], 0) <= 9
            rest = (_UNITS[tokens[j + 1]], j + 2) if oh else _spoken_pair(tokens, j)
            if rest and (oh or rest[0] >= 10):
                out.append(str(value * 100 + rest[0]))
                i = rest[1]
                continue
        out.append(str(value))
        i = j
    return " ".join(out)
