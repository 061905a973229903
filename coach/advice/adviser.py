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
   records which.
3. When the user names someone in their network, or the situation points to
   one ("my old manager from Bramble Bank"), the script is a checked draft to
   that person from the drafting machinery, with the article's `script_goal`.
   Otherwise it is the article's example made neutral, with slots the user
   fills; the example itself stays available, labelled as an example.
4. People who could help come from the user's own contacts (`coach.advice.people`).
"""

from __future__ import annotations

import re
import time
import weakref
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from coach.advice.fitting import fitted_script
from coach.advice.people import (
    Mentions,
    companies_mentioned,
    helpers,
    mentions_in,
    needs,
    pointed_person,
    private,
)
from coach.advice.ranking import about_another_thing, another_side, by_direction, following
from coach.advice.reader import Situation, read_situation, read_with_model, reconciled
from coach.advice.scripts import addressed, channel_of, neutral_script, unnamed_addressee
from coach.advice.situations import (
    IDEA_FIT,
    QUESTION_FIT,
    SITUATION,
    Match,
    Recogniser,
    corpus_vectors,
    model_key,
)
from coach.checks.grounds import PLACEHOLDER, claims
from coach.config.prompts import load_prompt
from coach.core.domain import GOALS, Contact, Profile
from coach.core.errors import MODEL_SERVER_ERRORS, CoachError, NotFoundError
from coach.core.messages import Advice, Citation, Draft
from coach.core.text import content_words, fold, last_question, sentences, stem
from coach.crm.relations import Person, current_employer, read_person
from coach.drafting.phrasing import situation_reason
from coach.retrieval.knowledge import (
    NO_SCRIPT_GOAL,
    OVERVIEW,
    Article,
    article_steps,
    corpus_stamp,
    example_message,
    load_corpus,
)

LEAD_STEPS, EXTRA_STEPS, ALONE_STEPS = 5, 2, 6
SUPPORTED_SHARE = 0.85
LOOSE_SITUATION = 0.36  # the lead's closest situation phrasing below this (and not first by body): a loose fit  # a model's sentence is kept when this share of its content words is in the articles



@lru_cache(maxsize=4)
def _corpus(directory: str, stamp: str) -> dict[str, Article]:
    return {a.path: a for a in load_corpus(Path(directory))}


def corpus(directory: Path) -> dict[str, Article]:
    """The articles by path, reloaded when a file changes."""
    return _corpus(str(directory), corpus_stamp(directory))


def opening(article: Article, sentences_: int = 2) -> str:
    """The first sentences of an article's overview."""
    intro = article.sections.get(OVERVIEW, "")
    return " ".join(sentences(" ".join(intro.split()))[:sentences_])


# ------------------------------------------------------------------ grounding a model's words
def supported(text: str, sources: str, situation: str, share: float = SUPPORTED_SHARE) -> bool:
    """Whether `text` says what `sources` say: most content words found there, and every name or number
    it states found in the sources or the user's own words."""
    found = content_words(text)
    if not found or PLACEHOLDER.search(text):
        return False
    vocabulary = {stem(w) for w in content_words(sources, min_len=1)}
    ratio = sum(stem(w) in vocabulary for w in found) / len(found)
    known = fold(f"{sources}\n{situation}")
    for _, value in claims(text):
        if not re.search(r"(?<![a-z0-9])" + re.escape(fold(value)) + r"(?![a-z0-9])", known):
            return False
    return ratio >= share


