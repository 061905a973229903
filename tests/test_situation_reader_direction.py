"""Issue 25, class 1: who asked whom. Being asked and balking is a decline; someone else's apology, a goodbye,
a past 'no' and reaching back out are not what their surface words suggest. Phrasings written for these tests."""

from __future__ import annotations

import pytest

from coach.advice.reader import read_rules


@pytest.mark.parametrize("text,direction", [
    # asked, and the user balks: a decline being weighed
    ("My team lead sent me a request to endorse her for a leadership award and I can't think of one thing to praise",
     "declining"),
    ("A neighbour asked me to be his reference; I said yes without thinking and now I'm dreading the phone call",
     "declining"),
    ("My cousin wants me to hand his CV to our hiring team and I won't pretend he has the experience", "declining"),
    ("Strangers keep writing to me for referrals and I need a reply that says no kindly", "declining"),
    # asked, no reluctance: weighing how to answer
    ("A contractor I once hired asked whether she could put me down as a referee", "asked"),
    ("An acquaintance from the gym has been pitching me his accounting services since I became a director", "asked"),
    ("I keep getting invitations from people I have never met who want to join my network", "asked"),
    # someone else's apology is no repair of mine; a promise that went nowhere is a follow-up
    ("The investor apologized for the delay, promised to send the term sheet on Friday, and nothing came", "following-up"),
    ("My aunt's colleague offered to introduce me to two editors, what do I do once I get there", "following-up"),
    ("I rang the buyer my friend recommended five times without a single call back", "following-up"),
    # owning a lapse or a blow-up is repairing, even when the words say 'reach back out'
    ("I let things slide with my PhD supervisor after I moved and feel odd reaching back out", "repairing"),
    ("I was the one who cancelled on her three times, and now she won't answer", "repairing"),
    ("Our last project ended in a huge fight and my old teammate blocked me", "repairing"),
    # a past 'no' is not a decline now; a goodbye is news to tell; a proposal is an ask
    ("After turning down their offer in spring, how do I stay in touch with the hiring team?", "following-up"),
    ("I'm leaving the agency next month and want to email my clients a short farewell", "announcing"),
    ("I'd like to propose to my former classmate that we run workshops together", "asking"),
])
def test_who_asked_whom(text, direction):
    assert read_rules(text) == direction


def test_the_user_asking_others_whether_they_can_help_is_not_being_asked():
    assert read_rules("I plan to write to family friends asking whether they could help me find work") != "asked"


def test_a_gift_for_the_people_who_helped_is_thanks():
    assert read_rules("My two referees helped me land the offer and I want to buy them a small gift") == "thanking"
