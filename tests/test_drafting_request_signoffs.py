"""The user's words about the envelope and the common instruction verbs are read as data: a sign-off in any quote
marks, with a closing in any language or before the verb; a thanks, an introduction, a referral, a question for
them; a thing to leave out that names an ask is not 'ask nothing'."""

from __future__ import annotations

import pytest

from coach.core.domain import Contact, Note, Profile
from coach.drafting.composer import Brief, compose
from coach.drafting.request import read_request

MIRA = Contact(id=4, first_name="Mira", last_name="Castellane", company="Harrowgate Trust", title="Director",
               notes=[Note(text="Met at the regional funders' forum in Leeds, March 2024.")])


@pytest.mark.parametrize("words, closing, name", [
    ("thank her for the forum intro. sign 'Cheers, Joss'", "Cheers,", "Joss"),
    ("Sign off ‘Warm regards, Dominic’.", "Warm regards,", "Dominic"),
    ("short and kind. Sign off Kind regards, Morag", "Kind regards,", "Morag"),
    ("Sign off 'Med vennlig hilsen, Aoife'.", "Med vennlig hilsen,", "Aoife"),
    ("casual, we go way back. Rach x is how I sign off with her", "", "Rach x"),
    ("sign off 'Love, Jo x' we're close", "Love,", "Jo x"),
    # a one-word closing in another language is a closing too, but a name and a title are a signature
    ("Not too gushing. Sign off 'Diolch, Owain'.", "Diolch,", "Owain"),
    ("Sign off 'Saludos, Inés'", "Saludos,", "Inés"),
    ("sign off 'Hugo, CEO'", "", "Hugo, CEO"),
    ("sign off 'Ana, Founder'", "", "Ana, Founder"),
    # a closing said with '!', and a closing over a name and a title
    ("Sign 'Obrigada! Priscila'", "Obrigada!", "Priscila"),
    ("Sign 'With gratitude, Leticia Moreno, Executive Director'.", "With gratitude,", "Leticia Moreno, Executive Director"),
])
def test_a_sign_off_is_read_word_for_word(words, closing, name):
    reading = read_request(words, MIRA)
    assert (reading.closing, reading.sign_as) == (closing, name)


def test_sign_off_with_a_pronoun_names_nobody():
    assert read_request("I always sign off with her first name in Welsh", MIRA).sign_as == ""


@pytest.mark.parametrize("words, kind, text", [
    ("want to thank her for the reference letter", "thanks", "the reference letter"),
    ("a short thank you to Mira for the site visit", "thanks", "the site visit"),
    ("ask for an intro to Tobias Wren at Sonorel", "person", "Tobias Wren at Sonorel"),
    ("ask whether she'd put my name forward to Colette for the Grants Officer role", "role", "the Grants Officer role"),
    ("ask what she needs from me", "ask", "let me know what you need from me"),
    ("intro myself as her new account manager", "mine", "I am your new account manager"),
    ("say yes I'm applying for the CNE post", "mine", "I'm applying for the CNE post"),
    ("say she'll have the quote by 15 March", "mine", "You'll have the quote by 15 March"),
])
def test_common_instructions_are_read_into_typed_parts(words, kind, text):
    parts = read_request(words, MIRA).parts
    assert [(p.kind, p.text) for p in parts] == [(kind, text)], read_request(words, MIRA).line()


def test_a_congratulation_after_a_comma_is_its_own_part():
    reading = read_request("Connection note to Mira from last night's dinner, congrats on the Civic Award", MIRA)
    assert ("news", "the Civic Award") in [(p.kind, p.text) for p in reading.parts]


def test_two_questions_in_one_sentence_are_asked_together():
    brief = Brief(contact=MIRA, profile=Profile(name="Owen Pryce"), goal="mentorship", channel="email",
                  context="ask if she'd read my bid draft and whether she'd be open to mentoring me this year")
    body = compose(brief)[1]
    assert "Would you read my bid draft, and would you be open to mentoring me this year?" in body


