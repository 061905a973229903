"""One typed Settings class, read at the edge (CLI, app) and passed down.

Values come from the environment, then a `.env` file in the working directory,
then the defaults below. Secrets are `SecretStr`: they are never printed,
logged or indexed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import platformdirs
from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_LLM = "llamacpp/smollm2"
DEFAULT_EMBEDDINGS = "local/all-MiniLM-L6-v2"
DEFAULT_EMBEDDINGS_BACKEND = "onnx-int8"
DEFAULT_LLM_TIMEOUT_S = 12.0


def _default_home() -> Path:
    return Path(platformdirs.user_data_dir("networking-coach", appauthor=False))


class Settings(BaseSettings):
    """Networking Coach settings (environment variables, `.env`, or CLI flags)."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    home: Path = Field(
        default_factory=_default_home,
        validation_alias="COACH_HOME",
        description="Data directory: the SQLite store, the Chroma index and the chat state live here.",
    )
    llm: str = Field(
        default=DEFAULT_LLM,
        validation_alias="COACH_LLM",
        description="Chat model as provider/model: 'llamacpp/smollm2' (embedded, offline) or 'openai/<model>'.",
    )
    llm_base_url: str | None = Field(
        default=None,
        validation_alias="COACH_LLM_BASE_URL",
        description="Base URL of an OpenAI-compatible server (Ollama, vLLM, LM Studio, llama_cpp.server).",
    )
    llm_timeout: float = Field(
        default=DEFAULT_LLM_TIMEOUT_S,
        ge=1,
        le=600,
        validation_alias="COACH_LLM_TIMEOUT",
        description="Seconds to wait for an OpenAI-compatible server's answer (its first piece when streamed) "
        "before saying it does not answer; raise it for a slow local server.",
    )
    openai_api_key: SecretStr | None = Field(
        default=None,
        validation_alias="OPENAI_API_KEY",
        description="API key for openai/<model>; local servers accept any non-empty value.",
    )
    embeddings: str = Field(
        default=DEFAULT_EMBEDDINGS,
        validation_alias="COACH_EMBEDDINGS",
        description="Embedding model: 'local/all-MiniLM-L6-v2' (embedded, offline) or 'openai/<model>'.",
    )
    embeddings_backend: Literal["onnx-int8", "torch"] = Field(
        default=DEFAULT_EMBEDDINGS_BACKEND,
        validation_alias="COACH_EMBEDDINGS_BACKEND",
        description="How the local embedding model runs: 'onnx-int8' (ONNX Runtime on an int8 copy of the shipped "
                    "weights, built once into the cache: about 1.6x less CPU per text, same retrieval hit@3) or "
                    "'torch' (sentence-transformers as packaged; also used where the int8 copy cannot be built). "
                    "Changing it re-embeds the index.",
    )
    chroma_url: str | None = Field(
        default=None,
        validation_alias="COACH_CHROMA_URL",
        description="http://host:port of a Chroma server; unset means an embedded index under COACH_HOME.",
    )
    database_url: str | None = Field(
        default=None,
        validation_alias="COACH_DATABASE_URL",
        description="Any SQLAlchemy URL (postgresql+psycopg://…); unset means SQLite under COACH_HOME.",
    )
    linkedin_premium: bool = Field(
        default=False,
        validation_alias="COACH_LINKEDIN_PREMIUM",
        description="LinkedIn Premium: connection notes may be 300 characters instead of 200.",
    )
    candidates: int = Field(
        default=4,
        ge=1,
        le=16,
        validation_alias="COACH_CANDIDATES",
        description="How many draft candidates the coach generates before checking and selecting.",
    )
    plan_size: int = Field(
        default=5,
        ge=1,
        le=50,
        validation_alias="COACH_PLAN_SIZE",
        description="How many people `coach plan` and the app's This week page propose each week, at most.",
    )
    draft_writer: Literal["compose", "trained", "both"] = Field(
        default="compose",
        validation_alias="COACH_DRAFT_WRITER",
        description="How the embedded tier writes a draft: composition from typed facts (compose), the trained "
                    "writer, SmolLM2 with a LoRA adapter trained on fact-to-message data (trained), or both with "
                    "the checker choosing. The trained writer's drafts pass the same checks or are not used "
                    "(training/RESULT.md says why compose is the default).",
    )
    llm_tier: Literal["auto", "embedded", "capable"] = Field(
        default="auto",
        validation_alias="COACH_LLM_TIER",
        description="How the coach uses the chat model: 'embedded' (a small model: composition from verified facts "
                    "writes the message), 'capable' (the model writes the whole draft and revises it when told what "
                    "failed); 'auto' means capable for openai/<model>, embedded otherwise.",
    )
    agent: Literal["auto", "on", "off"] = Field(
        default="auto",
        validation_alias="COACH_AGENT",
        description="Chat as a tool-calling agent (the model picks the coach's tools: find contacts, draft, advise, "
                    "log…): 'on', 'off' (the rule router), or 'auto': on for openai/<model>, which can call tools; "
                    "off for the embedded model, which cannot.",
    )
    llm_threads: int = Field(
        default=0,
        ge=0,
        validation_alias="COACH_LLM_THREADS",
        description="CPU threads for the embedded model; 0 (the default): every core other processes leave "
                    "free, measured before each generation (one thread waiting at a barrier for a core another "
                    "program holds makes a draft several times slower).",
    )

    llm_extra_buffers: Literal["auto", "on", "off"] = Field(
        default="auto",
        validation_alias="COACH_LLM_EXTRA_BUFFERS",
        description="llama.cpp's extra CPU buffer types (AMX tiles, repacked weights) for the embedded model: "
                    "auto (decided per machine, see coach/llm/cpu.py: off where the CPU reports AMX that the OS or "
                    "hypervisor does not grant, which would crash), on, or off.",
    )
    llm_weights: Literal["Q4_0", "Q8_0", "shipped"] = Field(
        default="Q4_0",
        validation_alias="COACH_LLM_WEIGHTS",
        description="The embedded model's weight format: converted once from the shipped Q4_1 into the cache, "
                    "because llama.cpp decodes several candidates together quickly only in some formats "
                    "(Q4_0: fastest; Q8_0: closest to the shipped weights; shipped: as packaged).",
    )


    app_password: SecretStr | None = Field(
        default=None,
        validation_alias="COACH_APP_PASSWORD",
        description="Password the app asks for before showing anything; required to serve beyond 127.0.0.1.",
    )
    knowledge_dir: Path = Field(
        default_factory=lambda: Path(__file__).resolve().parent.parent / "resources" / "knowledge",
        validation_alias="COACH_KNOWLEDGE_DIR",
        description="The guidance corpus: Markdown articles with YAML front matter.",
    )

    @field_validator("home", mode="before")
    @classmethod
    def _expand_home(cls, value: Any) -> Any:
        if isinstance(value, str) and value.strip():
            return Path(value).expanduser()
        return value

    @field_validator("llm_base_url", "chroma_url", "database_url", mode="before")
    @classmethod
    def _blank_is_unset(cls, value: Any) -> Any:
        if isinstance(value, str) and not value.strip():
            return None
        return value

    # Derived locations -------------------------------------------------
    @property
    def sqlalchemy_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.home / 'coach.db'}"

    @property
    def chroma_path(self) -> Path:
        return self.home / "chroma"

    @property
    def checkpoint_path(self) -> Path:
        return self.home / "conversations.sqlite"

    @property
    def note_limit(self) -> int:
        return 300 if self.linkedin_premium else 200

    def ensure_home(self) -> Path:
        """COACH_HOME, made (or tightened to) 0700; from here on this process writes files 0600."""
        from coach.core.files import private_home

        return private_home(self.home)

    def public_dict(self) -> dict[str, Any]:
        """Every setting in force by its variable's name, secrets masked, for `coach doctor` and the app."""
        out: dict[str, Any] = {}
        for name, field in type(self).model_fields.items():
            value = getattr(self, name)
            if isinstance(value, SecretStr):
                value = _mask_secret(value.get_secret_value()) if name == "openai_api_key" else "set"
            elif name == "database_url" and value:
                value = _mask_url(value)
            elif isinstance(value, Path):
                value = str(value)
            out[str(field.validation_alias)] = value
        return out


def _mask_secret(key: str) -> str | None:
    """The first three and last two characters of a long key, 'set' for a short one."""
    return (key[:3] + "…" + key[-2:]) if len(key) > 8 else ("set" if key else None)


def _mask_url(url: str) -> str:
    """Hide a password inside a database URL."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # an unparsable URL is reported by the database check
        return url


def load_settings(**overrides: Any) -> Settings:
    """Read settings from the environment and `.env`; keyword overrides win (CLI flags)."""
    from pydantic import ValidationError

    from coach.core.errors import ConfigurationError

    aliases = {name: (f.validation_alias or name) for name, f in Settings.model_fields.items()}
    values = {aliases.get(k, k): v for k, v in overrides.items() if v is not None}
    try:
        return Settings(**values)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ())) or "settings"
        raise ConfigurationError(f"Invalid setting {where}: {first.get('msg')}.") from None
