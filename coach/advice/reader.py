"""The situation as data: who acts, toward whom, over what, since when, and what the user already did.

Before any article is ranked, the user's words are read into a typed `Situation`. Its direction is what
the ranking keeps to (someone declining a referral never gets the article on asking for one) and its
one-line reading is shown at the top of every answer, so a misreading is visible and can be corrected.

Embedded tier: rules for the unmistakable phrasings ("I want to say no", "she asked me to"), else a
nearest-centroid classifier over MiniLM embeddings of labelled phrasings (`coach.advice.phrasebook`), cached
per embedding model. Capable tier: the model fills the same pydantic schema (structured output through
the model seam); an answer that does not validate falls back to the embedded reading. Counterpart, stake,
time and what the user did come from the user's words only: nothing is filled in that they did not say.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import ValidationError

from coach.advice.clauses import requests, who_asks
from coach.advice.cues import CUES, RELUCTANT, TRAITS
from coach.advice.phrasebook import PHRASINGS
from coach.advice.questions import deciding, read_question
from coach.advice.stakes import (  # noqa: F401
    asked_for,
    read_counterpart,
    read_role,
    read_stake,
    read_stakes,
    reference_of_user,
)
from coach.advice.stance import attitudes, awaits_answer, declines, gave_already, read_stance, seeks
from coach.core.files import replacing
from coach.core.situation import SURE, Situation  # noqa: F401  (re-exported)

FLOOR = 0.35  # below this cosine with every direction's phrasings the words are read as 'other'
UNSURE = 0.5  # the confidence of a reading the rules and the classifier (or the clauses) disagree on
MARGIN = 0.03  # the classifier is sure when its best direction is this much closer than the next

_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\b(?:" + "|".join(cues) + r")\b", re.IGNORECASE), direction) for direction, cues in CUES]
_RELUCTANT = re.compile(r"\b(?:" + "|".join(RELUCTANT) + r")\b", re.IGNORECASE)
_ASKED_FIRST = next(p for p, d in _RULES if d == "asked")  # "she asked me to…": in a decline, the counterpart asked first
_TRAITS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\b(?:" + "|".join(cues) + r")\b", re.IGNORECASE), trait) for trait, cues in TRAITS]
LATE_UNITS = ("month", "year")  # a time said in these units is long enough for the act to be late
_NUMBER = r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a couple of|a few|few|several)"
_AGO = re.compile(rf"\b({_NUMBER})\s+(day|week|month|year)s?\s+(?:ago|back|now|later)\b|"
                  rf"\b(?:for|in|after|about|over|almost|nearly)\s+({_NUMBER})\s+(day|week|month|year)s?\b",
                  re.IGNORECASE)
_DONE = re.compile(r"\bI(?:'ve| have)?\s+(?:already\s+)?(sent|asked|emailed|messaged|applied|followed up|reached out|"
                   r"called|told|wrote|pinged|offered|apologi[sz]ed|introduced|said yes|agreed)\b[^.!?;]*",
                   re.IGNORECASE)


# ------------------------------------------------------------------ parts read by rules
_WORD_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a couple of": 2, "a few": 3,
                 "few": 3, "several": 3}


def read_ago(text: str) -> tuple[float | None, str | None]:
    match = _AGO.search(text)
    if not match:
        return None, None
    number, unit = (match.group(1), match.group(2)) if match.group(1) else (match.group(3), match.group(4))
    value = float(number) if number.isdigit() else float(_WORD_NUMBERS[number.lower()])
    return value, unit.lower()


def read_traits(text: str, ago_unit: str | None = None) -> list[str]:
    """The circumstances the words tell (`coach.core.situation.TRAITS`), in the trait list's order: a cue of each,
    or for lateness a time said in months or years."""
    found = {trait for pattern, trait in _TRAITS if pattern.search(text)}
    if ago_unit in LATE_UNITS:
        found.add("late")
    return [trait for trait, _ in TRAITS if trait in found]


def read_done(text: str) -> str:
    match = _DONE.search(text)
    return " ".join(match.group(0).split()[:14]) if match else ""


# Who wants what from whom: the user wanting something of someone, or someone wanting something of the user. An
# unsure reading never leads with an article that serves only the other side.
SIDES: dict[str, str] = {"asking": "user asks", "following-up": "user asks", "reconnecting": "user asks",
                         "asked": "user is asked",
                         "declining": "user is asked"}


def opposite(a: str, b: str) -> bool:
    """Whether two directions are on opposite sides of who asks whom."""
    return a in SIDES and b in SIDES and SIDES[a] != SIDES[b]


def read_rules(text: str) -> str | None:
    """The direction the rules read: a stance cue (saying no, mending, chasing, thanking, news, starting out) in
    order of precedence; who asks whom from the clauses' structure (`coach.advice.clauses`), the cue lists'
    'asked'/'asking' only where no clause says; asked by someone the user says they cannot stand behind reads as
    a decline being weighed; asked, and the user says they already did it, the aftermath is to be put right."""
    return _read_rules(text)[0]


def _read_rules(text: str) -> tuple[str | None, str | None, bool, bool]:
    """The rules' reading (`_rules`), where someone asked the user and the user asks how to decide, what they may
    say or whether their stance is fair (`coach.advice.questions`), and says no refusal of their own: 'asked', the
    user weighing the request, never a no they did not say."""
    direction, contrary, who_only, agreed = _rules(text)
    if direction == "declining" and _someone_asked(text) and deciding(text, read_question(text)):
        return "asked", None, False, True  # the question settles it: no second opinion offers the no back
    return direction, contrary, who_only, agreed


def _someone_asked(text: str) -> bool:
    return who_asks(text) == "asked" or bool(_ASKED_FIRST.search(text)) or \
        any(r.asked == "user" and not r.offer for r in requests(text))


# The other side wronged the user: bullying, abuse, a bad reference, being run down.
_WRONGED = re.compile(r"\b(?:bull(?:ied|ies|ying) me|(?:emotionally |verbally )?abusive|harass(?:ed|ing) me|"
                      r"(?:gave|give|giving|given) me (?:a |an )?(?:bad|poor|negative|terrible|awful) reference|"
                      r"(?:bad|poor|negative) reference)\b", re.IGNORECASE)
# A wrong between the two, not only a silence: then a lapse the user owns is a repair. Only words the repairing cues
# do not list: where one of those matches, the cue read is 'repairing' (it precedes 'reconnecting' in CUES).
_WRONG_DONE = re.compile(r"\b(?:apologi[sz]\w*|sorry|rude|snapped|argument|fight|row|disagree\w*|blew up|upset|hurt|"
                         r"angry|offended|insult\w*|ghosted|betray\w*|let (?:him|her|them) down)\b", re.IGNORECASE)
# The user asks whom else to use or ask: "who do I use?", "who should I list instead?"
_WHOM_ELSE = re.compile(r"\bwho(?:m)?\s+(?:do|should|can|could|would)\s+I\s+(?:use|ask|list|put|give|name)\b",
                        re.IGNORECASE)
# Someone refuses the user, or will: "she won't give me a reference", "he refused", "trash me".
_REFUSED = re.compile(r"\b(?:won'?t|wouldn'?t|will not|would not|refused?|refuses|declined|not going to)\s+"
                      r"(?:\w+\s+){0,2}(?:give|write|provide|be)\b|\b(?:trash|badmouth|sabotag)\w*\b",
                      re.IGNORECASE)


def _rules(text: str) -> tuple[str | None, str | None, bool, bool]:
    """(direction, a contrary reading the structure gives, whether only who-asks-whom was read: no stance, whether
    the user's own clauses and a cue both read a decline: two rules agreeing on a no need no second opinion)."""
    cue = next((direction for pattern, direction in _RULES if pattern.search(text)), None)
    structure = who_asks(text)
    if cue == "reconnecting" and structure == "asked":  # the one who got back in touch asks the user something
        cue = None
    contrary = None
    asked = structure == "asked" or cue == "asked" or any(r.asked == "user" and not r.offer for r in requests(text))
    stance = read_stance(text, asked)
    if cue == "repairing" and stance is None and not asked and _WRONGED.search(text) and \
            not re.search(r"\bapologi[sz]", text, re.IGNORECASE):
        cue = "other"  # "my supervisor bullied me and now gives me a bad reference": the user was wronged, and
        # what to do about it is no apology of theirs
    if cue == "repairing" and stance is None and asked and awaits_answer(text):
        cue = None  # "he blamed me for everything … now he's asked me for a recommendation and I ignored it": the
        # request the user has not answered is the matter, not the old rift
    stance = "asked" if stance == "agreeing" else stance
    if stance == "repairing" and cue == "reconnecting" and not _WRONG_DONE.search(text):
        stance = cue  # "I neglected my old contacts", "we fell out of touch": a lapse of contact, no wrong to put right
    if stance:  # the user's own clauses say what they make of it: this beats the stance cue lists
        if structure and opposite(stance, structure):
            contrary = structure
        return stance, contrary, False, cue == stance == "declining"
    if cue == "declining" and declines(text):  # "how do I back out" and "I don't want to go on": a no, twice
        return cue, structure if structure and opposite(cue, structure) else None, False, True
    if cue in (None, "asked", "asking"):
        direction = structure or cue or ("asking" if seeks(text) else None)
    else:
        direction = cue
        if structure and opposite(cue, structure):  # "I want to ask her, but what if she says no?"
            contrary = structure
    if direction == "asked" and gave_already(text):  # asked, and the user already did it: what followed is the
        return "repairing", None, False, False  # matter ("I passed her CV on and she ranted at the recruiter")
    if direction == "asked" and _RELUCTANT.search(text):
        return "declining", contrary, False, False
    return direction, contrary, cue in (None, "asked", "asking"), False


# ------------------------------------------------------------------ the classifier
_CENTROIDS: dict[str, tuple[list[str], np.ndarray]] = {}


def _unit(rows: Any) -> np.ndarray:
    matrix = np.atleast_2d(np.asarray(rows, dtype=np.float32))
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1.0, norms)


