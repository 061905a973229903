"""Advice for difficult situations: the steps come from the guidance, the model only phrases around them.

The situation is recognised by retrieving the closest guidance article; its
steps (numbered, written by people) are the answer's backbone, its example
message is the script, and the model writes a two-sentence summary that is
checked like a draft (nothing it invents survives: a summary with an
unsupported name or number is replaced by the article's own opening).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from coach import checker
from coach.domain import Profile
from coach.errors import NotFoundError
from coach.knowledge import Article, article_steps, example_message, load_corpus
from coach.messages import Advice, Citation, RelatedContact
from coach.prompts import load_prompt

HELPFUL_TAGS = ("mentor", "recruiter", "hiring", "manager", "coach", "friend", "former-colleague")
THEME_TAGS = {
    "opportunities": ("recruiter", "hiring", "former-colleague", "referral"),
    "support": ("mentor", "friend", "coach", "former-colleague"),
    "mentorship": ("mentor", "coach"),
    "partnerships": ("founder", "partner", "investor", "client"),
    "visibility": ("organizer", "speaker", "community"),
}


@lru_cache(maxsize=4)
def _corpus(directory: str) -> dict[str, Article]:
    return {a.path: a for a in load_corpus(Path(directory))}


def opening(article: Article, sentences: int = 2) -> str:
    intro = article.body.split("\n## ", 1)[0].strip()
    intro = re.sub(r"^#.*$", "", intro, flags=re.MULTILINE).strip()
    return " ".join(checker.sentences(intro)[:sentences])


class Adviser:
    def __init__(self, *, store: Any, retriever: Any, model: Any, model_name: str, knowledge_dir: Path,
                 on_token: Callable[[str], None] | None = None, contacts: Callable[[], list] | None = None):
        self.store, self.retriever, self.model = store, retriever, model
        self.contacts = contacts or store.list_contacts
        self.model_name, self.knowledge_dir, self.on_token = model_name, knowledge_dir, on_token
        self.prompt = load_prompt("advise")

    def run(self, text: str) -> Advice:
        start = time.perf_counter()
        text = " ".join(text.split())
        if not text:
            raise NotFoundError("Describe the situation, for example `coach advise \"my referral led to a rejection\"`.")
        hits = self.retriever.search(text, kind="guidance", k=3)
        corpus = _corpus(str(self.knowledge_dir))
        articles = [corpus[h.source] for h in hits if h.source in corpus]
        if not articles:
            raise NotFoundError("No guidance is indexed yet: run `coach index`.")
        main = articles[0]
        steps = article_steps(main)[:5]
        for extra in articles[1:]:  # a fourth step from the next-closest article, if the first has few
            if len(steps) >= 3:
                break
            steps += article_steps(extra)[: 3 - len(steps)]
        summary = self._summary(text, main)
        related = self._related(text, main, self.store.get_profile())
        return Advice(
            situation=main.title, summary=summary, steps=steps, script=example_message(main),
            citations=[Citation(source=a.path, title=a.title) for a in articles],
            related_contacts=related, model=self.model_name, prompt=self.prompt.ref,
            latency_ms=int((time.perf_counter() - start) * 1000),
        )

    def _summary(self, text: str, article: Article) -> str:
        key_idea = opening(article, 2)
        messages = self.prompt.messages(situation=text, title=article.title, key_idea=key_idea)
        kwargs = {"max_tokens": 90, "temperature": 0.3, "seed": 7}
        if self.on_token:
            pieces = []
            for chunk in self.model.stream(messages, **kwargs):
                pieces.append(str(chunk.content))
                self.on_token(str(chunk.content))
            reply = "".join(pieces)
        else:
            reply = str(self.model.invoke(messages, **kwargs).content)
        summary = " ".join(checker.sentences(" ".join(reply.split()))[:2])
        grounds = checker.Grounds(request=f"{text}\n{article.body}")
        if (len(summary.split()) < 6 or checker.PLACEHOLDER.search(summary)
                or checker.unsupported_claims(summary, grounds)):
            return key_idea
        return summary

    def _related(self, text: str, article: Article, profile: Profile) -> list[RelatedContact]:
        contacts = self.contacts()
        folded = checker.fold(text)
        wanted_tags = set(THEME_TAGS.get(article.theme, HELPFUL_TAGS)) | {"mentor"}
        targets = {checker.fold(c) for c in profile.target_companies if c}
        out: list[RelatedContact] = []
        for c in contacts:
            why = ""
            if c.name and checker.fold(c.name) in folded:
                why = "you mentioned them"
            elif c.company and len(c.company) > 2 and re.search(
                    r"(?<![a-z0-9])" + re.escape(checker.fold(c.company)) + r"(?![a-z0-9])", folded):
                why = f"works at {c.company}, which you mentioned"
            elif c.company and checker.fold(c.company) in targets:
                why = f"works at {c.company}, one of your target companies"
            else:
                tags = [t for t in c.tags if checker.fold(t) in wanted_tags]
                if tags:
                    why = f"tagged {tags[0]}"
            if why:
                out.append(RelatedContact(id=c.id, name=c.name, company=c.company, why=why))
        order = {"you mentioned them": 0}
        out.sort(key=lambda r: (order.get(r.why, 1 if "mentioned" in r.why else 2 if "target" in r.why else 3),
                                r.name))
        return out[:5]
