"""Issue 25: the reader's cues for the directions real dilemmas are misread in, above all a decline (saying no,
getting out of something agreed, being asked by someone the user will not stand behind), owning a lapse,
and a lost job; the reading line; a loose lead said plainly; a decline's script greets only the one named."""

from __future__ import annotations

import pytest

from coach.advice.adviser import loose, with_role
from coach.advice.reader import read_rules, read_situation
from coach.advice.scripts import addressed
from coach.core.domain import Contact
from coach.core.situation import Situation
from coach.crm.relations import Person


@pytest.mark.parametrize("text", [
    "I said yes to organising the meetup and now I need to back out",
    "How do I get out of the advisory board seat I accepted in spring?",
    "I have to pull out of the panel; what do I tell the organiser?",
    "I'd rather not write the letter she asked for. Is there a kind way out?",
    "My old teammate asked me to refer him but he was unreliable and I can't stand behind that",
    "A vendor put me down as a reference and honestly his work was poor",
    "She keeps pushing me to introduce her to my boss and I'm not comfortable using my job like that",
    "He has asked me for coffee five times and I've been avoiding him",
    "I signed up to mentor a student this term and now I want to step down",
])
def test_a_wish_to_say_no_or_get_out_reads_as_declining(text):
    assert read_rules(text) == "declining"


@pytest.mark.parametrize("text,direction", [
    ("I never thanked the engineer who spent an hour on my CV and now it's been a year", "repairing"),
    ("A friend introduced me to her VP and I forgot to reply for three weeks", "repairing"),
    ("We had a huge argument at the offsite and never made up", "repairing"),
    # "rather not" about the user's own discomfort is no decline
    ("We fell out last year and I'd rather not spend the reunion avoiding him", "repairing"),
    ("I was fired on Monday and have no idea what to tell people in my field", "announcing"),
    ("My mentor stopped returning my calls after I changed teams", "following-up"),
    ("Is it too late to get back in touch with my old lab partner about a job?", "reconnecting"),
    ("I feel uncomfortable asking my manager for a referral", "asking"),  # the clause: the user asks
    ("My cousin asked me to get him an interview where I work", "asked"),  # asked, and no reluctance said
])
def test_owning_a_lapse_a_lost_job_and_getting_back_in_touch(text, direction):
    assert read_rules(text) == direction


def test_the_line_names_what_the_user_wants_to_say_no_about_as_a_noun():
    s = Situation(direction="declining", counterpart="Farah Haddad", counterpart_id=3, stake="job")
    assert s.reading == "I read this as: you want to say no to Farah Haddad about a job."
    asked = read_situation("A friend wants me to introduce him to my CEO and I'd rather not introduce him")
    assert asked.direction == "declining" and asked.reading.endswith("asked you for an introduction and you want "
                                                                      "to say no.")


def test_a_decline_script_greets_only_the_contact_named_and_keeps_every_other_slot():
    script = "Hi [name],\n\nThanks for thinking of me for [the role]. I'm not looking right now.\n\nBest,\n[your name]"
    out = addressed(script, "Farah")
    assert out.startswith("Hi Farah,\n") and "[the role]" in out and out.endswith("[your name]")
    assert addressed("Subject: [the role]\n\nHi [name],\nThanks.", "Farah").splitlines()[2] == "Hi Farah,"
    assert addressed("Thanks for [the role].\nHi [name],", "Farah").startswith("Thanks for [the role].")


def test_a_named_contact_is_ranked_for_who_they_are_and_a_role_word_adds_nothing():
    farah = Person(Contact(id=7, first_name="Farah", last_name="Haddad", title="Technical Recruiter"))
    named = Situation(direction="declining", counterpart="Farah Haddad", counterpart_id=7)
    text = "Farah Haddad keeps checking in and I want to say no for now"
    assert with_role(text, named, [farah]) == f"{text} (Farah is a Technical Recruiter.)"
    nobody = Situation(direction="declining", counterpart="the recruiter")
    assert with_role(text, nobody, [farah]) == text  # a role word is never resolved to a contact
    said = "The technical recruiter Farah Haddad keeps checking in"
    assert with_role(said, named, [farah]) == said  # already said


def test_a_lead_that_reads_unlike_the_words_and_is_not_first_by_body_is_loose():
    from types import SimpleNamespace

    assert loose(SimpleNamespace(situation=0.30, body_rank=4))
    assert loose(SimpleNamespace(situation=0.30, body_rank=None))
    assert not loose(SimpleNamespace(situation=0.30, body_rank=1))  # the body retrieval vouches for it
    assert not loose(SimpleNamespace(situation=0.55, body_rank=9))


def test_a_decline_to_a_named_contact_greets_them_and_a_role_word_greets_nobody():
    from tests.test_advice import world

    coach = world()
    named = coach.advise("Jon Reyes keeps checking in about a role and I want to say no for now")
    assert named.situation.direction == "declining" and named.script_kind == "neutral"
    assert named.script.startswith("Hi Jon,") and named.script_contact == "Jon Reyes"
    role = coach.advise("The recruiter keeps checking in about a role and I want to say no for now")
    assert role.script_contact_id is None and "Hi Jon" not in role.script
    assert "Jon Reyes" in role.note  # offered as a question, never assumed


def test_the_contact_someone_wants_to_reach_is_not_the_one_the_user_answers():
    from coach.advice.reader import read_counterpart
    from tests.test_advice import world

    people = [Contact(id=1, first_name="Daniel", last_name="Osei"), Contact(id=2, first_name="Ravi", last_name="Menon")]
    assert read_counterpart("A guy I barely know asked me to introduce him to Daniel Osei", people) == ("", None)
    assert read_counterpart("How do I ask Ravi Menon to introduce me to her board?", people) == ("Ravi Menon", 2)
    assert read_counterpart("Daniel Osei asked me to introduce him to Ravi Menon", people) == ("Daniel Osei", 1)
    advice = world().advise("A guy I barely know asked me to introduce him to Oliver Grant. I don't want to.")
    assert advice.situation.direction == "declining" and advice.script_contact_id is None
    assert "Oliver" not in (advice.script.splitlines() or [""])[0]  # the decline goes to the guy, not to Oliver
