"""Issue advice8: a narrow article (a thank-you that is late, another channel after unanswered emails, help someone
offered, going back to a former employer, a no to one's own boss) declares the circumstance it serves, and leads only
a reading that has it; and a new article moves no other article's vectors (each corpus text is embedded alone, as a
query is, so the int8 model's per-batch quantisation cannot make one article's phrasings depend on another's)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from coach.advice.ranking import by_direction, of_type
from coach.advice.reader import read_ago, read_situation, read_traits
from coach.advice.situations import Match, corpus_vectors
from coach.core.situation import Situation
from coach.retrieval.knowledge import Article, load_corpus

KNOWLEDGE = Path(__file__).resolve().parents[1] / "coach" / "resources" / "knowledge"


def _article(name: str, directions: list[str], serves: dict | None = None, situations: list[str] = ()) -> Article:
    return Article(path=f"knowledge/craft/{name}.md", title=name, theme="craft", directions=directions,
                   serves=serves or {}, situations=list(situations), body="")


@pytest.mark.parametrize("words,trait,has", [
    ("I owe my old lab partner thanks for a tip she gave me two years ago", "late", True),
    ("Is a thank-you still worth sending this long after our lunch?", "late", True),
    ("We had lunch yesterday; what should my thank-you say?", "late", False),
    ("My previous firm wants me to come back and run the sales desk", "returning", True),
    ("My old manager invited me for a drink after my job was cut", "returning", False),
    ("She never answers email; would it be rude if I rang her office?", "channel", True),
    ("Two emails and no reply from the buyer, what now?", "channel", False),
    ("A partner at the fund said she would pass my deck along but it has gone quiet", "offered help", True),
    ("I asked a partner at the fund for feedback and heard nothing", "offered help", False),
])
def test_the_reading_types_the_circumstance_the_words_tell(words, trait, has):
    assert (trait in read_situation(words).traits) is has


def test_a_time_said_in_months_or_years_is_late_and_days_are_not():
    assert "late" in read_traits("we met", "month") and "late" not in read_traits("we met", "day")


def test_every_narrow_article_reads_with_the_circumstance_it_serves():
    """Each phrasing of an article that serves a trait is read with it: the trait is typed from words like the
    ones its readers write, or the article could never lead the situations it lists."""
    narrow = [a for a in load_corpus(KNOWLEDGE) if a.serves.get("trait")]
    assert len(narrow) >= 4
    for article in narrow:
        for words in article.situations:
            assert set(article.serves["trait"]) & set(read_traits(words, read_ago(words)[1])), (article.slug, words)


LATE = _article("late-thanks", ["thanking"], {"trait": ["late"]})
THANKS = _article("thank-you-notes", ["thanking"])


@pytest.mark.parametrize("traits,leads", [([], THANKS), (["late"], LATE)])
def test_a_late_thanks_article_leads_only_a_late_thanks(traits, leads):
    ranked = [Match(a, 1.0 - i / 10, 0.5, i + 1) for i, a in enumerate([LATE, THANKS])]
    reading = Situation(direction="thanking", traits=traits, confidence=0.9)
    assert by_direction(ranked, reading)[0].article is leads


def test_an_article_for_your_own_boss_serves_no_former_one():
    boss = next(a for a in load_corpus(KNOWLEDGE) if a.slug == "saying-no-to-your-own-boss")
    assert of_type(boss, Situation(direction="declining", role="manager"))
    assert not of_type(boss, Situation(direction="declining", role="former manager"))
    assert read_situation("The head of the company wants me on a second project").role == "senior person"


class _BatchBound:
    """An embedder whose vectors depend on the batch, as an int8 model's do: scaled by the batch's longest text."""

    dimension = 3

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        width = max(len(t) for t in texts)
        return [[len(t) % 7 + 1.0, (width % 5) + 1.0, len(t.split()) + 0.5] for t in texts]


def test_adding_an_article_moves_no_other_articles_vectors():
    first = _article("first", ["thanking"], situations=["a short one", "another short phrase"])
    longer = _article("second", ["asking"], situations=["a much longer phrasing than any the first article has"])
    alone = corpus_vectors([first], _BatchBound(), "fake", None)
    beside = corpus_vectors([first, longer], _BatchBound(), "fake", None)
    rows = [i for i, (path, _, _) in enumerate(beside.owners) if path == first.path]
    assert np.allclose(alone.matrix, beside.matrix[rows])
