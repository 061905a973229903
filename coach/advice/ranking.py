"""Which article leads for a situation read: the ranking by meaning (`coach.advice.situations`) reordered by the
reading's typed fields.

1. Direction: the lead serves the direction read (a decline never leads with an asking article); an unsure reading
   keeps the ranking by meaning among the articles serving it or the direction it offers instead.
2. Type: an article written for a type of situation (`serves`: a close friend, a client) leads only a reading of
   that type.
3. Topic: among those, an article about the thing at stake (`about`: a reference, a referral, an introduction, a
   connection, a job offer…) leads, an article declaring no stake comes next, and one about other stakes only
   comes last, so the thing asked for weighs more than the words that surround it.
"""

from __future__ import annotations

from coach.advice.reader import Situation, compatible, opposite
from coach.advice.scripts import PERSONAL, kind_of, written_to
from coach.advice.situations import Match
from coach.retrieval.knowledge import Article

TOPICAL = ("asking", "asked", "declining")  # where the thing asked for decides which article answers
TOPIC_DEPTH = 6  # how many of the nearest by meaning the stake may reorder

def by_direction(matches: list[Match], situation: Situation) -> list[Match]:
    """The matches reordered so that the lead serves the situation read, each group kept as ranked.

    A sure reading puts the articles serving its direction first: a decline never leads with an asking article.
    An unsure one (shown as a question) keeps the ranking by meaning among the articles serving the reading or
    the direction it offers instead ('other' offered widens nothing), and an article serving only the other side
    of who asks whom (asking against asked or declining) never leads; where the lead serves only the offered
    direction, the reading takes that one (`following`), so the lead always serves the direction shown. Either way an article written
    for a type of situation (`serves`: a close friend, a client, a reference) leads only when the reading is of
    that type, so a narrow article never takes the lead of a situation it was not written for.
    """
    if situation.unsure or situation.source == "classifier":  # the classifier was reconciled with the ranking
        near = [m for m in matches if not other_side(m.article.directions, situation.direction)]
        readings = [situation.direction, *[d for d in situation.alternatives[:1] if d != "other"]]
        fits = [m for m in near if any(serves(m.article.directions, d) for d in readings)] or near
    else:
        fits = [m for m in matches if compatible(m.article.directions, situation.direction)]
    if situation.reference_of_user:  # the user needs the reference: advice for the one who gives it never leads
        fits = [m for m in fits if not for_referee(m.article)] or fits
        if situation.direction == "other":  # a poor or refused one: advice written for that, not for thanks or asks
            fits = [m for m in fits if "other" in m.article.directions] or fits
    typed = [m for m in fits if of_type(m.article, situation)]
    first = by_topic(typed or fits or matches, situation)
    return first + [m for m in matches if all(m is not f for f in first)]


def by_topic(matches: list[Match], situation: Situation) -> list[Match]:
    """Where a request is the crux (asking, asked, declining), the nearest TOPIC_DEPTH by meaning reordered by what
    is at stake (`on_topic`), each group kept as ranked; the rest after them as ranked."""
    if situation.direction not in TOPICAL and not (situation.direction == "other" and situation.reference_of_user):
        return matches
    near = sorted(matches[:TOPIC_DEPTH], key=lambda m: on_topic(m.article, situation))  # stable: by meaning
    return near + matches[TOPIC_DEPTH:]


def serves(article_directions: list[str], direction: str) -> bool:
    """Whether an article is written for `direction` (any article serves a reading of no direction, 'other', but
    an 'other' offered beside a direction widens nothing)."""
    return compatible(article_directions, direction)


def following(situation: Situation, article_directions: list[str]) -> Situation:
    """An unsure reading whose lead serves only the direction it offered instead: that direction is read (still
    unsure, the first one offered back), so the lead never serves another direction than the one shown."""
    if not situation.unsure or compatible(article_directions, situation.direction):
        return situation
    offered = [d for d in situation.alternatives if d != "other" and compatible(article_directions, d)]
    if not offered:
        return situation
    rest = [situation.direction] + [d for d in situation.alternatives if d != offered[0]]
    return situation.model_copy(update={"direction": offered[0], "alternatives": rest})


def another_side(situation: Situation, article_directions: list[str]) -> bool:
    """Whether the lead's script speaks for another side of the situation than the one read: the article does
    not serve the direction read (an apology where the user was wronged, a referral ask in a decline). The
    ranking keeps such a lead only where no article near serves the reading (`by_direction`)."""
    if situation.direction == "other" and situation.reference_of_user:  # a poor or refused reference of the user's:
        return bool(article_directions) and "other" not in article_directions  # no words asking anyone for one
    if not article_directions or situation.direction == "other":
        return False
    return not compatible(article_directions, situation.direction)


def other_side(article_directions: list[str], direction: str) -> bool:
    """Whether an article serves only the other side of who asks whom than `direction` does."""
    return not compatible(article_directions, direction) and any(opposite(d, direction) for d in article_directions)


def of_type(article: Article, situation: Situation) -> bool:
    """Whether the reading is of a type the article declares it serves (any, when it declares none): every
    dimension it declares must match, the stake on the set of stakes the user mentioned."""
    read = {"role": {situation.role}, "stake": set(situation.stakes) | {situation.stake}, "trait": set(situation.traits)}
    if not all((read[key] - {""}) & set(values) for key, values in article.serves.items()):
        return False
    # a personal tie (a sister, an ex, a friend) is not of the type of an article written to a work relation (its
    # title's or a third of its situations' role word: a former colleague, a recruiter), whose advice leans on
    # knowing the person's work; a work relation may still take an article about a personal tie under pressure
    kinds = written_to(article) if situation.role and "role" not in article.serves else set()
    return not kinds or kind_of(situation.role) != PERSONAL or PERSONAL in kinds


def for_referee(article: Article) -> bool:
    """Whether an article is written for the one asked to give a reference (about a reference, serving only being
    asked or declining): never the lead for a user whose own reference is at stake."""
    return "reference" in article.about and bool(article.directions) and \
        set(article.directions) <= {"asked", "declining"}


def on_topic(article: Article, situation: Situation) -> int:
    """0 when the article is about the reading's stake, 1 when it declares no stake (or nothing is at stake), 2 when
    it is about other stakes only."""
    if not article.about or not situation.stake:
        return 1
    return 0 if situation.stake in article.about else 2


def about_another_thing(article: Article, situation: Situation) -> bool:
    """Whether the article's message is about another thing than the one at stake (a job offer's script for a
    referral): its words would have to be rewritten, so it is not offered as a message to adapt."""
    return on_topic(article, situation) == 2
