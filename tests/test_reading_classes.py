"""The chat's reading by classes of phrasing (issue 26), each with phrasings of our own: politeness and
preambles, a request at the end of a long message, typos and missing apostrophes, voice dictation, channel words
anywhere, people described by role, pronouns after a previous turn, several requests in one (the first is
read), advice questions that name a person, non-native English. A name that matches nobody exactly is still
asked back, never fuzzily chosen."""

from __future__ import annotations

import pytest

from coach.conversation.cues import clean, goal_of
from coach.conversation.router import route
from coach.core.domain import Contact
from coach.crm.describe import described

PEOPLE = [Contact(id=1, first_name="Priya", last_name="Shah", company="Stripe", title="Product Manager"),
          Contact(id=2, first_name="Marcus", last_name="Lee", company="Acme Robotics", title="Engineering Manager"),
          Contact(id=3, first_name="Marcus", last_name="Lee", company="Datadog", title="SRE"),
          Contact(id=4, first_name="Elena", last_name="Petrova", company="Northwind Health",
                  title="Data Science Lead"),
          Contact(id=5, first_name="Sam", last_name="Okafor", company="Globex", title="Recruiter"),
          Contact(id=6, first_name="Aisha", last_name="Bello", company="Shopify", title="Staff Engineer"),
          Contact(id=7, first_name="Tomas", last_name="Berg", company="Initech", title="Engineering Director",
                  tags=["former-manager"])]
BY_ID = {c.id: c for c in PEOPLE}


def read(text: str, has_draft: bool = False, last: int | None = None):
    return route(text, PEOPLE, has_draft=has_draft, last_contact=BY_ID.get(last))


@pytest.mark.parametrize("text,contact,goal,channel", [
    # politeness and a preamble before the request; a closing thanks is no thank-you
    ("Morning! Hope your week is going well. I've put this off for days but here goes: could you draft Aisha an "
     "email asking whether she'd mentor me through the staff promotion? Many thanks!", 6, "mentorship", "email"),
    # the request at the end of a long message whose start tells a situation
    ("Long story short, the Shopify reorg cancelled my project and I feel stuck. I keep thinking of the old days "
     "at Northwind. Anyway, please write Elena a LinkedIn message to catch up.", 4, "reconnect", "linkedin-message"),
    # typos of the request's own words, shorthand, missing apostrophes
    ("plz drfat an emial to Elena Petrova to folow up on the data role", 4, "follow-up", "email"),
    ("can u ask aisha if shed mentor me, i dont know her well", 6, "mentorship", None),
    # voice dictation: spoken punctuation and a correction said aloud
    ("write an email to sam okafor comma asking about mentoring period no wait a referral for the analyst "
     "opening period", 5, "referral", "email"),
    # the channel said anywhere, last included
    ("For Elena, a thank-you for the dataset tips, sent as an email", 4, "thank-you", "email"),
    # a person described by role, tag or company instead of named
    ("write to my ex-boss to reconnect", 7, "reconnect", None),
    ("ping the recruiter at Globex on linkedin about the analyst opening, ask him to put me forward", 5,
     "referral", "linkedin-message"),
    ("draft a note to the Shopify staff engineer I know asking for a coffee chat", 6, "informational-interview",
     "linkedin-note"),
    ("email the Northwind lead, ask for a 15 minute call about her job", 4, "informational-interview", "email"),
    # several requests in one: the first is read
    ("Congratulate Aisha on the promotion and then ask Sam for a referral", 6, "congratulations", None),
    ("write Priya an email thanking her for the intro, and also remind me who I'm due to call", 1, "thank-you",
     "email"),
    # non-native English
    ("I want to make thanks to Elena for help me with the dataset", 4, "thank-you", None),
    ("Please you can write for Sam, I want ask him small chat about recruiter work, by linkedin", 5,
     "informational-interview", "linkedin-message"),
])
def test_a_draft_is_read_whatever_the_phrasing(text, contact, goal, channel):
    r = read(text)
    assert (r.intent, r.contact_id, r.goal) == ("draft", contact, goal), r
    if channel:
        assert r.channel == channel
    assert not any(w in r.context.lower().split() for w in ("comma", "period", "plz", "u"))


