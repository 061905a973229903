"""The evaluation's data: cases (read from evals/cases/*.yaml) and the report (written as report.json).

Cases are validated when loaded, so a typo in a YAML file fails with the file
and the case named, before any model call. The report carries
`schema_version`; bump it when a field changes meaning.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, Field, ValidationError, field_validator, model_validator

from coach.core.domain import Channel, Contact, Goal, Interaction, Note, Profile
from coach.core.errors import ConfigurationError

SCHEMA_VERSION = 1
CASES_DIR = Path(__file__).resolve().parent / "cases"
REPO = CASES_DIR.parent.parent
THEMES = ("opportunities", "mentorship", "visibility", "partnerships", "support", "craft", "maintenance")
SUITES = ("drafting", "advice", "retrieval")


# ---------------------------------------------------------------- cases
class CaseContact(BaseModel):
    """A fictional contact of a case file; `key` is how cases refer to it."""

    key: str
    first_name: str
    last_name: str = ""
    company: str = ""
    title: str = ""
    how_we_met: str = ""
    tags: list[str] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    last_contacted: dt.date | None = Field(default=None, description="When the user last spoke with them.")
    interactions: list[Interaction] = Field(default_factory=list, description="Conversations, with dates; the "
                                            "latest also sets last_contacted.")

    def to_contact(self) -> Contact:
        return Contact(first_name=self.first_name, last_name=self.last_name, company=self.company,
                       title=self.title, how_we_met=self.how_we_met, tags=self.tags,
                       notes=[Note(text=t) for t in self.notes], last_contacted=self.last_contacted,
                       interactions=list(self.interactions))

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class DraftingCase(BaseModel):
    """One message to write, and what a draft a person would send must and must never say (evals/sendable.py)."""

    id: str = Field(pattern=r"^[a-z0-9-]+$")
    goal: Goal
    channel: Channel
    to: str = Field(description="Key of the recipient among the file's contacts.")
    context: str = Field(default="", description="The user's request, in their own words.")
    premium: bool = False
    must_contain: list[str] = Field(min_length=1, description="Groups of alternatives 'a|b|c' (whole words; "
                                    "'promot*' is a prefix); every group must appear.")
    must_never: list[str] = Field(default_factory=list, description="Strings a draft must never contain.")
    third_party: list[str] = Field(default_factory=list, description="People the message may speak of as "
                                   "he/she (the person to be introduced).")
    reference: str = Field(min_length=20, description="A sendable draft (email: first line 'Subject: ...').")
    quick: bool = False

    def contact_keys(self) -> list[str]:
        return [self.to]


class CaseSet(BaseModel):
    """A case file: the user's profile, the fictional contacts, and cases that refer to them by key."""

    version: int = 1
    profile: Profile
    contacts: list[CaseContact]
    cases: list

    @model_validator(mode="after")
    def _unique(self) -> CaseSet:
        keys = [c.key for c in self.contacts]
        if len(set(keys)) != len(keys):
            raise ValueError("contact keys must be unique")
        ids = [c.id for c in self.cases]
        if len(set(ids)) != len(ids):
            raise ValueError("case ids must be unique")
        for case in self.cases:
            unknown = [k for k in case.contact_keys() if k not in keys]
            if unknown:
                raise ValueError(f"case {case.id}: unknown contact(s) {unknown}")
        return self

    def contact(self, key: str) -> CaseContact:
        return next(c for c in self.contacts if c.key == key)


class DraftingSet(CaseSet):
    cases: list[DraftingCase]


class AdviceCase(BaseModel):
    """A difficult situation in the user's words, the article that should lead the answer, and who can help."""

    id: str = Field(pattern=r"^[a-z0-9-]+$")
    situation: str = Field(min_length=10)
    lead: str = Field(description="The article that answers this situation, knowledge/<theme>/<slug>.md.")
    also: list[str] = Field(default_factory=list, description="Other articles that fit (acceptable in the top 3).")
    must_include: list[str] = Field(default_factory=list, description="Ideas, each as alternatives 'a|b|c'.")
    helpful: list[str] = Field(default_factory=list, description="Keys of contacts a good answer suggests.")
    direction: str | None = Field(default=None, description="Who acts in the situation (asking, asked, declining, "
                                  "repairing, following-up, thanking, announcing, starting, other): what the "
                                  "reading should say and the lead article must serve.")
    script_to: str | None = Field(default=None, description="Key of the contact the script should be a draft "
                                  "to; null: a neutral script that greets nobody by name (or leaves a slot).")
    quick: bool = False

    def contact_keys(self) -> list[str]:
        return list(self.helpful) + ([self.script_to] if self.script_to else [])

    @property
    def themes(self) -> list[str]:
        return list(dict.fromkeys(_theme(p) for p in [self.lead, *self.also]))

    @field_validator("lead", "also")
    @classmethod
    def _articles_exist(cls, value: str | list[str]) -> str | list[str]:
        for path in [value] if isinstance(value, str) else value:
            if _theme(path) not in THEMES or not (REPO / "coach" / "resources" / path).is_file():
                raise ValueError(f"no article {path}: give a path like knowledge/support/no-reply-after-an-ask.md")
        return value


