"""The chat's reading of a message into a typed request, by classes of phrasing (our own words and our own address
book, none from the held-out sets): a message made or asked for with a gerund, a question in statement word
order, a channel turned down, a later request left for later (and said so), a name typed in one case, a
description that ends at a verb, a name nobody has said with a workplace, a bare "any <people>?", a wh-question
about one person, "note <someone> is …" and "…, please note"."""

from __future__ import annotations

import pytest

from coach.conversation.context import draft_context
from coach.conversation.cues import channel_of
from coach.conversation.reading import topic
from coach.conversation.router import route
from coach.core.domain import Contact
from tests.coach_world import make_world
from tests.doubles import ScriptedChatModel

PEOPLE = [Contact(id=1, first_name="Noor", last_name="Haddad", company="Vantage Bank", title="Data Scientist"),
          Contact(id=2, first_name="Kenji", last_name="Mori", company="Helio", title="Engineering Manager"),
          Contact(id=3, first_name="Leila", last_name="Farouk", company="Brightpath", title="Talent Partner"),
          Contact(id=4, first_name="Oskar", last_name="Lind", company="Lind Labs", title="Founder"),
          Contact(id=5, first_name="Tomas", last_name="Berg", company="Orbit", title="Director",
                  tags=["former-manager"])]
BY_ID = {c.id: c for c in PEOPLE}


def read(text: str, has_draft: bool = False, last: int | None = None):
    return route(text, PEOPLE, has_draft=has_draft, last_contact=BY_ID.get(last))


@pytest.mark.parametrize(("text", "who", "goal", "channel"), [
    # a message made, article or none ("make email for …", non-native), with the reason after it
    # (a reason that says 'help me' is no request for advice once a message is asked for)
    ("could you make an email for Kenji thanking him, he help me so much with my deck", 2,
     "thank-you", "email"),
    ("please you can make message for Noor, I am want to thank her, she help me with the dataset", 1, "thank-you",
     "linkedin-message"),
    # the writing asked for as a gerund after 'help me for/with'
    ("Can you help me with writing a LinkedIn message to Oskar Lind? I hope he becomes my mentor.", 4, "mentorship",
     "linkedin-message"),
    # a person's brains picked, by name
    ("I'd like to pick Noor's brain about model monitoring, can you draft something", 1, "informational-interview",
     None),
])
def test_a_message_asked_for_in_other_words_is_a_draft(text, who, goal, channel):
    r = read(text)
    assert (r.intent, r.contact_id, r.goal) == ("draft", who, goal)
    if channel:
        assert r.channel == channel


def test_a_question_in_statement_word_order_is_advice_not_a_draft():
    r = read("Leila promised she will refer me but nothing since March. What I should do?")
    assert (r.intent, r.contact_id) == ("advise", 3)


def test_how_often_or_how_soon_is_advice():
    assert read("how soon should I be asking people for referrals after joining a meetup").intent == "advise"


def test_what_the_coach_can_help_with_is_about_the_app():
    assert read("what sort of things could you help me out with?").intent == "help"


@pytest.mark.parametrize(("text", "channel"), [
    ("switch it to email rather than a connection note", "email"),
    ("send it as an email, not a connection note", "email"),
    ("do it as a LinkedIn message instead of a connection request", "linkedin-message"),
    # the channel a draft is made into wins over a channel only mentioned
    ("no more connection requests from me, change it to a direct message", "linkedin-message"),
    ("the email bounced, put this into a linkedin dm", "linkedin-message"),
    ("her email is dead, turn it into a linkedin message", "linkedin-message"),
])
def test_a_channel_turned_down_is_not_the_one_asked_for(text, channel):
    assert channel_of(text) == channel
    r = read(text, has_draft=True, last=2)
    assert (r.intent, r.channel) == ("revise", channel)


def test_a_style_step_first_is_read_first_and_the_rest_is_kept_for_later():
    r = read("trim it to three lines, then show me who I'm overdue with", has_draft=True, last=2)
    assert (r.intent, r.length) == ("revise", -1)
    assert "overdue" in r.later
    single = read("trim it to three lines", has_draft=True, last=2)
    assert single.later == ""


