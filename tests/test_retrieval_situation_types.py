"""Issue 25, class 2 of retrieval: an article leads only when it serves the situation read. A narrow article (a
close friend's referral, goodbye to clients) declares the types it serves and never takes the lead of a situation
of another type; an unsure reading ranks by meaning but never leads with an article of the other side of who asks
whom, and says it is unsure."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.advice.ranking import by_direction, of_type
from coach.advice.reader import read_situation
from coach.advice.situations import Match
from coach.core.situation import Situation
from coach.retrieval.knowledge import Article, CorpusError, load_article, load_corpus

KNOWLEDGE = Path(__file__).resolve().parents[1] / "coach" / "resources" / "knowledge"


def _article(name: str, directions: list[str], serves: dict | None = None) -> Article:
    return Article(path=f"knowledge/support/{name}.md", title=name, theme="support", directions=directions,
                   serves=serves or {}, body="")


def _ranked(*articles: Article) -> list[Match]:
    return [Match(a, 1.0 - i / 10, 0.5, i + 1) for i, a in enumerate(articles)]


FRIEND = _article("friend-referral", ["declining", "asked"], {"role": ["friend", "relative"], "stake": ["referral"]})
GENERAL = _article("referral-request", ["declining", "asked"])
ASKING = _article("asking-for-a-referral", ["asking"])


@pytest.mark.parametrize("role,stake,leads", [
    ("stranger", "referral", GENERAL),  # a stranger's request: the close-friend article never leads
    ("friend", "reference", GENERAL),  # a friend, but a reference is at stake
    ("", "referral", GENERAL),  # nobody said who: the narrow article is not assumed
    ("friend", "referral", FRIEND),  # what it was written for
])
def test_a_narrow_article_leads_only_a_situation_of_its_type(role, stake, leads):
    reading = Situation(direction="declining", role=role, stake=stake, confidence=0.9)
    assert by_direction(_ranked(FRIEND, GENERAL, ASKING), reading)[0].article is leads


def test_an_unsure_reading_ranks_by_meaning_but_never_leads_with_the_other_side():
    unsure = Situation(direction="declining", confidence=0.5, alternatives=["thanking"])
    thanks = _article("thank-you", ["thanking"])
    ranked = by_direction(_ranked(ASKING, thanks, GENERAL), unsure)
    assert ranked[0].article is thanks  # by meaning, among what serves the reading or its alternative
    asking_unsure = Situation(direction="asking", confidence=0.5, alternatives=["asked"])
    assert by_direction(_ranked(GENERAL, ASKING), asking_unsure)[0].article is ASKING
    assert "(unsure)" in unsure.reading and "(unsure)" not in Situation(direction="declining").reading


def test_the_reading_types_who_the_counterpart_is():
    assert read_situation("A stranger on LinkedIn wants me to refer him").role == "stranger"
    assert read_situation("My old professor could write me a letter").role == "teacher"
    assert read_situation("My old boss keeps asking about our roadmap").role == "former manager"
    assert read_situation("Someone wants me to refer them").role == ""


def test_the_corpus_declares_types_from_the_readers_own_words():
    articles = {a.slug: a for a in load_corpus(KNOWLEDGE)}
    friend = articles["declining-a-close-friend-referral"]
    assert friend.serves == {"role": ["friend", "relative", "former partner"], "stake": ["referral"]}
    assert not of_type(friend, Situation(direction="asked", role="stranger", stake="referral"))
    assert of_type(articles["declining-a-referral-request"], Situation(direction="asked", role="stranger"))


def test_a_type_the_reader_never_gives_is_refused(tmp_path):
    path = tmp_path / "support" / "odd.md"
    path.parent.mkdir()
    path.write_text("---\ntitle: Odd\ntheme: support\ndirections: [asked]\nserves: {role: [landlord]}\n---\n\nText.\n")
    with pytest.raises(CorpusError, match="serves"):
        load_article(path, tmp_path)
