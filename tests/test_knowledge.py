"""The guidance corpus: valid front matter, situations in users' words, enough articles per theme, stable chunks."""

from __future__ import annotations

import re
from collections import Counter
from itertools import combinations
from pathlib import Path

import frontmatter
import pytest

from coach.core.domain import GOALS
from coach.retrieval.knowledge import (
    SCRIPT_GOALS,
    THEMES,
    CorpusError,
    article_steps,
    chunk_article,
    example_message,
    load_article,
    load_corpus,
)

REPO = Path(__file__).resolve().parent.parent
KNOWLEDGE = REPO / "coach" / "resources" / "knowledge"

ARTICLE = """---
title: Following up after silence
theme: support
situations:
  - I asked my old teammate for a referral and she never replied
  - "he read my message asking for a call: nothing since"
tags: [no-reply, follow-up]
script_goal: follow-up
---

Intro paragraph about silence.

## Steps

1. Wait a week.
2. Reply in the same thread,
   keeping it short.
3. Stop after one nudge.

## Example message

Channel: email

```
Hi Ana, just bumping this in case it got buried.
```

## When not to do this

- If they said they are on leave.
"""


def write(root: Path, rel: str, text: str) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(KNOWLEDGE)


def test_every_article_has_valid_front_matter_and_sections(corpus):
    assert corpus, "the knowledge folder has no articles"
    for article in corpus:
        assert article.path == f"knowledge/{article.theme}/{Path(article.path).name}"
        assert article.title.strip() and article.situations, article.path
        for heading in ("Steps", "Example message", "When not to do this"):
            assert article.sections.get(heading, "").strip(), f"{article.path} lacks ## {heading}"
        assert len(article_steps(article)) >= 3, f"{article.path}: fewer than 3 numbered steps"
        assert len(example_message(article)) >= 40, f"{article.path}: example message too short"


def test_corpus_covers_every_theme(corpus):
    counts = Counter(a.theme for a in corpus)
    for theme in THEMES:
        assert counts[theme] >= 4, f"theme {theme} has {counts[theme]} articles, needs at least 4"
    assert counts["support"] >= 12
    assert len(corpus) >= 45


def test_titles_are_unique(corpus):
    titles = Counter(a.title.lower() for a in corpus)
    assert [t for t, n in titles.items() if n > 1] == []


def test_sections_steps_and_example_message_are_parsed(tmp_path):
    article = load_article(write(tmp_path, "knowledge/support/silence.md", ARTICLE), tmp_path)
    assert article.path == "knowledge/support/silence.md"
    assert article.situations == [
        "I asked my old teammate for a referral and she never replied", "he read my message asking for a call: nothing since",
    ]
    assert article.tags == ["no-reply", "follow-up"]
    assert article.script_goal == "follow-up"
    assert list(article.sections) == ["Overview", "Steps", "Example message", "When not to do this"]
    assert article_steps(article) == [
        "Wait a week.", "Reply in the same thread, keeping it short.", "Stop after one nudge.",
    ]
    assert example_message(article) == "Hi Ana, just bumping this in case it got buried."


@pytest.mark.parametrize(
    ("front", "complaint"),
    [
        ("title: X\ntheme: gossip\nsituations: [a]", "theme"),
        ("theme: support\nsituations: [a]", "title"),
        ("title: X\ntheme: craft\nsituations: [a]", "folder"),
        ("title: [unclosed\ntheme: support", "YAML"),
        ("title: X\ntheme: support\nscript_goal: decline", "script_goal must be one of referral, "),
        ("title: X\ntheme: support\nscript_slots: {a job in Lagos: the role}", "not in the example message"),
        ("title: X\ntheme: support\nscript_slots: {x: [the role]}", "script_slots"),
        ("title: X\ntheme: support\ndirections: [asking, begging]", "directions must be a list of asking, asked, "
                                                                    "declining"),
    ],
)
def test_invalid_front_matter_names_the_file_and_the_problem(tmp_path, front, complaint):
    write(tmp_path, "knowledge/support/bad.md", f"---\n{front}\n---\n\n## Steps\n\n1. x\n")
    with pytest.raises(CorpusError) as info:
        load_corpus(tmp_path / "knowledge")
    assert "knowledge/support/bad.md" in str(info.value)
    assert complaint in str(info.value)


def test_missing_knowledge_folder_says_what_to_set(tmp_path):
    with pytest.raises(CorpusError, match="COACH_KNOWLEDGE_DIR"):
        load_corpus(tmp_path / "nowhere")