@pytest.mark.parametrize("text,contact", [
    ("Elena went quiet after our call, is there any point following up?", 4),
    ("Aisha offered to collaborate on a talk but I'm not sure it's a good idea. Thoughts?", 6),
    ("How I should approach Sam for the referral, he is very busy, I not want to disturb him", 5),
    ("whats the etiquette for following up w a recruiter after they ghost u? thinking of sam", 5),
    ("Is it weird to ask my former manager to mentor me?", 7),
    ("Should I ping Elena again? If so, draft the follow-up", 4),
    ("how many times can I nudge Priya before it gets annoying", 1),
])
def test_an_advice_question_that_names_a_person_is_advice_not_a_draft(text, contact):
    r = read(text)
    assert (r.intent, r.contact_id) == ("advise", contact), r


def test_an_advice_question_about_a_shared_name_keeps_the_candidates():
    r = read("Marcus went silent after the onsite, should I wait or write again?")
    assert r.intent == "advise" and r.contact_id is None and {c.id for c in r.candidates} == {2, 3}


@pytest.mark.parametrize("text,unknown,near", [
    ("plz emial Elnea Petrova about the data role", "Elnea Petrova", [4]),  # a typo in a name: asked back
    ("ask Aisha at Globex for a referral", "Aisha at Globex", [6]),  # a workplace that is not hers
    ("email Elena Müller about the data role", "Elena Müller", [4]),  # an accented surname nobody has
    ("draft a message to Mr. Whitfield about the pilot", "", []),
])
def test_a_name_that_matches_nobody_is_asked_back_never_corrected(text, unknown, near):
    r = read(text)
    assert r.intent == "clarify" and r.contact_id is None, r
    if unknown:
        assert r.unknown_name == unknown and [c.id for c in r.choices] == near


@pytest.mark.parametrize("text,intent,contact", [
    ("Show me Aisha Okoye's card", "clarify", None),  # nobody has that surname: asked back, not Aisha Bello
    ("pull up my ex boss", "show", 7),
    ("open the card for the Datadog SRE", "show", 3),
    ("note for Sam: prefers calls to email", "note", 5),
    ("Elena moved to Berlin, jot that down", "note", 4),
    ("is possible to note that Aisha call me today?", "note", 6),
    ("Show me Priya's card and tell me if I should ask her for a referral", "show", 1),
    ("who do I know at Globex? and write to them", "find", None),
    ("is there anybody at Initech in my network?", "find", None),
    ("Do I have any connections at Shopify? thinking of applying", "find", None),
    ("who is knowing people in healthcare?", "find", None),
])
def test_records_and_searches_are_read_first_and_whatever_the_phrasing(text, intent, contact):
    r = read(text)
    assert (r.intent, r.contact_id) == (intent, contact), r


def test_after_a_turn_a_pronoun_or_nothing_means_the_person_it_was_about():
    assert (read("she also deserves a thank-you, by email", last=4).contact_id,
            read("she also deserves a thank-you, by email", last=4).goal) == (4, "thank-you")
    logged = read("great. now log that I sent it", has_draft=True, last=1)
    assert (logged.intent, logged.contact_id) == ("note", 1)
    card = read("add that she prefers mornings", has_draft=False, last=4)
    assert (card.intent, card.contact_id) == ("note", 4)
    # with a draft on the table, "add that …" changes the draft: it is no note
    assert read("add that we met at the summit", has_draft=True, last=4).intent != "note"
    assert read("another", has_draft=True, last=4).regenerate