def test_a_thing_named_to_mention_without_what_it_is_is_not_guessed():
    reading = read_request("congratulate her on the award, mention the Hull get-in", MIRA)
    assert "mention the Hull get-in" in reading.left_out


@pytest.mark.parametrize("words", [
    "Don't make it sound like I'm asking for a job",
    "don't bring up the grant as a favour owed",
])
def test_leaving_out_one_kind_of_ask_still_asks(words):
    brief = Brief(contact=MIRA, profile=Profile(name="Owen Pryce"), goal="mentorship", channel="email",
                  context="ask if she'd be open to mentoring me. " + words)
    assert "Would you be open to mentoring me?" in compose(brief)[1]


@pytest.mark.parametrize("words", ["no ask", "don't ask for anything yet", "no favours this time"])
def test_saying_not_to_ask_asks_nothing(words):
    brief = Brief(contact=MIRA, profile=Profile(name="Owen Pryce"), goal="reconnect", channel="email",
                  context=words)
    assert "?" not in compose(brief)[1]


def test_a_short_form_of_the_users_name_is_their_signature():
    brief = Brief(contact=MIRA, profile=Profile(name="Rachel Dunmore"), goal="reconnect", channel="email",
                  context="Rach x is how I sign off with her")
    assert compose(brief)[1].endswith("Rach x")


def test_a_month_and_year_written_with_a_slash_grounds_the_month():
    from coach.core.dates import months_in
    assert months_in("passed the CNE 03/2023, finally") == [(3, 2023)]
    assert months_in("13/2020") == []


@pytest.mark.parametrize("sentence", ["I want reconnect with you.", "I want ask for a call about it."])
def test_a_verb_after_want_without_to_breaks_a_grammar_invariant(sentence):
    from coach.checks import grammar
    assert not grammar.ok(sentence)


@pytest.mark.parametrize("words, kind, text", [
    ("ask if she's open to an intro to Jomo Kariuki", "person", "Jomo Kariuki"),
    ("ask Mira if she'd intro me to Farah", "person", "Farah"),
    ("ask what the panel cares about most", "ask", "let me know what the panel cares about most"),
    ("ask how she got into grant making", "ask", "let me know how you got into grant making"),
])
def test_asks_for_an_introduction_or_a_question_are_read(words, kind, text):
    assert [(p.kind, p.text) for p in read_request(words, MIRA).parts] == [(kind, text)]


def test_a_meeting_asked_for_with_its_purpose_is_the_ask():
    brief = Brief(contact=MIRA, profile=Profile(name="Owen Pryce"), goal="partnership", channel="email",
                  context="propose a joint youth grants panel. ask for a 20 min call to plan it")
    assert "20-minute call to plan it?" in compose(brief)[1]


def test_a_note_in_job_shorthand_is_not_said_as_written():
    from coach.drafting.sayable import sayable
    assert not sayable("you were promoted straight from shift supvr, skipped asst mgr", "their-news", ("Tran",))
    assert sayable("you were promoted to shift manager", "their-news", ("Tran",))


def test_a_quoted_closing_in_any_language_and_a_quoted_name_after_her():
    reading = read_request("sign with 'Viele Grüße, Hartmut' she will like it", MIRA)
    assert (reading.closing, reading.sign_as) == ("Viele Grüße,", "Hartmut")
    from coach.core.text import second_person
    said = second_person("I still use her 'cut the first 30 seconds' rule", ("Mira",))
    assert said == "I still use your 'cut the first 30 seconds' rule"


def test_a_role_in_brackets_after_a_name_in_a_chat_log_is_no_name_they_go_by():
    from coach.crm.facts.names import goes_by
    oksana = Contact(id=7, first_name="Oksana", last_name="Hrytsenko", notes=[Note(
        text="[12:15] Hrytsenko, Oksana (Guest)\nTraffic loading is in v2, good spot.")])
    assert goes_by(oksana) == ""


def test_an_informational_chat_of_so_many_minutes_is_the_meeting_asked_for():
    parts = read_request("Ask for 15-20 min informational chat about moving from design to asset management",
                         MIRA).parts
    assert [(p.kind, p.minutes) for p in parts] == [("meet", 15)]
