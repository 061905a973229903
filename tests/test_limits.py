"""A length the user sets in numbers is read once into a typed limit, shown beside the draft, told to a capable
model and held by the length check, for every draft (the composer's, a model's, one pasted to `coach check`)."""

from __future__ import annotations

import pytest

from coach.checks.checker import Grounds, check_message
from coach.core.domain import Contact, Profile
from coach.core.limits import read_limit
from coach.drafting.brief import Brief
from coach.drafting.model_prompt import length_hint
from coach.drafting.request import read_request

ANA = Contact(id=1, first_name="Ana", last_name="Souza", company="Harbor Labs", title="Research Lead")


@pytest.mark.parametrize("words, most, unit", [
    ("must be under 200 characters", 200, "characters"),
    ("200 char limit!", 200, "characters"),
    ("has to fit in a 150 char note", 150, "characters"),
    ("Max 120 words please.", 120, "words"),
    ("80 words tops", 80, "words"),
    ("~100-150 words", 180, "words"),  # a range or "about" is a target: a fifth over its top still fits
    ("Around 90 words", 108, "words"),
    ("3-4 sentences max", 4, "sentences"),
    ("two lines max", 2, "sentences"),
])
def test_a_number_the_user_sets_is_read_as_a_limit(words, most, unit):
    limit = read_limit(words)
    assert limit is not None and (limit.most, limit.unit) == (most, unit)


@pytest.mark.parametrize("words", ["I wrote 500 words on the grant", "we sold 200 copies", "thank her for the 3 intros",
                                   ""])
def test_a_number_that_sizes_no_message_is_no_limit(words):
    assert read_limit(words) is None


def test_a_number_of_lines_for_one_part_does_not_size_the_draft():
    reading = read_request("keep the old days at the firm to one line max", ANA)
    assert reading.most is None
    # words and characters limit the draft wherever they are said
    assert read_request("under 250 words for the pitch part", ANA).most.most == 250


def test_the_reading_shows_the_limit_and_the_style_around_it():
    reading = read_request("warm but not over the top, 3 sentences max", ANA)
    assert (reading.most.most, reading.most.unit, reading.tone, reading.left_out) == (3, "sentences", -1, [])
    assert "at most 3 sentences" in reading.line()


def _length(body: str, words: str, channel: str = "email"):
    grounds = Grounds(contact=ANA, profile=Profile(name="Sam Carter"), request=words, context=words,
                      reading=read_request(words, ANA))
    return next(c for c in check_message(body, channel, grounds, "Your talk at the summit").checks if c.name == "length")


SIX = ("Hi Ana,\n\nI loved your talk at the summit. The part on field trials changed how I plan mine. We ran one "
       "last week. It went well. I would love to hear how you chose the sites. Would you have 20 minutes next "
       "week?\n\nBest,\nSam")


def test_a_draft_over_the_users_limit_fails_the_length_check():
    assert _length(SIX, "under 200 words").passed
    over = _length(SIX, "3 sentences max")
    assert not over.passed and over.hard and "at most 3 sentences" in over.detail
    assert not _length(SIX, "max 30 words").passed
    assert not _length(SIX, "under 150 characters").passed


def test_a_message_checked_without_a_reading_reads_the_limit_from_the_users_words():
    grounds = Grounds(contact=ANA, request="max 30 words", context="max 30 words")
    report = check_message(SIX, "email", grounds, "Your talk at the summit")
    assert not next(c for c in report.checks if c.name == "length").passed


def test_a_characters_limit_tightens_the_channel_and_is_told_to_the_model():
    brief = Brief(contact=ANA, profile=Profile(name="Sam Carter"), goal="reconnect", channel="linkedin-note",
                  context="catch up, 150 chars max", others=[])
    assert brief.limit == 150 and "150 characters" in length_hint("linkedin-note", brief)
    email = Brief(contact=ANA, profile=Profile(name="Sam Carter"), goal="reconnect", channel="email",
                  context="catch up, max 60 words", others=[])
    assert email.limit is None and length_hint("email", email) == "at most 60 words"
