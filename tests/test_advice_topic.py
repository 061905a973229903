"""The lead is about the thing asked for: the reading's stake comes from the sentence that tells the request (a
reference asked for beats a referral bonus mentioned in passing), and among the articles serving the direction
read, one about that stake (`about:` in its front matter) leads one about another. Wordings are ours, none from
any eval case."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.advice.ranking import TOPIC_DEPTH, by_direction
from coach.advice.reader import read_situation, read_stake
from coach.advice.situations import Match
from coach.core.situation import Situation
from coach.retrieval.knowledge import Article, CorpusError, load_article, load_corpus

KNOWLEDGE = Path(__file__).resolve().parents[1] / "coach" / "resources" / "knowledge"


def _article(name: str, directions: list[str], about: list[str] | None = None) -> Article:
    return Article(path=f"knowledge/support/{name}.md", title=name, theme="support", directions=directions,
                   about=about or [], body="")


def _ranked(*articles: Article) -> list[Match]:
    return [Match(a, 1.0 - i / 20, 0.5, i + 1) for i, a in enumerate(articles)]


REFERRAL = _article("saying-no-to-a-referral", ["declining", "asked"], ["referral"])
GENERAL = _article("a-favour-you-cannot-do", ["declining", "asked"])
REFERENCE = _article("saying-no-to-being-a-reference", ["declining", "asked"], ["reference"])
CHASE = _article("chasing-a-reference", ["following-up"], ["reference"])
SILENCE = _article("no-reply", ["following-up"])


@pytest.mark.parametrize("text,stake", [
    ("Our new hire asked me to be her reference for a mortgage broker. She keeps joking about my referral bonus.",
     "reference"),
    ("An old housemate wants me to slip his CV to the people running our graduate scheme.", "referral"),
    ("A PhD student wants me to hand her résumé to our lab director.", "referral"),
    ("A sales rep I've never met wants to connect with me on LinkedIn and I keep getting his invites.",
     "connection"),
    ("A reader of my newsletter wants me to write a note introducing him to my publisher.", "introduction"),
    ("The startup made me an offer last week, but I took another role. How do I turn the offer down?",
     "job offer"),
])
def test_the_stake_is_the_thing_asked_for(text, stake):
    assert read_stake(text) == stake


def test_the_lead_is_about_the_stake_among_the_articles_serving_the_direction():
    reference = Situation(direction="declining", stake="reference", confidence=0.9)
    assert by_direction(_ranked(REFERRAL, GENERAL, REFERENCE), reference)[0].article is REFERENCE
    # about another stake only: after an article that declares none
    assert [m.article for m in by_direction(_ranked(REFERRAL, GENERAL), reference)] == [GENERAL, REFERRAL]
    # nothing at stake: the ranking by meaning stands
    plain = Situation(direction="declining", confidence=0.9)
    assert by_direction(_ranked(REFERRAL, GENERAL, REFERENCE), plain)[0].article is REFERRAL
    # only where a request is the crux and only near the top (below)
    # a reply that never came is the situation, whatever was asked for
    chasing = Situation(direction="following-up", stake="reference", confidence=0.9)
    assert by_direction(_ranked(SILENCE, CHASE), chasing)[0].article is SILENCE
    # an article far down by meaning is not pulled to the lead by its stake
    far = [_article(f"general-{i}", ["declining"]) for i in range(TOPIC_DEPTH)]
    assert by_direction(_ranked(*far, REFERENCE), reference)[0].article is far[0]


def test_a_reference_decline_leads_with_the_reference_article_in_the_corpus():
    articles = {a.slug: a for a in load_corpus(KNOWLEDGE)}
    assert "reference" in articles["declining-to-be-a-reference"].about
    assert "referral" in articles["declining-a-referral-request"].about
    reading = read_situation("A junior designer I managed asked me to be her reference. I can't speak to her "
                             "work and don't want to.")
    assert reading.direction == "declining" and reading.stake == "reference"
    ranked = _ranked(articles["declining-a-referral-request"], articles["favour-you-cannot-give"],
                     articles["declining-to-be-a-reference"])
    assert by_direction(ranked, reading)[0].article.slug == "declining-to-be-a-reference"


def test_a_stake_the_reader_never_gives_is_refused(tmp_path):
    path = tmp_path / "support" / "odd.md"
    path.parent.mkdir()
    path.write_text("---\ntitle: Odd\ntheme: support\ndirections: [asked]\nabout: [rent]\n---\n\nText.\n")
    with pytest.raises(CorpusError, match="about"):
        load_article(path, tmp_path)


def test_a_script_about_another_thing_than_the_one_at_stake_is_not_offered():
    from coach.advice.ranking import about_another_thing

    situation = Situation(direction="declining", stake="referral")
    assert about_another_thing(REFERENCE, situation)
    assert not about_another_thing(REFERRAL, situation) and not about_another_thing(GENERAL, situation)
    assert not about_another_thing(REFERENCE, Situation(direction="declining"))  # nothing at stake: no judgement