def parse_reply(reply: str) -> tuple[str, list[str]]:
    """'Summary: …' / 'Steps:' / '1. …' -> (summary, steps); a reply without a Steps line is all summary."""
    parts = re.split(r"(?im)^\W*steps\W*$", reply.strip(), maxsplit=1)
    summary = re.sub(r"(?i)^\W*summary\W*:\W*", "", parts[0].strip())
    steps = [m.group(1).strip() for m in re.finditer(r"(?m)^\s*\d+[.)]\s+(.+)$", parts[1])] if len(parts) > 1 else []
    return " ".join(summary.split()), steps


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
        self._summarise(advice, text, lead, second, recogniser, asked)
        mentions = self._mentions(text, people)
        if to is not None:  # a contact the user picked: the script is to them
            picked = [p for p in people if p.contact.id == to]
            if not picked:
                raise NotFoundError(f"No contact #{to}: pick one from `coach contacts list`.")
            mentions.named, mentions.ambiguous, mentions.pointed, mentions.maybe = picked, {}, None, []
        advice.related_contacts = helpers(text, people, mentions, lead.article.theme, _about(lead.article), profile)
        self._script(advice, text, lead.article, mentions, recogniser, notes, profile, picked=to is not None)
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

    # ------------------------------------------------------------------ summary
    def _summarise(self, advice: Advice, text: str, lead: Match, second: Match | None, recogniser: Recogniser,
                   asked: np.ndarray) -> None:
        """The key idea: the lead's overview sentences that best answer `asked` (the user's question, embedded)."""
        fit = QUESTION_FIT if last_question(text) else IDEA_FIT
        advice.summary = recogniser.key_idea(asked, lead.article, fit=fit) or opening(lead.article)
        if not self.capable:
            return
        cited = [lead.article] + ([second.article] if second else [])
        guidance = "\n\n".join(
            f"### {a.title}\n{a.sections.get(OVERVIEW, '')}\nSteps:\n"
            + "\n".join(f"{i}. {s}" for i, s in enumerate(article_steps(a), 1)) for a in cited)
        reply = self._ask(self.prompt.messages(situation=text, guidance=guidance))
        advice.prompt = self.prompt.ref
        summary, steps = parse_reply(reply)
        sources = "\n".join(f"{a.title}\n{a.body}" for a in cited)
        summary = " ".join(sentences(summary)[:3])
        if len(summary.split()) >= 6 and supported(summary, sources, text):
            advice.summary, advice.summary_source = summary, "model"
        if 3 <= len(steps) <= 7 and all(supported(s, sources, text) for s in steps):
            advice.steps = steps

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

    # ------------------------------------------------------------------ script
    def _script(self, advice: Advice, text: str, article: Article, mentions: Mentions, recogniser: Recogniser,
                notes: list[str], profile: Profile, picked: bool = False) -> None:
        spoken_for = article.script_directions or article.directions
        if advice.situation is not None and not picked and another_side(advice.situation, spoken_for):
            advice.script = advice.example = ""  # a message for another side of the situation helps nobody
            notes.append(f"No message to adapt: the one in “{article.title}” may speak for another side of this "
                         f"than yours. Say which it is and I will give you words for it.")
            return
        if advice.situation is not None and not picked and about_another_thing(article, advice.situation):
            advice.script = advice.example = ""  # its message is about another thing: the steps still help
            notes.append(f"No message to adapt: the one in “{article.title}” is about "
                         f"{' or '.join(article.about)}, and yours is about {advice.situation.stake}.")
            return
        nobody = "" if picked or mentions.named or mentions.pointed else unnamed_addressee(article, text)
        if nobody:  # a message to someone the user never mentions: the steps still help, the message would not
            advice.script = advice.example = ""
            notes.append(f"No message to adapt: the one in “{article.title}” is written to "
                         f"{'an' if nobody[0] in 'aeiou' else 'a'} {nobody}, and you do not mention one. Tell me "
                         f"who you will write to and I will give you words for them.")
            return
        neutral = neutral_script(advice.example, keep=f"{text}\n{profile.name}", slots=article.script_slots)
        advice.script, why = fitted_script(neutral, advice.example, advice.situation, f"{text}\n{profile.name}",
                                           article.title)
        if why:
            notes.append(why)
        for first, group in mentions.ambiguous.items():
            if not mentions.named:
                names = "; ".join(f"{p.contact.name}" + (f" ({p.contact.company})" if p.contact.company else "")
                                  for p in group)
                notes.append(f"Several of your contacts are called {first}: {names}. Name one in full for a "
                             f"message to them; until then the script leaves the name for you to fill.")
        offered = mentions.maybe[:1] or ([mentions.pointed] if mentions.pointed is not None else [])
        if offered and not mentions.named:  # a role word, or a name that may be a plain word: offered, never assumed
            p = offered[0].contact
            notes.append(f"Do you mean {p.name}" + (f" ({p.company})" if p.company else "") + "? Name them (or pick "
                         "them) for a message to them; until then the script leaves the name for you to fill.")
        person = self._recipient(text, mentions, article, recogniser)
        about = _about(article)
        if person is not None and all(person is not p for p in mentions.named) and private(article.theme, about) \
                and any(k in needs(article.theme, about)[1] for k in person.kinds()):
            person = None  # "my manager knows everyone": a discreet search writes to nobody it must avoid
        goal = article.script_goal
        if person is None:
            return
        contact = person.contact
        if goal == NO_SCRIPT_GOAL or self.draft is None or goal not in GOALS:  # no drafting goal (a decline):
            answered = advice.situation is not None and advice.situation.counterpart_id == contact.id
            if answered or picked:  # greet the one the user answers, never whom a request wants to reach
                advice.script = addressed(advice.script, contact.first_name or contact.name.split()[0])
                advice.script_contact_id, advice.script_contact = contact.id, contact.name
            return
        try:
            draft = self.draft(to=str(contact.id), goal=goal, channel=channel_of(article),
                               context=situation_reason(text))
        except MODEL_SERVER_ERRORS:
            raise  # the model server is down or broken: one sentence for the whole command, not a note
        except CoachError as exc:
            notes.append(f"No message to {contact.name}: {exc}")
            return
        failed = [c.name for c in draft.checks if c.hard and not c.passed]
        if failed:
            notes.append(f"The message to {contact.name} did not pass its checks ({', '.join(failed)}), so the "
                         f"script leaves the name for you to fill.")
            return
        advice.script, advice.script_kind, advice.script_draft = draft.text(), "draft", draft
        advice.script_contact_id, advice.script_contact = contact.id, contact.name
        advice.script_goal, advice.script_channel = draft.goal, draft.channel

    def _recipient(self, text: str, mentions: Mentions, article: Article, recogniser: Recogniser) -> Person | None:
        """Who the script is to: the one person named (or picked), else nobody. Of several named,
        the one in the sentences that read most like the article's situation ("…and Kwame just went quiet")."""
        if len(mentions.named) == 1:
            return mentions.named[0]
        if not mentions.named:
            return None  # nobody named: a role word ("the recruiter") is asked about in the note, never assumed
        parts = sentences(text)
        best: tuple[float, Person] | None = None
        for person in mentions.named:
            names = {person.contact.name, person.contact.first_name, person.contact.last_name} - {""}
            own = [s for s in parts if any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", s) for n in names)]
            if not own:
                continue
            score = float(np.mean([recogniser.vectors.similarities(recogniser.embed(s), article.path,
                                                                   SITUATION).max(initial=0.0) for s in own]))
            if best is None or score > best[0]:
                best = (score, person)
        return best[1] if best else mentions.named[0]


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


def _about(article: Article) -> str:
    """What the article is about, for matching what the situation needs: title, tags and file name."""
    return " ".join([article.title, *article.tags, article.slug]).replace("-", " ")


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
