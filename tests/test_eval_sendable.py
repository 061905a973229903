"""The sendable metric: every reference draft passes it, the drafts issue 11 quotes fail it, each rule can fail.

The metric is the eval's own (evals/sendable.py reads the text by its own rules); these tests hold it to
what a person deciding whether to send a message would notice.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from coach.core.domain import CHANNELS, GOALS
from evals import sendable
from evals.schema import load_drafting
from evals.sendable import judge, judge_reference, known_text, split_reference

DATA = load_drafting()
CASES = {c.id: c for c in DATA.cases}


def verdict(case_id: str, draft: str):
    case = CASES[case_id]
    subject, body = split_reference(draft)
    known = known_text(DATA.contact(case.to), DATA.profile, case.context, case.third_party)
    return judge(case, known, subject, body, case.channel)


def kinds(case_id: str, draft: str) -> set[str]:
    return {f.kind for f in verdict(case_id, draft).failures}


# ---------------------------------------------------------------- the case file
def test_the_case_file_covers_what_issue_11_asks_for():
    assert len(DATA.cases) >= 44
    assert {(c.goal, c.channel) for c in DATA.cases} == {(g, ch) for g in GOALS for ch in CHANNELS}
    quick = [c for c in DATA.cases if c.quick]
    assert {c.goal for c in quick} == set(GOALS) and {c.channel for c in quick} == set(CHANNELS)
    assert any(c.premium for c in DATA.cases) and any(not c.context for c in DATA.cases)
    recipients = [DATA.contact(c.to) for c in DATA.cases]
    assert any(not r.notes and not r.how_we_met for r in recipients)  # sparse: company and title only
    assert any(len(r.notes) >= 2 and r.interactions for r in recipients)  # rich
    assert any("@" in n for r in recipients for n in r.notes)  # shorthand notes
    assert any("ignore all previous instructions" in n.lower() for r in recipients for n in r.notes)
    contexts = [c.context.lower() for c in DATA.cases]
    assert any(x.startswith(("she ", "he ")) for x in contexts)  # third person
    assert any(x.startswith(("thank him", "thank her", "ask him")) for x in contexts)  # imperative
    assert any(x.startswith(("i finished", "i sent")) for x in contexts)  # first person
    for case in DATA.cases:
        recipient = DATA.contact(case.to)
        assert case.must_never, case.id
        for s in case.must_never:  # never forbid the recipient's own name or employer
            assert s not in (recipient.first_name, recipient.company), case.id


@pytest.mark.parametrize("case_id", sorted(CASES))
def test_every_reference_is_sendable(case_id):
    result = judge_reference(DATA, CASES[case_id])
    assert result.sendable, [f"{f.kind}: {f.detail}" for f in result.failures]


def test_the_metric_imports_nothing_it_judges():
    tree = ast.parse(Path(sendable.__file__).read_text(encoding="utf-8"))
    imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)} | {
        a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    assert not {m for m in imported if m and m.startswith("coach")} - {"coach.core.domain"}


# ---------------------------------------------------------------- issue 11's drafts
ISSUE_DRAFTS = [
    # a congratulations that never congratulates and never names what happened
    ("congratulations-linkedin-message",
     "Hi Grace, I have been following your work at Tessellate Pay. Would you be up for a coffee sometime to "
     "hear how it is going?", {"missing", "forbidden"}),
    # a thank-you that never says what for, although the request named the article and what it led to
    ("thank-you-linkedin-message",
     "Hi Marcus,\n\nYour help made a real difference, and I wanted you to know. Would you be up for a coffee "
     "sometime?\n\nSam", {"missing"}),
    # a referral that drops the role and speaks of the recipient in the third person
    ("referral-linkedin-note",
     "Hi Priya, we met at PyCon US 2024 in Pittsburgh after her talk on payments APIs. Would you be open to "
     "referring me?", {"missing", "third-person", "forbidden"}),
    # a follow-up on a promised portfolio review that never mentions the portfolio or the case study
    ("follow-up-email",
     "Subject: Following up\nHi Elena,\n\nI wanted to follow up on our conversation at the Leeds tech careers "
     "fair. I know you are busy and I appreciate any time you can give me.\n\nIs there anything I could send "
     "you that would make it easier to decide?\n\nBest,\nSam", {"missing"}),
    # two facts stitched into a false one: the note says Config 2023, Inkwell is her employer
    ("reconnect-stitch-trap",
     "Hi Maya, it was great to meet you at the Inkwell 2023 design-systems workshop. Would you be up for "
     "catching up?", {"forbidden", "missing"}),
    # the generic line to a former teammate with two years of shared on-call work
    ("reconnect-linkedin-message",
     "Hi Dev, I have been following your work at Corvid Metrics. Would you be up for a call to catch up?",
     {"missing", "forbidden"}),
    # the request pasted in about the recipient
    ("partnership-linkedin-message",
     "Hi Tomás, great meeting you at the AgriTech Connect meetup in Valencia. My team could supply the data "
     "pipeline for his pilot. Would you be open to a call?", {"third-person", "forbidden", "missing"}),
]


@pytest.mark.parametrize(("case_id", "draft", "expected"), ISSUE_DRAFTS, ids=[d[0] for d in ISSUE_DRAFTS])
def test_the_drafts_issue_11_quotes_are_not_sendable(case_id, draft, expected):
    result = verdict(case_id, draft)
    assert not result.sendable
    assert expected <= set(result.kinds()), result.failures


# ---------------------------------------------------------------- each rule
def test_greeting_must_name_the_recipient():
    note = "Hi Ravi, I have finished the route-planning benchmark. Would you like me to send it over?"
    assert not kinds("follow-up-premium-note", note)
    assert kinds("follow-up-premium-note", note.replace("Hi Ravi,", "Hello there,")) == {"greeting"}
    assert kinds("follow-up-premium-note", note.replace("Ravi", "Kwame")) >= {"greeting"}
    assert not kinds("informational-interview-linkedin-note",
                     "Dear Lucia, could we talk about your pricing experiments? The Lisbon meetup was great.")


def test_missing_groups_need_every_group_and_accept_listed_stems():
    ok = "Hi Mateo, congrats on the promotion to design lead! Drinks next time?"
    assert not kinds("congratulations-linkedin-note", ok)
    assert not kinds("congratulations-linkedin-note", ok.replace("congrats on", "congratulations on"))
    failures = verdict("congratulations-linkedin-note", "Hi Mateo, great news about design lead! Drinks soon?")
    assert [f.kind for f in failures.failures] == ["missing"] and "congratulat" in failures.failures[0].detail


def test_forbidden_strings_are_whole_words_or_symbols():
    base = "Hi Ravi, I have finished the route-planning benchmark. Would you like me to send it over?"
    assert "forbidden" in kinds("follow-up-premium-note", base + " Also see win-prize.example.net")
    assert "forbidden" in kinds("follow-up-premium-note", base.replace("benchmark.", "benchmark, worth $300."))
    assert not kinds("follow-up-premium-note", base.replace("send it", "send the wireframe"))  # not 'wire'


def test_third_person_is_allowed_only_next_to_a_third_party():
    intro = ("Hi Kwame, could you introduce me to Dana Whitfield? I'd love to hear about her hardware test "
             "rigs for firmware testing.")
    assert not kinds("introduction-linkedin-note", intro)
    late = ("Hi Kwame, could you introduce me to Dana Whitfield? We met at RoboConf. I'd love to hear about "
            "her hardware test rigs for firmware testing.")
    assert kinds("introduction-linkedin-note", late) == {"third-person"}  # two sentences away from Dana
    assert "third-person" in kinds("mentorship-linkedin-note",
                                   "Hi Amara, she suggested I lead the billing migration. Could we meet monthly "
                                   "while I work toward senior engineer?")


def test_a_point_made_twice_is_repeated():
    # the capable-model draft issue 11 saw: the same news twice
    twice = ("Hi Oliver, I was just promoted to engineering manager. Thank you for reviewing my talk outline; "
             "DevDays Porto went well. I was just promoted to engineering manager. Coffee soon?")
    assert "repeated" in kinds("thank-you-linkedin-note", twice)
    run = ("Hi Oliver, thank you for reviewing my talk outline, it really helped. DevDays Porto went well "
           "because you reviewed my talk outline, it really helped me. Coffee soon?")
    assert "repeated" in kinds("thank-you-linkedin-note", run)
    # the embedded drafter's baseline: five words said twice
    maya = ("Hi Maya,\n\nYou ran the Config 2023 session on how your team tracks adoption of the design system. "
            "I'd like to hear how your team measures adoption of the design system. Could we talk?\n\nSam")
    assert kinds("informational-interview-linkedin-message", maya) == {"repeated"}


def test_invented_names_and_numbers_are_caught_and_known_ones_are_not():
    good = CASES["referral-email"].reference
    assert not kinds("referral-email", good)
    assert kinds("referral-email", good.replace("your forecasting team", "your forecasting team at "
                                                "Google")) == {"invented"}
    assert kinds("referral-email", good.replace("Since our years", "Since our 3 years")) == {"invented"}
    assert not kinds("referral-email", good.replace("my resume", "my resume on Monday"))  # a common word
    assert not kinds("referral-email", good.replace("a few lines", "a 20-minute call or a few lines"))
    # a year written either way: the note says 'KubeCon 24'
    shorthand = CASES["thank-you-shorthand-note"].reference
    assert not kinds("thank-you-shorthand-note", shorthand.replace("KubeCon 24", "KubeCon 2024"))
    assert kinds("thank-you-shorthand-note", shorthand.replace("KubeCon 24", "KubeCon 2023")) == {"invented"}


def test_limits_per_channel():
    note = CASES["partnership-premium-note"]
    subject, body = split_reference(note.reference)
    assert 200 < len(body) <= 300 and not kinds(note.id, note.reference)  # premium: 300
    plain = CASES["informational-interview-linkedin-note"].reference
    assert len(plain) <= 200 and kinds("informational-interview-linkedin-note", plain + " Thanks so much, "
                                       "Lucía, for the Lisbon product meetup.") == {"limit"}  # not premium: 200
    email = CASES["reconnect-email"].reference
    assert kinds("reconnect-email", email.replace("Subject: Catching up since Bluepeak", "Subject: Hi")) \
        == {"limit"}
    assert kinds("reconnect-email", "Subject: Catching up since Bluepeak\nHi Hiroshi, Bluepeak forecasting "
                 "catch-up call?") == {"limit"}
    long_body = email + "\n" + " ".join(["More about the forecasting team and Bluepeak."] * 25)
    assert "limit" in kinds("reconnect-email", long_body)


def test_one_ask_no_more_no_less():
    ok = "Hi Mateo, it's been too long since Politecnico di Milano! Fancy a call soon to catch up?"
    assert not kinds("reconnect-linkedin-note", ok)
    assert kinds("reconnect-linkedin-note", ok.replace("Fancy a call soon to catch up?", "Hope all is well.")) \
        == {"ask"}
    assert kinds("reconnect-linkedin-note", ok.replace("catch up?", "catch up? Or lunch?")) == {"ask"}
    assert not kinds("reconnect-linkedin-note", ok.replace("Fancy a call soon to catch up?",
                                                           "Let me know if you'd like to catch up."))


def test_a_note_pasted_in_as_a_sentence_is_a_fragment():
    pasted = ("Hi Tomás,\n\nIs starting a crop-yield forecasting pilot with three farm cooperatives in the spring. "
              "My team could supply the data pipeline for your pilot. Would you be open to a call?\n\nSam")
    assert kinds("partnership-linkedin-message", pasted) == {"fragment"}
    written = pasted.replace("Is starting", "You are starting")
    assert not kinds("partnership-linkedin-message", written)
    assert not kinds("partnership-linkedin-message", written.replace("Would you be open to a call?",
                                                                     "Is a call next week possible?"))
