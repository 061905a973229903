"""Drafts a thoughtful person writes pass the hard checks: a pronoun for a third person the notes name with their
role, a word of the user's request beside a fact, a draft in the language the user asked for."""

from __future__ import annotations

from coach.core.domain import Contact, Note, Profile
from coach.drafting.brief import Brief

TOMAS = Contact(id=2, first_name="Tomás", last_name="Reyes", company="Lanternfield", title="Program Manager",
                notes=[Note(text="Needs sign-off from his director, Wren Abernathy, before any pilot.\n"
                                 "We were on the Saltmarsh platform team together in 2022.")])


def _hard_failures(goal: str, channel: str, context: str, body: str, subject: str = "") -> list[str]:
    brief = Brief(contact=TOMAS, profile=Profile(name="Ada Kim"), goal=goal, channel=channel, context=context)
    return [f"{c.name}: {c.detail}" for c in brief.check(subject, body).checks if c.hard and not c.passed]


def test_a_pronoun_for_a_third_person_named_with_their_role_is_no_slip():
    body = ("Hi Tomás,\n\nI know the pilot needs Wren Abernathy's sign-off, so please feel free to forward this. "
            "I would be glad to join a short call with her if that helps.\n\nBest,\nAda")
    assert _hard_failures("partnership", "linkedin-message", "propose a pilot", body) == []


def test_a_word_from_the_request_may_stand_beside_a_fact():
    body = "Hi Tomás, it's Ada from our Saltmarsh SRE days. Would you be open to referring me for the SRE role?"
    assert _hard_failures("referral", "linkedin-note", "the SRE role", body) == []
    stitched = "Hi Tomás, it's Ada from our Saltmarsh Lanternfield days. Would you be open to referring me?"
    assert any(f.startswith("facts-together") for f in _hard_failures("referral", "linkedin-note", "", stitched))


def test_a_draft_in_the_language_asked_for_is_not_checked_for_english_capitals():
    body = ("Hallo Tomás,\n\nes ist lange her! Ich denke oft an unser Saltmarsh-Team zurück. Hast Du im Frühling "
            "Zeit für einen Kaffee?\n\nViele Grüße\nAda")
    failures = _hard_failures("reconnect", "email", "in German, Du-form", body, subject="Lange nicht gesehen")
    assert not [f for f in failures if f.startswith(("grounding", "to-them"))], failures
    # the same words without the request for German are unsupported names
    english = _hard_failures("reconnect", "email", "", body, subject="Lange nicht gesehen")
    assert any(f.startswith("grounding") for f in english)


PERE = Contact(id=3, first_name="Pere", last_name="Vidal", company="Citymetro", title="Planner",
               notes=[Note(text="[urban-mobility-circle] #intros\nmy thesis reader (bus rapid transit corridors), "
                                "we spoke at the transit day in 2019")])


def _failures_for(contact: Contact, goal: str, channel: str, context: str, body: str, subject: str = "") -> list[str]:
    brief = Brief(contact=contact, profile=Profile(name="Ada Kim"), goal=goal, channel=channel, context=context)
    return [f"{c.name}: {c.detail}" for c in brief.check(subject, body).checks if c.hard and not c.passed]


def test_an_acronym_of_words_the_notes_write_out_is_grounded_and_one_they_do_not_is_not():
    ok = "Hi Pere, you were the reader on my BRT thesis. I would love to reconnect."
    assert not [f for f in _failures_for(PERE, "reconnect", "linkedin-note", "", ok) if f.startswith("grounding")]
    made_up = "Hi Pere, you were the reader on my LRV thesis. I would love to reconnect."
    assert any(f.startswith("grounding") for f in _failures_for(PERE, "reconnect", "linkedin-note", "", made_up))


def test_a_channel_the_notes_write_as_a_slug_grounds_its_name():
    body = "Hi Pere, good to see you in the Urban Mobility Circle Slack. I would love to reconnect."
    assert not [f for f in _failures_for(PERE, "reconnect", "linkedin-note", "", body) if f.startswith("grounding")]


def test_her_two_sentences_after_the_person_introduced_is_that_person():
    body = ("Hi Tomás,\n\nWould you be open to an introduction to Mira Osei, who runs Fieldnote? Fieldnote builds "
            "survey tools for city planners. You came to mind first.\n\nWould you have 20 minutes for a call with "
            "her next week?\n\nBest,\nAda")
    assert not [f for f in _hard_failures("introduction", "email", "an intro to Mira Osei", body)
                if f.startswith("to-them")]
    slip = "Hi Tomás,\n\nI loved her talk on the Saltmarsh platform. Would you have 20 minutes for a call?\n\nBest,\nAda"
    assert any(f.startswith("to-them") for f in _hard_failures("reconnect", "email", "", slip))


