"""Declines read from sentence structure: a no joined to the user's clause without its own subject ("…but don't
want to"), a negated modal left bare ("I can't."), letting someone down asked of the coach, judging what was asked
unwise, refusing to stand behind someone where the asking goes untold, a second thought about a yes, a bare verb
that continues someone else's clause under a modal (not the user's lapse). Wordings are ours, none from any eval
case."""

import pytest

from coach.advice import reader
from coach.advice.reader import centroids, read_rules, read_situation, read_stake
from coach.advice.stance import attitudes, stance
from tests.doubles import HashingEmbeddings

DECLINING = [
    # a negation joined to the user's clause, no subject of its own
    "My brother-in-law asked me to co-sign his van loan. I love the guy and don't trust his bookkeeping.",
    "A former intern asked me to put her up for the board seat; I admire her drive but wouldn't stake my name on it.",
    # a negated modal with the request left unsaid
    "A vendor I barely know asked me to speak at his launch. I can't. What do I write back?",
    # letting someone down, asked of the coach or softened
    "My cousin asked me to hire her as our bookkeeper. How should I let her down?",
    "A classmate wants me to fund his food truck, and I'll have to let him down gently.",
    # what was asked, judged unwise
    "A founder in my accelerator asked me to invest in his seed round. I don't think it's wise at this stage.",
    # refusing to stand behind someone, the asking untold
    "An old teammate is applying to my company. Between us, I wouldn't nominate him for anything.",
    "This guy from my bootcamp keeps texting about openings at my firm, but I wouldn't vouch for him at all.",
    # a second thought about a yes
    "My neighbour asked me to run the charity auction with her and I agreed, but now it could be a big mistake.",
    # requests beyond what the user can take, answered with a no
    "I get more invitations for panels than I could ever take on. Can I just answer each with a polite no?",
]
NOT_DECLINING = [
    # the bare verb after someone else's modal clause is theirs, not the user's lapse
    ("A colleague asked me to introduce her to our CFO. I suspect the CFO would find it pushy and hurt my standing "
     "there.", "asked"),
    # letting someone down, done, is the user's own lapse
    ("My mentor asked me to present her work at the summit and I let her down.", "repairing"),
]


@pytest.mark.parametrize("text", DECLINING)
def test_a_no_read_from_the_users_sentences(text):
    assert read_rules(text) == "declining"


@pytest.mark.parametrize("text,direction", NOT_DECLINING)
def test_what_is_not_the_users_no(text, direction):
    assert read_rules(text) == direction


def test_a_bare_negated_modal_reads_as_a_no_and_a_plain_one_as_nothing():
    bare = [a for a in attitudes("Honestly, I can't.") if a.negated]
    assert bare and stance(bare[0]) == "declining"
    assert all(stance(a) is None for a in attitudes("I can't believe how fast it went."))


def test_a_decline_read_twice_needs_no_second_opinion():
    """A no cue ("step down") and a no of the user's own ("I don't want to…"): the classifier, however sure of
    something else, is not offered."""
    embeddings = HashingEmbeddings()
    reader._CENTROIDS.clear()
    labels, matrix = centroids(embeddings, "hash-declines")
    text = "I apologised to the organisers for missing two sessions, but I don't want to carry on. How do I step down?"
    s = read_situation(text, embeddings=embeddings, query=matrix[labels.index("repairing")], key="hash-declines")
    assert s.direction == "declining" and not s.unsure and s.alternatives == []


def test_the_stake_reads_references_and_money_by_their_words():
    assert read_stake("My old lab partner listed me as a referee for a postdoc.") == "reference"
    assert read_stake("She wants a letter of recommendation by Monday.") == "reference"
    assert read_stake("He asked if he could put me down as a ref.") == "reference"
    assert read_stake("I don't rate her code at all, and she asked me for a job.") == "job"  # 'rate' the verb
    assert read_stake("He asked what my day rate is.") == "money"


def test_someone_wanting_to_reach_the_user_asks_the_user():
    assert read_rules("A recruiter I once ignored now wants to connect with me on LinkedIn.") == "asked"
    assert read_rules("Why would anyone senior want to meet with me? How do I ask for a chat?") == "asking"


def test_letting_down_ahead_is_a_no_and_done_is_a_lapse():
    assert read_rules("My old flatmate asked me to be his best man. I need to let him down somehow.") == "declining"
    assert read_rules("My mentor asked me to present her work at the summit and I let her down.") == "repairing"
