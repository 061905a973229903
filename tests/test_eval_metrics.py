"""The evaluation's metrics on hand-made examples: a perfect draft scores full marks, every flaw is caught."""

from __future__ import annotations

import pytest

from evals.judge import check_judge_name, parse_verdict
from evals.metrics import advice_metrics, draft_metrics, mean_of, percentile
from evals.schema import DraftingCase, load_drafting
from evals.sendable import KINDS, any_of, has, known_text, split_reference

DATA = load_drafting()
CASE = next(c for c in DATA.cases if c.id == "referral-email")
KNOWN = known_text(DATA.contact(CASE.to), DATA.profile, CASE.context)


def score(draft: str, case: DraftingCase = CASE, known: str = KNOWN):
    subject, body = split_reference(draft)
    return draft_metrics(case, known, subject, body, case.channel)


def test_a_sendable_draft_scores_full_marks():
    m, d = score(CASE.reference)
    assert m["sendable"] == 1.0 and m["must_contain_recall"] == 1.0
    assert m["unsupported"] == 0.0 and m["within_limit"] == 1.0 and 0 < m["readability_grade"] <= 10
    assert all(m[f"fail.{kind}"] == 0.0 for kind in KINDS) and d["failures"] == [] and d["missing"] == []


def test_an_invented_name_and_another_contacts_details_are_unsupported():
    m, d = score(CASE.reference.replace("Kestrel Analytics", "Kestrel Analytics, where Jordan Blake works"))
    assert m["sendable"] == 0.0 and m["unsupported"] == 1.0 and m["fail.invented"] == 1.0
    assert any("Jordan" in f["detail"] for f in d["failures"])
    m, _ = score(CASE.reference.replace("Best,", "My friend Grace at Meridian Health says hi.\n\nBest,"))
    assert m["fail.forbidden"] == 1.0 and m["unsupported"] == 1.0  # must_never: another contact


def test_a_generic_draft_misses_what_the_case_asks_for():
    m, d = score("Subject: Quick question\nHi Hiroshi,\n\nI hope you are well. I have admired your career for "
                 "a long time and would love to learn from you.\n\nWould you be open to referring me?\n\nBest,"
                 "\nSam")
    assert m["sendable"] == 0.0 and m["fail.missing"] == 1.0 and m["must_contain_recall"] == 0.25
    assert set(d["missing"]) == {"analytics engineer", "forecasting", "Bluepeak"}


def test_limits_and_asks_are_counted_apart():
    m, _ = score(CASE.reference.replace("Subject: Referral for the analytics engineer role", "Subject: Hi"))
    assert m["within_limit"] == 0.0 and m["fail.limit"] == 1.0 and m["fail.ask"] == 0.0
    m, _ = score(CASE.reference.replace("Would you be willing to refer me?", "I would be grateful for a referral."))
    assert m["within_limit"] == 1.0 and m["fail.ask"] == 1.0


def test_matching_is_whole_words_ignoring_case_accents_and_hyphens():
    assert has("Hi Lucia, thanks!", "Lucía") and has("KESTREL ANALYTICS rocks", "Kestrel Analytics")
    assert not has("Kestrel Analytics", "Ana") and has("the follow up", "follow-up")
    assert has("Congratulations!", "congratulat*") and not has("Congratulations!", "congratulat")
    assert any_of("Please follow up next week", "follow-up|follow up") and not any_of("nothing", "a b|c d")
    assert has("send $300 now", "$300") and not has("send $3000 now", "$300")


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
                    "includes": 1.0, "helpful_hit": 1.0, "helpful_precision": 0.5,
                    "lead_direction": None, "direction_right": None}  # the case gives no direction
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
    from coach.core.errors import ConfigurationError

    for name in ("llamacpp/smollm2", "openai/smollm2", "openai/SmolLM2-135M-Instruct", "gpt-4o"):
        with pytest.raises(ConfigurationError):
            check_judge_name(name)
    assert check_judge_name("openai/gpt-4o-mini") == "openai/gpt-4o-mini"


def test_hard_pass_can_fail_on_the_evals_own_grammar_rules():
    from evals import grammar

    assert grammar.failures("Hi Ana,\n\nI often think back to our offsite in Lyon We planned it. Coffee?\n\nBest,\nSam")
    assert grammar.failures("Hi Ana, congratulations on you new role! Coffee?")
    assert grammar.failures("Hi Ana, I heard you keeps busy. Coffee?")
    assert not grammar.failures("Hi Ana,\n\nIt was great meeting you in Lyon. Coffee soon?\n\nBest,\nSam")
