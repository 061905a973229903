"""The eval runner end to end on a scripted model and fake embeddings: reports, baseline, --strict, judge."""

from __future__ import annotations

import json
import re

import pytest

from evals.report import deltas, worse_cases, write_reports
from evals.runner import Runner
from evals.schema import SCHEMA_VERSION, load_advice, load_drafting, load_report, select
from evals.sendable import KINDS, split_reference
from tests.doubles import HashingEmbeddings, ScriptedChatModel

GOOD = "Hi {first}, it was great to catch up about {fact}!"
JUNK = "[Recipient Name], I met Jordan Blake at Google in 2019. www.spam.example <your name>"


def _written() -> dict[str, str]:
    """What a person would send to each recipient who has one case in the file (its reference draft)."""
    data = load_drafting()
    firsts = [data.contact(c.to).first_name for c in data.cases]
    return {data.contact(c.to).first_name: c.reference for c in data.cases
            if firsts.count(data.contact(c.to).first_name) == 1}


def good_model() -> ScriptedChatModel:
    """Writes the message a person would send when it knows one (Priya's referral, ...); otherwise opens
    with the first note-fact of whoever the prompt is about."""
    written = _written()

    def respond(messages) -> str:
        text = str(messages[-1].content)
        first = re.search(r"to (\S+) \(", text).group(1)
        notes = text.split("<<<NOTES")[-1].split("NOTES>>>")[0]
        fact = re.search(r"- (?:How we met: )?(.+)", notes).group(1).rstrip(".")
        if text.startswith("My situation"):
            return "Focus on one short, kind message first. Then follow up once."
        return written.get(first) or GOOD.format(first=first, fact=fact[:60].lower())

    return ScriptedChatModel(responder=lambda m: respond(m) if "<<<NOTES" in str(m[-1].content)
                             else "Start with one short, kind message. Then follow up once if needed.")


def junk_model() -> ScriptedChatModel:
    return ScriptedChatModel(responder=lambda m: JUNK)


def run(model, settings, pattern="referral", suites=("drafting", "advice"), judge=None, thresholds=None):
    runner = Runner(settings, model=model, embeddings=HashingEmbeddings(), candidates=1, pattern=pattern,
                    judge=judge)
    return runner.run(suites, thresholds=thresholds)


def test_the_case_files_cover_every_goal_on_every_channel_and_validate():
    from coach.core.domain import CHANNELS, GOALS

    drafting, advice = load_drafting(), load_advice()
    assert len(drafting.cases) >= 44 and len(advice.cases) >= 44
    assert {(c.goal, c.channel) for c in drafting.cases} == {(g, ch) for g in GOALS for ch in CHANNELS}
    for case in drafting.cases:
        recipient = drafting.contact(case.to)
        assert recipient.company not in case.must_never and recipient.first_name not in case.must_never
        assert case.must_never and case.must_contain and case.reference, case.id
    quick = select(drafting.cases, quick=True)
    assert len(quick) == 9 and {c.goal for c in quick} == set(GOALS)
    assert {c.channel for c in quick} == set(CHANNELS)
    assert {c.id for c in select(drafting.cases, pattern="^thank-you")} == {
        "thank-you-linkedin-note", "thank-you-linkedin-message", "thank-you-email", "thank-you-email-2",
        "thank-you-shorthand-note"}


def test_a_bad_case_file_fails_with_the_file_and_place_named(tmp_path):
    from coach.core.errors import ConfigurationError

    bad = tmp_path / "drafting.yaml"
    bad.write_text("profile: {}\ncontacts: [{key: a, first_name: A}]\ncases:\n"
                   "  - {id: x, goal: flirting, channel: email, to: a, must_contain: [y], reference: Hi A, hello there.}\n")
    with pytest.raises(ConfigurationError, match=r"drafting.yaml at cases.0.goal"):
        load_drafting(bad)


