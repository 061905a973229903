"""An optional judge: a stronger model grades each draft on a five-part rubric (1-5 each).

The judge is reached through the same provider seam as the coach's model
(`openai/<model>` against any OpenAI-compatible endpoint), with its prompt in
`prompts/judge.md`. A verdict the judge writes badly is counted as
unparsable, never crashed on. The embedded 135M model is refused as a judge:
it cannot grade reliably, and a model grading its own drafts proves nothing.
"""

from __future__ import annotations

import json
import re
from typing import Any

from pydantic import BaseModel, Field

from coach.config.prompts import load_prompt
from coach.core.errors import ConfigurationError

CRITERIA = ("relevant", "specific", "clear", "human", "low_friction")
_TOO_SMALL = re.compile(r"smollm2|135m|llamacpp/", re.IGNORECASE)
_OBJECT = re.compile(r"\{.*?\}", re.DOTALL)
_PAIR = re.compile(r"[\"']?(relevant|specific|clear|human|low[_ -]friction)[\"']?\s*[:=]\s*\"?([1-5])\b",
                   re.IGNORECASE)


class Verdict(BaseModel):
    scores: dict[str, int] | None = Field(default=None, description="criterion -> 1-5; None when unparsable.")
    reason: str = ""
    raw: str = ""
    error: str | None = None

    @property
    def parsed(self) -> bool:
        return self.scores is not None

    @property
    def mean(self) -> float | None:
        return sum(self.scores.values()) / len(self.scores) if self.scores else None


def check_judge_name(name: str) -> str:
    """Refuse the embedded 135M model (or anything named like it) as a judge."""
    if not name or "/" not in name:
        raise ConfigurationError(f"Unknown judge '{name}': use openai/<model>, e.g. --judge openai/gpt-4o-mini.")
    if _TOO_SMALL.search(name):
        raise ConfigurationError(
            f"'{name}' cannot be the judge: the embedded 135M model is too small to grade drafts. "
            "Use a stronger model through an OpenAI-compatible endpoint, e.g. --judge openai/gpt-4o-mini."
        )
    return name


def parse_verdict(raw: str) -> Verdict:
    """The five scores from a judge's reply: a JSON object (possibly fenced or wrapped in prose), else
    'criterion: n' pairs; anything missing or out of range makes the verdict unparsable."""
    text = raw.strip()
    for match in sorted(_OBJECT.findall(text.replace("\n", " ")), key=len, reverse=True):
        try:
            data = json.loads(match)
        except ValueError:
            continue
        if isinstance(data, dict):
            scores = _scores({str(k).lower().replace(" ", "_").replace("-", "_"): v for k, v in data.items()})
            if scores:
                return Verdict(scores=scores, reason=str(data.get("reason", ""))[:300], raw=raw)
    pairs = {k.lower().replace(" ", "_").replace("-", "_"): v for k, v in _PAIR.findall(text)}
    scores = _scores(pairs)
    if scores:
        return Verdict(scores=scores, raw=raw)
    return Verdict(raw=raw, error="unparsable verdict")


def _scores(data: dict[str, Any]) -> dict[str, int] | None:
    out: dict[str, int] = {}
    for name in CRITERIA:
        value = data.get(name)
        try:
            number = int(value) if not isinstance(value, bool) and float(value) == int(float(value)) else None
        except (TypeError, ValueError):
            return None
        if number is None or not 1 <= number <= 5:
            return None
        out[name] = number
    return out


class Judge:
    """Grades drafts with a chat model (passed in, so tests use a scripted one)."""

    def __init__(self, model: Any, name: str):
        self.model, self.name = model, check_judge_name(name)
        self.prompt = load_prompt("judge")

    @classmethod
    def from_name(cls, name: str, settings) -> Judge:
        from coach.llm.providers import make_chat_model

        check_judge_name(name)
        return cls(make_chat_model(name, settings), name)

    def grade(self, *, goal: str, channel: str, recipient: str, facts: list[str], message: str) -> Verdict:
        messages = self.prompt.messages(goal=goal, channel=channel, recipient=recipient,
                                        facts="\n".join(f"- {f}" for f in facts) or "- (none)", message=message)
        try:
            reply = self.model.invoke(messages, temperature=0, max_tokens=200)
        except Exception as exc:  # an endpoint failure is one unparsable verdict, not a lost run
            return Verdict(error=f"judge call failed: {type(exc).__name__}: {exc}"[:300])
        return parse_verdict(str(reply.content))
