"""Issue 25 class 1: after someone asks the user, the user's own clauses (subject, verb class, negation) decide
declining from agreeing; the user's own lapse reads as repairing; thanks the user owes read as thanking.
Wordings are ours, none from any eval case; most carry no phrase of the cue lists."""

import pytest

from coach.advice.reader import read_rules
from coach.advice.stance import read_stance

DECLINING = [
    "My cousin asked me to co-sign the lease on his flat. I'm not comfortable doing that.",
    "A vendor wants me to endorse their tool on stage at the summit. I'd rather not.",
    "Our summer intern asked me to write her a letter for grad school. Honestly I don't think I should.",
    "My neighbour asked me to put his son forward for our graduate scheme, and I can't vouch for a kid I've never "
    "worked with.",
    "A supplier's account manager invited me to speak on their customer panel. I really don't want to go.",
    "An old teammate asked me to be a named partner in his consultancy. How do I get out of this gracefully?",
    "The chair asked me to take over the newsletter. I am not willing to give up my weekends for it.",
    "A former client keeps inviting me to her webinars, and I've declined twice already.",
    "A contractor I once hired asked me to recommend him to my sister's firm; I don't trust his estimates.",
    "An old classmate messaged me wanting a referral to my company. I'm not sure I should.",
    "A colleague keeps asking me to mentor her on top of my job and I have no bandwidth.",
    "An ex-coworker asked if I'd be a reference. Honestly, I'd prefer not to.",
    "Founders keep asking me to pass their decks to my partner at the fund, and I've stopped passing them on.",
]
AGREEING_OR_ASKED = [
    "My cousin asked me to co-sign the lease on his flat. I don't want to say no to family.",
    "A friend asked me to review her pitch deck before Friday. I don't want to be rude about the weak slides.",
    "A former report asked me to be a reference. I'm happy to, what should I say on the call?",
]
REPAIRING = [
    "I ghosted my old mentor after she helped me land my first role, and now I feel awful.",
    "I lashed out at a teammate during the retro last month and we haven't spoken since.",
    "A founder I admire wrote me a warm note after my talk, and I never replied.",
]
THANKING = [
    "My old boss put me forward for the team lead role and I got it; I want to thank her properly.",
    "Three people vouched for me in the hiring process and I'm thinking of sending each of them a small gift.",
    "I'm so grateful to the engineer who spent an hour walking me through their hiring loop.",
]


@pytest.mark.parametrize("text", DECLINING)
def test_asked_and_not_for_it_reads_declining(text):
    assert read_rules(text) == "declining"


@pytest.mark.parametrize("text", AGREEING_OR_ASKED)
def test_the_manner_of_an_answer_or_a_yes_is_no_decline(text):
    assert read_rules(text) == "asked"


@pytest.mark.parametrize("text", REPAIRING)
def test_the_users_own_lapse_reads_repairing(text):
    assert read_rules(text) == "repairing"


@pytest.mark.parametrize("text", THANKING)
def test_thanks_the_user_owes_read_thanking(text):
    assert read_rules(text) == "thanking"


def test_a_decline_needs_someone_to_have_asked():
    words = "I'm not comfortable speaking at conferences yet."
    assert read_stance(words, asked=False) is None
    assert read_stance(words, asked=True) == "declining"


def test_someone_elses_silence_is_not_the_users_lapse():
    assert read_stance("The recruiter never replied to my last two emails.", asked=False) is None
    assert read_stance("I never replied to the recruiter's last two emails.", asked=False) == "repairing"


def test_verb_classes_are_data():
    from coach.advice.stance import DATA, classes

    assert DATA.suffix == ".yaml" and {"reluctance", "lapse", "gratitude", "manner"} <= set(classes())


# Issue 25 class 2: the stake is the set of every stake mentioned; an article's `serves` is matched on the set,
# and every dimension it declares must match.
def _article(slug):
    from pathlib import Path

    from coach.retrieval.knowledge import load_corpus

    knowledge = Path(__file__).resolve().parents[1] / "coach" / "resources" / "knowledge"
    return next(a for a in load_corpus(knowledge) if a.path.endswith(slug))


def test_every_stake_mentioned_is_read():
    from coach.advice.reader import read_situation

    read = read_situation("I turned down their internship offer, but could I later ask the recruiter to refer me for a "
                          "full-time job there?")
    assert {"referral", "job"} <= set(read.stakes)


def test_serves_is_matched_on_the_set_of_stakes():
    from coach.advice.ranking import of_type
    from coach.core.situation import Situation

    article = _article("staying-in-touch-after-declining-an-offer.md")  # serves: {stake: [job]}
    both = Situation(direction="following-up", stake="referral", stakes=["referral", "job"])
    assert of_type(article, both)
    assert not of_type(article, Situation(direction="following-up", stake="referral", stakes=["referral"]))


def test_a_narrow_article_must_match_every_dimension_it_declares():
    from coach.advice.ranking import of_type
    from coach.core.situation import Situation

    article = _article("declining-a-close-friend-referral.md")  # serves: {role: [friend, relative], stake: [referral]}
    assert of_type(article, Situation(direction="declining", role="friend", stakes=["job", "referral"]))
    assert not of_type(article, Situation(direction="declining", role="colleague", stakes=["referral"]))
    assert not of_type(article, Situation(direction="declining", role="friend", stakes=["job"]))
