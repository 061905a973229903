"""The project's error hierarchy.

Every message says what went wrong and what to do about it, in one sentence.
The CLI and the app catch `CoachError` at the boundary; anything else is a bug
and is allowed to surface.
"""

from __future__ import annotations


class CoachError(Exception):
    """Base class: a problem the user can act on."""

    exit_code = 2


class ConfigurationError(CoachError):
    """A setting is missing, unknown or inconsistent."""


class ProviderError(CoachError):
    """A model or server could not be reached or answered badly."""

    exit_code = 1


class ModelServerError(ProviderError):
    """The model server answered badly, failed or hung: something the user must look at (exit 2)."""

    exit_code = 2


class ModelServerConfigurationError(ConfigurationError):
    """The model server's setting is wrong (nothing there, no such model, a refused key)."""


MODEL_SERVER_ERRORS = (ModelServerError, ModelServerConfigurationError)  # a step that goes on without the model
# (advice without its message) must still stop on these: the next step would fail the same way


class ImportFormatError(CoachError):
    """A file could not be read or recognised as a contacts export."""


class NotFoundError(CoachError):
    """A contact, article or other item does not exist."""


class AmbiguousError(CoachError):
    """A name matches several items; the message lists them."""

    def __init__(self, message: str, candidates: list[str] | None = None, ids: list[int] | None = None):
        super().__init__(message)
        self.candidates = candidates or []
        self.ids = ids or []  # the items' ids, in the order of `candidates`, where they have ids


class InputError(CoachError):
    """A value the user gave is invalid (a bad date, an empty name, an unknown goal)."""


class PromptError(CoachError):
    """A prompt template is missing or was rendered without a required variable."""

    exit_code = 1


OPENAI_DEFAULT_URL = "https://api.openai.com/v1"


BAD_BODY = {"JSONDecodeError", "APIResponseValidationError", "ValidationError"}


def _raised_by_vendor(exc: BaseException) -> bool:
    """Raised inside the openai or langchain_openai packages (parsing what the server sent), not in our code."""
    tb = exc.__traceback__
    last = None
    while tb is not None:
        last = tb
        tb = tb.tb_next
    module = str(last.tb_frame.f_globals.get("__name__", "")) if last else ""
    return module.split(".")[0] in ("openai", "langchain_openai", "httpx", "json", "pydantic")


def model_server_error(exc: BaseException, url: str | None, model: str) -> CoachError | None:
    """The one sentence for an error from an OpenAI-compatible model server, or None when it is not one.

    Every sentence names the URL and the COACH_LLM_BASE_URL setting, and every one exits 2 (the user has
    something to fix or check). Nothing listening, no such host, an unknown model or a refused key is
    configuration; a server that fails (HTTP 5xx), answers with something that is not a chat completion
    (HTML, an empty body, broken JSON, JSON without `choices`) or sends nothing within the read timeout is
    a ModelServerError. Matched by class name so that no vendor module is imported here.
    """
    where = url or OPENAI_DEFAULT_URL
    names = {c.__name__ for c in type(exc).__mro__}
    causes: set[str] = set()
    seen = exc.__cause__ or exc.__context__
    while seen is not None and len(causes) < 20:
        causes.update(c.__name__ for c in type(seen).__mro__)
        seen = seen.__cause__ or seen.__context__
    status = getattr(exc, "status_code", None)
    if "APITimeoutError" in names and "ConnectTimeout" not in causes:
        return ModelServerError(f"The model server at {where} sent nothing in time (it accepts connections but "
                                "does not answer): restart it, or set COACH_LLM_BASE_URL to one that answers.")
    if "APIConnectionError" in names:
        return ModelServerConfigurationError(f"Cannot reach the model server at {where} (nothing answers there): start the "
                                  "server, or fix COACH_LLM_BASE_URL.")
    if status == 404 or "NotFoundError" in names:
        return ModelServerConfigurationError(f"The model server at {where} has no model '{model}' (HTTP 404): set "
                                  "COACH_LLM=openai/<a model it serves>, or fix COACH_LLM_BASE_URL.")
    if status in (401, 403):
        return ModelServerConfigurationError(f"The model server at {where} refused the API key (HTTP {status}): set "
                                  "OPENAI_API_KEY, or fix COACH_LLM_BASE_URL.")
    if isinstance(status, int):
        message = " ".join(str(getattr(exc, "message", "") or exc).split())[:120].rstrip(".")
        return ModelServerError(f"The model server at {where} failed (HTTP {status}: {message}): check the "
                                "server's log, or set COACH_LLM_BASE_URL to another server.")
    if names & BAD_BODY or (names & {"KeyError", "TypeError", "AttributeError", "ValueError"}
                            and _raised_by_vendor(exc)):
        return ModelServerError(f"The model server at {where} did not answer like an OpenAI-compatible server "
                                "(no chat completion in its reply): check that COACH_LLM_BASE_URL is the "
                                "server's /v1 address.")
    return None
