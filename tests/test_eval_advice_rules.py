"""The advice eval's own rules on hand-written good and bad advice, and the labelled situations themselves."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

import pytest

from evals import advice_rules as R
from evals.metrics import advice_metrics
from evals.schema import THEMES, load_advice

REPO = Path(__file__).resolve().parent.parent
NO_REPLY = "knowledge/support/no-reply-after-an-ask.md"
REFERRAL = "knowledge/opportunities/referral-from-a-former-colleague.md"
LAID_OFF = "knowledge/support/laid-off-telling-your-network.md"


def person(key: str, first: str, last: str) -> SimpleNamespace:
    return SimpleNamespace(key=key, first_name=first, last_name=last)


CONTACTS = [person("aisha-bello", "Aisha", "Bello"), person("aisha-karimi", "Aisha", "Karimi"),
            person("farah-haddad", "Farah", "Haddad"), person("grace-lin", "Grace", "Lin"),
            person("elif-sahin", "Elif", "Şahin")]
SITUATION = "I asked Aisha Bello for a referral two weeks ago and she never replied. Marcus says to wait."


def example_script(path: Path) -> str:
    """The article's example message: the fenced block under '## Example message'."""
    text = path.read_text(encoding="utf-8").split("## Example message", 1)[1]
    return re.search(r"```\w*\n(.*?)```", text, re.DOTALL).group(1)


# ---------------------------------------------------------------- summary support
def test_free_prose_is_not_supported_and_the_articles_own_idea_is():
    prose = R.summary_support("In today's fast-paced world where everyone is connected to the internet, it can "
                              "be easy for people to take advantage of you.", [NO_REPLY], SITUATION)
    assert not prose.supported and prose.share < 0.5 and "internet" in prose.unsupported_words
    own = R.summary_support("Most unanswered messages are simply buried, so one polite nudge in the same "
                            "thread recovers a surprising share of them.", [NO_REPLY], SITUATION)
    assert own.supported and own.share == 1.0 and not own.invented
    # reworded, tailored advice still passes when its words are the articles' words
    tailored = R.summary_support("Wait a week, then follow up once with a shorter message and an easier "
                                 "question; let it go after that.", [NO_REPLY], SITUATION)
    assert tailored.supported, tailored


def test_an_invented_name_or_number_fails_even_when_the_words_are_supported():
    sipho = R.summary_support("Follow up once in the same thread, as Sipho suggests.", [NO_REPLY], SITUATION)
    assert not sipho.supported and sipho.invented == ["Sipho"]
    days = R.summary_support("Follow up once in the same thread after 12 days.", [NO_REPLY], SITUATION)
    assert not days.supported and days.invented == ["12"]
    # a name the user wrote, or a number from the article, is not invented
    named = R.summary_support("Follow up once with Aisha in the same thread, after five to seven working days.",
                              [NO_REPLY], SITUATION)
    assert named.invented == [] and named.supported


def test_support_reads_the_cited_articles_only():
    text = "Take a few days to deal with severance and benefits before you announce anything publicly."
    assert R.summary_support(text, [LAID_OFF]).supported
    assert not R.summary_support(text, [NO_REPLY]).supported  # the words are not in the article cited
    assert not R.summary_support(text, ["knowledge/support/no-such-article.md"]).supported
    assert not R.summary_support("", [LAID_OFF]).supported


# ---------------------------------------------------------------- scripts
def test_the_articles_characters_are_strangers_and_the_users_people_are_not():
    assert R.strangers("Subject: Back on the market\n\nHi Sipho,\n\nI was laid off.", CONTACTS, SITUATION) \
        == ["Sipho"]
    assert R.strangers("Dear Dr. Adeyemi,\n\nOne question.", CONTACTS, SITUATION) == ["Adeyemi"]
    assert R.strangers("Hi Aisha,\n\nJust floating this up.", CONTACTS, SITUATION) == []  # a contact
    assert R.strangers("Hi Elif, it has been a while.", CONTACTS, SITUATION) == []  # accents ignored
    assert R.strangers("Hi Marcus,\n\nThanks.", CONTACTS, SITUATION) == []  # named in the situation
    assert R.strangers("Hi Hiroshi and Farah,", CONTACTS, SITUATION) == ["Hiroshi"]
    assert R.greeted_names("Hello again Aisha Bello!") == ["Aisha Bello"]
    for neutral in ("Hi [Name],\n\nFollowing up.", "Hi there, following up.", "Hello {first name},",
                    "Dear Hiring Manager,", "Following up on my note from last week.", ""):
        assert R.greeted_names(neutral) == [] and R.strangers(neutral, CONTACTS, SITUATION) == []
    assert R.has_slot("Hi [Name],") and not R.has_slot("Hi Aisha,")