def centroids(embeddings: Any, key: str, cache_dir: Path | None = None) -> tuple[list[str], np.ndarray]:
    """One unit centroid per direction over its labelled phrasings: from memory, the cache file, or embedded."""
    labels = list(PHRASINGS)
    texts = [t for d in labels for t in PHRASINGS[d]]
    digest = hashlib.sha256(json.dumps([key, texts]).encode()).hexdigest()[:20]
    if digest in _CENTROIDS:
        return _CENTROIDS[digest]
    path = cache_dir / f"directions-{digest}.npy" if cache_dir else None
    matrix = None
    if path is not None and path.is_file():
        try:
            matrix = np.load(path)
        except (OSError, ValueError):
            matrix = None
    if matrix is None or matrix.shape[0] != len(labels):
        vectors = _unit(embeddings.embed_documents(texts))
        rows, start = [], 0
        for d in labels:
            rows.append(vectors[start: start + len(PHRASINGS[d])].mean(axis=0))
            start += len(PHRASINGS[d])
        matrix = _unit(rows)
        if path is not None:
            with replacing(path) as tmp, tmp.open("wb") as fh:
                np.save(fh, matrix)
    _CENTROIDS[digest] = (labels, matrix)
    return labels, matrix


def classify(query: np.ndarray, labels: list[str], matrix: np.ndarray) -> tuple[str, float, list[str]]:
    """(direction, confidence, runners-up) from the cosine of the words with each direction's centroid."""
    sims = matrix @ _unit(query)[0]
    order = [int(i) for i in np.argsort(-sims)]
    if float(sims[order[0]]) < FLOOR:  # close to no direction at all: a situation of its own kind
        return "other", 0.5, [labels[i] for i in order[:2] if labels[i] != "other"]
    margin = float(sims[order[0]] - sims[order[1]])
    confidence = min(1.0, 0.5 + margin / (2 * MARGIN) * 0.1 + 0.05) if margin < MARGIN else min(1.0, 0.6 + margin)
    return labels[order[0]], round(confidence, 3), [labels[i] for i in order[1:3]]


