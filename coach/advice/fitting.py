"""A script that says only what the user's situation says.

An article's example message tells its own invented story: "Thanks for the invite again … I'm not taking on
regular coffees", "since we worked together", a deadline, a new manager. `neutral_script` (`coach.advice.scripts`)
turns its names into slots, but the story's nouns and events stay, and a user whose situation has none of them
would be sending claims about a life that is not theirs. Here each sentence of the script is kept only when every
specific content word in it (a word outside the words any message uses, `frame_words.yaml`) is one the user said,
or the typed reading of their situation says; any other sentence is dropped, and the words it would have claimed
are reported. Slots ("[your reason]") are the user's to fill and claim nothing. A script left with no sentence
that carries anything (a slot to fill, or a word of the user's own), or keeping fewer than half its sentences, is
not shown: `Fit.empty` says so, with the
words dropped, so the caller can say why.

The sentences are kept or dropped whole, as the article wrote them: nothing is rewritten.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from coach.advice.stance import declines
from coach.core.situation import Situation
from coach.core.text import LEADING_GREETING, SIGNOFF, STOPWORDS, sentences, stem, words

DATA = Path(__file__).resolve().parent.parent / "resources" / "advice" / "frame_words.yaml"
KEPT_SHARE = 0.5  # a script keeping fewer of its sentences than this share is not shown: its thread is lost
_SLOT = re.compile(r"\[[^\]\n]*\]")
_SUBJECT = re.compile(r"^\s*(subject|re)\s*:\s*", re.IGNORECASE)
_SIGNATURE = "[your name]"
# Closings for family and close friends only: an article's writer may sign so, the user's counterpart may not fit it.
_INTIMATE = re.compile(r"^(?:love|lots of love|all my love|hugs|xx+|xoxo|kisses)\W*$", re.IGNORECASE)
# The part before an apostrophe that makes a contraction of the message's own frame ("i'm", "don't", "you'd").
_NOUNS_IN_LY = frozenset("family supply reply ally italy july assembly rally belly bully anomaly monopoly".split())
_CONTRACTED = frozenset("i you we they he she it that there here what who let don can won isn didn wasn aren weren "
                        "couldn wouldn shouldn haven hasn hadn doesn".split())


@lru_cache(maxsize=1)
def frame() -> frozenset[str]:
    """The stems of the words any message uses, read once."""
    data = {k: v for k, v in (yaml.safe_load(DATA.read_text(encoding="utf-8")) or {}).items() if k != "stakes"}
    return frozenset(stem(w) for group in data.values() for w in group for w in words(str(w)))


KNOWLEDGE = DATA.parent.parent / "knowledge"
COMMON_SHARE = 0.154  # a word used in this share of the guidance articles (about one in six) is advice's own
# vocabulary, not one story's detail; a share, so that adding articles does not turn a story's word into advice's


@lru_cache(maxsize=1)
def corpus_common() -> frozenset[str]:
    """The stems the guidance corpus uses in many articles ('invite', 'call', 'mistake'): a script's word among
    them tells no story of its own; a word only one or two articles use ('gearbox', 'handover') does."""
    seen: dict[str, int] = {}
    paths = list(KNOWLEDGE.rglob("*.md"))
    for path in paths:
        for s in {stem(p) for w in words(path.read_text(encoding="utf-8")) for p in _parts(w)}:
            seen[s] = seen.get(s, 0) + 1
    common_in = max(2, round(len(paths) * COMMON_SHARE))
    return frozenset(s for s, n in seen.items() if n >= common_in)


@lru_cache(maxsize=1)
def stake_words() -> dict[str, str]:
    """The words that name each stake, as one text per stake."""
    data = yaml.safe_load(DATA.read_text(encoding="utf-8")) or {}
    return {stake: " ".join(map(str, ws)) for stake, ws in (data.get("stakes") or {}).items()}


def _parts(word: str) -> list[str]:
    """A word as the parts that carry meaning: 'ex-colleague' -> ex, colleague; "friend's" -> friend; a
    contraction of the frame ("i'm", "don't") -> none."""
    base, _, tail = word.replace("’", "'").partition("'")
    if tail and (base in _CONTRACTED or base in STOPWORDS):
        return []
    return [p for p in re.split(r"[-.+#]", base) if p]


def stems_of(text: str) -> set[str]:
    """The stems of every word of `text` (its parts, for a hyphenated word)."""
    return {stem(p) for w in words(text) for p in _parts(w)}


def specific(sentence: str) -> list[str]:
    """The content words of a sentence that tell a story of its own: not slots, stop words or the frame's."""
    bare = _SLOT.sub(" ", sentence)
    out: list[str] = []
    for word in words(bare):
        for part in _parts(word):
            if len(part) >= 3 and part not in STOPWORDS and not part.isdigit() and stem(part) not in frame() \
                    and stem(part) not in corpus_common() and not _adverb(part):
                out.append(part)
    return out


def _adverb(word: str) -> bool:
    """A manner word ('plainly', 'closely'): it says how, not what happened."""
    return word.endswith("ly") and len(word) > 4 and word not in _NOUNS_IN_LY