def test_email_length_counts_what_is_said_between_greeting_and_sign_off():
    line = "We were on the Saltmarsh platform team together in 2022 and I still use what I learned there. "
    full = "Hi Tomás,\n\n" + line * 9 + "Would you be open to a call?\n\nBest,\nAda"  # 169 words said
    too_long = "Hi Tomás,\n\n" + line * 12 + "Would you be open to a call?\n\nBest,\nAda"
    assert not [f for f in _hard_failures("reconnect", "email", "", full, "Saltmarsh days") if f.startswith("length")]
    assert any(f.startswith("length") for f in _hard_failures("reconnect", "email", "", too_long, "Saltmarsh days"))


def test_leaving_out_the_ask_is_broken_by_a_request_and_not_by_how_are_you():
    social = "Hi Tomás, it has been too long since our Saltmarsh platform days. How are you doing?"
    asks = "Hi Tomás, it has been too long since our Saltmarsh platform days. Would you be open to a call?"
    words = "just reconnect. don't ask for anything yet"
    assert not [f for f in _hard_failures("reconnect", "linkedin-note", words, social) if f.startswith("leave-out")]
    assert any(f.startswith("leave-out") for f in _hard_failures("reconnect", "linkedin-note", words, asks))


def test_a_form_of_address_only_one_language_has_names_the_language():
    from coach.drafting.request import read_request
    assert read_request("congrats msg. tú, not usted", TOMAS).language == "Spanish"
    assert read_request("vous svp", TOMAS).language == "French"
    body = "¡Hola Tomás! Muchísimas felicidades por el nuevo puesto en Lanternfield. Un abrazo, Ada"
    failures = _hard_failures("congratulations", "linkedin-note", "tú, not usted", body)
    assert not [f for f in failures if f.startswith(("goal", "grounding"))], failures


def test_a_draft_with_nothing_between_greeting_and_sign_off_fails_in_any_language():
    empty = "Hi Tomás,\n\n\n\nBest,\nAda"
    assert any(f.startswith("length") for f in _hard_failures("congratulations", "linkedin-message", "en español",
                                                                empty))


def test_why_the_user_wants_a_language_is_never_said_to_the_person():
    from coach.drafting.request import read_request
    reading = read_request("congrats msg, in Spanish please — we always talk in Spanish", TOMAS)
    assert reading.language == "Spanish" and not [p for p in reading.parts if "spanish" in p.text.lower()]


def _failures(contact: Contact, goal: str, channel: str, context: str, body: str, subject: str = "",
              soft: bool = False) -> list[str]:
    brief = Brief(contact=contact, profile=Profile(name="Ada Kim"), goal=goal, channel=channel, context=context)
    return [f"{c.name}: {c.detail}" for c in brief.check(subject, body).checks if (soft or c.hard) and not c.passed]


def test_a_name_everyone_calls_them_or_the_user_writes_to_greets_them():
    ignacio = Contact(id=5, first_name="Ignacio", last_name="Ferreyra", notes=[Note(
        text="2019: shared the Lisbon bid desk.\neveryone calls him Nacho, signs emails N.")])
    body = "Hi Nacho, it's been too long since the Lisbon bid desk. Up for a coffee in March?"
    assert not [f for f in _failures(ignacio, "reconnect", "linkedin-note", "", body, soft=True)
                if f.startswith("greeting")]
    philippa = Contact(id=6, first_name="Philippa", last_name="Marsh", notes=[Note(
        text="03/2022 | Pip | read my whole portfolio\n02/2025 | Pip | intro to Dara Quinlan at Lanternfish")])
    body = "Hi Pip, thank you for the intro to Dara Quinlan at Lanternfish. It led to my first cover!"
    assert not [f for f in _failures(philippa, "thank-you", "linkedin-note", "thank-you note to Pip for the intro "
                                     "to Dara", body, soft=True) if f.startswith("greeting")]


def test_a_pronoun_beside_a_relative_of_the_user_is_no_slip():
    body = ("Hi Tomás,\n\nDad said he'd mentioned I'm moving into platform work, and I'd value your view on the "
            "Saltmarsh years. Would you be open to a 20-minute call?\n\nBest,\nAda")
    assert not [f for f in _hard_failures("informational-interview", "email", "", body, subject="A quick question")
                if f.startswith("to-them")]


def test_a_follow_up_on_silence_may_name_what_it_follows_up():
    body = ("Hi Tomás,\n\nI'm checking that the pilot plan I sent after our Saltmarsh platform review reached you, "
            "and whether it is along the lines you had in mind. Could you let me know where it stands?\n\nBest,\nAda")
    assert _hard_failures("follow-up", "email", "I haven't heard back", body, subject="The pilot plan") == []


def test_putting_my_name_forward_asks_for_a_referral():
    body = ("Hi Tomás,\n\nI have applied for the Program Lead role at Lanternfield. Since our Saltmarsh platform "
            "days I have run two pilots of my own. Would you feel comfortable putting my name forward?\n\nBest,\nAda")
    assert not [f for f in _hard_failures("referral", "email", "the Program Lead role", body,
                                          subject="The Program Lead role") if f.startswith("goal")]