def read_situation(text: str, contacts: list[Any] = (), *, embeddings: Any = None, query: np.ndarray | None = None,
                   key: str = "", cache_dir: Path | None = None) -> Situation:
    """The embedded reading: rules, else the classifier (when embeddings are given), else 'other' unsure."""
    counterpart, counterpart_id = read_counterpart(text, contacts)
    number, unit = read_ago(text)
    base = dict(counterpart=counterpart, counterpart_id=counterpart_id, role=read_role(text), stake=read_stake(text),
                ago_number=number, ago_unit=unit, traits=read_traits(text, unit), done=read_done(text),
                asked_first=bool(_ASKED_FIRST.search(text)), question=read_question(text))
    # "my mentor": the mentorship is no stake
    base["stakes"] = [s for s in read_stakes(text) if not (counterpart and s.removesuffix("ship") in counterpart)]
    if base["stake"] not in base["stakes"]:
        base["stake"] = ""
    base["asked_for"] = base["stake"] in asked_for(text)  # else it is only mentioned: no request for it is shown
    base["asked_first"] = base["asked_first"] or who_asks(text) == "asked"
    base["reference_of_user"] = "reference" in base["stakes"] and reference_of_user(text)
    return own_side(_read(text, base, embeddings, query, key, cache_dir), text)


def own_side(situation: Situation, text: str) -> Situation:
    """A reading where the reference at stake is the user's own ("my boss will give me a bad reference", "who do I
    use as my referees?") read on the user's side: someone gave or will give a poor one, or refuses, and the user
    does not ask whom else to use ('other': no apology or thanks of theirs is the matter); asked or declining,
    which would make the user the referee, become asked already and waiting ('following-up') or needing one
    ('asking')."""
    if not situation.reference_of_user:
        return situation
    if (_WRONGED.search(text) or _REFUSED.search(text)) and not _WHOM_ELSE.search(text):
        direction = "other"
    elif situation.direction in ("asked", "declining"):
        asked_already = any(r.asker == "user" and r.verb == "asked" for r in requests(text))
        direction = "following-up" if asked_already else "asking"
    elif situation.direction == "other":
        direction = "other"
    else:
        return situation
    return situation.model_copy(update={"direction": direction, "confidence": max(situation.confidence, 0.9),
                                        "alternatives": [], "asked_first": False})


