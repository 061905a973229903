"""The situation as data: who acts, toward whom, over what, since when; read by rules, a small direction
classifier, or a capable model's structured output; shown in one line; and the ranking keeps to it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coach.advice import reader as reading
from coach.advice.reader import Situation, read_situation, read_with_model
from coach.core.domain import Contact
from coach.retrieval.knowledge import DIRECTIONS, load_corpus
from tests.doubles import HashingEmbeddings
from tests.test_advice import world

KNOWLEDGE = Path(__file__).resolve().parents[1] / "coach" / "resources" / "knowledge"


@pytest.mark.parametrize("text,direction", [
    ("An acquaintance asked me for a referral and I want to say no", "declining"),
    ("How do I turn him down without burning the bridge?", "declining"),
    ("My cousin asked me to get him an interview where I work", "asked"),
    ("I snapped at a coworker last month and want to apologise", "repairing"),
    ("I asked for a reference ten days ago and heard nothing", "following-up"),
    ("I just moved to Lisbon and don't know anyone in design", "starting"),
    ("I was laid off and want to tell my network", "announcing"),
])
def test_rules_read_the_unmistakable_directions(text, direction):
    assert read_situation(text).direction == direction


def test_the_line_says_who_asked_what_and_that_the_user_wants_to_say_no():
    s = read_situation("An acquaintance asked me for a referral and I want to say no")
    assert s.reading == "I read this as: An acquaintance asked you for a referral and you want to say no."


def test_time_is_read_only_when_the_user_said_it():
    said = read_situation("I asked my old manager for a reference ten days ago and nothing")
    assert (said.ago_number, said.ago_unit, said.counterpart) == (10, "day", "your former manager")
    assert "10 days ago" in said.reading
    unsaid = read_situation("I asked my old manager for a reference and nothing")
    assert unsaid.ago_number is None and "ago" not in unsaid.reading


def test_a_counterpart_is_a_contact_only_when_named_exactly():
    contacts = [Contact(id=7, first_name="Oliver", last_name="Grant"), Contact(id=8, first_name="Ana", last_name="Li")]
    assert read_situation("Oliver Grant asked me for a reference", contacts).counterpart_id == 7
    assert read_situation("Oliver asked me for a reference", contacts).counterpart_id is None
    assert read_situation("the recruiter went quiet", contacts).counterpart == "the recruiter"


def test_the_classifier_decides_when_no_rule_does_and_is_cached(tmp_path):
    class Counting(HashingEmbeddings):
        documents = 0

        def embed_documents(self, texts):
            Counting.documents += len(texts)
            return super().embed_documents(texts)

    reading._CENTROIDS.clear()
    # no cue and no request clause ("I want to ask…" is read by the clauses): the classifier decides
    s = read_situation("I'd like to find a mentor in product management soon", embeddings=Counting(),
                       key="hash", cache_dir=tmp_path)
    assert s.source == "classifier" and s.direction == "asking"
    first = Counting.documents
    reading._CENTROIDS.clear()  # a new process: the centroids come from the file
    read_situation("something else entirely", embeddings=Counting(), key="hash", cache_dir=tmp_path)
    assert Counting.documents == first and list(tmp_path.glob("directions-*.npy"))


def test_an_unsure_reading_asks_back():
    s = Situation(direction="asking", confidence=0.4, alternatives=["asked"], stake="referral")
    assert "I am not sure" in s.reading and "Say which" in s.reading and "asked you" in s.reading.split("or do")[1]


def test_every_article_declares_directions_from_the_set():
    articles = load_corpus(KNOWLEDGE)
    assert articles and all(a.directions for a in articles), [a.path for a in articles if not a.directions]
    assert {d for a in articles for d in a.directions} <= set(DIRECTIONS)


@pytest.mark.parametrize("text", [
    "A guy I met once at a meetup asked me to refer him for a job at my company and I want to say no",
    "My friend wants me to introduce him to our CEO and I have to turn him down",
    "How do I decline being a reference for a former teammate whose work was poor?",
])
def test_a_decline_never_leads_with_an_asking_article(text):
    coach = world()
    advice = coach.advise(text)
    lead = load_corpus(KNOWLEDGE)
    lead = next(a for a in lead if a.path == advice.citations[0].source)
    assert advice.situation.direction == "declining" and "declining" in lead.directions, lead.path


def test_the_capable_tier_fills_the_schema_and_keeps_nothing_the_user_did_not_say():
    from tests.doubles import ScriptedChatModel

    answer = {"direction": "declining", "counterpart": "acquaintance", "stake": "referral", "ago_number": 3,
              "ago_unit": "week", "done": ""}
    model = ScriptedChatModel(responses=[json.dumps(answer)], capable=True)
    text = "An acquaintance wants a referral from me and I'd rather not"
    read = read_with_model(text, model, read_situation(text))
    assert read.source == "model" and read.direction == "declining" and read.stake == "referral"
    assert read.ago_number is None  # the user said no time: the model's three weeks are dropped
    assert '"direction"' in model.prompt_text(0) and text in model.prompt_text(0)


def test_a_model_answer_that_does_not_fit_the_schema_keeps_the_embedded_reading():
    from tests.doubles import ScriptedChatModel

    fallback = read_situation("An acquaintance asked me for a referral and I want to say no")
    model = ScriptedChatModel(responses=['{"direction": "pleading"}'], capable=True)
    assert read_with_model("…", model, fallback) is fallback


def test_the_chat_answer_opens_with_the_reading():
    coach = world()
    turn = coach.chat().ask("An acquaintance asked me for a referral and I want to say no", thread_id="t")
    assert turn.advice is not None
    assert turn.reply.startswith("*I read this as: An acquaintance asked you for a referral and you want to say no.*")


def test_a_classifier_reading_the_lead_does_not_serve_takes_the_leads_direction_it_ranked_next():
    from coach.advice.reader import reconciled

    s = Situation(direction="repairing", confidence=0.7, alternatives=["declining", "other"], source="classifier")
    assert reconciled(s, ["declining", "other"]).direction == "declining"
    unsure = reconciled(s, ["asking"])
    assert unsure.direction == "repairing" and unsure.unsure and "you want to ask" in unsure.reading
    ruled = s.model_copy(update={"source": "rules"})
    assert reconciled(ruled, ["asking"]) is ruled  # the rules are not overruled by the ranking


def test_of_several_contacts_named_the_first_is_the_counterpart():
    contacts = [Contact(id=1, first_name="Lena", last_name="Park"), Contact(id=2, first_name="Kwame", last_name="Asante")]
    s = read_situation("Lena Park asked me to introduce her to Kwame Asante", contacts)
    assert (s.counterpart, s.counterpart_id, s.direction) == ("Lena Park", 1, "asked")
    assert s.reading.startswith("I read this as: Lena Park asked you for an introduction")
