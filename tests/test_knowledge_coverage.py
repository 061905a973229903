"""Issue 25, class 3: the corpus covers the situations real dilemmas raised that no article answered, each
article serving the direction the user is in (a withdrawal is a decline, a reply to a rejection is thanks)."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.retrieval.knowledge import load_corpus

KNOWLEDGE = Path(__file__).resolve().parent.parent / "coach" / "resources" / "knowledge"


@pytest.fixture(scope="module")
def articles():
    return {a.slug: a for a in load_corpus(KNOWLEDGE)}


def test_the_corpus_has_at_least_130_articles(articles):
    assert len(articles) >= 130


@pytest.mark.parametrize("slug,direction", [
    ("taking-back-a-reference-you-agreed-to", "declining"),
    ("declining-a-close-friend-referral", "declining"),
    ("former-boss-wants-inside-information", "declining"),
    ("replying-to-a-rejection", "thanking"),
    ("asking-someone-to-put-in-a-word", "asking"),
    ("asking-a-former-professor-for-a-letter", "asking"),
    ("when-an-introduction-went-nowhere", "following-up"),
    ("staying-in-touch-after-declining-an-offer", "following-up"),
    ("saying-goodbye-to-clients-when-you-leave", "announcing"),
    ("late-apology-that-asks-for-nothing", "repairing"),
    ("judging-a-pitch-from-a-social-acquaintance", "asked"),
    # issue advice7: recurring gaps the labels' `missing` notes name, grouped into classes
    ("saying-no-to-your-own-boss", "declining"),
    ("writing-a-limited-recommendation", "asked"),
    ("asked-back-by-a-former-employer", "declining"),
    ("asked-back-by-a-former-employer", "asking"),
    ("a-late-thank-you", "thanking"),
    ("resigning-and-telling-those-who-vouched-for-you", "announcing"),
    ("caught-in-the-middle-after-a-referral", "repairing"),
    ("switching-channels-after-unanswered-emails", "following-up"),
    ("following-up-on-an-offer-of-help", "following-up"),
    # session 16: gaps that recur across the spent sets' missing notes
    ("after-a-colleague-heard-your-criticism", "repairing"),
    ("drafting-your-own-recommendation-letter", "asked"),
    ("farewell-message-when-you-leave-a-job", "announcing"),
])
def test_each_gap_has_an_article_for_its_direction_with_slots_for_the_users_story(articles, slug, direction):
    article = articles[slug]
    assert direction in article.directions
    assert article.script_slots, f"{slug}: the example's story must become slots, not the user's script"
