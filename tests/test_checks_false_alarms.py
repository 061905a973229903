"""Classes of false alarm on drafts a careful person writes, each beside the slip its check exists for, which must
still fail: a sentence's first word before "I"; months in a run ("Apr/May/Jun"); the same words written shorter
("Ops Mgr", "ChemEng"); a year written "'16"; a day the notes write "sep 9"; a blurb set apart between rule lines
to forward; a third person a note lists with a dash and what they did; asking whether they know anyone for a role;
a draft in a language the user allowed; a full name before a given name in brackets; a short form of their name
the user writes; a list item's first word; a pronoun after a chat log's speaker; an email as long as the user
allows. Notes and messages are ours, none from an eval case."""

from __future__ import annotations

from coach.core.dates import day_months, months_in, short_years
from coach.core.domain import Contact, Note, Profile
from coach.crm.facts.names import goes_by
from coach.drafting.brief import Brief

ME = Profile(name="Ada Kim", headline="Chemical engineering graduate, now in process safety at Thornbury Labs")


def _contact(first: str, last: str, *notes: str, **kw) -> Contact:
    return Contact(id=7, first_name=first, last_name=last, notes=[Note(text=n) for n in notes], **kw)


def _hard(contact: Contact, goal: str, channel: str, context: str, body: str, subject: str = "") -> dict[str, str]:
    brief = Brief(contact=contact, profile=ME, goal=goal, channel=channel, context=context)
    return {c.name: c.detail for c in brief.check(subject, body).checks if c.hard and not c.passed}


ODILE = _contact("Odile", "Marchetti", "worked together on the Harbourside retrofit in 2021, she ran the site audits",
                 company="Granary Works")


def test_a_sentences_first_word_before_i_is_no_name_and_an_invented_name_there_still_is():
    good = ("Hi Odile,\n\nIt has been a while since the Harbourside retrofit. Wherever I go on site now, I still "
            "run audits your way. Would you be up for a coffee next month?\n\nBest,\nAda")
    assert "grounding" not in _hard(ODILE, "reconnect", "email", "", good, "Harbourside days")
    made_up = good.replace("Wherever I go", "Corvina Haldemaar says")
    assert "Corvina Haldemaar" in _hard(ODILE, "reconnect", "email", "", made_up, "Harbourside days")["grounding"]


def test_months_written_in_a_run_with_slashes_are_months():
    assert months_in("three clinics in Q2 (Apr/May/Jun)") == [(4, None), (5, None), (6, None)]
    assert months_in("may I ask, and jun is his nickname") == []


def test_a_month_from_a_run_grounds_the_message_and_another_month_does_not():
    ivo = _contact("Ivo", "Brandt", "plan: three repair clinics in Q2 (Apr/May/Jun), we bring tools + volunteers")
    good = "Hi Ivo, we could run the clinics in April, May and June. Would that work for you?"
    assert "grounding" not in _hard(ivo, "partnership", "linkedin-message", "", good)
    bad = "Hi Ivo, we could run the clinics in April, May and October. Would that work for you?"
    assert "October" in _hard(ivo, "partnership", "linkedin-message", "", bad)["grounding"]


def test_words_the_notes_or_profile_write_shorter_ground_the_longer_form_and_the_other_way_round():
    wen = _contact("Wen", "Castellano", "ref: Wen Castellano, Regional Ops Mgr at Lindqvist Freight (2019-2023)")
    good = "Hi Wen, as Regional Operations Manager at Lindqvist Freight you saw the whole rollout. Could we talk?"
    assert "grounding" not in _hard(wen, "informational-interview", "linkedin-message", "", good)
    other_role = good.replace("Regional Operations Manager", "Regional Sales Manager")
    assert "Sales" in _hard(wen, "informational-interview", "linkedin-message", "", other_role)["grounding"]
    # a compound whose parts start the words the profile writes out in a row
    fellow = "Hi Wen, fellow ChemEng grad here. Could we talk about how you moved into freight?"
    assert "grounding" not in _hard(wen, "informational-interview", "linkedin-message", "", fellow)
    invented = "Hi Wen, fellow BioMed grad here. Could we talk about how you moved into freight?"
    assert "BioMed" in _hard(wen, "informational-interview", "linkedin-message", "", invented)["grounding"]


