"""The evaluation's metrics on hand-made examples: a perfect draft scores full marks, every flaw is caught."""

from __future__ import annotations

import pytest

from coach.checker import Grounds
from coach.domain import Contact, Note, Profile
from evals.judge import check_judge_name, parse_verdict
from evals.metrics import advice_metrics, any_of, contains, draft_metrics, mean_of, percentile, within_limit

PRIYA = Contact(id=1, first_name="Priya", last_name="Raman", company="Stripe", title="Staff Engineer",
                how_we_met="at PyCon 2024", notes=[Note(text="Talked about payments APIs and her move to Dublin.")])
MARCUS = Contact(id=2, first_name="Marcus", last_name="Lee", company="Acme Robotics", title="Engineering Manager")
GROUNDS = Grounds(contact=PRIYA, profile=Profile(name="Sam Carter"), request="referral", others=[PRIYA, MARCUS])
USE = ["PyCon", "payments APIs", "Dublin"]
NOT = ["Acme Robotics", "Marcus"]
PERFECT_NOTE = ("Hi Priya, great talking about payments APIs at PyCon 2024 and your move to Dublin! "
                "Would you be open to referring me?")


def score(body, channel="linkedin-note", subject="", must_not=NOT, premium=False):
    return draft_metrics(body, subject, channel, GROUNDS, USE, must_not, premium)


def test_a_perfect_draft_scores_full_marks():
    m, d = score(PERFECT_NOTE)
    assert m["hard_pass"] == 1.0 and m["personalized"] == 1.0 and m["fact_recall"] == 1.0
    assert m["unsupported"] == 0.0 and m["within_limit"] == 1.0
    assert m["ask_present"] == 1.0 and m["single_ask"] == 1.0
    assert m["checker_score"] == 100.0 and m["readability_grade"] <= 8
    assert d["facts_used"] == USE and not d["unsupported"] and not d["leaked"]


def test_a_draft_with_an_invented_name_is_caught():
    m, d = score("Hi Priya, Jordan Blake told me about payments APIs at PyCon 2024. Would you refer me?")
    assert m["unsupported"] == 1.0 and m["hard_pass"] == 0.0
    assert "Jordan Blake" in d["unsupported"] and "grounding" in d["hard_failed"]


def test_another_contacts_details_count_as_unsupported_even_when_the_checker_misses_them():
    # must_not is checked on its own: a leak counts even if the checker's tables do not know the name
    m, d = draft_metrics("Hi Priya, loved PyCon 2024. Would you refer me to the robotics team?", "",
                         "linkedin-note", GROUNDS, USE, ["robotics team"])
    assert m["unsupported"] == 1.0 and d["leaked"] == ["robotics team"]
    m, d = score("Hi Priya, great chat at PyCon 2024 with Marcus from Acme Robotics. Would you refer me?")
    assert m["unsupported"] == 1.0 and set(d["leaked"]) == {"Acme Robotics", "Marcus"}
    assert "other-contacts" in d["hard_failed"]


def test_a_generic_draft_is_not_personal():
    m, d = score("Hi Priya, I admire your career. Would you be open to referring me?")
    assert m["personalized"] == 0.0 and m["fact_recall"] == 0.0 and m["hard_pass"] == 1.0


def test_limits_per_channel():
    long_note = PERFECT_NOTE + " " + "More words here." * 8
    assert score(long_note)[0]["within_limit"] == 0.0
    assert score(long_note, premium=True)[0]["within_limit"] == (len(long_note) <= 300)
    body = "Hi Priya,\n\n" + "We talked about payments APIs at PyCon 2024. " * 3 + "Would you refer me?\n\nBest,\nSam"
    assert within_limit(body, "Referral question about Stripe", "email")
    assert not within_limit(body, "", "email")  # an email needs its subject
    assert not within_limit("Hi Priya, thanks!", "A subject line", "email")  # too short a body
    assert within_limit("x" * 1900, "", "linkedin-message") and not within_limit("x" * 1901, "", "linkedin-message")


def test_no_ask_and_two_asks():
    assert score("Hi Priya, great talking about payments APIs at PyCon 2024.")[0]["ask_present"] == 0.0
    m, _ = score("Hi Priya, great PyCon 2024 chat. Could you refer me? Can we talk Friday?")
    assert m["ask_present"] == 1.0 and m["single_ask"] == 0.0


def test_placeholders_fail_the_hard_checks():
    m, d = score("Hi Priya, great PyCon 2024 chat about [topic]. Would you refer me?")
    assert m["hard_pass"] == 0.0 and "placeholders" in d["hard_failed"]


