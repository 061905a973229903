"""Chat messages as plain data: `{"role", "content"}` dicts, the one form every model client here accepts."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

ROLES = {"human": "user", "ai": "assistant", "system": "system", "user": "user", "assistant": "assistant",
         "tool": "tool"}


def as_dicts(messages: str | Sequence[Any]) -> list[dict[str, str]]:
    """Chat messages as the API's dicts, from dicts or LangChain messages (which carry `type`); a bare string is
    one user message, as LangChain's models take it."""
    if isinstance(messages, str):
        return [{"role": "user", "content": messages}]
    out = []
    for m in messages:
        if isinstance(m, dict):
            out.append({"role": ROLES.get(m["role"], m["role"]), "content": str(m["content"])})
        else:
            out.append({"role": ROLES.get(m.type, "user"), "content": str(m.content)})
    return out