def test_a_year_written_with_an_apostrophe_is_that_year():
    assert short_years("'16: she moved to Leeds") == "2016"
    assert short_years("class of '98, both of us") == "1998"
    tove = _contact("Tove", "Lind", "'16: she moved to Leeds and started the choir")
    good = "Hi Tove, I still think of the choir you started in 2016. Would you be up for a call?"
    assert "grounding" not in _hard(tove, "reconnect", "linkedin-message", "", good)
    bad = good.replace("2016", "2017")
    assert "2017" in _hard(tove, "reconnect", "linkedin-message", "", bad)["grounding"]


def test_a_day_keeps_its_month_however_it_is_written():
    assert "9 september" in day_months("can we talk the week of sep 9?")
    assert "21 october" in day_months("last call 21-Oct-2024")
    assert "6 march" in day_months("sent 03/06 by post") and "3 june" in day_months("sent 03/06 by post")


def test_a_day_a_note_writes_short_is_no_stitch_and_a_day_from_another_note_still_is():
    rui = _contact("Rui", "Abrantes", "met 4 March at the cold-chain expo", "his keynote is on 22 June in Porto",
                   "pilot review: sep 9 at the depot", "their budget resets every September")
    good = "Hi Rui, looking forward to the pilot review on 9 September at the depot. Could you bring the numbers?"
    assert "facts-together" not in _hard(rui, "follow-up", "linkedin-message", "", good)
    stitched = "Hi Rui, great meeting you on 22 March at the cold-chain expo. Could we talk about the pilot?"
    assert "22 March" in _hard(rui, "follow-up", "linkedin-message", "", stitched)["facts-together"]


BLURB = ("Hi Odile,\n\nWould you be open to introducing me to your colleague Bram Okonjo? I'd like 20 minutes on how "
         "Granary Works plans site audits.\n\nHere is a short note you could forward:\n\n---\nAda Kim is a process "
         "safety engineer at Thornbury Labs. She would value 20 minutes on how Granary Works plans site audits.\n---"
         "\n\nThanks either way,\nAda")


def test_a_blurb_set_apart_to_forward_may_restate_the_ask_and_speak_of_the_user():
    found = _hard(ODILE, "introduction", "email", "ask for an intro to Bram Okonjo", BLURB, "Intro to Bram?")
    assert "repetition" not in found and "to-them" not in found, found
    # the same sentence said twice in the message itself is still a repetition
    twice = BLURB.replace("Here is a short note you could forward:", "I'd like 20 minutes on how Granary Works "
                          "plans site audits.")
    twice = twice.replace("\n---\nAda Kim", "\nAda Kim").replace("site audits.\n---", "site audits.")
    assert "repetition" in _hard(ODILE, "introduction", "email", "ask for an intro to Bram Okonjo", twice, "Intro?")


def test_a_third_person_a_note_lists_with_a_dash_is_who_he_is():
    lena = _contact("Lena", "Fairbairn", "Tomas Ekwueme - led the warehouse robotics rollout on my team, 2020-2024. "
                                         "open to roles now", company="Pellworth")
    good = ("Hi Lena, Tomas Ekwueme led our warehouse robotics rollout, and he is looking for his next role. Would "
            "you be open to an introduction?")
    assert "to-them" not in _hard(lena, "introduction", "linkedin-message", "", good)
    slip = "Hi Lena, I loved her talk on warehouse robotics. Would you be open to a call?"
    assert "to-them" in _hard(lena, "informational-interview", "linkedin-message", "", slip)


