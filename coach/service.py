"""The coach: one object that owns the store, the retriever and the model, and does each job.

Heavy parts are created lazily and once; tests pass a scripted model and fake
embeddings instead. The CLI and the app talk to this class only.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import Any

from coach.config.settings import Settings
from coach.core.domain import Contact
from coach.core.messages import Advice, CheckReport, Draft, DraftRequest, Style


class Coach:
    def __init__(self, settings: Settings, *, store: Any = None, retriever: Any = None, model: Any = None,
                 embeddings: Any = None):
        self.settings = settings
        self._store, self._retriever, self._model, self._embeddings = store, retriever, model, embeddings

    # ------------------------------------------------------------ components
    @cached_property
    def store(self):
        if self._store is not None:
            return self._store
        from coach.crm.store import Store

        return Store.open(self.settings)

    @cached_property
    def retriever(self):
        if self._retriever is not None:
            return self._retriever
        from coach.retrieval.search import Retriever

        return Retriever(self.settings, embeddings=self._embeddings)

    @cached_property
    def model(self):
        if self._model is not None:
            return self._model
        from coach.llm.providers import make_chat_model

        return make_chat_model(self.settings.llm, self.settings)

    @property
    def model_name(self) -> str:
        return getattr(self._model, "model_name", None) or self.settings.llm

    @property
    def capable(self) -> bool:
        """Whether the model writes whole drafts (`writes_whole_drafts`); a scripted test model may say so itself."""
        from coach.llm.providers import writes_whole_drafts

        own = getattr(self._model, "capable", None)
        return bool(own) if own is not None else writes_whole_drafts(self.settings)

    @property
    def tool_calling(self) -> bool:
        """Whether chat runs as a tool-calling agent (`calls_tools`); a scripted model may say so."""
        from coach.llm.providers import calls_tools

        own = getattr(self._model, "tool_calling", None)
        return bool(own) if own is not None else calls_tools(self.settings)

    def contacts(self) -> list:
        """Every contact (without notes), cached until the store's revision moves."""
        revision = self.store.revision()
        if getattr(self, "_contacts_at", None) != revision:
            self._contacts = self.store.list_contacts()
            self._contacts_at = revision
        return self._contacts

    def synced_retriever(self, progress: Callable[..., None] | None = None):
        """The retriever, with the index brought up to date with the store and corpus (cheap when unchanged);
        `progress(n, total=None)` follows the items embedded."""
        self.retriever.ensure_synced(self.store, progress)
        return self.retriever

    def rebuild_index(self, progress: Callable[..., None] | None = None) -> list:
        """Drop the search index and build it again from the store and the corpus (a damaged index loses nothing:
        it is derived). A fresh retriever opens the new files; an injected one is rebuilt in place."""
        if self._retriever is not None:
            return self._retriever.rebuild(self.store, progress)
        from coach.retrieval.search import Retriever

        retriever = Retriever(self.settings, embeddings=self._embeddings)
        stats = retriever.rebuild(self.store, progress)
        self.__dict__["retriever"] = retriever  # replaces the cached one, which may hold the damaged files open
        return stats

    # ------------------------------------------------------------ jobs
    def resolve(self, to: str) -> Contact:
        """The one contact `to` means: an id, a name, or a name with what tells them apart ('Marcus Lee at
        Datadog', 'Marcus Lee (Datadog)'). Several fit: AmbiguousError with their ids, to ask back."""
        from coach.core.errors import AmbiguousError, NotFoundError
        from coach.crm.resolve import narrow, split_qualifier, who

        try:
            return self.store.resolve_contact(to)
        except (AmbiguousError, NotFoundError) as exc:
            name, qualifier = split_qualifier(to)
            if isinstance(exc, AmbiguousError) and exc.ids:
                fits = [c for c in self.contacts() if c.id in exc.ids]
                picked = narrow(fits, to)
                if len(picked) == 1 and len(fits) > 1:
                    return picked[0]
            if qualifier:
                found = who(f"{name} {qualifier}", self.contacts())
                if found.contact is not None:
                    return found.contact
            raise

    def draft(self, to: str, goal: str, channel: str, context: str = "", style: Style | None = None,
              on_token: Callable[[str], None] | None = None, candidates: int | None = None) -> Draft:
        """Draft to `to` (an id or a name, resolved once here); see `draft_request` for the typed form."""
        from coach.core.domain import validate

        validate(goal, channel)
        contact = self.resolve(to)
        request = DraftRequest(contact_id=contact.id, goal=goal, channel=channel, context=context,
                               style=style or Style())
        return self.draft_request(request, on_token=on_token, candidates=candidates)

    def draft_request(self, request: DraftRequest, on_token: Callable[[str], None] | None = None,
                      candidates: int | None = None) -> Draft:
        """Draft what a typed request asks for: the app's buttons, the chat and the agent's tool come here."""
        from coach.drafting.drafter import Drafter

        writer = None
        if self.settings.draft_writer != "compose" and not self.capable:
            from coach.drafting.writer import ADAPTER
            from coach.llm.providers import make_writer_model

            writer = make_writer_model(self.settings, ADAPTER)
        drafter = Drafter(store=self.store, retriever=self.retriever, model=self.model,
                          contacts=self.contacts,
                          model_name=self.model_name, candidates=candidates or self.settings.candidates,
                          premium=self.settings.linkedin_premium, on_token=on_token, capable=self.capable,
                          writer=writer, writer_mode=self.settings.draft_writer)
        return drafter.run(request)

    def check(self, text: str, channel: str, to: str | None = None, goal: str | None = None,
              context: str = "", edited_from: str | None = None) -> CheckReport:
        """Check a message the user wrote; with `goal` (and their `context`) its substance is checked too.

        `edited_from` is the coach's draft the user edited: what the user typed into it is theirs to say, so
        their own words count as grounds, like their request; the rest of the checks still apply."""
        from coach.checks import checker
        from coach.core.domain import validate
        from coach.core.text import clean

        validate(goal or "referral", channel)
        contact = self.resolve(to) if to else None
        context = " ".join(context.split())
        request = f"{context}\n{text}" if edited_from is not None else context
        from coach.crm.facts import book as factbook

        facts = factbook.facts(self.store, contact.id) if contact and contact.id else []
        # the request read as a draft's is (the people to meet, what to leave out): the same checks as a draft's
        from coach.drafting.request import read_request

        reading = read_request(context, contact) if contact and context and goal else None
        grounds = checker.Grounds(contact=contact, profile=self.store.get_profile(),
                                  others=self.contacts() if contact else [], goal=goal or "", context=context,
                                  request=request, facts=facts, reading=reading)  # the user's facts ground it too
        subject, body = clean(text)
        if channel == "email" and not subject and "\n" in text.strip():
            first, _, rest = text.strip().partition("\n")
            if len(first.split()) <= 10 and not first.rstrip().endswith((",", ".")):
                subject, body = first.strip(), rest.strip()
        return checker.check_message(body, channel, grounds, subject, self.settings.linkedin_premium)

    def advise(self, text: str, on_token: Callable[[str], None] | None = None, to: int | None = None) -> Advice:
        """Advice for `text`; `to` is a contact the user picked for the script (else only one they named)."""
        from coach.advice.adviser import Adviser

        return Adviser(store=self.store, retriever=self.synced_retriever(), model=self.model, contacts=self.contacts,
                       model_name=self.model_name, knowledge_dir=self.settings.knowledge_dir,
                       on_token=on_token, draft=self.draft, capable=self.capable, settings=self.settings,
                       embeddings=self._embeddings).run(text, to=to)

    def chat(self):
        from coach.conversation.chat import Chat

        return Chat(self)