def test_runner_writes_three_reports_with_every_case_and_no_network_js(settings, tmp_path):
    model = good_model()
    report = run(model, settings)
    drafting, advice = report.suites["drafting"], report.suites["advice"]
    assert {c.id for c in drafting.cases} == {"referral-linkedin-note", "referral-linkedin-message",
                                             "referral-email", "referral-sparse-contact", "referral-no-context"}
    assert {c.id for c in advice.cases} == {"no-reply-referral", "decline-referral-named", "decline-referral",
                                           "referral-rejected", "referral-former-colleague", "referral-old-manager",
                                           "referral-weak-tie", "asked-referral-classmate"}
    assert all(c.error is None for c in drafting.cases + advice.cases), [c.error for c in drafting.cases]
    # advice is scored by the eval's own rules, case by case, with the people the case names
    named = next(c for c in advice.cases if c.id == "referral-rejected")
    assert named.input["script_to"] == "Aisha Bello" and named.input["lead"].endswith("referral-led-to-rejection.md")
    assert {"lead_top1", "lead_top3", "summary_support", "script_stranger", "script_to_hit"} <= set(named.metrics)
    assert advice.metrics["script_stranger"] == sum(c.metrics["script_stranger"] for c in advice.cases)
    # each case saw only its own store: the prompt is about its recipient and never another contact's notes
    sent = ["\n".join(str(x.content) for x in call) for call in model.calls]
    kwame = next(s for s in sent if "to Kwame (" in s)
    assert "RoboConf" in kwame and "PyData" not in kwame
    m = drafting.metrics
    # sendable by the eval's own rules, each failure kind counted; hard-pass is the checker's safety net
    assert m["hard_pass_rate"] == 1.0 and m["error_rate"] == 0.0 and m["latency_p50_ms"] is not None
    assert m["sendable_rate"] == sum(c.metrics["sendable"] for c in drafting.cases) / len(drafting.cases)
    for kind in KINDS:
        assert m[f"failures.{kind}"] == sum(c.metrics[f"fail.{kind}"] for c in drafting.cases)
    assert sum(m[f"path.{p}"] for p in ("as-written", "revised", "repaired", "template")) == pytest.approx(1.0)
    assert all(c.output["path"] in ("as-written", "revised", "repaired", "template") for c in drafting.cases)
    assert "checker_score" not in m and "personalization_rate" not in m  # they passed by construction
    assert report.model == "fake/scripted" and report.embeddings == "HashingEmbeddings"
    assert report.prompts == {"draft": "draft@1", "draft_capable": "draft_capable@1", "revise": "revise@1",
                              "advise": "advise@2", "judge": "judge@1"}

    paths = write_reports(report, tmp_path / "out")
    data = json.loads(paths["json"].read_text())
    assert data["schema_version"] == SCHEMA_VERSION and data["model"] == "fake/scripted"
    case = data["suites"]["drafting"]["cases"][0]
    assert case["output"]["body"].startswith("Hi ") and "hard_pass" in case["metrics"]
    md = paths["md"].read_text()
    assert "| drafting.hard_pass_rate | 1 | ≥ 1 | pass |" in md and "referral-email" in md
    assert "| drafting.failures.missing |" in md
    unsendable = [c for c in drafting.cases if c.metrics["sendable"] == 0.0]
    assert f"## Unsendable drafts ({len(unsendable)})" in md
    for c in unsendable:  # each with its draft and what failed
        assert f"### {c.id}" in md and c.details["failures"][0]["detail"] in md
    assert "| advice.lead_top1 |" in md and "| advice.lead_top3 |" in md and "| advice.script_stranger |" in md
    assert "| referral-weak-tie | opportunities/referral-from-a-weak-tie |" in md
    page = paths["html"].read_text()
    assert "<svg" in page and "<script" not in page and "http://" not in page.split("<svg")[0]
    assert load_report(paths["json"]).suites["drafting"].metrics == m


def test_a_model_that_invents_facts_is_contained_and_the_baseline_shows_what_got_worse(settings, tmp_path):
    good = run(good_model(), settings, suites=("drafting",))
    bad = run(junk_model(), settings, suites=("drafting",))
    # the coach never shows an invented fact: no raw candidate passes, every draft is repaired
    b, g = bad.suites["drafting"].metrics, good.suites["drafting"].metrics
    assert b["hard_pass_rate"] == 1.0 and b["unsupported_rate"] == 0.0 and b["repair_rate"] == 1.0
    assert b["raw_pass_rate"] == 0.0 < g["raw_pass_rate"]
    for case in bad.suites["drafting"].cases:
        assert "Jordan" not in case.output["body"] and "Google" not in case.output["body"]
    rows = {r["metric"]: r for r in deltas(bad, good)}
    assert rows["drafting.raw_pass_rate"]["change"] == "worse" and rows["drafting.raw_pass_rate"]["delta"] < 0
    assert rows["drafting.hard_pass_rate"]["change"] == "same"
    worse = {w["id"]: w for w in worse_cases(bad, good)}
    assert "referral-linkedin-note" in worse
    assert any(c.startswith("raw_pass 1→0") for c in worse["referral-linkedin-note"]["changes"])
    paths = write_reports(bad, tmp_path / "bad", baseline=good)
    md = paths["md"].read_text()
    assert "| drafting.raw_pass_rate |" in md and "(worse)" in md
    assert f"## Cases that got worse ({len(worse)})" in md
    assert json.loads(paths["json"].read_text())["baseline"]["worse_cases"]