def test_chunks_have_stable_ids_metadata_and_content_hashes(tmp_path):
    path = write(tmp_path, "knowledge/support/silence.md", ARTICLE)
    first = chunk_article(load_article(path, tmp_path))
    again = chunk_article(load_article(path, tmp_path))
    assert [c.id for c in first] == [
        "knowledge/support/silence.md#overview", "knowledge/support/silence.md#steps",
        "knowledge/support/silence.md#example-message", "knowledge/support/silence.md#when-not-to-do-this",
    ]
    assert [c.hash for c in first] == [c.hash for c in again]
    assert len({c.hash for c in first}) == len(first)
    steps = first[1]
    assert steps.metadata() | {} == {
        "source": "knowledge/support/silence.md", "title": "Following up after silence", "theme": "support",
        "heading": "Steps",
        "situations": "I asked my old teammate for a referral and she never replied | "
                      "he read my message asking for a call: nothing since",
        "tags": "no-reply, follow-up", "hash": steps.hash,
    }
    # embedded and matched lexically: title and heading, the situations, the tags as words, then the text
    assert steps.document.splitlines()[:4] == [
        "Following up after silence — Steps",
        "Situations: I asked my old teammate for a referral and she never replied. "
        "he read my message asking for a call: nothing since.",
        "Tags: no reply, follow up",
        "",
    ]
    assert steps.document.endswith("3. Stop after one nudge.")

    write(tmp_path, "knowledge/support/silence.md", ARTICLE.replace("Wait a week.", "Wait ten days."))
    edited = chunk_article(load_article(path, tmp_path))
    changed = [a.id for a, b in zip(first, edited, strict=True) if a.hash != b.hash]
    assert changed == ["knowledge/support/silence.md#steps"]

    # the situations and tags are part of every chunk's document, so editing them re-indexes the article
    write(tmp_path, "knowledge/support/silence.md", ARTICLE.replace("[no-reply, follow-up]", "[no-reply]"))
    retagged = chunk_article(load_article(path, tmp_path))
    assert [c.id for c in retagged] == [c.id for c in first]
    assert all(a.hash != b.hash for a, b in zip(first, retagged, strict=True))


def test_real_corpus_chunk_ids_are_unique(corpus):
    ids = [c.id for a in corpus for c in chunk_article(a)]
    assert len(ids) == len(set(ids))
    assert all("#" in i and i.startswith("knowledge/") for i in ids)


FIRST_PERSON = re.compile(r"\b(i|i'm|i've|i'd|i'll|me|my|we|we're|we've|our|ours|us)\b", re.IGNORECASE)
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


def grams(text: str, n: int = 6) -> set[str]:
    w = words(text)
    return {" ".join(w[i:i + n]) for i in range(len(w) - n + 1)}


def test_every_article_says_in_users_words_which_situations_it_answers(corpus):
    for article in corpus:
        assert 6 <= len(article.situations) <= 10, f"{article.path}: {len(article.situations)} situations, needs 6-10"
        title = " ".join(words(article.title))
        for situation in article.situations:
            assert len(situation.split()) >= 5 and not SLUG.match(situation), f"{article.path}: not a sentence: {situation!r}"
            assert FIRST_PERSON.search(situation), f"{article.path}: not in the first person: {situation!r}"
            assert title not in " ".join(words(situation)), f"{article.path}: the title reworded: {situation!r}"
        lengths = [len(s.split()) for s in article.situations]
        assert max(lengths) - min(lengths) >= 4, f"{article.path}: situations all of one length"


def test_every_article_keeps_slug_tags_and_a_valid_script_goal(corpus):
    for article in corpus:
        assert article.tags and all(SLUG.match(t) for t in article.tags), f"{article.path}: tags {article.tags}"
        declared = frontmatter.load(str(REPO / "coach" / "resources" / article.path)).metadata.get("script_goal")
        assert declared == article.script_goal, f"{article.path}: script_goal must be set explicitly"
        assert article.script_goal in SCRIPT_GOALS
    goals = {a.slug: a.script_goal for a in corpus}
    # the script goals a user would notice: a nudge after silence, a referral ask, no message for a feeling
    assert goals["no-reply-after-an-ask"] == "follow-up"
    assert goals["reconnecting-after-years-of-silence"] == "reconnect"
    assert goals["referral-from-a-former-colleague"] == "referral"
    assert goals["burnout-and-networking-fatigue"] == goals["impostor-feelings-at-events"] == "none"
    assert set(goals.values()) - {"none"} == set(GOALS), "some drafting goal is the script of no article"


def test_no_situation_appears_in_two_articles_or_repeats_another(corpus):
    owners: dict[str, list[str]] = {}
    for article in corpus:
        for situation in article.situations:
            owners.setdefault(" ".join(words(situation)), []).append(article.path)
    assert {s: paths for s, paths in owners.items() if len(paths) > 1} == {}
    # no phrasing is another one with a word or two swapped: no two share a run of six words
    rows = [(a.path, s) for a in corpus for s in a.situations]
    shared = [(x, y) for x, y in combinations(rows, 2) if grams(x[1]) & grams(y[1])]
    assert shared == []


def test_a_missing_script_goal_means_no_script_and_a_string_situation_is_one_phrasing(tmp_path):
    text = ARTICLE.replace("script_goal: follow-up\n", "").replace(
        "situations:\n  - I asked my old teammate for a referral and she never replied\n"
        "  - \"he read my message asking for a call: nothing since\"\n",
        "situations: I asked her for a referral, and she never replied\n")
    article = load_article(write(tmp_path, "knowledge/support/silence.md", text), tmp_path)
    assert article.script_goal == "none"
    assert article.situations == ["I asked her for a referral, and she never replied"]