def test_asking_whether_they_know_anyone_for_a_role_is_a_referral_ask():
    noor = _contact("Noor", "Haddad", "offered to pass on names for hiring, she knows the whole rail signalling crowd")
    good = "Hi Noor, thanks for offering names. Do you know anyone who might suit our Track Engineer role in York?"
    assert "goal" not in _hard(noor, "referral", "linkedin-note", "the Track Engineer role in York", good)
    no_ask = "Hi Noor, thanks for offering names. Our Track Engineer role in York is open now."
    assert "goal" in _hard(noor, "referral", "linkedin-note", "the Track Engineer role in York", no_ask)


def test_a_draft_in_a_language_the_user_allowed_is_not_read_as_english():
    body = ("Olá Odile, sou a Ada, trabalhamos juntas no Harbourside em 2021. Parabéns pela Granary Works! "
            "Podemos conversar?")
    allowed = _hard(ODILE, "congratulations", "linkedin-note", "congrats on the new studio, portuguese is fine", body)
    assert not {"grounding", "goal", "to-them"} & set(allowed), allowed
    # not allowed: its capitalised words are names nobody gave, and a number the notes do not hold still fails
    assert "grounding" in _hard(ODILE, "congratulations", "linkedin-note", "congrats on the new studio", body)
    wrong_year = body.replace("2021", "2019")
    assert "2019" in _hard(ODILE, "congratulations", "linkedin-note", "portuguese is fine", wrong_year)["grounding"]


def test_a_family_name_before_a_given_name_in_brackets_is_not_the_name_they_go_by():
    tade = _contact("Adetade", "Okoro", "cards — Tade Okoro (Adetade) and family")
    assert goes_by(tade) != "Okoro"
    assert "greeting" not in _hard(tade, "reconnect", "linkedin-message", "",
                                   "Hi Tade, it has been too long. Would you be up for a call?")
    gosia = _contact("Małgorzata", "Wiśniewska", "Gosia (Małgorzata) Wiśniewska, ex-colleague")
    assert goes_by(gosia) == "Gosia"


def test_saying_no_x_where_the_user_said_no_x_is_no_mention_of_x():
    body = ("Hi Odile, would you have an hour this spring to look over my audit checklist? No pressure at all if "
            "the timing is wrong.")
    assert "leave-out" not in _hard(ODILE, "mentorship", "linkedin-message", "ask for feedback on my checklist. no "
                                    "pressure", body)
    # the thing itself, said another way than the user's "no …", still counts
    pushy = "Hi Odile, I know you are under pressure, but could you look over my audit checklist this week?"
    assert "leave-out" in _hard(ODILE, "mentorship", "linkedin-message", "ask for feedback on my checklist. no "
                                "pressure", pushy)


def test_a_number_a_dictated_note_spells_out_grounds_its_digits_and_another_number_does_not():
    from coach.core.text import spoken_numbers

    assert spoken_numbers("the eighteen forty one map and two thousand and nine") == "1841 2009"
    assert spoken_numbers("from twenty twenty two, forty five minutes") == "2022 45"
    pim = _contact("Pim", "Vos", "dictated: she let me restore the eighteen forty one harbour map, best day ever")
    good = "Hi Pim, restoring the 1841 harbour map with you is still my best day. Thank you for trusting me with it."
    assert "grounding" not in _hard(pim, "thank-you", "linkedin-message", "", good)
    assert "1851" in _hard(pim, "thank-you", "linkedin-message", "", good.replace("1841", "1851"))["grounding"]