def test_a_search_first_then_a_draft_is_the_search():
    r = read("Is there anybody at Helio I could talk to? If so write them a note.")
    assert r.intent == "find" and r.topic == "Helio" and "write them" in r.later


def test_the_chat_says_what_it_left_for_later():
    coach = make_world(ScriptedChatModel(responder=lambda m: ""))
    chat = coach.chat()
    turn = chat.ask("what do I have on Priya? and then tell me who is overdue", thread_id="later")
    assert turn.intent == "show"
    assert "One request at a time" in turn.reply and "who is overdue" in turn.reply and "who is overdue" in turn.note


def test_a_draft_to_a_named_person_about_someone_who_works_somewhere_is_no_search():
    r = read("new message to kenji on linkedin. ask him if he could introduce me to someone who works in robotics")
    assert (r.intent, r.contact_id, r.goal) == ("draft", 2, "introduction")


@pytest.mark.parametrize(("text", "who"), [
    ("KENJI JUST OFFERED ME A ROLE ON HIS TEAM BUT I'M NOT SURE. ADVICE?", 2),       # all capitals
    ("Who better to ask about Kubernetes than kenji — draft him a LinkedIn message", 2),  # a lower-case name
])
def test_a_name_typed_in_one_case_is_still_the_person(text, who):
    assert read(text).contact_id == who


def test_a_description_ends_at_a_verb():
    r = read("Can you write to my old boss asking if he'd introduce me to the Orbit data team?")
    assert (r.intent, r.contact_id, r.goal) == ("draft", 5, "introduction")


def test_a_given_name_not_theirs_before_a_surname_that_is_also_a_company_word_is_asked_back():
    r = read("write a congrats email to Oscar Lind, his lab just raised a round")
    assert r.intent == "clarify" and r.unknown_name == "Oscar Lind" and [c.id for c in r.choices] == [4]


def test_a_lower_case_name_nobody_has_said_with_a_workplace_is_asked_back_in_advice():
    r = read("should i ask marta from helio for a referral or apply directly?")
    assert r.intent == "clarify" and r.unknown_name == "marta"
    assert read("should i ask someone from helio for a referral?").intent == "advise"


@pytest.mark.parametrize("text", ["any data folks around?", "any SREs out there", "got any good accountants?"])
def test_any_kind_of_person_alone_is_a_search(text):
    assert read(text).intent == "find"


def test_any_thing_alone_is_no_search():
    assert read("any thoughts?").intent != "find"


def test_who_have_i_got_is_a_search():
    assert read("I need a person who knows payments compliance, who've we got?").intent == "find"


def test_anyone_i_should_be_contacting_is_who_is_due():
    assert read("anybody I should be messaging this month?").intent == "due"


@pytest.mark.parametrize(("text", "who"), [
    ("what's the latest with Noor Haddad?", 1),
    ("remind me who Leila Farouk is?", 3),
    ("so where is Oskar these days?", 4),
    ("wat do we hav on the Helio engineering manager", 2),   # shorthand, a description
])
def test_a_question_about_one_person_asking_for_nothing_else_is_their_card(text, who):
    r = read(text)
    assert (r.intent, r.contact_id) == ("show", who)


@pytest.mark.parametrize("text", ["what should I write to Noor?", "what's a good way to thank Kenji?"])
def test_a_question_about_what_to_do_with_someone_is_no_card(text):
    assert read(text).intent == "advise"


@pytest.mark.parametrize(("text", "who", "kept"), [
    ("pls note kenji is on leave until the 3rd", 2, "kenji is on leave until the 3rd"),
    ("please note Leila moved to the Berlin office", 3, "Leila moved to the Berlin office"),
    ("Noor joined the risk team last week, please note", 1, "Noor joined the risk team last week"),
])
def test_note_before_or_after_a_statement_about_someone_is_a_note(text, who, kept):
    r = read(text)
    assert (r.intent, r.contact_id, r.note) == ("note", who, kept)


def test_a_note_as_a_channel_is_still_a_draft():
    r = read("write Noor a thank-you note")
    assert (r.intent, r.channel) == ("draft", "linkedin-note")


def test_the_role_an_opening_is_for_is_the_topic():
    assert topic("asking whether Helio has any openings for a Platform Engineer and if he'd refer me") == \
        "Platform Engineer"


