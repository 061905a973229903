"""Advice for a situation: the right article, words that mean something, a script for the user's own people.

1. The situation is recognised by how close the user's words are to each
   article's `situations` phrasings, fused with the body retrieval
   (`coach.advice.situations`). When two articles fit, the one about the situation the
   user is in leads, steps come from both, and the note says so.
2. With the embedded model no free prose is written: the summary is the lead
   article's key idea, in its own words. A capable model writes the summary
   (and may tailor the steps) from the cited articles; its words are kept only
   when the articles support them (most content words found there, no name or
   number from elsewhere), else the article's words are used. `summary_source`
   records which (`coach.advice.summary`).
3. When the user names someone in their network, or the situation points to
   one ("my old manager from Bramble Bank"), the script is a checked draft to
   that person from the drafting machinery, with the article's `script_goal`.
   Otherwise it is the article's example made neutral, with slots the user
   fills; the example itself stays available, labelled as an example (`coach.advice.script_choice`).
4. People who could help come from the user's own contacts (`coach.advice.people`).
"""

from __future__ import annotations

import time
import weakref
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from coach.advice.people import Mentions, companies_mentioned, helpers, mentions_in, pointed_person
from coach.advice.ranking import by_direction, following
from coach.advice.reader import Situation, read_situation, read_with_model, reconciled
from coach.advice.script_choice import article_about, write_script
from coach.advice.situations import Match, Recogniser, corpus_vectors, model_key
from coach.advice.summary import summarise
from coach.config.prompts import load_prompt
from coach.core.domain import Contact, Profile
from coach.core.errors import NotFoundError
from coach.core.messages import Advice, Citation, Draft
from coach.core.text import fold, last_question
from coach.crm.relations import Person, current_employer, read_person
from coach.retrieval.knowledge import Article, article_steps, corpus_stamp, example_message, load_corpus

LEAD_STEPS, EXTRA_STEPS, ALONE_STEPS = 5, 2, 6
LOOSE_SITUATION = 0.36  # the lead's closest situation phrasing below this (and not first by body): a loose fit


@lru_cache(maxsize=4)
def _corpus(directory: str, stamp: str) -> dict[str, Article]:
    return {a.path: a for a in load_corpus(Path(directory))}


def corpus(directory: Path) -> dict[str, Article]:
    """The articles by path, reloaded when a file changes."""
    return _corpus(str(directory), corpus_stamp(directory))