def test_a_blurb_quoted_line_by_line_is_set_apart_and_what_follows_it_is_still_read():
    quoted = ("Hi Odile,\n\nWould you be open to introducing me to Bram Okonjo? Here is a note to forward:\n\n> Ada Kim "
              "would value 20 minutes with you on site audits. She worked with Odile on the Harbourside retrofit.\n\n"
              "Thanks either way,\nAda")
    assert "to-them" not in _hard(ODILE, "introduction", "email", "ask for an intro to Bram Okonjo", quoted, "Intro?")
    after = quoted.replace("\n\nThanks either way", "\n\nThe retrofit taught me a lot. I still use the checklist. I "
                                                    "keep it on my desk. I loved her notes on it.\n\nThanks either way")
    assert "to-them" in _hard(ODILE, "introduction", "email", "ask for an intro to Bram Okonjo", after, "Intro?")


def test_a_short_form_of_their_name_the_users_words_use_may_greet_them_and_another_name_may_not():
    pip = _contact("Philippa", "Moreau", "ran the careers fair at Granary Works in March, wants a written proposal")
    good = "Hi Pippa,\n\nThe one-page proposal from the careers fair is attached.\n\nBest,\nAda"
    said = "email pippa the proposal"
    assert "greeting" not in _hard(pip, "partnership", "email", said, good, "Proposal")
    assert "greeting" in _hard(pip, "partnership", "email", said, good.replace("Hi Pippa", "Hi Greta"), "Proposal")
    assert "greeting" in _hard(pip, "partnership", "email", "email her the proposal", good, "Proposal")


def test_a_list_items_first_word_is_no_name_and_an_invented_name_in_a_list_still_is():
    ivo = _contact("Ivo", "Brandt", "plan: three repair clinics in spring, we bring tools + volunteers")
    good = ("Hi Ivo,\n\nHere is the plan in short:\n- Three repair clinics in spring\n- Around ten volunteers each"
            "\n\nWould that work for you?\n\nBest,\nAda")
    assert "grounding" not in _hard(ivo, "partnership", "email", "", good, "Repair clinics")
    made_up = good.replace("- Around ten volunteers each", "- Led by Corvina Haldemaar")
    assert "Corvina Haldemaar" in _hard(ivo, "partnership", "email", "", made_up, "Repair clinics")["grounding"]


def test_a_pronoun_after_someone_who_speaks_in_a_pasted_chat_is_about_them():
    rhi = _contact("Rhiannon", "Pryce", "[03/02/24, 21:14] Bea: saw Rhiannon at the expo!! she's at Tessellate now",
                   company="Tessellate")
    good = ("Hi Rhiannon,\n\nBea says hi; she was glad to see you at the expo. Would you be up for a coffee?"
            "\n\nBest,\nAda")
    assert "to-them" not in _hard(rhi, "reconnect", "email", "", good, "Coffee?")
    slip = "Hi Rhiannon,\n\nI loved her talk at the expo. Would you be up for a coffee?\n\nBest,\nAda"
    assert "to-them" in _hard(rhi, "reconnect", "email", "", slip, "Coffee?")


def test_an_email_may_run_to_the_length_the_user_allows_and_no_longer():
    ivo = _contact("Ivo", "Brandt", "met at the repair fair in spring; he edits the Greenway quarterly")
    body = "Hi Ivo,\n\n" + "The repair fair piece runs long on purpose. " * 28 + "\n\nWould it suit the quarterly?\n\nBest,\nAda"
    assert "length" in _hard(ivo, "follow-up", "email", "send him the piece", body, "Repair fair piece")
    assert "length" not in _hard(ivo, "follow-up", "email", "piece in the body, under 250 words", body, "Repair fair piece")
    longer = body.replace("on purpose. ", "on purpose. " * 3, 1) * 2
    assert "length" in _hard(ivo, "follow-up", "email", "piece in the body, under 250 words", longer, "Repair fair piece")


def test_a_model_drafts_own_quote_marks_are_kept_and_wrapping_ones_dropped():
    from coach.core.text import clean

    assert clean('Subject: Thank you for "Pressing on"\n\nHi Ivo,')[0] == 'Thank you for "Pressing on"'
    assert clean('"Subject: Coffee?\n\nHi Ivo,"') == ("Coffee?", "Hi Ivo,")