def test_a_closing_thanks_is_no_reason_for_the_message():
    assert draft_context("a note to Noor about the risk team? Thanks so much!", "Noor") == "the risk team"


@pytest.mark.parametrize(("text", "channel"), [
    # the channel a draft is made into, said as what it could be or what it is instead of
    ("she never reads her email, can this be a LinkedIn DM instead", "linkedin-message"),
    ("a connection note instead, we are not linked yet", "linkedin-note"),
    ("it would be nicer as an email", "email"),
])
def test_the_channel_asked_for_instead_wins_over_one_only_mentioned(text, channel):
    assert channel_of(text) == channel


def test_a_title_and_a_surname_said_with_a_possessive_name_the_person():
    reading = read("I fear this is far too casual for a man of Mr Berg's seniority. Might you make it more proper?",
                   has_draft=True, last=5)
    assert (reading.intent, reading.tone) == ("revise", 1)


def test_tone_words_settled_both_ways_are_read_by_the_change_reader():
    from coach.conversation.revision import revision, tone_torn
    from coach.retrieval.learned import Guess

    text = "this is so stiff, make it a bit more breezy and chatty"
    assert tone_torn(text)
    friendlier = Guess(label="friendlier", probability=0.9, ranked=(("friendlier", 0.9), ("more-formal", 0.05)))
    assert revision(text, None, friendlier).tone == -1


@pytest.mark.parametrize(("text", "wanted"), [
    # a speaker who corrects themselves meant what follows
    ("write Kenji an email asking for a chat about uh data science no wait about moving into data engineering",
     "data engineering"),
    ("ask Noor for twenty minutes on fraud models, I mean on moving into risk analytics", "risk analytics"),
    # the slots of a terse command: the one that names a thing
    ("draft: kenji / referral / email / staff data engineer role", "staff data engineer role"),
    # the role someone has just been given, said as what they made or became
    ("congratulate Oskar on making partner track lead, he'll be chuffed", "partner track lead"),
    ("tell me what growth marketing is actually like", "growth marketing"),
])
def test_the_topic_is_what_the_user_meant(text, wanted):
    assert topic(text) == wanted


def test_a_sentence_that_only_says_the_channel_is_no_context():
    text = "could you write to Leila asking about the analyst opening? An email's fine."
    assert "'s fine" not in draft_context(text, "Leila")


def test_a_name_nobody_has_beside_a_description_is_asked_back():
    reading = read("Draft a referral ask to Rachel at Brightpath for the talent partner opening, email pls")
    assert reading.intent == "clarify" and reading.unknown_name == "Rachel" and reading.contact_id is None


def test_a_workplace_said_with_a_possessive_is_no_name():
    reading = read("Can you write to my old boss asking if he'd introduce me to someone on Orbit's data team?")
    assert (reading.intent, reading.contact_id, reading.goal) == ("draft", 5, "introduction")


def test_a_shared_name_is_asked_back_even_after_a_turn_about_one_of_them():
    """Safety first: a name two contacts share is asked back (one click), never settled by the last turn."""
    twins = [*PEOPLE, Contact(id=6, first_name="Kenji", last_name="Sato", company="Umbra", title="Designer")]
    after = route("right, write kenji a thank-you email for the deck feedback", twins, has_draft=False,
                  last_contact=twins[5])
    assert after.intent == "clarify" and {c.id for c in after.choices} == {2, 6}


def test_a_proposal_to_do_something_together_is_a_partnership_and_its_thing_the_topic():
    reading = read("I'm building a rota tool for clinics. Draft a LinkedIn message to Leila at Brightpath proposing "
                   "we pilot it with her team")
    assert (reading.intent, reading.contact_id, reading.goal) == ("draft", 3, "partnership")
    assert "rota tool" in reading.topic and "proposing" not in reading.topic


def test_asking_what_to_say_to_someone_asks_for_the_words():
    reading = read("what would I even say to Kenji if I wanted him to introduce me to someone on the Helio data team?")
    assert (reading.intent, reading.contact_id, reading.goal) == ("draft", 2, "introduction")
    assert read("should I even ask Kenji for an intro to the Helio data team?").intent == "advise"
