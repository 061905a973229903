"""Checks that rejected good drafts (session 19), in our own words: a number a note writes with its unit glued on,
a name the draft spells out that a note abbreviates, a month said before a name, words that say how the user
feels about a job rather than what it is, a job called a role, a role the request shortens, 'not long' as a
length."""

from __future__ import annotations

from coach.core.domain import Contact
from coach.drafting.request import read_request
from tests.test_checks_false_alarms import _contact, _hard


def test_a_number_with_its_unit_glued_on_supports_the_number():
    ivo = _contact("Ivo", "Brandt", "loading bay door is 3.2m high, our van needs 2.9m")
    body = ("Hi Ivo,\n\nThanks for measuring the bay. Our van needs 2.9 m, so the 3.2 m door works. Could we book "
            "the first delivery for next week?\n\nBest,\nAda")
    assert "grounding" not in _hard(ivo, "follow-up", "email", "follow up on the delivery", body, "Delivery")


def test_a_name_spelt_out_that_the_notes_abbreviate_is_supported():
    kemi = _contact("Kemi", "Ade", "met at the NE Growers Expo, Durham stand 14, she sells seed potatoes")
    body = ("Hi Kemi,\n\nIt was good to meet you at the North East Growers Expo in Durham. Would you be open to a "
            "short call about seed potatoes for our farm shop?\n\nBest,\nAda")
    assert "grounding" not in _hard(kemi, "follow-up", "email", "follow up from the expo", body, "The expo")


def test_a_written_out_abbreviation_joins_no_facts_and_a_month_is_no_part_of_a_name():
    tom = _contact("Tom", "Reyes", "principal at Hollis Academy until 2023", "my interview: 3 June at Carver HS")
    body = ("Dear Tom,\n\nI have my first interview on 3 June at Carver High School. In June Hollis Academy will be "
            "on my mind too. Would you have time for a short call before then?\n\nBest,\nAda")
    hard = _hard(tom, "mentorship", "email", "ask Tom to mentor me through interviews", body, "Interviews")
    assert "facts-together" not in hard, hard


def test_how_the_user_feels_about_a_job_is_no_role_to_name():
    from coach.checks.substance import role_words
    assert role_words("they're opening a new clinic, which is literally my dream job") == []
    assert role_words("the staff pharmacist role at the new clinic") == ["staff", "pharmacist"]


def test_a_role_the_request_shortens_is_named_by_its_full_words():
    pia = _contact("Pia", "Lund", "ex-colleague, now at Vessel Labs", company="Vessel Labs")
    body = ("Hi Pia,\n\nVessel Labs is hiring a Senior Mechanical Engineer and I have applied. Would you be willing "
            "to refer me?\n\nBest,\nAda")
    assert "goal" not in _hard(pia, "referral", "email", "ask pia to refer me for the senior mech eng role", body,
                               "Referral")


def test_a_new_job_is_congratulated_when_the_draft_calls_it_a_role():
    noor = _contact("Noor", "Haddad", "was my team lead at Kestrel", company="Brightwater Foods",
                    title="Head of Quality")
    body = ("Hi Noor,\n\nCongratulations on the Head of Quality role at Brightwater Foods! They are lucky to have "
            "you.\n\nAda")
    assert "goal" not in _hard(noor, "congratulations", "linkedin-message", "congratulate noor on the brightwater job, she will be brilliant at it",
                               body)


def test_not_long_is_a_length():
    reading = read_request("Ask about the tasting. Not long.", Contact(id=1, first_name="Rhys", last_name="Hale"))
    assert reading.length == -1 and not reading.avoid