@pytest.fixture
def offline_cli(monkeypatch):
    """The real `coach eval` command in-process, with the scripted model and fake embeddings behind the seams."""
    import coach.llm.providers as providers

    models = {"model": good_model()}
    monkeypatch.setattr(providers, "make_chat_model", lambda name, settings=None: models["model"])
    monkeypatch.setattr(providers, "make_embeddings", lambda name, settings=None: HashingEmbeddings())

    def cli(*args: str) -> int:
        from coach.cli import main

        with pytest.raises(SystemExit) as exc:
            main(["eval", *args])
        return exc.value.code

    cli.models = models
    return cli


def test_strict_exits_1_when_a_metric_misses_its_threshold_and_0_otherwise(offline_cli, tmp_path, capsys):
    easy = tmp_path / "easy.yaml"
    easy.write_text("thresholds:\n  drafting:\n    hard_pass_rate: {min: 1.0}\n    raw_pass_rate: {min: 1.0}\n")
    assert offline_cli("--suite", "drafting", "--cases", "^referral-linkedin-note$", "--strict", "--thresholds", str(easy),
                       "--out", str(tmp_path / "a"), "--json") == 0
    out = json.loads(capsys.readouterr().out)
    assert out["suites"]["drafting"]["metrics"]["raw_pass_rate"] == 1.0
    assert (tmp_path / "a" / "report.html").exists() and (tmp_path / "a" / "report.md").exists()
    offline_cli.models["model"] = junk_model()  # a change that makes drafts worse
    code = offline_cli("--suite", "drafting", "--cases", "^referral-linkedin-note$", "--strict", "--thresholds", str(easy),
                       "--out", str(tmp_path / "b"), "--baseline", str(tmp_path / "a" / "report.json"))
    err = capsys.readouterr().err
    assert code == 1 and "Below threshold (--strict): drafting.raw_pass_rate = 0.0 (threshold 1.0)" in err
    assert "Cases that got worse (1)" in (tmp_path / "b" / "report.md").read_text()


def test_bad_input_exits_2_with_one_sentence(offline_cli, tmp_path, capsys):
    assert offline_cli("--suite", "poetry", "--out", str(tmp_path)) == 2
    assert "Unknown suite 'poetry'" in capsys.readouterr().err
    assert offline_cli("--judge", "llamacpp/smollm2", "--out", str(tmp_path)) == 2
    assert "135M" in capsys.readouterr().err
    assert offline_cli("--cases", "nothing-matches-this", "--out", str(tmp_path)) == 2
    missing = tmp_path / "nope.json"
    assert offline_cli("--baseline", str(missing), "--out", str(tmp_path)) == 2
    assert not (tmp_path / "report.json").exists()  # nothing is written when a command fails


def test_judge_grades_each_draft_and_counts_unparsable_verdicts(settings, tmp_path):
    from evals.judge import Judge

    verdicts = ['{"relevant": 5, "specific": 4, "clear": 5, "human": 4, "low_friction": 4, "reason": "ok"}',
                "I would rate this message quite highly overall.",
                'Scores: relevant: 3, specific: 2, clear: 4, human: 3, low_friction: 5',
                '{"relevant": 11}']
    judge_model = ScriptedChatModel(responses=list(verdicts), model_name="openai/gpt-judge")
    judge = Judge(judge_model, "openai/gpt-judge")
    report = run(good_model(), settings, suites=("drafting",), judge=judge,
                 pattern="^referral-(linkedin-note|linkedin-message|email|sparse-contact)$")
    judge_model.assert_complete()
    sent = judge_model.prompt_text(0)
    assert "<<<MESSAGE" in sent and "Goal: referral" in sent and "PyCon" in sent  # the draft and its facts
    summary = report.suites["drafting"].extra["judge"]
    assert summary["graded"] == 4 and summary["unparsable"] == 2 and summary["model"] == "openai/gpt-judge"
    assert summary["relevant"] == 4.0 and summary["specific"] == 3.0
    assert report.judge == "openai/gpt-judge" and report.metric("judge.unparsable").value == 2
    md = write_reports(report, tmp_path)["md"].read_text()
    assert "Judge model `openai/gpt-judge`: 4 graded, 2 unparsable." in md


