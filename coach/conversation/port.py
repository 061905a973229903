"""What the conversation needs from the coach: the facade (`coach.service.Coach`) satisfies this Protocol, so the
chat, the router and the tool-calling agent depend on this small surface, never on the service above them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from coach.config.settings import Settings
from coach.core.domain import Contact
from coach.core.messages import Advice, CheckReport, Draft, DraftRequest


class Coaching(Protocol):
    settings: Settings

    @property
    def store(self) -> Any: ...

    @property
    def model(self) -> Any: ...

    @property
    def model_name(self) -> str: ...

    @property
    def tool_calling(self) -> bool: ...

    def contacts(self) -> list[Contact]: ...

    def synced_retriever(self) -> Any: ...

    def draft_request(self, request: DraftRequest, on_token: Callable[[str], None] | None = None,
                      candidates: int | None = None) -> Draft: ...

    def check(self, text: str, channel: str, to: str | None = None, goal: str | None = None,
              context: str = "", edited_from: str | None = None) -> CheckReport: ...

    def advise(self, text: str, on_token: Callable[[str], None] | None = None, to: int | None = None) -> Advice: ...