def test_every_article_example_greets_someone_the_rules_can_see():
    # the scripts issue 12 complains about are the articles' examples: the rules must read each greeting
    for path in sorted((REPO / "coach" / "resources" / "knowledge").glob("*/*.md")):
        names = R.greeted_names(example_script(path))
        assert names and all(n[0].isupper() for n in names), (path.name, names)


def test_script_to_hit_needs_the_named_contact_or_a_neutral_script():
    hit = R.script_to_hit
    assert hit("Hi Aisha,\n\nJust floating this up.", CONTACTS, SITUATION, "aisha-bello")
    assert not hit("Hi Grace,\n\nI am ready to move.", CONTACTS, SITUATION, "farah-haddad")  # the wrong contact
    assert not hit("", CONTACTS, SITUATION, "aisha-bello")
    # the advice says its draft is to the other Aisha: the greeting alone does not make it right
    assert not hit("Hi Aisha,", CONTACTS, SITUATION, "aisha-bello", script_contact="aisha-karimi")
    assert hit("Hi Aisha,", CONTACTS, SITUATION, "aisha-bello", script_contact="aisha-bello")
    # no recipient: neutral passes; greeting one of the user's contacts or a stranger does not
    assert hit("Hi [Name],\n\nFollowing up on my note.", CONTACTS, SITUATION, None)
    assert hit("Hi Marcus, thanks for the advice.", CONTACTS, SITUATION, None)  # the person the user named
    assert not hit("Hi Grace,\n\nQuick one.", CONTACTS, SITUATION, None)
    assert not hit("Hi Sipho,\n\nQuick one.", CONTACTS, SITUATION, None)


# ---------------------------------------------------------------- one case, all metrics
def advise(summary: str, script: str, citations: list[str], suggested: list[str], **case):
    defaults = {"situation": SITUATION, "lead": NO_REPLY, "also": [REFERRAL],
                "must_include": ["follow up|nudge", "shorter|easier"], "helpful": ["aisha-bello"],
                "script_to": "aisha-bello"}
    defaults.update(case)
    return advice_metrics(summary=summary, steps=["Wait a week.", "Reply in the same thread.",
                                                  "Make the follow-up shorter."],
                          script=script, citation_sources=citations, suggested=suggested, contacts=CONTACTS,
                          **defaults)


def test_good_advice_scores_on_every_metric():
    m, d = advise("Most unanswered messages are simply buried, so one polite nudge recovers many of them.",
                  "Hi Aisha,\n\nJust floating my referral question up in case it got buried. Thanks!",
                  [NO_REPLY, REFERRAL, "knowledge/craft/follow-up-timing.md"], ["Aisha Bello"])
    assert m["lead_top1"] == m["lead_top3"] == m["fit_top1"] == m["theme_top1"] == 1.0
    assert m["summary_support"] == 1.0 and m["script_stranger"] == 0.0 and m["script_to_hit"] == 1.0
    assert m["helpful_hit"] == 1.0 and m["helpful_precision"] == 1.0 and m["includes"] == 1.0
    assert d["greeted"] == ["Aisha"] and d["lead_rank"] == 1


def test_the_issues_bad_advice_fails_where_a_user_would_notice():
    # the referral article leads a no-reply situation, the summary is free prose, the script is the
    # article's example, and the people are everyone at a target company
    m, d = advise("In today's fast-paced world it can be easy for people to take advantage of you.",
                  "Hi Sipho,\n\nI was laid off from Brightwater Logistics last week.",
                  [REFERRAL, "knowledge/opportunities/referral-from-a-weak-tie.md", NO_REPLY],
                  ["Farah Haddad", "Grace Lin", "Aisha Karimi"])
    assert m["lead_top1"] == 0.0 and m["lead_top3"] == 1.0 and m["fit_top1"] == 1.0
    assert m["summary_support"] == 0.0 and m["script_stranger"] == 1.0 and m["script_to_hit"] == 0.0
    assert m["helpful_hit"] == 0.0 and m["helpful_precision"] == 0.0
    assert d["strangers"] == ["Sipho"] and d["suggested"] == ["farah-haddad", "grace-lin", "aisha-karimi"]
    # a lead cited fourth is not in the top 3
    m, _ = advise("s", "", ["a.md", "b.md", "c.md", NO_REPLY], [])
    assert m["lead_top3"] == 0.0 and m["helpful_precision"] is None  # nobody suggested: not counted