def test_a_capable_model_writing_the_references_is_sendable_and_kept_as_written(settings):
    """The metric reaches 1.0 through the runner when the model writes what a person would send."""
    data = load_drafting()
    picked = [c for c in data.cases if c.id in ("referral-linkedin-note", "reconnect-linkedin-message",
                                                 "follow-up-email")]
    by_name = {data.contact(c.to).name: c.reference for c in picked}

    def respond(messages) -> str:
        text = str(messages[-1].content)
        return next((ref for name, ref in by_name.items() if f"to {name} (" in text), "Noted.")

    model = ScriptedChatModel(responder=respond, capable=True)
    report = Runner(settings, model=model, embeddings=HashingEmbeddings(), candidates=1,
                    pattern="^(referral-linkedin-note|reconnect-linkedin-message|follow-up-email)$").run(("drafting",))
    d = report.suites["drafting"]
    assert [c.error for c in d.cases] == [None, None, None]
    for case in d.cases:
        subject, body = split_reference(next(c.reference for c in picked if c.id == case.id))
        assert case.output["body"] == body and case.output["subject"] == subject, case.id
    assert d.metrics["sendable_rate"] == 1.0 and d.metrics["path.as-written"] == 1.0
    assert all(d.metrics[f"failures.{kind}"] == 0 for kind in KINDS)


def test_a_draft_that_misses_what_the_case_asks_is_counted_and_listed(settings, tmp_path):
    """The same drafts against a case that asks for something no draft says: the metric can fail."""
    data = load_drafting()
    case = next(c for c in data.cases if c.id == "reconnect-linkedin-note")
    harder = case.model_copy(update={"must_contain": [*case.must_contain, "zebra crossing"]})
    data = data.model_copy(update={"cases": [harder]})
    report = Runner(settings, model=good_model(), embeddings=HashingEmbeddings(), candidates=1,
                    drafting=data).run(("drafting",), thresholds={"drafting.sendable_rate": {"min": 0.9}})
    d = report.suites["drafting"]
    assert d.metrics["sendable_rate"] == 0.0 and d.metrics["failures.missing"] == 1
    assert report.metric("drafting.sendable_rate").passed is False
    assert any(f["kind"] == "missing" and "zebra crossing" in f["detail"] for f in d.cases[0].details["failures"])
    md = write_reports(report, tmp_path)["md"].read_text()
    assert "## Unsendable drafts (1)" in md and "### reconnect-linkedin-note" in md and "zebra crossing" in md
    assert "> Hi Mateo" in md  # the draft itself, quoted


def test_a_quick_run_is_held_to_the_quick_bounds(tmp_path):
    from evals.runner import headline, load_thresholds
    from evals.schema import Report, SuiteResult

    path = tmp_path / "thresholds.yaml"
    path.write_text("thresholds:\n  drafting:\n    sendable_rate: {min: 0.9}\n"
                    "quick:\n  drafting:\n    sendable_rate: {min: 0.5}\n")
    bounds = load_thresholds(path)
    report = Report(model="m", embeddings="e", candidates=1,
                    suites={"drafting": SuiteResult(name="drafting", metrics={"sendable_rate": 0.6})})
    full = headline(report, bounds)[0]
    assert full.threshold == 0.9 and full.passed is False
    quick = headline(report.model_copy(update={"quick": True}), bounds)[0]
    assert quick.threshold == 0.5 and quick.passed is True


def test_each_case_store_holds_the_contacts_notes_and_interactions(settings):
    data = load_drafting()
    runner = Runner(settings, model=ScriptedChatModel(responses=[]), embeddings=HashingEmbeddings(), candidates=1)
    with runner._case_coach("oliver", data.profile, data.contacts) as (_coach, store):
        oliver = store.resolve_contact("Oliver Grant")
        assert [i.summary for i in oliver.interactions] == [i.summary for i in data.contact("oliver-grant").interactions]
        assert str(oliver.last_contacted) == "2025-06-18" and "DevDays Porto" in oliver.interactions[-1].summary
        assert [n.text for n in oliver.notes] == data.contact("oliver-grant").notes
