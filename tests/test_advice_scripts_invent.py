"""Issue 25, class 4: a script never invents. Every article's example is an invented story; shown as a script, its
times, numbers, names, companies and places are slots the user fills. This scans every article's rendered script
by its own rules (not the renderer's): outside [slots], no digit, no number word, no date or day, no capitalised
word in mid-sentence (a name) may remain."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from coach.advice.scripts import neutral_script
from coach.retrieval.knowledge import example_message, load_corpus

KNOWLEDGE = Path(__file__).resolve().parents[1] / "coach" / "resources" / "knowledge"
_DATES = set("monday tuesday wednesday thursday friday saturday sunday january february march april june july august "
             "september october november december yesterday tomorrow tonight weekend".split())
_NUMBERS = set("two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty hundred "
               "dozen".split())
_ALLOWED = {"I", "I'm", "I've", "I'd", "I'll", "LinkedIn"}  # words capitalised wherever they stand


def invented(script: str) -> list[str]:
    """What the script states that is not a slot: numbers, dates and mid-sentence capitalised words."""
    found: list[str] = []
    for line in script.splitlines():
        if re.match(r"\s*channel\s*:", line, re.IGNORECASE):
            continue
        bare = re.sub(r"\[[^\]]*\]", "[]", line)
        found += re.findall(r"\d+", bare)
        for m in re.finditer(r"[A-Za-zÀ-ÿ][\w'’-]*", bare):
            word = m.group(0)
            before = bare[: m.start()].rstrip(" \"'“(")
            starts = not before or before[-1] in ".!?:" or re.fullmatch(r"\s*(?:subject|re)\s*:?", before, re.I)
            timed = word.lower() in _DATES or word.lower() in _NUMBERS
            named = word[0].isupper() and not starts and word not in _ALLOWED and not (word.isupper() and len(word) <= 5)
            if timed or named:
                found.append(word)
    return found


ARTICLES = [a for a in load_corpus(KNOWLEDGE) if example_message(a).strip()]


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a.slug)
def test_no_article_script_states_a_number_date_or_name_of_its_invented_story(article):
    script = neutral_script(example_message(article), keep="", slots=article.script_slots)
    assert not invented(script), script


def test_the_scan_would_see_what_it_looks_for():
    assert invented("Hi [name],\n\nCould we talk for 20 minutes on Friday? Dana at Orrin said so.") == \
        ["20", "Friday", "Orrin"]


def test_a_number_the_user_gave_stays_and_one_they_did_not_becomes_a_slot():
    example = "Hi Marcus,\n\nWould you have 20 minutes for three questions?\n\nThanks,\nAdaeze"
    assert "[20 minutes]" in neutral_script(example) and "[three questions]" in neutral_script(example)
    assert "20 minutes for" in neutral_script(example, keep="could I ask for 20 minutes")


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a.slug)
def test_no_article_script_is_signed_with_its_invented_writers_name(article):
    """The last line of a script is the user's to sign: never the example's writer ('Still on for Saturday?'
    then 'Aiko' on a line of its own, with no sign-off word before it)."""
    script = neutral_script(example_message(article), keep="", slots=article.script_slots)
    last = [ln.strip() for ln in script.splitlines() if ln.strip()][-1]
    assert not re.fullmatch(r"[A-ZÀ-Þ][\w'’-]+(?:\s+[A-ZÀ-Þ][\w'’-]+)?", last), script


def test_a_name_alone_on_the_last_line_is_the_writers_signature():
    script = neutral_script("Hi Tomasz,\n\nI can't make the intro this month.\n\nStill on for the match?\nAiko")
    assert script.splitlines()[-1] == "[your name]" and "Aiko" not in script
