"""The learned reader (coach.retrieval.learned), the chat's intent model on it (coach.conversation.intents) and the
router's second look with it (coach.conversation.second_look)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from coach.conversation.intents import CHANGES, INTENTS, examples
from coach.conversation.reading import Reading
from coach.conversation.second_look import learned_goal, second_look
from coach.core.domain import GOALS, Contact
from coach.retrieval.learned import Guess, LearnedReader

PEOPLE = [Contact(id=1, first_name="Tomasz", last_name="Nowak", company="Initech"),
          Contact(id=2, first_name="Grace", last_name="Hopper", company="Umbrella"),
          Contact(id=3, first_name="Grace", last_name="Kim", company="Hooli")]
TINY = {"draft": ["write an email to Tom asking for a referral", "draft a linkedin note to Jo"],
        "show": ["what do I have on Tom", "show me Jo's card", "pull up Sam's record"],
        "due": ["who should I follow up with", "who am I neglecting", "who is overdue for a ping"],
        "other": ["hi there", "thanks a lot", "what can you do"]}


def guessed(intent: str, p: float, runner_up: str = "other") -> Guess:
    rest = (1 - p) / 2
    return Guess(label=intent, probability=p, ranked=((intent, p), (runner_up, rest), ("draft", rest)))


def test_the_character_view_reads_a_typo_of_a_trained_message():
    model = LearnedReader(TINY)  # no sentence model: spelling alone
    assert model.guess("shoe me Jo's crad").label == "show"
    assert model.guess("who am i neglectng").label == "due"


def test_a_reader_needs_two_labels():
    with pytest.raises(ValueError, match="at least two labels"):
        LearnedReader({"show": TINY["show"]})


def test_the_sentence_view_reads_other_words_for_the_same_request():
    from coach.retrieval.learned import meaning

    model = LearnedReader(TINY, meaning("test"))
    assert model.guess("kindly furnish the people I have been neglecting").label == "due"


@pytest.mark.parametrize("kind,labels", [("intent", INTENTS), ("goal", GOALS), ("change", CHANGES)])
def test_the_shipped_examples_cover_every_label_without_repeats(kind, labels):
    shipped = examples(kind)
    assert set(shipped) == set(labels)
    for label, texts in shipped.items():
        assert len(texts) >= 35, label
        assert len({t.strip().lower() for t in texts}) == len(texts), label


def _grams(text: str, n: int = 6) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9']+", text.lower())
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def test_no_training_example_repeats_an_evaluation_message():
    """The examples are written apart from the evaluation sets: no six words in a row in common with any held-out
    chat message (a copied phrase would make the held-out score a measure of memory)."""
    held = Path(__file__).parents[1] / "evals" / "heldout"
    evaluated: set[tuple[str, ...]] = set()
    for path in held.glob("requests*/*.yaml"):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            if isinstance(case, dict) and case.get("message"):
                evaluated |= _grams(str(case["message"]))
    assert evaluated, "no held-out chat messages found"
    copied = [t for kind in ("intent", "goal", "change") for texts in examples(kind).values() for t in texts
              if _grams(t) & evaluated]
    assert copied == []


def test_a_reading_of_no_request_takes_the_models_likely_intent():
    general = Reading(intent="general", why="a general question")
    due = second_look(general, "kindly list whom I owe a reply", PEOPLE, False, None, guessed("due", 0.6))
    assert due.intent == "due"
    unsure = second_look(general, "kindly list whom I owe a reply", PEOPLE, False, None, guessed("due", 0.4))
    assert unsure.intent == "general"


def test_a_catch_all_reading_changes_only_when_the_model_is_sure_and_doubts_it():
    advise = Reading(intent="advise", why="a situation to handle")
    text = "anyone in my list into robotics"
    assert second_look(advise, text, PEOPLE, False, None, guessed("find", 0.9)).intent == "find"
    doubted = Guess(label="find", probability=0.8, ranked=(("find", 0.8), ("advise", 0.15), ("draft", 0.05)))
    assert second_look(advise, text, PEOPLE, False, None, doubted).intent == "advise"


def test_a_reading_from_structure_is_never_second_guessed():
    draft = Reading(intent="draft", contact=PEOPLE[0], contact_id=1, goal="referral", why="a message to Tomasz")
    assert second_look(draft, "email Tomasz for a referral", PEOPLE, False, None, guessed("show", 0.99)) is draft


def test_a_note_read_by_the_model_keeps_the_words_after_the_colon_on_the_person_named():
    read = second_look(Reading(intent="show", why="card"), "Pop this on Tomasz Nowak's record: back from leave in May",
                       PEOPLE, False, None, guessed("note", 0.9, runner_up="due"))
    assert (read.intent, read.contact_id, read.note) == ("note", 1, "back from leave in May")


def test_a_note_or_card_for_a_shared_or_unknown_name_is_asked_back():
    general = Reading(intent="general", why="a general question")
    shared = second_look(general, "pls bring up Grace", PEOPLE, False, None, guessed("show", 0.7))
    assert shared.intent == "clarify" and {c.id for c in shared.choices} == {2, 3}
    nobody = second_look(general, "pop on Priyanka Rao's record: moved to Pune", PEOPLE, False, None,
                         guessed("note", 0.7))
    assert nobody.intent == "clarify" and nobody.unknown_name


def test_a_note_on_nobody_named_stays_as_the_rules_read_it():
    general = Reading(intent="general", why="a general question")
    assert second_look(general, "jot: the summit is in May", PEOPLE, False, None, guessed("note", 0.9)) is general


def test_a_message_that_names_no_purpose_takes_the_learned_goal_only_when_likely():
    assert learned_goal("she passed her boards, write her something", guessed("congratulations", 0.7)) == \
        "congratulations"
    assert learned_goal("write her something", guessed("congratulations", 0.3)) is None


def test_the_router_asks_the_goal_reader_only_when_the_words_name_no_goal():
    from coach.conversation.router import route

    named = route("email Tomasz Nowak asking for a referral to the SRE role", PEOPLE, has_draft=False)
    assert named.goal == "referral"
    unnamed = route("Tomasz Nowak just got tenure!! write him something on linkedin", PEOPLE, has_draft=False)
    assert (unnamed.intent, unnamed.contact_id, unnamed.goal) == ("draft", 1, "congratulations")


def test_a_card_for_someone_named_exactly_takes_less_certainty_than_one_for_nobody():
    general = Reading(intent="general", why="a general question")
    named = second_look(general, "shoe me Tomasz", PEOPLE, False, None, guessed("show", 0.45))
    assert (named.intent, named.contact_id) == ("show", 1)
    nobody = second_look(general, "shoe me the way", PEOPLE, False, None, guessed("show", 0.45))
    assert nobody.intent == "general"


def test_a_reply_whose_words_read_no_step_takes_the_change_readers_when_likely():
    from coach.conversation.revision import revision

    text = "hmm it reads a bit abrupt as is"
    longer = revision(text, None, Guess(label="longer", probability=0.6, ranked=(("longer", 0.6), ("none", 0.4))))
    assert (longer.length, longer.tone, longer.regenerate) == (1, 0, False)
    assert "change reader" in longer.why
    unsure = revision(text, None, Guess(label="longer", probability=0.3, ranked=(("longer", 0.3), ("none", 0.7))))
    assert (unsure.length, unsure.tone, unsure.regenerate) == (0, 0, False)


def test_the_words_own_step_is_never_second_guessed_by_the_change_reader():
    from coach.conversation.revision import revision

    sure_other = Guess(label="longer", probability=0.99, ranked=(("longer", 0.99), ("none", 0.01)))
    assert revision("make it shorter", None, sure_other).length == -1
    assert revision("way too stiff", None, Guess(label="more-formal", probability=0.99,
                                                 ranked=(("more-formal", 0.99),))).tone == -1


def test_the_shipped_change_reader_reads_replies_no_cue_list_holds():
    from coach.conversation.revision import revision

    assert revision("this is a bit thin, give it some meat", None).length == 1
    assert revision("ugh, scrap that and give me something else", None).regenerate


def test_a_tone_from_the_change_reader_needs_it_sure():
    from coach.conversation.revision import revision

    text = "hmm it reads like a summons"
    friendlier = Guess(label="friendlier", probability=0.75, ranked=(("friendlier", 0.75), ("more-formal", 0.2)))
    assert revision(text, None, friendlier).tone == -1
    torn = Guess(label="friendlier", probability=0.55, ranked=(("friendlier", 0.55), ("more-formal", 0.4)))
    assert revision(text, None, torn).tone == 0


def test_a_note_read_by_the_model_keeps_the_words_after_a_dash():
    read = second_look(Reading(intent="general", why="general"), "Save this pls — Tomasz say he move to Gdansk in spring",
                       PEOPLE, False, None, guessed("note", 0.9))
    assert (read.intent, read.contact_id, read.note) == ("note", 1, "Tomasz say he move to Gdansk in spring")
