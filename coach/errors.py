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