@dataclass
class Fit:
    """A script cut to the user's situation: what is kept, and the words of the sentences dropped."""

    script: str
    dropped: list[str] = field(default_factory=list)  # the unsupported words, in order, each once

    @property
    def empty(self) -> bool:
        return not self.script


def _unsaid(sentence: str, known: set[str]) -> list[str]:
    return [w for w in specific(sentence) if stem(w) not in known]


def _carries(sentence: str) -> bool:
    """Whether a kept sentence gives the user something: a slot to fill (other than a name) or a word of theirs."""
    slots = [s for s in _SLOT.findall(sentence) if s not in ("[name]", _SIGNATURE)]
    return bool(slots) or bool(specific(sentence))


def fitted(script: str, known: str) -> Fit:
    """`script` with every sentence that states something `known` (the user's words and the reading) does not say
    dropped; empty when no sentence that carries anything is left."""
    if not script.strip():
        return Fit("")
    said = stems_of(known)
    dropped: list[str] = []
    lines = script.split("\n")
    body = [i for i, ln in enumerate(lines) if ln.strip()]
    closing = _closing(lines, body)
    out: list[str] = []
    carried = False
    greeted = False
    total = kept_count = 0
    for i, line in enumerate(lines):
        if not line.strip():
            out.append("")
            continue
        if _SUBJECT.match(line):
            unsaid = _unsaid(line[_SUBJECT.match(line).end():], said)
            dropped += unsaid
            if not unsaid:
                out.append(line)
            continue
        if line.strip() == _SIGNATURE:
            out.append(line)
            continue
        if i in closing:  # "Best," keeps; "Love," or "Wishing you luck with the search," only when it fits
            if (SIGNOFF.match(line) and not _INTIMATE.match(line.strip())) or \
                    (len(line.split()) > 1 and not _unsaid(line, said)):
                out.append(line)
            continue
        head = ""
        if not greeted:
            greeted = True
            match = LEADING_GREETING.match(line)
            if match:
                head, line = line[: match.end()].rstrip(), line[match.end():]
        kept = []
        for sentence in sentences(line):
            total += 1
            unsaid = _unsaid(sentence, said)
            if unsaid:
                dropped += unsaid
                continue
            kept.append(sentence)
            kept_count += 1
            carried = carried or _carries(sentence)
        if head or kept:
            out.append(" ".join([head, *kept]).strip() if head and kept else (head or " ".join(kept)))
    if not carried or kept_count < KEPT_SHARE * total:  # what is left is fragments of another story
        return Fit("", list(dict.fromkeys(dropped)))
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip()
    return Fit(text, list(dict.fromkeys(dropped)))


def _closing(lines: list[str], filled: list[int]) -> set[int]:
    """The sign-off line: the short line before the signature ('Best,', 'Love,', 'Wishing you luck with X,')."""
    signature = [i for i in filled if lines[i].strip() == _SIGNATURE]
    if not signature:
        return set()
    before = [i for i in filled if i < signature[-1]]
    if before and lines[before[-1]].rstrip().endswith((",", "!")) and len(lines[before[-1]].split()) <= 8:
        return {before[-1]}
    return set()


def _said(script: str) -> str:
    """A script's sentences, without its greeting, sign-off and signature lines (three words or fewer)."""
    return "\n".join(line for line in script.split("\n") if len(line.split()) > 3)


def _title(title: str) -> str:
    return f"\u201c{title}\u201d"


def fitted_script(script: str, example: str, situation: Situation | None, text: str, title: str) -> tuple[str, str]:
    """(the script to show, a note saying why there is none): a user weighing a request (an 'asked' reading that
    asks whether to, or whether it is fair) gets steps for deciding and no message; one who asks what to say gets
    none that says no for them (the example declines); otherwise the script cut to what the situation says."""
    if situation is not None and situation.direction == "asked":
        if situation.question in ("whether", "is-it-fair"):
            return "", ("No message yet: you are still deciding, so the steps are for deciding first. Tell me what "
                        "you decide (to say yes, or no) and I will give you words for it.")
        if declines(example):
            return "", (f"No message to adapt: the one in {_title(title)} says no, and you have not said you want "
                        f"to. Tell me if you decide to say no and I will give you words for it.")
    reading = "" if situation is None else " ".join(
        [situation.phrase(), *(stake_words().get(s, "") for s in {situation.stake, *situation.stakes} if s)])
    known = f"{text}\n{reading}"
    fit = fitted(script, known)
    direction = situation.direction if situation is not None else ""
    if not fit.empty and direction in ("declining", "repairing") and len(sentences(_said(fit.script))) < \
            len(sentences(_said(script))):
        fit = Fit("", fit.dropped)  # a no or an apology with a sentence missing loses its thread ('…, though.')
    if fit.empty and script.strip():
        told = ", ".join(f"\u2018{w}\u2019" for w in fit.dropped[:4])
        return "", (f"No message to adapt: the one in {_title(title)} tells details of another story ({told}) "
                    f"that yours does not, and without them it says nothing. The steps still apply.")
    return fit.script, ""
