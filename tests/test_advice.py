"""Advice a person can act on: the right article leads, words from the articles, a script for the user's own
people (or a neutral one with slots), and people who could help, each with why."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from coach.advice.scripts import neutral_script
from coach.advice.situations import overview_sentences
from coach.advice.summary import parse_reply, supported
from coach.core.domain import Contact
from coach.crm.relations import ago
from coach.drafting.phrasing import situation_reason
from coach.retrieval.knowledge import article_steps, example_message
from tests.coach_world import make_world
from tests.doubles import HashingEmbeddings, ScriptedChatModel

NO_REPLY = "knowledge/support/no-reply-after-an-ask.md"
FORMER_COLLEAGUE_REFERRAL = "knowledge/opportunities/referral-from-a-former-colleague.md"
CREDIT = "knowledge/support/manager-takes-credit.md"
LAID_OFF = "knowledge/support/laid-off-telling-your-network.md"
TODAY = dt.date.today()

# The user's network beyond the shared test world (Priya: mentor at Stripe, Marcus: hiring at Acme Robotics,
# Elena: mentor, Tomás: founder). The user works at Pinecrest Logistics and used to work at Bramble Bank.
NETWORK = [
    dict(first_name="Nadia", last_name="Okoro", company="Fernhill Insurance", title="Data Engineer",
         notes=["We worked together at Bramble Bank on the ledger migration."],
         last_contacted=TODAY - dt.timedelta(days=243)),
    dict(first_name="Oliver", last_name="Grant", company="Bramble Bank", title="Engineering Director",
         notes=["Was my manager on the payments team at Bramble Bank."]),
    dict(first_name="Jon", last_name="Reyes", company="Quarry Labs", title="Technical Recruiter", tags=["recruiter"]),
    dict(first_name="Dev", last_name="Patel", company="Pinecrest Logistics", title="Engineering Manager",
         notes=["My manager since I joined Pinecrest Logistics."]),
    dict(first_name="Ines", last_name="Duarte", company="Pinecrest Logistics", title="VP Engineering",
         notes=["Dev's manager, so my skip-level."]),
    dict(first_name="Wei", last_name="Chen", company="Pinecrest Logistics", title="Data Engineer",
         notes=["Sits next to me on the platform team."]),
    dict(first_name="Sara", last_name="Holm", company="Stripe", title="Product Designer"),
    dict(first_name="Aisha", last_name="Bello", company="Lumen Health", title="Senior Data Engineer"),
    dict(first_name="Aisha", last_name="Khan", company="Alder Systems", title="Product Designer", tags=["climbing"]),
]


def world(model: ScriptedChatModel | None = None):
    coach = make_world(model or ScriptedChatModel(responder=lambda m: "Thanks again for your help."))
    store = coach.store
    for person in NETWORK:
        fields = {k: v for k, v in person.items() if k != "notes"}
        contact = store.add_contact(Contact(**fields))
        for note in person.get("notes", []):
            store.add_note(contact.id, note, dt.date(2025, 3, 1))
    store.set_profile(name="Sam Carter", headline="Backend engineer at Pinecrest Logistics",
                      goals="Move into payments infrastructure", target_companies=["Stripe"])
    return coach


def article(coach, source: str):
    from coach.advice.adviser import corpus

    return corpus(coach.settings.knowledge_dir)[source]


def people(advice) -> dict[str, str]:
    return {p.name: p.why for p in advice.related_contacts}


# ---------------------------------------------------------------- the right article leads
def test_no_reply_to_a_referral_request_leads_with_no_reply_and_never_with_asking_for_one():
    coach = world()
    advice = coach.advise("I asked a former colleague for a referral two weeks ago and she never replied")
    assert advice.citations[0].source == NO_REPLY
    assert advice.situation.direction == "following-up" and advice.situation.ago() == "2 weeks"
    assert advice.situation.reading.startswith("I read this as: you asked a former colleague for a referral 2 weeks")
    lead, other = article(coach, NO_REPLY), article(coach, advice.citations[1].source)
    assert any(s in article_steps(lead) for s in advice.steps)
    assert "following-up" in other.directions  # the next source serves the same situation, not the asking one
    assert FORMER_COLLEAGUE_REFERRAL not in [c.source for c in advice.citations[:2]]


def test_manager_presenting_my_project_leads_with_manager_takes_credit():
    advice = world().advise("My manager presented my project to the leadership team as if it were his own work")
    assert advice.citations[0].source == CREDIT
    assert advice.title == "When your manager takes credit for your work"


# ---------------------------------------------------------------- words that mean something
def test_embedded_summary_is_the_lead_articles_own_sentences_and_no_model_is_asked():
    model = ScriptedChatModel()  # no responses: any call to the model fails the test
    coach = world(model)
    advice = coach.advise("I was laid off last week and I don't know who to tell first")
    assert advice.summary_source == "article" and advice.prompt == ""
    assert model.calls == []
    overview = overview_sentences(article(coach, advice.citations[0].source))
    said = [s for s in overview if s in advice.summary]
    assert said and " ".join(said) == advice.summary  # verbatim, whole sentences, nothing else
    assert 1 <= len(said) <= 2


READING = '{"direction": "following-up", "counterpart": "former colleague", "stake": "referral", ' \
          '"ago_number": 2, "ago_unit": "week", "done": "asked a former colleague for a referral"}'


def _capable(reply: str, reading: str = READING) -> tuple[ScriptedChatModel, object]:
    model = ScriptedChatModel(responses=[reading, reply], capable=True)
    return model, world(model)


def test_capable_summary_grounded_in_the_articles_is_kept_with_its_steps():
    reply = ("Summary: Silence is rarely a verdict on you; most messages are simply buried. Follow up once, "
             "shorter than the first message, and make the ask even easier.\n"
             "Steps:\n1. Wait five to seven working days before you follow up.\n"
             "2. Reply in the same thread so she sees your original message.\n"
             "3. Make the follow-up shorter and the ask easier, such as a yes-or-no question.\n"
             "4. Stop after one follow-up and move your energy to other contacts.")
    model, coach = _capable(reply)
    situation = "I asked a former colleague for a referral two weeks ago and she never replied"
    advice = coach.advise(situation)
    assert advice.summary_source == "model"
    assert advice.summary.startswith("Silence is rarely a verdict on you")
    assert advice.steps[1] == "Reply in the same thread so she sees your original message."
    assert advice.prompt == "advise@2"
    assert advice.situation.source == "model" and advice.situation.direction == "following-up"
    sent = model.prompt_text(1)
    assert situation in sent and article_steps(article(coach, NO_REPLY))[0] in sent  # grounded in the article
    model.assert_complete()


@pytest.mark.parametrize("reply", [
    "In today's fast-paced world where everyone is connected to the internet, it can be easy for people to take "
    "advantage of you. Remember that networking is a marathon, not a sprint.",
    "Call Jennifer Walsh at Google on March 3rd and offer her $5000 for the referral.",
])
def test_capable_summary_that_invents_is_replaced_by_the_articles_words(reply):
    model, coach = _capable(reply, '{"direction": "other", "counterpart": "your manager", "stake": ""}')
    advice = coach.advise("My manager presented my project to the leadership team as if it were his own work")
    assert advice.summary_source == "article"
    assert "fast-paced" not in advice.summary and "Jennifer" not in advice.summary
    overview = " ".join(overview_sentences(article(coach, advice.citations[0].source)))
    assert advice.summary and advice.summary in overview
    assert advice.steps == article_steps(article(coach, advice.citations[0].source))[: len(advice.steps)] or \
        all(any(s in article_steps(article(coach, c.source)) for c in advice.citations) for s in advice.steps)


def test_grounding_rules():
    sources = "Wait five to seven working days before following up. Reply in the same thread."
    assert supported("Wait five working days, then reply in the same thread.", sources, "")
    assert not supported("Networking is a marathon in today's fast-paced world.", sources, "")
    assert not supported("Wait five working days, then ask Jennifer in the same thread.", sources, "")
    assert supported("Wait five working days, then ask Jennifer in the same thread.", sources,
                     "I asked Jennifer for a referral")  # a name the user gave is theirs to use
    assert parse_reply("Summary: Do this.\nSteps:\n1. One\n2) Two") == ("Do this.", ["One", "Two"])


# ---------------------------------------------------------------- a script for the user's own people
def test_script_to_a_named_contact_is_a_checked_draft_greeting_them():
    coach = world()
    marcus = coach.store.resolve_contact("Marcus Lee")
    advice = coach.advise("I asked Marcus Lee for a referral at Acme Robotics ten days ago and he never replied. "
                          "Should I chase him?")
    goal = article(coach, advice.citations[0].source).script_goal
    assert goal not in ("", "none"), "the no-reply article's script is a follow-up"
    assert advice.script_kind == "draft" and advice.script_contact_id == marcus.id
    assert advice.script_contact == "Marcus Lee" and advice.script_goal == goal
    assert advice.script.splitlines()[0 if not advice.script.startswith("Subject") else 2].startswith("Hi Marcus")
    assert advice.script_draft is not None
    assert all(c.passed for c in advice.script_draft.checks if c.hard)
    assert advice.example == example_message(article(coach, advice.citations[0].source))  # still available
    assert "Should I chase" not in advice.script  # the question was to the coach, not to him


def test_the_draft_gets_what_the_user_told_not_what_they_asked_the_coach():
    assert situation_reason("I asked Marcus for a referral. He never replied. Should I chase him?") == \
        "I asked Marcus for a referral."
    assert situation_reason("What do I do?") == ""


@pytest.mark.parametrize(("told", "reason"), [
    ("I asked Aisha for a referral at Lumen Health two weeks ago and... nothing. Not even a reply.",
     "I asked Aisha for a referral at Lumen Health two weeks ago."),
    ("Emailed Oliver ten days ago to ask if he'd be a reference. Radio silence.",
     "I emailed Oliver ten days ago to ask if he'd be a reference."),
    ("Aisha referred me to Lumen Health, I made the final round... and got rejected. I feel awful.",
     "Aisha referred me to Lumen Health, I made the final round."),
    ("I'd love to get back in touch with Helen but it feels weird after so long.",
     "I'd love to get back in touch with Helen."),
    ("I met a guy at PyData, Daniel, we chatted for like 10 minutes.", ""),
    ("I message my old manager every few months to keep in touch.", ""),
    ("Asking Sana to mentor me feels so cringe.", ""),
])
def test_only_the_first_thing_told_and_never_how_it_feels_becomes_a_reason(told, reason):
    """What the user tells the coach is not all for the person: a script never says 'and... nothing'."""
    assert situation_reason(told) == reason


def test_a_first_name_that_picks_one_contact_is_resolved_to_them():
    coach = world()
    advice = coach.advise("I emailed Nadia two weeks ago asking for a referral and she never replied")
    assert advice.script_kind == "draft" and advice.script_contact == "Nadia Okoro"
    assert "Nadia Okoro" in people(advice) and people(advice)["Nadia Okoro"].startswith("you named them")


def test_a_role_word_with_one_matching_contact_is_asked_about_never_assumed():
    coach = world()
    advice = coach.advise("I asked my old manager from Bramble Bank for a referral two weeks ago and he never "
                          "replied")
    assert advice.script_kind == "neutral" and advice.script_contact_id is None and "[name]" in advice.script
    assert "Do you mean Oliver Grant (Bramble Bank)?" in advice.note


def test_a_recruiter_who_has_not_replied_gets_no_message_addressed_to_the_networks_recruiter():
    advice = world().advise("The recruiter has not replied")
    assert advice.script_kind == "neutral" and "Jon" not in advice.script
    assert "Do you mean Jon Reyes (Quarry Labs)?" in advice.note


def test_a_picked_contact_gets_the_script():
    coach = world()
    oliver = next(c for c in coach.store.all_contacts() if c.name == "Oliver Grant")
    advice = coach.advise("I asked my old manager for a referral two weeks ago and he never replied", to=oliver.id)
    assert advice.script_kind == "draft" and advice.script_contact == "Oliver Grant"


def test_a_script_states_no_time_the_user_did_not_give():
    example = "Hi Marcus,\n\nMy role at Orrin was cut last week, and the Analytics Lead role closes this Friday.\n\n" \
              "Thanks,\nAdaeze"
    script = neutral_script(example, keep="I was laid off a month ago")
    assert "was cut [when]" in script and "closes [when]" in script and "last week" not in script
    assert "this Friday" in neutral_script(example, keep="the role closes this Friday")


def _greeted(script: str) -> str:
    line = next(ln for ln in script.splitlines() if re.match(r"\s*(hi|hello|dear)\b", ln, re.IGNORECASE))
    return line


def test_neutral_script_has_a_slot_and_none_of_the_articles_characters():
    coach = world()
    advice = coach.advise("I asked someone for a referral two weeks ago and heard nothing back")
    example = example_message(article(coach, advice.citations[0].source))
    assert advice.script_kind == "neutral" and advice.script_contact_id is None
    assert _greeted(advice.script).startswith("Hi [name]") and "[your name]" in advice.script
    invented = re.match(r"\s*(?:Hi|Hello|Dear)\s+([A-Z][\w-]+)", _greeted(example)).group(1)
    signature = example.strip().splitlines()[-1].strip()
    assert invented not in advice.script and signature not in advice.script
    assert advice.example == example  # the example itself stays available, labelled as one by the UI


def test_neutral_script_keeps_what_the_user_named_and_slots_the_rest():
    example = "Hi Marcus,\n\nThe Analytics Lead role at Orrin closes this Friday, and Dana at Orrin said to ask.\n\n" \
              "Thanks,\nAdaeze"
    script = neutral_script(example, keep="the opening at Orrin")
    assert script.startswith("Hi [name],") and script.endswith("[your name]")
    assert "at Orrin" in script and "Dana" not in script and "[role] role" in script and "closes [when]" in script


def test_an_ambiguous_first_name_gives_a_neutral_script_and_names_the_candidates():
    advice = world().advise("Aisha never replied to my referral request two weeks ago")
    assert advice.script_kind == "neutral" and "[name]" in advice.script
    assert "Aisha Bello" in advice.note and "Aisha Khan" in advice.note


# ---------------------------------------------------------------- people who could help
def test_a_layoff_lists_only_people_tied_to_it_each_with_why():
    coach = world()
    kofi = coach.store.add_contact(Contact(first_name="Kofi", last_name="Mensah", company="Quarry Labs"))
    coach.store.add_note(kofi.id, "Was laid off from Alder Systems in 2024; found his next role through meetups.",
                         dt.date(2025, 3, 1))
    advice = coach.advise("I was laid off yesterday along with half my team. Who should I tell first?")
    assert advice.citations[0].source == LAID_OFF
    why = people(advice)
    assert why["Kofi Mensah"].startswith("went through a layoff too, per your notes")
    assert {"Wei Chen", "Sara Holm", "Aisha Khan", "Jon Reyes", "Nadia Okoro"}.isdisjoint(why)  # no tie: not listed


def test_a_former_colleague_asked_about_is_listed_with_where_you_worked_together():
    advice = world().advise("I was laid off last week; should I ask a former colleague to refer me somewhere?")
    why = people(advice)
    assert why["Nadia Okoro"].startswith("former colleague at Bramble Bank, now at Fernhill Insurance, as you asked")
    assert "last spoke 8 months ago" in why["Nadia Okoro"]


def test_someone_who_knows_the_person_who_went_silent_is_listed():
    coach = world()
    advice = coach.advise("Aisha Bello never replied to my referral request two weeks ago")
    why = people(advice)
    assert why["Aisha Bello"].startswith("you named them")
    assert not (set(why) - {"Aisha Bello"})  # nobody else in the network knows her or works with her
    lena = coach.store.add_contact(Contact(first_name="Lena", last_name="Vogt", company="Lumen Health"))
    coach.store.add_note(lena.id, "Sits on the data team.", dt.date(2025, 3, 1))
    why = people(coach.advise("Aisha Bello never replied to my referral request two weeks ago"))
    assert why["Lena Vogt"].startswith("works at Lumen Health with Aisha Bello")


def test_manager_taking_credit_never_lists_the_manager_nor_people_without_a_tie():
    advice = world().advise("My manager presented my project to the leadership team as if it were his own work")
    names = [p.name for p in advice.related_contacts]
    assert "Dev Patel" not in names and "Sara Holm" not in names
    assert names == []  # nobody in this network is tied to it: no list rather than a fixed one


def test_a_partnership_with_nobody_tied_gives_no_list():
    advice = world().advise("I want to propose a joint workshop with another small studio. How do I pitch a "
                            "collaboration?")
    assert advice.citations[0].source.startswith("knowledge/partnerships/")
    assert advice.related_contacts == []


@pytest.mark.parametrize("days,said", [(0, "today"), (3, "3 days ago"), (20, "3 weeks ago"),
                                       (243, "8 months ago"), (800, "2 years ago")])
def test_time_since_they_last_spoke(days, said):
    assert ago(TODAY - dt.timedelta(days=days), TODAY) == said


# ---------------------------------------------------------------- once per corpus
class CountingEmbeddings(HashingEmbeddings):
    def __init__(self):
        super().__init__()
        self.documents = 0

    def embed_documents(self, texts):
        self.documents += len(texts)
        return super().embed_documents(texts)


def test_situation_vectors_are_embedded_once_per_corpus(settings):
    from coach.advice import situations
    from coach.crm.store import Store
    from coach.retrieval.search import Retriever
    from coach.service import Coach

    situations._MEMORY.clear()
    embeddings = CountingEmbeddings()
    store = Store.open(settings)
    coach = Coach(settings, store=store, retriever=Retriever(settings, embeddings=embeddings),
                  model=ScriptedChatModel())
    coach.advise("My manager takes credit for my work")  # no rule is sure: the direction phrasings are embedded too
    first = embeddings.documents
    coach.advise("I was laid off last week")
    assert embeddings.documents == first  # the second question embedded no corpus text
    situations._MEMORY.clear()  # a new process: the vectors come from the file under COACH_HOME
    coach.advise("My mentor has gone quiet")
    assert embeddings.documents == first
    assert list((settings.home / "cache").glob("situations-*.npy"))
    store.close()


def test_the_articles_own_slots_replace_its_writers_situation_unless_the_user_said_the_same():
    example = ("Hi Sipho,\n\nMy role at Brightwater Logistics was cut last week. I am looking for senior "
               "supply-chain analyst roles in Johannesburg or remote. You know the logistics scene here better "
               "than anyone.\n\nThanks,\nLerato")
    slots = {"senior supply-chain analyst roles": "the roles you want", "the logistics scene": "your field"}
    script = neutral_script(example, keep="I was laid off and need a backend job", slots=slots)
    assert "looking for [the roles you want] in [place]" in script
    assert "You know [your field] here" in script and "supply-chain" not in script and "logistics" not in script
    assert "at [company]" in script and script.startswith("Hi [name],") and script.endswith("[your name]")
    kept = neutral_script(example, keep="I want senior supply-chain analyst roles", slots=slots)
    assert "senior supply-chain analyst roles" in kept and "[your field]" in kept


def test_a_layoff_script_carries_none_of_the_example_writers_job():
    coach = world()
    advice = coach.advise("I just got laid off and I don't know how to tell people; I want a backend job")
    source = article(coach, advice.citations[0].source)
    assert source.path == "knowledge/support/laid-off-telling-your-network.md" and source.script_slots
    assert advice.script_kind == "neutral"
    for phrase, slot in source.script_slots.items():
        assert phrase not in advice.script and f"[{slot}]" in advice.script