def _read(text: str, base: dict[str, Any], embeddings: Any, query: np.ndarray | None, key: str,
          cache_dir: Path | None) -> Situation:
    ruled, contrary, who_only, agreed = _read_rules(text)
    if embeddings is None:
        if ruled:
            return Situation(direction=ruled, confidence=UNSURE if contrary else 0.9, source="rules",
                             alternatives=[contrary] if contrary else [], **base)
        return Situation(direction="other", confidence=0.3, source="rules", **base)
    labels, matrix = centroids(embeddings, key or type(embeddings).__name__, cache_dir)
    vector = query if query is not None else np.asarray(embeddings.embed_query(text), dtype=np.float32)
    direction, confidence, others = classify(vector, labels, matrix)
    if not ruled:
        return Situation(direction=direction, confidence=confidence, alternatives=others, source="classifier", **base)
    # The phrasebook classifier is a second opinion. Where only who asks whom was read, its direction on the same
    # side says what the user makes of it (asked, and wants to say no: declining; asked, and no word since:
    # following-up). Where it is sure of another direction, or the clauses say the other side, the reading is
    # shown as unsure with the other reading offered.
    # Asked, and the user says what they think or do but none of it is a no (`coach.advice.stance`): the
    # classifier's 'declining' is only offered; the user's own clauses decide declining from agreeing. Where the
    # user says nothing of themselves, the classifier is the second opinion below.
    if ruled == "asked" and direction == "declining" and who_only and attitudes(text):
        return Situation(direction=ruled, confidence=UNSURE, alternatives=[direction], source="rules", **base)
    # A request the user's clauses read is not made a reconnection by the classifier alone: no words of a silence
    # were read (those are cues), so the request stays the reading and the reconnection is offered.
    if ruled == "asking" and direction == "reconnecting":
        return Situation(direction=ruled, confidence=0.9, alternatives=[direction], source="rules", **base)
    if who_only and not contrary and direction != ruled and SIDES.get(direction) == SIDES.get(ruled):
        return Situation(direction=direction, confidence=max(confidence, UNSURE), alternatives=[ruled],
                         source="rules", **base)
    second = contrary or (direction if direction not in (ruled, "other") and confidence >= SURE and not agreed
                          else None)
    if second:
        return Situation(direction=ruled, confidence=UNSURE, alternatives=[second], source="rules", **base)
    return Situation(direction=ruled, confidence=0.9, source="rules", **base)


def read_with_model(text: str, model: Any, fallback: Situation) -> Situation:
    """The capable reading: the model fills the Situation schema; what it cannot back from the words is dropped
    (a time the user never said, a contact id not in the fallback), and an invalid answer keeps `fallback`."""
    from coach.config.prompts import load_prompt

    prompt = load_prompt("situation")
    schema = {k: v for k, v in Situation.model_json_schema()["properties"].items()
              if k not in ("confidence", "alternatives", "source", "traits")}
    try:
        reply = str(model.invoke(prompt.messages(text=text, schema=json.dumps(schema)), max_tokens=300,
                                 temperature=0).content)
        raw = json.loads(reply[reply.index("{"): reply.rindex("}") + 1])
        read = Situation.model_validate({k: v for k, v in raw.items() if k in schema})
    except (ValueError, ValidationError):
        return fallback
    if read.ago_number is not None and fallback.ago_number is None:  # the user said no time: none is kept
        read.ago_number, read.ago_unit = None, None
    read.counterpart_id, read.traits = fallback.counterpart_id, fallback.traits  # traits are typed by the rules
    if fallback.counterpart_id is not None:
        read.counterpart = fallback.counterpart
    return read.model_copy(update={"confidence": 0.9, "source": "model"})


def compatible(article_directions: list[str], direction: str) -> bool:
    """Whether an article serves a reading's direction ('other' is served by anything; an article that lists
    no directions serves any)."""
    return direction == "other" or not article_directions or direction in article_directions


def reconciled(situation: Situation, article_directions: list[str]) -> Situation:
    """A classifier's reading checked against the best-fitting article: the classifier is weaker evidence than
    the rules or a model, so when the article does not serve its direction, the article's direction that the
    classifier ranked next is taken; if none, the reading is unsure and asks back with the article's."""
    if situation.source != "classifier" or not article_directions or \
            compatible(article_directions, situation.direction):
        return situation
    ranked = [d for d in situation.alternatives if d in article_directions]
    if ranked:
        return situation.model_copy(update={"direction": ranked[0], "alternatives": [situation.direction]})
    return situation.model_copy(update={"confidence": min(situation.confidence, 0.5),
                                        "alternatives": [article_directions[0]]})
