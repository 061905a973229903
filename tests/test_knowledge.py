"""The guidance corpus: valid front matter, enough articles per theme, stable chunks."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from coach.knowledge import (
    THEMES,
    CorpusError,
    article_steps,
    chunk_article,
    example_message,
    load_article,
    load_corpus,
)

REPO = Path(__file__).resolve().parent.parent
KNOWLEDGE = REPO / "knowledge"

ARTICLE = """---
title: Following up after silence
theme: support
situations: [no-reply, follow-up]
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
        "heading": "Steps", "situations": "no-reply, follow-up", "hash": steps.hash,
    }
    assert steps.document.startswith("Following up after silence — Steps")

    write(tmp_path, "knowledge/support/silence.md", ARTICLE.replace("Wait a week.", "Wait ten days."))
    edited = chunk_article(load_article(path, tmp_path))
    changed = [a.id for a, b in zip(first, edited, strict=True) if a.hash != b.hash]
    assert changed == ["knowledge/support/silence.md#steps"]


def test_real_corpus_chunk_ids_are_unique(corpus):
    ids = [c.id for a in corpus for c in chunk_article(a)]
    assert len(ids) == len(set(ids))
    assert all("#" in i and i.startswith("knowledge/") for i in ids)