class Adviser:
    def __init__(self, *, store: Any, retriever: Any, model: Any, model_name: str, knowledge_dir: Path,
                 on_token: Callable[[str], None] | None = None, contacts: Callable[[], list] | None = None,
                 draft: Callable[..., Draft] | None = None, capable: bool = False,
                 people: Callable[[], list[Contact]] | None = None, settings: Any = None, embeddings: Any = None):
        self.store, self.retriever, self.model = store, retriever, model
        self.people_source = people or store.all_contacts
        self.model_name, self.knowledge_dir, self.on_token = model_name, knowledge_dir, on_token
        self.draft, self.capable = draft, capable
        self.settings, self.embeddings = settings, embeddings
        self.prompt = load_prompt("advise")

    # ------------------------------------------------------------------ the answer
    def run(self, text: str, to: int | None = None) -> Advice:
        start = time.perf_counter()
        text = " ".join(text.split())
        if not text:
            raise NotFoundError("Describe the situation, for example `coach advise \"my referral led to a rejection\"`.")
        articles = corpus(self.knowledge_dir)
        if not articles:
            raise NotFoundError("No guidance is indexed yet: run `coach index`.")
        recogniser = self._recogniser(articles)
        query = recogniser.embed(text)
        profile = self.store.get_profile()
        people = self._people(profile)
        situation = self._read(text, people, recogniser, query)
        about = with_role(text, situation, people)  # "Farah keeps checking in": she is a recruiter
        matches = recogniser.rank(about, recogniser.embed(about) if about != text else query)
        situation = reconciled(situation, matches[0].article.directions)
        matches = by_direction(matches, situation)
        situation = following(situation, matches[0].article.directions)
        lead, second = matches[0], recogniser.second_fit(matches, text)
        question = last_question(text)  # what the user asks: the key idea and the first step answer it
        asked = recogniser.embed(question) if question and question != text else query
        notes: list[str] = []
        if loose(lead):  # said plainly rather than passed off as the situation the user describes
            notes.append(f"None of my guides is about exactly this. “{lead.article.title}” is the closest "
                         f"general guidance for {situation.phrase()}"
                         f", so take the steps that fit and leave the rest.")
        if second:
            steps = recogniser.best_steps(query, lead.article, LEAD_STEPS)
            extra = recogniser.best_steps(query, second.article, EXTRA_STEPS, avoid=steps)
            steps += extra
            notes.append(f"Leads with “{lead.article.title}”" + ("" if loose(lead) else ", the situation you describe")
                         + "; "
                         f"{_count(len(extra))} from “{second.article.title}”, which fits too.")
        else:
            steps = article_steps(lead.article)[:ALONE_STEPS]
        if question:
            steps = recogniser.answer_first(asked, lead.article, steps)
        cited = [lead.article] + ([second.article] if second else [])
        cited += [m.article for m in matches[1:] if m.article not in cited][: max(0, 3 - len(cited))]
        advice = Advice(situation=situation, title=lead.article.title, summary="", steps=steps,
                        example=example_message(lead.article),
                        citations=[Citation(source=a.path, title=a.title) for a in cited],
                        model=self.model_name)
        summarise(advice, text, lead, second, recogniser, asked, self.prompt,
                  self._ask if self.capable else None)
        mentions = self._mentions(text, people)
        if to is not None:  # a contact the user picked: the script is to them
            picked = [p for p in people if p.contact.id == to]
            if not picked:
                raise NotFoundError(f"No contact #{to}: pick one from `coach contacts list`.")
            mentions.named, mentions.ambiguous, mentions.pointed, mentions.maybe = picked, {}, None, []
        advice.related_contacts = helpers(text, people, mentions, lead.article.theme, article_about(lead.article),
                                          profile)
        write_script(advice, text, lead.article, mentions, recogniser, notes, profile, self.draft,
                     picked=to is not None)
        advice.note = " ".join(notes)
        advice.latency_ms = int((time.perf_counter() - start) * 1000)
        return advice

    def _read(self, text: str, people: list[Person], recogniser: Recogniser, query: np.ndarray) -> Situation:
        """The situation as data: rules and the direction classifier; a capable model fills the same schema."""
        reading = read_situation(text, [p.contact for p in people], embeddings=recogniser.embeddings, query=query,
                                 key=self._vectors_key, cache_dir=self._cache_dir)
        if self.capable:
            reading = read_with_model(text, self.model, reading)
        return reading

    def _recogniser(self, articles: dict[str, Article]) -> Recogniser:
        """The recogniser over the corpus vectors, embedded with the index's model (or, behind a retriever that
        shows no index, the configured one)."""
        index = getattr(self.retriever, "index", None)
        if index is not None:
            embeddings, name, home = index.embeddings, index.model_name, getattr(index.settings, "home", None)
        else:
            from coach.llm.providers import embeddings_key, make_embeddings

            embeddings = self.embeddings or make_embeddings(self.settings.embeddings, self.settings)
            name = embeddings_key(self.settings) if self.embeddings is None else type(self.embeddings).__name__
            home = self.settings.home
        self._vectors_key, self._cache_dir = model_key(embeddings, name), Path(home) / "cache" if home else None
        vectors = corpus_vectors(list(articles.values()), embeddings, self._vectors_key, self._cache_dir)
        return Recogniser(articles, vectors, embeddings, self.retriever)

    def _ask(self, messages: list) -> str:
        kwargs = {"max_tokens": 400, "temperature": 0.3}
        if not self.on_token:
            return str(self.model.invoke(messages, **kwargs).content)
        pieces = []
        for chunk in self.model.stream(messages, **kwargs):
            pieces.append(str(chunk.content))
            self.on_token(str(chunk.content))
        return "".join(pieces)

    # ------------------------------------------------------------------ people
    def _people(self, profile: Profile) -> list[Person]:
        employer = current_employer(profile)
        return [read_person(c, employer) for c in _contacts_with_notes(self.store, self.people_source)]

    def _mentions(self, text: str, people: list[Person]) -> Mentions:
        companies = companies_mentioned(text, people)
        mentions = mentions_in(text, people, companies)
        mentions.pointed = pointed_person(text, people, companies)
        return mentions


def loose(match: Match) -> bool:
    """Whether the best article fits only loosely: none of its situations reads like the user's words
    (cosine below LOOSE_SITUATION) and the body retrieval does not put it first either."""
    return match.situation < LOOSE_SITUATION and match.body_rank != 1


def with_role(text: str, situation: Situation, people: list[Person]) -> str:
    """The user's words, and when they named a contact, what that contact is ("Technical Recruiter at Meridian
    Health"), so the articles are ranked for who the counterpart is, not only for the words used."""
    person = next((p for p in people if situation.counterpart_id is not None
                   and p.contact.id == situation.counterpart_id), None)
    title = (person.contact.title or "").strip() if person else ""
    if not title or fold(title) in fold(text):
        return text
    return f"{text} ({person.contact.first_name or person.contact.name} is a {title}.)"


def _count(n: int) -> str:
    return {1: "one step", 2: "two steps", 3: "three steps"}.get(n, f"{n} steps")



_PEOPLE_CACHE: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _contacts_with_notes(store: Any, source: Callable[[], list[Contact]]) -> list[Contact]:
    """Every contact with notes and history, read once per store revision."""
    try:
        revision = int(store.revision())
        cached = _PEOPLE_CACHE.get(store)
    except (AttributeError, TypeError):
        return source()
    if cached is None or cached[0] != revision:
        cached = (revision, source())
        _PEOPLE_CACHE[store] = cached
    return cached[1]