def _theme(path: str) -> str:
    parts = path.split("/")
    return parts[1] if len(parts) == 3 and parts[0] == "knowledge" else ""


class AdviceSet(CaseSet):
    cases: list[AdviceCase]


def _load(path: Path, model: type[BaseModel]) -> Any:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigurationError(f"Cannot read the eval cases {path} ({exc}); restore it from the repository.") \
            from None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ()))
        raise ConfigurationError(f"Invalid eval cases in {path} at {where}: {first.get('msg')}.") from None


def load_drafting(path: Path | None = None) -> DraftingSet:
    return _load(path or CASES_DIR / "drafting.yaml", DraftingSet)


def load_advice(path: Path | None = None) -> AdviceSet:
    return _load(path or CASES_DIR / "advice.yaml", AdviceSet)


def select(cases: list, quick: bool = False, pattern: str | None = None) -> list:
    """The quick subset and/or the cases whose id matches `pattern` (a regular expression or substring)."""
    out = [c for c in cases if c.quick] if quick else list(cases)
    if pattern:
        try:
            rx = re.compile(pattern)
        except re.error:
            rx = re.compile(re.escape(pattern))
        out = [c for c in out if rx.search(c.id)]
    return out


# ---------------------------------------------------------------- report
class CaseResult(BaseModel):
    suite: str
    id: str
    input: dict[str, Any] = Field(default_factory=dict, description="What the case asked for.")
    output: dict[str, Any] = Field(default_factory=dict, description="What the coach produced.")
    metrics: dict[str, float | None] = Field(default_factory=dict)
    details: dict[str, Any] = Field(default_factory=dict, description="Why each metric scored as it did.")
    judge: dict[str, Any] | None = None
    error: str | None = None


class MetricResult(BaseModel):
    name: str = Field(description="suite.metric, e.g. drafting.hard_pass_rate.")
    value: float | None
    higher_is_better: bool = True
    deterministic: bool = True
    threshold: float | None = None
    passed: bool | None = Field(default=None, description="Against evals/thresholds.yaml; None when no threshold.")


class SuiteResult(BaseModel):
    name: str
    cases: list[CaseResult] = Field(default_factory=list)
    metrics: dict[str, float | None] = Field(default_factory=dict)
    extra: dict[str, Any] = Field(default_factory=dict)
    seconds: float = 0.0


class Report(BaseModel):
    schema_version: int = SCHEMA_VERSION
    created: str = Field(default_factory=lambda: dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))
    commit: str = ""
    model: str
    embeddings: str
    judge: str | None = None
    prompts: dict[str, str] = Field(default_factory=dict, description="name -> name@version.")
    candidates: int
    quick: bool = False
    pattern: str | None = None
    suites: dict[str, SuiteResult] = Field(default_factory=dict)
    metrics: list[MetricResult] = Field(default_factory=list, description="Every suite's headline metrics, flat.")
    seconds: float = 0.0

    def metric(self, name: str) -> MetricResult | None:
        return next((m for m in self.metrics if m.name == name), None)

    @property
    def strict_failures(self) -> list[MetricResult]:
        return [m for m in self.metrics if m.passed is False]


def load_report(path: Path) -> Report:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.suffix in (".yaml", ".yml") else None
        if data is None:
            import json

            data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigurationError(f"Cannot read the baseline report {path} ({exc}); pass a report.json "
                                 "written by `coach eval`.") from None
    version = data.get("schema_version") if isinstance(data, dict) else None
    if version != SCHEMA_VERSION:
        raise ConfigurationError(f"The baseline {path} has schema_version {version}, this coach writes "
                                 f"{SCHEMA_VERSION}; re-run `coach eval` on the baseline commit.")
    try:
        return Report.model_validate(data)
    except ValidationError as exc:
        raise ConfigurationError(f"The baseline {path} is not a coach eval report ({exc.errors()[0]['msg']}).") \
            from None