def test_descriptions_fit_every_word_or_no_one():
    assert described("for the product manager role on the payments team", PEOPLE).contact is None
    assert described("ask the hiring manager", PEOPLE).contact is None
    assert described("the Stripe PM", PEOPLE).contact.id == 1  # a title's initials
    assert {c.id for c in described("my manager", PEOPLE).choices} == {1, 2, 7}  # asked back, all three


def test_cleaning_fixes_the_cues_and_nothing_else():
    assert clean("drfat a folow up pls", ["Elena"]) == "draft a follow up please"
    assert clean("that's fine, find Elnea", ["Elena", "Petrova"]) == "that's fine, find Elnea"
    assert clean("the trial period ended. ok") == "the trial period ended. ok"  # written punctuation: a word
    assert clean("send it to sam comma thanks period") == "send it to sam, thanks."
    assert goal_of("Thank you so much! Could you ask her to refer me?") == "referral"
    assert goal_of("thanks for the intro to her team") == "thank-you"


@pytest.mark.parametrize("text,about", [
    # what the message is marked as about, up to the clause about it
    ("ping Elena re the churn forecasting rollout we argued over at the offsite, email", "churn forecasting rollout"),
    # …unless a job is named after it
    ("follow up with Sam re my chat last week for the data analyst opening", "data analyst opening"),
    # role nouns in a row stay together
    ("intro email to Aisha for my cousin who runs a climate data platform startup", "climate data platform startup"),
    # what a third person works on, for an introduction
    ("write to Priya offering to introduce her to a friend who's working on ledger reconciliation", "ledger reconciliation"),
    # what the person just did
    ("Tomas shipped the new billing console, send him congrats on linkedin", "the new billing console"),
])
def test_the_topic_is_what_the_words_mark_as_the_subject(text, about):
    r = read(text)
    assert r.intent == "draft" and about in r.topic


def test_the_story_told_before_the_request_is_the_context_and_channel_leftovers_are_not():
    r = read("I'm trying to move into data leadership. Elena was the best lead I ever had. Could you draft something "
             "asking if she'd mentor me? LinkedIn is fine.")
    assert r.intent == "draft" and r.contact_id == 4
    assert "move into data leadership" in r.context and "fine" not in r.context


def test_a_reply_to_a_pasted_email_is_an_email():
    pasted = ("From: Sam Okafor <sam@globex.example>\nSubject: Thanks for coming in\nHi, great to meet you today, "
              "we'll be in touch by Monday.\n\nreply to this and thank him")
    r = read(pasted)
    assert (r.intent, r.contact_id, r.goal, r.channel) == ("draft", 5, "thank-you", "email")


def test_a_hyphenated_family_name_said_without_its_hyphen_is_no_leftover():
    people = PEOPLE + [Contact(id=8, first_name="Noor", last_name="Al-Amin", company="Mercy Clinic", title="Nurse")]
    r = route("linkedin note to noor al amin asking for a referral to the ward clerk role", people, has_draft=False)
    assert (r.intent, r.contact_id, r.leftover) == ("draft", 8, "")


@pytest.mark.parametrize("text,who,kept", [
    ("pop this on Sam's record: he is back from leave in May", 5, "he is back from leave in May"),
    ("stick it in Aisha's file that she moved to Porto", 6, "she moved to Porto"),
])
def test_putting_words_on_someones_record_is_a_note(text, who, kept):
    r = read(text)
    assert (r.intent, r.contact_id, r.note) == ("note", who, kept)


@pytest.mark.parametrize("text,unknown", [
    ("what've I got on Tash?", "Tash"),  # after any word a name stands after (the naming vocabulary's)
    ("show me Brian O'Neill's profile", "Brian O'Neill"),  # an owner's name with an apostrophe in it
])
def test_a_card_asked_for_of_a_name_nobody_has_is_asked_back_whole(text, unknown):
    r = read(text)
    assert (r.intent, r.unknown_name) == ("clarify", unknown)