def test_contains_matches_whole_words_ignoring_case_and_accents():
    assert contains("Hi Lucia, thanks!", "Lucía") and contains("KESTREL ANALYTICS rocks", "Kestrel Analytics")
    assert not contains("Kestrel Analytics", "Ana")
    assert any_of("Please follow up next week", "follow-up|follow up") and not any_of("nothing", "a b|c d")


def test_advice_metrics_on_a_good_and_a_bad_answer():
    from types import SimpleNamespace

    contacts = [SimpleNamespace(key="oliver-grant", first_name="Oliver", last_name="Grant"),
                SimpleNamespace(key="mateo-rossi", first_name="Mateo", last_name="Rossi")]
    lead = "knowledge/support/no-reply-after-an-ask.md"
    case = {"situation": "I asked Oliver for a reference ten days ago and he never replied.", "lead": lead,
            "also": ["knowledge/craft/follow-up-timing.md"], "must_include": ["follow up|follow-up", "easier|shorter"],
            "helpful": ["oliver-grant"], "script_to": "oliver-grant"}
    good, details = advice_metrics(
        summary="One polite nudge recovers a surprising share of unanswered messages.",
        steps=["Wait a week.", "Follow up in the same thread.", "Make the ask easier."],
        script="Hi Oliver,\n\nJust floating this up.", citation_sources=[lead, "knowledge/craft/follow-up-timing.md"],
        suggested=["Oliver Grant", "Mateo Rossi"], contacts=contacts, **case)
    assert good == {"steps_count": 3.0, "steps_ok": 1.0, "lead_top1": 1.0, "lead_top3": 1.0, "fit_top1": 1.0,
                    "theme_top1": 1.0, "summary_support": 1.0, "script_stranger": 0.0, "script_to_hit": 1.0,
                    "includes": 1.0, "helpful_hit": 1.0, "helpful_precision": 0.5}
    assert details["helpful_suggested"] == ["oliver-grant"] and details["greeted"] == ["Oliver"]
    bad, details = advice_metrics(
        summary="Post more.", steps=["Post more."], script="Hi Sipho,\n\nI was laid off.",
        citation_sources=["knowledge/visibility/posts.md"], suggested=[], contacts=contacts, **case)
    assert bad["steps_ok"] == 0.0 and bad["lead_top1"] == 0.0 and bad["lead_top3"] == 0.0
    assert bad["theme_top1"] == 0.0 and bad["summary_support"] == 0.0 and bad["script_stranger"] == 1.0
    assert bad["includes"] == 0.0 and bad["helpful_hit"] == 0.0 and bad["helpful_precision"] is None
    assert details["missing"] == ["follow up|follow-up", "easier|shorter"] and details["strangers"] == ["Sipho"]
    none, _ = advice_metrics(summary="s", steps=["a", "b", "c"], script="", citation_sources=[],
                             suggested=["Mateo Rossi"], contacts=contacts, situation="x", lead=lead)
    assert none["helpful_hit"] is None and none["helpful_precision"] == 0.0  # no contact fits: hit not counted


def test_summaries():
    assert mean_of([1.0, None, 0.0]) == 0.5 and mean_of([None]) is None
    assert percentile([10, 20, 30, 40], 50) == 25 and percentile([], 50) is None
    assert percentile([5], 95) == 5


def test_judge_verdicts_parse_or_count_as_unparsable():
    v = parse_verdict('Sure! ```json\n{"relevant": 5, "specific": 4, "clear": 4, "human": 3, "low_friction": 5,'
                      ' "reason": "Uses PyCon."}\n```')
    assert v.parsed and v.scores["human"] == 3 and v.mean == pytest.approx(4.2) and v.reason == "Uses PyCon."
    assert parse_verdict("relevant: 4\nspecific: 4\nclear: 5\nhuman: 4\nlow-friction: 3").scores["low_friction"] == 3
    for bad in ("Looks great to me!", '{"relevant": 9, "specific": 4, "clear": 4, "human": 3, "low_friction": 5}',
                '{"relevant": 4, "specific": 4}', "", '{"relevant": "high", "specific": 4, "clear": 4, "human": 3, '
                '"low_friction": 5}'):
        v = parse_verdict(bad)
        assert not v.parsed and v.error == "unparsable verdict" and v.mean is None


def test_the_135m_model_is_never_the_judge():
    from coach.errors import ConfigurationError

    for name in ("llamacpp/smollm2", "openai/smollm2", "openai/SmolLM2-135M-Instruct", "gpt-4o"):
        with pytest.raises(ConfigurationError):
            check_judge_name(name)
    assert check_judge_name("openai/gpt-4o-mini") == "openai/gpt-4o-mini"
