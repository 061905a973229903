"""Issue 25: who wants what from whom. A past wrong the user did or suffered with someone known is a repair; the
counterpart is the one who asks the user (named after 'by' in the passive), never the user's own capacity ('as a
manager') nor a kind of people talked about; recommending someone to a workplace is a referral; and a script
written to a kind of person the user never mentions (a recruiter, a former boss) is not offered. Wordings are
ours, none from any eval case."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.advice.clauses import who_asks
from coach.advice.reader import read_role, read_situation, read_stakes
from coach.advice.scripts import unnamed_addressee, written_to
from coach.retrieval.knowledge import load_corpus

KNOWLEDGE = Path(__file__).resolve().parent.parent / "coach" / "resources" / "knowledge"


@pytest.mark.parametrize("text", [
    "At the team dinner my cousin teased me about my promotion. I got defensive, yelled at him across the table and "
    "walked out. We haven't spoken since.",
    "My flatmate from college isn't speaking to me any more after the wedding, and I have no idea what I did.",
    "The supplier I introduced to my neighbour turned out to be a cowboy, and now my neighbour blames me for it.",
    "Our studio partner stopped paying her share, and the whole thing got so tense I think I've lost a friend.",
    "I skipped every team lunch during my secondment, and I worry I left a bad impression on the whole floor.",
])
def test_a_past_wrong_with_someone_known_is_a_repair(text: str) -> None:
    assert read_situation(text).direction == "repairing"


def test_a_fear_of_losing_a_friend_is_no_past_wrong() -> None:
    text = ("A close friend asked me to lend her four thousand euros for her café. I'd rather not, and I don't want "
            "to lose the friendship over it.")
    assert read_situation(text).direction != "repairing"


@pytest.mark.parametrize("text,role", [
    ("As a team lead I was asked for a reference by my ex-husband, who worked two floors down.", "former partner"),
    ("A man I worked with at the depot years ago asked me to be his referee for a driving job.", "former colleague"),
    ("We moan about teachers at the school gate, and now my cousin asked me to pass on her CV.", "relative"),
])
def test_the_counterpart_is_who_asks_not_the_users_own_capacity(text: str, role: str) -> None:
    assert read_role(text) == role


def test_recommending_someone_to_a_workplace_is_a_referral() -> None:
    assert read_stakes("My brother keeps pushing me to recommend him to my company for the warehouse opening.")[0] \
        == "referral"


@pytest.mark.parametrize("text", [
    "An old neighbour, not seen in a decade, messaged me asking if I'd connect her with my publisher.",
    "They've asked me, quite bluntly, to put twenty thousand into the shop.",
])
def test_someone_asking_the_user_is_read_across_subjectless_and_contracted_clauses(text: str) -> None:
    assert who_asks(text) == "asked"


def _article(slug: str):
    return next(a for a in load_corpus(KNOWLEDGE) if a.slug == slug)


def test_a_message_written_to_a_recruiter_goes_only_to_a_user_who_mentions_one() -> None:
    article = _article("recruiter-went-silent")
    assert "recruiter" in written_to(article)
    assert unnamed_addressee(article, "I emailed three editors about freelance work and nobody replied.") == \
        "recruiter"
    assert unnamed_addressee(article, "The recruiter I spoke to in May has gone quiet.") == ""


def test_a_message_for_a_friend_also_serves_a_relative_and_an_article_for_anyone_serves_all() -> None:
    assert unnamed_addressee(_article("declining-a-close-friend-referral"),
                             "My sister wants me to refer her and I can't.") == ""
    assert not written_to(_article("networking-with-social-anxiety"))


def test_an_article_written_to_one_kind_of_person_does_not_lead_for_another() -> None:
    from coach.advice.ranking import of_type
    from coach.core.situation import Situation

    article = _article("former-colleague-wants-a-job-where-you-work")
    assert not of_type(article, Situation(direction="declining", role="relative", stake="referral"))
    assert of_type(article, Situation(direction="declining", role="former colleague", stake="referral"))
    assert of_type(article, Situation(direction="declining", stake="referral"))  # nobody read: no type to keep to


def test_a_work_relation_may_still_take_an_article_about_a_personal_tie_under_pressure() -> None:
    from coach.advice.ranking import of_type
    from coach.core.situation import Situation

    article = _article("friend-wants-you-to-hire-or-buy")
    assert of_type(article, Situation(direction="declining", role="client", stake="job"))
    assert of_type(article, Situation(direction="declining", role="relative", stake="job"))
