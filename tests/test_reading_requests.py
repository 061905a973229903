"""Requests understood as data (issue 26), by classes, with phrasings and contacts of our own: a title and a
surname, short forms of given names (offered, never chosen), the previous request asked again for someone else,
pronouns and "this" after a turn, revision words both ways, requests about the app itself (listing people, how
to do something: a typed help answer), and questions about the history with a person (their card)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from coach.conversation.howto import help_text, topics
from coach.conversation.reading import unknown_reply
from coach.conversation.router import route
from coach.core.domain import Contact
from coach.core.messages import DraftRequest
from coach.crm.resolve import who
from tests.coach_world import make_world
from tests.doubles import ScriptedChatModel

PEOPLE = [Contact(id=1, first_name="Michael", last_name="Brandt", company="Fabrikam", title="Head of Data"),
          Contact(id=2, first_name="Elizabeth", last_name="Quinn", company="Riverside Clinic",
                  title="Clinic Director"),
          Contact(id=3, first_name="Robert", last_name="Nakamura", company="Tailspin Toys", title="Recruiter"),
          Contact(id=4, first_name="Hannah", last_name="Park", company="Fabrikam", title="Designer"),
          Contact(id=5, first_name="Joon", last_name="Park", company="Wingtip", title="CTO"),
          Contact(id=6, first_name="Olga", last_name="Sørensen-Holt", company="Litware", title="Staff Engineer"),
          Contact(id=7, first_name="Ines", last_name="Duarte", company="Tailspin Toys", title="Engineering Manager")]
BY_ID = {c.id: c for c in PEOPLE}


def read(text: str, last: int | None = None, previous: DraftRequest | None = None):
    return route(text, PEOPLE, has_draft=previous is not None, last_contact=BY_ID.get(last), previous=previous)


# ------------------------------------------------------------------ a title and a surname
@pytest.mark.parametrize("text,contact", [
    ("Could you email Ms. Quinn about volunteering at the clinic?", 2),
    ("ask Mr Nakamura for a referral to the toys team", 3),
    ("write to Dr. Sørensen-Holt to say thanks for the code review", 6),
    ("dr nakamura hasn't replied in a week, draft a nudge", 3),
])
def test_a_title_and_a_surname_only_one_contact_has_is_that_contact(text, contact):
    r = read(text)
    assert (r.intent, r.contact_id) == ("draft", contact), r


@pytest.mark.parametrize("text,choices", [
    ("Please draft an email to Mr. Park asking about the design sprint", {4, 5}),  # two contacts are Parks
    ("Ms. Whitfield from the clinic still hasn't replied, should I write again?", set()),  # a clinic contact exists
    ("send Prof. Lindqvist a thank-you note", set()),
])
def test_a_title_and_a_surname_several_or_none_have_is_asked_back_never_a_described_match(text, choices):
    r = read(text)
    assert r.intent == "clarify" and r.contact_id is None, r
    if choices:
        assert {c.id for c in r.choices} == choices
    else:
        assert r.unknown_name.split()[-1] in text and all(c.id != 2 for c in r.choices)


def test_a_titles_initials_said_with_a_shared_name_settle_it():
    twins = [Contact(id=11, first_name="Sam", last_name="Lind", company="Contoso", title="Engineering Manager"),
             Contact(id=12, first_name="Sam", last_name="Lind", company="Litware", title="Staff Engineer")]
    r = route("ask the EM Sam Lind for feedback on my design doc", twins, has_draft=False)
    assert (r.intent, r.contact_id) == ("draft", 11), r
    assert route("email Sam Lind about the offsite", twins, has_draft=False).intent == "clarify"


# ------------------------------------------------------------------ short forms of given names
@pytest.mark.parametrize("text,said,offered", [
    ("write Mike a note about the data platform role", "Mike", 1),
    ("Can you thank Liz for hosting the panel?", "Liz", 2),
    ("email bob about the recruiter screen", "bob", 3),
])
def test_a_short_form_is_never_chosen_but_offered_in_the_ask_back(text, said, offered):
    r = read(text)
    assert r.intent == "clarify" and r.contact_id is None
    assert r.unknown_name == said and [c.id for c in r.choices] == [offered]
    assert unknown_reply(r.unknown_name, r.choices) == (f"No {said} in your contacts. Did you mean "
                                                        f"{BY_ID[offered].name}?")


def test_a_short_form_that_is_a_contacts_own_name_is_that_contact_and_an_everyday_word_is_no_name():
    mike = Contact(id=9, first_name="Mike", last_name="Ross", company="Contoso")
    assert who("write Mike a note", [*PEOPLE, mike]).contact == mike
    assert not who("Will you draft a note to the Fabrikam designer?", PEOPLE).unmatched
    assert who("Chat with Ines about the offsite", PEOPLE).contact.id == 7


def test_the_chat_offers_the_full_name_for_a_short_form_and_drafts_once_it_is_confirmed():
    coach = make_world(ScriptedChatModel(responder=lambda m: ""))
    coach.store.add_contact(Contact(first_name="Katherine", last_name="Moss", company="Contoso", title="Analyst"))
    chat = coach.chat()
    asked = chat.ask("write Kate a LinkedIn message to catch up", thread_id="nick")
    assert asked.intent == "clarify" and asked.draft is None
    assert asked.reply.startswith("No Kate in your contacts. Did you mean Katherine Moss?")
    drafted = chat.ask("yes", thread_id="nick")
    assert drafted.draft is not None and drafted.draft.contact == "Katherine Moss"
    assert (drafted.draft.goal, drafted.draft.channel) == ("reconnect", "linkedin-message")


# ------------------------------------------------------------------ the previous request, for someone else
LAST = DraftRequest(contact_id=1, goal="thank-you", channel="email")


@pytest.mark.parametrize("text,contact", [
    ("do the same for Ines", 7),
    ("great, now one for Olga too", 6),
    ("and send Hannah Park one as well", 4),
    ("same thing for the recruiter at Tailspin please", 3),
    ("Joon Park next", 5),
])
def test_the_previous_request_is_asked_again_for_the_person_named(text, contact):
    r = read(text, last=1, previous=LAST)
    assert (r.intent, r.contact_id, r.goal, r.channel) == ("draft", contact, "thank-you", "email"), r
    assert r.carried


def test_the_previous_request_again_keeps_what_the_new_words_change_and_asks_back_an_unclear_person():
    r = read("now one for Ines too, as a LinkedIn note", last=1, previous=LAST)
    assert (r.contact_id, r.goal, r.channel) == (7, "thank-you", "linkedin-note")
    shared = read("same for Park", last=1, previous=LAST)
    assert shared.intent == "clarify" and {c.id for c in shared.choices} == {4, 5} and shared.goal == "thank-you"
    short = read("do the same for Rob", last=1, previous=LAST)
    assert short.intent == "clarify" and short.unknown_name == "Rob" and [c.id for c in short.choices] == [3]


def test_the_chat_carries_the_last_draft_over_to_the_next_person():
    coach = make_world(ScriptedChatModel(responder=lambda m: ""))
    chat = coach.chat()
    first = chat.ask("email Priya to thank her for the intro", thread_id="same")
    assert first.draft is not None and (first.draft.goal, first.draft.channel) == ("thank-you", "email")
    again = chat.ask("do the same for Elena", thread_id="same")
    assert again.draft is not None and again.draft.contact == "Elena Petrova"
    assert (again.draft.goal, again.draft.channel) == ("thank-you", "email")


def test_this_after_a_draft_is_the_person_it_was_to():
    r = read("hmm, should I even send this? it has been three years", last=6, previous=LAST)
    assert (r.intent, r.contact_id) == ("advise", 6)
    assert read("is it too late to send?", last=6, previous=LAST).contact_id == 6


# ------------------------------------------------------------------ revision words
@pytest.mark.parametrize("text,length,tone", [
    ("make it sound professional", 0, 1),
    ("can you make this sound a lot more professional", 0, 1),
    ("less casual please", 0, 1),
    ("this reads way too chummy for a CTO", 0, 1),
    ("not formal enough", 0, 1),
    ("warmer", 0, -1),
    ("less stiff", 0, -1),
    ("it sounds very formal, loosen it up", 0, -1),
    ("not friendly enough", 0, -1),
    ("tighter", -1, 0),
    ("trim it", -1, 0),
    ("too brief, say a bit more about the project", 1, 0),
    ("way too wordy and a little cold", -1, -1),
])
def test_revision_words_move_the_draft_the_way_they_mean(text, length, tone):
    r = read(text, last=1, previous=LAST)
    assert (r.intent, r.length, r.tone) == ("revise", length, tone), r


# ------------------------------------------------------------------ requests about the app itself
@pytest.mark.parametrize("text,topic", [
    ("how do I get my data out of here as a spreadsheet?", "export"),
    ("Can I import the contacts from my phone's vCard file?", "import"),
    ("where do I upload my LinkedIn connections", "import"),
    ("is there a way to merge two duplicates of the same person", "change"),
    ("how can I restore a backup from last week", "backup"),
    ("how do I change my signature on drafts? they should be signed Sam", "profile"),
    ("can I use a bigger model with my OpenAI api key", "model"),
    ("how do I set a cadence for everyone tagged mentor", "cadence"),
    # networking questions, answered from the guidance: never help
    ("how do I ask for a referral without being pushy?", ""),
    ("how do I recover from a layoff and tell my network?", ""),
    ("how can I rebuild my network after moving cities", ""),
    ("how do I improve my LinkedIn profile before reaching out?", ""),
    ("how do I add a personal touch to a cold email", ""),
])
def test_a_question_about_the_app_is_a_typed_help_answer_and_a_networking_question_is_not(text, topic):
    r = read(text)
    assert (r.intent == "help", r.help) == (bool(topic), topic), r


def test_every_help_answer_names_a_real_page_and_commands_that_run():
    from coach.cli import _register, app
    from coach.ui.nav import PAGES

    _register([])
    runner = CliRunner()
    for name, t in topics().items():
        assert t.page in PAGES, name
        assert t.commands and all(c in help_text(name) for c in t.commands)
        for command in t.commands:
            words = command.split()[1:]
            path = [w for w in words[:2] if w.isalpha() and w.islower()]
            result = runner.invoke(app, [*path, "--help"])
            assert result.exit_code == 0, f"{name}: `coach {' '.join(path)}` is no command"


@pytest.mark.parametrize("text,company", [
    ("list all my contacts", ""),
    ("show me everyone at Tailspin Toys", "Tailspin Toys"),
    ("who's in my network?", ""),
    ("give me the whole list of people from fabrikam", "Fabrikam"),
])
def test_a_request_for_everyone_lists_the_contacts_not_a_search(text, company):
    r = read(text)
    assert (r.intent, r.listing, r.topic) == ("find", True, company), r


def test_the_chat_lists_everyone_at_a_company_from_the_store_and_answers_how_to_export():
    coach = make_world(ScriptedChatModel(responder=lambda m: ""))
    chat = coach.chat()
    listed = chat.ask("show everyone at Northwind Health", thread_id="app")
    assert listed.intent == "find" and listed.reading == "Everyone at Northwind Health"
    assert [r["title"] for r in listed.results] == ["Elena Petrova"] and "Priya" not in listed.reply
    everyone = chat.ask("list all my contacts", thread_id="app")
    assert len(everyone.results) == len(coach.contacts()) and "4 people in your contacts" in everyone.reply
    helped = chat.ask("how do I export my data?", thread_id="app")
    assert helped.intent == "help" and helped.page == "contacts" and helped.advice is None
    assert "coach export --format" in helped.reply and "Export & backup" in helped.reply


# ------------------------------------------------------------------ questions about the history with someone
@pytest.mark.parametrize("text,contact", [
    ("do I owe Ines a reply?", 7),
    ("when did I last talk to Olga?", 6),
    ("did Robert ever get back to me about the screen?", 3),
    ("have I thanked Michael for the intro yet?", 1),
    ("how long has it been since I spoke with Hannah Park", 4),
])
def test_a_question_about_the_history_with_someone_shows_them(text, contact):
    r = read(text)
    assert (r.intent, r.contact_id) == ("show", contact), r


def test_a_history_question_that_also_asks_what_to_do_is_advice():
    r = read("when did I last talk to Olga? should I reach out before the conference?")
    assert (r.intent, r.contact_id) == ("advise", 6)


def test_a_hyphenated_surname_nobody_has_is_asked_back_never_taken_for_the_first_name():
    from coach.conversation.router import route
    from coach.core.domain import Contact

    people = [Contact(id=1, first_name="Layla", last_name="Ben-Haim", company="Initech"),
              Contact(id=2, first_name="Jean-Pierre", last_name="Dufour", company="Hooli")]
    asked = route("Write an email to Layla Ben-Hayim to say thanks", people, False)
    assert asked.contact_id is None and asked.intent == "clarify"
    assert route("Write an email to Layla Ben-Haim to say thanks", people, False).contact_id == 1
    assert route("email Jean-Pierre Dufour about the launch", people, False).contact_id == 2