def test_helpful_metrics_are_not_counted_when_no_contact_fits():
    m, _ = advise("s", "", [NO_REPLY], [], helpful=[], script_to=None)
    assert m["helpful_hit"] is None and m["helpful_precision"] is None and m["script_to_hit"] == 1.0
    m, _ = advise("s", "", [NO_REPLY], ["Grace Lin"], helpful=[], script_to=None)
    assert m["helpful_hit"] is None and m["helpful_precision"] == 0.0  # suggesting someone who cannot help


# ---------------------------------------------------------------- the labelled set
def test_the_labelled_set_is_large_varied_and_holds_the_hard_pairs():
    data = load_advice()
    cases = {c.id: c for c in data.cases}
    assert len(cases) >= 44
    themes = Counter(c.themes[0] for c in data.cases)
    assert set(themes) == set(THEMES)
    assert sum(themes[t] for t in ("support", "opportunities", "mentorship")) >= 0.6 * len(cases)
    # the hard pairs: the lead is the situation the user is in, not the topic their words mention
    assert cases["no-reply-referral"].lead == NO_REPLY and REFERRAL in cases["no-reply-referral"].also
    assert cases["manager-credit"].lead == "knowledge/support/manager-takes-credit.md"
    assert cases["mentor-silent"].lead == "knowledge/support/reconnecting-after-years-of-silence.md"
    assert cases["decline-referral"].lead == "knowledge/support/declining-a-referral-request.md"
    assert cases["introvert-conference"].lead == "knowledge/visibility/networking-as-an-introvert.md"
    assert cases["laid-off"].lead == LAID_OFF
    # scripts: some to a person of the user's, some neutral; same-first-name traps are in the network
    assert 10 <= sum(bool(c.script_to) for c in data.cases) <= len(cases) - 10
    assert Counter(c.first_name for c in data.contacts)["Aisha"] == 2
    lengths = [len(c.situation.split()) for c in data.cases]
    assert min(lengths) < 25 and max(lengths) > 35  # short and long, as people write


def grams(text: str, n: int = 6) -> set[str]:
    w = R.words(text)
    return {" ".join(w[i:i + n]) for i in range(len(w) - n + 1)}


def test_situations_are_written_by_users_not_copied_from_the_corpus():
    # no situation shares a run of six words with any article (titles, `situations:` lists, bodies, examples)
    corpus: set[str] = set()
    titles = set()
    for path in (REPO / "coach" / "resources" / "knowledge").glob("*/*.md"):
        text = path.read_text(encoding="utf-8")
        corpus |= grams(text)
        titles.add(" ".join(R.words(re.search(r"^title:\s*(.+)$", text, re.MULTILINE).group(1))))
    for case in load_advice().cases:
        assert not grams(case.situation) & corpus, case.id
        assert " ".join(R.words(case.situation)) not in titles, case.id


def test_an_unknown_article_fails_when_the_file_loads(tmp_path):
    from coach.core.errors import ConfigurationError

    bad = tmp_path / "advice.yaml"
    bad.write_text("profile: {}\ncontacts: [{key: a, first_name: A}]\ncases:\n"
                   "  - {id: x, situation: my referral got no reply at all, lead: knowledge/support/nope.md}\n")
    with pytest.raises(ConfigurationError, match=r"advice.yaml at cases.0.lead"):
        load_advice(bad)
    bad.write_text("profile: {}\ncontacts: [{key: a, first_name: A}]\ncases:\n"
                   f"  - {{id: x, situation: my referral got no reply at all, lead: {NO_REPLY}, script_to: b}}\n")
    with pytest.raises(ConfigurationError, match=r"unknown contact"):
        load_advice(bad)


def test_direction_metrics_read_the_leads_declared_directions_and_the_shown_reading():
    from evals.advice_rules import article_directions

    assert article_directions(NO_REPLY) == ("following-up",)
    script = "Hi Aisha,\n\nJust floating my referral question up in case it got buried."
    m, _ = advise("Most unanswered messages are simply buried.", script, [NO_REPLY], ["Aisha Bello"],
                  direction="following-up", read_direction="following-up")
    assert m["lead_direction"] == 1.0 and m["direction_right"] == 1.0
    m, _ = advise("Most unanswered messages are simply buried.", script, [REFERRAL], ["Aisha Bello"],
                  direction="following-up", read_direction="asking")
    assert m["lead_direction"] == 0.0 and m["direction_right"] == 0.0  # the asking article leads a follow-up
    m, _ = advise("Most unanswered messages are simply buried.", script, [REFERRAL], ["Aisha Bello"])
    assert m["lead_direction"] is None and m["direction_right"] is None  # a case without a direction
