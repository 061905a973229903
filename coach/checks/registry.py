"""The checks' registry: a check is one small function registered with its weight and whether it is hard.

The form checks (`coach.checks.checker`) and the substance checks (`coach.checks.substance`) register here;
`checker.check_message` runs every registered check.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from coach.checks.grounds import Grounds
from coach.core.text import strip_frame
from coach.crm.facts.names import greeting_name


@dataclass
class Message:
    """One message under check, with what the checks need computed once."""

    body: str
    channel: str
    grounds: Grounds
    subject: str = ""
    premium: bool = False

    @cached_property
    def text(self) -> str:
        return f"{self.subject}\n{self.body}" if self.subject else self.body

    @cached_property
    def first(self) -> str:
        return greeting_name(self.grounds.contact, self.grounds.request) if self.grounds.contact else ""

    @cached_property
    def core(self) -> str:
        """The body without its greeting word and name and its sign-off: what is said to the person."""
        return strip_frame(self.body)


@dataclass
class Verdict:
    passed: bool
    detail: str
    suggestion: str = ""
    hard: bool | None = None  # overrides the check's own flag (a greeting is hard only when it names someone else)


@dataclass(frozen=True)
class Check:
    name: str
    weight: int
    hard: bool
    run: Callable[[Message], Verdict | None] = field(compare=False)
    about: str = ""


REGISTRY: dict[str, Check] = {}


def check(name: str, weight: int, hard: bool = False) -> Callable:
    """Register a check: `fn(message) -> Verdict`, or None when it does not apply to this message."""

    def register(fn: Callable[[Message], Verdict | None]) -> Callable[[Message], Verdict | None]:
        REGISTRY[name] = Check(name, weight, hard, fn, (fn.__doc__ or "").strip().split("\n")[0])
        return fn

    return register
