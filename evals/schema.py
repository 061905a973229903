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

from coach.domain import Channel, Contact, Goal, Note, Profile
from coach.errors import ConfigurationError

SCHEMA_VERSION = 1
CASES_DIR = Path(__file__).resolve().parent / "cases"
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

    def to_contact(self) -> Contact:
        return Contact(first_name=self.first_name, last_name=self.last_name, company=self.company,
                       title=self.title, how_we_met=self.how_we_met, tags=self.tags,
                       notes=[Note(text=t) for t in self.notes])

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class DraftingCase(BaseModel):
    id: str = Field(pattern=r"^[a-z0-9-]+$")
    goal: Goal
    channel: Channel
    to: str = Field(description="Key of the recipient among the file's contacts.")
    context: str = ""
    premium: bool = False
    must_use: list[str] = Field(min_length=1, description="Facts a good draft uses; any one counts as personal.")
    must_not: list[str] = Field(default_factory=list, description="Strings a draft must never contain.")
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
    id: str = Field(pattern=r"^[a-z0-9-]+$")
    situation: str = Field(min_length=10)
    themes: list[str] = Field(min_length=1)
    must_include: list[str] = Field(default_factory=list, description="Ideas, each as alternatives 'a|b|c'.")
    helpful: list[str] = Field(default_factory=list, description="Keys of contacts a good answer suggests.")
    quick: bool = False

    def contact_keys(self) -> list[str]:
        return list(self.helpful)

    @field_validator("themes")
    @classmethod
    def _known_themes(cls, value: list[str]) -> list[str]:
        bad = [t for t in value if t not in THEMES]
        if bad:
            raise ValueError(f"unknown theme(s) {bad}: use {', '.join(THEMES)}")
        return value


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
